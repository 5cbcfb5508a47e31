# scenario: patch
from sklearn.preprocessing import FunctionTransformer


def add_charges_per_month(X):
    """Week 2's feature: total_charges (column 18) per month of tenure (column 4)."""
    X = X.copy()
    X["charges_per_month"] = X.iloc[:, 18] / X.iloc[:, 4].clip(lower=1)
    return X


def build_pipeline(model=None):
    numbers = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    prepare = ColumnTransformer([
        ("numbers", numbers, NUMERIC_COLUMNS + ["charges_per_month"]),
        ("categories", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL_COLUMNS)])
    return Pipeline([("features", FunctionTransformer(add_charges_per_month)),
                     ("prepare", prepare),
                     ("model", model or LogisticRegression(max_iter=1000))])
