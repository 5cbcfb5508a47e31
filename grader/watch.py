"""`python -m grader watch`: save a file, see its week's verdict (rustlings' watch mode).

Why a separate process per grading: the grader is a pytest plugin, and `make grade` is the one
way it runs. Each re-grade is exactly ``pytest grader/weekNN grader/hidden/weekNN`` from the
repository root, so verdicts, the verdict cache (an unchanged week replays at once), the JSON
report and the progress history are those `make grade` gives; only the terminal shows less.

The parts are kept apart so tests need no file system events and no timing:

- pure functions decide what a change means: which week a path belongs to (`week_of`),
  whether it is an editor's scratch file (`is_ignored`), whether a notebook was saved
  mid-edit (`invalid_notebooks`), what to show of pytest's output (`progress_section`);
- `Watcher.run` takes any iterable of change batches (``watchfiles.watch`` yields sets of
  ``(Change, path)``; tests pass lists) and a `grade` callable;
- `main` wires them to watchfiles and to a pytest subprocess that Ctrl-C stops cleanly.

Debouncing is watchfiles': a batch is yielded once the folder has been quiet for `STEP_MS`
(at most `DEBOUNCE_MS` after the first change), so an editor's write-rename-chmod is one
batch. Saves made while a week is being graded are kept by watchfiles and come as the next
batch.
"""

from __future__ import annotations

import argparse
import contextlib
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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from grader.engine.course import ROOT, load
from grader.engine.settings import START_FD_ENV, SUBMISSION_HELP

STEP_MS = 300
DEBOUNCE_MS = 1600
POLL_S = 0.25  # the longest the main thread blocks: Python runs signal handlers between waits
STOP_WAIT_S = 5.0  # how long a stopped grading gets to close its kernels before it is killed

#: Folders whose files never change a verdict: caches, checkpoints, tool state.
IGNORED_DIRS = frozenset({"__pycache__", ".ipynb_checkpoints", ".grader", ".git", ".pytest_cache",
                          ".ruff_cache", ".mypy_cache", ".venv", ".idea", ".vscode"})
#: Editors' swap, backup and temporary files: vim (.swp, 4913, ~), emacs (.#x, #x#), Jupyter
#: and gedit atomic-save temporaries, LibreOffice locks, OS litter.
_IGNORED_NAME = re.compile(
    r"""( \.sw[a-p]x?$ | ~$ | \.tmp$ | \.temp$ | \.bak$ | \.part$ | \.crswap$ | \.kate-swp$
        | \.py[co]$ | ^\.\# | ^\#.*\#$ | ^4913$ | ^\.~lock\. | ^\.goutputstream-
        | ^\.DS_Store$ | ^Thumbs\.db$ | ^\.~.*\.ipynb$ )""", re.VERBOSE)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
PROGRESS_TITLE = "ML Path progress"
CLEAR = "\x1b[H\x1b[2J"
FALLBACK_LINES = 30

Batch = Iterable[tuple[Any, str]]  # watchfiles' set of (Change, path)


# -- what a change means (pure) --------------------------------------------------------------
def is_ignored(path: Path) -> bool:
    """Whether a changed path is an editor's scratch file or tool state, not the learner's work."""
    return bool(IGNORED_DIRS.intersection(path.parts)) or bool(_IGNORED_NAME.search(path.name))


def week_of(path: Path, submission: Path, folders: Iterable[str]) -> str | None:
    """The week folder (`week01`) a changed path belongs to, or None (outside any week, ignored).

    `submission` is the watched folder (weeks/); `folders` are the course's week folders.
    """
    try:
        rel = path.relative_to(submission)
    except ValueError:
        return None
    if not rel.parts or rel.parts[0] not in set(folders) or is_ignored(rel):
        return None
    return rel.parts[0]


def invalid_notebooks(paths: Iterable[Path]) -> list[Path]:
    """Notebooks that are not JSON yet: an editor saves them in steps, or a merge broke them.

    Grading one would report NOTEBOOK for a file the learner is still writing; the watcher
    waits for the next save instead. Deleted notebooks are not invalid (grading says MISSING).
    """
    bad = []
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            continue
        try:
            json.loads(path.read_bytes())
        except (ValueError, OSError):
            bad.append(path)
    return bad


