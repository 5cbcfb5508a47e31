"""Split a roster across machines and merge their gradebooks back, in roster order.

Shard I of N grades the rows whose roster index i has i % N == I - 1: round-robin, so
shards get similar mixes even when a roster is sorted by cohort, and a shard's size differs
from another's by one at most. Each shard's gradebook.json records which roster rows it
graded, so merging needs no roster and restores the order exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .roster import Row


class ShardError(Exception):
    """A --shard value or a set of shard gradebooks that cannot be used."""


def parse(text: str) -> tuple[int, int]:
    """`I/N` as (I, N) with 1 <= I <= N."""
    try:
        i, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise ShardError(f"--shard {text!r} should look like 2/5 (shard 2 of 5)") from None
    if not 1 <= i <= n:
        raise ShardError(f"--shard {text}: the shard number must be between 1 and {max(n, 1)}")
    return i, n


#: A shard's target size and the most shards a scheduled run asks for (runners are shared).
PER_SHARD = 25
MAX_SHARDS = 20


def plan(learners: int, requested: int = 0) -> int:
    """How many shards to grade `learners` with: `requested` if > 0, else ~PER_SHARD each.

    GitHub caps a matrix at 256 jobs; there is never more than one shard per learner, so
    an empty roster has no shard (the workflow then skips grading: an empty matrix is an error).
    """
    if requested < 0:
        raise ShardError(f"--shards {requested}: give a number of shards, or 0 to size them "
                         f"by the roster (about {PER_SHARD} learners each)")
    if learners <= 0:
        return 0
    if requested > 0:
        return min(requested, 256, learners)
    return min(MAX_SHARDS, -(-learners // PER_SHARD))


def pick(rows: list[Row], i: int, n: int) -> list[Row]:
    """The rows shard i of n grades."""
    return [row for row in rows if row.index % n == i - 1]


def mark(book: dict[str, Any], rows: list[Row], i: int, n: int, total: int) -> dict[str, Any]:
    """Record in a shard's gradebook which roster rows it holds."""
    return {**book, "shard": {"index": i, "count": n, "roster_rows": total,
                              "rows": [row.index for row in rows]}}


#: What every shard of one gradebook must agree on.
SAME = ("commit", "seed", "select", "timeout_s")


def load(paths: list[Path]) -> list[dict[str, Any]]:
    """Each shard's gradebook.json (a path may be the folder holding it)."""
    books = []
    for path in paths:
        file = path / "gradebook.json" if path.is_dir() else path
        try:
            books.append(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise ShardError(f"cannot read the shard gradebook {file}: {exc}") from None
    if not books:
        raise ShardError("no shard gradebooks given")
    return books


def merge(books: list[dict[str, Any]]) -> tuple[dict[str, Any], list[int]]:
    """One gradebook from shard gradebooks, learners in roster order; and missing shards.

    Missing shards (1-based) are also recorded in the book as `missing_shards`, so that its
    readers (gradebook.md) say that learners are left out; the key is absent when none is.

    ShardError when the shards were not graded alike (another commit or seed: their points
    could not be compared) or overlap.
    """
    first = books[0]
    for book in books[1:]:
        for key in SAME:
            if book["grader"].get(key) != first["grader"].get(key):
                raise ShardError(
                    f"the shards were graded differently: grader {key} is "
                    f"{first['grader'].get(key)!r} in one and {book['grader'].get(key)!r} in "
                    "another; grade every shard from the same commit with the same --seed")
    info = [book.get("shard") or {"index": 1, "count": 1, "roster_rows": len(book["learners"]),
                                  "rows": list(range(len(book["learners"])))} for book in books]
    counts = {s["count"] for s in info}
    if len(counts) != 1:
        raise ShardError(f"the shards split the roster differently (N = {sorted(counts)})")
    count = counts.pop()
    seen = [s["index"] for s in info]
    if len(seen) != len(set(seen)):
        raise ShardError(f"a shard was given twice (shards {sorted(seen)})")
    placed: dict[int, dict[str, Any]] = {}
    for book, shard in zip(books, info, strict=True):
        if len(shard["rows"]) != len(book["learners"]):
            raise ShardError(f"shard {shard['index']}/{count} lists {len(shard['rows'])} rows "
                             f"but holds {len(book['learners'])} learners")
        placed.update(zip(shard["rows"], book["learners"], strict=True))
    merged = {k: v for k, v in first.items() if k != "shard"}
    merged["generated"] = max(book["generated"] for book in books)
    merged["grader"] = {**first["grader"], "shards": count}
    merged["learners"] = [placed[i] for i in sorted(placed)]
    missing = sorted(set(range(1, count + 1)) - set(seen))
    if missing:
        merged["missing_shards"] = missing
    return merged, missing


def missing_sentence(missing: list[int], count: int) -> str:
    """`shard 2 of 3 is missing`, `shards 1 and 3 of 3 are missing`."""
    numbers = [str(i) for i in missing]
    listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
    if len(numbers) == 1:
        return f"shard {listed} of {count} is missing"
    return f"shards {listed} of {count} are missing"
