"""Every notebook runs end to end; notebooks are committed clean and thin."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from conftest import MISSING_WORDS, visible_text

from langfang_metrics import config, labels, notebooks, pipeline

NOTEBOOKS = notebooks.notebook_paths()
#: Run first in the kernel: any attempt to open a network connection fails the notebook.
OFFLINE = """import socket
def _refuse(*args, **kwargs):
    raise RuntimeError("network access attempted")
socket.socket.connect = _refuse
socket.create_connection = _refuse"""
EXPECTED = ["01-baseline-and-targets", "02-growth-trajectories", "03-forecasts-and-backtests",
            "04-gap-dashboard-2023-2025", "05-report-figures"]  # fmt: skip


def _first_differences(first: dict, again: dict, limit: int = 6) -> str:
    """Readable first differences between two sets of HTML pages (images as short digests)."""
    import difflib
    import hashlib

    def lines(data: bytes) -> list[str]:
        text = re.sub(rb"base64,[A-Za-z0-9+/=]+",
                      lambda m: b"base64:" + hashlib.sha256(m.group(0)).hexdigest()[:12].encode(),
                      data)  # fmt: skip
        return text.decode("utf-8", "replace").splitlines()

    out = []
    for name in sorted(set(first) | set(again)):
        if first.get(name) != again.get(name):
            diff = difflib.unified_diff(lines(first.get(name, b"")), lines(again.get(name, b"")),
                                        lineterm="", n=0)  # fmt: skip
            out.append(f"{name}:\n" + "\n".join(line[:200] for line in list(diff)[2 : 2 + limit]))
    return "\n".join(out)


def test_the_five_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_with_parameters(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert "parameters" in code[0]["metadata"].get("tags", [])
    for name in ("as_of", "lang"):
        assert f"{name} =" in "".join(code[0]["source"])
    # thin: no function or class definitions, no file paths
    for c in code:
        src = "\n".join(line.split("#", 1)[0] for line in "".join(c["source"]).splitlines())
        assert "def " not in src and "class " not in src
        assert "data/raw" not in src and "/work" not in src


@pytest.mark.slow
def test_full_run_executes_every_notebook(tmp_path, monkeypatch):
    """`run` executes the notebooks into HTML with Chinese text rendered, identically twice
    (both executed: each run gets its own empty page cache), and a third run with the same
    inputs copies the pages from the cache without starting a kernel."""
    monkeypatch.setattr(config, "NOTEBOOK_CACHE_DIR", tmp_path / "cache-1")
    ctx = pipeline.run(out_dir=tmp_path, notebooks=True)
    pages = sorted((tmp_path / "reports" / "notebooks").glob("*.html"))
    assert [p.stem for p in pages] == EXPECTED
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Traceback" not in html
        assert re.search("[\u4e00-\u9fff]{4}", html), page.name  # Chinese narrative rendered
        # its language and its own title (every page said lang="en" and "Notebook")
        assert '<html lang="zh">' in html and "<title>Notebook</title>" not in html
        assert f"<title>{page.stem[:2]} " in html, page.name
    dashboard = (tmp_path / "reports" / "notebooks" / "04-gap-dashboard-2023-2025.html").read_text(
        encoding="utf-8"
    )
    assert "符合进度" in dashboard and "data:image/png;base64" in dashboard
    # the planner's page says, as the landing page does, that 2023 and 2025 are over
    assert "注意：节点年份2023、2025年已经结束" in dashboard
    # each page in its own language: the English page opened on a Chinese paragraph
    assert "The planner's page." not in dashboard and "规划人员的主页面。" in dashboard
    english = tmp_path / "reports" / "notebooks" / "en" / "04-gap-dashboard-2023-2025.html"
    english = english.read_text(encoding="utf-8")
    assert "The planner's page." in english and "规划人员的主页面。" not in english
    assert "Note: the milestone years 2023 and 2025 have ended" in english
    for page in pages:
        _assert_reads_as_a_page_for_people(page.read_text(encoding="utf-8"), "zh", page.name)
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    for name in EXPECTED:
        assert f"notebooks/{name}.html" in index
    assert ctx.notebook_pages
    assert not (tmp_path / ".langfang-notebook-scratch").exists()
    # same inputs, same bytes: the HTML pages too
    first = {p.name: p.read_bytes() for p in pages}
    monkeypatch.setattr(config, "NOTEBOOK_CACHE_DIR", tmp_path / "cache-2")
    pipeline.run(out_dir=tmp_path, notebooks=True)
    again = {p.name: p.read_bytes() for p in (tmp_path / "reports" / "notebooks").glob("*.html")}
    assert again == first, _first_differences(first, again)
    # both languages are executed: the other one in reports/notebooks/en/, linked from the
    # English landing page (it linked the Chinese pages)
    assert len(list((tmp_path / "cache-2").glob("*.html"))) == 2 * len(EXPECTED)
    english = sorted((tmp_path / "reports" / "notebooks" / "en").glob("*.html"))
    assert [p.stem for p in english] == EXPECTED
    for page in english:
        _assert_reads_as_a_page_for_people(page.read_text(encoding="utf-8"), "en", page.name)
        assert '<html lang="en">' in page.read_text(encoding="utf-8")
    assert "On track" in (english[3]).read_text(encoding="utf-8")
    index_en = (tmp_path / "reports" / "index_en.html").read_text(encoding="utf-8")
    assert all(f"notebooks/en/{name}.html" in index_en for name in EXPECTED)
    english_pages = {p.name: p.read_bytes() for p in english}

    def no_kernel(*args, **kwargs):
        raise AssertionError("a cached page was executed again")

    monkeypatch.setattr(notebooks, "_client", no_kernel)
    pipeline.run(out_dir=tmp_path, notebooks=True)
    cached = {p.name: p.read_bytes() for p in (tmp_path / "reports" / "notebooks").glob("*.html")}
    assert cached == first
    # a run in English puts the same English pages first (from the cache: same parameters)
    pipeline.run(out_dir=tmp_path, notebooks=True, lang="en")
    root = {p.name: p.read_bytes() for p in (tmp_path / "reports" / "notebooks").glob("*.html")}
    assert root == english_pages
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert all(f"notebooks/zh/{name}.html" in index for name in EXPECTED)


def test_page_key_follows_notebook_parameters_and_inputs(tmp_path):
    nb = tmp_path / "n.ipynb"
    nb.write_text("{}", encoding="utf-8")
    key = notebooks.page_key(nb, {"lang": "zh"}, "abc")
    assert key == notebooks.page_key(nb, {"lang": "zh"}, "abc")
    assert key != notebooks.page_key(nb, {"lang": "en"}, "abc")
    assert key != notebooks.page_key(nb, {"lang": "zh"}, "abd")
    nb.write_text("{ }", encoding="utf-8")
    assert key != notebooks.page_key(nb, {"lang": "zh"}, "abc")
    extra = tmp_path / "obs.csv"
    extra.write_text("a", encoding="utf-8")
    before = notebooks.environment_digest([extra])
    extra.write_text("b", encoding="utf-8")
    assert notebooks.environment_digest([extra]) != before


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS[:4], ids=lambda p: p.stem)
def test_notebook_in_english_for_an_earlier_vintage_offline(path, tmp_path):
    nb = notebooks.execute(
        path, params={"lang": "en", "as_of": 2021, "out_dir": str(tmp_path)}, prelude=OFFLINE
    )
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]  # fmt: skip
    assert not errors
    assert isinstance(nbformat.writes(nb), str)


def test_a_print_split_by_a_busy_kernel_is_joined_and_nothing_is_reordered():
    """A busy kernel may send one print as two pieces; the page must not show the split."""
    out = nbformat.v4.new_output
    cell = nbformat.v4.new_code_cell("...")
    cell.outputs = [out("stream", name="stdout", text="监测简报_2022.docx"),
                    out("stream", name="stdout", text="\n"),
                    out("display_data", data={"text/plain": "table"}),
                    out("stream", name="stdout", text="next\n"),
                    out("stream", name="stderr", text="warning\n"),
                    out("stream", name="stdout", text="last\n")]  # fmt: skip
    nb = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("text")])
    merged = notebooks.merge_split_streams(nb).cells[0].outputs
    assert [(o.output_type, o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "监测简报_2022.docx\n"),
        ("display_data", None, None),
        ("stream", "stdout", "next\n"),
        ("stream", "stderr", "warning\n"),
        ("stream", "stdout", "last\n"),
    ]

    # and the page is the one an unsplit print gives
    def page(*texts):
        cell = nbformat.v4.new_code_cell("...", id="one-cell")
        cell.outputs = [*(out("stream", name="stdout", text=t) for t in texts),
                        out("display_data", data={"text/plain": "table"})]  # fmt: skip
        return notebooks.to_html(
            notebooks.merge_split_streams(nbformat.v4.new_notebook(cells=[cell]))
        )

    assert page("监测简报_2022.docx", "\n") == page("监测简报_2022.docx\n")


def test_inject_parameters_requires_tag():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    with pytest.raises(ValueError, match="tagged 'parameters'"):
        notebooks.inject_parameters(nb, {"x": 2})
    assert config.NOTEBOOKS_DIR.is_dir()


def test_kernel_runs_without_the_plain_tcp_warning(tmp_path):
    """The kernel gets Curve keys (or IPC sockets), so ipykernel has nothing to warn about."""
    import subprocess
    import sys

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print(6 * 7)")]
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    code = (
        "from pathlib import Path; from langfang_metrics import notebooks; "
        f"nb = notebooks.execute(Path({str(path)!r})); print(nb.cells[0].outputs[0]['text'])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=True)  # fmt: skip
    assert done.stdout.strip() == "42"
    assert "without encryption" not in done.stderr
    assert "WARNING" not in done.stderr


def _assert_reads_as_a_page_for_people(page: str, lang: str, name: str) -> None:
    """What a notebook shows (its code aside): no missing-value words, headers in words."""
    shown = visible_text(page, code=False)
    found = MISSING_WORDS.search(shown)
    assert not found, (name, shown[max(0, found.start() - 80) : found.end() + 40])
    heads = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", page,
                                                                   flags=re.S)]  # fmt: skip
    assert heads, name  # the pages do show tables
    snake = [h for h in heads if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", h)]
    assert not snake, (name, snake)
    if lang == "zh":  # departments in simplified Chinese (the plan's quotes keep their text)
        plan_names = [d for d in labels._DEPARTMENTS if labels.department_label(d, "zh") != d]
        assert plan_names and not [d for d in plan_names if d in shown], name


@pytest.mark.slow
def test_pages_read_well_in_english_on_a_fuller_data_set(tmp_path, fuller_observations_file):
    """Several years for every target (synthetic, built by the tests): more statuses, more rows."""
    pipeline.run(observations_path=[fuller_observations_file], out_dir=tmp_path, lang="en",
                 notebooks=True)  # fmt: skip
    pages = sorted((tmp_path / "reports" / "notebooks").glob("*.html"))
    assert [p.stem for p in pages] == EXPECTED
    for page in pages:
        _assert_reads_as_a_page_for_people(page.read_text(encoding="utf-8"), "en", page.name)
    gaps_page = tmp_path / "reports" / "notebooks" / "04-gap-dashboard-2023-2025.html"
    words = visible_text(gaps_page.read_text(encoding="utf-8"), code=False)
    assert {"On track", "Achieved", "Needs acceleration"} <= set(words.splitlines())


def test_notebook_pages_print_their_wide_tables_whole():
    """Printed, nbconvert's scrolling boxes cut tables and code at the right edge."""
    from langfang_metrics.notebooks import PRINT_CSS, with_print_css

    page = "<html><head><title>x</title></head><body><table></table></body></html>"
    once = with_print_css(page)
    assert once.count(PRINT_CSS) == 1 and with_print_css(once) == once
    assert once.index(PRINT_CSS) < once.index("</head>")
    assert "@page{size:A4 landscape" in PRINT_CSS and "overflow:visible!important" in PRINT_CSS
    assert "white-space:pre-wrap!important" in PRINT_CSS  # code lines wrap, not clipped


