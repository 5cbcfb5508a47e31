"""`make release DEST=path`: write the learner edition of the course into DEST.

The learner edition is what a learner clones: weeks/ (the starters), the public grader (without
grader/hidden/, but with grader/week07/original/, which public checks read), data/, course.toml,
the learner's environment files and workflow, and the few course tests that need neither
solutions/ nor hidden checks nor tools/. Three files are rewritten on the way:

- README.md loses the regions between `<!-- instructor:begin -->` and `<!-- instructor:end -->`;
- Makefile loses the lines between `# instructor:begin` and `# instructor:end` (the instructor
  targets and their help); its LOCK falls back to requirements.lock by itself;
- pyproject.toml loses `[project.optional-dependencies]` (the instructor extras).

The source tree is only read. DEST must be empty, or `--force` empties it first while keeping
DEST/.git, so an instructor can release into a checkout of the learner repository, review
`git diff` and push. `--git` runs `git init` and `git add -A` in DEST (no commit: the commit
is the instructor's, under their name). Files come from `git ls-files` (tracked, and untracked
but not ignored), so caches, .venv and figures never ship.

After writing, the leak guard reads every file of DEST and fails loudly (exit 1, naming each
file and what it holds) on anything hidden: names of hidden checks and their helpers (read with
ast from grader/hidden/), hidden module names, long string constants of hidden checks, customer
ids of the held-out data, solution markers, and instructor-only paths. `tests/test_release.py`
builds a release, grades it, and checks the guard on purpose-made leaks.

`--sync-workflow` regenerates the GitHub Classroom block of .github/workflows/grade.yml (one
runner per milestone of course.toml); a release refuses a stale block.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grader.classroom import runner_id
from grader.engine.course import ROOT, Course, load

#: Copied whole (minus caches and grader/hidden/).
FOLDERS = ("weeks", "grader", "data")
#: Copied as they are.
FILES = ("course.toml", "environment.yml", "requirements.lock", ".github/workflows/grade.yml")
LICENCES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "COPYING", "NOTICE")
#: Course tests a learner's `make test` runs: they need neither solutions/, grader/hidden/ nor
#: tools/, and pass in the release (tests/test_release.py runs them there).
LEARNER_TESTS = ("tests/__init__.py", "tests/edition.py", "tests/test_codec.py",
                 "tests/test_data.py", "tests/test_environment.py", "tests/test_makefile.py",
                 "tests/test_sandbox.py")
#: Never in a release, whatever the file list says.
FORBIDDEN = ("solutions", "grader/hidden", "tools", "bench", "requirements-dev.lock", ".ci",
             "tests/scenarios", "tests/grading.py", ".github/workflows/ci.yml",
             ".github/workflows/gradebook.yml", ".venv", ".grader")
#: Instructor folders that learner-facing Markdown (READMEs, CONTRIBUTING) must not mention.
INSTRUCTOR_FOLDERS = ("grader/hidden", "tools")
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".ruff_cache"}

WORKFLOW = ".github/workflows/grade.yml"
MD_MARKERS = ("<!-- instructor:begin -->", "<!-- instructor:end -->")
MAKE_MARKERS = ("# instructor:begin", "# instructor:end")
CLASSROOM_BEGIN = ("      # classroom:begin (generated from course.toml by "
                   "`python -m tools.release --sync-workflow`)")
CLASSROOM_END = "      # classroom:end"
SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION")
#: Hidden-check string constants shorter than this are too common to mean anything.
MIN_SECRET_CHARS = 40
CUSTOMER_ID = re.compile(rb"\b\d{4}-[A-Z]{5}\b")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class ReleaseError(Exception):
    """The release cannot be written as asked; the message says why and what to do."""


class LeakError(ReleaseError):
    """Hidden material reached the release; `findings` lists each as 'path: what'."""

    def __init__(self, findings: list[str]) -> None:
        self.findings = findings
        super().__init__("the release leaks hidden material (DEST is left for you to inspect: "
                         "do not push it; fix the source and release again):\n  "
                         + "\n  ".join(findings))


# ---------------------------------------------------------------------------------------------
# Text filters.


def strip_regions(text: str, begin: str, end: str, name: str) -> str:
    """Drop every line from a `begin` marker line to its `end` marker line, both included.

    Markers must pair up, unnested: a stray marker would silently ship or drop text.
    """
    out: list[str] = []
    inside_since = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        mark = line.strip()
        if mark.startswith(begin):
            if inside_since:
                raise ReleaseError(f"{name}:{number}: {begin} inside the region opened on line "
                                   f"{inside_since}; close it with {end} first")
            inside_since = number
        elif mark.startswith(end):
            if not inside_since:
                raise ReleaseError(f"{name}:{number}: {end} without a {begin} above it")
            inside_since = 0
        elif not inside_since:
            out.append(line)
    if inside_since:
        raise ReleaseError(f"{name}:{inside_since}: {begin} is never closed by {end}")
    return "".join(out)


def learner_readme(text: str) -> str:
    """README.md without its instructor regions, and without the blank lines they leave."""
    stripped = strip_regions(text, *MD_MARKERS, "README.md")
    return re.sub(r"\n{3,}", "\n\n", stripped).rstrip("\n") + "\n"


def learner_makefile(text: str) -> str:
    """The Makefile without its instructor targets and their help lines."""
    return strip_regions(text, *MAKE_MARKERS, "Makefile")


def learner_pyproject(text: str) -> str:
    """pyproject.toml without [project.optional-dependencies]; everything else byte for byte.

    A text edit keeps the comments; tomllib then proves that exactly that table went.
    """
    lines = text.splitlines(keepends=True)
    header = re.compile(r"^\s*\[")
    start = next((i for i, line in enumerate(lines)
                  if line.strip() == "[project.optional-dependencies]"), None)
    if start is None:
        return text
    stop = next((i for i in range(start + 1, len(lines)) if header.match(lines[i])), len(lines))
    # Comment lines just above the next table belong to it, not to the extras.
    while stop > start + 1 and lines[stop - 1].lstrip().startswith("#"):
        stop -= 1
    result = "".join(lines[:start] + lines[stop:])
    before, after = tomllib.loads(text), tomllib.loads(result)
    before["project"].pop("optional-dependencies")
    if before != after:
        raise ReleaseError("pyproject.toml: removing [project.optional-dependencies] changed "
                           "other settings; keep that table's lines together")
    return re.sub(r"\n{3,}", "\n\n", result)


def learner_manifest(text: str) -> str:
    """data/SHA256SUMS without the held-out files' lines: a release names no hidden file."""
    return "".join(line for line in text.splitlines(keepends=True)
                   if "grader/hidden/" not in line)


