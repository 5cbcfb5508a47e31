"""Helpers for tests that grade a submission the way a learner or CI would: in a subprocess.

A scenario is a folder under tests/scenarios/<case>/ holding only the files that differ from
the solutions (laid out like weeks/) and an expected.json fragment of the report.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "tests" / "scenarios"


@dataclass
class Graded:
    """One grading run: its JSON report, the process result and the wall-clock time."""

    report: dict[str, Any]
    returncode: int
    stdout: str
    seconds: float

    def milestone(self, milestone_id: str) -> dict[str, Any]:
        for week in self.report["weeks"]:
            for m in week["milestones"]:
                if m["id"] == milestone_id:
                    return m
        raise KeyError(f"milestone {milestone_id} not in the report:\n{self.stdout[-3000:]}")


PATCH = "# scenario: patch"
STARTER = re.compile(r"\A\s*(?:#|<!--)\s*scenario: starter\s*(?:-->)?\s*\Z")


def build_submission(case: Path, dest: Path) -> Path:
    """solutions/ overlaid with the case's files: a whole submission differing only there.

    A case shows just the mistake it is about, so it holds as little as it can:

    - a case file is copied over the solution file, unless it starts with
      ``# scenario: patch``: then only its top-level definitions replace the solution's ones
      of the same name;
    - a case file that only says ``# scenario: starter`` (``<!-- scenario: starter -->`` in
      Markdown) stands for the starter of that file in weeks/: code the learner left as given;
    - ``edits.json`` lists text replacements, ``[{"file": "week08/portfolio/README.md", "old":
      "...", "new": "..."}]``, made after the overlay; each `old` must occur exactly once, so a
      case breaks loudly when the solution it edits changes.
    """
    submission = dest / "submission"
    # Run outputs (a locally built models/, saved figures) are not part of a submission: a
    # clean clone has none, so a case must not pass or fail by them.
    shutil.copytree(ROOT / "solutions", submission,
                    ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "models",
                                                  "figures"))
    for path in case.rglob("*"):
        rel = path.relative_to(case)
        if path.is_file() and rel.parts[0].startswith("week"):
            target = submission / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_bytes()
            if STARTER.match(text.decode(errors="replace")):
                text = (ROOT / "weeks" / rel).read_bytes()
            elif path.suffix == ".py" and text.startswith(PATCH.encode()):
                text = patch_module(target.read_text(), text.decode()).encode()
            target.write_bytes(text)
    edits = case / "edits.json"
    for edit in json.loads(edits.read_text()) if edits.exists() else []:
        target = submission / edit["file"]
        text = target.read_text(encoding="utf-8")
        found = text.count(edit["old"])
        assert found == 1, (f"{case.name}/edits.json: {edit['old'][:60]!r} occurs {found} times "
                            f"in {edit['file']}, not once: update the case")
        target.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")
    return submission


def _name(node: ast.stmt) -> str:
    """What a top-level statement defines: a function, class or variable name, or its text."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
            node.targets[0], ast.Name):
        return node.targets[0].id
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    return ast.dump(node)


def _span(lines: list[str], node: ast.stmt) -> tuple[int, int]:
    """0-based line span of a statement, with its decorators and the comments just above."""
    start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))]) - 1
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return start, node.end_lineno


def patch_module(original: str, patch: str) -> str:
    """`original` with each top-level definition of `patch` put in place of its namesake.

    New imports go after the original's imports; other new statements go at the end.
    """
    lines = original.splitlines(keepends=True)
    tree = ast.parse(original)
    spans = {_name(n): _span(lines, n) for n in tree.body}
    patch_lines = patch.splitlines(keepends=True)
    replace, new_imports, appended = {}, [], []
    for node in ast.parse(patch).body:
        start, end = _span(patch_lines, node)
        text = "".join(line for line in patch_lines[start:end] if not line.startswith(PATCH))
        if _name(node) in spans:
            replace[spans[_name(node)]] = text
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            new_imports.append(text)
        else:
            appended.append("\n\n" + text)
    imports_end = max((n.end_lineno for n in tree.body
                       if isinstance(n, (ast.Import, ast.ImportFrom))), default=0)
    if new_imports:  # an empty span: inserted, nothing removed
        replace[(imports_end, imports_end)] = "".join(new_imports)
    out, i = [], 0
    for (start, end), text in sorted(replace.items()):
        out += [*lines[i:start], text]
        i = end
    return "".join(out + lines[i:]) + "".join(appended)


def grade(submission: Path, tmp: Path, *args: str, env: dict[str, str] | None = None) -> Graded:
    """Run `pytest grader/ --submission ...` as a learner would; return the parsed report."""
    report = tmp / "report.json"
    cmd = [sys.executable, "-m", "pytest", "grader/", "--submission", str(submission),
           "--report", str(report), "--no-cache", "-p", "no:cacheprovider", *args]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          # A test never writes the learner's own progress history.
                          env={**os.environ, "GRADER_SEED": "7",
                               "GRADER_PROGRESS": str(tmp / "progress.json"), **(env or {})})
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    if not report.exists():
        raise AssertionError(f"no report written (exit {done.returncode}):\n{output[-4000:]}")
    return Graded(json.loads(report.read_text()), done.returncode, output, seconds)


def tree_hash(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, to prove grading changed nothing."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cases() -> list[str]:
    """Every scenario folder's name."""
    return sorted(p.name for p in SCENARIOS.iterdir() if (p / "expected.json").exists())