def progress_section(output: str) -> str | None:
    """pytest's output from the "ML Path progress" section on (progress, Next up, report path).

    None when the run printed no such section (pytest stopped before grading): the caller then
    shows the output's end, which says why.
    """
    lines = output.splitlines()
    for i, line in enumerate(lines):
        if PROGRESS_TITLE in _ANSI.sub("", line):
            return "\n".join(lines[i:])
    return None


def pytest_command(folders: Iterable[str], *, root: Path, submission: Path | None,
                   extra: Iterable[str] = (), color: bool = False) -> list[str]:
    """The command that grades these weeks, as `make grade` would (run it from `root`)."""
    cmd = [sys.executable, "-m", "pytest"]
    for folder in folders:
        cmd.append(f"grader/{folder}")
        if (root / "grader" / "hidden" / folder).is_dir():
            cmd.append(f"grader/hidden/{folder}")
    cmd += ["-q", "--no-header", "-p", "no:cacheprovider", "--tb=no",
            f"--color={'yes' if color else 'no'}"]
    if submission is not None:
        cmd += ["--submission", str(submission)]
    return [*cmd, *extra]


def shown(path: Path, base: Path = ROOT) -> str:
    """A path as the learner would type it: relative to the repository when it is inside."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def week_label(folders: list[str]) -> str:
    """`week 1`, `weeks 1 and 3`: what is being graded, in the learner's words."""
    numbers = [str(int(f.removeprefix("week"))) if f.removeprefix("week").isdigit() else f
               for f in folders]
    if len(numbers) == 1:
        return f"week {numbers[0]}"
    return f"weeks {', '.join(numbers[:-1])} and {numbers[-1]}"


# -- the loop --------------------------------------------------------------------------------
@dataclass
class Graded:
    """One grading run: pytest's exit code and its whole output."""

    returncode: int
    output: str


@dataclass
class Watcher:
    """Re-grades the weeks a batch of changes touched and shows their progress."""

    submission: Path  # the watched folder, resolved
    folders: tuple[str, ...]  # week folders that have checks, in syllabus order
    grade: Callable[[list[str]], Graded]
    out: TextIO = sys.stdout
    clear: bool = False  # clear the screen before each result (only on a terminal)

    @property
    def banner(self) -> str:
        return (f"Watching {shown(self.submission)}/ — save a file to re-grade, "
                "Ctrl-C to stop")

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def present(self) -> list[str]:
        """The weeks the submission has: graded once at start."""
        return [f for f in self.folders if (self.submission / f).is_dir()]

    def plan(self, batch: Batch) -> tuple[list[str], list[Path], list[Path]]:
        """(weeks to grade, notebooks not valid yet, the changed paths that matter)."""
        changed = sorted({Path(p) for _, p in batch})
        weeks: dict[str, list[Path]] = {}
        for path in changed:
            folder = week_of(path, self.submission, self.folders)
            if folder is not None:
                weeks.setdefault(folder, []).append(path)
        relevant = [p for paths in weeks.values() for p in paths]
        broken = invalid_notebooks(relevant)
        for path in broken:  # that week waits for the next save
            weeks.pop(week_of(path, self.submission, self.folders) or "", None)
        order = [f for f in self.folders if f in weeks]
        return order, broken, relevant

    def run_once(self, folders: list[str], why: str, label: str | None = None) -> None:
        """Grade these weeks and show the progress section, on a clean screen."""
        label = label or week_label(folders)
        self.say(f"Grading {label} ({why})…")
        graded = self.grade(folders)
        if self.clear:
            print(CLEAR, end="", file=self.out)
        self.say(f"Graded {label} at {time.strftime('%H:%M:%S')} ({why})")
        section = progress_section(graded.output)
        if section is None:
            tail = graded.output.rstrip().splitlines()[-FALLBACK_LINES:]
            section = "\n".join([f"Grading stopped before the progress summary (pytest exit "
                                 f"{graded.returncode}). Its last lines:", *tail])
        self.say(section)
        self.say()
        self.say(self.banner)

    def run(self, batches: Iterable[Batch]) -> None:
        """Grade every week once, then once per batch of changes, until the batches end."""
        weeks = self.present()
        if not weeks:
            self.say(f"{shown(self.submission)}/ has no week folders (week01/, ...) to grade.")
        else:
            label = "every week" if len(weeks) > 1 else None
            self.run_once(weeks, "first run; later saves re-grade only their week", label)
        for batch in batches:
            folders, broken, relevant = self.plan(batch)
            if folders:
                names = [shown(p) for p in relevant if p not in broken]
                why = names[0] + (f" and {len(names) - 1} more" if len(names) > 1 else "")
                self.run_once(folders, f"{why} changed")
            for path in broken:
                self.say(f"{shown(path)} is not valid JSON yet (saved mid-edit?): waiting for "
                         "the next save")


