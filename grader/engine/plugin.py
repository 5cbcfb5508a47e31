"""pytest hooks, options and fixtures of the grader: the glue between pytest and the engine.

Flow: settings are resolved at configure time and kernels for the selected weeks start warming
at once; each check runs through `verdict.run_check` (or is replayed from the verdict cache);
its record rides on the test report's user_properties (so pytest-xdist carries it); at the end
the records become the JSON/Markdown reports and the terminal progress summary.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from .. import __version__, progress
from . import replay, report, settings
from .cache import VerdictCache, week_key
from .course import ROOT, Course, load, week_folder
from .protocol import Reason, Status
from .sandbox import Limits
from .verdict import run_check
from .week import Week

_INFO = pytest.StashKey[dict[str, Any]]()
_PROP = "ml_path"


class Grading:
    """One grading run: settings, the weeks' sandboxes, the cache and the records."""

    def __init__(self, config: pytest.Config, start_fd: int | None = None):
        self.config = config
        self.settings = settings.resolve(config, ROOT)
        self.course: Course = load()
        self.cache = VerdictCache(ROOT / ".grader" / "cache" / "verdicts.json",
                                  self.settings.use_cache)
        self.weeks: dict[str, Week] = {}
        self.missing: list[str] = []  # week folders the submission lacks (not graded)
        # Milestones some of whose checks were deselected (-k): their verdict is partial.
        self.partial: set[str] = set()
        self.keys: dict[str, str] = {}
        self.records: list[dict[str, Any]] = []
        # week -> check file node id -> names of the checks collected from it (engine.replay)
        self.collected: dict[str, dict[str, list[str]]] = {}
        # (milestone, hidden) -> the record of a check that ran out of time: the milestone's
        # other checks fail the same way at once instead of waiting out the limit again.
        self.timed_out: dict[tuple[str, bool], dict[str, Any]] = {}
        self.started = datetime.now(UTC).isoformat(timespec="seconds")
        self.t0 = time.perf_counter()
        self.set_mode(start_fd)

    def set_mode(self, start_fd: int | None) -> None:
        """Worker, controller or single process, from the final `-n` (`-n auto` is decided
        after this object was first built to count the weeks to grade)."""
        self.is_worker = hasattr(self.config, "workerinput")
        workers = getattr(self.config.option, "numprocesses", None)
        self.is_controller = bool(workers) and not self.is_worker
        # Watch mode's warm start (settings.START_FD_ENV); never under xdist.
        self.start_fd = start_fd if not workers else None

    def shown_week(self, folder: str) -> str:
        return f"{self.settings.shown(self.settings.submission)}/{folder}"

    def key(self, folder: str) -> str:
        if folder not in self.keys:
            hidden = (ROOT / "grader" / "hidden" / folder).is_dir()
            # Messages name the learner's files by the path shown: part of the verdict.
            extra = (f"seed={self.settings.seed if hidden else ''};t={self.settings.time_limit_s}"
                     f";at={self.shown_week(folder)}")
            self.keys[folder] = week_key(ROOT, self.settings.submission / folder, folder, extra)
        return self.keys[folder]

    def week(self, folder: str) -> Week:
        if folder not in self.weeks:
            spec = self.course.week(folder)
            limits = Limits(time_s=self.settings.time_limit_s or spec.time_limit_s,
                            memory_mb=spec.memory_limit_mb, preload=spec.preload)
            self.weeks[folder] = Week(spec, self.settings.submission / folder,
                                      self.shown_week(folder), limits)
        return self.weeks[folder]

    def close(self) -> None:
        timings = os.environ.get(settings.TIMINGS_ENV)
        for folder, week in self.weeks.items():
            if timings and week.learner_s:
                with open(timings, "a", encoding="utf-8") as fh:  # one line: atomic enough
                    fh.write(json.dumps({"week": folder, "learner_s": week.learner_s}) + "\n")
            week.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    settings.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "milestone(id, category=None): the course.toml milestone "
                            "this check grades; hidden checks name a category for learners")
    # The judge's own reference fits run next to the kernels: one BLAS/OpenMP thread each,
    # like the kernels (sandbox.LEARNER_ENV), or they fight over the cores.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    fd = os.environ.pop(settings.START_FD_ENV, "")  # (not for the processes the run starts)
    start_fd = int(fd) if fd.isdigit() else None
    grading = config.stash.get(_GRADING, None)  # built already if `-n auto` counted weeks
    if grading is None:
        grading = Grading(config, start_fd)
        config.stash[_GRADING] = grading
    else:
        grading.set_mode(start_fd)
    ids = {m.id for w in grading.course.weeks for m in w.milestones}
    for wanted in config.getoption("milestone") or ():
        if wanted not in ids:  # else it would grade nothing and say nothing
            from ..hints import nearby_ids

            raise pytest.UsageError(f"--milestone {wanted}: no such milestone in course.toml; "
                                    f"valid ids: {', '.join(nearby_ids(grading.course, wanted))}")
    _quiet_pytest_output(config)
    if not grading.is_controller and not config.option.collectonly:
        _warm(grading, config)


