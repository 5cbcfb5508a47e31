"""Judge-side help for milestone 6.4: run paper_to_code.ipynb with fit_glm's answers moved.

A comparison table typed in by hand reads like an honest one: tiny numbers. To tell them
apart the judge runs the notebook once more with ``glm.fit_glm`` wrapped so that every fit it
returns is moved by known amounts (each coefficient by ``coef``, each standard error by
``standard_errors``, the deviance by ``deviance``). A table computed from fit_glm moves with
it (``max_coef_diff`` then reads about ``coef``, since the honest differences are below
1e-6); a typed-in table does not. The toy fit moves too: ``toy_fit.coef[0]`` becomes
``log(mean(toy_y)) + coef``.

The wrapper is an import hook (``sys.meta_path``), so it catches ``import glm``, ``from glm
import fit_glm`` and modules that import glm in turn, however the notebook spells it.

A learner's own sanity checks, true of the honest numbers, are false of the moved ones
(``assert np.allclose(fit.coef, ref.params, atol=1e-6)`` inside the comparison loop): in this
run each cell executes with its ``assert`` statements, and its calls of ``assert_*``
functions (``np.testing.assert_allclose``), replaced by ``pass`` (`without_asserts`). The run
also keeps going past a failing cell, as "Run All" with errors allowed would, and records
which cells failed and which cells assign each name the checks read, so that a name still
missing can be traced to the cell that should have defined it.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from grader.engine import notebook
from grader.engine.outcomes import LearnerFault

#: Installs the hook. Input: shift, {"coef": ..., "standard_errors": ..., "deviance": ...}.
INSTALL = '''
import dataclasses
import functools
import importlib.machinery
import sys

import numpy as np


class _MLPathShiftedFits:
    """Wraps glm.fit_glm when glm is imported: records each call, moves each result."""

    def __init__(self, shift):
        self.shift = shift
        self.calls = []

    def find_spec(self, name, path=None, target=None):
        if name != "glm":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        exec_module, hook = spec.loader.exec_module, self

        def exec_and_wrap(module):
            exec_module(module)
            hook.wrap(module)

        spec.loader.exec_module = exec_and_wrap
        return spec

    def wrap(self, module):
        original = getattr(module, "fit_glm", None)
        if not callable(original):
            return
        hook = self

        @functools.wraps(original)
        def fit_glm(X, y, family, *args, **kwargs):
            fit = original(X, y, family, *args, **kwargs)
            name = getattr(family, "name", type(family).__name__)
            hook.calls.append({"family": str(name).lower(), "shape": list(np.shape(X))})
            return hook.moved(fit)

        module.fit_glm = fit_glm

    def moved(self, fit):
        changes = {"coef": np.asarray(fit.coef, dtype=float) + self.shift["coef"],
                   "standard_errors": np.asarray(fit.standard_errors, dtype=float)
                   + self.shift["standard_errors"],
                   "deviance": float(fit.deviance) + self.shift["deviance"]}
        if dataclasses.is_dataclass(fit):
            return dataclasses.replace(fit, **changes)
        for key, value in changes.items():
            setattr(fit, key, value)
        return fit


sys.meta_path.insert(0, _MLPathShiftedFits(shift))
result = None
'''

#: Reads what the hook saw, then removes it and forgets the wrapped modules.
REMOVE = '''
import os
import sys

hooks = [h for h in sys.meta_path if type(h).__name__ == "_MLPathShiftedFits"]
calls = [c for h in hooks for c in h.calls]
sys.meta_path[:] = [h for h in sys.meta_path if type(h).__name__ != "_MLPathShiftedFits"]
for name in [n for n, m in sys.modules.items() if getattr(m, "__file__", None)
             and os.path.realpath(m.__file__).startswith(os.path.realpath(root) + os.sep)]:
    del sys.modules[name]
result = calls
'''


class _AssertsOut(ast.NodeTransformer):
    """Replaces assert statements and ``assert_*(...)`` call statements by ``pass``."""

    def __init__(self) -> None:
        self.removed = 0

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        self.removed += 1
        return ast.copy_location(ast.Pass(), node)

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        call = node.value
        if isinstance(call, ast.Call):
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name.startswith("assert"):
                self.removed += 1
                return ast.copy_location(ast.Pass(), node)
        return self.generic_visit(node)


def without_asserts(source: str) -> str:
    """A cell's code with its asserts replaced by ``pass``: the source itself when it has none,
    or when it is not plain Python (IPython magics, ``!ls``), which then runs as written."""
    try:
        tree = ast.parse(source)
        transformer = _AssertsOut()
        tree = transformer.visit(tree)
        if not transformer.removed:
            return source
        return ast.unparse(ast.fix_missing_locations(tree))
    except (SyntaxError, ValueError, RecursionError):
        return source


def assigns(source: str, name: str) -> bool:
    """Whether a cell binds `name` (an assignment, a for target, an import, a def...)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):  # magics: read the assignment as text
        return re.search(rf"(?m)^\s*{re.escape(name)}\s*(:[^=\n]*)?=(?!=)", source) is not None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name:
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                and node.name == name:
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                (alias.asname or alias.name.split(".")[0]) == name for alias in node.names):
            return True
    return False


def run_with_shifted_fits(week, name: str, shift: dict[str, float],
                          read: dict[str, str]) -> dict[str, Any]:
    """Run `name` top to bottom (past failing cells, asserts skipped) with fit_glm's results
    moved by `shift`.

    Returns ``{"values": {key: week.eval(expression) or None}, "calls": [...], "errors":
    [{"cell", "label", "ename", "evalue"}], "assigned_in": {root name: [cell labels]}}``;
    `read` maps keys to expressions evaluated after the run (None when the notebook does not
    define them; "root name" is an expression's first name, ``toy_fit`` for
    ``toy_fit.coef``). A fault that costs the kernel (a timeout, a crash) ends the run as a
    LearnerFault, like a normal run.
    """
    sandbox = week.sandbox
    shown = f"{week.shown_as}/{name}"
    cells = notebook.code_cells(sandbox.root / name, shown)
    roots = {key: expression.split(".")[0].split("[")[0] for key, expression in read.items()}
    assigned_in = {root: [cell.label() for cell in cells if assigns(cell.source, root)]
                   for root in roots.values()}
    sandbox.request({"op": "reset"})
    week.run_snippet(INSTALL, label=f"wrapping fit_glm before running {name}", shift=shift)
    errors: list[dict[str, Any]] = []
    try:
        for cell in cells:
            result = sandbox.execute(without_asserts(cell.source))
            if result.status == "fault":
                raise LearnerFault(result.fault or "CRASH", "", result.detail,
                                   where=f"{shown}, cell {cell.number}",
                                   checking=f"Run All of {name} with fit_glm's results moved")
            if result.status == "error":
                evalue = (result.evalue or "").strip().splitlines()
                first = evalue[0] if evalue else ""
                errors.append({"cell": cell.number, "label": cell.label(),
                               "ename": result.ename,
                               "evalue": first if len(first) <= 100 else first[:99] + "…"})
        values = {}
        for key, expression in read.items():
            defined = week.eval(f"{roots[key]!r} in globals()")
            values[key] = week.eval(expression) if defined else None
    finally:
        # The namespace now holds the moved run: the next run_notebook must start afresh.
        week.forget_notebook()
        calls = week.run_snippet(REMOVE, label="removing the fit_glm wrapper",
                                 root=str(sandbox.root))
    return {"values": values, "calls": calls or [], "errors": errors,
            "assigned_in": assigned_in}
