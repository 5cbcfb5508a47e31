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
    logging.basicConfig(level=args.log_level)
    if args.output.suffix not in (".parquet", ".csv"):
        print(f"error: unsupported output {args.output}", file=sys.stderr)
        return 2
    if not args.input.exists():
        print(f"error: input file not found: {args.input}", file=sys.stderr)
        return 1
    raw = load_raw(args.input)
    print(f"read {len(raw)} rows from {args.input}")
    table = validate(clean(raw))
    if args.log_level == "DEBUG":
        print(table.dtypes)
    if args.output.suffix == ".csv":
        table.to_csv(args.output)
    else:
        table.to_parquet(args.output)
    print(f"wrote {len(table)} rows to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
