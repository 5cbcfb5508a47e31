"""Per-learner feedback Markdown: what a learner may be told about their graded work.

A learner sees this file, so it is built from an allow-list of LearnerResult fields (status,
points, hidden failure categories, notes, the problem sentence, tampered paths) and never
from a check's message: a message of the instructor's grader can quote expected values, and
hidden checks exist precisely so that nobody learns those. `reason` is shown only when it is
one of the grader's fixed codes, turned into a sentence here.
"""

from __future__ import annotations

import re
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


def write_feedback(book: dict[str, Any], folder: Path) -> list[Path]:
    """feedback/<learner>.md for every learner of the book; returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    learners = book.get("learners", [])
    paths = []
    for learner, name in zip(learners, filenames(learners), strict=True):
        path = folder / name
        path.write_text(render(book, learner), encoding="utf-8")
        paths.append(path)
    return paths


def render(book: dict[str, Any], learner: dict[str, Any]) -> str:
    """One learner's feedback, friendly and specific, from allowed fields only."""
    name = str(learner["learner"])
    commit = learner.get("commit")
    graded_what = f"commit `{commit[:12]}` of your repository" if commit else "your repository"
    out = [f"# {book.get('course', 'Course')}: feedback for {name}", ""]
    if learner.get("outcome") != "graded":
        # The per-milestone tables would only say "not graded" for every line: left out.
        out += [f"Gradebook run of {book.get('generated', '?')}.", "",
                "**We could not grade your work this time.** "
                + (learner.get("problem") or "Your instructor has the details."),
                "", "This is not a judgement of your work: once this is sorted out, the next "
                "gradebook run grades it.", ""]
    else:
        ms = learner.get("milestones") or {}
        passed = sum(m.get("status") == "passed" for m in ms.values())
        out += [f"Graded on {book.get('generated', '?')} from {graded_what}, with the "
                "course's own grader.", "",
                f"**{learner.get('points', 0)} of {learner.get('max_points', 0)} points**, "
                f"{passed} of {len(book.get('milestones', []))} milestones passed.", ""]
        out += _milestone_sections(book, learner)
    if learner.get("tampered"):
        out += ["## Changes to the grader", "",
                "These files differ from the course's own copy:", "",
                *[f"- `{p}`" for p in learner["tampered"]], "",
                "The gradebook always grades with the instructor's grader and data, so your "
                "edits to grader/ are not used for grading (nor edits to data/). If you changed "
                "a check to make it pass, the points above come from the original check; "
                "if you meant to fix the grader, tell your instructor.", ""]
    out += ["Run `make grade` in your repository to see every public check's details and "
            "hints.", ""]
    return "\n".join(out)


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
