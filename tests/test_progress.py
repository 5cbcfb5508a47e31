"""The learner's history (`.grader/progress.json`), `make hint` and `make progress`.

The store must record what a learner did (first try, each change of verdict, the first pass,
hints read) and nothing else: never an instructor's grading of solutions/ or a class. The
hint command must walk the tiers of course.toml once, and the Next up block must count down.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from grader import hints, path, progress
from grader.__main__ import COMMANDS
from grader.engine import plugin, report
from grader.engine.course import load

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _report(*statuses: tuple[str, str, str]) -> dict[str, Any]:
    """A report of week 1 with (id, status, reason) milestones, as report.build shapes it."""
    course = load()
    week = course.week("week01")
    ms = []
    for mid, status, reason in statuses:
        m = course.milestone(mid)
        hint = f"  Hint 1    {m.hints[0]}"
        ms.append({"id": mid, "title": m.title, "status": status, "reason": reason,
                   "points": m.points if status == "passed" else 0, "max_points": m.points,
                   "hidden": None, "message": "" if status == "passed" else
                   f"✗ {mid} {m.title}   weeks/week01/x.py\n  Problem   wrong\n{hint}",
                   "checks": 1, "where": "weeks/week01/x.py", "notes": [],
                   "hidden_failures": []})
    return {"schema": 1, "course": "ML Path", "submission": "weeks", "duration_s": 1.0,
            "weeks": [{"id": week.id, "number": week.number, "title": week.title,
                       "milestones": ms}],
            "totals": {"points": sum(m["points"] for m in ms),
                       "max_points": sum(m["max_points"] for m in ms)}}


# ---------------------------------------------------------------------------------------------
# The store


def test_record_appends_only_changes_and_keeps_the_first_pass(tmp_path: Path) -> None:
    store_path = tmp_path / ".grader" / "progress.json"
    progress.record(_report(("1.1", "not_started", "NOT_STARTED")), store_path, T0)
    assert not store_path.exists(), "an untouched starter is no attempt: nothing to write"

    progress.record(_report(("1.1", "failed", "WRONG")), store_path, T0 + timedelta(minutes=5))
    progress.record(_report(("1.1", "failed", "WRONG")), store_path, T0 + timedelta(minutes=9))
    progress.record(_report(("1.1", "passed", "")), store_path, T0 + timedelta(hours=1))
    progress.record(_report(("1.1", "failed", "EXCEPTION")), store_path, T0 + timedelta(hours=2))
    entry = progress.load(store_path)["milestones"]["1.1"]
    assert entry["first_attempt"] == "2026-03-02T09:05:00+00:00"
    assert [(o["status"], o["reason"]) for o in entry["outcomes"]] == [
        ("failed", "WRONG"), ("passed", ""), ("failed", "EXCEPTION")]
    assert entry["passed_at"] == "2026-03-02T10:00:00+00:00", "a later failure keeps the pass"
    assert entry["hints_shown"] == 0
    assert not list(store_path.parent.glob("*.tmp")), "atomic write left a temporary file"
    assert json.loads(store_path.read_text())["schema"] == 1


def test_record_keeps_hints_and_skips_partial_milestones(tmp_path: Path) -> None:
    store_path = tmp_path / "progress.json"
    store = progress.load(store_path)
    progress.mark_hints(store, "1.2", 2)
    progress.save(store, store_path)
    progress.record(_report(("1.2", "not_started", "NOT_STARTED")), store_path, T0)
    entry = progress.load(store_path)["milestones"]["1.2"]
    assert entry == {"first_attempt": None, "outcomes": [], "hints_shown": 2, "passed_at": None}
    progress.record(_report(("1.2", "passed", ""), ("1.3", "failed", "WRONG")), store_path, T0,
                    skip={"1.2"})
    entries = progress.load(store_path)["milestones"]
    assert entries["1.2"]["outcomes"] == [], "a milestone graded in part must not be recorded"
    assert entries["1.3"]["outcomes"][0]["status"] == "failed"
    assert progress.hints_shown(progress.load(store_path), "1.2") == 2


@pytest.mark.parametrize("text", ["{not json", '{"schema": 1, "milestones": []}',
                                  '{"schema": 99, "milestones": {}}', "\udcff"])
def test_a_corrupt_store_is_set_aside_never_lost(tmp_path: Path, text: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    store_path = tmp_path / "progress.json"
    store_path.write_bytes(text.encode("utf-8", "surrogateescape"))
    assert progress.load(store_path) == progress.empty()
    kept = tmp_path / "progress.json.corrupt"
    assert kept.read_bytes() == text.encode("utf-8", "surrogateescape")
    assert not store_path.exists()
    assert "progress.json.corrupt" in capsys.readouterr().err
    store_path.write_text("[]")
    progress.load(store_path)
    assert (tmp_path / "progress.json.corrupt2").exists(), "a second corrupt file overwrote one"


def test_only_the_learners_own_weeks_are_their_progress(tmp_path: Path) -> None:
    assert progress.is_learner_run(ROOT / "weeks", ROOT)
    assert progress.is_learner_run(ROOT / "weeks" / ".." / "weeks", ROOT)
    assert not progress.is_learner_run(ROOT / "solutions", ROOT)
    assert not progress.is_learner_run(tmp_path / "weeks", ROOT), "the gradebook's checkouts"


# ---------------------------------------------------------------------------------------------
# make hint


def _hint(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    out = subprocess.run([sys.executable, "-m", "grader", "hint", *args,
                          "--report", str(tmp_path / "report.json"),
                          "--progress", str(tmp_path / "progress.json")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    return out.returncode, out.stdout, out.stderr


def test_hint_walks_the_tiers_then_shows_them_all(tmp_path: Path) -> None:
    code, out, _ = _hint(tmp_path)
    assert code == 1 and "run make grade first" in out

    (tmp_path / "report.json").write_text(json.dumps(
        _report(("1.1", "passed", ""), ("1.2", "failed", "WRONG"))))
    m = load().milestone("1.2")
    code, out, _ = _hint(tmp_path)
    assert code == 0
    assert out.splitlines()[0].startswith("Hint 2 of 3 · 1.2 Parse TotalCharges as money")
    assert "weeks/week01/clean.py::total_charges_as_float" in out.splitlines()[0]
    assert m.hints[0] in out and m.hints[1] in out and m.hints[2] not in out
    assert out.splitlines()[-1] == "1 more hint: make hint"
    assert progress.hints_shown(progress.load(tmp_path / "progress.json"), "1.2") == 2

    code, out, _ = _hint(tmp_path)
    assert out.startswith("Hint 3 of 3") and m.hints[2] in out
    assert "That was the last hint." in out

    code, out, _ = _hint(tmp_path)
    assert code == 0 and out.startswith("All 3 hints of 1.2 are shown")
    assert all(h in out for h in m.hints)
    assert progress.hints_shown(progress.load(tmp_path / "progress.json"), "1.2") == 3


def test_hint_for_a_named_milestone_and_unknown_ids(tmp_path: Path) -> None:
    code, out, _ = _hint(tmp_path, "2.1")
    assert code == 0 and out.startswith("Hint 2 of 3 · 2.1 ")
    assert out.splitlines()[-1] == "1 more hint: make hint M=2.1", "plain make hint is Next up"

    code, out, err = _hint(tmp_path, "1.20")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "No milestone 1.20 in course.toml; valid ids: 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, "
        "1.9, 1.10"]
    code, _, err = _hint(tmp_path, "nine")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "1.1–1.10" in err


def test_next_up_counts_the_hints_left_down(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(progress.ENV, str(tmp_path / "progress.json"))
    data = _report(("1.2", "failed", "WRONG"))
    grading = SimpleNamespace(course=load(), settings=SimpleNamespace(submission=ROOT / "weeks"))
    shown = []
    for _ in range(3):
        left = plugin._more_hints(grading, data)  # type: ignore[arg-type]
        lines = report.terminal_lines(data, ".grader/report.json", more_hints=left)
        more = [line for line in lines if line.lstrip().startswith("More")]
        shown.append(more)
        if more:
            at = lines.index(more[0])
            assert lines[at - 1].lstrip().startswith("Hint 1"), "More goes right after Hint 1"
        store = progress.load()
        hints.show(load(), "1.2", store)
        progress.save(store)
    assert shown == [["  More      2 more hints: make hint"],
                     ["  More      1 more hint: make hint"], []]
    # Grading solutions/ never reads a learner's hint count: all hints still ahead.
    grading.settings.submission = ROOT / "solutions"
    assert plugin._more_hints(grading, data) == 2  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# make progress


def test_progress_prints_the_path_so_far(tmp_path: Path) -> None:
    course = load()
    store_path = tmp_path / "progress.json"
    assert path.lines(course, progress.load(store_path), "p") == [
        "No progress recorded yet: run make grade"]
    progress.record(_report(("1.1", "failed", "WRONG"), ("1.2", "failed", "WRONG")),
                    store_path, T0)
    progress.record(_report(("1.1", "passed", ""), ("1.2", "failed", "WRONG")), store_path,
                    T0 + timedelta(hours=2, minutes=5))
    progress.record(_report(("1.3", "passed", "")), store_path, T0 + timedelta(days=1))
    store = progress.load(store_path)
    progress.mark_hints(store, "1.2", 3)
    out = path.lines(course, store, ".grader/progress.json")
    by_id = {line.split()[1]: line for line in out if line.startswith("  ")}
    assert out[0] == "ML Path · your path so far (.grader/progress.json)"
    assert out[1].startswith("Week 1  ")
    assert by_id["1.1"].startswith("  ✓ 1.1 ")
    assert "failed → passed" in by_id["1.1"] and "passed after 2 h 05 min" in by_id["1.1"]
    assert "1/3 hints" in by_id["1.1"]
    assert by_id["1.2"].startswith("  ✗ 1.2 ") and "3/3 hints" in by_id["1.2"]
    assert "passed" not in by_id["1.2"].split("·", 1)[1]
    assert "passed at the first grading" in by_id["1.3"]
    assert "not tried yet" in by_id["1.4"]
    assert "Weeks 2–8: nothing tried yet" in out
    points = course.milestone("1.1").points + course.milestone("1.3").points
    total = sum(m.points for w in course.weeks for m in w.milestones)
    assert out[-1].startswith(f"Passed: {points}/{total} points (2 of ")


def test_progress_and_hint_commands_need_only_the_standard_library() -> None:
    assert {"hint", "progress"} <= set(COMMANDS)
    code = ("import sys, grader.hints, grader.path, grader.progress; "
            "bad = {'numpy', 'pandas', 'pytest', 'jupyter_client'} & set(sys.modules); "
            "sys.exit(sorted(bad) or 0)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, f"make hint/progress must work before setup: {done.stderr}"


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
def test_make_targets_and_clean_keeps_progress(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    out = subprocess.run(["make", "--no-print-directory", "-n", "hint", "M=1.2"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=60).stdout
    assert "-m grader hint 1.2" in out and "pip" not in out
    grader_dir = tmp_path / ".grader"
    (grader_dir / "cache").mkdir(parents=True)
    for name in ("report.json", "progress.json", "junit.xml"):
        (grader_dir / name).write_text("{}")
    subprocess.run(["make", "--no-print-directory", "clean"], cwd=tmp_path, env=env,
                   capture_output=True, check=True, timeout=60)
    assert sorted(p.name for p in grader_dir.iterdir()) == ["progress.json"]


# ---------------------------------------------------------------------------------------------
# The plugin hook, in a real grading run


def _grade(store_path: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "pytest", "grader/", "--milestone", "1.1", "--no-cache",
           "--report", str(tmp_path / "report.json"), "-p", "no:cacheprovider", "-q", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, progress.ENV: str(store_path), "GRADER_SEED": "7"})


def test_grading_weeks_records_progress_but_grading_solutions_does_not(tmp_path: Path) -> None:
    store_path = tmp_path / "progress.json"
    earlier = {"schema": 1, "milestones": {"1.1": {
        "first_attempt": "2026-01-01T00:00:00+00:00", "hints_shown": 2, "passed_at": None,
        "outcomes": [{"at": "2026-01-01T00:00:00+00:00", "status": "failed", "reason": "WRONG"}]}}}
    store_path.write_text(json.dumps(earlier))

    done = _grade(store_path, tmp_path, "--submission", str(ROOT / "solutions"))
    assert done.returncode == 0, done.stdout[-2000:]
    assert json.loads(store_path.read_text()) == earlier, "grading solutions/ wrote progress"

    done = _grade(store_path, tmp_path)  # weeks/: the starter of 1.1
    entry = json.loads(store_path.read_text())["milestones"]["1.1"]
    assert [o["status"] for o in entry["outcomes"]] == ["failed", "not_started"], done.stdout
    assert entry["hints_shown"] == 2
    assert "More      1 more hint: make hint" in done.stdout


def test_a_grading_and_a_hint_at_once_both_keep_their_update(tmp_path: Path) -> None:
    """`make watch` records a run while the learner asks `make hint`: the store's lock makes
    one wait for the other, so neither update is lost."""
    import threading
    import time

    store_path = tmp_path / "progress.json"
    recorded = threading.Event()

    def grade() -> None:
        progress.record(_report(("1.1", "failed", "WRONG")), store_path)
        recorded.set()

    with progress.locked(store_path):  # a hint being shown holds the lock
        thread = threading.Thread(target=grade)
        thread.start()
        time.sleep(0.3)
        assert not recorded.is_set()  # the grading waits for it
        store = progress.load(store_path)
        progress.mark_hints(store, "1.1", 2)
        progress.save(store, store_path)
    thread.join(10)
    entry = progress.load(store_path)["milestones"]["1.1"]
    assert entry["hints_shown"] == 2 and [o["status"] for o in entry["outcomes"]] == ["failed"]
