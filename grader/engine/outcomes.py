"""How a check ends, and the one message shape every failure is shown in.

A check raises `CheckFailed` (the learner's answer is wrong) or a `LearnerFault` surfaces
from the sandbox (the learner's code did not answer: not started, raised, timed out, ...).
Anything else escaping a check is a grader bug and becomes status `error`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .protocol import Reason

_REASON_TEXT = {
    Reason.EXCEPTION: "raised {ename}: {evalue}",
    Reason.MISSING: "{evalue}. Did you rename it, or forget to define it?",
    Reason.TIMEOUT: "did not finish within the time limit ({evalue}) and was interrupted",
    Reason.EXIT: "ended the process ({ename}: {evalue}); return a value instead of exiting",
    Reason.CRASH: "crashed the Python process ({evalue})",
    Reason.MEMORY: "ran out of memory ({evalue})",
    Reason.STDIN: "called input(): nobody is there to type during grading",
    Reason.IMPORT: "could not be imported: {ename}: {evalue}",
    Reason.SYNTAX: "has a syntax error: {evalue}",
    Reason.NOTEBOOK: "{evalue}",
    Reason.TRANSFER: "returned something the grader could not read ({evalue})",
    Reason.NOT_STARTED: "is still the starter ({evalue})",
}


@dataclass
class Current:
    """What the running check last asked the sandbox, for the Checking/Where lines."""

    checking: str = ""
    where: str = ""
    #: Facts for the instructor on a passed check (a merged pull request): never a condition.
    notes: list[str] = field(default_factory=list)


current = Current()


class LearnerFault(Exception):
    """Learner code gave no answer; `reason` says why (a `Reason`)."""

    def __init__(self, reason: str, ename: str = "", evalue: str = "", *,
                 where: str = "", checking: str = "", frames: list[str] | None = None):
        self.reason = Reason(reason)
        self.ename, self.evalue = ename, evalue
        self.where, self.checking = where, checking
        self.frames = frames or []
        super().__init__(self.summary())

    def summary(self) -> str:
        """One line: what the learner's code did instead of answering."""
        text = _REASON_TEXT[self.reason].format(ename=self.ename, evalue=self.evalue)
        return text if len(text) < 400 else text[:400] + " ..."


@dataclass
class CheckFailed(AssertionError):
    """The learner's code answered, but not what the milestone asks for."""

    message: str
    expected: Any = None
    got: Any = None
    checking: str = ""
    where: str = ""
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)
        self.checking = self.checking or current.checking
        self.where = self.where or current.where


def render(symbol: str, milestone_id: str, title: str, where: str, rows: list[tuple[str, str]],
           extra: list[str] | None = None) -> str:
    """The message shape of STYLE.md: header, aligned rows, then free lines (frames)."""
    head = f"{symbol} {milestone_id} {title}"
    lines = [f"{head}   {where}" if where else head]
    for label, value in rows:
        if not value:
            continue
        first, *rest = str(value).splitlines() or [""]
        lines.append(f"  {label:<9} {first}")
        lines.extend(f"  {'':<9} {more}" for more in rest)
    lines.extend(f"  {line}" for line in (extra or []))
    return "\n".join(lines)