def test_a_published_page_shows_the_values_it_ran_with_but_not_the_runs_files():
    """Every page opened on 'out_dir = "notebook-scratch"', 'results_path = ...': where the
    run keeps its files, not for a reader. Hiding the whole injected cell left the
    notebook's defaults ('lang = "zh"', 'as_of = None') as the only values on an English
    page for 2022."""
    nb = nbformat.v4.new_notebook()
    own = nbformat.v4.new_code_cell('lang = "zh"  # "zh" or "en"\nas_of = None')
    own.metadata["tags"] = ["parameters"]
    nb.cells = [own, nbformat.v4.new_markdown_cell("# 标题")]
    notebooks.inject_parameters(nb, {"as_of": 2022, "lang": "en", "out_dir": "notebook-scratch",
                                     "results_path": "results.pickle"})  # fmt: skip
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert tags == [["parameters"], ["injected-parameters"], ["injected-run"], []]
    text = visible_text(notebooks.to_html(nb))
    assert "notebook-scratch" not in text and "results.pickle" not in text
    assert '# "zh" or "en"' in text  # the reader's own parameters cell
    assert "lang\n=\n'en'" in text and "as_of\n=\n2022" in text  # and the values used
    assert "标题" in text


@pytest.mark.slow
def test_notebook_05_in_english_writes_the_english_workbook(tmp_path):
    """Run by hand in English it wrote English content under the Chinese workbook's name."""
    nb = notebooks.execute(NOTEBOOKS[4], params={"lang": "en", "out_dir": str(tmp_path)},
                           prelude=OFFLINE)  # fmt: skip
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                if o.get("output_type") == "error"]  # fmt: skip
    assert (tmp_path / config.WORKBOOK_NAMES["en"]).is_file()
    assert not (tmp_path / config.WORKBOOK_NAMES["zh"]).exists()


