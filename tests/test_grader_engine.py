"""End-to-end behaviour of the grader on the solutions and on the generated starters.

These run `pytest grader/` in a subprocess, exactly as `make grade` does, and read its report.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from grader.engine.course import load
from tests.grading import ROOT, grade, tree_hash

SCHEMA = json.loads((ROOT / "grader" / "engine" / "report.schema.json").read_text())


@pytest.fixture(scope="module")
def solutions(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("solutions")
    summary = tmp / "summary.md"
    junit = tmp / "junit.xml"
    graded = grade(ROOT / "solutions", tmp, f"--junitxml={junit}",
                   env={"GITHUB_STEP_SUMMARY": str(summary)})
    return graded, summary, junit


@pytest.fixture(scope="module")
def starters(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("starters")
    before = tree_hash(ROOT / "weeks")
    graded = grade(ROOT / "weeks", tmp)
    return graded, before


def _milestones(report):
    return [m for w in report["weeks"] for m in w["milestones"]]


def test_solutions_pass_every_milestone_public_and_hidden(solutions):
    graded, _, _ = solutions
    assert graded.returncode == 0, graded.stdout[-3000:]
    by_design = {m.id for w in load().weeks for m in w.milestones if not m.hidden_checks}
    for m in _milestones(graded.report):
        assert m["status"] == "passed", m["message"]
        assert m["hidden_failures"] == []
        if m["id"] in by_design:  # course.toml says: no held-out data applies
            assert m["hidden"] is None, f"{m['id']} says hidden_checks = false but has some"
        else:
            assert m["hidden"] == "passed", f"{m['id']}: its hidden checks did not run or pass"
    totals = graded.report["totals"]
    assert totals["points"] == totals["max_points"] > 0
    assert "Everything selected has passed" in graded.stdout


def test_report_validates_against_schema_1(solutions, starters):
    for graded in (solutions[0], starters[0]):
        jsonschema.validate(graded.report, SCHEMA)
        assert graded.report["schema"] == 1
        assert graded.report["seed"] == 7  # GRADER_SEED is recorded


def test_schema_rejects_a_report_with_an_unknown_status(solutions):
    broken = json.loads(json.dumps(solutions[0].report))
    broken["weeks"][0]["milestones"][0]["status"] = "almost"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_markdown_summary_goes_to_github_step_summary(solutions):
    _, summary, _ = solutions
    text = summary.read_text()
    total = sum(m.points for w in load().weeks for m in w.milestones)
    assert text.startswith(f"## ML Path: {total}/{total} points")
    assert "| 1.2 Parse TotalCharges as money | ✅ passed | 2/2 |" in text


def test_junit_xml_through_pytest(solutions):
    _, _, junit = solutions
    suite = ET.parse(junit).getroot()
    counts = {k: int(suite.find("testsuite").get(k) if suite.tag == "testsuites" else
                      suite.get(k)) for k in ("tests", "failures", "errors")}
    assert counts["tests"] >= 3 and counts["failures"] == 0 and counts["errors"] == 0


def test_starters_are_all_not_started_with_no_errors(starters):
    graded, _ = starters
    assert graded.returncode == 1
    statuses = {m["id"]: m["status"] for m in _milestones(graded.report)}
    assert set(statuses.values()) == {"not_started"}, statuses
    assert graded.report["totals"]["error"] == 0
    assert "Next up:" in graded.stdout and "1.1 Load the raw file" in graded.stdout
    assert "Hint 1" in graded.stdout


def test_grading_never_writes_learner_files(starters):
    _, before = starters
    assert tree_hash(ROOT / "weeks") == before


def test_hidden_failures_show_only_a_category(tmp_path):
    """A solution that passes the public checks but not the hidden ones learns only a category."""
    submission = tmp_path / "sub"
    shutil.copytree(ROOT / "solutions", submission)
    clean = submission / "week01" / "clean.py"
    # Right on the learner's file (single-space blanks), wrong on other blank spellings.
    clean.write_text(
        "import pandas as pd\n\n\n"
        "def total_charges_as_float(raw):\n"
        "    text = raw['TotalCharges'].replace(' ', '0')\n"
        "    return pd.to_numeric(text).astype('float64').rename('TotalCharges')\n")
    graded = grade(submission, tmp_path)
    m = next(m for m in _milestones(graded.report) if m["id"] == "1.2")
    assert m["status"] == "failed" and m["hidden"] == "failed"
    assert "fails when blanks or row order change" in m["message"]
    # It names the learner's file and function, never the check (tmp_path holds "test_").
    message = m["message"].replace(str(submission), "SUB")
    assert "SUB/week01/clean.py::total_charges_as_float" in message
    assert "Expected" not in message and "test_" not in message
    # The gradebook's feedback reads the categories, never the messages of hidden checks.
    assert m["hidden_failures"] == ["fails when blanks or row order change"]


def test_replay_gives_a_real_runs_verdicts_without_importing_checks(tmp_path):
    """A fully cached check file is replayed (engine.replay): same verdicts and messages,
    failures included, and not one check module imported."""
    submission = tmp_path / "sub"
    shutil.copytree(ROOT / "weeks" / "week01", submission / "week01")
    shutil.copy(ROOT / "solutions" / "week01" / "load.py", submission / "week01" / "load.py")
    report = tmp_path / "r.json"
    # A plugin that lists, at the session's end, the check modules Python has imported.
    (tmp_path / "probe.py").write_text(
        "import sys\n"
        "def pytest_sessionfinish(session):\n"
        f"    open({str(tmp_path / 'imported.txt')!r}, 'w').write(' '.join(\n"
        "        m for m in sys.modules if m.rsplit('.', 1)[-1].startswith('test_')))\n")
    cmd = [sys.executable, "-m", "pytest", "grader/", "--submission", str(submission),
           "--report", str(report), "-p", "no:cacheprovider", "-p", "probe",
           "--milestone", "1.1", "--milestone", "1.2", "--junitxml", str(tmp_path / "j.xml")]
    env = {**os.environ, "GRADER_SEED": str(random.randrange(2**31)),  # a seed not cached yet
           "PYTHONPATH": str(tmp_path)}
    runs = []
    for _ in range(2):
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
        runs.append((done, json.loads(report.read_text()),
                     (tmp_path / "j.xml").read_text().count("<testcase"),
                     (tmp_path / "imported.txt").read_text().split()))
    (first, first_report, first_cases, first_imported), (second, second_report, second_cases,
                                                         second_imported) = runs
    assert first.returncode == second.returncode == 1
    assert ([(m["id"], m["status"], m["message"]) for m in _milestones(first_report)]
            == [(m["id"], m["status"], m["message"]) for m in _milestones(second_report)])
    assert [m["status"] for m in _milestones(second_report)] == ["passed", "not_started"]
    assert first_cases == second_cases > 0
    assert "unchanged checks not re-run" in second.stdout
    assert any(m.endswith("test_load") for m in first_imported), first_imported
    # test_load.py and test_clean.py hold only 1.1's and 1.2's checks: replayed, not imported.
    # (Files that also hold other milestones' checks, never run here, are imported.)
    replayed = {"grader.week01.test_load", "grader.week01.test_clean"}
    assert replayed <= set(first_imported) and not replayed & set(second_imported)
    # Any edit of the learner's week: its checks are collected and run for real again.
    (submission / "week01" / "clean.py").write_text(
        (ROOT / "solutions" / "week01" / "clean.py").read_text())
    third = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    assert third.returncode == 0, third.stdout[-2000:]
    assert "unchanged checks" not in third.stdout


def test_timings_say_how_long_the_learners_code_ran(tmp_path):
    """GRADER_TIMINGS (the benchmarks' bare time): a notebook that sleeps 1.5 s in a cell and
    a function that sleeps 0.5 s per call are counted, the grading around them is not."""
    submission = tmp_path / "sub"
    shutil.copytree(ROOT / "solutions" / "week01", submission / "week01")
    notebook = submission / "week01" / "first_look.ipynb"
    nb = json.loads(notebook.read_text())
    nb["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [],
                        "execution_count": None, "source": "import time\ntime.sleep(1.5)"})
    notebook.write_text(json.dumps(nb))
    timings = tmp_path / "timings.jsonl"
    graded = grade(submission, tmp_path, "--milestone", "1.3",
                   env={"GRADER_TIMINGS": str(timings)})
    assert graded.returncode == 0, graded.output[-3000:]
    lines = [json.loads(line) for line in timings.read_text().splitlines()]
    assert [line["week"] for line in lines] == ["week01"]
    # 1.3 runs the notebook once for its public checks and once on held-out customers.
    assert 3.0 <= lines[0]["learner_s"] < graded.seconds, (lines, graded.seconds)


def test_make_grade_starts_workers_only_for_weeks_to_grade(tmp_path):
    """`-n auto` (make grade): two weeks to grade get two workers, side by side; the same
    run again, every verdict cached, stays in one process (no worker start-up to pay)."""
    report = tmp_path / "r.json"
    cmd = [sys.executable, "-m", "pytest", "grader/", "-n", "auto", "--submission", "solutions",
           "--report", str(report), "-p", "no:cacheprovider", "--milestone", "1.1",
           "--milestone", "2.1"]
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_AUTO_NUM_WORKERS"}
    env["GRADER_SEED"] = str(random.randrange(2**31))  # a seed not cached yet
    first = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stdout[-3000:]
    assert "created: 2/2 workers" in first.stdout, first.stdout
    second = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stdout[-3000:]
    assert "created:" not in second.stdout and " workers [" not in second.stdout
    assert "unchanged checks not re-run" in second.stdout
    assert [m["status"] for m in _milestones(json.loads(report.read_text()))] == ["passed"] * 2


def test_an_unknown_milestone_is_a_usage_error_naming_valid_ids(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pytest", "grader/", "--submission",
                           "solutions", "--milestone", "1.99", "-p", "no:cacheprovider",
                           "--report", str(tmp_path / "r.json")],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert "--milestone 1.99: no such milestone" in done.stderr and "1.10" in done.stderr


def test_selecting_one_week_and_keyword(tmp_path):
    graded = grade(ROOT / "solutions", tmp_path, "grader/week01", "-k", "blank_charges")
    assert [m["id"] for m in _milestones(graded.report)] == ["1.2"]
    graded = grade(ROOT / "solutions", tmp_path, "--milestone", "1.1", "--milestone", "1.3")
    assert [m["id"] for m in _milestones(graded.report)] == ["1.1", "1.3"]


def test_unchanged_rerun_replays_cached_verdicts(tmp_path):
    """Second run with nothing changed: every verdict from the cache, no kernel started."""
    report = tmp_path / "r.json"
    cmd = [sys.executable, "-m", "pytest", "grader/", "--submission", "solutions", "-q",
           "--report", str(report), "-p", "no:cacheprovider"]
    env = {**os.environ, "GRADER_SEED": str(random.randrange(2**31))}  # a seed not cached yet
    subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env, check=True)
    first = json.loads(report.read_text())
    second_run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    second = json.loads(report.read_text())
    assert second_run.returncode == 0
    assert [m["status"] for m in _milestones(first)] == [m["status"] for m in _milestones(second)]
    checks = sum(m["checks"] for m in _milestones(second))
    assert f"({checks} unchanged checks not re-run)" in second_run.stdout, second_run.stdout


def test_missing_submission_folder_is_a_clear_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pytest", "grader/", "--submission",
                           str(tmp_path / "nope")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0
    assert "is not a folder" in done.stdout + done.stderr


def test_a_week_missing_from_the_submission_is_named_not_blamed_on_the_checks(tmp_path):
    import shutil

    submission = tmp_path / "sub"
    shutil.copytree(ROOT / "solutions" / "week01", submission / "week01")
    graded = grade(submission, tmp_path, "--milestone", "1.1", "--milestone", "2.1")
    assert graded.report["totals"]["error"] == 0, graded.stdout[-3000:]
    assert [m["id"] for m in _milestones(graded.report)] == ["1.1"]
    assert "sub/week02/ does not exist: its checks were not run" in graded.stdout


def test_parallel_weeks_with_xdist_keep_each_week_on_one_worker(tmp_path):
    """Under `-n` a week's checks share one worker (engine.scheduling): split across two,
    both would boot the week's kernel and run its notebooks (the course took 79 s, not 49)."""
    import re

    graded = grade(ROOT / "solutions", tmp_path, "-n", "2", "-v")
    assert graded.returncode == 0, graded.stdout[-3000:]
    assert all(m["status"] == "passed" for m in _milestones(graded.report))
    workers: dict[str, set[str]] = {}
    for worker, nodeid in re.findall(r"\[(gw\d+)\][^\n]* PASSED (\S+)", graded.stdout):
        workers.setdefault(re.search(r"week\d\d", nodeid).group(), set()).add(worker)
    assert sorted(workers) == [w.folder for w in load().weeks], graded.stdout[-3000:]
    assert {w: len(on) for w, on in workers.items()} == {w: 1 for w in workers}, workers
    assert len(set().union(*workers.values())) == 2  # and both workers had weeks to grade


def test_week_scheduling_scope_is_the_week_folder():
    from grader.engine.scheduling import week_of_nodeid

    assert week_of_nodeid("grader/week03/test_pipeline.py::test_fit") == "week03"
    assert week_of_nodeid("grader/hidden/week03/test_hidden_pipeline.py::test_x") == "week03"
    assert week_of_nodeid("tests/test_other.py::test_y") == "tests/test_other.py"



def test_not_started_work_without_a_stub_gets_the_checks_own_first_step():
    from grader.engine.course import Milestone
    from grader.engine.outcomes import LearnerFault
    from grader.engine.verdict import run_check

    milestone = Milestone(id="7.1", title="Fix upstream issues", points=3,
                          files=("upstream/CHANGELOG.md",), targets=("upstream/CHANGELOG.md",),
                          hints=("Reproduce the bug first.",), week="week07")

    def check() -> None:
        raise LearnerFault("NOT_STARTED", "NotStarted", "pick two issues of ISSUES.md",
                           where="weeks/week07/upstream/CHANGELOG.md")

    record, error = run_check(check, milestone, "weeks/week07", hidden=False, category=None,
                              show_hidden=False)
    assert error is None and record["status"] == "not_started"
    assert "Start     pick two issues of ISSUES.md" in record["message"]
    assert "replace the" not in record["message"]


def _record(status, message="", hidden=False, milestone="1.2"):
    reason = {"failed": "WRONG", "error": "GRADER"}.get(status, "")
    return {"milestone": milestone, "hidden": hidden, "status": status, "reason": reason,
            "message": message}


def _failed_message(detail_lines=2):
    from grader.engine.outcomes import render

    return render("✗", "1.2", "Clean TotalCharges", "weeks/week01/clean.py::total_charges", [
        ("Problem", "wrong values"), ("Expected", "float64"), ("Got", "object"),
    ], [*(f"row {i}: ' ' -> nan" for i in range(detail_lines)), "Hint 1    Blanks are ' '."])


def test_combine_counts_the_other_failing_checks_in_one_line():
    from grader.engine.verdict import combine

    shown = _record("failed", _failed_message())
    records = [_record("passed"), shown, _record("failed", "✗ 1.2 another check"),
               _record("failed", "✗ 1.2 hidden", hidden=True),
               shown.copy(),  # a replayed time-out or import error: the same message again
               _record("not_started", "○ 1.2 not started")]
    status, record = combine(records)
    assert status == "failed" and record["reason"] == "WRONG"
    lines = record["message"].splitlines()
    assert lines[:-1] == _failed_message().splitlines()  # the shown message, unchanged
    assert lines[-1] == ("  +2 more problems: run `.venv/bin/pytest grader/ --milestone 1.2 "
                         "--tb=short` to see them all")
    assert "hidden" not in record["message"]  # hidden checks are counted, never described
    assert shown["message"] == _failed_message()  # the check's own record is not changed


def test_combine_adds_nothing_when_one_check_failed():
    from grader.engine.verdict import combine

    message = _failed_message()
    assert combine([_record("passed"), _record("failed", message)])[1]["message"] == message
    assert combine([_record("failed", message), _record("failed", message)])[1][
        "message"] == message
    assert "more problem" in combine([_record("failed", message),
                                      _record("error", "! 1.2 grader bug")])[1]["message"]
    assert "+1 more problem:" in combine([_record("failed", message),
                                          _record("failed", "other")])[1]["message"]


def test_more_problems_keeps_the_message_within_16_lines_and_its_hint():
    from grader.engine.verdict import MAX_LINES, combine

    long = _failed_message(detail_lines=14)  # 4 rows + 14 detail lines + hint: 19 lines
    _, record = combine([_record("failed", long), _record("failed", "other")])
    lines = record["message"].splitlines()
    assert len(lines) == MAX_LINES
    assert lines[0] == long.splitlines()[0]  # the header stays
    assert [line.split()[0] for line in lines[1:4]] == ["Problem", "Expected", "Got"]
    assert lines[-2] == "  Hint 1    Blanks are ' '." and lines[-1].startswith("  +1 more")


def test_report_shows_the_more_problems_line_in_json_terminal_and_markdown():
    from grader.engine.report import build, markdown, terminal_lines

    course = load()
    records = [_record("failed", _failed_message(detail_lines=10)),
               _record("failed", "other"), _record("failed", "hidden", hidden=True)]
    report = build(course, records, submission="weeks", seed=7, started="now", duration_s=1.0,
                   grader_version="test")
    m = report["weeks"][0]["milestones"][0]
    assert m["id"] == "1.2" and m["status"] == "failed" and m["hidden"] == "failed"
    assert len(m["message"].splitlines()) == 16
    assert m["message"].endswith("--milestone 1.2 --tb=short` to see them all")
    assert "\n  +2 more problems: run" in "\n".join(terminal_lines(report, "report.json"))
    assert "  +2 more problems: run" in markdown(report)


def test_junit_cases_get_node_ids_and_every_outcome():
    from grader.engine.pytest_runs import XPASS_PROPERTY, parse_junit

    xml = f"""<testsuites><testsuite>
      <testcase classname="tests.test_lift" name="test_ok" file="tests/test_lift.py"/>
      <testcase classname="tests.test_lift.TestGh2" name="test_ties[a]" file="tests/test_lift.py">
        <failure message="assert 0.0 == 2.0">tests/test_lift.py:9: in test_ties</failure>
      </testcase>
      <testcase classname="tests.test_lift" name="test_skip" file="tests/test_lift.py">
        <skipped type="pytest.skip" message="later"/></testcase>
      <testcase classname="tests.test_lift" name="test_xf" file="tests/test_lift.py">
        <skipped type="pytest.xfail" message="flaky"/></testcase>
      <testcase classname="tests.test_lift" name="test_xp" file="tests/test_lift.py">
        <properties><property name="{XPASS_PROPERTY}" value="xpassed"/></properties>
      </testcase>
      <testcase classname="" name="tests.test_costs"><error message="collection failure"/>
      </testcase>
    </testsuite></testsuites>""".encode()
    cases = {c.nodeid: c for c in parse_junit(xml)}
    assert {nodeid: c.outcome for nodeid, c in cases.items()} == {
        "tests/test_lift.py::test_ok": "passed",
        "tests/test_lift.py::TestGh2::test_ties[a]": "failed",
        "tests/test_lift.py::test_skip": "skipped",
        "tests/test_lift.py::test_xf": "xfailed",
        "tests/test_lift.py::test_xp": "xpassed",
        "tests.test_costs": "error",
    }
    assert cases["tests/test_lift.py::TestGh2::test_ties[a]"].message == "assert 0.0 == 2.0"
