"""`make starters`: turn the solutions into the learner's starters.

Solutions are written once, in `solutions/weekNN/`, with marked blocks::

    def total_charges_as_float(raw):
        \"\"\"Docstring and hints stay.\"\"\"
        # BEGIN SOLUTION
        ...
        # END SOLUTION

This script writes `weeks/weekNN/` at the same paths. In modules a marked block becomes
`raise NotImplementedError("Milestone 1.2: write total_charges_as_float")`; in notebooks it
becomes `# YOUR CODE HERE` and a raise, and outputs are cleared. Other files are copied. A line
ending in `# SOLUTION` is dropped, and so is a notebook cell tagged `solution`.

The milestone id comes from course.toml: the milestone whose `targets` hold `module.function`
(modules) or whose `files` hold the notebook. `# BEGIN SOLUTION 1.2` names it explicitly.

Learner work is never lost: `weeks/.starters.json` records what was last generated, and a
starter whose content matches neither that nor the new text was edited by a learner. Then
nothing is written (exit 1) unless `--force`. `--check` writes nothing and exits 1 when
weeks/ is stale; tests use it. Exit 2 means the solutions or course.toml need a fix.
"""

from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import nbformat

from grader.engine import course as syllabus
from grader.engine.course import Milestone

MANIFEST = ".starters.json"
HEADER = "# Starter generated from {source} by `make starters`. This file is yours: edit it."
MAX_LINE = 99
BEGIN = re.compile(r"^(?P<indent>[ \t]*)# BEGIN SOLUTION(?:[ \t]+(?P<id>\S+))?[ \t]*$")
END = re.compile(r"^(?P<indent>[ \t]*)# END SOLUTION[ \t]*$")
STARTER = re.compile(r"^(?P<indent>[ \t]*)# STARTER[ \t]*$")
MARKER_LIKE = re.compile(r"^[ \t]*#.*\b(BEGIN|END)[ \t]+SOLUTION", re.IGNORECASE)
ONE_LINE = re.compile(r"^[ \t]*[^#\s].*#[ \t]*SOLUTION[ \t]*$")  # `code  # SOLUTION`
EDITED_FIX = (
    "These starters were edited; your work is kept. "
    "Move them away or run `make starters ARGS=--force` to overwrite."
)
STALE = "weeks/ is stale: run `make starters`"


class StarterError(Exception):
    """A solution or course.toml problem; the message names file:line and the fix."""


Course = dict[str, list[Milestone]]  # week folder -> its milestones


def load_course(path: Path) -> Course:
    """Read the milestones of each week folder from course.toml (the one catalogue)."""
    return {week.folder: list(week.milestones) for week in syllabus.load(path.resolve()).weeks}


# --- marked blocks, shared by modules and notebook cells ------------------------------------


@dataclass(frozen=True)
class Block:
    """One `# BEGIN SOLUTION` ... `# END SOLUTION` pair."""

    begin: int  # 0-based index of the `# BEGIN SOLUTION` line
    end: int  # 0-based index of the `# END SOLUTION` line
    indent: str
    milestone: str | None  # explicit id on the marker
    starter: int | None = None  # 0-based index of a `# STARTER` line: the starter's own text

    def starter_lines(self, lines: Sequence[str], where: Callable[[int], str]) -> list[str]:
        """The lines after `# STARTER`, uncommented: what the starter has instead of the block.

        For code a learner must *change* rather than write (the practice library's bugs):
        the solution holds the fix, the starter the original, and both are written once.
        """
        if self.starter is None:
            raise ValueError("this block has no `# STARTER` part")
        out = []
        for i in range(self.starter + 1, self.end):
            bare = lines[i].rstrip("\r\n")
            newline = lines[i][len(bare):] or "\n"
            if not bare.startswith(self.indent + "#"):
                raise StarterError(f"{where(i)}: after `# STARTER` every line is the starter's "
                                   "text written as a comment (`# ` + the line), at the "
                                   "block's indentation")
            text = bare[len(self.indent) + 1:]
            text = text[1:] if text.startswith(" ") else text
            out.append(f"{self.indent}{text}{newline}" if text else newline)
        return out


