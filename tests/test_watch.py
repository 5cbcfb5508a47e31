"""`python -m grader watch` (`make watch`): save a file, see its week's verdict.

The pure parts (which week a change belongs to, editor scratch files, notebooks saved mid-edit,
what to show of pytest's output) and the loop are tested with fake change batches and a fake
grader; one test runs the real command on a copy of week 1 and interrupts it while it grades.
"""

from __future__ import annotations

import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from grader import watch
from grader.__main__ import COMMANDS
from grader.watch import Graded, Watcher

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("week01", "week02", "week03")

PYTEST_OUTPUT = """\
..........F..                                                            [100%]
=============================== ML Path progress ===============================
ML Path · progress of weeks/
Week 1  Get dirty with real data     ████░░░░░░░░░░░░░░░░  2/10 passed · 1 failed  4/21 pts
Total: 4/21 points in 3.1 s

Next up:
✗ 1.3 Explore ...
Report: .grader/report.json   Details of every check: add --tb=short
1 failed, 12 passed in 3.20s
"""


# -- pure functions ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", [
    "week01/.load.py.swp", "week01/.load.py.swo", "week01/load.py~", "week01/.#load.py",
    "week01/#load.py#", "week01/4913", "week01/.~first_look.ipynb",
    "week01/.ipynb_checkpoints/first_look-checkpoint.ipynb", "week01/__pycache__/load.pyc",
    "week01/.grader/x.json", "week01/notes.tmp", "week01/.DS_Store",
])
def test_editor_scratch_files_are_ignored(name: str) -> None:
    assert watch.is_ignored(Path(name))


@pytest.mark.parametrize("name", [
    "week01/load.py", "week01/first_look.ipynb", "week01/README.md", "week04/Dockerfile",
    "week04/requirements.txt", "week08/portfolio/images/confusion_matrix.png",
    "week07/upstream/src/churnkit/metrics.py",
])
def test_learner_files_are_watched(name: str) -> None:
    assert not watch.is_ignored(Path(name))


def test_week_of_a_changed_path(tmp_path: Path) -> None:
    sub = tmp_path / "weeks"
    assert watch.week_of(sub / "week01" / "load.py", sub, FOLDERS) == "week01"
    assert watch.week_of(sub / "week03" / "app" / "main.py", sub, FOLDERS) == "week03"
    assert watch.week_of(sub / "week01", sub, FOLDERS) == "week01"  # the folder itself
    assert watch.week_of(sub / "README.md", sub, FOLDERS) is None  # in no week
    assert watch.week_of(sub / "week99" / "x.py", sub, FOLDERS) is None  # not a course week
    assert watch.week_of(tmp_path / "elsewhere" / "week01" / "x.py", sub, FOLDERS) is None
    assert watch.week_of(sub / "week01" / ".load.py.swp", sub, FOLDERS) is None
    assert watch.week_of(sub / "week01" / "__pycache__" / "load.cpython-311.pyc", sub,
                         FOLDERS) is None


def test_invalid_notebooks_are_those_that_do_not_parse(tmp_path: Path) -> None:
    good = tmp_path / "good.ipynb"
    good.write_text(json.dumps({"cells": [], "nbformat": 4}))
    half = tmp_path / "half.ipynb"
    half.write_text('{"cells": [{"cell_type": "code", "sou')
    empty = tmp_path / "empty.ipynb"
    empty.write_text("")
    module = tmp_path / "broken.py"
    module.write_text("def f(:\n")  # graded (SYNTAX), not held back
    gone = tmp_path / "deleted.ipynb"  # graded (MISSING)
    found = watch.invalid_notebooks([good, half, empty, module, gone])
    assert found == [half, empty]


def test_progress_section_starts_at_the_summary() -> None:
    shown = watch.progress_section(PYTEST_OUTPUT)
    assert shown is not None
    assert shown.splitlines()[0].strip("= ") == "ML Path progress"
    assert "Next up:" in shown and "[100%]" not in shown


def test_progress_section_found_in_colored_output() -> None:
    colored = "..\n\x1b[1m=== ML Path progress ===\x1b[0m\nTotal: 1/2 points\n"
    assert watch.progress_section(colored) == colored.strip().split("\n", 1)[1]
    assert watch.progress_section("ERROR: usage: pytest ...\n") is None