#: What the learner edition's .gitignore says of .grader/ instead of ignoring all of it.
LEARNER_GRADER_IGNORE = """\
# The grader's cache and reports stay on your machine. Your progress history (make progress)
# is committed with your work: your instructor's gradebook reads it.
.grader/*
!.grader/progress.json
"""


def learner_gitignore(text: str) -> str:
    """.gitignore that keeps .grader/progress.json (issue 9's history) in the learner's repo.

    The course's own repository ignores it: an instructor grading weeks/ there has no history
    to keep.
    """
    lines = text.splitlines(keepends=True)
    if ".grader/\n" not in lines:
        raise ValueError(".gitignore no longer ignores .grader/: update release.learner_gitignore")
    return "".join(LEARNER_GRADER_IGNORE if line == ".grader/\n" else line for line in lines)


FILTERS = {".gitignore": learner_gitignore, "README.md": learner_readme,
           "Makefile": learner_makefile, "pyproject.toml": learner_pyproject,
           "data/SHA256SUMS": learner_manifest, "data/README.md": learner_readme}


# ---------------------------------------------------------------------------------------------
# The GitHub Classroom block of the learner workflow.


def classroom_block(course: Course) -> str:
    """The reporter step: one runner per milestone, each fed by the `classroom` step's output."""
    ids = [runner_id(m.id) for week in course.weeks for m in week.milestones]
    lines = [
        CLASSROOM_BEGIN,
        "      - name: GitHub Classroom points",
        "        if: always() && steps.classroom.outcome == 'success'",
        "        uses: classroom-resources/autograding-grading-reporter@v1",
        "        env:",
        *(f"          {rid.upper()}_RESULTS: ${{{{ steps.classroom.outputs.{rid} }}}}"
          for rid in ids),
        "        with:",
        f"          runners: {','.join(ids)}",
        CLASSROOM_END,
    ]
    return "\n".join(lines) + "\n"


