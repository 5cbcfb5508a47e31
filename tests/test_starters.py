"""`make starters` (tools/starters.py), on small sample solutions in tmp_path.

The last test runs the real check: weeks/ must match solutions/.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grader.engine.course import Milestone
from tools import starters

ROOT = Path(__file__).resolve().parents[1]

COURSE = """\
format_version = 1

[[weeks]]
id = "week01"
folder = "week01"

  [[weeks.milestones]]
  id = "1.1"
  files = ["load.py"]
  targets = ["clean.load_raw"]

  [[weeks.milestones]]
  id = "1.2"
  files = ["clean.py"]
  targets = ["clean.total_charges_as_float"]

  [[weeks.milestones]]
  id = "1.3"
  files = ["first_look.ipynb"]
  targets = ["first_look.ipynb"]
"""

MODULE = '''\
"""Cleaning the Telco table."""

from __future__ import annotations

import pandas as pd


def load_raw(path: str) -> pd.DataFrame:
    """Read the raw file with explicit dtypes."""
    # BEGIN SOLUTION
    return pd.read_csv(path, dtype={"TotalCharges": "string"})
    # END SOLUTION


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    """Return TotalCharges as floats; blanks mean 'not billed yet'."""
    # Blanks are customers with tenure 0.
    # BEGIN SOLUTION
    charges = pd.to_numeric(raw["TotalCharges"].str.strip(), errors="coerce")
    return charges.fillna(0.0)
    # END SOLUTION


def _helper(x: int) -> int:
    """Not a milestone: stays as written."""
    return x + 1
'''

def _milestone(milestone_id, files, targets):
    """A course.toml milestone reduced to what maps a solution block to its id."""
    return Milestone(id=milestone_id, title="t", points=1, files=files, targets=targets,
                     hints=("h",), week="week01")


MILESTONES = [
    _milestone("1.1", ("load.py",), ("clean.load_raw",)),
    _milestone("1.2", ("clean.py",), ("clean.total_charges_as_float",)),
    _milestone("1.3", ("first_look.ipynb",), ("first_look.ipynb",)),
]

README = "# Week 1\n\nGet dirty with real data.\n"


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    load = nbformat.v4.new_code_cell("import pandas as pd\nraw = pd.DataFrame({'Churn': ['Yes']})")
    task = nbformat.v4.new_code_cell(
        "# How many customers leave?\n"
        "# BEGIN SOLUTION\n"
        "churn_rate = float((raw['Churn'] == 'Yes').mean())\n"
        "# END SOLUTION\n"
        "churn_rate"
    )
    task.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "1.0"}, execution_count=3)
    ]
    task.execution_count = 3
    extra = nbformat.v4.new_code_cell("print('the answer')", metadata={"tags": ["solution"]})
    prose = nbformat.v4.new_markdown_cell(
        "## 1.3 A first look\n\nWhat share of customers leave?\n"
        "<!-- BEGIN SOLUTION 1.3 -->\nCount the Yes, divide by the rows.\n<!-- END SOLUTION -->")
    nb.cells = [prose, load, task, extra]
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"
    return nb


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A tiny course: course.toml and solutions/week01 with a module, a notebook, a README."""
    (tmp_path / "course.toml").write_text(COURSE)
    week = tmp_path / "solutions" / "week01"
    week.mkdir(parents=True)
    (week / "clean.py").write_text(MODULE)
    (week / "README.md").write_text(README)
    nbformat.write(_notebook(), week / "first_look.ipynb")
    (week / "__pycache__").mkdir()
    (week / "__pycache__" / "clean.cpython-311.pyc").write_bytes(b"\0")
    return tmp_path


def run(repo: Path, *args: str) -> int:
    return starters.main(
        [
            "--solutions",
            str(repo / "solutions"),
            "--weeks",
            str(repo / "weeks"),
            "--course",
            str(repo / "course.toml"),
            *args,
        ]
    )


