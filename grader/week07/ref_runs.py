"""Judge-side for 7.1 and 7.2: run a test suite of churnkit in altered copies of its repository.

Every run is ``python -m pytest`` from a copy of an ``upstream/`` folder in the sandbox, with
``--junitxml``: the judge reads only that report, never the learner's code. A `Job` says what
to copy and what to change in the copy:

    own            the learner's upstream/, as it is
    original_<n>   the learner's upstream/ with churnkit/<module of issue n>.py put back to the
                   original (grader/week07/original/): their gh<n> tests must fail there
    mutant_<m>     the learner's upstream/ with one function of a module no issue is about
                   replaced by a broken one (`ref_mutants`): their suite must notice
    reference_...  the same on the original repository, with the original tests

All jobs of a batch run at once: one sandbox process imports pytest, NumPy and pandas, then
forks one ``pytest.main`` per copy (`grader.engine.pytest_runs.run_batch`), each in its own
copy as working directory, so ``import churnkit`` finds that copy's package (``python -m``
semantics). pytest reads the copy's pyproject.toml (testpaths, addopts) as the project's
contributors would. A job may run only some test files (the ones its question is about).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.engine import pytest_runs
from grader.engine.course import ROOT

#: The practice library before anyone fixed it (`make starters` renders it from solutions/).
ORIGINAL = ROOT / "grader" / "week07" / "original"
#: The repository's folder inside the week.
UPSTREAM = "upstream"
#: pytest's options, added to the project's own: no cache folder, no plugin discovery (a
#: second per run), short tracebacks, and xunit1 JUnit XML, whose cases carry their file.
PYTEST_OPTIONS = ["-q", "-p", "no:cacheprovider", "--disable-plugin-autoload", "--tb=short",
                  "-o", "junit_family=xunit1", "-o", "console_output_style=classic"]
#: What the runner imports before forking: what every run of churnkit's tests imports.
PRELOAD = ["pytest", "numpy", "pandas", "_pytest.junitxml", "_pytest.python_api"]
_IGNORE = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".ruff_cache", "*.pyc")


#: One test, and one pytest run (`grader.engine.pytest_runs`).
Case, Suite = pytest_runs.Case, pytest_runs.Suite


def module_path(dotted: str) -> str:
    """``tests/test_lift.py`` for the ``tests.test_lift`` a collection error names."""
    return dotted.replace(".", "/") + ".py" if dotted and "/" not in dotted else dotted


@dataclass(frozen=True)
class Job:
    """One copy of a repository to test: where from, and what to change in it."""

    name: str
    source: Path  # an upstream/ folder
    replace: dict[str, Path] = field(default_factory=dict)  # relative path -> file put there
    append: dict[str, str] = field(default_factory=dict)  # relative path -> code added at end
    tests: Path | None = None  # another tests/ folder to use instead of the copy's own
    files: tuple[str, ...] = ()  # the test files to run (those that exist); () = testpaths


def prepare(week: Any, job: Job) -> Path:
    """Write the job's copy under the sandbox's I/O folder; its upstream/ path."""
    root = week.sandbox.io / "week07_runs" / job.name / UPSTREAM
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(job.source, root, ignore=_IGNORE)
    if job.tests is not None:
        shutil.rmtree(root / "tests", ignore_errors=True)
        shutil.copytree(job.tests, root / "tests", ignore=_IGNORE)
    for rel, source in job.replace.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / rel)
    for rel, code in job.append.items():
        path = root / rel
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(text.rstrip("\n") + "\n\n\n" + code.strip("\n") + "\n", encoding="utf-8")
    return root


def run(week: Any, jobs: list[Job], timeout: float) -> dict[str, Suite]:
    """Run pytest in every job's copy, all at once; each job's Suite by name.

    A run still going after `timeout` is stopped: ``timeout`` is then set on its Suite.
    """
    runs = []
    for job in jobs:
        root = prepare(week, job)
        xml = root.parent / "junit.xml"
        files = [rel for rel in job.files if (root / rel).is_file()]
        runs.append(pytest_runs.Run(job.name, root, [*PYTEST_OPTIONS, f"--junitxml={xml}",
                                                     *files], xml, log=root.parent / "pytest.log",
                                    shown=UPSTREAM))
    return pytest_runs.run_batch(week, runs, preload=PRELOAD, timeout=timeout,
                                 label="week 7 pytest runner")
