"""Scenario submissions: faults, forgeries, realistic wrong answers and other correct answers.

Each case in tests/scenarios/<case>/ replaces a few solution files; expected.json says how
each milestone must end. Checks: the statuses and reason codes, the words a learner needs in
the message, that every other milestone is graded normally, that the run ends within its
bound, and that the submission's files are byte-identical afterwards.
"""

from __future__ import annotations

import json

import pytest

from tests.grading import SCENARIOS, build_submission, cases, grade, tree_hash


@pytest.mark.parametrize("case", cases())
def test_scenario(case, tmp_path):
    spec = json.loads((SCENARIOS / case / "expected.json").read_text())
    submission = build_submission(SCENARIOS / case, tmp_path)
    before = tree_hash(submission)
    # Grade the milestones the case speaks about (its own, and the neighbours that must stay
    # green): the whole week would take ten times longer for the same evidence.
    selected = [arg for m in spec["milestones"] for arg in ("--milestone", m)]
    graded = grade(submission, tmp_path, *spec.get("args", []), *selected)
    assert tree_hash(submission) == before, "grading changed the learner's files"
    assert graded.seconds < spec.get("max_seconds", 60), (
        f"{case} took {graded.seconds:.1f} s, over its bound of {spec.get('max_seconds', 60)} s")
    for milestone_id, want in spec["milestones"].items():
        got = graded.milestone(milestone_id)
        context = f"{case}: milestone {milestone_id}\n{got['message']}\n{graded.stdout[-2500:]}"
        assert got["status"] == want["status"], context
        if "reason" in want:
            assert got["reason"] == want["reason"], context
        for words in want.get("message_has", []):
            assert words in got["message"], f"{words!r} missing. {context}"
        if got["status"] != "passed":
            assert len(got["message"].splitlines()) <= 16, f"message too long. {context}"
    assert graded.report["totals"]["error"] == 0, graded.stdout[-3000:]
    expected_exit = 0 if all(w["status"] == "passed" for w in spec["milestones"].values()) else 1
    assert graded.returncode == expected_exit, graded.stdout[-3000:]


def test_patch_cases_replace_only_their_definitions():
    from tests.grading import PATCH, patch_module

    original = 'import os\n\nLIMIT = 3\n\n\ndef f():\n    return 1\n\n\ndef g():\n    return 2\n'
    patch = f"{PATCH}\nimport sys\n\n# the mistake\ndef g():\n    return sys.maxsize\n"
    merged = patch_module(original, patch)
    assert merged == ('import os\nimport sys\n\nLIMIT = 3\n\n\ndef f():\n    return 1\n\n\n'
                      '# the mistake\ndef g():\n    return sys.maxsize\n')
