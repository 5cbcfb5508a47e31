"""Per-learner feedback Markdown: what a learner may be told about their graded work.

A learner sees this file, so it is built from an allow-list of LearnerResult fields (status,
points, hidden failure categories, notes, the outcome, the ref, tampered paths) and never
from a check's message: a message of the instructor's grader can quote expected values, and
hidden checks exist precisely so that nobody learns those. `reason` is shown only when it is
one of the grader's fixed codes, turned into a sentence here. The `problem` sentence is the
instructor's (it names roster lines, local paths, raw git errors): a row that could not be
graded gets a learner-facing paragraph per outcome instead.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STATUS_TEXT = {
    "passed": "✓ passed",
    "failed": "✗ not passed yet",
    "not_started": "· not started",
    "error": "! could not be checked",
    "not_graded": "– not graded",
}

#: The grader's reason codes (grader.engine.protocol.Reason, plus WRONG and GRADER) as advice.
REASON_TEXT = {
    "WRONG": "your code runs, but an answer is not what the milestone asks for",
    "NOT_STARTED": "the starter code is still there",
    "EXCEPTION": "your code raised an exception",
    "MISSING": "a file, function or name the milestone needs was not found",
    "TIMEOUT": "your code ran past its time limit and was interrupted",
    "EXIT": "your code ended the process (sys.exit or os._exit) instead of returning",
    "CRASH": "your code crashed the Python process",
    "MEMORY": "your code ran out of memory",
    "STDIN": "your code called input(), and nobody is there to type during grading",
    "IMPORT": "a module could not be imported",
    "SYNTAX": "a file or cell has a syntax error",
    "NOTEBOOK": "a notebook is not a valid .ipynb file",
    "TRANSFER": "your code returned something the grader could not read",
    "GRADER": "the grader itself hit a problem here (not your fault: your instructor sees it too)",
}


def safe_filename(name: str) -> str:
    """A learner name as a portable file name: letters, digits, dot, dash and underscore."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name.strip()).strip("._")
    return safe[:100] or "learner"


def filenames(learners: list[dict[str, Any]]) -> list[str]:
    """One distinct `<safe-name>.md` per learner, in roster order ("a b" and "a_b" both fit)."""
    taken: set[str] = set()
    names = []
    for learner in learners:
        base = safe_filename(str(learner["learner"]))
        name, n = f"{base}.md", 2
        while name.lower() in taken:  # case-insensitive file systems too
            name, n = f"{base}-{n}.md", n + 1
        taken.add(name.lower())
        names.append(name)
    return names


def gets_feedback(learner: dict[str, Any]) -> bool:
    """A duplicate roster row is the same person as an earlier row, whose file says it all:
    a second, ungraded file would only contradict the first if both were sent."""
    return learner.get("outcome") != "duplicate"


def write_feedback(book: dict[str, Any], folder: Path) -> list[Path]:
    """feedback/<learner>.md for every learner of the book; returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    learners = book.get("learners", [])
    paths = []
    for learner, name in zip(learners, filenames(learners), strict=True):
        if not gets_feedback(learner):
            continue
        path = folder / name
        path.write_text(render(book, learner), encoding="utf-8")
        paths.append(path)
    return paths


def render(book: dict[str, Any], learner: dict[str, Any]) -> str:
    """One learner's feedback, friendly and specific, from allowed fields only."""
    name = str(learner["learner"])
    commit = learner.get("commit")
    graded_what = f"commit `{commit[:12]}` of your repository" if commit else "your repository"
    ms = learner.get("milestones") or {}
    # A merged book's `generated` is the merge's time, not when this row was graded: it
    # names the gradebook run, not a grading time the document does not have.
    out = [f"# {book.get('course', 'Course')}: feedback for {name}", "",
           f"Gradebook of {when(book.get('generated'))}.", ""]
    outcome = learner.get("outcome")
    has_table = any(m.get("status", "not_graded") != "not_graded" for m in ms.values())
    if outcome == "graded" or (outcome == "crashed" and has_table):
        passed = sum(m.get("status") == "passed" for m in ms.values())
        total = len(book.get("milestones", []))
        out += [f"Graded from {graded_what}, with the course's own grader.", "",
                f"**{learner.get('points', 0)} of {learner.get('max_points', 0)} points**, "
                f"{passed} of {plural(total, 'milestone')} passed.", ""]
        if outcome == "crashed":  # the statuses are real: say why they are all errors
            out += ["**Every check crashed**: run `make grade` to see why.", ""]
        out += _milestone_sections(book, learner)
    else:
        # The per-milestone tables would only say "not graded" for every line: left out.
        out += [f"**We could not grade your work this time.** {ungraded_text(book, learner)}",
                ""]
    if learner.get("tampered"):
        out += ["## Changes to the course's files (grader/, data/)", "",
                "These files differ from the course's own copy:", "",
                *[f"- `{p}`" for p in learner["tampered"]], "",
                "The gradebook always grades with the instructor's grader and data, so your "
                "edits to grader/ are not used for grading (nor edits to data/). If you changed "
                "a check to make it pass, the points above come from the original check; "
                "if you meant to fix the grader, tell your instructor.", ""]
    out += ["Run `make grade` in your repository to see every public check's details and "
            "hints.", ""]
    return "\n".join(out)


