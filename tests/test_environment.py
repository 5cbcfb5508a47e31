"""The environment files agree with pyproject.toml, and the running environment with the locks.

pyproject.toml holds the direct pins; requirements.lock the full learner closure (`make lock`);
requirements-dev.lock adds the instructor extras; environment.yml repeats the direct pins for
conda users. When they drift, learners get a different environment than the course was tested
with, so every mismatch fails here and names its fix.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from tests.edition import instructor_only

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s=;]+)$")
LOCK_FIX = "run `make lock`"


def _canon(name: str) -> str:
    """PEP 503 name, so `jupyter_client` and `jupyter-client` compare equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(requirements: list[str]) -> dict[str, str]:
    """{canonical name: version} of `name==version` strings; anything else fails."""
    pins = {}
    for req in requirements:
        match = PIN.match(req.strip())
        assert match, f"{req!r} is not pinned as name==version: edit pyproject.toml"
        pins[_canon(match["name"])] = match["version"]
    return pins


def _project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def _direct_pins() -> dict[str, str]:
    return _pins(_project()["dependencies"])


def _lock_lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a lock file."""
    path = ROOT / name
    assert path.exists(), f"{name} is missing: {LOCK_FIX}"
    lines = (line.strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _lock_pins(name: str) -> dict[str, str]:
    return _pins([line for line in _lock_lines(name) if not line.startswith("-r ")])


def _environment_yml() -> dict:
    """environment.yml as data: PyYAML (in the lock) when present, else a tiny parser."""
    text = (ROOT / "environment.yml").read_text()
    try:
        import yaml
    except ImportError:
        deps: list = []
        pip: list[str] = []
        for line in text.splitlines():
            item = re.match(r"^\s+-\s+(\S+)\s*$", line)
            if item and line.startswith(" " * 6):
                pip.append(item[1])
            elif item:
                deps.append(item[1])
        name = re.search(r"^name:\s*(\S+)", text, re.M)
        return {"name": name and name[1], "dependencies": [*deps, {"pip": pip}]}
    return yaml.safe_load(text)


# (1) environment.yml ------------------------------------------------------------------------


def test_environment_yml_pip_pins_equal_pyproject() -> None:
    env = _environment_yml()
    assert env["name"] == "ml-path", "environment.yml: the env must be named ml-path"
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(pip_sections) == 1, "environment.yml needs exactly one `pip:` section"
    assert "pip" in env["dependencies"], "environment.yml must list `pip` before its pip: section"
    got, want = _pins(pip_sections[0]), _direct_pins()
    assert got == want, (
        "environment.yml's pip pins differ from pyproject.toml's dependencies "
        f"(only in environment.yml: {sorted(set(got.items()) - set(want.items()))}; "
        f"only in pyproject.toml: {sorted(set(want.items()) - set(got.items()))}): "
        "edit environment.yml to match pyproject.toml"
    )


def test_environment_yml_python_agrees_with_requires_python() -> None:
    pythons = [
        d
        for d in _environment_yml()["dependencies"]
        if isinstance(d, str) and re.match(r"^python\b", d)
    ]
    assert len(pythons) == 1, "environment.yml must pin python once, e.g. python=3.11"
    version = re.fullmatch(r"python\s*=+\s*(\d+)\.(\d+)", pythons[0])
    minimum = re.search(r">=\s*(\d+)\.(\d+)", _project()["requires-python"])
    assert version and minimum, f"cannot read {pythons[0]!r} or requires-python"
    assert (int(version[1]), int(version[2])) >= (int(minimum[1]), int(minimum[2])), (
        f"environment.yml has {pythons[0]} but pyproject.toml requires-python is "
        f"{_project()['requires-python']}: edit environment.yml to match pyproject.toml"
    )


# (2) requirements.lock ----------------------------------------------------------------------


def test_requirements_lock_lines_are_exact_pins() -> None:
    bad = [line for line in _lock_lines("requirements.lock") if not PIN.match(line)]
    assert not bad, f"requirements.lock lines that are not name==version: {bad}: {LOCK_FIX}"


def test_requirements_lock_has_every_direct_pin() -> None:
    lock = _lock_pins("requirements.lock")
    wrong = {
        name: (version, lock.get(name))
        for name, version in _direct_pins().items()
        if lock.get(name) != version
    }
    assert not wrong, (
        f"requirements.lock disagrees with pyproject.toml ({{name: (pinned, locked)}}: {wrong}): "
        f"{LOCK_FIX}"
    )


@instructor_only
def test_requirements_lock_has_no_instructor_extras() -> None:
    extras = _pins(_project()["optional-dependencies"]["instructor"])
    leaked = sorted(set(extras) & set(_lock_pins("requirements.lock")))
    assert not leaked, f"requirements.lock is the learner's, yet pins {leaked}: {LOCK_FIX}"


# (3) requirements-dev.lock ------------------------------------------------------------------


@instructor_only
def test_requirements_dev_lock_extends_the_learner_lock() -> None:
    lines = _lock_lines("requirements-dev.lock")
    assert "-r requirements.lock" in lines, f"requirements-dev.lock must start from it: {LOCK_FIX}"
    dev = _lock_pins("requirements-dev.lock")
    wrong = {
        name: (version, dev.get(name))
        for name, version in _pins(_project()["optional-dependencies"]["instructor"]).items()
        if dev.get(name) != version
    }
    assert not wrong, f"requirements-dev.lock misses instructor pins {wrong}: {LOCK_FIX}"
    clash = sorted(set(dev) & set(_lock_pins("requirements.lock")))
    assert not clash, f"requirements-dev.lock repeats {clash} from requirements.lock: {LOCK_FIX}"


# (4) the installed environment --------------------------------------------------------------


def test_installed_packages_match_the_lock() -> None:
    lock = _lock_pins("requirements.lock")
    stale = {}
    for name in _direct_pins():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != lock[name]:
            stale[name] = (lock[name], installed)
    assert not stale, (
        f"{sys.prefix} is stale ({{name: (locked, installed)}}: {stale}): run `make test` after "
        "changing a lock file, or `.venv/bin/python -m pip install -r requirements-dev.lock`"
    )


# (5) doctor ---------------------------------------------------------------------------------


def test_doctor_runs_and_reports_python() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "grader", "doctor"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = proc.stdout.splitlines()
    assert any(line.startswith("OK   Python") for line in lines), (
        f"`python -m grader doctor` printed no OK line for Python (exit {proc.returncode}):\n"
        f"{proc.stdout}{proc.stderr}\nfix grader/doctor.py"
    )
    assert proc.returncode in (0, 1), f"doctor crashed:\n{proc.stderr}\nfix grader/doctor.py"
    malformed = [line for line in lines[:-1] if not re.match(r"^(OK  |WARN|FAIL) \S", line)]
    assert not malformed, f"doctor lines must start OK/WARN/FAIL: {malformed}"
