"""Milestone 3.1: every step from a cleaned customer to a churn probability, in one object.

In week 2 you encoded the training rows, remembered what you learned, and applied it to the
test rows by hand. A scikit-learn ``Pipeline`` does that bookkeeping for you: ``fit`` learns
every step from the rows it is given and nothing else, ``predict_proba`` replays them. The
same object goes into cross-validation, tuning, a saved file and, in week 4, a web service,
so none of them can leak or drift apart.
"""

from __future__ import annotations

from sklearn.base import ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

#: Columns that hold amounts: imputed (a customer may arrive without one) and scaled.
NUMERIC_COLUMNS = ["tenure", "monthly_charges", "total_charges"]
#: Columns with a few levels (the yes/no flags are two-level categories): one-hot encoded.
CATEGORICAL_COLUMNS = [
    "gender", "senior_citizen", "partner", "dependents", "phone_service", "multiple_lines",
    "internet_service", "online_security", "online_backup", "device_protection",
    "tech_support", "streaming_tv", "streaming_movies", "contract", "paperless_billing",
    "payment_method",
]  # fmt: skip


def build_pipeline(model: ClassifierMixin | None = None) -> Pipeline:
    """Return an unfitted pipeline: prepare the cleaned columns, then a classifier.

    Parameters
    ----------
    model : classifier, optional
        The last step. Default: ``LogisticRegression(max_iter=1000)``. Week 3's comparison
        passes a ``HistGradientBoostingClassifier`` here to reuse the same preparation.

    Returns
    -------
    Pipeline
        Unfitted, with two steps: ``"prepare"`` (a ``ColumnTransformer``) and ``"model"``.
        It takes the cleaned table of ``data/telco_churn_clean.parquet`` without ``churn``
        (any column order) and copes at predict time with a category level it never saw
        (all zeros) and with a missing number (filled from the training rows: their median
        is a robust choice for skewed amounts such as total_charges).

    Examples
    --------
    >>> table = pd.read_parquet("../../data/telco_churn_clean.parquet")  # doctest: +SKIP
    >>> pipe = build_pipeline().fit(table.drop(columns="churn"), table["churn"])  # doctest: +SKIP
    >>> pipe.predict_proba(table.drop(columns="churn").head(2)).shape  # doctest: +SKIP
    (2, 2)
    """
    # BEGIN SOLUTION
    numbers = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    # handle_unknown="ignore": a payment method added next month must not crash scoring.
    categories = OneHotEncoder(handle_unknown="ignore")
    prepare = ColumnTransformer([("numbers", numbers, NUMERIC_COLUMNS),
                                 ("categories", categories, CATEGORICAL_COLUMNS)])
    return Pipeline([("prepare", prepare),
                     ("model", model if model is not None else LogisticRegression(max_iter=1000))])
    # END SOLUTION
