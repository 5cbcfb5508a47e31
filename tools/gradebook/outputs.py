"""Write a gradebook document as the files an instructor reads: CSV, JSON, Markdown, pictures.

`write_all` is the one entry point the CLI calls (after `grade` and after `merge`), so every
run of the gradebook leaves the same set of files whatever path built the document. The
document itself is built by `tools.gradebook.run`; this module only presents it, and never
reads anything from a learner's result beyond the fields of the LearnerResult contract.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from grader import progress

from . import feedback, plots
from . import history as history_log

#: A failed milestone whose hidden checks failed: public checks alone would not show why.
HIDDEN = "failed (hidden)"
#: One compact symbol per milestone status, for the Markdown table (and its legend).
SYMBOLS = {"passed": "✓", "failed": "✗", "not_started": "·", "error": "!", "not_graded": "–",
           HIDDEN: "H"}
LEGEND = ("✓ passed, ✗ failed, H failed on hidden checks (see feedback/JSON for the category), "
          "`·` not started, ! grader error (not the learner's fault), – not graded")
CSV_FIXED = ["learner", "outcome", "points", "max_points", "passed", "hints_used", "tampered",
             "problem"]


def write_all(book: dict[str, Any], out: Path, *, history: Path | None = None) -> list[Path]:
    """Write every output of one gradebook run into `out`; return the paths written.

    `history`, when given, is the JSON-lines file that carries runs from one gradebook to
    the next: this run is appended to it and history.png drawn from all of its runs.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = [write_csv(book, out / "gradebook.csv"),
               write_json(book, out / "gradebook.json"),
               write_markdown(book, out / "gradebook.md"),
               plots.heatmap(book, out / "heatmap.png")]
    written += feedback.write_feedback(book, out / "feedback")
    # A learner who left the roster must not keep last run's feedback in a reused folder.
    for stale in set((out / "feedback").glob("*.md")) - set(written):
        stale.unlink()
    if history is not None:
        runs = history_log.append(book, Path(history))
        written += [Path(history), plots.history_plot(runs, out / "history.png")]
    else:  # last run's picture beside this run's gradebook would pass for this run's
        (out / "history.png").unlink(missing_ok=True)
    return written


def milestone_ids(book: dict[str, Any]) -> list[str]:
    """The selected milestones' ids in syllabus order: the gradebook's column order."""
    return [m["id"] for m in book.get("milestones", [])]


def weeks(book: dict[str, Any]) -> list[tuple[int, list[dict[str, Any]]]]:
    """The selected milestones grouped by week number, both in syllabus order."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    for m in book.get("milestones", []):
        grouped.setdefault(int(m["week"]), []).append(m)
    return list(grouped.items())


def status(learner: dict[str, Any], milestone_id: str) -> str:
    """A learner's status on a milestone; a milestone missing from the result was not graded."""
    return (learner.get("milestones") or {}).get(milestone_id, {}).get("status", "not_graded")


def shown_status(learner: dict[str, Any], milestone_id: str) -> str:
    """The status the instructor's files show: `failed (hidden)` when hidden checks failed,
    so a failure the learner cannot reproduce with `make grade` stands out."""
    result = (learner.get("milestones") or {}).get(milestone_id, {})
    found = result.get("status", "not_graded")
    return HIDDEN if found == "failed" and result.get("hidden_failures") else found


def passed_count(learner: dict[str, Any]) -> int:
    """How many milestones this learner passed."""
    return sum(m.get("status") == "passed" for m in (learner.get("milestones") or {}).values())


def hints_used(learner: dict[str, Any]) -> int | str:
    """Hints the learner asked `make hint` for, from their progress history ("" without one)."""
    store = learner.get("progress")
    return progress.hints_used(store) if store else ""


def needs_attention(learner: dict[str, Any]) -> bool:
    """Rows an instructor must look at: not graded, grader changed, or any other problem."""
    return plots.needs_attention(learner)


def write_csv(book: dict[str, Any], path: Path) -> Path:
    """gradebook.csv: the fixed columns, then one column per milestone (named by its id)."""
    ids = milestone_ids(book)
    with _atomic(path) as tmp, tmp.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([*CSV_FIXED, *ids])
        for learner in book.get("learners", []):
            writer.writerow([_text(learner["learner"]), learner["outcome"],
                             learner.get("points", 0), learner.get("max_points", 0),
                             passed_count(learner), hints_used(learner),
                             "yes" if learner.get("tampered") else "no",
                             _text(learner.get("problem") or ""),
                             *(shown_status(learner, i) for i in ids)])
    return path