def test_a_bilingual_markdown_cell_reads_in_one_language():
    from langfang_metrics.notebooks import markdown_in

    cell = ("# 01 基期与目标 / Baseline and targets\n\n本笔记本列出**全部量化目标**。\n\n"
            "This notebook lists **every quantitative target**.\n"
            "## 2023 年节点 / The 2023 milestone\n"
            "下面只画有预测的指标（见笔记本 02）。The charts below show the others.\n"
            "The award of 200,000 yuan (20万元) per firm.\n---")  # fmt: skip
    assert markdown_in(cell, "zh") == (
        "# 01 基期与目标\n\n本笔记本列出**全部量化目标**。\n\n## 2023 年节点\n"
        "下面只画有预测的指标（见笔记本 02）。\n---"
    )
    assert markdown_in(cell, "en") == (
        "# 01 Baseline and targets\n\nThis notebook lists **every quantitative target**.\n"
        "## The 2023 milestone\nThe charts below show the others.\n"
        "The award of 200,000 yuan (20万元) per firm.\n---"
    )


def test_the_english_notebooks_number_the_plans_clauses_in_digits():
    """Notebook 04's English budget paragraph read "(clause 三(二): "市级给予")" and
    "200,000 yuan (20万元)" where the English editions say "Part 3 (2)" (the planner's
    review): no Chinese clause number or amount in any English markdown."""
    from langfang_metrics.notebooks import markdown_in

    clause = re.compile(r"[一二三四五六七八九十]+[（(][一二三四五六七八九十]+[)）]|\d+万元")
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                en = markdown_in(cell.source, "en")
                assert not clause.search(en), (path.name, clause.search(en).group(0))


