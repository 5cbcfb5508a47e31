"""Read a class roster (CSV: learner,repo,ref) into rows the gradebook can grade.

A roster is typed by hand or exported from a spreadsheet, so it is read leniently and every
mistake is named by its line: a bad header aborts (nothing can be graded), but a bad row only
becomes that learner's problem, so the rest of the class is still graded.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

REQUIRED = ("learner", "repo")
OPTIONAL = ("ref",)
#: How a git URL starts (scp-like `git@host:path` included); anything else is a local path.
URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|[\w.-]+@[\w.-]+:)", re.IGNORECASE)


class RosterError(Exception):
    """The roster cannot be used at all (missing file, bad header): nothing is graded."""


@dataclass(frozen=True)
class Row:
    """One learner of the roster, as written and as resolved.

    `repo` is the text of the roster; `source` is what is fetched: an absolute path (a relative
    one is relative to the roster's folder) or the URL unchanged. `problem` is set when the row
    itself is unusable; `outcome` then says how it is reported (missing_repo, or duplicate:
    a learner already on an earlier line, not graded, renamed `name (line N)`).
    """

    index: int  # position among the roster's learners, 0-based (shards split on it)
    line: int  # line of the CSV file, 1-based, for messages
    learner: str
    repo: str
    ref: str
    source: str
    is_url: bool
    problem: str | None = None
    outcome: str | None = None

    @property
    def slug(self) -> str:
        """A folder name for this row's work: unique (the index) and safe on every OS."""
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", self.learner).strip("-.") or "learner"
        return f"{self.index:04d}-{name[:60]}"


def is_url(text: str) -> bool:
    """Whether a roster `repo` is a git URL (https://, ssh://, git@host:, file://)."""
    return bool(URL.match(text))


def read(path: Path) -> list[Row]:
    """Every learner row of the roster at `path`, in order; RosterError if it is unusable."""
    if not path.is_file():
        raise RosterError(f"no roster at {path}: create one with the header learner,repo,ref "
                          "(one row per learner) or pass ROSTER=path (the workflow's `roster` "
                          "input)")
    try:
        text = path.read_text(encoding="utf-8-sig")  # a spreadsheet's BOM is not a column name
    except UnicodeDecodeError as exc:
        raise RosterError(f"roster {path} is not UTF-8 text ({exc.reason} at byte {exc.start}): "
                          "save it as CSV UTF-8") from None
    return parse(text, base=path.parent, name=str(path))


def parse(text: str, *, base: Path, name: str = "roster") -> list[Row]:
    """Rows of a roster's text; relative paths are relative to `base`."""
    lines = [(n, line) for n, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise RosterError(f"{name} is empty: its first line must be the header learner,repo,ref")
    header_line, header_text = lines[0]
    header = [h.strip().lower() for h in next(csv.reader([header_text]))]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RosterError(
            f"{name} line {header_line}: the header must name the columns learner,repo,ref "
            f"(ref may be left empty), but it has {','.join(header) or 'nothing'}; "
            f"missing: {', '.join(missing)}")
    dupes = sorted({h for h in header if header.count(h) > 1 and h in (*REQUIRED, *OPTIONAL)})
    if dupes:
        raise RosterError(f"{name} line {header_line}: the header names {', '.join(dupes)} "
                          "twice; keep one column of each")
    col = {c: header.index(c) for c in (*REQUIRED, *OPTIONAL) if c in header}
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, line in lines[1:]:
        fields = [f.strip() for f in next(csv.reader([line]))]
        if not any(fields):
            continue  # `,,` left by a spreadsheet: not a learner
        rows.append(_row(len(rows), number, fields, col, len(header), base, seen))
    return rows


def _row(index: int, line: int, fields: list[str], col: dict[str, int], width: int,
         base: Path, seen: dict[str, int]) -> Row:
    def get(name: str) -> str:
        i = col.get(name)
        return fields[i] if i is not None and i < len(fields) else ""

    learner, repo, ref = get("learner"), get("repo"), get("ref")
    problems = []
    if not learner:
        learner = f"row {line}"
        problems.append(f"line {line} of the roster has no learner name; it is graded as "
                        f"'{learner}': add the name.")
    elif learner.casefold() in seen:
        # Not graded: two rows of one learner would mean two contradictory feedback files.
        # Renamed so that every row of the gradebook (and its feedback file) is distinct.
        first, given = seen[learner.casefold()], learner
        learner = f"{given} (line {line})"
        problems.append(f"{given} appears on roster lines {first} and {line}: only line {first} "
                        "was graded; remove or rename the duplicate.")
        return Row(index, line, learner, repo, ref, "", False, outcome="duplicate",
                   problem=" ".join(problems))
    seen.setdefault(learner.casefold(), line)
    if len(fields) > width:
        problems.append(f"line {line} of the roster has {len(fields)} fields for {width} "
                        "columns (a comma inside a value?); the extra ones were ignored.")
    if not repo:
        return Row(index, line, learner, repo, ref, "", False, outcome="missing_repo",
                   problem=" ".join([*problems, f"Learner '{learner}' (roster line {line}) has "
                                     "no repo: add its repository URL or local path."]))
    url = is_url(repo)
    source = repo if url else str((base / Path(repo).expanduser()).resolve())
    return Row(index, line, learner, repo, ref, source, url, problem=" ".join(problems) or None)
