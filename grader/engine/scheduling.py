"""How pytest-xdist hands checks to workers: a week at a time (`make grade` is `-n auto`).

A week's checks share one sandbox: one kernel, its notebook run, the results several checks
inspect (`Week.once`). Split a week across two workers and both pay all of that. xdist's own
`loadgroup` cannot keep a week together here: its group rides on a suffix of the node id
(`...::check@week01`), which only a worker started with `--dist loadgroup` on its own command
line adds, and which would change the node ids the verdict cache and the reports key on.
So the scope of a check is simply its week folder, taken from the node id as it is.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from xdist.scheduler import LoadScopeScheduling

from .course import week_folder


def week_of_nodeid(nodeid: str) -> str:
    """`grader/week03/test_x.py::check` and `grader/hidden/week03/...` -> `week03`."""
    path = nodeid.split("::", 1)[0]
    # Not a week's check: its file is its own unit of work.
    return week_folder(PurePosixPath(path)) or path


class WeekScheduling(LoadScopeScheduling):
    """LoadScope with one unit of work per week. Units go out largest first (most checks),
    then each worker takes the next week as soon as it is nearly done with its own."""

    def _split_scope(self, nodeid: str) -> str:
        return week_of_nodeid(nodeid)
