# scenario: patch
from sklearn.ensemble import HistGradientBoostingClassifier


def build_pipeline(model=None):
    # Another family as default: 60 small trees (the defaults overfit a little).
    if model is None:
        model = HistGradientBoostingClassifier(max_iter=60, max_leaf_nodes=8, random_state=0)
    numbers = SimpleImputer(strategy="median")  # trees need no scaling
    categories = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    prepare = ColumnTransformer([("numbers", numbers, NUMERIC_COLUMNS),
                                 ("categories", categories, CATEGORICAL_COLUMNS)])
    return Pipeline([("prepare", prepare), ("model", model)])