def test_the_chinese_notebooks_set_numbers_in_the_text_without_spaces():
    """Notebook 04 read "2023 年节点" and the page "数据截至 2022 年" where the brief and the
    workbook say "数据截至2022年", as a Chinese document is set (the planner's review);
    straight quotes and half-width brackets stood in the Chinese text too."""
    from langfang_metrics.notebooks import markdown_in

    spaced = re.compile(
        r"[\u4e00-\u9fff，、：；（] +\d|[\d%] +[年月日家项件个亿万元和至到的、，。；：）]"
    )
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                zh = markdown_in(cell.source, "zh")
                for bad in (spaced.search(zh), re.search(r'"[^"\n]*[\u4e00-\u9fff]', zh),
                            re.search(r"[\u4e00-\u9fff] \(", zh)):  # fmt: skip
                    assert bad is None, (path.name, bad.group(0))


def _run_apart(tmp_path, cells: dict[str, str], jobs: int):
    """Run notebooks of one code cell each (``{name: source}``, in name order) with
    :func:`notebooks.execute_all` in a process of their own; its last line of output is
    "DONE" or "RAISED <exception class>"."""
    import subprocess
    import sys

    folder = tmp_path / "nbs"
    folder.mkdir()
    for name, source in cells.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source)]
        nbformat.write(nb, folder / f"{name}.ipynb")
    code = (
        "from pathlib import Path; from langfang_metrics import notebooks\n"
        "try:\n"
        f"    notebooks.execute_all(Path({str(tmp_path / 'out')!r}), folder=Path({str(folder)!r}),"
        f" jobs={jobs})\n"
        "    print('DONE')\n"
        "except BaseException as err:\n"
        "    print('RAISED', type(err).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    return done.stdout.strip().splitlines()[-1], done


def test_ctrl_c_while_notebooks_run_is_an_interrupt_not_a_failure(tmp_path):
    """nbclient answers a SIGINT by shutting its kernel down; its errors (a KeyError, an
    AssertionError of a kernel gone) came out of the run first, reported as "unexpected
    AssertionError … report the traceback" (the statistician's review). And once one of
    several notebooks had ended, nbclient put Python's handler back: the interrupt then
    came inside the loop, whose shutdown printed every kernel's error (the diff review).
    The run stops with KeyboardInterrupt, quietly, however many notebooks ran."""
    # the kernel's parent is the process that runs the notebooks: Ctrl-C reaches it so,
    # once the quick notebook has ended
    last, done = _run_apart(tmp_path, {
        "01-quick": "x = 1",
        "02-stop": "import os, signal, time\ntime.sleep(4)\n"
                   "os.kill(os.getppid(), signal.SIGINT)\ntime.sleep(60)",
    }, jobs=2)  # fmt: skip
    assert last == "RAISED KeyboardInterrupt", (done.stdout, done.stderr[-2000:])
    assert (tmp_path / "out" / "01-quick.html").is_file()  # it had ended before
    assert "unhandled exception" not in done.stderr and "Task exception" not in done.stderr


def test_a_failing_notebook_stops_the_others_without_their_kernels_log(tmp_path):
    """One notebook failing cancels the others; each cancelled kernel printed an
    "[IPKernelApp] ERROR | Exception in message handler" traceback (zmq: socket operation on
    non-socket) above the run's one-line FAILED message. The failure is raised, and the
    kernels' own logs stay out of the terminal."""
    last, done = _run_apart(tmp_path, {
        "01-slow": "import time\nfor _ in range(600):\n    print('.', end='')\n    time.sleep(0.1)",
        "02-bad": "import time\ntime.sleep(3)\nraise ImportError('no such name')",
    }, jobs=2)  # fmt: skip
    assert last.startswith("RAISED"), done.stdout[-2000:]
    assert "Traceback" not in done.stderr and "IPKernelApp" not in done.stderr, done.stderr[-3000:]


def test_a_kernel_that_dies_says_why(tmp_path):
    """With the kernels' logs silenced, a kernel that died said only "Kernel died": its own
    last words (a library's FATAL line) are shown for the notebook that failed so (the
    diff review)."""
    last, done = _run_apart(tmp_path, {
        "01-dies": "import os\nos.write(2, b'FATAL: libfoo.so: cannot allocate memory\\n')\n"
                   "os._exit(3)",
    }, jobs=1)  # fmt: skip
    assert last.startswith("RAISED"), done.stdout[-2000:]
    assert "[kernel log]" in done.stderr and "FATAL: libfoo.so" in done.stderr, done.stderr


def test_the_notebooks_cite_files_a_reader_has():
    """Notebook 03 cited reports/benchmarks/calibration_unseen.md, which only `make bench`
    writes (the statistician's review): a cited section of the docs holds the figures, and
    it says the ones the notebook quotes."""
    cited = re.compile(r"`([\w./-]+\.md)`(?:[,，]? ?(?:section )?[\"“]([^\"”]+)[\"”])?")
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in (c for c in nb.cells if c.cell_type == "markdown"):
            for file, section in cited.findall(cell.source):
                assert (config.PROJ_ROOT / file).is_file(), f"{path.name} cites {file}, not shipped"
                if not section:
                    continue
                text = (config.PROJ_ROOT / file).read_text(encoding="utf-8")
                head = f"### {section}"
                assert head in text, f"{path.name}: no section {section!r} in {file}"
                body = text.split(head, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
                quoted = re.findall(r"0\.0\d\d", cell.source)
                assert quoted and all(q in body for q in quoted), (path.name, quoted)


def _interrupted_in_a_cell(second_cancel: bool) -> dict:
    """Cancel a notebook whose cell runs (as Ctrl-C does), optionally once more while its
    kernel shuts down (as the task group does when another notebook ends with an error),
    and keep the loop going 1.5 s (other kernels still shutting down). Returns whether
    nbclient's shutdown ran to its end and what the loop would print of errors no one
    read."""
    import asyncio
    import gc

    async def scenario() -> dict:
        said = []  # what asyncio would print: "Task exception was never retrieved", …
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: said.append(
            f"{context['message']}: {context.get('exception')!r}"))  # fmt: skip
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("import time\ntime.sleep(60)")]
        running, shutting = asyncio.Event(), asyncio.Event()
        client = notebooks._client(nb, config.PROJ_ROOT, on_start=running.set)
        completed = []
        client.on_notebook_complete = lambda notebook: completed.append(True)
        cleanup = client._async_cleanup_kernel

        async def shutting_down():
            shutting.set()
            await cleanup()

        client._async_cleanup_kernel = shutting_down
        run = asyncio.ensure_future(notebooks._with_kernel_log(client))
        await running.wait()
        await asyncio.sleep(1.5)  # the cell runs; nbclient watches the kernel meanwhile
        run.cancel()
        if second_cancel:
            await shutting.wait()
            run.cancel()
        try:
            await run
        except BaseException as err:  # nbclient said a cancelled cell's kernel "died"
            ended = type(err).__name__
        del run  # its error's frames hold nbclient's tasks
        await asyncio.sleep(1.5)
        gc.collect()  # a task's unread error is said when the task is collected
        return {"ended": ended, "completed": completed == [True], "errors": said}

    return asyncio.run(scenario())