def find_blocks(lines: Sequence[str], where: Callable[[int], str]) -> list[Block]:
    """Pair the markers; anything unbalanced, nested or misspelt fails at its line."""
    blocks: list[Block] = []
    opened: re.Match[str] | None = None
    opened_at = 0
    starter: int | None = None
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        if m := BEGIN.match(line):
            if opened:
                raise StarterError(
                    f"{where(i)}: `# BEGIN SOLUTION` inside the block opened at "
                    f"{where(opened_at)}; close that one with `# END SOLUTION` first"
                )
            opened, opened_at, starter = m, i, None
        elif (m := STARTER.match(line)) and opened and starter is None:
            if m["indent"] != opened["indent"]:
                raise StarterError(f"{where(i)}: `# STARTER` is indented differently from its "
                                   f"`# BEGIN SOLUTION` at {where(opened_at)}; line them up")
            starter = i
        elif m := END.match(line):
            if not opened:
                raise StarterError(f"{where(i)}: `# END SOLUTION` without a `# BEGIN SOLUTION`")
            if m["indent"] != opened["indent"]:
                raise StarterError(
                    f"{where(i)}: `# END SOLUTION` is indented differently from its "
                    f"`# BEGIN SOLUTION` at {where(opened_at)}; line them up"
                )
            blocks.append(Block(opened_at, i, opened["indent"], opened["id"], starter))
            opened = None
        elif MARKER_LIKE.match(line):
            raise StarterError(
                f"{where(i)}: malformed marker {line.strip()!r}; "
                "write `# BEGIN SOLUTION [id]` or `# END SOLUTION` exactly"
            )
    if opened:
        raise StarterError(
            f"{where(opened_at)}: `# BEGIN SOLUTION` is never closed; add `# END SOLUTION`"
        )
    return blocks


def replace_blocks(
    lines: Sequence[str], blocks: Sequence[Block], stubs: Sequence[list[str]]
) -> list[str]:
    """Put each block's stub lines in its place and drop `# SOLUTION` lines."""
    out: list[str] = []
    starts = {b.begin: (b, stub) for b, stub in zip(blocks, stubs, strict=True)}
    i = 0
    while i < len(lines):
        if i in starts:
            block, stub = starts[i]
            out.extend(stub)
            i = block.end + 1
            continue
        if not ONE_LINE.match(lines[i].rstrip("\r\n")):
            out.append(lines[i])
        i += 1
    return out


def _check_id(milestone: str, milestones: Sequence[Milestone], where: str) -> str:
    """An explicit marker id must belong to the file's week."""
    if milestone not in {m.id for m in milestones}:
        raise StarterError(
            f"{where}: milestone {milestone} is not in this week in course.toml; "
            "fix the id on the marker"
        )
    return milestone


# --- modules ---------------------------------------------------------------------------------


def _enclosing(tree: ast.Module, lineno: int) -> list[ast.AST]:
    """The classes and functions around line `lineno`, outermost first."""
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    around = [
        node
        for node in ast.walk(tree)
        if isinstance(node, kinds) and node.lineno < lineno <= (node.end_lineno or 0)
    ]
    return sorted(around, key=lambda node: node.lineno)  # spans nest, so outer starts first


