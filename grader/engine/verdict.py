"""Turn how a check ended into a record: status, reason, and the learner's message.

A record is plain JSON, so it travels through pytest-xdist's user_properties, into the verdict
cache and into the reports unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .course import Milestone
from .outcomes import CheckFailed, LearnerFault, current, render
from .protocol import Reason, Status

Record = dict[str, Any]

#: What a hidden check that names no category tells the learner.
DEFAULT_CATEGORY = "gives a wrong answer"


def run_check(call: Callable[[], Any], milestone: Milestone, shown_week: str, *, hidden: bool,
              category: str | None, show_hidden: bool) -> tuple[Record, Exception | None]:
    """Run one check; return its record and the grader's own exception if it had one."""
    current.checking, current.where, current.notes = "", milestone.where(shown_week), []
    base = {"milestone": milestone.id, "hidden": hidden}
    # A failed hidden check keeps its learner-safe category for the gradebook's feedback.
    failed = {**base, "category": category or DEFAULT_CATEGORY} if hidden else base
    try:
        call()
    except LearnerFault as fault:
        if fault.reason == Reason.NOT_STARTED:
            return {**base, "status": Status.NOT_STARTED, "reason": Reason.NOT_STARTED,
                    "message": _not_started(milestone, fault, shown_week)}, None
        message = _fault_message(milestone, fault)
        return {**failed, "status": Status.FAILED, "reason": fault.reason,
                "message": _hide(milestone, message, category, hidden, show_hidden,
                                 shown_week)}, None
    except CheckFailed as failure:
        message = _failed_message(milestone, failure)
        return {**failed, "status": Status.FAILED, "reason": "WRONG",
                "message": _hide(milestone, message, category, hidden, show_hidden,
                                 shown_week)}, None
    except Exception as exc:  # a bug in the grader, never the learner's fault
        message = render("!", milestone.id, milestone.title, "", [
            ("Problem", f"the grader itself failed ({type(exc).__name__}: {exc})"),
            ("Not you", "this is a bug in the course's checks: please report it"),
        ])
        return {**base, "status": Status.ERROR, "reason": "GRADER", "message": message}, exc
    notes = {"notes": list(current.notes)} if current.notes else {}
    return {**base, "status": Status.PASSED, "reason": "", "message": "", **notes}, None


def _hint(milestone: Milestone) -> str:
    return milestone.hints[0] if milestone.hints else ""


#: The starter's stub text: ``Milestone 5.3: write fit_irls``.
STUB = re.compile(r"Milestone (?P<id>\d+\.\d+): write (?P<name>.+)")


def _not_started(milestone: Milestone, fault: LearnerFault, shown_week: str) -> str:
    where = fault.where or milestone.where(shown_week)
    stub = STUB.match(fault.evalue or "")
    if stub and stub["id"] != milestone.id:
        # The learner's own code for this milestone ran into another milestone's stub: say
        # which one to finish, not "replace the raise" in code that has none left.
        return render("○", milestone.id, f"{milestone.title} (waiting for {stub['id']})", where, [
            ("Start", f"this milestone calls {stub['name']}, which is still the starter of "
                      f"milestone {stub['id']}: finish {stub['id']} first, then grade "
                      f"{milestone.id} again"),
            ("Hint 1", _hint(milestone)),
        ])
    file = where.split("::")[0].split(", cell ")[0]  # a notebook's `where` names the cell
    if fault.ename == "NotStarted" and fault.evalue:
        # Work with no stub to replace (week 7 fixes a library, fills in a record): the check
        # says how to begin.
        start = fault.evalue
    elif file.endswith((".py", ".ipynb")):
        start = f"replace the `raise NotImplementedError` in {where} with your code"
    else:  # a README, Dockerfile or requirements.txt: the starter holds a comment there
        start = f"replace the `Milestone {milestone.id}` comment in {file} with your part"
    return render("○", milestone.id, f"{milestone.title} (not started)", where, [
        ("Start", start),
        ("Hint 1", _hint(milestone)),
    ])