_GRADING = pytest.StashKey[Grading]()


def _quiet_pytest_output(config: pytest.Config) -> None:
    """Our summary shows one message per milestone; pytest's per-check blocks would repeat it.

    Only defaults change: `--tb=short` or `-rf` on the command line bring pytest's back.
    """
    args = config.invocation_params.args
    if config.option.tbstyle == "auto" and not any(str(a).startswith("--tb") for a in args):
        config.option.tbstyle = "no"
    if not any(str(a).startswith("-r") for a in args):
        config.option.reportchars = "E"


def _selected_weeks(grading: Grading, config: pytest.Config) -> list[str]:
    """The week folders the command line's paths and --milestone select that the
    submission has, in syllabus order."""
    args = [Path(a.split("::")[0]).resolve() for a in config.args] or [ROOT / "grader"]
    wanted = set(config.getoption("milestone") or ())
    weeks = []
    for week in grading.course.weeks:
        checks = [ROOT / "grader" / week.folder, ROOT / "grader" / "hidden" / week.folder]
        selected = any(c.is_dir() and (c == a or a in c.parents or c in a.parents)
                       for c in checks for a in args)
        if wanted and not wanted & {m.id for m in week.milestones}:
            selected = False  # --milestone picks none of this week's checks
        if selected and (grading.settings.submission / week.folder).is_dir():
            weeks.append(week.folder)
    return weeks


def _to_grade(grading: Grading, config: pytest.Config) -> list[str]:
    """Selected weeks whose verdicts are not all cached: they need a kernel."""
    return [folder for folder in _selected_weeks(grading, config)
            if not grading.cache.has_week(folder, grading.key(folder))]


def _warm(grading: Grading, config: pytest.Config) -> None:
    """Start kernels for the weeks the command line selects, unless their verdicts are cached."""
    if grading.is_worker:
        return  # workers learn their weeks only when checks arrive
    # A warm start boots the kernel before the save: the cache cannot be asked yet.
    weeks = (_selected_weeks(grading, config) if grading.start_fd is not None
             else _to_grade(grading, config))
    for folder in weeks:
        grading.week(folder).warm(tools=grading.start_fd is not None)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (`make grade`): one worker per week that must really be graded, up to the
    cores; none at all (in-process, no worker start-up) when one week or none needs it.

    An unchanged re-run replays every verdict in under a second, a save re-grades its one
    week in-process, and a first run grades the weeks side by side. A `-k` or `-m` selection
    stays in-process: the milestones it grades only in part are seen where it collects.
    """
    env = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS")
    if env and env.isdigit():
        return int(env)
    if config.option.keyword or config.option.markexpr:
        return 0
    grading = Grading(config)  # kept for pytest_configure: the week keys are hashed once
    config.stash[_GRADING] = grading
    weeks = _to_grade(grading, config)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(len(weeks), cores or 1)
    return workers if workers > 1 else 0


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under `-n`, a week's checks go to one worker, so one kernel (engine.scheduling).

    An explicit `--dist` other than the default `load` (loadfile, each, ...) is kept."""
    if config.getvalue("dist") != "load":
        return None
    from .scheduling import WeekScheduling

    return WeekScheduling(config, log)


