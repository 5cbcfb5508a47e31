"""The GitHub Actions workflows are valid before anyone pushes them.

actionlint checks syntax, expressions, job dependencies, matrix use and action inputs offline,
so a broken workflow fails `make test` here instead of a class's first push. The release's
learner workflow is the same file as `.github/workflows/grade.yml`, so it is covered too.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.grading import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = shutil.which("actionlint", path=str(Path(ROOT / ".venv" / "bin"))) or shutil.which(
    "actionlint")

pytestmark = pytest.mark.skipif(ACTIONLINT is None, reason="actionlint is an instructor extra: "
                                "install requirements-dev.lock")


def _lint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ACTIONLINT, "-no-color", "-oneline", str(path)], capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_passes_actionlint(workflow: Path) -> None:
    result = _lint(workflow)
    assert result.returncode == 0, f"actionlint found problems in {workflow.name}:\n{result.stdout}"


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """The check above can fail: an undefined job dependency and a bad expression are caught."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nowhere\n"
                      "    steps:\n      - run: echo ${{ matrix.nothing }}\n")
    result = _lint(broken)
    assert result.returncode != 0
    assert "nowhere" in result.stdout


def test_the_course_has_its_three_workflows() -> None:
    """CI runs the course's tests; learners grade on push; the instructor's gradebook is
    scheduled and can be started by hand."""
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "grade.yml", "gradebook.yml"} <= names, names
    triggers = {p.name: yaml.safe_load(p.read_text())[True] for p in WORKFLOWS}  # YAML 1.1: on
    assert "push" in triggers["grade.yml"]
    assert {"schedule", "workflow_dispatch"} <= set(triggers["gradebook.yml"])
