"""Execute the notebook suite and export it as HTML, the way papermill would but smaller.

A notebook's first code cell is tagged ``parameters``; run-time values are injected as a
new cell right after it, so a notebook can be re-run for another vintage or language.
:func:`execute_all` runs the notebooks in parallel, each in its own kernel, as many at once
as the process has CPUs.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from . import _workers, config

KERNEL = "python3"
TIMEOUT_S = 600


def _import_nbformat() -> None:
    """Import nbformat without jsonschema's optional RFC 3987 checker (1.4 s saved).

    jsonschema imports ``rfc3987_syntax`` when it is installed (jupyterlab brings it), and
    that module builds a parser at import, taking longer than the rest of nbformat, nbclient
    and nbconvert together. It only checks the ``iri`` string formats, which the notebook
    schemas do not use. Blocked here only while jsonschema is first imported; any later
    ``import rfc3987_syntax`` works as usual.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # makes `import rfc3987_syntax` raise ImportError
    try:
        import nbformat  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks, in order."""
    return sorted(Path(folder or config.NOTEBOOKS_DIR).glob("[0-9][0-9]-*.ipynb"))


#: Parameters that only tell the kernel where the run keeps its files (a scratch folder, a
#: results file): injected in a cell of their own that published pages leave out.
RUN_ONLY_PARAMETERS = ("out_dir", "results_path")


def inject_parameters(nb, params: dict) -> None:
    """Insert cells assigning ``params`` after the cell tagged ``parameters``.

    The values a reader should see (language, as-of year, input file) go in a cell tagged
    ``injected-parameters``; ``RUN_ONLY_PARAMETERS`` in one tagged ``injected-run``, which
    :func:`to_html` leaves out of the page.
    """
    _import_nbformat()
    import nbformat

    idx = next(
        (
            i
            for i, c in enumerate(nb.cells)
            if "parameters" in c.get("metadata", {}).get("tags", [])
        ),
        None,
    )
    if idx is None:
        raise ValueError("notebook has no cell tagged 'parameters'")
    shown = {k: v for k, v in params.items() if k not in RUN_ONLY_PARAMETERS}
    run = {k: v for k, v in params.items() if k in RUN_ONLY_PARAMETERS}
    cells = []
    for tag, values, head in (("injected-parameters", shown, "Parameters of this run"),
                              ("injected-run", run, "Where this run keeps its files")):  # fmt: skip
        if not values:
            continue
        lines = [f"# {head} (injected by langfang-metrics run)"]
        lines += [f"{k} = {v!r}" if not isinstance(v, Path) else f"{k} = {str(v)!r}"
                  for k, v in values.items()]  # fmt: skip
        cell = nbformat.v4.new_code_cell("\n".join(lines))
        cell.metadata["tags"] = [tag]
        cell.id = f"{tag}-{idx}"
        cells.append(cell)
    nb.cells[idx + 1 : idx + 1] = cells


def prepare(path: Path, *, params: dict | None = None, prelude: str | None = None):
    """Read a notebook and insert the parameters cell (and ``prelude`` first, if given)."""
    _import_nbformat()
    import nbformat

    nb = nbformat.read(path, as_version=4)
    if params:
        inject_parameters(nb, params)
    if prelude:
        cell = nbformat.v4.new_code_cell(prelude)
        cell.id = "prelude"
        nb.cells.insert(0, cell)
    return nb


def kernel_config():
    """Kernel-manager settings so the kernel's traffic is not sent in plain TCP.

    ipykernel warns "Kernel is running over TCP without encryption" unless its sockets use
    CurveZMQ keys or the IPC transport. jupyter_client (8.9+) provisions Curve keys itself
    when ``KernelManager.transport_encryption = "auto"`` and the kernelspec declares
    ``supported_encryption: curve`` (ipykernel's does); where libzmq lacks Curve, the kernel
    talks over IPC sockets in a private temporary folder instead (POSIX only).
    """
    import tempfile

    import zmq
    from traitlets.config import Config

    c = Config()
    if zmq.has("curve"):
        c.KernelManager.transport_encryption = "auto"
    elif os.name == "posix":
        c.KernelManager.transport = "ipc"
        c.KernelManager.ip = os.path.join(tempfile.mkdtemp(prefix="langfang-kernel-"), "ipc")
    return c


@functools.cache
def _client_class():
    """nbclient's ``NotebookClient``, whose watch on its kernel ends once the kernel is gone.

    While a cell runs, nbclient polls the kernel every second in a task of its own, which a
    cancelled cell (Ctrl-C) leaves running; once the kernel had been shut down (its client
    ``kc`` set to None) the next poll failed ``assert self.kc is not None``, printed after
    the run's "已中断" as "Task exception was never retrieved" (the hostile-input review,
    about one interrupt in four). A kernel shut down is a dead kernel: the watch ends, as
    it does for a kernel that died.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    class Client(NotebookClient):
        async def _async_check_alive(self) -> None:
            if self.kc is None:  # shut down: nothing left to watch
                raise DeadKernelError("Kernel shut down")
            await super()._async_check_alive()

    return Client


