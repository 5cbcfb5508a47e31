"""`python -m grader doctor`: check the environment, one line per check, each problem with its fix.

Why: when grading "does not work", the cause is nearly always the environment (wrong Python,
a stale .venv, a missing Jupyter kernel, a full disk, damaged data), not the learner's code.
Doctor names the problem and the command that fixes it, so nobody has to read a traceback.

It must run when setup is broken, so it imports nothing third-party at module level and works
under the plain system python3 (`make doctor` picks .venv/bin/python when it exists). It reads
pins with tomllib and versions with importlib.metadata, never importing the packages themselves.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL_NAME = "ml-path"
KERNEL_DISPLAY = "ML Path (Python 3.11)"
MIN_FREE_BYTES = 2 * 10**9
MANIFEST = "data/SHA256SUMS"


@dataclass(frozen=True)
class Check:
    """The outcome of one check. WARN is shown with its fix but does not fail the run."""

    status: str  # "OK", "WARN" or "FAIL"
    what: str
    detail: str
    fix: str = ""

    def line(self, width: int = 0) -> str:
        """Render as `OK   what  detail` or `FAIL what  detail -> fix: command`."""
        text = f"{self.status:<4} {self.what:<{width}}  {self.detail}"
        return f"{text} -> fix: {self.fix}" if self.status != "OK" and self.fix else text


def _venv_python(root: Path) -> Path:
    """The interpreter `make` builds; Scripts/ is the Windows layout."""
    posix = root / ".venv" / "bin" / "python"
    return posix if posix.exists() or os.name != "nt" else root / ".venv" / "Scripts" / "python.exe"


def _lock_file(root: Path) -> str:
    """The lock `make` installs: the dev lock in the instructor's repo, else the learner's."""
    return (
        "requirements-dev.lock"
        if (root / "requirements-dev.lock").exists()
        else "requirements.lock"
    )


def _install_fix(root: Path) -> str:
    """The command that brings the packages back in line with the lock file."""
    if not _venv_python(root).exists():
        return "make grade"
    return f"{_venv_python(root).relative_to(root)} -m pip install -r {_lock_file(root)}"


def _pyproject(root: Path) -> dict:
    """pyproject.toml's [project] table."""
    with open(root / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def check_python(root: Path) -> Check:
    """Python must satisfy pyproject's requires-python (>= 3.11: tomllib, pinned wheels)."""
    match = re.search(r">=\s*(\d+)\.(\d+)", _pyproject(root).get("requires-python", ""))
    need = (int(match[1]), int(match[2])) if match else (3, 11)
    have = sys.version_info[:3]
    detail = f"{'.'.join(map(str, have))} ({sys.executable})"
    if have[:2] >= need:
        return Check("OK", "Python", detail)
    want = f"python{need[0]}.{need[1]}"
    return Check(
        "FAIL",
        "Python",
        f"{detail}, need >= {need[0]}.{need[1]}",
        f"install {want}, then: make grade PYTHON={want}",
    )


def check_venv(root: Path) -> Check:
    """The packages checked below are the running interpreter's, so say which one that is."""
    venv = root / ".venv"
    running = Path(sys.prefix).resolve()
    if venv.exists() and running == venv.resolve():
        return Check("OK", ".venv", f"running {_venv_python(root).relative_to(root)}")
    if os.environ.get("CONDA_DEFAULT_ENV") == KERNEL_NAME or running.name == KERNEL_NAME:
        return Check("OK", ".venv", f"none needed: running conda env {KERNEL_NAME} ({running})")
    if _venv_python(root).exists():
        return Check("FAIL", ".venv", f"exists, but this is {sys.executable}", "make doctor")
    return Check("FAIL", ".venv", f"missing (this is {sys.executable})", "make grade")


def check_packages(root: Path) -> list[Check]:
    """Each direct pin of pyproject.toml, installed at exactly the pinned version."""
    checks = []
    for requirement in _pyproject(root)["dependencies"]:
        name, _, pinned = requirement.partition("==")
        name, pinned = name.strip(), pinned.strip()
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            checks.append(
                Check("FAIL", name, f"not installed (pinned {pinned})", _install_fix(root))
            )
            continue
        if installed == pinned:
            checks.append(Check("OK", name, installed))
        else:
            checks.append(
                Check("FAIL", name, f"{installed} installed, pinned {pinned}", _install_fix(root))
            )
    return checks


def check_kernel(root: Path) -> Check:
    """Notebooks open with the `ml-path` kernel; it must exist and point at a live Python."""
    what = f"kernel {KERNEL_NAME}"
    python = _venv_python(root).relative_to(root) if _venv_python(root).exists() else "python"
    fix = (
        f"{python} -m ipykernel install --sys-prefix --name {KERNEL_NAME} "
        f'--display-name "{KERNEL_DISPLAY}"'
    )
    try:
        from jupyter_client.kernelspec import KernelSpecManager  # lazy: third-party
    except ImportError:
        return Check("FAIL", what, "jupyter_client is not installed", _install_fix(root))
    manager = KernelSpecManager()
    specs = manager.find_kernel_specs()
    if KERNEL_NAME not in specs:
        return Check("FAIL", what, "not registered", fix)
    argv = manager.get_kernel_spec(KERNEL_NAME).argv
    exe = Path(argv[0]) if argv else None
    if exe is not None and exe.is_absolute():
        if not exe.exists():
            return Check("FAIL", what, f"registered, but its Python {exe} is gone", fix)
        if os.path.abspath(exe) != os.path.abspath(sys.executable):
            # e.g. a kernel of another clone, shadowing this one: notebooks would not see .venv
            return Check("FAIL", what, f"runs {exe}, not {sys.executable}", fix)
    return Check("OK", what, specs[KERNEL_NAME])


def check_disk(root: Path) -> Check:
    """Kernels, caches and reports need room; under 2 GB things start failing oddly."""
    free = shutil.disk_usage(root).free
    detail = f"{free / 10**9:.1f} GB free in {root}"
    if free >= MIN_FREE_BYTES:
        return Check("OK", "disk", detail)
    return Check(
        "WARN",
        "disk",
        f"{detail} (under 2 GB)",
        "free some space, e.g. make clean; python -m pip cache purge",
    )


def _sha256(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_data(root: Path) -> Check:
    """The course's data must be the frozen bytes: every result and check depends on them.

    Missing hidden/holdout files are skipped quietly: the learner release has none.
    """
    # Only the instructor's repository can rebuild data; a learner restores it from git.
    fix = "make data" if (root / "requirements-dev.lock").exists() else "git checkout -- data/"
    manifest = root / MANIFEST
    if not manifest.exists():
        return Check("FAIL", "data", f"{MANIFEST} is missing", fix)
    missing, changed, ok = [], [], 0
    for raw in manifest.read_text().splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        expected, _, rel = raw.strip().partition(" ")
        rel = rel.strip().lstrip("*")
        path = root / rel
        if not path.exists():
            if "hidden" not in Path(rel).parts and "holdout" not in path.name:
                missing.append(rel)
        elif _sha256(path) != expected.lower():
            changed.append(rel)
        else:
            ok += 1
    if missing or changed:
        parts = [f"missing: {', '.join(missing)}"] * bool(missing)
        parts += [f"sha256 differs: {', '.join(changed)}"] * bool(changed)
        return Check("FAIL", "data", "; ".join(parts), fix)
    return Check("OK", "data", f"{ok} file{'s' * (ok != 1)} match {MANIFEST}")


def _guarded(step: Callable[[Path], Check | list[Check]], root: Path) -> list[Check]:
    """Run one check; one that crashes becomes a FAIL line, never a traceback."""
    try:
        result = step(root)
    except Exception as exc:  # doctor must finish and report, whatever is broken
        name = step.__name__.removeprefix("check_")
        result = Check("FAIL", name, f"could not check: {exc!r}", "make grade")
    return result if isinstance(result, list) else [result]


def run_checks(root: Path) -> list[Check]:
    """All checks, in the order a person would fix them."""
    checks = _guarded(check_python, root)
    venv = _guarded(check_venv, root)
    checks += venv
    if venv[0].status == "OK":
        checks += _guarded(check_packages, root) + _guarded(check_kernel, root)
    else:  # another interpreter's packages say nothing about .venv's: one line, not 24
        checks.append(Check("FAIL", "packages", "not checked: not running in .venv", venv[0].fix))
    return checks + _guarded(check_disk, root) + _guarded(check_data, root)


def main(argv: list[str] | None = None) -> int:
    """Print one line per check; return 0 when none failed, else 1."""
    parser = argparse.ArgumentParser(
        prog="python -m grader doctor", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the course repository (default: %(default)s)"
    )
    root = parser.parse_args(argv).root.resolve()
    checks = run_checks(root)
    width = max(len(c.what) for c in checks)
    for check in checks:
        print(check.line(width))
    failed = sum(c.status == "FAIL" for c in checks)
    if failed:
        print(f"doctor: {failed} of {len(checks)} checks failed; run the fixes above, then retry")
        return 1
    print(f"doctor: all {len(checks)} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
