# scenario: patch
def build_pipeline(model=None):
    numbers = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    prepare = ColumnTransformer([("numbers", numbers, NUMERIC_COLUMNS),
                                 ("categories", OneHotEncoder(), CATEGORICAL_COLUMNS)])
    return Pipeline([("prepare", prepare), ("model", model or LogisticRegression(max_iter=1000))])