def pytest_report_header(config: pytest.Config) -> list[str]:
    g = config.stash[_GRADING]
    return [f"grader {__version__}: submission {g.settings.shown(g.settings.submission)}/ · "
            f"seed {g.settings.seed} · cache {'on' if g.settings.use_cache else 'off'}"]


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> Any:
    """A check file whose verdicts are all cached is replayed, not imported (engine.replay)."""
    g = parent.config.stash[_GRADING]
    folder = week_folder(module_path.relative_to(ROOT)) if ROOT in module_path.parents else None
    if folder is None:
        return None
    wanted = set(parent.config.getoption("milestone") or ())
    if wanted and not wanted & {m.id for m in g.course.week(folder).milestones}:
        # --milestone picks nothing here: every check would be deselected, so don't import
        # the file at all (weeks 4-8 import scikit-learn and scipy: 1.5 s of collection).
        return replay.make_file(parent, module_path, [], lambda _: None, lambda *_: None)
    if not g.settings.use_cache or g.start_fd is not None:
        return None  # (a warm start collects before the save: no key to look up yet)
    if not (g.settings.submission / folder).is_dir():
        return None
    key = g.key(folder)
    file_id = module_path.relative_to(parent.config.rootpath).as_posix()
    names = g.cache.replayable(folder, key, file_id)
    if names is None:
        return None
    return replay.make_file(parent, module_path, names,
                            lambda nodeid: g.cache.lookup(folder, key, nodeid),
                            lambda item, record: _emit(g, item, record, folder, key))


def pytest_itemcollected(item: pytest.Item) -> None:
    """Note every check each file holds, before any selection, for the next run's replay."""
    folder = week_folder(item.path)
    file_id, _, name = item.nodeid.partition("::")
    if folder and name and item.get_closest_marker("milestone") is not None:
        g = item.config.stash[_GRADING]
        g.collected.setdefault(folder, {}).setdefault(file_id, []).append(name)


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> None:
    """Watch mode's warm start: kernels booted and checks collected, wait for the save."""
    g = session.config.stash[_GRADING]
    if g.start_fd is None:
        return
    try:
        go = os.read(g.start_fd, 1)
    except (OSError, KeyboardInterrupt):
        go = b""
    with contextlib.suppress(OSError):
        os.close(g.start_fd)
    if not go:  # the watcher no longer needs this run: leave no kernel or copy behind
        g.close()
        os._exit(0)
    for week in g.weeks.values():
        week.resync()
    g.keys.clear()
    g.started = datetime.now(UTC).isoformat(timespec="seconds")
    g.t0 = time.perf_counter()


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    g = config.stash[_GRADING]
    for item in items:
        mark = item.get_closest_marker("milestone")
        if mark is None:
            continue
        milestone_id = mark.args[0]
        folder = week_folder(item.path)
        g.course.milestone(milestone_id)  # unknown ids fail collection loudly
        hidden = "hidden" in item.path.relative_to(ROOT).parts
        item.stash[_INFO] = {"milestone": milestone_id, "week": folder, "hidden": hidden,
                             "category": mark.kwargs.get("category")}
        item.extra_keyword_matches.add(milestone_id)  # -k 1.9 selects milestone 1.9's checks
    # Syllabus order, public checks before hidden ones: the first message a learner sees for
    # a milestone then comes from a check they can read.
    order = {m.id: i for i, m in enumerate(m for w in g.course.weeks for m in w.milestones)}

    def rank(item: pytest.Item) -> tuple[int, int]:
        info = item.stash.get(_INFO, None)
        if info is None:
            return (len(order), 0)
        return (order[info["milestone"]], int(info["hidden"]))

    items.sort(key=rank)  # stable: within a milestone, file order is kept
    wanted = config.getoption("milestone")

    def week_of(item: pytest.Item) -> str | None:
        return (item.stash.get(_INFO, None) or {}).get("week")

    keep = [i for i in items if not wanted
            or (i.stash.get(_INFO, None) or {}).get("milestone") in wanted]
    # A week folder the submission does not have (a partial submission, a deleted folder) is
    # not graded, and the summary says so: it is not a bug in the checks.
    g.missing = sorted({w for i in keep if (w := week_of(i))
                        and not (g.settings.submission / w).is_dir()})
    keep = [i for i in keep if week_of(i) not in g.missing]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep


