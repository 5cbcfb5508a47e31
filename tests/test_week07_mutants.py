"""Week 7's weakened-test check stands on its mutants: each caught, each original test a catcher.

`tools.check_mutants` runs every mutant alone and in its group, on the original repository
with the original tests and on the solution with its tests. When the library or its tests
change, this fails before a learner's weakened test can slip through.
"""

from __future__ import annotations

import pytest

from tools import check_mutants


@pytest.mark.slow
def test_every_mutant_is_caught_and_every_original_test_catches_one(capsys):
    assert check_mutants.main([]) == 0, capsys.readouterr().out[-3000:]
