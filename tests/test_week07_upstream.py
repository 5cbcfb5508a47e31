"""Week 7's practice library is the example learners copy: clean, tested, and its bugs real.

Both editions are checked the way its CONTRIBUTING.md asks a contributor to check them:
``python -m pytest`` and ``python -m ruff check .`` from the library's root. The original
(the learner's starter) must be green too, since a learner starts from it; and each of the
solution's regression tests must fail on the original code, or it would not catch its bug.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = {"fixed (solutions)": ROOT / "solutions" / "week07" / "upstream",
            "original (starter)": ROOT / "weeks" / "week07" / "upstream"}
GH = re.compile(r"gh(\d+)(?!\d)")


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=folder, capture_output=True,
                          text=True, timeout=300)


def junit(folder: Path, xml: Path, *args: str) -> dict[str, bool]:
    """Test name -> passed, from ``python -m pytest --junitxml`` in `folder`."""
    run(folder, "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}", *args)
    cases = ET.parse(xml).getroot().iter("testcase")
    return {case.get("name", ""): not any(child.tag in ("failure", "error") for child in case)
            for case in cases}


@pytest.fixture(params=list(EDITIONS), ids=list(EDITIONS))
def edition(request: pytest.FixtureRequest) -> Path:
    folder = EDITIONS[request.param]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not part of this copy of the course")
    return folder


def test_its_own_tests_pass(edition: Path, tmp_path: Path):
    results = junit(edition, tmp_path / "junit.xml")
    assert len(results) >= 20, results
    assert all(results.values()), [name for name, ok in results.items() if not ok]


def test_its_linter_is_quiet(edition: Path):
    done = run(edition, "ruff", "check", ".", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_each_regression_test_fails_on_the_original_code(tmp_path: Path):
    fixed, original = EDITIONS["fixed (solutions)"], EDITIONS["original (starter)"]
    if not (fixed.is_dir() and original.is_dir()):
        pytest.skip("needs both solutions/ and weeks/")
    copy = tmp_path / "upstream"
    shutil.copytree(fixed, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(copy / "churnkit")
    shutil.copytree(original / "churnkit", copy / "churnkit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    results = junit(copy, tmp_path / "junit.xml")
    regression = {name: ok for name, ok in results.items() if GH.search(name)}
    issues = {GH.search(name)[1] for name in regression}  # type: ignore[index]
    assert issues == {"1", "2", "3", "4", "5"}, sorted(regression)
    for issue in issues:
        tests = {n: ok for n, ok in regression.items() if GH.search(n)[1] == issue}  # type: ignore[index]
        assert not all(tests.values()), f"no test for #{issue} fails on the original: {tests}"
    others = [name for name, ok in results.items() if not GH.search(name) and not ok]
    assert not others, f"original tests fail on the original code: {others}"