def _client(nb, cwd: Path, on_start: Callable[[], None] | None = None):
    return _client_class()(
        nb, kernel_name=KERNEL, timeout=TIMEOUT_S, record_timing=False, allow_errors=False,
        resources={"metadata": {"path": str(cwd)}}, config=kernel_config(),
        on_notebook_start=(lambda notebook: on_start()) if on_start else None,
    )  # fmt: skip


def execute(
    path: Path, *, params: dict | None = None, cwd: Path | None = None, prelude: str | None = None
):
    """Execute one notebook (fails on the first cell error) and return it.

    ``prelude`` is code run before the first cell (tests use it to cut the network off).
    """
    nb = prepare(path, params=params, prelude=prelude)
    _client(nb, cwd or path.parent).execute()
    return merge_split_streams(nb)


def merge_split_streams(nb):
    """Join adjacent outputs of the same stream in every cell (in place); returns ``nb``.

    The kernel sends printed text in pieces timed by its I/O thread, so on a busy machine
    one ``print`` can arrive as two outputs (the text, then its newline) and the page would
    change with the timing. Only neighbours are joined: outputs are never reordered.
    """
    for cell in nb.get("cells", []):
        merged = []
        for out in cell.get("outputs") or []:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and out.get("output_type") == "stream"
                and prev.get("output_type") == "stream"
                and prev.get("name") == out.get("name")
            ):
                prev["text"] = "".join(prev["text"]) + "".join(out["text"])
            else:
                merged.append(out)
        if "outputs" in cell:
            cell["outputs"] = merged
    return nb


#: Cells left out of a published page: where the run keeps its files (a scratch folder, a
#: results file) is for the kernel, not for a reader, whose page opened on it. The values
#: the page was computed with (language, as-of year, input file) stay visible.
HIDDEN_TAGS = ("injected-run",)


def _html_exporter():
    _import_nbformat()
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    return HTMLExporter(template_name="lab", config=config)


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
#: A bilingual heading: "## 2023 年节点 / The 2023 milestone", "# 01 基期与目标 / Baseline…".
_TWIN_HEADING = re.compile(r"^(#+\s*)(\d{2}\s+)?(.*?)\s*/\s*(.+)$")


def _cjk_share(text: str) -> float:
    """The share of Chinese characters among the letters of ``text`` (0.5 with none)."""
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    return cjk / (cjk + latin) if cjk + latin else 0.5


def _language_parts(line: str) -> list[str]:
    """A line as its language parts: a Chinese sentence followed on the same line by its
    English twin ("…修复内容如下。The notice is kept …") is two parts."""
    for m in re.finditer(r"[。！？]", line):
        head, tail = line[: m.end()], line[m.end() :].strip()
        if tail and not _CJK.match(tail) and _cjk_share(head) > 0.5 and _cjk_share(tail) < 0.1:
            return [head, tail]
    return [line]


def markdown_in(text: str, lang: str) -> str:
    """A bilingual markdown cell in one language: a heading "中文 / English" keeps its side
    (and its number), a paragraph or part of a line in the other language is left out;
    lines without letters (blank lines, rules) stay. The notebooks are written in both
    languages, Chinese first; the published pages are one language each (the English page
    opened on a Chinese paragraph, the Chinese page went on in English)."""
    keep_zh = lang == "zh"
    out: list[str] = []
    for line in text.splitlines():
        m = _TWIN_HEADING.match(line)
        if m and _CJK.search(m.group(3)) and _cjk_share(m.group(4)) < 0.1:
            out.append(m.group(1) + (m.group(2) or "") + (m.group(3) if keep_zh else m.group(4)))
            continue
        if not (_CJK.search(line) or _LATIN.search(line)):
            out.append(line)
            continue
        parts = [p for p in _language_parts(line) if (_cjk_share(p) > 0.3) == keep_zh]
        if parts:
            out.append(" ".join(parts))
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def in_language(nb, lang: str):
    """A copy of ``nb`` whose markdown cells read in ``lang`` only (:func:`markdown_in`)."""
    import copy

    out = copy.deepcopy(nb)
    for cell in out.cells:
        if cell.get("cell_type") == "markdown":
            cell["source"] = markdown_in(str(cell.get("source", "")), lang)
    return out


