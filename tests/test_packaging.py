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


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _constraints() -> dict[str, str]:
    """``name -> version`` of constraints.txt; every line a comment or ``name==version``."""
    pins: dict[str, str] = {}
    text = (config.PROJ_ROOT / "constraints.txt").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9_.\-]*)==([0-9][0-9A-Za-z.+!\-]*)", line)
        assert m, f"constraints.txt line {number}: {line!r} is not name==version"
        name = _canonical(m.group(1))
        assert name not in pins, f"constraints.txt line {number}: {name} pinned twice"
        pins[name] = m.group(2)
    return pins


def test_constraints_pin_versions_pyproject_allows():
    from packaging.requirements import Requirement

    pins = _constraints()
    data = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["dev"]
    for text in reqs:
        req = Requirement(text)
        name = _canonical(req.name)
        assert name in pins, f"{name} is in pyproject.toml but not pinned in constraints.txt"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]}, outside pyproject.toml's {req.specifier}"
        )


def test_constraints_pin_everything_the_install_brings_in():
    """Every package the project and its dev extra pull in on this platform, however
    indirectly, is pinned: an unpinned one would take whatever the registry has on the day
    of a fresh install. (Markers are evaluated here: packages only another platform
    installs are not checked, and constraints.txt says so.)"""
    import importlib.metadata as md

    from packaging.requirements import Requirement

    pins = _constraints()
    data = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    todo = [
        (Requirement(r), "")
        for r in data["project"]["dependencies"] + data["project"]["optional-dependencies"]["dev"]
    ]
    seen: set[str] = set()
    missing = []
    while todo:
        req, extra = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        name = _canonical(req.name)
        key = name + "[" + ",".join(sorted(req.extras)) + "]"
        if key in seen:
            continue
        seen.add(key)
        if name not in pins:
            missing.append(name)
        try:
            dist = md.distribution(req.name)
        except md.PackageNotFoundError:
            continue
        for sub in dist.requires or []:
            sub_req = Requirement(sub)
            extras = sorted(req.extras) or [""]
            todo.extend((sub_req, e) for e in extras)
    assert not sorted(set(missing)), f"not pinned in constraints.txt: {sorted(set(missing))}"
    assert len(seen) > 50  # the walk went through the installed metadata


def test_makefile_installs_with_the_constraints():
    text = (config.PROJ_ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [ln for ln in text.splitlines() if "pip install" in ln and "-e '.[dev]'" in ln]
    stamp = next(ln for ln in text.splitlines() if ln.startswith("$(STAMP):"))
    assert "constraints.txt" in stamp
    assert any("-c constraints.txt" in ln for ln in installs)
