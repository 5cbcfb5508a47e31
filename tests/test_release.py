"""`make release` (tools/release.py), its leak guard, the learner workflow and `grader classroom`.

The slow test builds one release, then does in it what a newcomer does: the README's two
commands, `make grade` (a fresh .venv, from the pip cache) and `make test`; and what the
instructor expects of it: the solutions, copied in, pass every public check. The fast tests
plant leaks the guard must find, and hold the Classroom contract (one runner per milestone).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import yaml

from grader import classroom
from grader.engine.course import load
from tools import release

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = ROOT / "grader" / "hidden"
INSTRUCTOR_ONLY = ["solutions", "grader/hidden", "tools", "bench", ".ci", "tests/scenarios",
                   "tests/grading.py", "requirements-dev.lock", ".github/workflows/ci.yml",
                   ".github/workflows/gradebook.yml"]
LEARNER_TARGETS = ["grade", "test", "lab", "doctor", "clean", "hint", "progress", "watch"]
#: `make grade` on the starters in a fresh checkout: setup from the pip cache (about 110 s on
#: 2 cores) plus grading (about 35 s). Generous, for a machine shared with other tests; a
#: newcomer's first command must not take many minutes (packages built from source, say).
GRADE_BUDGET_S = 420

needs_hidden = pytest.mark.skipif(not HIDDEN.is_dir(),
                                  reason="needs the instructor's grader/hidden")


def _env() -> dict[str, str]:
    """A newcomer's environment: no make of ours, no CI summary, no grader settings, no venv."""
    drop = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT",
            "VIRTUAL_ENV", "PYTHONPATH"}
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("GRADER_")}


def _run(args: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=timeout)


# ---------------------------------------------------------------------------------------------
# The release, built once and used as a newcomer would.


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """`make release`, then the README's `make grade` and `make test` in it, timed."""
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    dest = tmp_path_factory.mktemp("release") / "ml-path"
    # What `make release DEST=...` runs after setup (setup here could reinstall the .venv
    # that runs these tests, when a lock file was just edited).
    recipe = _run(["make", "--no-print-directory", "-n", "release", f"DEST={dest}"], ROOT, 60)
    assert f'-m tools.release "{dest}"' in recipe.stdout, recipe.stdout + recipe.stderr
    made = _run([sys.executable, "-m", "tools.release", str(dest)], ROOT, 120)
    assert made.returncode == 0, f"make release failed:\n{made.stdout}\n{made.stderr}"
    start = time.monotonic()
    grade = _run(["make", "grade"], dest, 900)
    grade_s = time.monotonic() - start
    start = time.monotonic()
    test = _run(["make", "test"], dest, 600)
    test_s = time.monotonic() - start
    yield {"dest": dest, "release": made, "grade": grade, "grade_s": grade_s, "test": test,
           "test_s": test_s}
    shutil.rmtree(dest / ".venv", ignore_errors=True)  # about 1 GB; pytest keeps 3 runs


