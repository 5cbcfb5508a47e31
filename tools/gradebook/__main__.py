"""`python -m tools.gradebook grade ROSTER --out DIR` and `... merge SHARD_DIR ... --out DIR`.

Exit code 0 when every roster row was processed, even if rows had problems (each row says
what happened); 2 on unusable input (no roster, a bad header, a bad option value, a
selection that picks no checks, shards graded differently), with one line saying what to
fix and never a traceback; 1 when merging found shards missing (what exists is still
written, and says so).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

from . import roster, shards

# tools.gradebook.run (grader engine, psutil) is imported by the commands that grade: `plan`
# runs on a bare runner with the standard library only.


def write(book: dict[str, Any], out: Path, history: Path | None) -> list[Path]:
    """Write the gradebook's files through tools.gradebook.outputs.

    Imported here, not at the top: grading and merging work (gradebook.json alone) even
    where the plotting stack of the outputs cannot be imported.
    """
    out.mkdir(parents=True, exist_ok=True)
    try:
        from .outputs import write_all
    except ModuleNotFoundError as exc:
        if exc.name not in ("tools.gradebook.outputs", "matplotlib"):
            raise
        path = out / "gradebook.json"
        path.write_text(json.dumps(book, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"gradebook: {exc.name} is not available: wrote {path} only", file=sys.stderr)
        return [path]
    return write_all(book, out, history=history)


class UsageError(Exception):
    """An option's value cannot be used (exit 2, one line, no traceback)."""


def _seed(value: str | None) -> int:
    text = value if value is not None else os.environ.get("GRADER_SEED")
    if not text:
        return secrets.randbelow(2**31)
    where = "--seed" if value is not None else "$GRADER_SEED"
    try:
        seed = int(text)
    except ValueError:
        seed = -1
    if seed < 0:
        raise UsageError(f"{where} should be a whole number, 0 or more, got {text!r}")
    return seed


def _select(texts: list[str] | None) -> list[str]:
    """The --select values split like a shell does (`--milestone 1.1` is two arguments)."""
    try:
        return [part for text in texts or [] for part in shlex.split(text)]
    except ValueError as exc:  # an unbalanced quote
        bad = next(t for t in texts or [] if not _splits(t))
        raise UsageError(f"--select {bad}: {str(exc).lower()}: its value is split like a "
                         "shell does, so close the quote (or escape it with \\)") from None


def _splits(text: str) -> bool:
    try:
        shlex.split(text)
    except ValueError:
        return False
    return True


def _check(args: argparse.Namespace) -> None:
    """Refuse option values that would fail later, or worse, quietly do something else."""
    if getattr(args, "jobs", 1) < 1:
        raise UsageError(f"--jobs {args.jobs}: grade at least 1 submission at a time")
    timeout = getattr(args, "timeout", 1.0)
    if not (math.isfinite(timeout) and timeout > 0):
        raise UsageError(f"--timeout {timeout:g}: give the seconds allowed per submission, "
                         "more than 0 (default 1800)")
    if args.command == "plan" and args.shards < 0:  # merge's `shards` are folders
        raise UsageError(f"--shards {args.shards}: give a number of shards, or 0 (the default) "
                         f"for about {shards.PER_SHARD} learners per shard")


def _summary(book: dict[str, Any], written: list[Path]) -> None:
    learners = book["learners"]
    graded = sum(r["outcome"] == "graded" for r in learners)
    print(f"gradebook: {len(learners)} learners, {graded} graded, "
          f"{len(learners) - graded} with another outcome; seed {book['grader']['seed']}, "
          f"grader {book['grader']['commit'][:12]}{' (dirty)' if book['grader']['dirty'] else ''}")
    for path in written:
        print(f"  {path}")