def test_pytest_command_grades_public_and_hidden_checks_of_the_weeks(tmp_path: Path) -> None:
    (tmp_path / "grader" / "hidden" / "week02").mkdir(parents=True)
    cmd = watch.pytest_command(["week01", "week02"], root=tmp_path, submission=tmp_path / "s",
                               extra=["--milestone", "1.1"])
    assert cmd[:3] == [sys.executable, "-m", "pytest"]
    assert cmd[3:6] == ["grader/week01", "grader/week02", "grader/hidden/week02"]
    for arg in ("-q", "--no-header", "--tb=no", "--color=no"):
        assert arg in cmd
    assert cmd[cmd.index("-p") + 1] == "no:cacheprovider"
    assert cmd[cmd.index("--submission") + 1] == str(tmp_path / "s")
    assert cmd[-2:] == ["--milestone", "1.1"]  # last: the learner's own options win
    assert "--submission" not in watch.pytest_command(["week01"], root=tmp_path, submission=None)


def test_week_label() -> None:
    assert watch.week_label(["week01"]) == "week 1"
    assert watch.week_label(["week01", "week03"]) == "weeks 1 and 3"
    assert watch.week_label(["week01", "week02", "week10"]) == "weeks 1, 2 and 10"


def test_options_and_pytest_arguments() -> None:
    ns, extra = watch._parse(["--submission", "solutions", "--", "--milestone", "1.1"])
    assert ns.submission == Path("solutions") and extra == ["--milestone", "1.1"]
    # `python -m grader watch -- -k 1.2` reaches watch.main without its `--`
    ns, extra = watch._parse(["-k", "1.2", "-n", "2"])
    assert ns.submission is None and extra == ["-k", "1.2", "-n", "2"]