def _module_milestone(
    tree: ast.Module, block: Block, module: str, milestones: Sequence[Milestone], where: str
) -> tuple[str, str]:
    """Return (milestone id, function name) for a block in a module."""
    chain = _enclosing(tree, block.begin + 1)
    if not chain:
        raise StarterError(f"{where}: `# BEGIN SOLUTION` must sit inside a function or class")
    if isinstance(chain[-1], ast.ClassDef):  # a class body: pydantic fields, say
        if not block.milestone:
            raise StarterError(f"{where}: a block in a class body needs an id: "
                               "write `# BEGIN SOLUTION <id>`")
        return _check_id(block.milestone, milestones, where), chain[-1].name
    function = chain[-1].name  # type: ignore[attr-defined]
    if block.milestone:
        return _check_id(block.milestone, milestones, where), function
    names = [node.name for node in chain]  # type: ignore[attr-defined]
    for k in range(len(names), 0, -1):  # `clean.f`, or `model.GLM.fit`, or an outer function
        if isinstance(chain[k - 1], ast.ClassDef):
            continue
        target = ".".join([module, *names[:k]])
        found = [m.id for m in milestones if target in m.targets]
        if len(found) > 1:
            raise StarterError(
                f"{where}: milestones {', '.join(found)} all target `{target}`; "
                "write `# BEGIN SOLUTION <id>`"
            )
        if found:
            return found[0], function
    raise StarterError(
        f"{where}: no milestone in course.toml targets `{module}.{'.'.join(names)}`; "
        "add the function to a milestone's targets in course.toml, "
        "or write `# BEGIN SOLUTION <id>`"
    )


def header(source: str) -> str:
    """The comment naming the source and the regenerate command (STYLE 21)."""
    line = HEADER.format(source=source)
    if len(line) <= MAX_LINE:
        return line + "\n"
    first, _, second = line.partition(" This file")
    return f"{first}\n# This file{second}\n"


def strip_module(text: str, *, source: str, module: str, milestones: Sequence[Milestone],
                 with_header: bool = True) -> str:
    """Replace each marked block of a solution module by a stub naming its milestone.

    `source` is the path shown in the header and in errors (`solutions/week01/clean.py`),
    `module` the dotted name that course.toml targets use (`clean`).
    """
    try:
        tree = ast.parse(text, filename=source)
    except SyntaxError as error:
        raise StarterError(
            f"{source}:{error.lineno}: the solution does not parse: {error.msg}"
        ) from None
    lines = text.splitlines(keepends=True)
    blocks = find_blocks(lines, lambda i: f"{source}:{i + 1}")
    stubs = []
    for block in blocks:
        if block.starter is not None:  # the starter's own text: no stub, may sit at top level
            if block.milestone:
                _check_id(block.milestone, milestones, f"{source}:{block.begin + 1}")
            stubs.append(block.starter_lines(lines, lambda i: f"{source}:{i + 1}"))
            continue
        milestone, function = _module_milestone(
            tree, block, module, milestones, f"{source}:{block.begin + 1}"
        )
        newline = lines[block.begin][len(lines[block.begin].rstrip("\r\n")) :] or "\n"
        if isinstance(_enclosing(tree, block.begin + 1)[-1], ast.ClassDef):
            # Raising in a class body would break the import of the whole module.
            stubs.append([f"{block.indent}pass  # Milestone {milestone}: write {function}'s "
                          f"body{newline}"])
            continue
        message = json.dumps(f"Milestone {milestone}: write {function}")
        stubs.append([f"{block.indent}raise NotImplementedError({message}){newline}"])
    starter = (header(source) if with_header else "") + "".join(
        replace_blocks(lines, blocks, stubs))
    try:
        compile(starter, source, "exec")
    except SyntaxError as error:
        raise StarterError(
            f"{source}: the starter would not be valid Python ({error.msg}, starter line "
            f"{error.lineno}); keep a statement outside `# SOLUTION` lines in every body"
        ) from None
    return starter


# --- notebooks -------------------------------------------------------------------------------