#: After a fetch problem: what the learner can check on their side.
_FETCH_ADVICE = ("Check that it exists, is pushed, and that your instructor has access; "
                 "or tell your instructor.")
_NOT_JUDGED = ("This is not a judgement of your work: once this is sorted out, the next "
               "gradebook run grades it.")


def ungraded_text(book: dict[str, Any], learner: dict[str, Any]) -> str:
    """The learner-facing paragraph for a row that could not be graded, per outcome.

    Built from the outcome, the learner's own ref and the book's time limit only: never from
    the instructor's `problem` sentence.
    """
    outcome = learner.get("outcome")
    ref = str(learner.get("ref") or "")
    if outcome == "missing_ref":
        what = (f"branch or commit `{_cell(ref).replace('`', '')}` was not found" if ref
                else "its default branch was not found (has anything been pushed?)")
        return f"We could not fetch your repository: {what}. {_FETCH_ADVICE} {_NOT_JUDGED}"
    if outcome == "missing_repo":
        return ("We could not fetch your repository: it was not found. "
                f"{_FETCH_ADVICE} {_NOT_JUDGED}")
    if outcome == "unreachable":
        return ("We could not fetch your repository: it could not be reached. "
                f"{_FETCH_ADVICE} {_NOT_JUDGED}")
    if outcome == "not_course":
        return ("The repository does not look like the course (no weeks/week01/ folder): "
                f"push your copy of the course repository. {_NOT_JUDGED}")
    if outcome == "timeout":
        limit = (book.get("grader") or {}).get("timeout_s")
        stopped = (f"Grading stopped after {_duration(float(limit))}, the time limit for one "
                   "submission" if limit else "Grading stopped at the time limit for one "
                   "submission")
        return (f"{stopped}: run `make grade` and look for a cell or call that never ends.")
    if outcome == "crashed":  # no report came back, so no statuses to show
        return ("The grader crashed before it could report anything: run `make grade` to "
                "see why; if it runs to the end there, tell your instructor.")
    return f"Your instructor has the details. {_NOT_JUDGED}"


def _duration(seconds: float) -> str:
    """A time limit in words: "30 minutes", "1 minute", "45 seconds"."""
    if seconds >= 60:
        minutes = round(seconds / 60)
        return plural(minutes, "minute")
    return plural(round(seconds), "second")


def plural(n: int, word: str) -> str:
    """`1 learner`, `2 learners`: a count with its noun (regular plurals only)."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def when(value: Any) -> str:
    """An ISO-8601 UTC time as people read it: `2026-11-29 10:00 UTC` (as is if unreadable)."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value if value is not None else "?")
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _milestone_sections(book: dict[str, Any], learner: dict[str, Any]) -> list[str]:
    """A table per week, then what to look at for each milestone not passed."""
    results = learner.get("milestones") or {}
    by_week: dict[int, list[dict[str, Any]]] = {}
    for m in book.get("milestones", []):
        by_week.setdefault(int(m["week"]), []).append(m)
    out: list[str] = []
    for week, milestones in by_week.items():
        out += [f"## Week {week}", "", "| Milestone | Status | Points |", "|---|---|---|"]
        details: list[str] = []
        for m in milestones:
            r = results.get(m["id"], {})
            status = r.get("status", "not_graded")
            points = f"{r.get('points', 0)}/{r.get('max_points', m.get('points', 0))}"
            out.append(f"| {m['id']} {_cell(m.get('title', ''))} | "
                       f"{STATUS_TEXT.get(status, status)} | {points} |")
            details += _details(m, r, status)
        out += ["", *details, ""] if details else [""]
    return out


def _details(milestone: dict[str, Any], result: dict[str, Any], status: str) -> list[str]:
    """Bullets for one milestone: why it did not pass, hidden categories, notes."""
    lines = []
    reason = REASON_TEXT.get(str(result.get("reason", "")))
    hidden = [str(h) for h in result.get("hidden_failures", [])]
    if hidden:
        # A wrong answer on hidden data is the whole story; another reason still says more.
        said = f"{reason}; also, t" if reason and result.get("reason") != "WRONG" else "T"
        lines.append(f"- **{milestone['id']}**: {said}he hidden checks tried your work on data "
                     "you have not seen (which cases do your own tries miss?) and found that it")
        lines += [f"  - {h}" for h in hidden]
    elif status in ("failed", "error") and reason:
        lines.append(f"- **{milestone['id']}**: {reason}.")
    lines += [f"- **{milestone['id']}** (note): {n}" for n in result.get("notes", [])]
    return lines


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
