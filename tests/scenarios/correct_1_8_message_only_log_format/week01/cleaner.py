"""A cleaner whose log lines carry no level name: only what happened, with a timestamp."""

import argparse
import logging
import logging.config
import os
import sys

import pandas as pd

import clean
import load
import validate

log = logging.getLogger("telco.cleaner")


def configure_logging(level: str) -> None:
    logging.config.dictConfig({
        "version": 1,
        "formatters": {"plain": {"format": "%(asctime)s %(message)s"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain",
                                "stream": "ext://sys.stderr"}},
        "loggers": {"telco": {"handlers": ["stderr"], "level": level}},
    })


def write(table: pd.DataFrame, path: str) -> None:
    if path.endswith(".parquet"):
        table.reset_index().to_parquet(path, index=False)  # customer_id as a plain column
    else:
        table.to_csv(path, index_label="customer_id")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Clean the raw Telco file.")
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--log-level", default="WARNING",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
    args = parser.parse_args(argv)
    configure_logging(args.log_level)
    if os.path.splitext(args.output)[1] not in (".parquet", ".csv"):
        sys.stderr.write(f"error: {args.output}: only .parquet and .csv are supported\n")
        return 2
    if not os.path.isfile(args.input):
        sys.stderr.write(f"error: input file not found: {args.input}\n")
        return 1
    raw = load.load_raw(args.input)
    log.info("read %s rows from %s", len(raw), args.input)
    log.debug("raw columns: %s", ", ".join(raw.columns))
    table = validate.validate(clean.clean(raw))
    log.debug("clean dtypes: %s", dict(table.dtypes.astype(str)))
    write(table, args.output)
    log.info("wrote %s rows to %s", len(table), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