def _fault_message(milestone: Milestone, fault: LearnerFault) -> str:
    subject = fault.checking or "your code"
    if fault.reason in (Reason.IMPORT, Reason.SYNTAX, Reason.NOTEBOOK) and fault.where:
        subject = fault.where.split("::")[0]
        # Importing glm.py may fail on a syntax error in families.py, which glm imports:
        # name the file that has it (SyntaxError says "(families.py, line 80)").
        culprit = re.search(r"\((?P<file>[^(),]+\.py), line \d+\)$", fault.evalue or "")
        if (fault.reason == Reason.SYNTAX and culprit
                and not subject.endswith("/" + culprit["file"]) and subject != culprit["file"]):
            subject = f"{culprit['file']} (imported by {subject})"
    return render("✗", milestone.id, milestone.title, fault.where, [
        ("Checking", fault.checking),
        ("Problem", f"[{fault.reason}] {subject} {fault.summary()}"),
        ("Trace", "\n".join(fault.frames)),
        ("Hint 1", _hint(milestone)),
    ])


def _failed_message(milestone: Milestone, failed: CheckFailed) -> str:
    hint = [f"{'Hint 1':<9} {_hint(milestone)}"] if milestone.hints else []
    return render("✗", milestone.id, milestone.title, failed.where, [
        ("Checking", failed.checking),
        ("Problem", failed.message),
        ("Expected", "" if failed.expected is None else str(failed.expected)),
        ("Got", "" if failed.got is None else str(failed.got)),
    ], [*failed.lines, *hint])


def _hide(milestone: Milestone, message: str, category: str | None, hidden: bool,
          show_hidden: bool, shown_week: str) -> str:
    """Hidden failures name the milestone, its place and a category, never the check or its
    values."""
    if not hidden or show_hidden:
        return message
    category = category or DEFAULT_CATEGORY
    # A category names its own subject when the code is not what failed ("your README's ...").
    subject = "" if category.startswith("your ") else "your code "
    return render("✗", milestone.id, milestone.title, milestone.where(shown_week), [
        ("Problem", f"on data you have not seen (a hidden check), {subject}{category}"),
        ("Hint 1", _hint(milestone)),
    ])


#: The longest message a milestone shows (the terminal's Next up prints it whole).
MAX_LINES = 16


def more_problems(message: str, more: int, milestone_id: str) -> str:
    """`message` ending with one line saying `more` other checks failed, and how to see them.

    The whole stays within MAX_LINES: detail lines just above the Hint (frames, rows of a
    table) give way first; the header and the Hint never do.
    """
    if more <= 0:
        return message
    line = (f"  +{more} more problem{'s' if more != 1 else ''}: run `.venv/bin/pytest grader/ "
            f"--milestone {milestone_id} --tb=short` to see them all")
    lines = message.splitlines()
    excess = len(lines) + 1 - MAX_LINES
    if excess > 0:
        hint = next((i for i, text in enumerate(lines) if text.lstrip().startswith("Hint 1")),
                    len(lines))
        cut = max(1, hint - excess)  # never the header
        lines = [*lines[:cut], *lines[hint:]]
        lines = lines[:MAX_LINES - 1]  # a hint longer than the rest: its tail goes
    return "\n".join([*lines, line])


def combine(records: list[Record]) -> tuple[str, Record | None]:
    """A milestone's status from its checks, and the record to show for it.

    When other checks failed too, the shown record's message ends with a `+N more problems`
    line (hidden ones are counted, never described; checks that failed with the very message
    shown, such as an import error or a replayed time-out, are not counted again).
    """
    status, shown = _pick(records)
    if shown is None or status not in (Status.FAILED, Status.ERROR):
        return status, shown
    others = [r for r in records if r is not shown
              and r["status"] in (Status.FAILED, Status.ERROR)
              and r.get("message") != shown.get("message")]
    if not others:
        return status, shown
    return status, {**shown, "message": more_problems(shown["message"], len(others),
                                                      shown["milestone"])}


def _pick(records: list[Record]) -> tuple[str, Record | None]:
    order = [Status.ERROR, Status.FAILED, Status.NOT_STARTED]
    statuses = {r["status"] for r in records}
    if statuses == {Status.PASSED}:
        return Status.PASSED, None
    if statuses <= {Status.NOT_STARTED, Status.PASSED}:
        return Status.NOT_STARTED, next(r for r in records if r["status"] == Status.NOT_STARTED)
    for status in order:
        for record in records:
            if record["status"] == status and not record["hidden"]:
                return status, record
        for record in records:
            if record["status"] == status:
                return status, record
    return Status.ERROR, records[0] if records else None