# -- the real world: watchfiles and a pytest subprocess --------------------------------------
class WatchError(Exception):
    """The file watcher stopped (no inotify watches left, a folder removed, ...)."""


class Changes:
    """Batches of changes from watchfiles, watched from a background thread.

    The thread starts watching before the first grading, so a save made while every week is
    graded at start still comes as a batch. (``watchfiles.watch`` only starts watching when
    first iterated.) An error of the watcher (no inotify watches left, say) is raised here.
    """

    READY_MS = 250  # watchfiles yields an empty batch this often: how the thread knows it is up

    def __init__(self, folder: Path, keep: Callable[[Any, str], bool]):
        self._queue: queue.Queue[Any] = queue.Queue()
        self._stop = threading.Event()
        ready = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(folder, keep, ready),
                                        name="watchfiles", daemon=True)
        self._thread.start()
        ready.wait(timeout=10)

    def _watch(self, folder: Path, keep: Callable[[Any, str], bool],
               ready: threading.Event) -> None:
        import watchfiles

        try:
            for batch in watchfiles.watch(folder, watch_filter=keep, step=STEP_MS,
                                          debounce=DEBOUNCE_MS, stop_event=self._stop,
                                          rust_timeout=self.READY_MS, yield_on_timeout=True,
                                          raise_interrupt=False):
                ready.set()
                if batch:
                    self._queue.put(batch)
        except Exception as exc:  # handed to the main thread, which shows it
            self._queue.put(WatchError(f"watching {shown(folder)}/ failed: {exc}"))
        finally:
            ready.set()
            self._queue.put(StopIteration())

    def __iter__(self) -> Changes:
        return self

    def __next__(self) -> Batch:
        while True:  # short waits: Ctrl-C is acted on even if a watcher thread took the signal
            try:
                item = self._queue.get(timeout=POLL_S)
                break
            except queue.Empty:
                continue
        if isinstance(item, BaseException):
            raise item
        return item

    def close(self) -> None:
        """Stop watching (the thread ends within READY_MS)."""
        self._stop.set()
        self._thread.join(timeout=2)


