"""Which edition of the course these tests run in: the instructor's source or a learner release.

A learner release (`make release`) ships some course tests for its own `make test`, without
solutions/, grader/hidden/, tools/, .ci/ or the instructor's lock file. Tests about those carry
`instructor_only` and skip there; in the source, where they matter, they always run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTRUCTOR_SOURCE = (ROOT / "solutions").is_dir()

instructor_only = pytest.mark.skipif(
    not INSTRUCTOR_SOURCE, reason="instructor's source only: a learner release does not ship it")
