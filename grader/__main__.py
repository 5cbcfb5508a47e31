"""`python -m grader <command>`: the grader's command line.

Each command lives in its own module with a `main(argv) -> int`, imported only when chosen, so
that `python -m grader doctor` works with the plain system python3 even when setup is broken.
To add a command, add one line to COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# command -> (module with main(argv) -> int, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "doctor": ("grader.doctor", "check Python, .venv, packages, Jupyter kernel, disk and data"),
    "classroom": ("grader.classroom", "turn .grader/report.json into GitHub Classroom results"),
    "watch": ("grader.watch", "re-grade a week each time one of its files is saved (Ctrl-C stops)"),
    "hint": ("grader.hints", "show the next hint of a milestone (default: Next up)"),
    "progress": ("grader.path", "print your path so far from .grader/progress.json"),
}


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the chosen command's main() and return its exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m grader",
        description="ML Path grader commands. Grading itself is `pytest grader/` (`make grade`).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands:\n" + "\n".join(f"  {n:<10}{h}" for n, (_, h) in COMMANDS.items()),
    )
    parser.add_argument("command", choices=sorted(COMMANDS), metavar="command")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="passed on to the command")
    ns = parser.parse_args(argv)
    module = importlib.import_module(COMMANDS[ns.command][0])
    return int(module.main(ns.args))


if __name__ == "__main__":
    sys.exit(main())
