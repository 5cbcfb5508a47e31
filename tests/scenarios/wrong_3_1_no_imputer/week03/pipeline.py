# scenario: patch
def build_pipeline(model=None):
    # the cleaned table has no missing values, so nothing to impute
    prepare = ColumnTransformer([
        ("numbers", StandardScaler(), NUMERIC_COLUMNS),
        ("categories", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL_COLUMNS)])
    return Pipeline([("prepare", prepare), ("model", model or LogisticRegression(max_iter=1000))])
