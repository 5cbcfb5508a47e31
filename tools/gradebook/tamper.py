"""Compare a learner's grader/ and data/ with the course's own: edits are reported, not used.

The gradebook always grades with the instructor's grader/ and data/ (only the learner's
weeks/ is passed to pytest), so editing a public check cannot change a grade; but a learner
who weakened a check to turn it green should be asked about it, so every changed, added or
removed file is listed. Line endings are normalised first: a Windows checkout
(core.autocrlf) is not tampering.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

#: The folders compared, relative to a course checkout.
FOLDERS = ("grader", "data")
#: Never compared: build by-products, and the hidden checks learners do not have.
SKIP_PARTS = {"__pycache__", ".pytest_cache", ".ipynb_checkpoints", ".DS_Store"}
SKIP_PREFIXES = ("grader/hidden/",)


@dataclass
class Tampering:
    """Files of grader/ and data/ that differ from the course's, by kind."""

    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    missing_folders: list[str] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        """Every path involved, sorted: a missing folder is reported as `grader/`."""
        return sorted({*self.changed, *self.added, *self.removed,
                       *(f"{f}/" for f in self.missing_folders)})

    def sentence(self) -> str | None:
        """One sentence for the gradebook's problem column, or None when nothing differs."""
        parts = [f"{f}/ is missing" for f in self.missing_folders]
        for kind, files in (("changed", self.changed), ("added", self.added),
                            ("removed", self.removed)):
            if files:
                shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more"
                                                 if len(files) > 3 else "")
                parts.append(f"{len(files)} {kind} ({shown})")
        if not parts:
            return None
        return (f"The submission's copy of the course files differs: {'; '.join(parts)}. It "
                "was graded with the course's own grader/ and data/, so this does not change "
                "the grade; ask the learner why.")


def _digest_bytes(data: bytes) -> str:
    if b"\0" not in data[:8192]:  # text: CRLF and LF are the same file
        data = data.replace(b"\r\n", b"\n")
    return hashlib.sha256(data).hexdigest()


def _digest(path: Path) -> str:
    return _digest_bytes(path.read_bytes())


def _skipped(rel: str) -> bool:
    parts = rel.split("/")
    return (any(p in SKIP_PARTS or (p.startswith(".") and p.endswith("_cache")) for p in parts)
            or rel.endswith((".pyc", ".pyo")) or rel.startswith(SKIP_PREFIXES))


def digests(root: Path, folder: str, only: set[str] | None = None) -> dict[str, str] | None:
    """{repo-relative path: sha256} of the files in root/folder; None if it is not there.

    `only`, when given, limits the files to these repo-relative paths.
    """
    base = root / folder
    if not base.is_dir():
        return None
    out = {}
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not _skipped(rel) and (only is None or rel in only):
            out[rel] = _digest(path)
    return out


def _shipped(root: Path) -> set[str] | None:
    """Files git would commit (tracked or new, not ignored): what a learner's copy can hold.

    A tool's cache or build output ignored in the instructor's tree never reaches learners,
    so it must not count as "removed" by them. None when `root` is not a git checkout.
    """
    try:
        proc = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                               "--exclude-standard", "--", *FOLDERS], cwd=root,
                              capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    return {p for p in proc.stdout.decode("utf-8", "replace").split("\0") if p}


@cache
def course_digests(root: Path) -> dict[str, dict[str, set[str]] | None]:
    """The instructor's own files of the learner edition (grader/ minus hidden/, data/).

    Each path maps to the digests a learner's copy may have: the source's file, and the
    learner edition's when `make release` rewrites it (data/SHA256SUMS loses the held-out
    files' lines), so neither a release nor a copy of the source counts as tampering.
    """
    from tools.release import FILTERS  # the release's own rewrites, applied the same way

    shipped = _shipped(root)
    course: dict[str, dict[str, set[str]] | None] = {}
    for folder in FOLDERS:
        found = digests(root, folder, shipped)
        if found is None:
            course[folder] = None
            continue
        course[folder] = {rel: {digest} for rel, digest in found.items()}
        for rel, rewrite in FILTERS.items():
            if rel in found:
                text = (root / rel).read_text(encoding="utf-8")
                course[folder][rel].add(_digest_bytes(rewrite(text).encode("utf-8")))
    return course


def compare(checkout: Path, course_root: Path) -> Tampering:
    """What differs between a learner's checkout and the course at `course_root`."""
    result = Tampering()
    for folder, course in course_digests(course_root).items():
        ours = course or {}
        theirs = digests(checkout, folder)
        if theirs is None:
            if ours:
                result.missing_folders.append(folder)
            continue
        result.changed += sorted(p for p in ours.keys() & theirs.keys()
                                 if theirs[p] not in ours[p])
        result.added += sorted(theirs.keys() - ours.keys())
        result.removed += sorted(ours.keys() - theirs.keys())
    return result