def sync_workflow(text: str, course: Course) -> str:
    """The workflow with its classroom block regenerated."""
    pattern = re.compile(rf"^{re.escape(CLASSROOM_BEGIN)}\n.*?^{re.escape(CLASSROOM_END)}\n",
                         re.M | re.S)
    if len(pattern.findall(text)) != 1:
        raise ReleaseError(f"{WORKFLOW}: needs exactly one block from\n{CLASSROOM_BEGIN}\nto\n"
                           f"{CLASSROOM_END}")
    return pattern.sub(lambda _: classroom_block(course), text)


# ---------------------------------------------------------------------------------------------
# What ships.


def source_files(root: Path) -> list[str]:
    """Repository-relative paths of the files a release may take: tracked, or untracked but not
    ignored (git's own rules), else every file outside caches when `root` is not a checkout."""
    proc = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                          cwd=root, capture_output=True)
    if proc.returncode == 0 and (root / ".git").exists():
        rels = [p for p in proc.stdout.decode().split("\0") if p]
    else:
        rels = [p.relative_to(root).as_posix() for p in root.rglob("*")
                if p.is_file() and not {".git", ".venv", ".grader", "build"}
                & set(p.relative_to(root).parts)]
    return sorted(r for r in rels if (root / r).is_file() and not SKIP_PARTS & set(r.split("/")))


def _forbidden(rel: str) -> bool:
    return any(rel == f or rel.startswith(f + "/") for f in FORBIDDEN)


def selected(rels: Iterable[str]) -> list[str]:
    """The learner edition's files among the source's."""
    keep = []
    for rel in rels:
        top = rel.split("/", 1)[0]
        wanted = (top in FOLDERS or rel in FILES or rel in FILTERS or rel in LEARNER_TESTS
                  or rel in LICENCES)
        if wanted and not _forbidden(rel):
            keep.append(rel)
    return keep


def _check_dest(dest: Path, root: Path, force: bool) -> None:
    dest, root = dest.resolve(), root.resolve()
    if dest == root or dest in root.parents or root in dest.parents:
        raise ReleaseError(f"DEST {dest} overlaps the source {root}: give a folder outside it, "
                           "e.g. make release DEST=../ml-path-learner")
    if dest.exists() and not dest.is_dir():
        raise ReleaseError(f"DEST {dest} is a file: give a folder")
    if dest.is_dir() and any(p.name != ".git" for p in dest.iterdir()) and not force:
        raise ReleaseError(f"DEST {dest} is not empty: give an empty folder, or --force "
                           "(make release DEST=... ARGS=--force) to replace its contents "
                           "(its .git is kept)")


def _empty(dest: Path) -> None:
    for child in dest.iterdir():
        if child.name == ".git":
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def write_release(dest: Path, root: Path = ROOT, *, force: bool = False) -> list[str]:
    """Write the learner edition of `root` into `dest`; returns the files written."""
    _check_dest(dest, root, force)
    course = load(root / "course.toml")
    workflow = (root / WORKFLOW).read_text(encoding="utf-8")
    if sync_workflow(workflow, course) != workflow:
        raise ReleaseError(f"{WORKFLOW}: its GitHub Classroom block is stale (course.toml "
                           "changed): run `python -m tools.release --sync-workflow`")
    rels = selected(source_files(root))
    missing = [f for f in (*FILES, *LEARNER_TESTS, *FILTERS) if f not in rels]
    if missing:
        raise ReleaseError(f"the source lacks {', '.join(missing)} (not in git or deleted)")
    dest.mkdir(parents=True, exist_ok=True)
    _empty(dest)
    for rel in rels:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel in FILTERS:
            text = (root / rel).read_text(encoding="utf-8")
            target.write_text(FILTERS[rel](text), encoding="utf-8")
            shutil.copymode(root / rel, target)
        else:
            shutil.copy2(root / rel, target)
    original = root / "grader" / "week07" / "original"
    if original.is_dir() and not (dest / "grader" / "week07" / "original").is_dir():
        raise ReleaseError("grader/week07/original/ did not ship: is it tracked by git?")
    return rels


