# scenario: patch
from sklearn.compose import make_column_selector, make_column_transformer


def build_pipeline(model=None):
    # Columns chosen by dtype, not by list: numbers are int/float, the rest bool or category.
    prepare = make_column_transformer(
        (make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()),
         make_column_selector(dtype_include="number")),
        (OneHotEncoder(handle_unknown="ignore", drop="if_binary"),
         make_column_selector(dtype_include=["bool", "category"])),
    )
    if model is None:
        model = LogisticRegression(max_iter=1000)
    return Pipeline([("prepare", prepare), ("model", model)])
