# scenario: patch
def build_pipeline(model=None):
    # one-hot the categories; ColumnTransformer keeps the rest (it does not: remainder="drop")
    prepare = ColumnTransformer([
        ("categories", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL_COLUMNS)])
    return Pipeline([("prepare", prepare), ("model", model or LogisticRegression(max_iter=1000))])
