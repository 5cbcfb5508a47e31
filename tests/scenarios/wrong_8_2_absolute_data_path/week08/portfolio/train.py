# scenario: patch
DEFAULT_DATA = Path("/home/maria/ml-path/data/telco_churn_clean.parquet")
