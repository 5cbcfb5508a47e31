"""The gradebook's outputs on synthetic books: every file, its content, and what learners see.

Synthetic because these tests are about presentation: a 50-learner book with every outcome,
tampering, notes and hidden failures is built in memory in milliseconds, where grading 50
submissions would take many minutes (bench/bench_gradebook.py does that).
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
from pathlib import Path
from typing import Any

import matplotlib.image as mpimg
import pytest

from grader.engine import course
from tools.gradebook import feedback, history, outputs, plots

OUTCOMES = ["timeout", "missing_repo", "unreachable", "missing_ref", "not_course", "crashed"]
#: Text that must never reach a learner: a check's message quoting the expected value.
LEAK = "expected churn rate 0.26537 but got 0.31"
HIDDEN = "fails on unseen customers"
NOTE = ("pull request marked merged: https://example.org/churnkit/pull/7 "
        "(bonus: confirm it upstream)")
TAMPER_PROBLEM = ("The submission's copy of the course files differs: 2 changed "
                  "(data/telco_churn_raw.csv, grader/week01/test_load.py); ask the learner why.")


def milestones() -> list[dict[str, Any]]:
    """The real syllabus's milestones, as the gradebook document lists them."""
    return [{"id": m.id, "title": m.title, "week": w.number, "points": m.points}
            for w in course.load().weeks for m in w.milestones]


def learner_result(name: str, ms: list[dict[str, Any]], rng: random.Random,
                   outcome: str = "graded") -> dict[str, Any]:
    """One LearnerResult: a learner `progress` weeks in, some failures, one leaky field."""
    results = {}
    reach = rng.randint(0, len(ms))
    for i, m in enumerate(ms):
        if outcome != "graded":
            status = "not_graded"
        elif i < reach:
            status = rng.choice(["passed"] * 6 + ["failed", "failed", "error"])
        else:
            status = "not_started"
        results[m["id"]] = {
            "status": status, "points": m["points"] if status == "passed" else 0,
            "max_points": m["points"], "reason": "WRONG" if status == "failed" else "",
            "hidden_failures": [], "notes": [],
            # Not a LearnerResult field: what a careless presenter would copy out.
            "message": LEAK if status == "failed" else "", "expected": 0.26537}
    points = sum(r["points"] for r in results.values())
    return {"learner": name, "repo": f"https://example.org/{name}.git", "ref": "",
            "commit": None if outcome != "graded" else f"{rng.getrandbits(160):040x}",
            "outcome": outcome,
            "problem": None if outcome == "graded" else f"{outcome}: fix it and push again",
            "points": points if outcome == "graded" else 0,
            "max_points": sum(m["points"] for m in ms), "milestones": results, "tampered": [],
            "progress": None, "duration_s": rng.uniform(5, 60)}


def make_book(n: int = 50, seed: int = 0, generated: str = "2026-11-29T10:00:00Z"
              ) -> dict[str, Any]:
    """A gradebook document of `n` learners covering every outcome and presentation case."""
    rng = random.Random(seed)
    ms = milestones()
    learners = []
    for i in range(n):
        outcome = OUTCOMES[i // 7] if i % 7 == 6 and i // 7 < len(OUTCOMES) else "graded"
        learners.append(learner_result(f"learner-{i:02d}", ms, rng, outcome))
    if n >= 4:
        learners[0]["learner"] = "Ana | María O'Neil"  # pipes and spaces: Markdown, file names
        hidden = learners[1]["milestones"]["1.2"]
        hidden.update(status="failed", points=0, reason="WRONG", hidden_failures=[HIDDEN],
                      message=f"[hidden] {LEAK}")
        learners[1]["points"] = sum(r["points"] for r in learners[1]["milestones"].values())
        learners[2]["tampered"] = ["grader/week01/test_load.py", "data/telco_churn_raw.csv"]
        learners[2]["problem"] = TAMPER_PROBLEM  # instructor-facing: not in the feedback
        learners[3]["milestones"]["7.3"].update(status="passed", points=3, notes=[NOTE])
        learners[3]["points"] = sum(r["points"] for r in learners[3]["milestones"].values())
    env = {"python": "3.11.2", "platform": "Linux-x86_64", "packages": {"pandas": "2.3.3"},
           "lock_sha256": "ab" * 32}
    return {"schema": 1, "generated": generated, "course": "ML Path",
            "grader": {"commit": "0da3a34" + "0" * 33, "dirty": False, "seed": 7,
                       "select": ["grader/"], "timeout_s": 1800.0, "jobs": 2,
                       "environment": env},
            "milestones": ms, "learners": learners}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path, list[Path]]:
    book = make_book()
    out = tmp_path_factory.mktemp("gradebook")
    return book, out, outputs.write_all(book, out, history=out / "history.jsonl")


