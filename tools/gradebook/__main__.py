"""`python -m tools.gradebook grade ROSTER --out DIR` and `... merge SHARD_DIR ... --out DIR`.

Exit code 0 when every roster row was processed, even if rows had problems (each row says
what happened); 2 on unusable input (no roster, a bad header, a selection that picks no
checks, shards graded differently), with one message saying what to fix; 1 when merging
found shards missing (what exists is still written).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

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


def _seed(value: str | None) -> int:
    text = value if value is not None else os.environ.get("GRADER_SEED")
    if not text:
        return secrets.randbelow(2**31)
    try:
        return int(text)
    except ValueError:
        where = "--seed" if value is not None else "$GRADER_SEED"
        raise SystemExit(f"gradebook: {where} should be a whole number, got {text!r}") from None


def _summary(book: dict[str, Any], written: list[Path]) -> None:
    learners = book["learners"]
    graded = sum(r["outcome"] == "graded" for r in learners)
    print(f"gradebook: {len(learners)} learners, {graded} graded, "
          f"{len(learners) - graded} with another outcome; seed {book['grader']['seed']}, "
          f"grader {book['grader']['commit'][:12]}{' (dirty)' if book['grader']['dirty'] else ''}")
    for path in written:
        print(f"  {path}")


def cmd_plan(args: argparse.Namespace) -> int:
    """Lines for $GITHUB_OUTPUT: shard count, the matrix as JSON, learners, a seed."""
    rows = roster.read(Path(args.roster))
    count = shards.plan(len(rows), args.shards)
    print(f"learners={len(rows)}")
    print(f"shards={count}")
    print(f"matrix={json.dumps(list(range(1, count + 1)))}")
    print(f"seed={_seed(args.seed)}")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    from .run import SelectError, build_book, grade_roster

    rows = roster.read(Path(args.roster))
    total = len(rows)
    if args.shard:
        i, n = shards.parse(args.shard)
        rows = shards.pick(rows, i, n)
    seed = _seed(args.seed)
    select = [part for text in args.select or [] for part in shlex.split(text)]
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
    _summary(book, written)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    books = shards.load([Path(p) for p in args.shards])
    book, missing = shards.merge(books)
    written = write(book, Path(args.out), Path(args.history) if args.history else None)
    _summary(book, written)
    if missing:
        count = book["grader"]["shards"]
        print(f"gradebook: shards {', '.join(f'{i}/{count}' for i in missing)} are missing: "
              "their learners are not in this gradebook (did a grade job fail?)",
              file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tools.gradebook", description=(
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
                   "1.1' (hidden checks of the selected milestones are included)")
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
    pl.set_defaults(func=cmd_plan)
    m = sub.add_parser("merge", help="merge shard gradebooks into one, in roster order")
    m.add_argument("shards", nargs="+", help="shard output folders (or their gradebook.json)")
    m.add_argument("--out", required=True, help="folder for the merged gradebook's files")
    m.add_argument("--history", help="JSON-lines history file to append this run to")
    m.set_defaults(func=cmd_merge)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "jobs", 1) < 1:
        print("gradebook: --jobs must be at least 1", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except (roster.RosterError, shards.ShardError) as exc:
        print(f"gradebook: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
