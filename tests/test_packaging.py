"""pyproject.toml is the single source of dependencies; environment.yml must mirror it."""

import re
import tomllib

from langfang_metrics import config

_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _split(req: str) -> tuple[str, str]:
    name, spec = _REQ.match(req).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["dev"]
    return dict(_split(r) for r in reqs)


def _environment() -> dict[str, str]:
    """Package lines of environment.yml (conda and pip sections), without a YAML library."""
    out = {}
    text = (config.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("\ndependencies:", 1)[1].splitlines():
        m = re.match(r"^\s*-\s+([^#]+?)\s*(#.*)?$", line)
        if not m or m.group(1).startswith(("-e", "pip:")) or m.group(1) in ("pip",):
            continue
        name, spec = _split(m.group(1))
        if name != "python":
            out[name] = spec
    return out


def test_environment_mirrors_pyproject():
    assert _environment() == _pyproject()


def test_console_script_declared():
    data = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["scripts"]["langfang-metrics"] == "langfang_metrics.cli:main"


def test_ci_runs_make_test():
    run = (config.PROJ_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        ln.strip() for ln in run.splitlines() if ln.strip() and not ln.strip().startswith("#")
    ]
    assert commands[-1] == "make test"
