"""Scenario submissions: faults, forgeries, realistic wrong answers and other correct answers.

Each case in tests/scenarios/<case>/ replaces a few solution files; expected.json says how
each milestone must end. Checks: the statuses and reason codes, the words a learner needs in
the message, that every other milestone is graded normally, that the run ends within its
bound, and that the submission's files are byte-identical afterwards.
"""

from __future__ import annotations

import json

import pytest

from tests.grading import ROOT, SCENARIOS, build_submission, cases, grade, tree_hash


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
        for words in want.get("notes_has", []):  # facts for the instructor, on passed work
            assert any(words in note for note in got["notes"]), f"{words!r} not in {got['notes']}"
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


def test_cases_can_name_starters_and_edit_text(tmp_path):
    case = tmp_path / "wrong_8_1_example"
    (case / "week07" / "upstream" / "churnkit").mkdir(parents=True)
    (case / "week07" / "upstream" / "churnkit" / "lift.py").write_text("# scenario: starter\n")
    (case / "week08" / "portfolio").mkdir(parents=True)
    (case / "week08" / "portfolio" / "README.md").write_text("<!-- scenario: starter -->\n")
    (case / "edits.json").write_text(json.dumps([{"file": "week06/README.md",
                                                  "old": "# Week 6", "new": "# Week six"}]))
    submission = build_submission(case, tmp_path)
    for rel in ("week07/upstream/churnkit/lift.py", "week08/portfolio/README.md"):
        assert (submission / rel).read_bytes() == (ROOT / "weeks" / rel).read_bytes()
    assert (submission / "week06" / "README.md").read_text().startswith("# Week six")
    (case / "edits.json").write_text(json.dumps([{"file": "week06/README.md",
                                                  "old": "not in the file", "new": ""}]))
    with pytest.raises(AssertionError, match=r"occurs 0 times in week06/README\.md"):
        build_submission(case, tmp_path / "again")