# ---------------------------------------------------------------------------------------------
# The leak guard.


@dataclass
class Secrets:
    """What must never appear in a release, read from the source's hidden material."""

    names: set[str] = field(default_factory=set)      # functions and classes of hidden checks
    modules: set[str] = field(default_factory=set)    # test_hidden_week01, ...
    strings: set[str] = field(default_factory=set)    # long string constants of hidden checks
    customer_ids: set[str] = field(default_factory=set)  # held-out customers

    def __bool__(self) -> bool:
        return bool(self.names or self.modules or self.strings or self.customer_ids)


def _distinctive(name: str) -> bool:
    """A name of two words or more (`fitted_on_all_public_rows`); one word (`fit`) is common."""
    return len([w for w in name.split("_") if w]) >= 2


def _public_strings(root: Path) -> set[str]:
    """String constants of the public checks: by construction not secret, even when a hidden
    check repeats one of their messages."""
    found: set[str] = set()
    hidden = root / "grader" / "hidden"
    for path in (root / "grader").rglob("*.py"):
        if hidden not in path.parents:
            found |= {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                      if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return found


def _categories(tree: ast.AST) -> set[str]:
    """The learner-safe failure categories (`category=` of @milestone, and the constants that
    name them): learners are meant to read these."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "category":
            if isinstance(node.value, ast.Constant):
                found.add(node.value.value)
        elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
              and all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets)):
            found.add(node.value.value)
    return {c for c in found if isinstance(c, str)}


def _held_out_ids(data: Path) -> set[str]:
    ids = {m.decode() for path in data.glob("*.csv")
           for m in CUSTOMER_ID.findall(path.read_bytes())}
    for path in data.glob("*.parquet"):
        ids |= _parquet_strings(path)
    return {i for i in ids if CUSTOMER_ID.fullmatch(i.encode())}


def _parquet_strings(path: Path) -> set[str]:
    """Every string value of a Parquet file (compressed pages hide them from a byte search)."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    values: set[str] = set()
    for column in table.columns:
        column = column.combine_chunks() if hasattr(column, "combine_chunks") else column
        if hasattr(column, "dictionary"):
            column = column.dictionary_decode()
        if str(column.type) in ("string", "large_string"):
            values |= {v for v in column.to_pylist() if v is not None}
    return values


def collect_secrets(root: Path = ROOT) -> Secrets:
    """Read the hidden checks (ast) and the held-out data of the source."""
    hidden = root / "grader" / "hidden"
    secrets = Secrets()
    if not hidden.is_dir():
        return secrets
    public = _public_strings(root)
    for path in sorted(hidden.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path.stem != "__init__":
            secrets.modules.add(path.stem)
        safe = public | _categories(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if _distinctive(node.name):
                    secrets.names.add(node.name)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                if len(text) >= MIN_SECRET_CHARS and node.value not in safe:
                    secrets.strings.add(text)
    if (hidden / "data").is_dir():
        secrets.customer_ids = _held_out_ids(hidden / "data")
    return secrets


def scan(dest: Path, secrets: Secrets) -> list[str]:
    """Every hidden thing found in `dest`, as 'path: what'; empty when the release is clean."""
    findings: list[str] = []
    for rel in FORBIDDEN:
        if (dest / rel).exists():
            findings.append(f"{rel}: instructor-only, must not ship")
    workflows = dest / ".github" / "workflows"
    if workflows.is_dir():
        extra = sorted(p.name for p in workflows.iterdir() if p.name != "grade.yml")
        if extra:
            findings.append(f".github/workflows: only grade.yml ships, found {extra}")
    for path in sorted(p for p in dest.rglob("*") if p.is_file() and ".git" not in
                       p.relative_to(dest).parts):
        rel = path.relative_to(dest).as_posix()
        raw = path.read_bytes()
        text = raw.decode("utf-8", errors="ignore")
        ids = {m.decode() for m in CUSTOMER_ID.findall(raw)}
        if path.suffix == ".parquet":
            ids |= _parquet_strings(path)
        held_out = sorted(ids & secrets.customer_ids)
        if held_out:
            findings.append(f"{rel}: {len(held_out)} held-out customer ids, e.g. {held_out[0]}")
        tokens = set(IDENTIFIER.findall(text))
        for what, names in (("hidden check", secrets.names), ("hidden module", secrets.modules)):
            for name in sorted(tokens & names):
                findings.append(f"{rel}: {what} name {name}")
        for secret in sorted(secrets.strings):
            if secret in text:
                findings.append(f"{rel}: hidden check text {secret[:60]!r}")
        for marker in SOLUTION_MARKERS:
            if marker in text:
                findings.append(f"{rel}: solution marker {marker!r}")
        if rel.endswith(".md") and any(f"{folder}/" in text for folder in INSTRUCTOR_FOLDERS):
            # Course text must not send a learner to a folder the release does not have.
            named = [f for f in INSTRUCTOR_FOLDERS if f"{f}/" in text]
            findings.append(f"{rel}: tells learners about {', '.join(named)}/, not in a release")
    return findings


def guard(dest: Path, root: Path = ROOT) -> Secrets:
    """Raise LeakError when `dest` holds anything hidden; returns what was looked for."""
    secrets = collect_secrets(root)
    if (root / "grader" / "hidden").is_dir() and not (secrets.names and secrets.customer_ids):
        raise ReleaseError("the leak guard found no hidden check names or held-out ids to look "
                           "for: grader/hidden/ changed shape; fix tools/release.py")
    findings = scan(dest, secrets)
    if findings:
        raise LeakError(findings)
    return secrets


# ---------------------------------------------------------------------------------------------


def release(dest: Path, root: Path = ROOT, *, force: bool = False, git: bool = False) -> None:
    """Write, guard, and optionally `git init` the learner edition; print what happened."""
    rels = write_release(dest, root, force=force)
    secrets = guard(dest, root)
    print(f"release: wrote {len(rels)} files to {dest}")
    print(f"leak guard: clean ({len(secrets.names)} hidden check names, {len(secrets.modules)} "
          f"modules, {len(secrets.strings)} texts, {len(secrets.customer_ids)} held-out ids)")
    if git:
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
        subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
        print("git: initialised and staged; review, commit and push it yourself")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.release",
        description="Write the learner edition of ML Path into DEST (make release DEST=path).")
    parser.add_argument("dest", nargs="?", type=Path, help="folder to write (empty, or --force)")
    parser.add_argument("--force", action="store_true",
                        help="replace DEST's contents (its .git is kept)")
    parser.add_argument("--git", action="store_true",
                        help="git init DEST and stage everything (no commit)")
    parser.add_argument("--sync-workflow", action="store_true",
                        help=f"regenerate the GitHub Classroom block of {WORKFLOW} and exit")
    ns = parser.parse_args(argv)
    try:
        if ns.sync_workflow:
            path = ROOT / WORKFLOW
            text = path.read_text(encoding="utf-8")
            new = sync_workflow(text, load())
            if new != text:
                path.write_text(new, encoding="utf-8")
            print(f"{WORKFLOW}: {'updated' if new != text else 'up to date'}")
            return 0
        if ns.dest is None:
            parser.error("give DEST: make release DEST=../ml-path-learner")
        release(ns.dest, force=ns.force, git=ns.git)
    except ReleaseError as error:
        print(f"release: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
