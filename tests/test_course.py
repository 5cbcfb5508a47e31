"""The course lint (rustlings' `dev check`): course.toml, solutions/, weeks/, grader/ and README.md
agree with each other.

Each rule is a small function that takes a course (and folders) and returns problems, one line
each, naming the fix. The tests run the rules on the real course; the last tests run them on
broken copies in tmp_path, to show the messages.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from grader.engine.course import Course, Milestone, load
from tools import syllabus
from tools.starters import is_ignored

ROOT = Path(__file__).resolve().parents[1]
IGNORED = {"__pycache__", ".ipynb_checkpoints"}
WEEKS_MANIFEST = ".starters.json"  # weeks/.starters.json, written by `make starters`
README_ID = re.compile(r"^\s*(?:\|\s*(\d+\.\d+)\s*\||#{2,6}\s+(\d+\.\d+)\b)")


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(f"- {p}" for p in problems)


# --- course.toml ----------------------------------------------------------------------------


def id_problems(course: Course) -> list[str]:
    """Week ids, folders and numbers are unique and `weekNN`; milestone ids are unique `N.M`."""
    problems = []
    for field in ("id", "folder", "number"):
        for value, n in Counter(getattr(w, field) for w in course.weeks).items():
            if n > 1:
                problems.append(f"course.toml: {n} weeks have {field} {value!r}: "
                                f"give each [[weeks]] its own {field}")
    for week in course.weeks:
        expected = f"week{week.number:02d}"
        for field in ("id", "folder"):
            if getattr(week, field) != expected:
                problems.append(f"course.toml: week {week.number} has {field} "
                                f"{getattr(week, field)!r}: set {field} = {expected!r}")
    ids = Counter(m.id for w in course.weeks for m in w.milestones)
    problems += [f"course.toml: milestone id {i!r} is used {n} times: give each its own id"
                 for i, n in ids.items() if n > 1]
    for week in course.weeks:
        for m in week.milestones:
            shape = re.fullmatch(r"(\d+)\.(\d+)", m.id)
            if shape is None or int(shape[1]) != week.number:
                problems.append(f"course.toml: milestone {m.id!r} of week {week.number} should "
                                f"be numbered '{week.number}.M' (M = 1, 2, …): rename it, or move "
                                f"it to the week its number names")
    return problems


def _defines(module: Path, name: str) -> bool:
    """Whether `module` defines `name` at its top level (def, class or assignment)."""
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name == name:
                return True
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
    return False


def _target_file(target: str) -> str:
    """`clean.total_charges_as_float` -> `clean.py`; a notebook target is its own file."""
    if target.endswith(".ipynb"):
        return target
    return target.rpartition(".")[0].replace(".", "/") + ".py"


def milestone_problems(course: Course, solutions: Path) -> list[str]:
    """Titles, points, 1–3 hints, and files and targets that exist in solutions/<folder>/."""
    problems = []
    for week in course.weeks:
        folder = solutions / week.folder
        shown = f"solutions/{week.folder}"
        for m in week.milestones:
            where = f"course.toml: milestone {m.id}"
            if not m.title.strip():
                problems.append(f"{where} has no title: add title = \"…\"")
            if m.points <= 0:
                problems.append(f"{where} has points = {m.points}: give it 1 or more points")
            if not 1 <= len(m.hints) <= 3:
                problems.append(f"{where} has {len(m.hints)} hints: give it 1 to 3 (a question, "
                                f"then the concept with a link, then nearly the answer)")
            for i, hint in enumerate(m.hints, 1):
                if not hint.strip():
                    problems.append(f"{where}: hint {i} is empty: write it or remove it")
            if not m.files:
                problems.append(f"{where} lists no files: add files = [\"….py\"]")
            if not m.targets:
                problems.append(f"{where} lists no targets: add targets = [\"module.function\"] "
                                f"or the notebook")
            for name in m.files:
                if not _exists(folder, name):
                    problems.append(f"{where}: file {name!r} is not in {shown}/: create it "
                                    f"there, or fix files = […]")
            problems += _target_problems(m, folder, shown, where)
    return problems


def _exists(folder: Path, name: str) -> bool:
    """`name` is a file of the week, or a folder of it when it ends in / (week 7's library)."""
    return (folder / name).is_dir() if name.endswith("/") else (folder / name).is_file()


def _target_problems(m: Milestone, folder: Path, shown: str, where: str) -> list[str]:
    problems = []
    for target in m.targets:
        if target in m.files and not target.endswith(".ipynb"):  # a whole file: Dockerfile
            if not _exists(folder, target):
                problems.append(f"{where}: target {target!r} needs {shown}/{target}: create it")
            continue
        file = _target_file(target)
        if not target.endswith(".ipynb") and "." not in target:
            problems.append(f"{where}: target {target!r} should read 'module.function'")
            continue
        if file not in m.files:
            problems.append(f"{where}: target {target!r} lives in {file}, which is not in "
                            f"files = {list(m.files)}: add it")
        if not (folder / file).is_file():
            problems.append(f"{where}: target {target!r} needs {shown}/{file}: create it, or "
                            f"fix targets = […]")
        elif not target.endswith(".ipynb"):
            func = target.rpartition(".")[2]
            if not _defines(folder / file, func):
                problems.append(f"{where}: {shown}/{file} does not define {func}(): write it "
                                f"there, or fix targets = […]")
    return problems


# --- files ----------------------------------------------------------------------------------


def _files(folder: Path) -> set[PurePosixPath]:
    """Files under `folder`, relative, without caches, hidden files and run outputs."""
    if not folder.is_dir():
        return set()
    paths = (PurePosixPath(p.relative_to(folder).as_posix()) for p in folder.rglob("*")
             if p.is_file())
    return {rel for rel in paths if not is_ignored(rel)}  # what `make starters` would skip


def stray_files(course: Course, solutions: Path, weeks: Path) -> list[str]:
    """weeks/<folder>/ holds exactly the starters of solutions/<folder>/, and no other folder."""
    folders = {w.folder for w in course.weeks}
    problems = []
    for root in (solutions, weeks):
        for path in sorted(root.iterdir()) if root.is_dir() else []:
            if path.name in IGNORED or (root == weeks and path.name == WEEKS_MANIFEST):
                continue
            if path.name not in folders:
                problems.append(f"{root.name}/{path.name} is not a week of course.toml: add a "
                                f"[[weeks]] with folder = {path.name!r}, or remove it")
    for folder in sorted(folders):
        solved, started = _files(solutions / folder), _files(weeks / folder)
        problems += [f"weeks/{folder}/{rel} has no solutions/{folder}/{rel}: move it to "
                     f"solutions/ and run `make starters`, or delete it"
                     for rel in sorted(started - solved)]
        problems += [f"solutions/{folder}/{rel} has no starter weeks/{folder}/{rel}: run "
                     f"`make starters`" for rel in sorted(solved - started)]
    return problems


def week_readme_problems(course: Course, solutions: Path) -> list[str]:
    """solutions/<folder>/README.md lists exactly the week's milestone ids."""
    problems = []
    for week in course.weeks:
        readme = solutions / week.folder / "README.md"
        if not readme.is_file():
            problems.append(f"solutions/{week.folder}/README.md is missing: write one with a "
                            f"`| id | milestone | points |` table, then run `make starters`")
            continue
        found = {next(g for g in match.groups() if g)
                 for line in readme.read_text(encoding="utf-8").splitlines()
                 if (match := README_ID.match(line))}
        expected = {m.id for m in week.milestones}
        for missing in sorted(expected - found):
            problems.append(f"solutions/{week.folder}/README.md does not list milestone "
                            f"{missing}: add a `| {missing} | … |` row, then run `make starters`")
        for extra in sorted(found - expected):
            problems.append(f"solutions/{week.folder}/README.md lists {extra}, which week "
                            f"{week.number} of course.toml does not have: remove it or add it "
                            f"to course.toml")
    return problems


# --- checks under grader/ -------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One collected check: where it is and what its `@milestone(...)` marker says."""

    nodeid: str
    path: PurePosixPath  # relative to the repository root
    milestone: str | None
    category: str | None

    @property
    def hidden(self) -> bool:
        return self.path.parts[:2] == ("grader", "hidden")

    @property
    def week_folder(self) -> str | None:
        return next((p for p in self.path.parts if re.fullmatch(r"week\d+", p)), None)


@dataclass
class Collected:
    checks: list[Check]
    exit_code: int
    output: str


class _Collector:
    """A pytest plugin that records each collected item and its milestone marker."""

    def __init__(self) -> None:
        self.checks: list[Check] = []

    @pytest.hookimpl(tryfirst=True)  # before the grader's hook, which raises on unknown ids
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            mark = item.get_closest_marker("milestone")
            self.checks.append(Check(
                nodeid=item.nodeid,
                path=PurePosixPath(item.path.relative_to(ROOT).as_posix()),
                milestone=str(mark.args[0]) if mark and mark.args else None,
                category=mark.kwargs.get("category") if mark else None,
            ))


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Collected:
    """Collect grader/ once, in-process; the report goes to tmp so the learner's is kept."""
    collector = _Collector()
    out = io.StringIO()
    report = tmp_path_factory.mktemp("collect") / "report.json"
    args = ["--collect-only", "-q", "-p", "no:cacheprovider", "--no-cache",
            "--report", str(report), str(ROOT / "grader")]
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        mp.delenv("GITHUB_STEP_SUMMARY", raising=False)
        exit_code = pytest.main(args, plugins=[collector])
    return Collected(collector.checks, int(exit_code), out.getvalue())


def check_problems(course: Course, checks: list[Check]) -> list[str]:
    """Every check names a known milestone of its own week; hidden ones give a category."""
    known = {m.id: w for w in course.weeks for m in w.milestones}
    problems = []
    for check in checks:
        if check.milestone is None:
            problems.append(f"{check.nodeid} has no milestone: decorate it with "
                            f"@milestone(\"N.M\") from grader.engine.checks")
        elif check.milestone not in known:
            problems.append(f"{check.nodeid} names milestone {check.milestone!r}, which is not "
                            f"in course.toml: fix the id or add the milestone")
        elif check.week_folder != known[check.milestone].folder:
            problems.append(f"{check.nodeid} grades {check.milestone} of "
                            f"{known[check.milestone].folder} from {check.week_folder}: move it "
                            f"to grader/{known[check.milestone].folder}/")
        if check.hidden and not (check.category or "").strip():
            problems.append(f"{check.nodeid} is hidden but names no category: write "
                            f"@milestone(\"{check.milestone}\", category=\"fails on …\")")
    return problems


def untested_milestones(course: Course, checks: list[Check]) -> list[str]:
    """Milestones with no public check: learners could never see them pass."""
    public = {c.milestone for c in checks if not c.hidden}
    return [f"milestone {m.id} ({m.title}) has no public check: add a test with "
            f"@milestone(\"{m.id}\") under grader/{w.folder}/"
            for w in course.weeks for m in w.milestones if m.id not in public]


# --- the real course ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course() -> Course:
    return load(ROOT / "course.toml")


@pytest.fixture(scope="module")
def solutions() -> Path:
    if not (ROOT / "solutions").is_dir():
        pytest.skip("solutions/ is not part of this copy of the course")
    return ROOT / "solutions"


def test_ids_are_unique_and_well_formed(course: Course):
    assert not (problems := id_problems(course)), _report(problems)


def test_milestones_have_title_points_hints_and_existing_targets(course: Course, solutions: Path):
    assert not (problems := milestone_problems(course, solutions)), _report(problems)


def test_grader_checks_collect(collected: Collected):
    assert collected.exit_code == 0, (
        f"`pytest --collect-only grader/` exited {collected.exit_code}: fix the error below\n"
        f"{collected.output}")
    assert collected.checks, "no checks collected under grader/: add tests under grader/weekNN/"


def test_every_check_names_a_known_milestone(course: Course, collected: Collected):
    assert not (problems := check_problems(course, collected.checks)), _report(problems)


def test_every_milestone_has_a_public_check(course: Course, collected: Collected):
    assert not (problems := untested_milestones(course, collected.checks)), _report(problems)


def test_no_stray_files(course: Course, solutions: Path):
    assert not (problems := stray_files(course, solutions, ROOT / "weeks")), _report(problems)


def test_readme_syllabus_is_fresh(course: Course):
    assert syllabus.is_fresh(ROOT / "README.md", course), syllabus.STALE


def path_problems(course: Course, readme_text: str) -> list[str]:
    """README's "The path" table must name every milestone once, in ranges like 1.1–1.10."""
    section = readme_text.split("## The path", 1)[-1].split("\n## ", 1)[0]
    named: list[str] = []
    for row in re.findall(r"^\|(.+)\|\s*$", section, re.MULTILINE):
        for first, last in re.findall(r"(\d+\.\d+)\s*[–-]\s*(\d+\.\d+)", row):
            week, start = first.split(".")
            named += [f"{week}.{k}" for k in range(int(start), int(last.split(".")[1]) + 1)]
    ids = [m.id for week in course.weeks for m in week.milestones]
    problems = [f"{i} is not in README.md's \"The path\" table" for i in ids if i not in named]
    problems += [f"README.md's \"The path\" names {i}, which course.toml does not have"
                 for i in named if i not in ids]
    return problems


def test_readme_path_covers_every_milestone(course: Course):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not (problems := path_problems(course, readme)), _report(problems)


def test_week_readmes_list_their_milestones(course: Course, solutions: Path):
    assert not (problems := week_readme_problems(course, solutions)), _report(problems)


# --- the lint itself, on broken copies ------------------------------------------------------


def _broken_course(tmp_path: Path, old: str, new: str) -> Course:
    text = (ROOT / "course.toml").read_text(encoding="utf-8")
    assert old in text, f"course.toml no longer contains {old!r}: update this test"
    path = tmp_path / "course.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load(path)


def test_lint_names_the_fix_for_a_duplicate_id(tmp_path: Path):
    course = _broken_course(tmp_path, 'id = "1.2"', 'id = "1.1"')
    assert id_problems(course) == [
        "course.toml: milestone id '1.1' is used 2 times: give each its own id"]


def test_lint_names_the_fix_for_a_misspelled_target(tmp_path: Path, solutions: Path):
    course = _broken_course(tmp_path, '"load.load_raw"', '"load.load_raws"')
    problems = milestone_problems(course, solutions)
    assert problems == ["course.toml: milestone 1.1: solutions/week01/load.py does not define "
                        "load_raws(): write it there, or fix targets = […]"]


def test_lint_names_the_fix_for_too_many_hints(tmp_path: Path, solutions: Path):
    course = _broken_course(tmp_path, "hints = [", 'hints = ["", "a", "b",')
    problems = milestone_problems(course, solutions)
    assert any("has 6 hints: give it 1 to 3" in p for p in problems), problems
    assert any("hint 1 is empty" in p for p in problems), problems


def test_lint_finds_stray_files_and_unknown_checks(tmp_path: Path, course: Course):
    for root in ("solutions", "weeks"):
        (tmp_path / root / "week01" / "__pycache__").mkdir(parents=True)
        (tmp_path / root / "week01" / "load.py").write_text("")
    (tmp_path / "weeks" / "week01" / "scratch.py").write_text("")
    (tmp_path / "weeks" / WEEKS_MANIFEST).write_text("{}")
    assert stray_files(course, tmp_path / "solutions", tmp_path / "weeks") == [
        "weeks/week01/scratch.py has no solutions/week01/scratch.py: move it to solutions/ and "
        "run `make starters`, or delete it"]
    hidden = Check("grader/hidden/week01/test_x.py::test_y",
                   PurePosixPath("grader/hidden/week01/test_x.py"), "9.9", None)
    assert check_problems(course, [hidden]) == [
        f"{hidden.nodeid} names milestone '9.9', which is not in course.toml: fix the id or add "
        "the milestone",
        f"{hidden.nodeid} is hidden but names no category: write "
        "@milestone(\"9.9\", category=\"fails on …\")"]
    assert len(untested_milestones(course, [hidden])) == len(
        [m for w in course.weeks for m in w.milestones])


def test_stale_syllabus_is_reported(tmp_path: Path, course: Course):
    readme = tmp_path / "README.md"
    readme.write_text(syllabus.updated(readme, course).replace("| 2 |", "| 3 |", 1))
    assert not syllabus.is_fresh(readme, course)
    assert syllabus.main(["--check", "--readme", str(readme)]) == 1
    assert syllabus.main(["--readme", str(readme)]) == 0
    assert syllabus.is_fresh(readme, course)


def test_syllabus_keeps_the_prose_around_its_block():
    readme = f"# ML Path\n\nIntro.\n\n{syllabus.BEGIN}\nold\n{syllabus.END}\n\nMore.\n"
    assert syllabus.replace_block(readme, "| new |\n") == (
        f"# ML Path\n\nIntro.\n\n{syllabus.BEGIN}\n\n| new |\n\n{syllabus.END}\n\nMore.\n")
    with pytest.raises(syllabus.SyllabusError, match="run `make syllabus`"):
        syllabus.replace_block("# ML Path\n", "| new |\n")


def test_week_has_the_folder_it_is_numbered(tmp_path: Path):
    course = _broken_course(tmp_path, 'folder = "week01"', 'folder = "week1"')
    assert id_problems(course) == ["course.toml: week 1 has folder 'week1': set folder = 'week01'"]

