# scenario: patch
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline

from pipeline import CATEGORICAL_COLUMNS, NUMERIC_COLUMNS


# Boosting reads the categories natively: the preparation only selects the columns and keeps
# their pandas dtypes, and categorical_features="from_dtype" does the rest.
def _make(name):
    if name == "logistic_regression":
        return build_pipeline()
    keep = ColumnTransformer([("keep", "passthrough", NUMERIC_COLUMNS + CATEGORICAL_COLUMNS)],
                             verbose_feature_names_out=False).set_output(transform="pandas")
    model = HistGradientBoostingClassifier(categorical_features="from_dtype", random_state=0)
    return Pipeline([("prepare", keep), ("model", model)])
