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
from tests.message_audit import audit


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
        if case.startswith("wrong_") and got["status"] == "failed":
            # A realistic wrong answer gets the message a learner can act on: the place, what
            # was expected and what came back (or why nothing came back), and the first hint.
            violated = audit(got["message"])
            assert not violated, f"AUDIT {case} {milestone_id}: {violated}\n{context}"
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


def test_audit_names_each_missing_property_of_a_message():
    good = ("✗ 1.2 Clean TotalCharges   submission/week01/clean.py::total_charges_as_float\n"
            "  Problem   wrong dtype\n  Expected  float64\n  Got       object\n"
            "  Hint 1    Blanks are ' '.")
    assert audit(good) == []
    fault = ("✗ 1.3 First look   weeks/week01/explore.ipynb, cell 4\n"
             "  Problem   [TIMEOUT] your code ran past 30 s\n  Hint 1    Look for a loop.")
    assert audit(fault) == []
    hidden = ("✗ 1.2 Clean TotalCharges   weeks/week01/clean.py::total_charges_as_float\n"
              "  Problem   on data you have not seen (a hidden check), your code fails when "
              "blanks change\n  Hint 1    Blanks are ' '.")
    assert audit(hidden) == []
    dockerfile = ("✗ 4.7 Container image   submission/week04/Dockerfile\n"
                  "  Problem   pin the base image\n  Expected  FROM python:3.12.4-slim\n"
                  "  Got       FROM python:latest\n  Hint 1    Pin the patch version.")
    assert audit(dockerfile) == []  # a file with no extension is still a file
    folder = dockerfile.replace("submission/week04/Dockerfile", "weeks/week07/upstream")
    assert [p.split(":")[0] for p in audit(folder)] == ["place"]  # a folder is not
    bad = ("✗ 1.2 Clean TotalCharges\n  Problem   wrong values\n"
           '  File "/x/.venv/lib/python3.12/site-packages/pandas/core/frame.py", line 3\n'
           + "  row\n" * 14)
    assert [p.split(":")[0] for p in audit(bad)] == ["place", "hint", "expected/got", "length",
                                                     "traceback"]
    with_more = good + ("\n  +1 more problem: run `.venv/bin/pytest grader/ --milestone 1.2 "
                        "--tb=short` to see them all")
    assert audit(with_more) == []
