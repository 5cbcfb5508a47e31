# Starter generated from solutions/week01/cleaner.py by `make starters`.
# This file is yours: edit it.
"""Milestone 1.8: the cleaning as a command a colleague (or a nightly job) can run.

    python -m cleaner --input ../../data/telco_churn_raw.csv --output clean.parquet

It loads the raw file (1.1), cleans it (1.4), validates it (1.5) and writes the result as
Parquet or CSV, chosen by the output's suffix. What it did goes to the log (stderr), never to
stdout: ``--log-level DEBUG`` shows the details, ``INFO`` (the default) one line per step.
Exit codes: 0 done, 1 input file not found, 2 bad arguments (argparse's own code).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from clean import clean
from load import load_raw
from validate import validate

log = logging.getLogger("telco.cleaner")

#: Output formats, by file suffix.
FORMATS = (".parquet", ".csv")


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``--input``, ``--output`` and an optional ``--log-level``."""
    parser = argparse.ArgumentParser(
        prog="python -m cleaner",
        description="Clean and validate the raw Telco churn CSV; write Parquet or CSV.",
    )
    parser.add_argument("--input", required=True, type=Path, metavar="RAW.csv",
                        help="the raw Telco churn CSV, as IBM wrote it")
    parser.add_argument("--output", required=True, type=Path, metavar="OUT",
                        help="where to write the cleaned table: a .parquet or .csv file")
    parser.add_argument("--log-level", default="INFO",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                        help="how much to log on stderr (default: INFO)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the cleaner on the command line `argv`; return the exit code.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``python -m cleaner``; None reads ``sys.argv[1:]``.

    Returns
    -------
    int
        0 when the cleaned table was written; 1 when the input file does not exist; 2 when
        the output suffix is neither ``.parquet`` nor ``.csv``. Each error is one line on
        stderr, never a traceback.

    Notes
    -----
    Logs through ``logging.getLogger("telco.cleaner")`` at the level ``--log-level`` sets:
    INFO ``read N rows from RAW.csv`` and ``wrote N rows to OUT``; DEBUG the details, such
    as the dtypes before and after cleaning. Nothing goes to stdout.

    Examples
    --------
    >>> main(["--input", "../../data/telco_churn_raw.csv",
    ...       "--output", "clean.parquet"])  # doctest: +SKIP
    0
    """
    args = build_parser().parse_args(argv)
    raise NotImplementedError("Milestone 1.8: write main")


if __name__ == "__main__":
    raise SystemExit(main())
