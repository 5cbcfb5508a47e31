"""Verdicts cached by content: an unchanged week is not graded again.

A week's key hashes everything its verdicts depend on: the learner's files in that week, the
public checks and the engine, the week's hidden checks and the held-out data, course.toml,
the lock file, the data manifest, the time limit, and the seed when hidden checks (which use
it) are present.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .protocol import Reason, Status

_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".grader"}
_NOT_CACHED = {Reason.TIMEOUT, Reason.CRASH, Reason.MEMORY, "GRADER"}


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not _SKIP_DIRS.intersection(p.parts) and p.suffix != ".pyc")


def week_key(root: Path, learner_dir: Path, week_folder: str, extra: str) -> str:
    """Hash of every input of a week's verdicts."""
    digest = hashlib.sha256(extra.encode())
    inputs = [(learner_dir, _files(learner_dir))]
    # Every public check, not only this week's: checks share judge code across weeks (week 8
    # parses READMEs with week 4's parser; weeks 4 and 7 share engine.pytest_runs).
    grader, hidden = root / "grader", root / "grader" / "hidden"
    inputs.append((grader, [p for p in _files(grader) if hidden not in p.parents]))
    for folder in (hidden / week_folder, hidden / "data"):
        inputs.append((folder, _files(folder)))
    for name in ("course.toml", "requirements.lock", "data/SHA256SUMS"):
        path = root / name
        inputs.append((root, [path] if path.exists() else []))
    for base, paths in inputs:
        for path in paths:
            digest.update(path.relative_to(base).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class VerdictCache:
    """`.grader/cache/verdicts.json`: {week: {"key", "checks": {nodeid: record}, "files"}}.

    "files" maps a check file's node id to the names of every check it held when it was last
    collected in full: with a record for each, the file's checks can be replayed without
    importing it (engine.replay), which is most of an unchanged re-run's time.
    """

    def __init__(self, path: Path, enabled: bool):
        self.path = path
        self.enabled = enabled
        self._data: dict[str, Any] = {}
        if enabled and path.exists():
            try:
                self._data = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                self._data = {}  # a damaged cache only costs a re-run

    def lookup(self, week: str, key: str, nodeid: str) -> dict[str, Any] | None:
        """The cached record of one check, if its week is unchanged."""
        entry = self._data.get(week)
        if not self.enabled or not entry or entry.get("key") != key:
            return None
        return entry["checks"].get(nodeid)

    def has_week(self, week: str, key: str) -> bool:
        """Whether this week has cached verdicts for exactly this content (no kernel needed)."""
        entry = self._data.get(week)
        return self.enabled and bool(entry) and entry.get("key") == key

    def _entry(self, week: str, key: str) -> dict[str, Any]:
        entry = self._data.get(week)
        if not entry or entry.get("key") != key:
            entry = self._data[week] = {"key": key, "checks": {}}
        return entry

    def replayable(self, week: str, key: str, file_id: str) -> list[str] | None:
        """The check names of one file when every one has a cached verdict, else None."""
        entry = self._data.get(week)
        if not self.enabled or not entry or entry.get("key") != key:
            return None
        names = entry.get("files", {}).get(file_id)
        if not names or any(f"{file_id}::{n}" not in entry["checks"] for n in names):
            return None
        return names

    def store_files(self, week: str, key: str, files: dict[str, list[str]]) -> None:
        """Remember which checks each fully collected file of the week holds."""
        if self.enabled and files:
            self._entry(week, key).setdefault("files", {}).update(files)

    def store(self, week: str, key: str, nodeid: str, record: dict[str, Any]) -> None:
        """Remember a verdict unless it may not repeat (timeouts, crashes, grader errors)."""
        if not self.enabled or record.get("reason") in _NOT_CACHED:
            return
        if record.get("status") == Status.ERROR:
            return
        kept = {k: v for k, v in record.items() if k != "cached"}
        self._entry(week, key)["checks"][nodeid] = kept

    def save(self) -> None:
        """Write the cache atomically."""
        if not self.enabled:
            return
        write_atomic(self.path, json.dumps(self._data, sort_keys=True))
