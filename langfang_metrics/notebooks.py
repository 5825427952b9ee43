"""Execute the notebook suite and export it as HTML, the way papermill would but smaller.

A notebook's first code cell is tagged ``parameters``; run-time values are injected as a
new cell right after it, so a notebook can be re-run for another vintage or language.
"""

from __future__ import annotations

from pathlib import Path

from . import config

KERNEL = "python3"
TIMEOUT_S = 600


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks, in order."""
    return sorted(Path(folder or config.NOTEBOOKS_DIR).glob("[0-9][0-9]-*.ipynb"))


def inject_parameters(nb, params: dict) -> None:
    """Insert a cell assigning ``params`` after the cell tagged ``parameters``."""
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
    lines = ["# Parameters injected by langfang-metrics run"]
    lines += [f"{k} = {v!r}" if not isinstance(v, Path) else f"{k} = {str(v)!r}"
              for k, v in params.items()]  # fmt: skip
    cell = nbformat.v4.new_code_cell("\n".join(lines))
    cell.metadata["tags"] = ["injected-parameters"]
    cell.id = f"injected-{idx}"
    nb.cells.insert(idx + 1, cell)


def execute(
    path: Path, *, params: dict | None = None, cwd: Path | None = None, prelude: str | None = None
):
    """Execute one notebook (fails on the first cell error) and return it.

    ``prelude`` is code run before the first cell (tests use it to cut the network off).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    if params:
        inject_parameters(nb, params)
    if prelude:
        cell = nbformat.v4.new_code_cell(prelude)
        cell.id = "prelude"
        nb.cells.insert(0, cell)
    client = NotebookClient(
        nb, kernel_name=KERNEL, timeout=TIMEOUT_S, record_timing=False, allow_errors=False,
        resources={"metadata": {"path": str(cwd or path.parent)}},
    )  # fmt: skip
    client.execute()
    return nb


def to_html(nb) -> str:
    """HTML of an executed notebook, images embedded (deterministic for the same outputs)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb)
    return body


def execute_all(
    out_dir: Path, *, params: dict | None = None, folder: Path | None = None
) -> list[Path]:
    """Execute every notebook and write ``<out_dir>/<name>.html``; returns the pages."""
    from .export import atomic_write_text

    out_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    for path in notebook_paths(folder):
        nb = execute(path, params=params)
        page = out_dir / f"{path.stem}.html"
        atomic_write_text(page, to_html(nb), encoding="utf-8")
        pages.append(page)
    return pages
