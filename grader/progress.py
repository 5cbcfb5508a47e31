"""The learner's path so far: `.grader/progress.json`, updated after every grading of weeks/.

Why a store of its own: `.grader/report.json` holds the last run only, while learning shows
in what changed between runs: when a milestone was first tried, each time its verdict
changed, how many hints it took, when it passed. `make progress` prints it, `make hint`
remembers hints in it, and the instructor's gradebook reads it from a learner's checkout.

Schema 1 (written atomically; a reader never sees half a file)::

    {"schema": 1, "milestones": {"1.2": {
        "first_attempt": "2026-11-29T10:06:52+00:00",  # first run it was not "not_started"
        "outcomes": [{"at": ..., "status": "failed", "reason": "WRONG"}, ...],  # on change only
        "hints_shown": 2,                                # highest hint `make hint` showed
        "passed_at": "..." | null}}}                     # the first pass; kept if it fails later

A milestone appears once it is first attempted or a hint is asked for (then `first_attempt`
is null until it is graded as something other than not started).

This module imports only the standard library and `grader.engine.course`, so `make hint` and
`make progress` work before `.venv` exists.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grader.engine.atomic import write_atomic
from grader.engine.course import ROOT

SCHEMA = 1
#: Tests (and anyone grading a copy) point the store elsewhere with this variable.
ENV = "GRADER_PROGRESS"
NOT_STARTED = "not_started"
PASSED = "passed"

Store = dict[str, Any]


def default_path() -> Path:
    """$GRADER_PROGRESS, else `.grader/progress.json` of this checkout."""
    return Path(os.environ.get(ENV) or ROOT / ".grader" / "progress.json")


def is_learner_run(submission: Path, root: Path = ROOT) -> bool:
    """Only grading the learner's own weeks/ is their progress.

    An instructor grading solutions/, a test grading a scenario, or the gradebook grading a
    class (`--submission` elsewhere) must never write into a learner's history.
    """
    try:
        return submission.resolve() == (root / "weeks").resolve()
    except OSError:
        return False


def empty() -> Store:
    return {"schema": SCHEMA, "milestones": {}}


def _entry(raw: Any) -> dict[str, Any] | None:
    """One milestone's entry with every key present, or None if it is not an entry at all."""
    if not isinstance(raw, dict):
        return None
    outcomes = [o for o in raw.get("outcomes") or [] if isinstance(o, dict) and "status" in o]
    shown = raw.get("hints_shown", 0)
    return {"first_attempt": raw.get("first_attempt"), "outcomes": outcomes,
            "hints_shown": shown if isinstance(shown, int) and shown > 0 else 0,
            "passed_at": raw.get("passed_at")}


def _set_aside(path: Path, why: str) -> None:
    """Keep a broken store as `*.corrupt` (never lost silently) and say so on stderr."""
    target = path.with_name(path.name + ".corrupt")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt{n}")
    try:
        path.replace(target)
        kept = f"kept as {target.name}"
    except OSError as exc:
        kept = f"could not be moved aside ({exc})"
    print(f"grader: {path} was not a progress file ({why}); {kept}, starting a new one",
          file=sys.stderr)


def load(path: Path | None = None) -> Store:
    """The store at `path`; a missing file is empty, a corrupt one is set aside and empty."""
    path = path or default_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return empty()
    except (OSError, UnicodeDecodeError) as exc:
        _set_aside(path, f"unreadable: {exc}")
        return empty()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        _set_aside(path, f"not JSON: {exc.msg} at line {exc.lineno}")
        return empty()
    try:
        return parse(raw)
    except ValueError as exc:
        _set_aside(path, str(exc))
        return empty()


def parse(raw: Any) -> Store:
    """A store from JSON already read, every entry complete; ValueError says what is wrong.

    The instructor's gradebook reads learners' files with it, so both sides agree on schema 1.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("milestones"), dict):
        raise ValueError("no 'milestones' object")
    if raw.get("schema") != SCHEMA:
        raise ValueError(f"schema {raw.get('schema')!r}, this grader writes {SCHEMA}")
    milestones = {str(k): e for k, v in raw["milestones"].items() if (e := _entry(v))}
    return {"schema": SCHEMA, "milestones": milestones}


def hints_used(store: Store) -> int:
    """Hints `make hint` showed across every milestone (hint 1, in every message, not counted)."""
    return sum(entry["hints_shown"] for entry in store["milestones"].values())


def save(store: Store, path: Path | None = None) -> None:
    """Write atomically: a temporary file beside it, then one rename."""
    write_atomic(path or default_path(), json.dumps(store, indent=2, ensure_ascii=False) + "\n")


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).isoformat(timespec="seconds")


def _new_entry() -> dict[str, Any]:
    return {"first_attempt": None, "outcomes": [], "hints_shown": 0, "passed_at": None}


def update(store: Store, report: dict[str, Any], at: str, *,
           skip: frozenset[str] | set[str] = frozenset()) -> bool:
    """Fold one report into the store; True if anything changed. `skip`: ids not to record."""
    changed = False
    milestones = store["milestones"]
    for week in report.get("weeks", []):
        for m in week.get("milestones", []):
            status = m.get("status")
            if m.get("id") in skip or not status:
                continue
            entry = milestones.get(m["id"])
            if entry is None:
                if status == NOT_STARTED:
                    continue  # the starter, untouched: no attempt yet
                entry = milestones[m["id"]] = _new_entry()
            if entry["first_attempt"] is None and status != NOT_STARTED:
                entry["first_attempt"] = at
                changed = True
            if not entry["outcomes"] and status == NOT_STARTED:
                continue  # a hint was asked for, the work is not begun: nothing happened yet
            if not entry["outcomes"] or entry["outcomes"][-1]["status"] != status:
                entry["outcomes"].append({"at": at, "status": status,
                                          "reason": m.get("reason") or ""})
                changed = True
            if status == PASSED and not entry["passed_at"]:
                entry["passed_at"] = at
                changed = True
    return changed


@contextlib.contextmanager
def locked(path: Path | None = None) -> Iterator[Path]:
    """Hold the store's lock for a read-modify-write: `make watch` grading while the learner
    runs `make grade` or `make hint` must not lose either's update (last writer wins)."""
    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f"{path.name}.lock"), "a") as lock:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; a rare lost update is the cost
            yield path
            return
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield path
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record(report: dict[str, Any], path: Path | None = None, now: datetime | None = None, *,
           skip: frozenset[str] | set[str] = frozenset()) -> None:
    """Update the store at `path` from a grading report; the file is written only on change."""
    with locked(path) as path:
        store = load(path)
        if update(store, report, _stamp(now), skip=skip):
            save(store, path)


def hints_shown(store: Store, milestone_id: str) -> int:
    """How many of the milestone's hints `make hint` has shown (0 if none)."""
    entry = store["milestones"].get(milestone_id)
    return entry["hints_shown"] if entry else 0


def seen_hints(store: Store, milestone_id: str, total: int) -> int:
    """Hints the learner has read: hint 1 is in every grading message, so at least 1."""
    return min(total, max(hints_shown(store, milestone_id), 1 if total else 0))


def mark_hints(store: Store, milestone_id: str, shown: int) -> None:
    """Remember that hints up to `shown` were shown (never lowers the count)."""
    entry = store["milestones"].setdefault(milestone_id, _new_entry())
    entry["hints_shown"] = max(entry["hints_shown"], shown)


def parse_time(text: str | None) -> datetime | None:
    """An ISO-8601 stamp of the store, or None when absent or unreadable."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
