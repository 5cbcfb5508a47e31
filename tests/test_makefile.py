"""The Makefile and CI run what the README promises, cheaply (`make -n`: nothing is installed).

`make grade` and `make test` are the learner's two commands: each must set up .venv first and
then run pytest on grader/ or tests/. CI must run `make test` and never `make grade`, which
fails while milestones are unfinished.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.edition import instructor_only

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE_FIX = "fix the Makefile"

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def _make(*args: str) -> str:
    """Run make in the repository, isolated from any make that runs these tests."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    proc = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, f"make {' '.join(args)} failed:\n{proc.stderr}\n{MAKEFILE_FIX}"
    return proc.stdout


def _index(lines: list[str], pattern: str) -> int:
    """Index of the first line matching pattern, or -1."""
    return next((i for i, line in enumerate(lines) if re.search(pattern, line)), -1)


@pytest.mark.parametrize(("target", "folder"), [("grade", "grader/"), ("test", "tests/")])
def test_target_sets_up_then_runs_pytest(target: str, folder: str) -> None:
    # -B: show the setup recipe even when .venv is already up to date.
    lines = _make("-n", "-B", target, "ARGS=-x").splitlines()
    install = _index(lines, r"-m pip .*install .*-r requirements(-dev)?\.lock")
    kernel = _index(lines, r"-m ipykernel install --sys-prefix --name ml-path")
    pytest_line = _index(lines,
                         rf"\.venv/bin/python -m pytest {re.escape(folder)}( -n (2|auto))? -x$")
    assert install >= 0, f"make {target} does not install the lock file: {MAKEFILE_FIX}"
    assert kernel >= 0, f"make {target} does not register the ml-path kernel: {MAKEFILE_FIX}"
    assert pytest_line >= 0, f"make {target} does not run pytest {folder} $(ARGS): {MAKEFILE_FIX}"
    assert install < kernel < pytest_line, f"make {target} must set up before pytest: {lines}"


def test_setup_checks_python_version_before_creating_the_venv() -> None:
    lines = _make("-n", "-B", "grade").splitlines()
    check = _index(lines, r"sys\.version_info < \(3, 11\)")
    venv = _index(lines, r"-m venv \.venv")
    assert 0 <= check < venv, f"setup must check Python >= 3.11 before `-m venv`: {MAKEFILE_FIX}"


def test_doctor_needs_no_setup() -> None:
    out = _make("-n", "-B", "doctor")
    assert "pip" not in out and "-m grader doctor" in out, (
        f"make doctor must run `-m grader doctor` without installing anything: {MAKEFILE_FIX}"
    )


def test_default_goal_prints_help_with_learner_commands_first() -> None:
    lines = _make().splitlines()
    targets = [m[1] for line in lines if (m := re.match(r"^\s+make (\S+)", line))]
    assert targets[:2] == ["grade", "test"], f"`make` must list grade and test first: {lines}"
    for target in targets:  # every advertised target exists
        _make("-n", target)


@instructor_only
def test_ci_run_is_executable_bash_calling_make_test() -> None:
    script = ROOT / ".ci" / "run"
    text = script.read_text()
    assert os.access(script, os.X_OK), "run: chmod +x .ci/run"
    assert text.startswith("#!/usr/bin/env bash\n") or text.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in text, ".ci/run must `set -euo pipefail`"
    commands = [line.strip() for line in text.splitlines() if line.strip().startswith("make ")]
    assert commands == ["make test"], f".ci/run must run `make test` only, not {commands}"
    if shutil.which("bash"):
        subprocess.run(["bash", "-n", str(script)], check=True)
