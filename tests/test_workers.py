"""The worker pool the figures stage draws with: order, failures, output, and no orphans."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from langfang_metrics import _workers


def _setup_offset(context):
    return context


def _add(state, item):
    return state + item


def _chatty(state, item):
    print("this goes to stderr, not into the reply pipe", item)
    return item * 2


def _fail_on_three(state, item):
    if item == 3:
        raise ValueError(f"item {item} is bad")
    return item


def _bad_setup(context):
    raise KeyError("no such figure")


def _worker_pid(state, item):
    return os.getpid()


HERE = f"{__name__}"


def test_available_cpus_is_a_positive_count():
    assert 1 <= _workers.available_cpus() <= (os.cpu_count() or 1)


def test_results_come_back_in_item_order_whichever_worker_did_them():
    items = list(range(20))
    with _workers.WorkerPool(3, setup=f"{HERE}:_setup_offset", context=100) as pool:
        assert pool.map(f"{HERE}:_add", items) == [100 + i for i in items]
        pids = set(pool.map(f"{HERE}:_worker_pid", items))
        assert pool.map(f"{HERE}:_add", []) == []
    assert 1 <= len(pids) <= 3 and os.getpid() not in pids


def test_printing_in_a_worker_does_not_break_the_replies(capfd):
    with _workers.WorkerPool(2, setup=f"{HERE}:_setup_offset", context=0) as pool:
        assert pool.map(f"{HERE}:_chatty", [1, 2, 3]) == [2, 4, 6]
    assert "this goes to stderr" in capfd.readouterr().err


def test_the_first_failure_is_raised_with_the_workers_traceback():
    with _workers.WorkerPool(2, setup=f"{HERE}:_setup_offset", context=0) as pool:
        with pytest.raises(ValueError, match="item 3 is bad") as info:
            pool.map(f"{HERE}:_fail_on_three", [1, 2, 3, 4, 5])
        assert any("Traceback" in note and "_fail_on_three" in note
                   for note in info.value.__notes__)  # fmt: skip
        # the pool still works after a failed map
        assert pool.map(f"{HERE}:_add", [1]) == [1]


def test_a_failing_setup_is_reported_for_the_items():
    with _workers.WorkerPool(1, setup=f"{HERE}:_bad_setup", context=None) as pool:
        with pytest.raises(KeyError, match="no such figure"):
            pool.map(f"{HERE}:_add", [1])


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return b"langfang_metrics._workers" in fh.read()
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG, /proc")
def test_workers_die_with_a_parent_killed_by_sigkill(tmp_path):
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {os.path.dirname(__file__)!r})
        from langfang_metrics import _workers
        pool = _workers.WorkerPool(2, setup="test_workers:_setup_offset", context=0)
        print(" ".join(str(p.pid) for p, _ in pool._procs), flush=True)
        time.sleep(600)
    """)  # fmt: skip
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(p) for p in pids)
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=30)
    parent.stdout.close()
    deadline = time.monotonic() + 20
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)