def page_title(nb, default: str) -> str:
    """The notebook's first heading ("03 预测与回测 / Forecasts and backtests"), else ``default``."""
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            for line in str(cell.get("source", "")).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip() or default
    return default


#: Printing a page (A4 landscape, for the wide tables): nbconvert's lab template scrolls wide tables and long code lines
#: inside their boxes, which a printout cuts at the right edge; printed, they wrap instead,
#: a cell's code stays with its output where it can, and tables take the page's width.
PRINT_CSS = (
    "<style>@page{size:A4 landscape;margin:12mm}@media print{"
    ".jp-InputPrompt,.jp-OutputPrompt{display:none!important}"
    ".jp-OutputArea-output,.jp-RenderedHTMLCommon,.jp-InputArea-editor,.jp-Cell,pre,"
    ".jp-CodeMirrorEditor,.cm-editor,.cm-scroller{overflow:visible!important;"
    "max-width:100%!important}"
    "pre,.cm-line{white-space:pre-wrap!important;overflow-wrap:anywhere}"
    ".jp-RenderedHTMLCommon table{font-size:8pt;width:auto;max-width:100%}"
    ".jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th{white-space:normal!important;"
    "min-width:0!important}"
    ".jp-OutputArea-output img{max-height:175mm;width:auto;max-width:100%}"
    ".jp-InputArea{break-after:avoid}tr,img,h1,h2,h3{break-inside:avoid}"
    "h1,h2,h3{break-after:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}</style>"
)


def with_print_css(page: str) -> str:
    """``page`` with :data:`PRINT_CSS` at the end of its head (once)."""
    if PRINT_CSS in page or "</head>" not in page:
        return page
    return page.replace("</head>", PRINT_CSS + "</head>", 1)


def to_html(nb) -> str:
    """HTML of an executed notebook, images embedded (deterministic for the same outputs)."""
    body, _ = _html_exporter().from_notebook_node(nb)
    return with_print_css(body)


#: Packages whose versions can change what a notebook page shows.
_PAGE_PACKAGES = ("nbconvert", "nbclient", "nbformat", "ipykernel", "ipython", "jupyter_client",
                  "matplotlib", "pandas", "numpy", "statsmodels", "openpyxl", "python-docx",
                  "pygments", "jinja2")  # fmt: skip


