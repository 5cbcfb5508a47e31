"""The gradebook grades a small class for real: good and bad rows, shards and merges.

One class is graded once for the module (milestones 1.1 and 1.2 only, with their hidden
checks: a few seconds per submission), covering every outcome of a roster row: graded
(solutions, starters, a tampered grader/, a branch, a tag-less commit of a local repository
and of a URL), missing_repo, unreachable, missing_ref, not_course and crashed. A timeout
has its own tiny run, and so does a duplicate learner (not graded). Every bad row must say
what happened while the rest is graded; every unusable input or option must say, in one
line and exit code 2, what to fix.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

from tools import release
from tools.gradebook import __main__ as cli
from tools.gradebook import outputs, roster, run, shards, tamper

ROOT = Path(__file__).resolve().parents[1]
#: ana's .grader/progress.json, as `make grade` and `make hint` write it.
ANA_PROGRESS = {"schema": 1, "milestones": {"1.1": {
    "first_attempt": "2026-11-20T09:00:00+00:00",
    "outcomes": [{"at": "2026-11-20T09:00:00+00:00", "status": "failed", "reason": "WRONG"},
                 {"at": "2026-11-20T09:20:00+00:00", "status": "passed", "reason": ""}],
    "hints_shown": 2, "passed_at": "2026-11-20T09:20:00+00:00"}}}
SELECT = ["--milestone", "1.1", "--milestone", "1.2"]
SEED = 7
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                           *args], cwd=cwd, env=GIT_ENV, check=True, capture_output=True,
                          text=True).stdout.strip()


def course_checkout(dest: Path, week01: Path) -> Path:
    """A learner's copy of the course: the learner edition's grader/ and data/, weeks/week01."""
    hidden = ROOT / "grader" / "hidden"

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n in ("__pycache__", "figures", "models")
                or Path(folder, n) == hidden or n.endswith(".pyc")]

    shutil.copytree(ROOT / "grader", dest / "grader", ignore=ignore)
    shutil.copytree(ROOT / "data", dest / "data", ignore=ignore)
    shutil.copy(ROOT / "course.toml", dest / "course.toml")
    shutil.copytree(week01, dest / "weeks" / "week01", ignore=ignore)
    return dest


def _commit_all(repo: Path, message: str) -> str:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


def build_class(base: Path) -> dict[str, Any]:
    """Submissions and a roster (relative and absolute paths, URLs) in `base`."""
    solutions, starters = ROOT / "solutions" / "week01", ROOT / "weeks" / "week01"
    course_checkout(base / "ana", solutions)
    (base / "ana" / ".grader").mkdir()
    (base / "ana" / ".grader" / "progress.json").write_text(json.dumps(ANA_PROGRESS))
    course_checkout(base / "bob", starters)
    (base / "bob" / ".grader").mkdir()
    (base / "bob" / ".grader" / "progress.json").write_text("{not json")
    tess = course_checkout(base / "tess", solutions)
    # A rigged public check: were the learner's grader/ used, 1.1 would fail.
    with (tess / "grader" / "week01" / "test_load.py").open("a") as fh:
        fh.write("\n\n@pytest.mark.milestone('1.1')\ndef test_rigged():\n    raise "
                 "AssertionError('rigged')\n")
    (tess / "grader" / "week01" / "test_extra.py").write_text("# mine\n")
    (tess / "data" / "README.md").unlink()
    # A git repository: starters on main, the solutions on branch `submit`.
    repo = course_checkout(base / "gitrepo", starters)
    _git(repo, "init", "-q")
    starters_sha = _commit_all(repo, "starters")
    _git(repo, "checkout", "-q", "-b", "submit")
    shutil.rmtree(repo / "weeks" / "week01")
    shutil.copytree(solutions, repo / "weeks" / "week01",
                    ignore=shutil.ignore_patterns("figures", "models", "__pycache__"))
    submit_sha = _commit_all(repo, "solutions")
    _git(repo, "checkout", "-q", "main")
    (base / "tess" / "course.toml").unlink()  # still a course checkout: weeks/week01/
    crash = course_checkout(base / "cruz", solutions)
    for module in (crash / "weeks" / "week01").glob("*.py"):
        module.write_text("import os\n\nos._exit(3)\n")  # every import kills the kernel
    (base / "notcourse" / "src").mkdir(parents=True)
    (base / "notcourse" / "setup.py").write_text("")
    url = (repo).as_uri()
    rows = [
        ("ana", "ana", ""),  # relative to the roster
        ("bob", str(base / "bob"), ""),
        ("tess", "tess", ""),
        ("gina", url, "submit"),  # a branch of a URL
        ("gabe", url, "no-such-branch"),
        ("sam", url, submit_sha[:12]),  # a commit of a URL: full fetch, then checkout
        ("lena", "gitrepo", submit_sha),  # a commit of a local repository: throwaway clone
        ("carl", "no/such/folder", ""),
        ("eve", "https://127.0.0.1:9/nope.git", ""),
        ("fred", (base / "nothing-here.git").as_uri(), ""),
        ("dora", "notcourse", ""),
        ("cruz", "cruz", ""),
    ]
    path = base / "roster.csv"
    path.write_text("learner,repo,ref\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows))
    return {"roster": path, "repo": repo, "submit": submit_sha, "starters": starters_sha,
            "rows": rows}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("class")
    made = build_class(base)
    rows = roster.read(made["roster"])
    results = run.grade_roster(rows, jobs=2, timeout_s=300, seed=SEED, select=SELECT,
                               workdir=base / "work")
    book = run.build_book(results, seed=SEED, select=SELECT, timeout_s=300, jobs=2)
    return {**made, "base": base, "book": book,
            "by": {r["learner"]: r for r in book["learners"]}}


def test_a_history_of_another_shape_is_left_out_with_a_note(tmp_path: Path) -> None:
    (tmp_path / ".grader").mkdir()
    (tmp_path / ".grader" / "progress.json").write_text('{"week01": {"1.1": "passed"}}')
    store, note = run._progress(tmp_path)
    assert store is None and note and "no 'milestones' object" in note


def test_every_row_is_reported_in_roster_order(graded: dict[str, Any]) -> None:
    learners = [r["learner"] for r in graded["book"]["learners"]]
    assert learners == [row[0] for row in graded["rows"]]
    for r in graded["book"]["learners"]:
        assert set(r["milestones"]) == {"1.1", "1.2"}, r
        assert r["max_points"] == 4, r
        if r["outcome"] not in ("graded", "crashed"):
            assert r["points"] == 0 and r["problem"], r
            assert {m["status"] for m in r["milestones"].values()} == {"not_graded"}, r


@pytest.mark.parametrize(("learner", "outcome", "words"), [
    ("gabe", "missing_ref", ["'gabe'", "no-such-branch", "main, submit"]),
    ("carl", "missing_repo", ["'carl'", "no/such/folder", "does not exist"]),
    ("eve", "unreachable", ["'eve'", "127.0.0.1:9", "git said: fatal:"]),
    ("fred", "missing_repo", ["'fred'", "nothing-here.git", "git said:"]),
    ("dora", "not_course", ["'dora'", "weeks/", "setup.py, src/"]),
    ("cruz", "crashed", ["'cruz'", "EXIT"]),
])
def test_bad_rows_say_what_happened(graded: dict[str, Any], learner: str, outcome: str,
                                    words: list[str]) -> None:
    r = graded["by"][learner]
    assert r["outcome"] == outcome, r
    assert r["points"] == 0
    for word in words:
        assert word in r["problem"], (word, r["problem"])


def test_crashed_submission_keeps_its_reasons(graded: dict[str, Any]) -> None:
    ms = graded["by"]["cruz"]["milestones"]
    assert {m["status"] for m in ms.values()} == {"failed"}
    assert {m["reason"] for m in ms.values()} == {"EXIT"}


@pytest.mark.parametrize(("learner", "points", "status"), [
    ("ana", 4, "passed"), ("bob", 0, "not_started"), ("tess", 4, "passed"),
    ("gina", 4, "passed"), ("sam", 4, "passed"), ("lena", 4, "passed"),
])
def test_good_rows_are_graded_with_the_course_grader(graded: dict[str, Any], learner: str,
                                                     points: int, status: str) -> None:
    r = graded["by"][learner]
    assert (r["outcome"], r["points"]) == ("graded", points), r
    assert {m["status"] for m in r["milestones"].values()} == {status}, r
    if status == "passed":  # hidden checks ran too
        assert all(not m["hidden_failures"] for m in r["milestones"].values())


def test_commits_are_the_ones_graded(graded: dict[str, Any]) -> None:
    by = graded["by"]
    assert by["gina"]["commit"] == by["sam"]["commit"] == by["lena"]["commit"] == graded["submit"]
    assert by["ana"]["commit"] is None  # a plain folder has no commit
    # The learner's own working tree was not touched by the throwaway clone.
    repo = graded["repo"]
    assert _git(repo, "rev-parse", "HEAD") == graded["starters"]
    assert _git(repo, "status", "--porcelain") == ""


def test_tampering_is_reported_not_used(graded: dict[str, Any]) -> None:
    tess = graded["by"]["tess"]
    assert tess["tampered"] == ["data/README.md", "grader/week01/test_extra.py",
                                "grader/week01/test_load.py"]
    assert "1 changed" in tess["problem"] and "1 added" in tess["problem"]
    assert "1 removed" in tess["problem"] and "no course.toml" in tess["problem"]
    for name in ("ana", "bob", "gina", "lena"):
        assert graded["by"][name]["tampered"] == [], name


def test_progress_is_read_when_valid(graded: dict[str, Any], tmp_path: Path) -> None:
    """A learner's history (grader.progress, schema 1) reaches gradebook.json, and the hints
    they asked for reach the CSV; an unreadable one is left out with a note."""
    assert graded["by"]["ana"]["progress"] == ANA_PROGRESS
    path = outputs.write_csv(graded["book"], tmp_path / "gradebook.csv")
    rows = {r["learner"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    assert rows["ana"]["hints_used"] == "2" and rows["bob"]["hints_used"] == ""
    bob = graded["by"]["bob"]
    assert bob["progress"] is None and "progress.json" in bob["problem"]


def test_grader_block_records_commit_seed_and_environment(graded: dict[str, Any]) -> None:
    book = graded["book"]
    g = book["grader"]
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip()
    assert g["commit"] == head and isinstance(g["dirty"], bool)
    assert (g["seed"], g["select"], g["jobs"]) == (SEED, ["grader/", *SELECT], 2)
    env = g["environment"]
    lock = ROOT / env["lock_file"]
    assert env["lock_sha256"] == hashlib.sha256(lock.read_bytes()).hexdigest()
    assert env["python"] and env["platform"] and env["packages"]["pytest"]
    assert [m["id"] for m in book["milestones"]] == ["1.1", "1.2"]
    assert book["milestones"][0] == {"id": "1.1", "title": "Load the raw file with explicit "
                                     "dtypes", "week": 1, "points": 2}


def test_timeout_kills_the_whole_run(tmp_path: Path) -> None:
    slow = course_checkout(tmp_path / "slow", ROOT / "weeks" / "week01")
    pid_file = tmp_path / "kernel.pid"
    (slow / "weeks" / "week01" / "load.py").write_text(
        f"import os\nimport time\n\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "while True:\n    time.sleep(1)\n")
    (tmp_path / "roster.csv").write_text("learner,repo,ref\nsid,slow,\n")
    rows = roster.read(tmp_path / "roster.csv")
    [r] = run.grade_roster(rows, jobs=1, timeout_s=10, seed=1, select=SELECT,
                           workdir=tmp_path / "work")
    assert r["outcome"] == "timeout" and "10 s" in r["problem"], r["problem"]
    assert r["points"] == 0 and r["duration_s"] < 30
    # The learner's kernel (its own session, not pytest's group) went with the run.
    pid = int(pid_file.read_text())
    time.sleep(0.5)
    try:
        status = psutil.Process(pid).status()
    except psutil.NoSuchProcess:
        status = "gone"
    assert status in ("gone", psutil.STATUS_ZOMBIE), f"the killed run's kernel is {status}"


def _cli(*args: str) -> int:
    return cli.main([str(a) for a in args])


def test_shards_merge_to_the_single_run(graded: dict[str, Any], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    # A smaller roster of the same rows (two graded, the rest cheap), split three ways.
    keep = ["ana", "bob", "gabe", "carl", "eve", "fred", "dora"]
    lines = graded["roster"].read_text().splitlines()
    text = "\n".join([lines[0], *(line for line in lines[1:] if line.split(",")[0] in keep)])
    small = graded["base"] / "small.csv"
    small.write_text(text + "\n")
    for i in (1, 2, 3):
        assert _cli("grade", small, "--out", tmp_path / f"s{i}", "--shard", f"{i}/3",
                    "--seed", SEED, "--select", " ".join(SELECT), "--timeout", 300) == 0
    parts = [json.loads((tmp_path / f"s{i}" / "gradebook.json").read_text()) for i in (1, 2, 3)]
    assert [[r["learner"] for r in p["learners"]] for p in parts] == [
        ["ana", "carl", "dora"], ["bob", "eve"], ["gabe", "fred"]]
    history = tmp_path / "history.jsonl"
    assert _cli("merge", tmp_path / "s3", tmp_path / "s1", tmp_path / "s2", "--out",
                tmp_path / "all", "--history", history) == 0
    merged = json.loads((tmp_path / "all" / "gradebook.json").read_text())
    assert "shard" not in merged and merged["grader"]["seed"] == SEED
    assert [r["learner"] for r in merged["learners"]] == keep

    def same(r: dict[str, Any]) -> dict[str, Any]:  # line numbers differ between rosters
        problem = re.sub(r"roster line \d+", "roster line N", r["problem"] or "")
        return {**{k: v for k, v in r.items() if k != "duration_s"}, "problem": problem}

    assert [same(r) for r in merged["learners"]] == [same(graded["by"][n]) for n in keep]
    assert history.is_file() and (tmp_path / "all" / "gradebook.md").is_file()
    assert "missing_shards" not in merged
    # A shard lost (its job failed): what exists is written, and says so, as does the exit code.
    capsys.readouterr()
    assert _cli("merge", tmp_path / "s1", tmp_path / "s2", "--out", tmp_path / "part") == 1
    part = json.loads((tmp_path / "part" / "gradebook.json").read_text())
    assert part["missing_shards"] == [3]
    assert [r["learner"] for r in part["learners"]] == ["ana", "bob", "carl", "eve", "dora"]
    assert "gradebook: shard 3 of 3 is missing" in capsys.readouterr().err


def test_missing_shards_are_named() -> None:
    assert shards.missing_sentence([2], 2) == "shard 2 of 2 is missing"
    assert shards.missing_sentence([1, 3], 3) == "shards 1 and 3 of 3 are missing"
    assert shards.missing_sentence([1, 2, 4], 5) == "shards 1, 2 and 4 of 5 are missing"


def test_merge_refuses_shards_graded_differently(graded: dict[str, Any]) -> None:
    book = {**graded["book"], "shard": {"index": 1, "count": 2, "roster_rows": 2, "rows": []},
            "learners": []}
    other = {**book, "grader": {**book["grader"], "seed": SEED + 1},
             "shard": {**book["shard"], "index": 2}}
    with pytest.raises(shards.ShardError, match="seed"):
        shards.merge([book, other])
    with pytest.raises(shards.ShardError, match="twice"):
        shards.merge([book, book])


def test_shard_values() -> None:
    assert shards.parse("2/5") == (2, 5)
    for bad in ("0/3", "4/3", "x", "1-2"):
        with pytest.raises(shards.ShardError):
            shards.parse(bad)


def test_plan_sizes_the_matrix(tmp_path: Path) -> None:
    assert [shards.plan(n) for n in (0, 1, 25, 26, 100, 1000)] == [0, 1, 1, 2, 4, 20]
    assert shards.plan(3, requested=8) == 3 and shards.plan(600, requested=300) == 256
    assert shards.plan(0, requested=4) == 0
    with pytest.raises(shards.ShardError, match="number of shards"):
        shards.plan(10, requested=-1)
    path = tmp_path / "roster.csv"
    path.write_text("learner,repo\n" + "".join(f"l{i},r{i}\n" for i in range(60)))
    # The workflow's plan job has the standard library only: nothing that grades is imported.
    code = ("import sys, runpy; sys.argv = ['gb', 'plan', sys.argv[1], '--seed', '5']\n"
            "try:\n    runpy.run_module('tools.gradebook', run_name='__main__')\n"
            "except SystemExit as e:\n    assert not e.code, e.code\n"
            "assert not {'psutil', 'grader', 'tools.gradebook.run'} & set(sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.splitlines() == ["learners=60", "shards=3", "matrix=[1, 2, 3]", "seed=5"]


def test_plan_without_learners_grades_nothing(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The nightly run of a repository without a roster succeeds with nothing to grade."""
    missing = tmp_path / "roster.csv"
    assert _cli("plan", missing, "--seed", 3) == 2
    assert "no roster at" in capsys.readouterr().err
    assert _cli("plan", missing, "--seed", 3, "--missing-ok") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"::notice::no {missing}: nothing to grade", "learners=0", "shards=0", "matrix=[]",
        "seed=3"]
    missing.write_text("learner,repo,ref\n\n")  # a header only
    assert _cli("plan", missing, "--seed", 3) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("::notice::") and "has no learners" in out[0]
    assert out[1:] == ["learners=0", "shards=0", "matrix=[]", "seed=3"]


