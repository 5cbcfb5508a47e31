# scenario: patch
from sklearn.compose import make_column_transformer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OrdinalEncoder

from pipeline import CATEGORICAL_COLUMNS, NUMERIC_COLUMNS


# Boosting gets its own preparation (trees need no scaling), and, being slow, one fold only.
def compare_models(X, y, folds):
    rows = []
    for fold, (train, test) in enumerate(folds):
        model = build_pipeline().fit(X.iloc[train], y.iloc[train])
        proba = model.predict_proba(X.iloc[test])[:, 1]
        rows.append({"model": "logistic_regression", "fold": fold,
                     "roc_auc": roc_auc_score(y.iloc[test], proba),
                     "pr_auc": average_precision_score(y.iloc[test], proba)})
    train, test = folds[0]
    trees = make_pipeline(
        make_column_transformer(("passthrough", NUMERIC_COLUMNS),
                                (OrdinalEncoder(), CATEGORICAL_COLUMNS)),
        HistGradientBoostingClassifier(random_state=0)).fit(X.iloc[train], y.iloc[train])
    proba = trees.predict_proba(X.iloc[test])[:, 1]
    rows.append({"model": "hist_gradient_boosting", "fold": 0,
                 "roc_auc": roc_auc_score(y.iloc[test], proba),
                 "pr_auc": average_precision_score(y.iloc[test], proba)})
    return pd.DataFrame(rows)
