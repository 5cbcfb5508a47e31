# scenario: patch
from sklearn.impute import KNNImputer


def build_pipeline(model=None):
    # KNN fills a missing bill from similar customers; everything is scaled after encoding.
    prepare = ColumnTransformer(
        [("numbers", KNNImputer(n_neighbors=5), NUMERIC_COLUMNS),
         ("categories", OneHotEncoder(handle_unknown="ignore", sparse_output=False),
          CATEGORICAL_COLUMNS)],
        verbose_feature_names_out=False,
    )
    return Pipeline([("prepare", prepare), ("scale", StandardScaler()),
                     ("model", model if model is not None else LogisticRegression(C=0.5, max_iter=2000))])