def test_a_kernel_shut_down_by_ctrl_c_leaves_no_failing_watch():
    """nbclient's watch on the kernel, left running by a cancelled cell, polled the kernel
    after its shutdown and failed (``assert self.kc is not None``), printed after the run's
    "已中断" as "Task exception was never retrieved" (the hostile-input review: one
    interrupt in four at the notebook stage)."""
    seen = _interrupted_in_a_cell(second_cancel=False)
    assert seen == {"ended": "CancelledError", "completed": True, "errors": []}


def test_a_kernel_cancelled_twice_is_still_shut_down_to_the_end():
    """The task group cancels every notebook again when one ends with an error; cancelled
    again while its kernel shut down, nbclient left its exit handler registered, which
    failed at exit ("Exception ignored in atexit callback … assert self.km is not None")."""
    seen = _interrupted_in_a_cell(second_cancel=True)
    assert seen == {"ended": "CancelledError", "completed": True, "errors": []}


def test_a_task_is_cancelled_once_and_awaited_to_its_end():
    import asyncio

    said = []

    async def work():
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            said.append("cancelled")
            await asyncio.sleep(0.2)  # a kernel shutting down
            said.append("shut down")
            raise RuntimeError("Kernel died") from None  # as nbclient says it

    async def scenario():
        outer = asyncio.ensure_future(notebooks._cancelled_once(work()))
        await asyncio.sleep(0.05)
        for _ in range(3):
            outer.cancel()
            await asyncio.sleep(0.05)
        with pytest.raises(asyncio.CancelledError):
            await outer
        assert await notebooks._cancelled_once(asyncio.sleep(0, result=7)) == 7
        with pytest.raises(ValueError, match="real"):  # an error of its own is raised
            await notebooks._cancelled_once(_fails())

    async def _fails():
        raise ValueError("a real error")

    asyncio.run(scenario())
    assert said == ["cancelled", "shut down"]
