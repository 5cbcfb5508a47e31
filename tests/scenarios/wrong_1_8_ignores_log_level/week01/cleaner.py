import argparse
import logging
import sys
from pathlib import Path

from clean import clean
from load import load_raw
from validate import validate

log = logging.getLogger("telco.cleaner")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleaner")
    parser.add_argument("--input", required=True, type=Path)
    parser.add_argument("--output", required=True, type=Path)
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG)  # see everything while developing
    if args.output.suffix not in (".parquet", ".csv"):
        print(f"error: unsupported output {args.output}", file=sys.stderr)
        return 2
    if not args.input.exists():
        print(f"error: input file not found: {args.input}", file=sys.stderr)
        return 1
    raw = load_raw(args.input)
    log.info("read %d rows from %s", len(raw), args.input)
    table = validate(clean(raw))
    log.debug("dtypes:\n%s", table.dtypes)
    if args.output.suffix == ".csv":
        table.to_csv(args.output)
    else:
        table.to_parquet(args.output)
    log.info("wrote %d rows to %s", len(table), args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