def _notebook_milestone(name: str, milestones: Sequence[Milestone], where: str) -> str:
    """The one milestone whose `files` list the notebook."""
    found = [m.id for m in milestones if name in m.files]
    if len(found) == 1:
        return found[0]
    if not found:
        raise StarterError(
            f"{where}: no milestone in course.toml lists `{name}` in its files; "
            "add it to a milestone's files, or write `# BEGIN SOLUTION <id>`"
        )
    raise StarterError(
        f"{where}: milestones {', '.join(found)} all list `{name}`; write `# BEGIN SOLUTION <id>`"
    )


#: What a learner sees, rendered, where the solution notebook has its author's notes.
NOTES_PLACEHOLDER = "*Milestone {milestone}: your notes here (double-click this cell to edit).*"


def strip_notebook(
    nb: nbformat.NotebookNode, *, source: str, name: str, milestones: Sequence[Milestone]
) -> nbformat.NotebookNode:
    """Return a copy with marked blocks stubbed, `solution` cells dropped, outputs cleared.

    Code cells take `# BEGIN SOLUTION` blocks; Markdown cells take ``<!-- BEGIN SOLUTION id -->``
    blocks, which become one comment naming the milestone.

    `name` is the notebook's path inside its week folder, as course.toml `files` spell it.
    Cell ids are kept so that checks and learners can refer to cells across regenerations.
    """
    nb = copy.deepcopy(nb)
    cells = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            if "solution" in cell.get("metadata", {}).get("tags", []):
                continue
            cell.source = _strip_cell(cell.source, f"{source}: cell {number}", name, milestones)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            # The learner's own notes (pseudocode next to the code it became) are marked like
            # a README's, ``<!-- BEGIN SOLUTION 6.4 -->``, but the stub must show when rendered.
            cell.source = strip_text(cell.source, source=f"{source}: cell {number}",
                                     comment=TEXT_COMMENTS[".md"], milestones=milestones,
                                     placeholder=NOTES_PLACEHOLDER)
        cells.append(cell)
    nb.cells = cells
    nb.metadata["ml_path"] = {"generated_from": source, "regenerate": "make starters"}
    return nb


def _strip_cell(text: str, cell: str, name: str, milestones: Sequence[Milestone]) -> str:
    """One code cell's source, its blocks turned into `# YOUR CODE HERE` and a raise."""
    lines = text.splitlines(keepends=True)
    blocks = find_blocks(lines, lambda i: f"{cell}, line {i + 1}")
    stubs = []
    for block in blocks:
        where = f"{cell}, line {block.begin + 1}"
        if block.milestone:
            milestone = _check_id(block.milestone, milestones, where)
        else:
            milestone = _notebook_milestone(name, milestones, where)
        message = json.dumps(f"Milestone {milestone}: write this cell")
        stubs.append(
            [
                f"{block.indent}# YOUR CODE HERE\n",
                f"{block.indent}raise NotImplementedError({message})\n",
            ]
        )
    out = "".join(replace_blocks(lines, blocks, stubs))
    if out.endswith("\n") and not text.endswith("\n"):
        out = out[:-1]  # notebooks store a cell's last line without its newline
    return out


def _read_notebook(path: Path, source: str) -> nbformat.NotebookNode:
    """Read without nbformat's repairs: it would invent random cell ids and break stability."""
    text = path.read_text(encoding="utf-8")
    raw = json.loads(text)
    if (raw.get("nbformat"), raw.get("nbformat_minor", 0)) >= (4, 5):
        ids = [cell.get("id") for cell in raw.get("cells", [])]
        if None in ids or len(set(ids)) != len(ids):
            raise StarterError(
                f"{source}: some cells have no id or share one; "
                "open and save the notebook in Jupyter (or run nbformat's normalize) to fix it"
            )
    return nbformat.reads(text, as_version=nbformat.NO_CONVERT)


# --- text files: Markdown, Dockerfile, requirements ---------------------------------------


#: Comment syntax of the text files a learner writes in, by suffix or name.
TEXT_COMMENTS = {".md": ("<!--", " -->"), ".txt": ("#", ""), "Dockerfile": ("#", ""),
                 ".dockerignore": ("#", ""), ".toml": ("#", "")}


