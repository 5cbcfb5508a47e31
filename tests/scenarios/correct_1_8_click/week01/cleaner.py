"""The cleaner as a click command; `python -m cleaner` still works and main() returns a code."""

import logging
from pathlib import Path

import click

from clean import clean
from load import load_raw
from validate import validate

log = logging.getLogger("telco.cleaner")
WRITERS = {".parquet": "to_parquet", ".csv": "to_csv"}


@click.command()
@click.option("--input", "source", required=True, type=click.Path(path_type=Path),
              help="The raw Telco CSV.")
@click.option("--output", "target", required=True, type=click.Path(path_type=Path),
              help="A .parquet or .csv file to write.")
@click.option("--log-level", default="INFO",
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]), help="Log verbosity.")
def cli(source: Path, target: Path, log_level: str) -> int:
    logging.basicConfig(level=log_level, format="%(asctime)s %(levelname)-7s %(message)s")
    if target.suffix not in WRITERS:
        click.echo(f"error: cannot write {target.suffix or 'files without a suffix'}", err=True)
        return 2
    if not source.is_file():
        click.echo(f"error: input file not found: {source}", err=True)
        return 1
    raw = load_raw(source)
    log.info("read %d rows from %s", len(raw), source)
    table = validate(clean(raw))
    for column, dtype in table.dtypes.items():
        log.debug("%s: %s", column, dtype)
    getattr(table, WRITERS[target.suffix])(target)
    log.info("wrote %d rows to %s", len(table), target)
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return cli.main(args=argv, prog_name="python -m cleaner", standalone_mode=False)
    except click.UsageError as error:
        error.show()
        return error.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