def test_an_empty_roster_is_an_empty_gradebook(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("learner,repo,ref\n")
    assert _cli("grade", path, "--out", tmp_path / "out", "--seed", 1,
                "--select", " ".join(SELECT)) == 0
    book = json.loads((tmp_path / "out" / "gradebook.json").read_text())
    assert book["learners"] == [] and [m["id"] for m in book["milestones"]] == ["1.1", "1.2"]
    assert "has no learners (only its header)" in capsys.readouterr().err


def test_roster_rows_with_problems_are_kept(tmp_path: Path) -> None:
    text = ("\ufeffLearner, Repo ,ref,email\n"
            "# a comment line\n"
            "ana,https://example.com/ana.git,main,a@x\n"
            ",,,\n"
            "ana,../ana2,,\n"
            ",somewhere,,\n"
            "bob,,,\n"
            "cy,git@github.com:c/y.git,,,extra\n"
            "ANA,../ana3,,\n")
    rows = roster.parse(text, base=tmp_path)
    assert [r.learner for r in rows] == ["ana", "ana (line 5)", "row 6", "bob", "cy",
                                         "ANA (line 9)"]
    assert [r.index for r in rows] == [0, 1, 2, 3, 4, 5]
    assert rows[0].is_url and rows[0].ref == "main" and rows[0].problem is None
    assert (rows[1].outcome, rows[1].source) == ("duplicate", "")
    assert rows[1].problem == ("ana appears on roster lines 3 and 5: only line 3 was graded; "
                               "remove or rename the duplicate.")
    assert rows[5].outcome == "duplicate" and "lines 3 and 9" in rows[5].problem
    assert "no learner name" in rows[2].problem
    assert rows[3].outcome == "missing_repo" and "'bob'" in rows[3].problem
    assert rows[4].is_url and "extra ones were ignored" in rows[4].problem
    assert len({r.slug for r in rows}) == 6


def test_a_duplicate_learner_is_not_graded(tmp_path: Path) -> None:
    """Two rows of one learner would mail two contradictory feedback files: one is graded."""
    (tmp_path / "roster.csv").write_text("learner,repo,ref\nana,first,\nbob,nowhere,\n"
                                         "ana,second,\n")
    rows = roster.read(tmp_path / "roster.csv")
    first, _, dup = run.grade_roster(rows, jobs=1, timeout_s=60, seed=1, select=SELECT,
                                     workdir=tmp_path / "work")
    assert (first["learner"], first["outcome"]) == ("ana", "missing_repo")
    assert "first" in first["problem"]  # the first row is the one looked at
    assert (dup["learner"], dup["outcome"], dup["points"]) == ("ana (line 4)", "duplicate", 0)
    assert dup["problem"] == ("ana appears on roster lines 2 and 4: only line 2 was graded; "
                              "remove or rename the duplicate.")
    assert {m["status"] for m in dup["milestones"].values()} == {"not_graded"}
    assert set(dup["milestones"]) == {"1.1", "1.2"} and dup["commit"] is None
    assert not (tmp_path / "work" / rows[2].slug).exists()  # not even fetched


@pytest.mark.parametrize(("text", "words"), [
    ("name,url\nana,x\n", ["learner,repo,ref", "name,url", "missing: learner, repo"]),
    ("learner,ref\nana,main\n", ["learner,repo,ref", "missing: repo"]),
    ("ana,https://example.com/ana.git,\n", ["learner,repo,ref", "missing: learner, repo"]),
    ("", ["empty"]),
    ("learner,repo,repo\n", ["twice"]),
])
def test_a_bad_roster_header_aborts_with_a_message(tmp_path: Path, text: str,
                                                   words: list[str],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(text)
    assert _cli("grade", path, "--out", tmp_path / "out") == 2
    err = capsys.readouterr().err
    for word in words:
        assert word in err, err
    assert not (tmp_path / "out").exists()
    assert _cli("grade", tmp_path / "nope.csv", "--out", tmp_path / "out") == 2
    assert capsys.readouterr().err == (
        f"gradebook: no roster at {tmp_path / 'nope.csv'}: create one with the header "
        "learner,repo,ref (one row per learner) or pass ROSTER=path (the workflow's `roster` "
        "input)\n")


@pytest.mark.parametrize(("args", "words"), [
    (["--select", "'unbalanced"], ["--select 'unbalanced", "no closing quotation"]),
    (["--seed", "abc"], ["--seed", "'abc'"]),
    (["--seed", "-3"], ["--seed", "0 or more"]),
    (["--timeout", "-5"], ["--timeout -5", "more than 0"]),
    (["--timeout", "0"], ["--timeout 0", "more than 0"]),
    (["--timeout", "nan"], ["--timeout nan"]),
    (["--jobs", "0"], ["--jobs 0", "at least 1"]),
    (["--shard", "3/2"], ["--shard 3/2", "between 1 and 2"]),
])
def test_bad_option_values_abort_with_one_line(tmp_path: Path, args: list[str],
                                               words: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # The roster does not exist: an option that were not checked would fail on it instead.
    assert _cli("grade", tmp_path / "roster.csv", "--out", tmp_path / "out", *args) == 2
    err = capsys.readouterr().err
    assert err.startswith("gradebook: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, err
    assert "roster" not in err


def test_plan_refuses_negative_shards(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli("plan", tmp_path / "roster.csv", "--shards", "-1") == 2
    assert "--shards -1" in capsys.readouterr().err


def test_a_select_option_value_says_how_to_write_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["grade", "roster.csv", "--out", "x", "--select", "-x"])
    assert exit_.value.code == 2
    assert "write --select=-x" in capsys.readouterr().err


def test_a_selection_without_checks_aborts(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("learner,repo,ref\nana,ana,\n")
    assert _cli("grade", path, "--out", tmp_path / "out", "--select", "--milestone 99.9") == 2
    err = capsys.readouterr().err
    assert err.startswith("gradebook: --select --milestone 99.9 picks no checks of the course "
                          "(graded as: grader/ --milestone 99.9); pytest"), err
    assert err.count("\n") == 1, err


def test_a_learner_release_is_not_tampering(tmp_path: Path) -> None:
    """`make release` rewrites data/SHA256SUMS (no held-out files): its copy is the course's."""
    dest = tmp_path / "release"
    release.write_release(dest)
    assert tamper.compare(dest, ROOT).paths == []
    manifest = dest / "data" / "SHA256SUMS"
    manifest.write_text(manifest.read_text() + "0" * 64 + "  data/extra.csv\n")
    assert tamper.compare(dest, ROOT).changed == ["data/SHA256SUMS"]


def test_tamper_ignores_line_endings_and_bytecode(tmp_path: Path) -> None:
    checkout = course_checkout(tmp_path / "c", ROOT / "weeks" / "week01")
    load = checkout / "grader" / "week01" / "test_load.py"
    load.write_bytes(load.read_bytes().replace(b"\n", b"\r\n"))
    (checkout / "grader" / "week01" / "__pycache__").mkdir()
    (checkout / "grader" / "week01" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert tamper.compare(checkout, ROOT).paths == []
    shutil.rmtree(checkout / "grader")
    gone = tamper.compare(checkout, ROOT)
    assert gone.paths == ["grader/"] and "grader/ is missing" in gone.sentence()