def _text_comment(rel: PurePosixPath) -> tuple[str, str] | None:
    """How a text file spells a comment, or None for files copied as they are."""
    return TEXT_COMMENTS.get(rel.name) or TEXT_COMMENTS.get(rel.suffix)


def strip_text(text: str, *, source: str, comment: tuple[str, str],
               milestones: Sequence[Milestone], placeholder: str | None = None) -> str:
    """A README or Dockerfile with each marked block replaced by one comment naming its milestone.

    Markers are the module ones inside the file's own comments (``<!-- BEGIN SOLUTION 4.5 -->``
    in Markdown) and always carry an id: a text file has no function to infer it from.
    `placeholder` (with ``{milestone}``) replaces the comment where a reader must see it.
    """
    opening, closing = comment
    lines = text.splitlines(keepends=True)
    as_python = [_as_python_marker(line, opening, closing) for line in lines]
    blocks = find_blocks(as_python, lambda i: f"{source}:{i + 1}")
    stubs = []
    for block in blocks:
        where = f"{source}:{block.begin + 1}"
        if not block.milestone:
            raise StarterError(f"{where}: write `BEGIN SOLUTION <id>`: a text file has no "
                               "function to tell the milestone")
        milestone = _check_id(block.milestone, milestones, where)
        if block.starter is not None:
            if opening != "#":
                raise StarterError(f"{where}: `STARTER` parts work in files whose comments "
                                   "start with #; in Markdown, leave the block out instead")
            stubs.append(block.starter_lines(as_python, lambda i: f"{source}:{i + 1}"))
            continue
        at_week_level = source.count("/") == 2  # solutions/weekNN/<file>, not in a subfolder
        guide = ("What \"done\" looks like, above" if at_week_level and source.endswith("README.md")
                 else "README.md" if at_week_level else "the week's README.md")
        stub = (placeholder.format(milestone=milestone) if placeholder else
                f"{opening} Milestone {milestone}: write your part here (see {guide}){closing}")
        stubs.append([f"{block.indent}{stub}\n"])
    return "".join(replace_blocks(lines, blocks, stubs))


def _as_python_marker(line: str, opening: str, closing: str) -> str:
    """``<!-- BEGIN SOLUTION 4.5 -->`` read as ``# BEGIN SOLUTION 4.5``; other lines kept."""
    bare = line.rstrip("\r\n")
    body = bare.strip()
    if opening != "#" and body.startswith(opening) and body.endswith(closing.strip()):
        inner = body[len(opening): len(body) - len(closing.strip())].strip()
        if re.match(r"(BEGIN|END)\s+SOLUTION", inner, re.IGNORECASE):
            indent = bare[: len(bare) - len(bare.lstrip())]
            return f"{indent}# {inner}\n"
    return line


# --- one file, all files ---------------------------------------------------------------------


#: Folders a week's own code writes when it runs (saved plots, saved models): outputs, not
#: starters, in solutions/ and weeks/ alike.
OUTPUT_FOLDERS = ("figures", "models", "images")


def is_ignored(rel: PurePosixPath) -> bool:
    """Caches, checkpoints, hidden files (the manifest too) and run outputs are never starters."""
    folders = rel.parts[:-1]  # outputs at any depth: week 8's portfolio/models/ too
    return rel.suffix == ".pyc" or any(part in OUTPUT_FOLDERS for part in folders) or any(
        part == "__pycache__" or part.startswith(".") for part in rel.parts
    )


def _files(root: Path) -> Iterator[PurePosixPath]:
    """Every file under `root`, relative and sorted so output order is stable."""
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            rel = PurePosixPath(path.relative_to(root).as_posix())
            if path.is_file() and not is_ignored(rel):
                yield rel