@pytest.fixture
def week(request: pytest.FixtureRequest) -> Week:
    """The learner's week this check belongs to, graded in its sandbox."""
    g = request.config.stash[_GRADING]
    info = request.node.stash.get(_INFO, None)
    folder = info["week"] if info else week_folder(request.node.path)
    w = g.week(folder)
    milestone = g.course.milestone(info["milestone"]) if info else None
    w.time_limit_s = (g.settings.time_limit_s or (milestone and milestone.time_limit_s)
                      or w.limits.time_s)
    return w


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> int:
    """The seed for generated inputs (GRADER_SEED), recorded in every report."""
    return request.config.stash[_GRADING].settings.seed


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    info = pyfuncitem.stash.get(_INFO, None)
    if info is None:
        return None
    g = pyfuncitem.config.stash[_GRADING]
    key = g.key(info["week"])
    record = g.cache.lookup(info["week"], key, pyfuncitem.nodeid)
    error = None
    if record is not None:
        record = {**record, "cached": True}
    elif (earlier := g.timed_out.get((info["milestone"], False))
          or (info["hidden"] and g.timed_out.get((info["milestone"], True)))):
        # An infinite loop would cost the time limit once per check (minutes for a week).
        record = {**earlier, "hidden": info["hidden"]}
    else:
        funcargs = pyfuncitem.funcargs
        kwargs = {a: funcargs[a] for a in pyfuncitem._fixtureinfo.argnames}
        milestone = g.course.milestone(info["milestone"])
        record, error = run_check(lambda: pyfuncitem.obj(**kwargs), milestone,
                                  g.shown_week(info["week"]), hidden=info["hidden"],
                                  category=info["category"],
                                  show_hidden=g.settings.show_hidden)
        if record.get("reason") == Reason.TIMEOUT:
            g.timed_out[(info["milestone"], info["hidden"])] = record
    _emit(g, pyfuncitem, record, info["week"], key, error)
    return True


def _emit(g: Grading, item: pytest.Item, record: dict[str, Any], folder: str, key: str,
          error: Exception | None = None) -> None:
    """Hand a check's record to the reports (user_properties cross xdist) and pass or fail."""
    record.update(week=folder, key=key, nodeid=item.nodeid)
    item.user_properties.append((_PROP, json.dumps(record)))
    if error is not None:
        raise error
    if record["status"] != Status.PASSED:
        pytest.fail(record["message"], pytrace=False)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """Under pytest-xdist the workers collect: the controller keeps what they collected."""
    sent = getattr(node, "workeroutput", {}).get(_PROP)
    if sent:
        g = node.config.stash[_GRADING]
        for folder, files in json.loads(sent).items():
            g.collected.setdefault(folder, {}).update(files)


def pytest_deselected(items: list[pytest.Item]) -> None:
    """Note milestones whose checks were deselected: a subset passing is not a pass to keep."""
    if not items:
        return
    g = items[0].config.stash.get(_GRADING, None)
    if g is None:
        return
    for item in items:
        mark = item.get_closest_marker("milestone")
        if mark is not None and mark.args:
            g.partial.add(str(mark.args[0]))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for name, value in report.user_properties:
        if name == _PROP and report.when == "call":
            _records.append(json.loads(value))


