# scenario: patch
from sklearn.preprocessing import FunctionTransformer


def build_pipeline() -> Pipeline:
    """One more feature, then the usual preparation and a logistic regression."""
    prepare = ColumnTransformer([
        ("numbers", StandardScaler(), [*NUMERIC_COLUMNS, "charges_per_month"]),
        ("categories", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL_COLUMNS),
    ])
    return Pipeline([("features", FunctionTransformer(add_features)), ("prepare", prepare),
                     ("model", LogisticRegression(max_iter=1000))])