def render(path: Path, solutions: Path, course: Course) -> bytes:
    """The starter for one solution file, as the bytes to write to weeks/."""
    rel = PurePosixPath(path.relative_to(solutions).as_posix())
    source = f"{solutions.resolve().name}/{rel}"
    week = rel.parts[0] if len(rel.parts) > 1 else ""  # files at the top belong to no week
    inner = PurePosixPath(*rel.parts[1:]) if week else rel
    milestones = course.get(week, [])
    if path.suffix == ".py":
        module = ".".join(inner.with_suffix("").parts)
        text = path.read_text(encoding="utf-8")
        # A practice repository (week 7's library) reads as a `git clone` would give it.
        cloned = any(rel.is_relative_to(folder) for folder in ORIGINALS)
        return strip_module(text, source=source, module=module, milestones=milestones,
                            with_header=not cloned).encode()
    if path.suffix == ".ipynb":
        nb = strip_notebook(
            _read_notebook(path, source), source=source, name=str(inner), milestones=milestones
        )
        text = nbformat.writes(nb)
        return (text if text.endswith("\n") else text + "\n").encode()
    if comment := _text_comment(rel):
        text = path.read_text(encoding="utf-8")
        return strip_text(text, source=source, comment=comment, milestones=milestones).encode()
    return path.read_bytes()


def _sha(content: bytes) -> str:
    """The fingerprint the manifest records."""
    return hashlib.sha256(content).hexdigest()


@dataclass
class Plan:
    """What a run would do: each starter's new bytes and status, and leftovers in weeks/."""

    # rel path -> (content, status); status is new | unchanged | update | edited
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    orphans: list[str] = field(default_factory=list)  # in weeks/ but not from solutions/
    manifest: dict[str, str] = field(default_factory=dict)  # as last written

    def having(self, *statuses: str) -> list[str]:
        """The starters whose status is one of `statuses`."""
        return [rel for rel, (_, status) in self.files.items() if status in statuses]


def _read_manifest(weeks: Path) -> dict[str, str]:
    """What the last run generated, path -> sha256; empty before the first run."""
    path = weeks / MANIFEST
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")).get("files", {}))


def plan_all(solutions: Path, weeks: Path, course: Course) -> Plan:
    """Render every solution file and compare it with weeks/; reads only, writes nothing."""
    plan = Plan(manifest=_read_manifest(weeks))
    for rel in _files(solutions):
        content = render(solutions / rel, solutions, course)
        target = weeks / rel
        if not target.exists():
            status = "new"
        elif (current := target.read_bytes()) == content:
            status = "unchanged"
        elif _sha(current) == plan.manifest.get(str(rel)):
            status = "update"  # still as we generated it: the learner did not touch it
        else:
            status = "edited"
        plan.files[str(rel)] = (content, status)
    plan.orphans = [str(rel) for rel in _files(weeks) if str(rel) not in plan.files]
    return plan


def check(plan: Plan, weeks: Path) -> int:
    """Exit 1 and list what `make starters` would change; 0 when weeks/ is fresh."""
    stale = plan.having("new", "update")
    stale += [f"{rel} (edited since it was generated)" for rel in plan.having("edited")]
    stale += [f"{rel} (no longer in solutions/)" for rel in plan.orphans if rel in plan.manifest]
    fresh = [
        (rel, content) for rel, (content, status) in plan.files.items() if status == "unchanged"
    ]
    if any(plan.manifest.get(rel) != _sha(content) for rel, content in fresh):
        stale.append(MANIFEST)  # else the next run would mistake these starters for edited ones
    if not stale:
        print(f"weeks/ is fresh: {len(plan.files)} starters")
        return 0
    print(STALE)
    for rel in stale:
        print(f"  {weeks / rel}")
    return 1