def strip(text: str) -> str:
    return starters.strip_module(
        text, source="solutions/week01/clean.py", module="clean", milestones=MILESTONES
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- modules ---------------------------------------------------------------------------------


def test_module_stub_names_milestone_and_function():
    starter = strip(MODULE)
    assert starter.startswith(
        "# Starter generated from solutions/week01/clean.py by `make starters`. "
        "This file is yours: edit it.\n"
    )
    assert 'raise NotImplementedError("Milestone 1.2: write total_charges_as_float")' in starter
    assert 'raise NotImplementedError("Milestone 1.1: write load_raw")' in starter
    assert "def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:" in starter
    assert "Return TotalCharges as floats; blanks mean 'not billed yet'." in starter
    assert "# Blanks are customers with tenure 0." in starter
    assert "import pandas as pd" in starter
    assert "to_numeric" not in starter and "read_csv" not in starter
    assert "SOLUTION" not in starter
    assert "    return x + 1" in starter  # the unmarked helper is untouched
    assert ast.get_docstring(ast.parse(starter)) == "Cleaning the Telco table."


def test_calling_a_stub_raises_with_the_milestone():
    pytest.importorskip("pandas")
    namespace: dict[str, object] = {}
    exec(compile(strip(MODULE), "clean.py", "exec"), namespace)
    with pytest.raises(
        NotImplementedError, match=r"^Milestone 1\.2: write total_charges_as_float$"
    ):
        namespace["total_charges_as_float"](None)  # type: ignore[operator]
    assert namespace["_helper"](1) == 2  # type: ignore[operator]


def test_explicit_id_on_the_marker_wins():
    text = MODULE.replace(
        "    return x + 1\n", "    # BEGIN SOLUTION 1.3\n    return x + 1\n    # END SOLUTION\n"
    )
    starter = strip(text)
    assert 'raise NotImplementedError("Milestone 1.3: write _helper")' in starter
    compile(starter, "clean.py", "exec")


def test_unknown_explicit_id_fails():
    text = MODULE.replace(
        "    # BEGIN SOLUTION\n    return pd.read_csv",
        "    # BEGIN SOLUTION 9.9\n    return pd.read_csv",
    )
    with pytest.raises(starters.StarterError, match=r"clean\.py:10: milestone 9\.9 is not in"):
        strip(text)


def test_function_in_no_milestone_fails_with_line_and_fix():
    text = (
        MODULE + "\n\ndef extra() -> int:\n    # BEGIN SOLUTION\n    return 1\n    # END SOLUTION\n"
    )
    line = len(MODULE.splitlines()) + 4  # the BEGIN line in `extra`
    with pytest.raises(starters.StarterError) as error:
        strip(text)
    message = str(error.value)
    assert f"solutions/week01/clean.py:{line}:" in message
    assert "`clean.extra`" in message
    assert "add the function to a milestone's targets in course.toml" in message
    assert "`# BEGIN SOLUTION <id>`" in message


def test_unbalanced_markers_name_the_lines():
    never_closed = MODULE.replace(
        "    return charges.fillna(0.0)\n    # END SOLUTION\n", "    return charges.fillna(0.0)\n"
    )
    with pytest.raises(
        starters.StarterError, match=r"clean\.py:18: `# BEGIN SOLUTION` is never closed"
    ):
        strip(never_closed)
    stray_end = MODULE.replace("    # BEGIN SOLUTION\n    charges = pd", "    charges = pd")
    with pytest.raises(starters.StarterError, match=r"clean\.py:20: `# END SOLUTION` without"):
        strip(stray_end)


def test_nested_markers_fail_with_both_lines():
    nested = MODULE.replace(
        "    return charges.fillna(0.0)\n", "    # BEGIN SOLUTION\n    return charges.fillna(0.0)\n"
    )
    with pytest.raises(
        starters.StarterError,
        match=r"clean\.py:20: `# BEGIN SOLUTION` inside the block opened at .*clean\.py:18",
    ):
        strip(nested)


def test_single_line_solution_comment_is_dropped():
    text = MODULE.replace("    return x + 1\n", "    x = x * 2  # SOLUTION\n    return x + 1\n")
    starter = strip(text)
    assert "x * 2" not in starter
    assert "    return x + 1" in starter


def test_class_body_block_becomes_pass_and_the_module_still_imports():
    text = MODULE + (
        "\n\nclass Customer:\n    \"\"\"One customer.\"\"\"\n\n    # BEGIN SOLUTION 1.2\n"
        "    tenure: int = 0\n    # END SOLUTION\n"
    )
    starter = strip(text)
    assert "    pass  # Milestone 1.2: write Customer's body\n" in starter
    assert "tenure: int" not in starter
    namespace: dict[str, object] = {}
    exec(compile(starter, "clean.py", "exec"), namespace)  # a raise would break the import
    assert namespace["Customer"].__doc__ == "One customer."  # type: ignore[attr-defined]


def test_class_body_block_needs_an_id():
    text = MODULE + "\n\nclass Customer:\n    # BEGIN SOLUTION\n    x = 1\n    # END SOLUTION\n"
    with pytest.raises(starters.StarterError, match=r"a block in a class body needs an id"):
        strip(text)


def test_starter_part_gives_the_original_code_in_functions_and_at_top_level():
    text = MODULE + (
        "\n\ndef lift(proba):\n"
        "    # BEGIN SOLUTION 1.3\n"
        "    order = sorted(proba, reverse=True)\n"
        "    # STARTER\n"
        "    # order = sorted(proba)  # the bug a learner fixes\n"
        "    #\n"
        "    # END SOLUTION\n"
        "    return order\n"
        "\n\n# BEGIN SOLUTION 1.3\n"
        "def test_lift_gh2():\n"
        "    assert lift([1, 2]) == [2, 1]\n"
        "# STARTER\n"
        "# END SOLUTION\n"
    )
    starter = strip(text)
    assert ("def lift(proba):\n    order = sorted(proba)  # the bug a learner fixes\n\n"
            "    return order\n") in starter
    assert "reverse=True" not in starter and "gh2" not in starter and "STARTER" not in starter
    compile(starter, "clean.py", "exec")


def test_starter_part_lines_must_be_comments():
    text = MODULE + ("\n\ndef f():\n    # BEGIN SOLUTION 1.3\n    return 1\n    # STARTER\n"
                     "    return 2\n    # END SOLUTION\n")
    with pytest.raises(starters.StarterError, match=r"after `# STARTER` every line"):
        strip(text)


def test_toml_starter_part_is_the_template():
    record = ('[project]\n# BEGIN SOLUTION 1.3\nname = "polars"\n# STARTER\n'
              '# name = ""  # the project\n# END SOLUTION\n')
    starter = starters.strip_text(record, source="solutions/week01/record.toml",
                                  comment=starters.TEXT_COMMENTS[".toml"], milestones=MILESTONES)
    assert starter == '[project]\nname = ""  # the project\n'


def test_text_files_keep_their_prose_and_lose_marked_parts():
    readme = ("# Week 1\n\nRun it:\n\n<!-- BEGIN SOLUTION 1.3 -->\n```bash\ncurl localhost\n```\n"
              "<!-- END SOLUTION -->\n\nThe end.\n")
    starter = starters.strip_text(readme, source="solutions/week01/README.md",
                                  comment=starters.TEXT_COMMENTS[".md"], milestones=MILESTONES)
    assert starter == ("# Week 1\n\nRun it:\n\n<!-- Milestone 1.3: write your part here "
                       "(see What \"done\" looks like, above) -->\n\nThe end.\n")
    dockerfile = "# Build me\n# BEGIN SOLUTION 1.1\nFROM python:3.11.7-slim\n# END SOLUTION\n"
    starter = starters.strip_text(dockerfile, source="solutions/week01/Dockerfile",
                                  comment=starters.TEXT_COMMENTS["Dockerfile"],
                                  milestones=MILESTONES)
    assert starter == ("# Build me\n# Milestone 1.1: write your part here "
                       "(see README.md)\n")


def test_text_file_block_without_id_fails_at_its_line():
    with pytest.raises(starters.StarterError, match=r"Dockerfile:2: write `BEGIN SOLUTION <id>`"):
        starters.strip_text("# x\n# BEGIN SOLUTION\nFROM x\n# END SOLUTION\n",
                            source="solutions/week01/Dockerfile", comment=("#", ""),
                            milestones=MILESTONES)


def test_long_header_wraps_to_two_comment_lines():
    source = "solutions/week01/" + "a_rather_long_module_name_for_a_header" + ".py"
    first, second = starters.header(source).splitlines()
    assert first == f"# Starter generated from {source} by `make starters`."
    assert second == "# This file is yours: edit it."


def test_course_toml_is_read_into_milestones(repo: Path):
    course = starters.load_course(repo / "course.toml")
    assert list(course) == ["week01"]
    assert [(m.id, m.files, m.targets) for m in course["week01"]] == [
        (m.id, m.files, m.targets) for m in MILESTONES]


# --- notebooks -------------------------------------------------------------------------------


def test_notebook_starter(repo: Path):
    assert run(repo) == 0
    nb = nbformat.read(repo / "weeks" / "week01" / "first_look.ipynb", as_version=4)
    assert [cell.id for cell in nb.cells] == ["cell-0", "cell-1", "cell-2"]  # solution cell gone
    prose, load, task = nb.cells
    assert prose.cell_type == "markdown" and prose.source == (  # the learner's notes stubbed
        "## 1.3 A first look\n\nWhat share of customers leave?\n"
        "*Milestone 1.3: your notes here (double-click this cell to edit).*\n")
    assert load.source == "import pandas as pd\nraw = pd.DataFrame({'Churn': ['Yes']})"
    assert task.source == (
        "# How many customers leave?\n"
        "# YOUR CODE HERE\n"
        'raise NotImplementedError("Milestone 1.3: write this cell")\n'
        "churn_rate"
    )
    assert all(cell.outputs == [] and cell.execution_count is None for cell in (load, task))
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["ml_path"] == {
        "generated_from": "solutions/week01/first_look.ipynb",
        "regenerate": "make starters",
    }
    nbformat.validate(nb)


def test_notebook_marker_needs_an_id_when_several_milestones_list_it():
    twice = [*MILESTONES, _milestone("1.4", ("first_look.ipynb",), ())]
    with pytest.raises(starters.StarterError, match=r"cell 3, line 2: milestones 1\.3, 1\.4"):
        starters.strip_notebook(
            _notebook(), source="first_look.ipynb", name="first_look.ipynb", milestones=twice
        )
    nb = _notebook()
    nb.cells[2].source = nb.cells[2].source.replace("# BEGIN SOLUTION", "# BEGIN SOLUTION 1.4")
    out = starters.strip_notebook(nb, source="nb", name="first_look.ipynb", milestones=twice)
    assert "Milestone 1.4: write this cell" in out.cells[2].source


def test_notebook_cells_without_ids_fail(repo: Path):
    path = repo / "solutions" / "week01" / "first_look.ipynb"
    raw = json.loads(path.read_text())
    del raw["cells"][1]["id"]  # nbformat would invent a random one: starters would churn
    path.write_text(json.dumps(raw))
    with pytest.raises(starters.StarterError, match=r"first_look\.ipynb: some cells have no id"):
        starters.plan_all(
            repo / "solutions", repo / "weeks", starters.load_course(repo / "course.toml")
        )


# --- the whole run -------------------------------------------------------------------------


def test_mirrors_paths_and_copies_other_files(repo: Path):
    assert run(repo) == 0
    week = repo / "weeks" / "week01"
    assert sorted(p.name for p in week.iterdir()) == ["README.md", "clean.py", "first_look.ipynb"]
    assert (week / "README.md").read_text() == README
    manifest = json.loads((repo / "weeks" / ".starters.json").read_text())
    assert manifest["format"] == 1
    assert sorted(manifest["files"]) == [
        "week01/README.md",
        "week01/clean.py",
        "week01/first_look.ipynb",
    ]


def test_regenerating_is_byte_identical(repo: Path, capsys: pytest.CaptureFixture[str]):
    assert run(repo) == 0
    first = snapshot(repo / "weeks")
    capsys.readouterr()
    assert run(repo) == 0
    assert snapshot(repo / "weeks") == first
    assert "starters: 0 written, 3 unchanged" in capsys.readouterr().out


def test_check_fresh_then_stale(repo: Path, capsys: pytest.CaptureFixture[str]):
    assert run(repo, "--check") == 1  # nothing generated yet
    assert not (repo / "weeks").exists()  # --check writes nothing
    assert run(repo) == 0
    capsys.readouterr()
    assert run(repo, "--check") == 0
    solution = repo / "solutions" / "week01" / "clean.py"
    solution.write_text(solution.read_text().replace("Not a milestone", "Still not a milestone"))
    assert run(repo, "--check") == 1
    out = capsys.readouterr().out
    assert "weeks/ is stale: run `make starters`" in out
    assert "week01/clean.py" in out and "README.md" not in out


def test_missing_manifest_is_stale_and_rewritten(repo: Path, capsys: pytest.CaptureFixture[str]):
    assert run(repo) == 0
    manifest = repo / "weeks" / ".starters.json"
    recorded = manifest.read_bytes()
    manifest.unlink()
    capsys.readouterr()
    assert run(repo, "--check") == 1
    assert ".starters.json" in capsys.readouterr().out
    assert run(repo) == 0
    assert manifest.read_bytes() == recorded


def test_untouched_starter_is_updated(repo: Path):
    assert run(repo) == 0
    solution = repo / "solutions" / "week01" / "README.md"
    solution.write_text(README + "\nMore.\n")
    assert run(repo) == 0
    assert (repo / "weeks" / "week01" / "README.md").read_text() == README + "\nMore.\n"


def test_edited_starter_is_never_overwritten(repo: Path, capsys: pytest.CaptureFixture[str]):
    assert run(repo) == 0
    starter = repo / "weeks" / "week01" / "clean.py"
    mine = starter.read_text().replace("raise NotImplementedError", "return 0.0  #", 1)
    starter.write_text(mine)
    solution = repo / "solutions" / "week01" / "clean.py"
    solution.write_text(solution.read_text().replace("Not a milestone", "Still not a milestone"))
    (repo / "solutions" / "week01" / "README.md").write_text("changed\n")
    before = snapshot(repo / "weeks")
    capsys.readouterr()

    assert run(repo) == 1
    err = capsys.readouterr().err
    assert "These starters were edited; your work is kept." in err
    assert "`make starters ARGS=--force`" in err
    assert "week01/clean.py" in err
    assert snapshot(repo / "weeks") == before  # nothing written, not even the README

    assert run(repo, "--force") == 0
    assert starter.read_text() != mine
    assert "Still not a milestone" in starter.read_text()
    assert run(repo, "--check") == 0


def test_files_not_in_solutions_are_kept(repo: Path, capsys: pytest.CaptureFixture[str]):
    assert run(repo) == 0
    notes = repo / "weeks" / "week01" / "notes.md"
    notes.write_text("my notes\n")
    (repo / "solutions" / "week01" / "README.md").unlink()
    capsys.readouterr()
    assert run(repo) == 0
    out = capsys.readouterr().out
    assert "notes.md (not in solutions/)" in out and "README.md (not in solutions/)" in out
    assert notes.exists() and (repo / "weeks" / "week01" / "README.md").exists()

    assert run(repo, "--force") == 0
    assert notes.read_text() == "my notes\n"  # never generated: never deleted
    assert not (repo / "weeks" / "week01" / "README.md").exists()


def test_source_errors_exit_2_with_file_and_line(repo: Path, capsys: pytest.CaptureFixture[str]):
    solution = repo / "solutions" / "week01" / "clean.py"
    solution.write_text(MODULE.replace("    # END SOLUTION\n", "", 1))
    assert run(repo) == 2
    assert "solutions/week01/clean.py:17: `# BEGIN SOLUTION` inside" in capsys.readouterr().err
    assert not (repo / "weeks").exists()


def test_cli_runs_as_a_module(repo: Path):
    def cli(*extra: str) -> subprocess.CompletedProcess[str]:
        paths = ["--solutions", "solutions", "--weeks", "weeks", "--course", "course.toml"]
        return subprocess.run(
            [sys.executable, "-m", "tools.starters", *paths, *extra],
            cwd=repo,
            env={"PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )

    first = cli()
    assert first.returncode == 0, first.stderr
    assert "wrote      weeks/week01/clean.py" in first.stdout
    fresh = cli("--check")
    assert fresh.returncode == 0, fresh.stdout
    assert fresh.stdout == "weeks/ is fresh: 3 starters\n"


# --- the real course -----------------------------------------------------------------------


def test_weeks_is_fresh(capsys: pytest.CaptureFixture[str]):
    if not (ROOT / "solutions").is_dir():
        pytest.skip("solutions/ does not exist yet: nothing to generate starters from")
    code = starters.main(
        [
            "--check",
            "--solutions",
            str(ROOT / "solutions"),
            "--weeks",
            str(ROOT / "weeks"),
            "--course",
            str(ROOT / "course.toml"),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err


def test_the_grader_keeps_the_original_of_a_practice_library(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setattr(starters, "ORIGINALS", {"week01/lib": "grader/week01/original"})
    lib = repo / "solutions" / "week01" / "lib"
    lib.mkdir()
    (lib / "lift.py").write_text("def lift(p):\n    # BEGIN SOLUTION 1.3\n    return 1\n"
                                 "    # STARTER\n    # return 0\n    # END SOLUTION\n")
    assert run(repo) == 0
    original = repo / "grader" / "week01" / "original" / "lift.py"
    assert original.read_bytes() == (repo / "weeks" / "week01" / "lib" / "lift.py").read_bytes()
    assert "return 0" in original.read_text()
    assert run(repo, "--check") == 0
    original.write_text("edited")
    (original.parent / "gone.py").write_text("")
    capsys.readouterr()
    assert run(repo, "--check") == 1
    assert "original/lift.py (the grader's original copy is stale" in capsys.readouterr().out
    assert run(repo) == 0
    assert "return 0" in original.read_text() and not (original.parent / "gone.py").exists()