def _stop(process: subprocess.Popen[str]) -> None:
    """Stop a grading run: SIGINT first (pytest closes its kernels), then SIGKILL its group."""
    for sig in (signal.SIGINT, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.communicate(timeout=STOP_WAIT_S)
            return
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            continue  # a second Ctrl-C: do not wait any longer


def run_pytest(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Graded:
    """Run one grading; Ctrl-C stops it and is raised again to end the watch.

    The run gets its own session, so a Ctrl-C at the terminal reaches only the watcher, which
    then stops the run itself: pytest's own interrupt report never reaches the screen.
    """
    return finish(_popen(cmd, cwd, env))


def _popen(cmd: list[str], cwd: Path, env: dict[str, str] | None,
           pass_fds: tuple[int, ...] = ()) -> subprocess.Popen[str]:
    return subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, text=True, errors="replace",
                            env=env, start_new_session=True, pass_fds=pass_fds)


def finish(process: subprocess.Popen[str]) -> Graded:
    """Wait for a grading run's end and output; Ctrl-C stops it and is raised again."""
    try:
        while True:  # short waits, as in Changes: a Ctrl-C is seen within POLL_S
            try:
                output, _ = process.communicate(timeout=POLL_S)
                break
            except subprocess.TimeoutExpired:
                continue
    except BaseException:
        _stop(process)
        raise
    return Graded(process.returncode, output)


@dataclass
class _Warm:
    weeks: list[str]
    process: subprocess.Popen[str]
    go: int  # write end of the pipe the run waits on


class WarmRunner:
    """Grades weeks with a pytest run started before the save: "one warm sandbox per week".

    After each grading, the next run for the same weeks starts at once: Python, pytest and
    the check modules load, and the week's kernel boots with pandas imported, all while the
    learner edits. The run then waits (settings.START_FD_ENV). On the next save of those
    weeks it gets one byte, copies the learner's files into its sandbox and grades; a save
    of another week closes the pipe (the waiting run exits, kernel and copy removed) and a
    fresh run grades that week. Measured in bench/bench_learner_loop.py.
    """

    def __init__(self, command: Callable[[list[str]], list[str]], cwd: Path,
                 env: dict[str, str] | None = None, enabled: bool = True):
        self.command, self.cwd, self.env, self.enabled = command, cwd, env, enabled
        self._warm: _Warm | None = None

    def grade(self, weeks: list[str]) -> Graded:
        warm, self._warm = self._warm, None
        if warm is not None and warm.weeks == weeks and warm.process.poll() is None:
            try:
                os.write(warm.go, b"g")
                os.close(warm.go)
                graded = finish(warm.process)
            except BrokenPipeError:  # it ended on its own: grade the usual way
                graded = run_pytest(self.command(weeks), self.cwd, self.env)
        else:
            self._cancel(warm)
            graded = run_pytest(self.command(weeks), self.cwd, self.env)
        if self.enabled and len(weeks) == 1:  # every week's kernel at once: too heavy to idle
            self._warm = self._start(weeks)
        return graded

    def _start(self, weeks: list[str]) -> _Warm:
        read, write = os.pipe()
        env = {**(self.env or os.environ), START_FD_ENV: str(read)}
        try:
            process = _popen(self.command(weeks), self.cwd, env, pass_fds=(read,))
        finally:
            os.close(read)
        return _Warm(weeks, process, write)

    @staticmethod
    def _cancel(warm: _Warm | None) -> None:
        if warm is None:
            return
        with contextlib.suppress(OSError):
            os.close(warm.go)  # end of file: the run closes its kernels and exits 0
        try:
            warm.process.communicate(timeout=STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            _stop(warm.process)

    def close(self) -> None:
        """Stop the waiting run, if any (Ctrl-C, end of the watch)."""
        warm, self._warm = self._warm, None
        self._cancel(warm)


def _parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="python -m grader watch", allow_abbrev=False,
        description="Grade every week once, then re-grade a week each time one of its files "
                    "is saved. Ctrl-C stops. Other arguments go to pytest, e.g. "
                    "--milestone 1.2 (after `--` if you like).",
    )
    parser.add_argument("--submission", metavar="DIR", type=Path, help=SUBMISSION_HELP)
    ns, extra = parser.parse_known_args(argv)
    return ns, [a for a in extra if a != "--"]


def main(argv: list[str] | None = None) -> int:
    """Watch until Ctrl-C (or SIGTERM); exit 0 then: stopping is how a watch ends."""
    # Explicit, because a shell starts background jobs with SIGINT ignored, and Python then
    # never raises KeyboardInterrupt; SIGTERM (a closed terminal, a test) ends the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        return _watch(*_parse(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        print("\nStopped watching.", flush=True)
        return 0


def _watch(ns: argparse.Namespace, extra: list[str]) -> int:
    try:
        import watchfiles  # noqa: F401  (the background thread imports it again)
    except ImportError:
        print("watch: the watchfiles package is missing: run `make watch`, which sets up .venv",
              file=sys.stderr)
        return 2
    submission = (ns.submission or ROOT / "weeks").resolve()
    if not submission.is_dir():
        print(f"watch: {submission} is not a folder. Give a folder laid out like weeks/, "
              "e.g. --submission solutions", file=sys.stderr)
        return 2
    folders = tuple(w.folder for w in load().weeks if (ROOT / "grader" / w.folder).is_dir())
    tty = sys.stdout.isatty()

    # pytest writes into a pipe: tell it the terminal's width, as it would measure it.
    env = {**os.environ, "COLUMNS": str(shutil.get_terminal_size().columns)} if tty else None

    def command(weeks: list[str]) -> list[str]:
        return pytest_command(weeks, root=ROOT, submission=ns.submission and submission,
                              extra=extra, color=tty)

    # With pytest-xdist (-n) the workers collect: no warm start then.
    runner = WarmRunner(command, ROOT, env,
                        enabled=not any(a == "-n" or a.startswith(("-n", "--numprocesses"))
                                        for a in extra))
    changes = Changes(submission, lambda _c, p: week_of(Path(p), submission, folders) is not None)
    try:
        Watcher(submission, folders, runner.grade, clear=tty).run(changes)
    except WatchError as exc:
        print(f"watch: {exc}. Try again; on a network or Windows drive, set "
              "WATCHFILES_FORCE_POLLING=1 to poll for changes instead.", file=sys.stderr)
        return 1
    finally:
        changes.close()
        runner.close()
    return 0