def test_every_file_is_written_and_returned(written):
    book, out, paths = written
    names = {p.relative_to(out).as_posix() for p in paths}
    assert {"gradebook.csv", "gradebook.json", "gradebook.md", "heatmap.png", "history.png",
            "history.jsonl"} <= names
    assert len([n for n in names if n.startswith("feedback/")]) == len(book["learners"])
    assert all(p.is_file() and p.stat().st_size for p in paths)
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary files left"


def test_csv_columns_and_values(written):
    book, out, _ = written
    with (out / "gradebook.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = [m["id"] for m in book["milestones"]]
    assert list(rows[0]) == [*outputs.CSV_FIXED, *ids]
    assert [r["learner"] for r in rows] == [x["learner"] for x in book["learners"]]
    for row, x in zip(rows, book["learners"], strict=True):
        assert row["outcome"] == x["outcome"]
        assert int(row["points"]) == x["points"] and int(row["max_points"]) == x["max_points"]
        assert int(row["passed"]) == sum(m["status"] == "passed" for m in x["milestones"].values())
        assert row["tampered"] == ("yes" if x["tampered"] else "no")
        assert row["problem"] == (x["problem"] or "")
        assert [row[i] for i in ids] == [outputs.shown_status(x, i) for i in ids]
    assert rows[2]["tampered"] == "yes" and rows[6]["outcome"] == "timeout"
    # A failure on hidden checks is told apart; a plain failure is not.
    assert rows[1]["1.2"] == "failed (hidden)"
    plain = [(r, i) for r in rows for i in ids if r[i] == "failed"]
    assert plain and all(not book["learners"][rows.index(r)]["milestones"][i]["hidden_failures"]
                         for r, i in plain)


def test_json_round_trips(written):
    book, out, _ = written
    assert json.loads((out / "gradebook.json").read_text(encoding="utf-8")) == book


def test_markdown_table_row_per_learner_and_attention(written):
    book, out, _ = written
    md = (out / "gradebook.md").read_text(encoding="utf-8")
    table = [line for line in md.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| Learner | Outcome | Points | W1 (1.1–1.10) |")
    assert len(table) == 1 + len(book["learners"])
    assert "Ana \\| María O'Neil" in table[1]  # the pipe is escaped: still one row
    assert table[1].count(" | ") == table[0].count(" | ")
    assert "](feedback/Ana_Mar_a_O_Neil.md)" in table[1]  # the name links to the feedback
    row4 = table[1 + 4]
    symbols = "".join(outputs.SYMBOLS[book["learners"][4]["milestones"][m["id"]]["status"]]
                      for m in book["milestones"] if m["week"] == 1)
    assert f"`{symbols}`" in row4 and "[learner-04](feedback/learner-04.md)" in row4
    # learner-01 failed 1.2 on hidden checks: H, not ✗, in the week-1 cell (1.2 is second).
    week1 = table[1 + 1].split(" | ")[3].strip("`")
    assert week1[1] == "H" and "H failed on hidden checks" in md
    assert md.startswith("## ML Path: gradebook of 50 learners")
    assert "1 learner\n" in outputs.markdown(make_book(1)) + "\n"
    attention = md.split("### Needs attention", 1)[1]
    for x in book["learners"]:
        if x["outcome"] != "graded":
            assert f"**{x['learner']}**: {x['outcome'].replace('_', ' ')}: {x['problem']}" in md
    assert "grader/week01/test_load.py" in attention and NOTE in attention
    assert TAMPER_PROBLEM in attention
    assert attention.count("**learner-02**") == 1  # the problem names the files already
    untold = make_book(4)
    untold["learners"][2]["problem"] = None
    assert "`grader/week01/test_load.py`" in outputs.markdown(untold)
    assert "learner-05" not in attention
    assert "grader commit `0da3a3400000`" in md and "seed 7" in md and "Python 3.11.2" in md
    assert LEAK not in md


def test_feedback_is_specific_and_never_leaks(written):
    book, out, _ = written
    files = sorted((out / "feedback").iterdir())
    assert len(files) == len(book["learners"])
    texts = {p.name: p.read_text(encoding="utf-8") for p in files}
    assert all(LEAK not in t and "0.26537" not in t for t in texts.values())
    hidden = texts["learner-01.md"]
    assert HIDDEN in hidden and "1.2" in hidden
    assert "an answer is not what the milestone asks for" in hidden
    assert "## Week 8" in hidden and "| 8.2 " in hidden
    tampered = texts["learner-02.md"]
    assert "your edits to grader/ are not used for grading" in tampered
    assert "`grader/week01/test_load.py`" in tampered and TAMPER_PROBLEM not in tampered
    assert NOTE in texts["learner-03.md"]
    timeout = texts["learner-06.md"]
    assert book["learners"][6]["problem"] not in timeout and "could not grade" in timeout
    assert "stopped after 30 minutes" in timeout and "never ends" in timeout
    assert "not a judgement" not in timeout
    assert "not graded" not in timeout and "## Week" not in timeout
    assert "Gradebook of 2026-11-29 10:00 UTC." in timeout
    assert "Graded on" not in texts["learner-04.md"]
    assert "## Changes to the course's files (grader/, data/)" in tampered
    assert "Ana_Mar_a_O_Neil.md" in texts
    assert "your edits to grader/" not in texts["learner-04.md"]


def test_feedback_only_reads_allowed_fields():
    """A result whose every free-text field but the allowed ones is poisoned stays clean."""
    book = make_book(3)
    row = book["learners"][1]
    for m in row["milestones"].values():
        m.update(status="failed", reason="something: expected 42", where="expected 42",
                 checks=3, message="expected 42", hidden_failures=[])
    text = feedback.render(book, row)
    assert "expected 42" not in text  # a reason that is not a known code is dropped
    assert text.count("✗ not passed yet") == len(book["milestones"])


def test_feedback_file_names_are_safe_and_distinct():
    rows = [{"learner": n} for n in ["a b", "a_b", "A_B", "../../etc/passwd", "", "ünï"]]
    names = feedback.filenames(rows)
    assert len({n.lower() for n in names}) == len(names)
    assert all("/" not in n and not n.startswith(".") and n.endswith(".md") for n in names)


def test_heatmap_is_a_readable_png(written):
    book, out, _ = written
    image = mpimg.imread(out / "heatmap.png")
    height, width = image.shape[:2]
    rows, cols = len(book["learners"]), len(book["milestones"])
    # At least ~24 pixels per learner row and per milestone column: names stay legible.
    assert height >= rows * 24 and width >= cols * 24
    assert height < 4000 and width < 4000
    fig = plots.heatmap_figure(book)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == rows and labels[6] == "learner-06 (timeout)"
    assert labels[2] == "learner-02 (grader changed)"
    colours = [t.get_color() for t in ax.get_yticklabels()]
    assert colours[6] == colours[2] == plots.ATTENTION and colours[5] != plots.ATTENTION
    assert [t.get_text() for t in ax.get_xticklabels()] == [m["id"] for m in book["milestones"]]
    # One label per week: "Week 7", or "W8" over a week of one or two columns.
    assert sum(bool(re.fullmatch(r"Week \d+|W\d+", t.get_text())) for t in ax.texts) == 8
    plots.plt.close(fig)


def test_history_two_runs_two_lines_two_points(tmp_path):
    first, second = make_book(10, seed=1), make_book(12, seed=2,
                                                     generated="2026-12-06T10:00:00Z")
    second["learners"] = second["learners"][2:]  # two left, four joined... by name
    log = tmp_path / "runs" / "history.jsonl"
    outputs.write_all(first, tmp_path / "one", history=log)
    outputs.write_all(second, tmp_path / "two", history=log)
    lines = log.read_text().splitlines()
    assert len(lines) == 2
    runs = history.read(log)
    assert set(runs[0]["learners"]) == {f"learner-{i:02d}" for i in range(10)} - {
        "learner-00"} | {"Ana | María O'Neil"}
    assert "learner-00" not in runs[1]["learners"] and "learner-11" in runs[1]["learners"]
    assert runs[1]["grader_commit"] == second["grader"]["commit"] and runs[1]["seed"] == 7
    x = first["learners"][4]
    assert runs[0]["learners"]["learner-04"]["passed"]["1"] == sum(
        x["milestones"][m["id"]]["status"] == "passed" for m in first["milestones"]
        if m["week"] == 1)
    times, series = plots.history_series(runs)
    assert len(times) == 2 and sorted(series, key=int) == [str(w) for w in range(1, 9)]
    fig = plots.history_figure(runs)
    assert [len(line.get_xdata()) for line in fig.axes[0].lines] == [2] * 8
    plots.plt.close(fig)
    image = mpimg.imread(tmp_path / "two" / "history.png")
    assert image.shape[0] > 300 and image.shape[1] > 600
    # The same run appended again (a re-run merge job) is not counted twice.
    history.append(second, log)
    assert len(log.read_text().splitlines()) == 2


def test_history_mean_counts_graded_learners_only():
    book = make_book(14)
    entry = history.record(book)
    graded = [x for x in book["learners"] if x["outcome"] == "graded"]
    week1 = sum(sum(x["milestones"][m["id"]]["status"] == "passed" for m in book["milestones"]
                    if m["week"] == 1) for x in graded) / len(graded)
    assert history.mean_passed_per_week(entry)["1"] == pytest.approx(week1)


def test_history_tolerates_missing_file_and_corrupt_lines(tmp_path):
    log = tmp_path / "history.jsonl"
    assert history.read(log) == []
    history.append(make_book(5), log)
    with log.open("a") as f:
        f.write('{"generated": "2026-11-30T00:00:00Z", "learn')  # a run killed mid-write
    with pytest.warns(UserWarning, match=":2: not a JSON line"):
        history.append(make_book(5, generated="2026-12-01T00:00:00Z"), log)
    with log.open("a") as f:
        f.write("[1, 2]\n")
    with pytest.warns(UserWarning) as caught:
        runs = history.read(log)
    assert [r["generated"] for r in runs] == ["2026-11-29T10:00:00Z", "2026-12-01T00:00:00Z"]
    assert len(caught) == 2 and ":2:" in str(caught[0].message)
    with pytest.warns(UserWarning):  # the corrupt lines stay, and are skipped again
        outputs.write_all(make_book(5, generated="2026-12-02T00:00:00Z"), tmp_path / "out",
                          history=log)
    with pytest.warns(UserWarning):
        assert len(history.read(log)) == 3
    assert mpimg.imread(tmp_path / "out" / "history.png").shape[0] > 300


def test_csv_cells_are_not_formulas_and_stale_feedback_goes(tmp_path):
    book = make_book(6)
    book["learners"][5]["problem"] = "=HYPERLINK(\"http://x\")"
    outputs.write_all(book, tmp_path)
    with (tmp_path / "gradebook.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows[5]["problem"] == "'=HYPERLINK(\"http://x\")"
    book["learners"] = book["learners"][1:]
    outputs.write_all(book, tmp_path)
    assert sorted(p.name for p in (tmp_path / "feedback").iterdir()) == [
        f"learner-0{i}.md" for i in range(1, 6)]


def test_empty_book_still_writes_everything(tmp_path):
    book = make_book(0)
    paths = outputs.write_all(book, tmp_path, history=tmp_path / "h.jsonl")
    assert {p.name for p in paths} >= {"gradebook.csv", "heatmap.png", "history.png"}
    assert (tmp_path / "gradebook.csv").read_text().count("\n") == 1


ROSTER_PROBLEM = ("Learner 'eve' (roster line 6): the repo path /tmp/roster-x/eve does not "
                  "exist; fix the roster's repo column. fatal: repository '/tmp/roster-x/eve' "
                  "not found")


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_ungraded_feedback_is_for_the_learner_not_the_instructor(outcome, tmp_path):
    book = make_book(3)
    row = book["learners"][1]
    row.update(outcome=outcome, problem=ROSTER_PROBLEM, ref="week-2", commit=None, points=0)
    for m in row["milestones"].values():
        m.update(status="not_graded", points=0, reason="")
    outputs.write_all(book, tmp_path)
    text = (tmp_path / "feedback" / "learner-01.md").read_text(encoding="utf-8")
    assert "/tmp/roster-x" not in text and "roster" not in text.lower()
    assert "fatal" not in text and "could not grade" in text
    expected = {"missing_repo": "it was not found", "unreachable": "could not be reached",
                "missing_ref": "branch or commit `week-2` was not found",
                "not_course": "no weeks/week01/ folder", "timeout": "30 minutes",
                "crashed": "run `make grade` to see why"}[outcome]
    assert expected in text
    # The instructor's files keep the sentence that says what to fix.
    assert ROSTER_PROBLEM in (tmp_path / "gradebook.md").read_text(encoding="utf-8")
    with (tmp_path / "gradebook.csv").open(newline="", encoding="utf-8") as f:
        assert list(csv.DictReader(f))[1]["problem"] == ROSTER_PROBLEM


def test_crashed_feedback_keeps_the_real_statuses():
    book = make_book(3)
    row = book["learners"][1]
    row.update(outcome="crashed", problem=ROSTER_PROBLEM, points=0)
    for m in row["milestones"].values():
        m.update(status="error", points=0, reason="CRASH")
    text = feedback.render(book, row)
    assert "Every check crashed" in text and "run `make grade` to see why" in text
    assert text.count("! could not be checked") == len(book["milestones"])
    assert "your code crashed the Python process" in text and "roster" not in text


def test_missing_shards_open_the_markdown_with_a_warning(tmp_path):
    book = make_book(6)
    outputs.write_all(book, tmp_path / "whole")
    book.update(missing_shards=[2], expected_learners=9)
    book["grader"]["shards"] = 3
    outputs.write_all(book, tmp_path / "part")
    md = (tmp_path / "part" / "gradebook.md").read_text(encoding="utf-8")
    assert md.splitlines()[0] == ("⚠ Incomplete: shard 2 of 3 is missing, so its learners are "
                                  "absent from this gradebook (6 of 9 learners present).")
    assert not (tmp_path / "whole" / "gradebook.md").read_text().startswith("⚠")
    for name in ("gradebook.csv", "heatmap.png"):  # unchanged by the warning
        assert ((tmp_path / "part" / name).read_bytes()
                == (tmp_path / "whole" / name).read_bytes())
    book.update(missing_shards=[1, 3], expected_learners=None)
    assert outputs.markdown(book).startswith(
        "⚠ Incomplete: shards 1 and 3 of 3 are missing, so their learners are absent from "
        "this gradebook.\n")
    book["missing_shards"] = []
    assert outputs.markdown(book).startswith("## ML Path")


def test_history_skips_weeks_a_run_did_not_grade(tmp_path):
    full = make_book(8, seed=3)
    week1 = make_book(8, seed=4, generated="2026-11-29T10:05:00Z")
    week1["milestones"] = [m for m in week1["milestones"] if m["week"] == 1]
    for x in week1["learners"]:
        x["milestones"] = {k: v for k, v in x["milestones"].items() if k.startswith("1.")}
    later = make_book(8, seed=5, generated="2026-11-29T10:09:00Z")
    log = tmp_path / "history.jsonl"
    for book in (full, week1, later):
        runs = history.append(book, log)
    assert runs[1]["milestones"] == [m["id"] for m in week1["milestones"]]
    assert set(history.mean_passed_per_week(runs[1])) == {"1"}
    times, series = plots.history_series(runs)
    assert len(times) == 3 and len(series) == 8
    assert series["1"][1] == pytest.approx(history.mean_passed_per_week(runs[1])["1"])
    assert all(math.isnan(series[w][1]) for w in series if w != "1")
    assert all(not math.isnan(series[w][0]) and not math.isnan(series[w][2]) for w in series)
    fig = plots.history_figure(runs)
    lines = {line.get_label(): line for line in fig.axes[0].lines}
    assert len(lines["Week 1 (of 10)"].get_ydata()) == 3
    assert len(lines["Week 2 (of 7)"].get_ydata()) == 2  # no 0 for the week-1-only run
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert len(set(ticks)) >= 3  # runs minutes apart get distinct labels
    plots.plt.close(fig)
    # The week-1-only run last: the other weeks keep their "(of N)".
    fig = plots.history_figure([runs[0], runs[2], {**runs[1], "generated": "2026-12-01"}])
    assert "Week 2 (of 7)" in [line.get_label() for line in fig.axes[0].lines]
    plots.plt.close(fig)


def test_without_history_a_stale_history_png_goes(tmp_path):
    outputs.write_all(make_book(4), tmp_path, history=tmp_path / "h.jsonl")
    assert (tmp_path / "history.png").is_file()
    paths = outputs.write_all(make_book(4, generated="2026-12-01T00:00:00Z"), tmp_path)
    assert not (tmp_path / "history.png").exists()
    assert "history.png" not in {p.name for p in paths}


def test_a_duplicate_row_gets_no_feedback_file(tmp_path):
    """The learner's first row has their feedback; a second file would contradict it."""
    book = make_book(3)
    first = book["learners"][0]
    book["learners"][2] = {**first, "learner": f"{first['learner']} (line 4)",
                           "outcome": "duplicate", "problem": "appears twice",
                           "points": 0, "commit": None}
    outputs.write_all(book, tmp_path)
    files = sorted(p.name for p in (tmp_path / "feedback").iterdir())
    assert len(files) == 2 and not any("line_4" in f for f in files)
    table = (tmp_path / "gradebook.md").read_text(encoding="utf-8")
    assert "line 4) ⚠ | duplicate" in table and "line_4" not in table
