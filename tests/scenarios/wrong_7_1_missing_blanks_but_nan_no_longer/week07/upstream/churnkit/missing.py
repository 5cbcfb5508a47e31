# scenario: patch
def missing_report(frame: pd.DataFrame) -> pd.DataFrame:
    """Count the missing values of each column, most missing first."""
    missing = frame.astype(str).apply(lambda column: column.str.strip() == "")
    counts = missing.sum().astype("int64")
    report = pd.DataFrame(
        {"n_missing": counts, "share_missing": counts / len(frame) if len(frame) else 0.0},
        columns=REPORT_COLUMNS,
    ).astype({"share_missing": "float64"})
    report.index.name = "column"
    return report.sort_values("n_missing", ascending=False, kind="stable")