@pytest.mark.slow
@needs_hidden
def test_release_grades_starters_runs_tests_and_passes_solutions(built: dict) -> None:
    dest: Path = built["dest"]
    assert "leak guard: clean" in built["release"].stdout, built["release"].stdout
    present = [rel for rel in INSTRUCTOR_ONLY if (dest / rel).exists()]
    assert not present, f"instructor-only paths shipped: {present}: fix tools/release.py"
    assert (dest / "grader" / "week07" / "original" / "churnkit").is_dir()
    assert sorted(p.name for p in (dest / ".github" / "workflows").iterdir()) == ["grade.yml"]
    assert "grader/hidden/" not in (dest / "data" / "SHA256SUMS").read_text()

    # make grade: a fresh .venv, then every starter milestone "not started", nothing broken.
    grade = built["grade"]
    out = grade.stdout + grade.stderr
    assert "Setting up .venv" in out, f"make grade did not build a fresh .venv:\n{out[-3000:]}"
    assert grade.returncode != 0, "make grade passed on the starters: are the stubs gone?"
    report = json.loads((dest / ".grader" / "report.json").read_text())
    statuses = {m["id"]: m["status"] for w in report["weeks"] for m in w["milestones"]}
    course = load(dest / "course.toml")
    assert set(statuses) == {m.id for w in course.weeks for m in w.milestones}
    started = {k: v for k, v in statuses.items() if v != "not_started"}
    assert not started, f"starters should all be not_started: {started}"
    assert report["totals"]["error"] == 0
    assert all(m["hidden"] is None for w in report["weeks"] for m in w["milestones"])
    # Nothing attempted yet: no history to keep (make progress); the edition's .gitignore
    # lets the learner commit it once there is one.
    assert not (dest / ".grader" / "progress.json").exists()
    assert "!.grader/progress.json" in (dest / ".gitignore").read_text()
    assert built["grade_s"] < GRADE_BUDGET_S, (
        f"a newcomer's first make grade took {built['grade_s']:.0f} s: is a package of "
        "requirements.lock built from source?")

    # make test: the learner's course tests pass in the release.
    test = built["test"]
    assert test.returncode == 0, f"make test failed in the release:\n{test.stdout[-4000:]}"
    assert " passed" in test.stdout

    # The solutions, copied in, pass every public check.
    solutions = dest / "solutions-copy"
    for rel in release.source_files(ROOT):
        if rel.startswith("solutions/"):
            target = solutions / rel.removeprefix("solutions/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target)
    report_path = dest / ".grader" / "solutions.json"
    graded = _run([str(dest / ".venv" / "bin" / "python"), "-m", "pytest", "grader/",
                   "--submission", str(solutions), "--report", str(report_path), "--no-cache",
                   "-p", "no:cacheprovider", "-q"], dest, 1200)
    totals = json.loads(report_path.read_text())["totals"]
    assert graded.returncode == 0 and totals["passed"] == len(statuses), (
        f"solutions in the release: {totals}\n{graded.stdout[-4000:]}")
    assert totals["points"] == totals["max_points"] == sum(m.points for w in course.weeks
                                                           for m in w.milestones)

    # And Classroom's total from that report is the same.
    lines = _run([str(dest / ".venv" / "bin" / "python"), "-m", "grader", "classroom",
                  "--report", str(report_path)], dest, 60).stdout.splitlines()
    runners = {name: json.loads(base64.b64decode(value))
               for name, value in (line.split("=", 1) for line in lines)}
    assert sum(r["tests"][0]["score"] for r in runners.values()) == totals["points"]


# ---------------------------------------------------------------------------------------------
# Text filters.


def test_strip_regions_drops_marked_lines_and_refuses_broken_markers() -> None:
    text = "a\n# instructor:begin\nb\n# instructor:end\nc\n"
    assert release.strip_regions(text, *release.MAKE_MARKERS, "M") == "a\nc\n"
    for broken in ("a\n# instructor:begin\nb\n",
                   "a\n# instructor:end\n",
                   "# instructor:begin\n# instructor:begin\n# instructor:end\n"):
        with pytest.raises(release.ReleaseError, match="M:"):
            release.strip_regions(broken, *release.MAKE_MARKERS, "M")


def test_learner_readme_reads_naturally_without_instructor_parts() -> None:
    readme = release.learner_readme((ROOT / "README.md").read_text(encoding="utf-8"))
    for gone in ("For instructors", "instructor:", "solutions/", "grader/hidden", "tools/",
                 "BEGIN SOLUTION", "make release"):
        assert gone not in readme, f"the learner README still says {gone!r}"
    for kept in ("## Quick start", "make grade", "make test", "## How grading works",
                 "## Repository layout", "## Licence", "<!-- syllabus:end -->"):
        assert kept in readme, f"the learner README lost {kept!r}"
    assert "\n\n\n" not in readme


def test_learner_makefile_has_only_learner_targets() -> None:
    makefile = release.learner_makefile((ROOT / "Makefile").read_text(encoding="utf-8"))
    for gone in ("tools.", "bench/", "Instructor commands", "\nrelease:", "\nlock:",
                 "\nstarters:"):
        assert gone not in makefile, f"the learner Makefile still has {gone!r}"
    for target in LEARNER_TARGETS:
        assert f"\n{target}:" in makefile
    assert "requirements.lock" in makefile


def test_learner_gitignore_commits_the_progress_history_only(tmp_path: Path) -> None:
    """The learner edition commits .grader/progress.json (the gradebook reads it from the
    learner's repository) and still ignores the rest of .grader/; the course repo ignores all."""
    (tmp_path / ".gitignore").write_text(release.learner_gitignore(
        (ROOT / ".gitignore").read_text()))
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)

    def ignored(rel: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", rel], cwd=tmp_path).returncode == 0

    assert not ignored(".grader/progress.json")
    assert ignored(".grader/report.json") and ignored(".grader/cache/verdicts.json")
    assert ignored(".venv") and ignored("weeks/week02/models/model.joblib")
    with pytest.raises(ValueError, match=r"no longer ignores \.grader/"):
        release.learner_gitignore("build/\n")


def test_learner_manifest_names_no_held_out_file() -> None:
    text = (ROOT / "data" / "SHA256SUMS").read_text(encoding="utf-8")
    learner = release.learner_manifest(text)
    assert "grader/hidden/" in text and "grader/hidden/" not in learner
    assert learner.splitlines() == [line for line in text.splitlines() if "data/telco" in line
                                    and not line.endswith(("holdout.csv", "holdout_clean.parquet"))]


def test_learner_pyproject_drops_only_the_instructor_extras() -> None:
    import tomllib

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    learner = tomllib.loads(release.learner_pyproject(text))
    source = tomllib.loads(text)
    assert "optional-dependencies" not in learner["project"]
    source["project"].pop("optional-dependencies", None)
    assert learner == source


# ---------------------------------------------------------------------------------------------
# Where a release may go.


def test_release_refuses_a_non_empty_dest_and_force_keeps_git(tmp_path: Path) -> None:
    dest = tmp_path / "learner"
    (dest / ".git").mkdir(parents=True)
    (dest / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (dest / "old.txt").write_text("an earlier release")
    with pytest.raises(release.ReleaseError, match="not empty"):
        release.write_release(dest)
    release.write_release(dest, force=True)
    assert (dest / ".git" / "HEAD").exists() and not (dest / "old.txt").exists()
    assert (dest / "weeks" / "week01").is_dir() and not (dest / "solutions").exists()


@pytest.mark.parametrize("where", ["root", "inside", "parent"])
def test_release_never_writes_into_the_source(where: str) -> None:
    dest = {"root": ROOT, "inside": ROOT / "build" / "learner", "parent": ROOT.parent}[where]
    with pytest.raises(release.ReleaseError, match="overlaps the source"):
        release.write_release(dest, force=True)


# ---------------------------------------------------------------------------------------------
# The leak guard.


@pytest.fixture(scope="module")
def secrets() -> release.Secrets:
    if not HIDDEN.is_dir():
        pytest.skip("needs the instructor's grader/hidden")
    return release.collect_secrets(ROOT)


def test_guard_knows_the_hidden_material(secrets: release.Secrets) -> None:
    modules = {p.stem for p in HIDDEN.rglob("test_*.py")}
    assert modules <= secrets.modules
    assert any(n.startswith("test_") for n in secrets.names) and secrets.strings
    holdout = pd.read_csv(HIDDEN / "data" / "telco_churn_holdout.csv", dtype=str)
    assert set(holdout["customerID"]) <= secrets.customer_ids
    public = pd.read_csv(ROOT / "data" / "telco_churn_raw.csv", dtype=str)
    assert not set(public["customerID"]) & secrets.customer_ids, "data/ holds held-out customers"


def test_guard_finds_planted_leaks(tmp_path: Path, secrets: release.Secrets) -> None:
    """Each plant is one way hidden material could slip into a release."""
    dest = tmp_path / "release"
    (dest / "grader" / "week01").mkdir(parents=True)
    assert release.scan(dest, secrets) == []
    hidden_check = sorted(HIDDEN.glob("week01/test_*.py"))[0]
    shutil.copy(hidden_check, dest / "grader" / "week01" / "test_copied.py")
    name = sorted(n for n in secrets.names if n.startswith("test_"))[0]
    (dest / "notes.md").write_text(f"see {name} for the edge case\n")
    module = sorted(secrets.modules)[0]
    (dest / "conftest.py").write_text(f"import grader.hidden.week01.{module}\n")
    text = sorted(secrets.strings)[0]
    (dest / "hint.txt").write_text(f"Hint: {text}\n")
    held_out = sorted(secrets.customer_ids)[:3]
    (dest / "rows.csv").write_text("customerID,x\n" + "".join(f"{c},1\n" for c in held_out))
    pd.DataFrame({"x": [1]}, index=pd.Index(held_out[:1], name="customer_id")).to_parquet(
        dest / "table.parquet", compression="zstd")
    (dest / "clean.py").write_text("# BEGIN SOLUTION\nx = 1\n# END SOLUTION\n")
    (dest / "solutions" / "week01").mkdir(parents=True)
    (dest / ".github" / "workflows").mkdir(parents=True)
    (dest / ".github" / "workflows" / "gradebook.yml").write_text("name: gradebook\n")
    (dest / "grader" / "week01" / "README.md").write_text(
        "Run .venv/bin/pytest grader/hidden/week01 to include the hidden checks.\n")

    found = "\n".join(release.scan(dest, secrets))
    for expected in ("grader/week01/test_copied.py: hidden check name",
                     f"notes.md: hidden check name {name}",
                     f"conftest.py: hidden module name {module}",
                     "hint.txt: hidden check text",
                     "rows.csv: 3 held-out customer ids",
                     "table.parquet: 1 held-out customer ids",
                     "clean.py: solution marker 'BEGIN SOLUTION'",
                     "solutions: instructor-only",
                     ".github/workflows: only grade.yml ships",
                     "grader/week01/README.md: tells learners about grader/hidden/"):
        assert expected in found, f"the guard missed {expected!r}:\n{found}"
    with pytest.raises(release.LeakError, match="leaks hidden material"):
        release.guard(dest)


# ---------------------------------------------------------------------------------------------
# The learner workflow and GitHub Classroom.


def test_workflow_is_classroom_shaped_and_in_sync_with_course_toml() -> None:
    text = (ROOT / release.WORKFLOW).read_text(encoding="utf-8")
    assert release.sync_workflow(text, load()) == text, (
        "run `python -m tools.release --sync-workflow`")
    flow = yaml.safe_load(text)
    # Classroom's reporter counts only this workflow name and this single job.
    assert flow["name"] == "Autograding Tests"
    assert list(flow["jobs"]) == ["run-autograding-tests"]
    steps = flow["jobs"]["run-autograding-tests"]["steps"]
    grade = next(s for s in steps if s.get("id") == "grade")
    assert grade["continue-on-error"] is True and "make grade" in grade["run"]
    assert "--junitxml=.grader/junit.xml" in grade["run"]
    upload = next(s for s in steps if "upload-artifact" in s.get("uses", ""))
    assert upload["if"].startswith("always()")
    assert {".grader/report.json", ".grader/junit.xml"} <= set(upload["with"]["path"].split())
    reporter = next(s for s in steps if "autograding-grading-reporter@v1" in s.get("uses", ""))
    runners = reporter["with"]["runners"].split(",")
    ids = [m.id for w in load().weeks for m in w.milestones]
    assert runners == [classroom.runner_id(i) for i in ids]
    assert reporter["env"] == {f"{r.upper()}_RESULTS": f"${{{{ steps.classroom.outputs.{r} }}}}"
                               for r in runners}
    assert any(s.get("id") == "classroom" and "grader classroom" in s["run"] for s in steps)


def _report(statuses: dict[str, str]) -> dict:
    """A report in the grader's shape with the given statuses (others left out)."""
    course = load()
    weeks = []
    for week in course.weeks:
        milestones = [{"id": m.id, "title": m.title, "status": statuses[m.id],
                       "points": m.points if statuses[m.id] == "passed" else 0,
                       "max_points": m.points, "hidden": None, "reason": "",
                       "message": "clean() kept 3 rows it should drop" if statuses[m.id] == "failed"
                       else "", "hidden_failures": []}
                      for m in week.milestones if m.id in statuses]
        weeks.append({"id": week.id, "milestones": milestones})
    return {"weeks": weeks}


def test_classroom_results_give_points_per_milestone() -> None:
    course = load()
    report = _report({"1.1": "passed", "1.2": "failed", "1.3": "not_started", "1.4": "error"})
    runners = classroom.results(course, report)
    assert list(runners) == [classroom.runner_id(m.id) for w in course.weeks for m in w.milestones]
    m11, m12, m13, m14, m15 = (runners[f"m1-{i}"] for i in range(1, 6))
    assert (m11["status"], m11["tests"][0]["score"], m11["max_score"]) == ("pass", 2, 2)
    assert (m12["status"], m12["tests"][0]["score"]) == ("fail", 0)
    assert "kept 3 rows" in m12["tests"][0]["message"]
    assert (m13["status"], m14["status"]) == ("fail", "error")
    assert m15["status"] == "fail" and "not graded" in m15["tests"][0]["message"]
    assert classroom.runner_id("1.10") == "m1-10"
    for payload in runners.values():  # every field the reporter reads
        assert set(payload) == {"version", "status", "max_score", "tests"}
        assert set(payload["tests"][0]) >= {"name", "status", "score", "message"}
    assert sum(r["max_score"] for r in runners.values()) == sum(
        m.points for w in course.weeks for m in w.milestones)


def test_classroom_without_a_report_writes_every_runner_as_error(tmp_path: Path) -> None:
    out = tmp_path / "github_output"
    assert classroom.main(["--report", str(tmp_path / "missing.json"), "--output", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert len(lines) == sum(len(w.milestones) for w in load().weeks)
    name, value = lines[0].split("=", 1)
    payload = json.loads(base64.b64decode(value))
    assert name == "m1-1" and payload["status"] == "error" and payload["tests"][0]["score"] == 0


def test_classroom_command_appends_to_github_output(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text(json.dumps(_report({"1.1": "passed"})))
    out = tmp_path / "github_output"
    out.write_text("earlier=1\n")
    env = {**os.environ, "GITHUB_OUTPUT": str(out)}
    proc = subprocess.run([sys.executable, "-m", "grader", "classroom", "--report", str(report)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == "earlier=1" and lines[1].startswith("m1-1=")
    assert json.loads(base64.b64decode(lines[1].split("=", 1)[1]))["status"] == "pass"
    total = sum(m.points for w in load().weeks for m in w.milestones)
    assert f"2/{total} points" in proc.stderr
