# scenario: patch
def build_pipeline(model=None):
    # logistic regression needs numbers, so keep the numbers
    numbers = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    prepare = ColumnTransformer([("numbers", numbers, NUMERIC_COLUMNS)])
    return Pipeline([("prepare", prepare), ("model", model or LogisticRegression(max_iter=1000))])
