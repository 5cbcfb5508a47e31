"""Replay a cached check file without importing it: an unchanged re-run in about a second.

Importing the check modules (they import pandas, scikit-learn and the week's reference
code) is most of what an unchanged `make grade` costs once every verdict comes from the
cache. When the verdict cache holds a record for every check a file held the last time it
was collected in full, under the same content key (learner files, every check file, data,
lock), the file is stood in for by `CachedFile`: its items carry the same node ids and
milestone marks, so selection (`--milestone`, `-k`), ordering, JUnit XML and the reports
see exactly what a real collection gives, and each item reports its cached verdict.
Any change to any input changes the key, and the file is collected for real again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

#: Looks up a cached record for a node id (the plugin passes its cache and week key).
Lookup = Callable[[str], dict[str, Any] | None]
#: Reports a record as the check's outcome: the plugin's own path for every check.
Emit = Callable[[pytest.Item, dict[str, Any]], None]


class CachedFile(pytest.File):
    """A check file whose every verdict is cached: yields `CachedCheck`s, imports nothing."""

    names: list[str]
    lookup: Lookup
    emit: Emit

    def collect(self) -> Iterator[pytest.Item]:
        for name in self.names:
            record = self.lookup(f"{self.nodeid}::{name}")
            if record is None:  # the cache changed under us: cannot happen within one run
                continue
            yield CachedCheck.from_parent(self, name=name, record=record)


class CachedCheck(pytest.Item):
    """One check replayed from its cached record; the plugin reports it like a real one."""

    def __init__(self, *, record: dict[str, Any], **kwargs: Any):
        super().__init__(**kwargs)
        self.record = record
        self.add_marker(pytest.mark.milestone(record["milestone"],
                                              category=record.get("category")))

    def runtest(self) -> None:
        parent = self.parent
        assert isinstance(parent, CachedFile)
        parent.emit(self, {**self.record, "cached": True})

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.path, None, self.name


def make_file(parent: pytest.Collector, path: Any, names: list[str], lookup: Lookup,
              emit: Emit) -> CachedFile:
    """The stand-in collector for a fully cached check file."""
    node = CachedFile.from_parent(parent, path=path)
    node.names, node.lookup, node.emit = names, lookup, emit
    return node
