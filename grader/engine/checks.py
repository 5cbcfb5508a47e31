"""What check authors import: the milestone marker and the learner-facing assertions.

    from grader.engine.checks import milestone, expect_dtype

    @milestone("1.2")
    def test_blank_charges_become_zero(week): ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from .expect import (
    describe,
    expect,
    expect_columns,
    expect_dtype,
    expect_dtypes,
    expect_equal,
    expect_index,
    expect_type,
)
from .figures import expect_png
from .handles import Handle
from .outcomes import CheckFailed, current

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "CheckFailed",
    "Handle",
    "describe",
    "expect",
    "expect_columns",
    "expect_dtype",
    "expect_dtypes",
    "expect_equal",
    "expect_index",
    "expect_png",
    "expect_type",
    "milestone",
    "note",
]


def milestone(milestone_id: str, *, category: str | None = None) -> Callable[[F], F]:
    """Mark a check as evidence for milestone `milestone_id` of course.toml.

    Title, points and hints come from course.toml. Hidden checks (under grader/hidden/) give a
    `category` such as "fails on unseen customers": that is all a learner is told.
    """
    return pytest.mark.milestone(milestone_id, category=category)


def note(text: str) -> None:
    """Record a fact about the learner's work for the instructor, shown with a passed milestone.

    For what deserves credit but must never decide a verdict: week 7's pull request merged
    upstream is the maintainers' decision, a bonus the instructor confirms. Notes appear in the
    JSON report (``notes``), the Markdown summary and the terminal summary.
    """
    current.notes.append(text)
