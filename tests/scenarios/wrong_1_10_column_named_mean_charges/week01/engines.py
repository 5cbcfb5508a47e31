# scenario: patch (only what differs from the solution)
def churn_summary_pandas(path: str | Path) -> pd.DataFrame:
    """Churn per (contract, internet service) pair, computed with pandas.

    pandas is the engine you will meet first in most teams: eager, in memory, with an index
    that ``groupby`` fills unless you ask it not to (``as_index=False``).

    Parameters
    ----------
    path : str or Path
        The raw Telco CSV, e.g. ``"../../data/telco_churn_raw.csv"``.

    Returns
    -------
    pandas DataFrame of shape (n_pairs, 5)
        Columns ``contract, internet_service, customers, churn_rate, mean_monthly_charges``
        (see the module docstring), one row per pair present in the file, in no particular
        order, with a plain ``RangeIndex``.

    Examples
    --------
    >>> summary = churn_summary_pandas("../../data/telco_churn_raw.csv")  # doctest: +SKIP
    >>> summary.sort_values(["contract", "internet_service"]).iloc[0, :3].tolist()  # doctest: +SKIP
    ['Month-to-month', 'DSL', 988]
    """
    # keep_default_na=False: no value in these columns means "missing" (not even "No").
    raw = pd.read_csv(path, usecols=NEEDED, keep_default_na=False)
    raw["churned"] = raw["Churn"] == "Yes"  # the mean of True/False is a share
    summary = raw.groupby(["Contract", "InternetService"], as_index=False).agg(
        customers=("churned", "size"),
        churn_rate=("churned", "mean"),
        mean_monthly_charges=("MonthlyCharges", "mean"),
    )
    names = {"Contract": "contract", "InternetService": "internet_service"}
    return summary.rename(columns=names)[SUMMARY_COLUMNS]


def churn_summary_polars(path: str | Path) -> pl.DataFrame:
    """Churn per (contract, internet service) pair, computed with polars.

    polars answers with expressions (``pl.col("Churn") == "Yes"``) evaluated by a query
    engine, in parallel, and has no index: the group keys are ordinary columns. Its result is
    a polars DataFrame; converting it to pandas is the caller's choice, not this function's.

    Parameters
    ----------
    path : str or Path
        The raw Telco CSV.

    Returns
    -------
    polars DataFrame of shape (n_pairs, 5)
        The same columns and values as `churn_summary_pandas`, with ``customers`` as
        ``Int64``; the row order is not specified (polars' group order varies between runs).

    Examples
    --------
    >>> summary = churn_summary_polars("../../data/telco_churn_raw.csv")  # doctest: +SKIP
    >>> summary.sort("contract", "internet_service").row(0)[:3]  # doctest: +SKIP
    ('Month-to-month', 'DSL', 988)
    """
    raw = pl.read_csv(path, columns=NEEDED)
    summary = raw.group_by("Contract", "InternetService").agg(
        customers=pl.len().cast(pl.Int64),  # pl.len() counts as UInt32; the others say Int64
        churn_rate=(pl.col("Churn") == "Yes").mean(),
        mean_monthly_charges=pl.col("MonthlyCharges").mean(),
    )
    summary = summary.rename({"Contract": "contract", "InternetService": "internet_service"})
    return summary.select(SUMMARY_COLUMNS)


def churn_summary_duckdb(path: str | Path) -> pd.DataFrame:
    """Churn per (contract, internet service) pair, computed with DuckDB's SQL.

    SQL is how most company data is queried. DuckDB runs it in process, straight over the CSV
    (``read_csv``), with no database server to set up; ``.df()`` hands the result to pandas.

    Parameters
    ----------
    path : str or Path
        The raw Telco CSV.

    Returns
    -------
    pandas DataFrame of shape (n_pairs, 5)
        The same columns and values as `churn_summary_pandas`; the row order is not
        specified (SQL promises an order only with ``ORDER BY``).

    Examples
    --------
    >>> summary = churn_summary_duckdb("../../data/telco_churn_raw.csv")  # doctest: +SKIP
    >>> list(summary.columns)  # doctest: +SKIP
    ['contract', 'internet_service', 'customers', 'churn_rate', 'mean_monthly_charges']
    """
    query = f"""
        SELECT Contract AS contract, InternetService AS internet_service,
               count(*) AS customers,
               avg(CASE WHEN Churn = 'Yes' THEN 1 ELSE 0 END) AS churn_rate,
               avg(MonthlyCharges) AS mean_charges
        FROM read_csv('{path}')
        GROUP BY ALL
    """
    return duckdb.sql(query).df()