def environment_digest(extra_files=()) -> str:
    """Digest of what a page depends on besides its results: the library's code, the raw
    data folder, ``extra_files`` (e.g. observation files given to the run), the versions of
    the packages that render it, Python's version and the CJK font in use."""
    import hashlib
    import importlib.metadata as md

    from .style import find_cjk_font

    h = hashlib.sha256()
    files = sorted(Path(__file__).parent.glob("*.py"))
    files += sorted(p for p in config.RAW_DIR.rglob("*") if p.is_file())
    for p in [*files, *map(Path, extra_files)]:
        h.update(str(p.name).encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    for name in _PAGE_PACKAGES:
        try:
            version = md.version(name)
        except md.PackageNotFoundError:
            version = "-"
        h.update(f"{name}={version};".encode())
    h.update(f"{sys.version}|{find_cjk_font()}".encode())
    return h.hexdigest()


def page_key(path: Path, params: dict | None, inputs: str) -> str:
    """Cache key of one notebook page: the notebook's bytes, its parameters and ``inputs``."""
    import hashlib
    import json

    h = hashlib.sha256(Path(path).read_bytes())
    h.update(json.dumps(params or {}, sort_keys=True, default=str).encode())
    h.update(inputs.encode())
    return h.hexdigest()


def execute_all(
    out_dir: Path,
    *,
    params: dict | None = None,
    folder: Path | None = None,
    cwd: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cache_dir: Path | None = None,
    inputs: str | None = None,
    started: Callable[[str], None] | None = None,
) -> list[Path]:
    """Execute every notebook and write ``<out_dir>/<name>.html``; returns the pages in order.

    Up to ``jobs`` notebooks run at once, each in its own kernel (default: the CPUs this
    process may use, :func:`_workers.available_cpus`). The first failing notebook stops the others
    and its error is raised.

    Parameters
    ----------
    out_dir : Path
        Folder for the HTML pages.
    params : dict, optional
        Values injected after each notebook's ``parameters`` cell.
    folder : Path, optional
        Where the notebooks are (default ``notebooks/``).
    cwd : Path, optional
        Working folder of the kernels (default: the notebooks' folder); relative paths in
        ``params`` resolve against it.
    jobs : int, optional
        Most notebooks executed at the same time; 1 runs them one after another.
    progress : callable, optional
        Called as ``progress(done, total, name)`` each time a notebook is written.
    cache_dir : Path, optional
        Pages cached under :func:`page_key`: a notebook whose bytes, parameters and
        ``inputs`` are unchanged is not executed again; its page is copied from the cache
        (the very bytes a fresh execution writes, as execution is deterministic).
    inputs : str, optional
        Digest of everything else the pages depend on (results, code, data, versions);
        caching is off without it.
    started : callable, optional
        Called as ``started(name)`` once a notebook's kernel is up, before its first cell.

    Returns
    -------
    list of Path
    """
    import asyncio

    _import_nbformat()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = notebook_paths(folder)
    jobs = max(1, min(jobs or _workers.available_cpus(), len(paths) or 1))
    with _sigint_seen() as seen:
        try:
            return asyncio.run(_execute_all(paths, out_dir, params, cwd, jobs, progress,
                                            cache_dir if inputs else None, inputs, started,
                                            seen))  # fmt: skip
        except BaseExceptionGroup as group:  # report the first failure, not a group of them
            if seen():  # the kernels' errors of a Ctrl-C are no failure
                raise KeyboardInterrupt from None
            raise group.exceptions[0] from None
        except (Exception, asyncio.CancelledError):  # a Ctrl-C cancels the run's task
            if seen():
                raise KeyboardInterrupt from None
            raise


class _Interrupts:
    """Whether Ctrl-C (SIGINT) came while notebooks ran: ``seen()`` is True once it has."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> bool:
        return self.count > 0

    def mark(self) -> None:
        self.count += 1

    def watch(self, loop, task) -> Callable[[], None]:
        """Take SIGINT on ``loop`` (this run's own, :func:`asyncio.run`) for the whole run:
        count it and cancel ``task``, the run's main task, as :class:`asyncio.Runner` does;
        the task group then cancels every notebook, and nbclient shuts each kernel down.

        nbclient sets a loop handler of its own per kernel (which shuts that one kernel
        down, and a KeyError or a dead kernel came out as a bug to report) and removes it
        when its notebook ends, which put Python's handler back while other notebooks ran
        (a KeyboardInterrupt inside the loop, and its shutdown printed every kernel's
        error: found by the statistician's and the diff review). Its SIGINT handlers are
        therefore not set; its SIGTERM ones are. Returns the function that gives the loop
        back its own handler methods and removes the SIGINT handler.
        """
        import signal

        add, remove = loop.add_signal_handler, loop.remove_signal_handler

        def on_sigint() -> None:
            self.mark()
            task.cancel()

        def add_signal_handler(sig, callback, *args):
            return None if sig == signal.SIGINT else add(sig, callback, *args)

        def remove_signal_handler(sig):
            return True if sig == signal.SIGINT else remove(sig)

        try:
            add(signal.SIGINT, on_sigint)
        except (RuntimeError, NotImplementedError, ValueError):  # no main thread, Windows
            return lambda: None
        loop.add_signal_handler, loop.remove_signal_handler = (
            add_signal_handler,
            remove_signal_handler,
        )

        def restore() -> None:
            del loop.add_signal_handler, loop.remove_signal_handler  # the class's again
            remove(signal.SIGINT)

        return restore


@contextlib.contextmanager
def _sigint_seen():
    """Yield an :class:`_Interrupts` that says whether Ctrl-C came while the block ran.

    While the loop runs, its own handler counts the signal (:meth:`_Interrupts.watch`);
    before and after it, this Python handler does, and still raises KeyboardInterrupt as
    Python's own does. Only the main thread can set one. A Ctrl-C had come out as
    nbclient's errors (a KeyError, an AssertionError of a kernel gone), reported as a bug
    to report (found by the statistician's review)."""
    import signal
    import threading

    seen = _Interrupts()

    def on_sigint(signum, frame):
        seen.mark()
        signal.default_int_handler(signum, frame)

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_sigint) if main else None
    try:
        yield seen
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


#: How much of a failed kernel's own log is shown (its last characters).
KERNEL_LOG_TAIL = 2000


async def _with_kernel_log(client) -> None:
    """Execute ``client``'s notebook with its kernel's own log (not the cells' output, which
    the page keeps) in a temporary file, shown only when that notebook fails otherwise than
    by a cell's error (a kernel that died: "FATAL: … cannot allocate memory" said why), and
    dropped when it succeeds or is cancelled: a kernel cancelled because another notebook
    failed printed a zmq traceback above the run's one-line FAILED message."""
    import asyncio
    import tempfile

    from nbclient.exceptions import CellExecutionError

    with tempfile.TemporaryFile() as log:
        try:
            await _cancelled_once(client.async_execute(stderr=log))
        except (asyncio.CancelledError, CellExecutionError):
            raise  # cancelled: nothing of its own to say; a cell's error says it itself
        except Exception:
            task = asyncio.current_task()
            if task is not None and task.cancelling():  # its kernel shut down because
                raise  # another notebook failed (nbclient says "Kernel died" then)
            log.seek(0)
            said = log.read().decode("utf-8", errors="replace").strip()
            if said:
                print(f"[kernel log]\n{said[-KERNEL_LOG_TAIL:]}", file=sys.stderr)
            raise


async def _cancelled_once(coro):
    """Await ``coro`` in a task of its own that is cancelled once at most, and to its end.

    nbclient shuts a notebook's kernel down when its task is cancelled. The task group
    cancels every notebook again when one of them ends with an error (nbclient turns a
    cancelled cell into "Kernel died"), and that second cancellation cut the shutdown
    short, leaving nbclient's exit handler to fail at exit ("Exception ignored in atexit
    callback … assert self.km is not None", after the run's "已中断": the hostile-input
    review). Here the first cancellation is passed on, the later ones wait for the shutdown
    to finish; then CancelledError is raised, its task's own error (the kernel it stopped)
    taken as said.
    """
    import asyncio

    inner = asyncio.ensure_future(coro)
    cancelled = False
    while not inner.done():
        try:
            await asyncio.wait([inner])
        except asyncio.CancelledError:
            if not cancelled:
                inner.cancel()
                cancelled = True
    if cancelled:
        if not inner.cancelled():
            inner.exception()  # retrieved: it is the cancellation's doing
        raise asyncio.CancelledError
    return inner.result()


async def _execute_all(
    paths, out_dir, params, cwd, jobs, progress, cache_dir, inputs, started, interrupts=None
) -> list[Path]:
    import asyncio

    restore = (interrupts.watch(asyncio.get_running_loop(), asyncio.current_task())
               if interrupts is not None else None)  # fmt: skip
    try:
        return await _execute_pages(paths, out_dir, params, cwd, jobs, progress, cache_dir,
                                    inputs, started)  # fmt: skip
    finally:
        if restore is not None:
            restore()


async def _execute_pages(
    paths, out_dir, params, cwd, jobs, progress, cache_dir, inputs, started
) -> list[Path]:
    import asyncio

    from .export import atomic_write_bytes, atomic_write_text, cache_read, cache_write

    # importing nbconvert takes seconds: do it in a thread while the first kernels start
    exporter = asyncio.ensure_future(asyncio.to_thread(_html_exporter))
    slots = asyncio.Semaphore(jobs)
    pages: dict[Path, Path] = {}

    async def one(path: Path) -> None:
        page = out_dir / f"{path.stem}.html"
        cached = Path(cache_dir) / f"{page_key(path, params, inputs)}.html" if cache_dir else None
        data = cache_read(cached) if cached is not None else None
        if data is not None:
            atomic_write_bytes(page, data)
        else:
            async with slots:
                nb = prepare(path, params=params)
                on_start = (lambda: started(path.stem)) if started else None
                await _with_kernel_log(_client(nb, cwd or path.parent, on_start))
            html_exporter = await exporter
            # the page's language and title ("Notebook" and lang="en" on every page before)
            lang = str((params or {}).get("lang") or "en")
            html_exporter.language_code = lang
            if lang in ("zh", "en"):  # the page in its own language only
                nb = in_language(nb, lang)
            nb.metadata["title"] = page_title(nb, path.stem)
            text = with_print_css(html_exporter.from_notebook_node(merge_split_streams(nb))[0])
            atomic_write_text(page, text, encoding="utf-8")
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cache_write(cached, page.read_bytes())
        pages[path] = page
        if progress is not None:
            progress(len(pages), len(paths), path.stem)

    async with asyncio.TaskGroup() as group:
        for path in paths:
            group.create_task(one(path))
    return [pages[p] for p in paths]