def _text(value: str) -> str:
    """A free-text CSV cell a spreadsheet will not run as a formula (a problem sentence can
    quote a learner's branch name): a leading = + - @ gets an apostrophe, as OWASP advises."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def write_json(book: dict[str, Any], path: Path) -> Path:
    """gradebook.json, written atomically: a merge job or a reader never sees half a file."""
    with _atomic(path) as tmp:
        tmp.write_text(json.dumps(book, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_markdown(book: dict[str, Any], path: Path) -> Path:
    """gradebook.md, for a CI job summary."""
    with _atomic(path) as tmp:
        tmp.write_text(markdown(book), encoding="utf-8")
    return path


def markdown(book: dict[str, Any]) -> str:
    """A table of learners (one symbol per milestone, grouped by week), what needs attention,
    and which grader produced it."""
    learners = book.get("learners", [])
    grouped = weeks(book)
    graded = [x for x in learners if x.get("outcome") == "graded"]
    out = [f"## {book.get('course', 'Gradebook')}: gradebook of "
           f"{feedback.plural(len(learners), 'learner')}", ""]
    incomplete = incomplete_line(book)
    if incomplete:
        out = [incomplete, "", *out]
    if graded:
        mean = sum(x.get("points", 0) for x in graded) / len(graded)
        top = max((x.get("max_points", 0) for x in graded), default=0)
        out += [f"{len(graded)} graded, mean {mean:.1f}/{top} points.", ""]
    header = ["Learner", "Outcome", "Points"]
    header += [f"W{number} ({ms[0]['id']}" + (f"–{ms[-1]['id']})" if len(ms) > 1 else ")")
               for number, ms in grouped]
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for learner, file in zip(learners, feedback.filenames(learners), strict=True):
        mark = " ⚠" if needs_attention(learner) else ""
        name = _cell(learner["learner"]).replace("[", "\\[").replace("]", "\\]")
        link = f"[{name}](feedback/{file})" if feedback.gets_feedback(learner) else name
        cells = [f"{link}{mark}", learner["outcome"].replace("_", " "),
                 f"{learner.get('points', 0)}/{learner.get('max_points', 0)}"]
        cells += ["`" + "".join(SYMBOLS.get(shown_status(learner, m["id"]), "?") for m in ms)
                  + "`" for _, ms in grouped]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", f"Legend: {LEGEND}. One symbol per milestone, in syllabus order; a learner's "
            "name links to their feedback file.", ""]
    attention = list(_attention_lines(book))
    if attention:
        out += ["### Needs attention", "", *attention, ""]
    out += [grader_line(book), ""]
    return "\n".join(out)


def incomplete_line(book: dict[str, Any]) -> str | None:
    """The warning a merge with missing shards opens with (None when the book is complete):
    a gradebook without some learners must not pass for the whole class."""
    missing = [int(i) for i in book.get("missing_shards") or []]
    if not missing:
        return None
    count = (book.get("grader") or {}).get("shards")
    of = f" of {count}" if count else ""
    if len(missing) == 1:
        which = f"shard {missing[0]}{of} is missing, so its learners are"
    else:
        listed = ", ".join(map(str, missing[:-1])) + f" and {missing[-1]}"
        which = f"shards {listed}{of} are missing, so their learners are"
    expected = book.get("expected_learners")
    present = (f" ({len(book.get('learners', []))} of {expected} learners present)"
               if isinstance(expected, int) else "")
    return f"⚠ Incomplete: {which} absent from this gradebook{present}."


def grader_line(book: dict[str, Any]) -> str:
    """Which grader, seed and environment produced these grades: what makes them reproducible."""
    g = book.get("grader", {})
    env = g.get("environment", {})
    commit = str(g.get("commit", "unknown"))[:12] + (" (dirty)" if g.get("dirty") else "")
    parts = [f"grader commit `{commit}`", f"seed {g.get('seed')}",
             f"Python {env.get('python', '?')} on {env.get('platform', '?')}"]
    if env.get("lock_sha256"):
        parts.append(f"lock sha256 `{str(env['lock_sha256'])[:12]}`")
    if g.get("select"):
        parts.append("selection " + " ".join(f"`{s}`" for s in g["select"]))
    parts.append(f"generated {book.get('generated', '?')}")
    return "Graded with " + ", ".join(parts) + "."


def _attention_lines(book: dict[str, Any]) -> Iterable[str]:
    """Ungraded rows and their problem, graded rows with a problem (tampering, a pytest that
    ended oddly, a duplicate roster name), and every instructor note."""
    for learner in book.get("learners", []):
        name = _cell(learner["learner"])
        problem = learner.get("problem")
        if learner.get("outcome") != "graded":
            yield (f"- **{name}**: {learner['outcome'].replace('_', ' ')}: "
                   f"{_cell(problem or 'no further detail')}")
        elif problem:
            yield f"- **{name}**: {_cell(problem)}"
        if learner.get("tampered") and not problem:  # core's problem sentence names them
            paths = learner["tampered"]
            shown = ", ".join(f"`{p}`" for p in paths[:5]) + (
                f" and {len(paths) - 5} more" if len(paths) > 5 else "")
            yield (f"- **{name}**: {feedback.plural(len(paths), 'changed course file')}, "
                   f"not used: {shown}")
        for mid, m in (learner.get("milestones") or {}).items():
            for note in m.get("notes", []):
                yield f"- **{name}** {mid}: {_cell(note)}"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


class _atomic:
    """Write to a temporary file beside `path`, then rename it over `path` on success."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        os.close(fd)
        self.tmp = Path(name)
        self.tmp.chmod(0o644)  # mkstemp's 0600 would survive the rename
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)