_records: list[dict[str, Any]] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    g = session.config.stash[_GRADING]
    g.close()
    if g.is_worker:
        session.config.workeroutput[_PROP] = json.dumps(g.collected)  # type: ignore[attr-defined]
    if g.is_worker or session.config.option.collectonly:
        return  # nothing was graded: keep the last real report
    for record in _records:
        g.cache.store(record["week"], record["key"], record["nodeid"], record)
    for folder, files in g.collected.items():
        g.cache.store_files(folder, g.key(folder), files)
    g.cache.save()
    submission = g.settings.shown(g.settings.submission)
    data = report.build(g.course, _records, submission=submission, seed=g.settings.seed,
                        started=g.started, duration_s=time.perf_counter() - g.t0,
                        grader_version=__version__)
    report.write_json(data, g.settings.report)
    if exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        _record_progress(g, data)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as fh:
            fh.write(report.markdown(data))
    g.report_data = data  # type: ignore[attr-defined]


def _record_progress(g: Grading, data: dict[str, Any]) -> None:
    """Add this run to the learner's .grader/progress.json (`make progress`, `make hint`).

    Only a run on the learner's own weeks/ counts, and only milestones it graded in full:
    a `-k` subset of a milestone's checks, or its public checks alone where hidden ones
    exist, is not the milestone's verdict. (Under pytest-xdist the workers collect, so a
    `-k` subset is not seen there; `make grade` runs without it.) Never fails the run.
    """
    if not progress.is_learner_run(g.settings.submission, ROOT):
        return
    skip = {m for m in g.partial if any(r["milestone"] == m for r in _records)}
    skip |= set(_hidden_skipped(g, data))
    try:
        progress.record(data, progress.default_path(), skip=skip)
    except OSError as exc:
        print(f"grader: could not update {progress.default_path()}: {exc}")


def _more_hints(g: Grading, data: dict[str, Any]) -> int:
    """Hints of the Next up milestone not read yet (hint 1 is in its message)."""
    up = report.next_up(data)
    if up is None:
        return 0
    total = len(g.course.milestone(up["id"]).hints)
    store = (progress.load(progress.default_path())
             if progress.is_learner_run(g.settings.submission, ROOT) else progress.empty())
    return total - progress.seen_hints(store, up["id"], total)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    g = config.stash[_GRADING]
    data = getattr(g, "report_data", None)
    if g.is_worker or not data or not data["weeks"]:
        return
    terminalreporter.section("ML Path progress", sep="=", bold=True)
    submission = g.settings.shown(g.settings.submission)
    for folder in g.missing:
        terminalreporter.write_line(f"{submission}/{folder}/ does not exist: its checks were "
                                    "not run")
    cached = sum(1 for r in _records if r.get("cached"))
    for line in report.terminal_lines(data, g.settings.shown(g.settings.report), cached,
                                      hidden_skipped=_hidden_skipped(g, data),
                                      more_hints=_more_hints(g, data)):
        terminalreporter.write_line(line)


def _hidden_skipped(g: Grading, data: dict[str, Any]) -> list[str]:
    """Milestones graded without their hidden checks, though this checkout has them.

    ``pytest grader/week06`` selects the public checks only: its points are not the verdict
    ``make grade`` gives, and the summary must say so. (The learner edition has no hidden
    checks at all: nothing to say there.)
    """
    skipped = []
    for week in data["weeks"]:
        folder = next(w.folder for w in g.course.weeks if w.id == week["id"])
        if not (ROOT / "grader" / "hidden" / folder).is_dir():
            continue
        skipped += [m["id"] for m in week["milestones"]
                    if m["hidden"] is None and g.course.milestone(m["id"]).hidden_checks]
    return skipped