def cmd_plan(args: argparse.Namespace) -> int:
    """Lines for $GITHUB_OUTPUT: shard count, the matrix as JSON, learners, a seed.

    No learner (an empty roster, or none at all with --missing-ok) is shards=0 and a
    `::notice::` line (a workflow command, not an output): the workflow then grades nothing
    and succeeds, so a nightly run in a repository without a roster does not fail each night.
    """
    path = Path(args.roster)
    seed = _seed(args.seed)
    if args.missing_ok and not path.exists():
        rows = []
        print(f"::notice::no {path}: nothing to grade")
    else:
        rows = roster.read(path)
        if not rows:
            print(f"::notice::{path} has no learners (only its header): nothing to grade")
    count = shards.plan(len(rows), args.shards)
    print(f"learners={len(rows)}")
    print(f"shards={count}")
    print(f"matrix={json.dumps(list(range(1, count + 1)))}")
    print(f"seed={seed}")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    from .run import SelectError, build_book, grade_roster

    seed = _seed(args.seed)
    select = _select(args.select)
    if args.shard:
        i, n = shards.parse(args.shard)
    rows = roster.read(Path(args.roster))
    total = len(rows)
    if args.shard:
        rows = shards.pick(rows, i, n)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="gradebook-"))
    try:
        results = grade_roster(rows, jobs=args.jobs, timeout_s=args.timeout, seed=seed,
                               select=select, workdir=work)
    except SelectError as exc:
        print(f"gradebook: {exc}", file=sys.stderr)
        return 2
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    book = build_book(results, seed=seed, select=select, timeout_s=args.timeout, jobs=args.jobs)
    if args.shard:
        book = shards.mark(book, rows, i, n, total)
    written = write(book, Path(args.out), Path(args.history) if args.history else None)
    if not total:
        print(f"gradebook: {args.roster} has no learners (only its header): the gradebook is "
              "empty; add one row per learner (learner,repo,ref)", file=sys.stderr)
    elif not rows:
        print(f"gradebook: shard {args.shard} holds none of the roster's {total} learners "
              "(more shards than learners): its gradebook is empty", file=sys.stderr)
    _summary(book, written)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    books = shards.load([Path(p) for p in args.shards])
    book, missing = shards.merge(books)
    written = write(book, Path(args.out), Path(args.history) if args.history else None)
    _summary(book, written)
    if missing:
        print(f"gradebook: {shards.missing_sentence(missing, book['grader']['shards'])}: "
              "their learners are not in this gradebook (did a grade job fail?)",
              file=sys.stderr)
        return 1
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse, plus the way out of its one puzzling message (`--select -x`)."""

    def error(self, message: str) -> NoReturn:
        if message == "argument --select: expected one argument":
            message += " (a value that starts with - is read as an option: write --select=-x)"
        super().error(message)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m tools.gradebook", description=(
        "Grade a class roster with the course's own grader and hidden checks."))
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade every learner of a roster (or one shard of it)")
    g.add_argument("roster", help="CSV with the header learner,repo,ref")
    g.add_argument("--out", required=True, help="folder for the gradebook's files")
    g.add_argument("--jobs", type=int, default=2, help="submissions graded at once (default 2)")
    g.add_argument("--timeout", type=float, default=1800,
                   help="seconds allowed per submission (default 1800)")
    g.add_argument("--seed", help="seed of the hidden checks' inputs, the same for every "
                   "learner (default: $GRADER_SEED, else random; always recorded)")
    g.add_argument("--select", action="append", metavar="ARG",
                   help="pytest arguments choosing the checks, repeatable, split like a shell "
                   "does (default: grader/); e.g. --select grader/week01 --select '--milestone "
                   "1.1' (hidden checks of the selected milestones are included); write "
                   "--select=-x for an option")
    g.add_argument("--shard", metavar="I/N", help="grade only shard I of N (rows i with "
                   "i %% N == I-1)")
    g.add_argument("--history", help="JSON-lines history file to append this run to")
    g.add_argument("--workdir", help="keep clones, reports and logs here (default: a "
                   "temporary folder, removed afterwards)")
    g.set_defaults(func=cmd_grade)
    pl = sub.add_parser("plan", help="shards for a roster, as lines for $GITHUB_OUTPUT")
    pl.add_argument("roster", help="CSV with the header learner,repo,ref")
    pl.add_argument("--shards", type=int, default=0, help="shard count (default: about "
                    f"{shards.PER_SHARD} learners per shard, at most {shards.MAX_SHARDS})")
    pl.add_argument("--seed", help="the seed every shard uses (default: $GRADER_SEED, else "
                    "random)")
    pl.add_argument("--missing-ok", action="store_true", help="no roster file is no learner "
                    "(shards=0 and a notice), not an error: for the nightly workflow")
    pl.set_defaults(func=cmd_plan)
    m = sub.add_parser("merge", help="merge shard gradebooks into one, in roster order")
    m.add_argument("shards", nargs="+", help="shard output folders (or their gradebook.json)")
    m.add_argument("--out", required=True, help="folder for the merged gradebook's files")
    m.add_argument("--history", help="JSON-lines history file to append this run to")
    m.set_defaults(func=cmd_merge)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        _check(args)
        return args.func(args)
    except (UsageError, roster.RosterError, shards.ShardError) as exc:
        print(f"gradebook: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
