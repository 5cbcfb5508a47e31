"""Run a learner's notebook in the week's kernel, top to bottom, as Restart & Run All would.

Notebooks are read as plain JSON (nbformat's import costs over a second with the Jupyter
extras installed, and the grader only needs the code cells). Each code cell runs with the
week's per-cell time limit; the first failing cell stops the run and is reported by its
position and first line, with the traceback trimmed to the learner's own frames.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .outcomes import LearnerFault
from .protocol import Reason
from .sandbox import Execution, Sandbox

_BY_ENAME = {
    "NotImplementedError": Reason.NOT_STARTED,
    "StdinNotImplementedError": Reason.STDIN,
    "SystemExit": Reason.EXIT,
    "KeyboardInterrupt": Reason.TIMEOUT,
    "MemoryError": Reason.MEMORY,
    "SyntaxError": Reason.SYNTAX,
    "IndentationError": Reason.SYNTAX,
}


@dataclass(frozen=True)
class Cell:
    """A code cell: its 1-based position among all cells and its source."""

    number: int
    source: str

    def first_line(self) -> str:
        """The first line of code (else of comment), to recognise the cell by.

        A starter's cells all open with ``# YOUR CODE HERE`` and the same raise: the code
        around them tells the cells apart.
        """
        lines = [ln.strip() for ln in self.source.splitlines() if ln.strip()]
        code = [ln for ln in lines if not ln.startswith("#")]
        own = [ln for ln in code if not ln.startswith('raise NotImplementedError("Milestone')]
        notes = [ln for ln in lines if ln.startswith("#") and ln != "# YOUR CODE HERE"]
        return (own or notes or code or [""])[0]

    def label(self) -> str:
        """``cell 8 (toy_y = np.array([0, 1, 2]))``, the line cut at 60 characters."""
        line = self.first_line()
        return f"cell {self.number} ({line if len(line) <= 60 else line[:59] + '…'})"


def code_cells(path: Path, shown: str) -> list[Cell]:
    """The notebook's code cells; an invalid file raises a NOTEBOOK fault that says how to fix."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
        return [Cell(i, "".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                for i, c in enumerate(cells, 1) if c.get("cell_type") == "code"]
    except FileNotFoundError:
        raise LearnerFault(Reason.MISSING, evalue=f"{shown} does not exist", where=shown) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise LearnerFault(
            Reason.NOTEBOOK,
            evalue=f"is not a valid notebook ({exc}). Open it in Jupyter and save it again; if "
            "Jupyter cannot open it either, File > Revert Notebook to Checkpoint brings back "
            "the last saved checkpoint (your file stays as it is until you do)",
            where=shown) from None


def run(sandbox: Sandbox, path: Path, shown: str) -> None:
    """Execute every code cell in order; raise LearnerFault at the first failing cell."""
    cells = code_cells(path, shown)
    sandbox.request({"op": "reset"})
    for cell in cells:
        result = sandbox.execute(cell.source, learner=True)
        if result.status != "ok":
            raise _fault(result, cell, shown, sandbox)


def _fault(result: Execution, cell: Cell, shown: str, sandbox: Sandbox) -> LearnerFault:
    where = f"{shown}, {cell.label()}"
    if result.fault is not None:
        return LearnerFault(result.fault, result.fault.value, result.detail, where=where,
                            frames=result.traceback)
    reason = _BY_ENAME.get(result.ename, Reason.EXCEPTION)
    # An interrupted cell's KeyboardInterrupt says nothing; the message should name the limit.
    evalue = f"{sandbox.limits.time_s:g} s per cell" if reason == Reason.TIMEOUT else result.evalue
    return LearnerFault(reason, result.ename, evalue, where=where,
                        frames=_trim(result.traceback, cell, sandbox))


def _trim(traceback: list[str], cell: Cell, sandbox: Sandbox) -> list[str]:
    """Keep the cell's own line and frames in the learner's files, with repository paths."""
    text = "\n".join(traceback)
    root = str(sandbox.root)
    frames = []
    for match in re.finditer(r"Cell In\[\d*\], line (\d+)|File (\S+?):(\d+)", text):
        if match.group(1):
            line_no = int(match.group(1))
            lines = cell.source.splitlines()
            code = lines[line_no - 1].strip() if 0 < line_no <= len(lines) else ""
            frames.append(f"cell {cell.number}, line {line_no}: {code}")
        elif match.group(2).startswith(root):
            frames.append(f"{sandbox.shown_as}{match.group(2)[len(root):]}:{match.group(3)}")
    return frames[-4:]
