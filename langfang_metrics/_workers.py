"""Worker processes: how many CPUs a run may use, and a small pool of fresh interpreters.

The figures stage draws charts in several processes. ``multiprocessing``'s "spawn" start
method runs the caller's main script again in every worker (a script without an
``if __name__ == "__main__"`` guard would fail), and "fork" copies a process that may hold
threads (a Jupyter kernel does). So the pool here starts each worker as
``python -m langfang_metrics._workers``, talks to it over its standard input and a private
output pipe (:class:`WorkerPool`), and makes it die with its parent: a run killed with SIGKILL leaves no worker
behind going on writing into a staging folder the next run sweeps.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import traceback
from collections.abc import Sequence

_HEADER = struct.Struct("!Q")

#: Workers need to inherit a pipe (``pass_fds``), which only POSIX systems offer; elsewhere
#: callers do the work in their own process.
SUPPORTED = os.name == "posix"


def available_cpus() -> int:
    """CPUs this process may use: ``os.process_cpu_count()`` (3.13+), else its affinity mask."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        n = count()
    elif hasattr(os, "sched_getaffinity"):
        n = len(os.sched_getaffinity(0))
    else:
        n = os.cpu_count()
    return max(1, n or 1)


def _send(stream, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream):
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def _resolve(name: str):
    module, _, attr = name.partition(":")
    return getattr(importlib.import_module(module), attr)


class WorkerPool:
    """Up to ``jobs`` worker processes that call functions on items one at a time.

    Each worker calls ``state = setup(context)`` once; :meth:`map` then hands items out one
    at a time to whichever worker is free and calls ``func(state, item)`` there. Use it as a
    context manager: leaving it closes the workers' input and waits for them to end.

    Parameters
    ----------
    jobs : int
        Worker processes started.
    setup : str
        ``"package.module:function"``, resolved in each worker (with the parent's
        ``sys.path``).
    context : object
        Picklable; sent once to each worker.

    Examples
    --------
    >>> with WorkerPool(2, setup="builtins:len", context="abc") as pool:  # doctest: +SKIP
    ...     pool.map("operator:add", [1, 2])
    [4, 5]
    """

    def __init__(self, jobs: int, *, setup: str, context) -> None:
        self._procs: list[tuple[subprocess.Popen, object]] = []
        try:
            for _ in range(max(1, jobs)):
                read_fd, write_fd = os.pipe()
                proc = subprocess.Popen(
                    [sys.executable, "-m", __name__, str(write_fd)],
                    stdin=subprocess.PIPE, pass_fds=(write_fd,), close_fds=True,
                )  # fmt: skip
                os.close(write_fd)
                self._procs.append((proc, os.fdopen(read_fd, "rb")))
                _send(proc.stdin, (os.getpid(), sys.path))  # first, so the context unpickles
                _send(proc.stdin, (setup, context))
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def map(self, func: str, items: Sequence) -> list:
        """``func(state, item)`` for each item, in the workers; results in item order.

        Raises
        ------
        Exception
            The first item's exception, with the worker's traceback as a note, once the
            items already being worked on are finished (no worker stops half-way through a
            file).
        """
        import selectors

        results: list = [None] * len(items)
        todo = list(enumerate(items))[::-1]
        failure: BaseException | None = None
        busy = 0
        with selectors.DefaultSelector() as sel:
            for proc, reply in self._procs:
                sel.register(reply, selectors.EVENT_READ, proc)
                if todo:
                    _send(proc.stdin, (func, *todo.pop()))
                    busy += 1
            while busy:
                for key, _ in sel.select():
                    proc = key.data
                    try:
                        index, ok, value, trace = _receive(key.fileobj)
                    except EOFError:
                        raise RuntimeError(
                            f"a worker process ended unexpectedly (exit code {proc.wait()})"
                        ) from None
                    busy -= 1
                    if ok:
                        results[index] = value
                    elif failure is None:
                        failure = value
                        failure.add_note(f"in worker process {proc.pid}:\n{trace}")
                    if todo and failure is None:
                        _send(proc.stdin, (func, *todo.pop()))
                        busy += 1
        if failure is not None:
            raise failure
        return results

    def close(self) -> None:
        """Close the workers' input and wait for them to end."""
        for proc, _ in self._procs:
            try:
                proc.stdin.close()
            except OSError:
                pass
        for proc, reply in self._procs:
            proc.wait()
            reply.close()
        self._procs = []


def _die_with_parent(parent_pid: int) -> None:
    """End this worker when its parent dies: at once on Linux (``PR_SET_PDEATHSIG``)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the signal was arranged
        os._exit(1)


def _worker_main(reply_fd: int) -> int:
    # a Ctrl-C is the parent's to handle: it closes the pool, and each worker ends once its
    # item is done (a KeyboardInterrupt traceback from every worker said nothing more)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the protocol owns stdin and the reply pipe; anything printed goes to stderr
    reply = os.fdopen(reply_fd, "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    try:
        parent, path = _receive(requests)
    except EOFError:
        return 0
    _die_with_parent(parent)
    sys.path[:] = path  # the context and functions resolve as they did in the parent
    try:
        setup, context = _receive(requests)
        state, failed = _resolve(setup)(context), None
    except EOFError:
        return 0
    except Exception as exc:  # reported as the failure of every item this worker is given
        state, failed = None, exc
    while True:
        try:
            func, index, item = _receive(requests)
        except EOFError:
            return 0
        try:
            if failed is not None:
                raise failed
            answer = (index, True, _resolve(func)(state, item), "")
        except Exception as exc:  # every failure goes back to the parent
            answer = (index, False, exc, traceback.format_exc())
            try:
                pickle.dumps(exc)
            except Exception:  # one that cannot travel is described
                answer = (index, False, RuntimeError(repr(exc)), answer[3])
        _send(reply, answer)


if __name__ == "__main__":
    sys.exit(_worker_main(int(sys.argv[1])))
