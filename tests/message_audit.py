"""What every failed milestone's message must tell a learner (issue 9, part 5).

`audit` is pure: it reads one message, as the report holds it, and names the properties it
violates. The scenario tests run it on every failed milestone of every wrong_* case.
"""

from __future__ import annotations

import re

from grader.engine.protocol import Reason

#: A message is at most this many lines (the terminal's Next up shows it whole).
MAX_LINES = 16

#: Files a week asks for that have no extension by convention (4.7's Dockerfile): they are as
#: much a place to open as clean.py, so PLACE takes them by name. By name only: a bare
#: ``weeks/week07/upstream`` is a folder, and naming a folder does not say what to open.
EXTENSIONLESS = ("Dockerfile", "Containerfile", "Makefile", "Procfile")
#: A place the learner can open: a week's file, maybe with its function or notebook cell.
PLACE = re.compile(r"(?:^|[\s/`(])(?:weeks|submission|solutions)/week\d\d(?:/[\w.\-]+)*"
                   r"/(?:[\w\-]+\.\w+|(?:" + "|".join(EXTENSIONLESS) + r")\b)"
                   r"(?:::\w+|, cell \d+)?")
#: The learner's answer fell over instead of being wrong: `Problem   [TIMEOUT] ...`.
FAULT = re.compile(r"^\s+Problem\s+\[(?P<reason>[A-Z_]+)\]", re.MULTILINE)
FAULTS = {r.value for r in Reason} - {Reason.NOT_STARTED.value}
HIDDEN = "on data you have not seen (a hidden check)"
#: Frames of the grader or of installed libraries: noise for the learner.
RAW_FRAME = re.compile(r"Traceback \(most recent call last\)|site-packages"
                       r"|(?:^|[\s\"'/])grader/[\w/]+\.py")


def _row(lines: list[str], label: str) -> bool:
    return any(re.match(rf"\s+{re.escape(label)}\s", line) for line in lines)


def audit(message: str) -> list[str]:
    """The properties a failed milestone's learner message violates (empty: none)."""
    lines = message.splitlines()
    problems = []
    if not any(PLACE.search(line) for line in lines):
        problems.append("place: names no file of the week (path with weeks/ or the "
                        "submission, and ::function, cell N or a file name)")
    if not _row(lines, "Hint 1"):
        problems.append("hint: no `Hint 1` line")
    if HIDDEN in message:
        after = message.split(HIDDEN, 1)[1].lstrip(", ").strip()
        if not after:
            problems.append("category: the hidden check's message names no category")
    else:
        fault = FAULT.search(message)
        if not (_row(lines, "Expected") and _row(lines, "Got")) and not (
                fault and fault["reason"] in FAULTS):
            problems.append("expected/got: neither `Expected` + `Got` lines nor a "
                            "reason-coded fault line ([TIMEOUT], [IMPORT], ...)")
    if len(lines) > MAX_LINES:
        problems.append(f"length: {len(lines)} lines, over {MAX_LINES}")
    if RAW_FRAME.search(message):
        problems.append("traceback: shows frames of grader/ or site-packages")
    return problems
