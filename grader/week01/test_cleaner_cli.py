"""Milestone 1.8: `python -m cleaner` cleans, validates and writes, and logs what it did.

Each run is a real command line in the sandbox copy of the week folder, as a colleague would
type it; the files it writes are read back and compared with the judge's own cleaning.
"""

import re

from grader.engine.checks import expect, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week01 import reference

RAW = "../../data/telco_churn_raw.csv"  # where the course data sits, seen from the week folder
DEBUG_LINE = re.compile(r"\bDEBUG\b")


def run_cleaner(week, *args):
    """``python -m cleaner ARGS``: exit code, stdout and stderr (the starter is not started)."""
    done = week.run_module("cleaner", *args)
    last = last_line(done["stderr"])
    if done["returncode"] not in (0, None):
        if "NotImplementedError: Milestone 1.8" in last:
            raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError",
                               last.partition(": ")[2], where=current.where,
                               checking=current.checking)
        if last.endswith("No module named cleaner"):
            folder = current.where.rpartition("/")[0]
            raise LearnerFault(Reason.MISSING, "", f"found no cleaner.py in {folder}",
                               where=current.where, checking=current.checking)
    return done


def last_line(text):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def tail(text, n=3):
    """The lines of stderr that say what went wrong: a traceback's error, else the last lines."""
    shown = [line[:110] for line in text.strip().splitlines() if line.strip()]
    frames = [i for i, line in enumerate(shown) if line.startswith("  File ")]
    if frames:  # the error (and the lines of its message) follow the last frame's code line
        error = [i for i in range(frames[-1] + 1, len(shown)) if not shown[i].startswith(" ")]
        if error:
            return "\n".join(shown[error[0]:error[0] + n])
    return "\n".join(shown[-n:]) if shown else "(nothing on stderr)"


def expect_success(done, output):
    expect(done["returncode"] == 0, "the cleaner should finish with exit code 0",
           expected=f"exit 0 and {output} written", got=f"exit {done['returncode']}; stderr "
           f"ends:\n{tail(done['stderr'])}")


def parquet_run(week):
    """One run at --log-level INFO writing out.parquet, shared by the checks that read it."""
    args = ("--input", RAW, "--output", "out.parquet", "--log-level", "INFO")
    return week.once("cleaner out.parquet INFO", lambda: run_cleaner(week, *args))


def csv_run(week):
    """One run at --log-level DEBUG writing out.csv."""
    args = ("--input", RAW, "--output", "out.csv", "--log-level", "DEBUG")
    return week.once("cleaner out.csv DEBUG", lambda: run_cleaner(week, *args))


def read_written(week, name):
    content = week.read_file(name)
    expect(content is not None, f"the cleaner should write {name} (the --output path)",
           expected=f"a file {name} next to cleaner.py", got="no such file")
    return reference.read_output(content, name[name.rindex("."):])


def lines(text):
    return [line for line in text.splitlines() if line.strip()]


def expect_help_names_the_options(week):
    """The parser is given in the starter: --help is checked alongside the learner's work."""
    done = run_cleaner(week, "--help")
    expect(done["returncode"] == 0, "--help should print the usage and exit 0",
           expected="exit 0", got=f"exit {done['returncode']}; stderr ends:\n"
           f"{tail(done['stderr'])}")
    missing = [o for o in ("--input", "--output", "--log-level") if o not in done["stdout"]]
    expect(not missing, "--help should list every option", expected="--input, --output, "
           "--log-level", got=f"no {', '.join(missing)} in:\n{tail(done['stdout'], 4)}")


@milestone("1.8")
def test_writes_parquet_of_the_cleaned_table(week):
    expect_success(parquet_run(week), "out.parquet")
    got = read_written(week, "out.parquet")
    reference.expect_same_table(got, reference.clean(week.data("telco_churn_raw")),
                                what="out.parquet")


@milestone("1.8")
def test_info_logs_rows_read_and_written(week):
    done = parquet_run(week)
    expect_success(done, "out.parquet")
    n = len(week.data("telco_churn_raw"))
    counts = (str(n), f"{n:,}")
    for verb, words in (("read", ("read", "load")), ("wrote", ("wrot", "writ", "sav"))):
        found = [line for line in lines(done["stderr"])
                 if any(c in line for c in counts) and any(w in line.lower() for w in words)]
        got = f"stderr:\n{tail(done['stderr'])}" if done["stderr"].strip() else "nothing on stderr"
        if done["stdout"].strip():
            got += f"\nstdout (print?):\n{tail(done['stdout'], 2)}"
        expect(bool(found), f"at --log-level INFO, log how many rows you {verb} (on stderr)",
               expected=f"a line like '{verb} {n} rows ...' from logging.getLogger"
                        "('telco.cleaner').info", got=got)
    debug = [line for line in lines(done["stderr"]) if DEBUG_LINE.search(line)]
    expect(not debug, "at --log-level INFO, DEBUG messages should stay hidden",
           expected="no DEBUG lines (basicConfig(level=args.log_level))",
           got=f"{len(debug)} DEBUG line(s), e.g. {debug[0][:90]!r}" if debug else "")


@milestone("1.8")
def test_nothing_printed_on_stdout(week):
    """stdout is for data a pipe might read; what the tool did belongs in the log."""
    for done, run in ((parquet_run(week), "--output out.parquet"),
                      (csv_run(week), "--output out.csv --log-level DEBUG")):
        expect(not done["stdout"].strip(), f"the cleaner ({run}) should print nothing on stdout",
               expected="empty stdout: use logging, not print()",
               got=f"stdout:\n{tail(done['stdout'])}")


@milestone("1.8")
def test_debug_level_shows_details(week):
    info, debug = parquet_run(week), csv_run(week)
    expect_success(debug, "out.csv")
    expect(len(lines(debug["stderr"])) > len(lines(info["stderr"])),
           "--log-level DEBUG should show more than INFO: the details (dtypes, ...)",
           expected=f"more than the {len(lines(info['stderr']))} lines logged at INFO",
           got=f"{len(lines(debug['stderr']))} lines:\n{tail(debug['stderr'])}")


@milestone("1.8")
def test_writes_csv_too(week):
    expect_success(csv_run(week), "out.csv")
    expected = reference.clean(week.data("telco_churn_raw"))
    got = read_written(week, "out.csv")
    expect(set(expected.columns) <= set(got.columns) and got.index.name == "customer_id",
           "out.csv should have a customer_id column and the 20 cleaned columns",
           expected=f"customer_id, {', '.join(expected.columns[:4])}, ...",
           got=", ".join(map(str, [got.index.name, *got.columns][:8])))
    reference.expect_same_table(reference.like(got, expected), expected, what="out.csv")


@milestone("1.8")
def test_missing_input_is_one_line_error(week):
    expect_help_names_the_options(week)
    done = run_cleaner(week, "--input", "no_such_file.csv", "--output", "never.parquet")
    expect(done["returncode"] not in (0, None), "a missing input file is an error: exit non-zero",
           expected="exit 1 and one line on stderr", got=f"exit {done['returncode']}")
    errors = lines(done["stderr"])
    expect("Traceback" not in done["stderr"] and len(errors) == 1,
           "say what is wrong in one line on stderr, not with a traceback",
           expected="one line, like: error: input file not found: no_such_file.csv",
           got=f"{len(errors)} lines, ending:\n{tail(done['stderr'])}")
    expect("no_such_file.csv" in errors[0], "the error should name the file it cannot find",
           expected="a line naming no_such_file.csv", got=errors[0][:110])
