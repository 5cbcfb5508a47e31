# scenario: patch (this case varies encode, fit_logistic and evaluate: a ColumnTransformer by dtype)
import numpy as np
from sklearn.compose import make_column_selector, make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def encode(train, test):
    prepare = make_column_transformer(
        (StandardScaler(), make_column_selector(dtype_include=["int64", "float64"])),
        (OneHotEncoder(handle_unknown="ignore", drop="if_binary"),
         make_column_selector(dtype_include=["bool", "category", "object"])),
        sparse_threshold=0,
    )
    features = train.columns.drop("churn", errors="ignore")
    X_train = prepare.fit_transform(train[features])
    return X_train.astype(float), prepare.transform(test[features]).astype(float)


def fit_logistic(X, y, seed=0):
    return LogisticRegression(C=1.0, max_iter=2000, random_state=seed).fit(X, y)


def evaluate(model, X, y):
    scores = model.predict_proba(X)[:, list(model.classes_).index(True)]
    labels = scores >= 0.5
    return {"accuracy": float(np.mean(labels == y)),
            "precision": precision_score(y, labels, zero_division=0),
            "recall": recall_score(y, labels),
            "roc_auc": roc_auc_score(y, scores),
            "pr_auc": average_precision_score(y, scores),
            "accuracy_check": accuracy_score(y, model.predict(X))}
