# scenario: patch
from sklearn.ensemble import GradientBoostingClassifier


def build_pipeline() -> Pipeline:
    """Prepare the cleaned columns, then gradient boosting (its own ranking, no scaling needed)."""
    prepare = ColumnTransformer([
        ("numbers", "passthrough", NUMERIC_COLUMNS),
        ("categories", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL_COLUMNS),
    ])
    return Pipeline([("prepare", prepare),
                     ("model", GradientBoostingClassifier(random_state=0))])