def test_watch_is_a_grader_command_and_a_make_target() -> None:
    assert COMMANDS["watch"][0] == "grader.watch"
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    lines = subprocess.run(["make", "--no-print-directory", "-n", "-B", "watch", "ARGS=-x"],
                           cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=60).stdout.splitlines()
    install = next(i for i, line in enumerate(lines) if re.search(r"pip .*install", line))
    run = next(i for i, line in enumerate(lines)
               if re.search(r"\.venv/bin/python -m grader watch -x$", line))
    assert install < run, "make watch must set up .venv first, like make grade"
    help_text = subprocess.run(["make", "--no-print-directory"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"^\s+make watch\s", help_text, re.M), "`make` must list make watch"


# -- the loop, with fake batches and a fake grader ---------------------------------------------
class FakeGrader:
    """Records which weeks were graded; answers with a canned pytest output."""

    def __init__(self, output: str = PYTEST_OUTPUT, returncode: int = 1):
        self.calls: list[list[str]] = []
        self.output = output
        self.returncode = returncode

    def __call__(self, weeks: list[str]) -> Graded:
        self.calls.append(list(weeks))
        return Graded(self.returncode, self.output)


def _submission(tmp_path: Path) -> Path:
    sub = tmp_path / "weeks"
    for folder in ("week01", "week02"):
        (sub / folder).mkdir(parents=True)
        (sub / folder / "clean.py").write_text("x = 1\n")
    (sub / "week01" / "first_look.ipynb").write_text(json.dumps({"cells": []}))
    return sub.resolve()


def _batch(sub: Path, *names: str) -> set[tuple[int, str]]:
    return {(2, str(sub / n)) for n in names}  # (Change.modified, path), as watchfiles yields


def test_loop_grades_every_week_once_then_only_the_changed_weeks(tmp_path: Path) -> None:
    sub = _submission(tmp_path)
    grader, out = FakeGrader(), io.StringIO()
    batches = [
        _batch(sub, "week02/clean.py"),
        _batch(sub, "week01/.clean.py.swp", "week01/clean.py~", "README.md"),  # nothing to grade
        _batch(sub, "week02/clean.py", "week01/clean.py", "week01/first_look.ipynb"),
    ]
    Watcher(sub, FOLDERS, grader, out=out).run(batches)
    assert grader.calls == [["week01", "week02"], ["week02"], ["week01", "week02"]]
    text = out.getvalue()
    assert "Grading every week" in text
    assert re.search(r"Grading week 2 \(.*weeks/week02/clean\.py changed\)", text)
    assert "\x1b[" not in text  # not a terminal: no screen clearing
    assert "[100%]" not in text  # pytest's dots are trimmed away
    assert text.count("ML Path progress") == 3 and text.count("Next up:") == 3
    watching = f"Watching {sub.as_posix()}/ — save a file to re-grade, Ctrl-C to stop"
    assert text.count(watching) == 3 and text.rstrip().endswith(watching)


def test_notebook_saved_mid_edit_waits_for_the_next_save(tmp_path: Path) -> None:
    sub = _submission(tmp_path)
    grader, out = FakeGrader(), io.StringIO()
    notebook = sub / "week01" / "first_look.ipynb"

    def batches():
        notebook.write_text('{"cells": [')
        yield _batch(sub, "week01/first_look.ipynb")
        yield _batch(sub, "week01/first_look.ipynb", "week02/clean.py")  # week 2 still graded
        notebook.write_text(json.dumps({"cells": []}))
        yield _batch(sub, "week01/first_look.ipynb")

    Watcher(sub, FOLDERS, grader, out=out).run(batches())
    assert grader.calls == [["week01", "week02"], ["week02"], ["week01"]]
    message = (f"{notebook.as_posix()} is not valid JSON yet (saved mid-edit?): waiting for the "
               "next save")
    assert out.getvalue().count(message) == 2


def test_screen_is_cleared_before_each_result_on_a_terminal(tmp_path: Path) -> None:
    sub = _submission(tmp_path)
    out = io.StringIO()
    Watcher(sub, FOLDERS, FakeGrader(), out=out, clear=True).run([_batch(sub, "week01/clean.py")])
    text = out.getvalue()
    assert text.count(watch.CLEAR) == 2
    # what was graded stays readable above the result
    assert text.split(watch.CLEAR)[-1].startswith("Graded week 1 at ")


def test_a_run_without_summary_shows_why(tmp_path: Path) -> None:
    sub = _submission(tmp_path)
    out = io.StringIO()
    lines = "\n".join(f"line {i}" for i in range(100))
    grader = FakeGrader(output=lines + "\nERROR: usage: pytest: unrecognized arguments: --oops\n",
                        returncode=4)
    Watcher(sub, FOLDERS, grader, out=out).run([])
    text = out.getvalue()
    assert "Grading stopped before the progress summary (pytest exit 4)" in text
    assert "unrecognized arguments: --oops" in text and "line 10\n" not in text


# -- a grading run that Ctrl-C stops -----------------------------------------------------------
@pytest.mark.parametrize("ignores_sigint", [False, True])
def test_ctrl_c_stops_the_grading_run(ignores_sigint: bool, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    """Ctrl-C while a week is graded: the run is stopped (killed if it ignores SIGINT)."""
    monkeypatch.setattr(watch, "STOP_WAIT_S", 1.0)
    ignore = "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    setup = ignore if ignores_sigint else ""
    started = tmp_path / "started"
    code = f"{setup}open({str(started)!r}, 'w').close(); import time; time.sleep(60)"

    def press_ctrl_c() -> None:  # from another thread, as a terminal's signal may arrive
        _wait_for_file(started)
        os.kill(os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    t0 = time.monotonic()
    try:
        presser = threading.Thread(target=press_ctrl_c)
        presser.start()
        with pytest.raises(KeyboardInterrupt):
            watch.run_pytest([sys.executable, "-c", code], tmp_path)
        presser.join()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - t0 < 10, "the grading run was not stopped"


def _wait_for_file(path: Path, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


# -- the real command --------------------------------------------------------------------------
class Lines:
    """The output of a running process, line by line, read in a thread."""

    def __init__(self, process: subprocess.Popen[str]):
        self.seen: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float = 30) -> list[str]:
        """Lines up to the first new one matching `pattern` (a regular expression)."""
        start, deadline = len(self.seen), time.monotonic() + timeout
        while True:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                raise AssertionError(f"no line matching {pattern!r}; output so far:\n"
                                     + "\n".join(self.seen))
            self.seen.append(line)
            if re.search(pattern, line):
                return self.seen[start:]


def test_watch_regrades_on_save_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    sub = tmp_path / "weeks"
    shutil.copytree(ROOT / "solutions" / "week01", sub / "week01",
                    ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    load_py = sub / "week01" / "load.py"
    original = load_py.read_text()
    cmd = [sys.executable, "-m", "grader", "watch", "--submission", str(sub), "--",
           "--milestone", "1.1", "--no-cache", "--report", str(tmp_path / "report.json")]
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, "GRADER_SEED": "7"})
    out = Lines(process)
    try:
        first = out.wait_for(r"^Watching .*weeks/ — save a file to re-grade, Ctrl-C to stop$")
        assert any("Week 1" in line and "1/1 passed" in line for line in first), first

        load_py.write_text(original + "\ndef broken(:\n")  # saved mid-thought
        regraded = out.wait_for(r"^Watching ")
        assert any(re.match(r"Grading week 1 \(.*week01/load\.py changed\)", x) for x in regraded)
        assert any("[SYNTAX]" in line for line in regraded), regraded

        (sub / "week01" / "first_look.ipynb").write_text('{"cells": [{"cell_type": "co')
        (sub / "week01" / ".load.py.swp").write_text("vim")  # ignored
        waiting = out.wait_for(r"is not valid JSON yet")
        assert waiting[-1] == (f"{(sub / 'week01' / 'first_look.ipynb').as_posix()} is not valid "
                               "JSON yet (saved mid-edit?): waiting for the next save")
        assert not any(line.startswith("Grading") for line in waiting), waiting

        load_py.write_text(original)
        out.wait_for(r"^Grading week 1 ")
        time.sleep(0.5)  # pytest is starting or grading: Ctrl-C must stop it too
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        out.wait_for(r"^Stopped watching\.$", timeout=5)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    text = "\n".join(out.seen)
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text


# -- the warm start (WarmRunner): a run that boots before the save it grades ----------------
def _warm_runner(tmp_path: Path) -> tuple[watch.WarmRunner, Path]:
    submission = tmp_path / "weeks"
    shutil.copytree(ROOT / "weeks" / "week01", submission / "week01")
    shutil.copy(ROOT / "solutions" / "week01" / "load.py", submission / "week01" / "load.py")
    cmd = [sys.executable, "-m", "pytest", "grader/week01", "--milestone", "1.1", "-q",
           "-p", "no:cacheprovider", "--tb=no", "--submission", str(submission),
           "--report", str(tmp_path / "report.json")]
    env = {**os.environ, "GRADER_SEED": "3", "GRADER_PROGRESS": str(tmp_path / "p.json"),
           "TMPDIR": str(tmp_path)}  # the runs' sandboxes land here, to be counted
    return watch.WarmRunner(lambda weeks: cmd, ROOT, env), submission


def _status(tmp_path: Path) -> str:
    report = json.loads((tmp_path / "report.json").read_text())
    return report["weeks"][0]["milestones"][0]["status"]


def test_warm_start_grades_the_files_as_saved_after_it_booted(tmp_path: Path) -> None:
    runner, submission = _warm_runner(tmp_path)
    try:
        assert runner.grade(["week01"]).returncode == 0 and _status(tmp_path) == "passed"
        warm = runner._warm
        assert warm is not None and warm.process.poll() is None  # booted, waiting for a save
        time.sleep(3)  # let it load the checks and boot the kernel before the edit
        shutil.copy(ROOT / "weeks" / "week01" / "load.py", submission / "week01" / "load.py")
        graded = runner.grade(["week01"])  # the save: the waiting run grades it
        assert warm.process.returncode == 1, graded.output[-2000:]
        assert _status(tmp_path) == "not_started", graded.output[-2000:]
        assert "ML Path progress" in graded.output
    finally:
        runner.close()
    assert not list(tmp_path.glob("mlpath-*"))  # every run removed its kernel's copy


def test_a_save_of_another_week_stops_the_waiting_run(tmp_path: Path) -> None:
    runner, _ = _warm_runner(tmp_path)
    try:
        runner.grade(["week01"])
        warm = runner._warm
        assert warm is not None
        time.sleep(3)
        runner.grade(["week02"])  # (the fake command grades week 1 again: what matters is
        assert warm.process.returncode == 0  # that the waiting run ended quietly, exit 0)
        assert warm.process is not (runner._warm and runner._warm.process)
    finally:
        runner.close()
    assert not list(tmp_path.glob("mlpath-*"))


def test_no_warm_start_for_several_weeks_or_workers() -> None:
    runner = watch.WarmRunner(lambda weeks: [sys.executable, "-c", "print('ML Path progress')"],
                              ROOT)
    runner.grade(["week01", "week02"])
    assert runner._warm is None
    runner.close()