def write_all(plan: Plan, weeks: Path, *, force: bool = False) -> int:
    """Write the plan; refuse (writing nothing) if any starter was edited, unless `force`."""
    edited = plan.having("edited")
    if edited and not force:
        print(EDITED_FIX, file=sys.stderr)
        for rel in edited:
            print(f"  {weeks / rel}", file=sys.stderr)
        return 1
    manifest = {}
    for rel, (content, status) in plan.files.items():
        if status != "unchanged":
            (weeks / rel).parent.mkdir(parents=True, exist_ok=True)
            (weeks / rel).write_bytes(content)
        print(f"{'unchanged' if status == 'unchanged' else 'wrote':<10} {weeks / rel}")
        manifest[rel] = _sha(content)
    removed = 0
    for rel in plan.orphans:
        if force and rel in plan.manifest:
            (weeks / rel).unlink()
            removed += 1
            print(f"{'deleted':<10} {weeks / rel} (not in solutions/; --force)")
            continue
        if rel in plan.manifest:
            manifest[rel] = plan.manifest[rel]  # so a later --force can still remove it
        print(f"{'kept':<10} {weeks / rel} (not in solutions/)")
    if manifest or plan.manifest:
        text = json.dumps({"format": 1, "files": manifest}, indent=1, sort_keys=True) + "\n"
        weeks.mkdir(parents=True, exist_ok=True)
        (weeks / MANIFEST).write_text(text, encoding="utf-8")
    counts = {
        "written": len(plan.having("new", "update", "edited")),
        "unchanged": len(plan.having("unchanged")),
        "not in solutions/ (kept)": len(plan.orphans) - removed,
        "deleted": removed,
    }
    print(
        "starters: "
        + ", ".join(f"{n} {what}" for what, n in counts.items() if n or what == "written")
    )
    return 0


#: Solution folders whose starter edition the grader keeps, at this path under the repository:
#: week 7's practice library as it was before anyone fixed it. Its checks run a learner's new
#: tests against this original code, and the original tests against the learner's fix.
ORIGINALS = {"week07/upstream": "grader/week07/original"}


def sync_originals(solutions: Path, course: Course, *, write: bool) -> list[str]:
    """Render each `ORIGINALS` folder into the grader; the paths that were (or would be) changed.

    Not learner files: they are always overwritten, and files no longer in the solution go.
    """
    changed = []
    for folder, target in ORIGINALS.items():
        source, dest = solutions / folder, solutions.resolve().parent / target
        if not source.is_dir():
            continue
        wanted = {str(rel): render(source / rel, solutions, course) for rel in _files(source)}
        present = {str(rel) for rel in _files(dest)}
        for rel, content in wanted.items():
            path = dest / rel
            if not path.exists() or path.read_bytes() != content:
                changed.append(str(Path(target) / rel))
                if write:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(content)
        for rel in sorted(present - set(wanted)):
            changed.append(f"{Path(target) / rel} (no longer in solutions/)")
            if write:
                (dest / rel).unlink()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: `python -m tools.starters [--check | --force] [--solutions --weeks --course]`."""
    parser = argparse.ArgumentParser(
        prog="make starters", description="Write weeks/ from solutions/."
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    mode.add_argument("--force", action="store_true", help="overwrite edited starters")
    parser.add_argument("--solutions", type=Path, default=Path("solutions"))
    parser.add_argument("--weeks", type=Path, default=Path("weeks"))
    parser.add_argument("--course", type=Path, default=Path("course.toml"))
    args = parser.parse_args(argv)
    try:
        course = load_course(args.course)
        plan = plan_all(args.solutions, args.weeks, course)
        originals = sync_originals(args.solutions, course, write=not args.check)
    except StarterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.check:
        status = check(plan, args.weeks)
        for rel in originals:
            print(f"  {rel} (the grader's original copy is stale: run `make starters`)")
        return status or int(bool(originals))
    for rel in originals:
        print(f"{'wrote':<10} {rel}")
    return write_all(plan, args.weeks, force=args.force)


if __name__ == "__main__":
    sys.exit(main())
