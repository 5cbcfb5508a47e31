"""Files other processes may read while we write them: the report, the verdict cache, the
learner's progress history."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write `text` so a reader never sees half a file: a temporary file beside `path`, then
    one rename. The temporary name is this process's own: `make watch` and `make grade` (or
    `make hint`) may be writing the same file at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
