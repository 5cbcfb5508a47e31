"""Milestone 3.1: one Pipeline from a cleaned customer to a churn probability.

The checks build the learner's pipeline, fit it on training rows the judge chose and score
rows it did not see: the customers of next month, including a few awkward ones. What comes
out of the sandbox is data (probabilities, names, flags); the fitted pipeline stays there.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week03 import ref_pipeline as ref

INSPECT_SNIPPET = """
from sklearn.base import is_classifier
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted
import pipeline

if use_model:
    from sklearn.ensemble import HistGradientBoostingClassifier
    model = HistGradientBoostingClassifier(random_state=0)
    built = pipeline.build_pipeline(model=model)
else:
    model, built = None, pipeline.build_pipeline()
result = {"type": type(built).__name__, "is_pipeline": isinstance(built, Pipeline)}
if result["is_pipeline"]:
    last = built.steps[-1][1] if built.steps else None
    try:
        check_is_fitted(built)
        result["fitted"] = True
    except NotFittedError:
        result["fitted"] = False
    result.update(
        steps=[name for name, _ in built.steps],
        last=type(last).__name__,
        last_is_classifier=bool(is_classifier(last)),
        last_is_model=last is model or (
            model is not None and type(last) is type(model)
            and last.get_params() == model.get_params()),
    )
"""

NOT_FITTED = ("build_pipeline only assembles the steps; the caller fits it (on training rows "
              "only, so nothing learns from the test rows)")


def inspect_built(week, *, use_model: bool) -> dict:
    """Facts about a freshly built pipeline, read in the sandbox."""
    call = ("build_pipeline(model=HistGradientBoostingClassifier(random_state=0))"
            if use_model else "build_pipeline()")
    return week.run_snippet(INSPECT_SNIPPET, label=call, target="pipeline.build_pipeline",
                            use_model=use_model)


def fitted_on_judge_split(week):
    """build_pipeline() fitted on the judge's training rows (once per kernel), and the split."""
    X_train, X_test, y_train, y_test = ref.judge_split(week.data("telco_churn_clean"))

    def fit():
        pipe = week.call("pipeline.build_pipeline")
        return pipe.fit(week.label(X_train, "X_train"), week.label(y_train, "y_train"))

    return week.once("build_pipeline().fit(X_train, y_train)", fit), X_test, y_test


@milestone("3.1")
def test_build_pipeline_returns_an_unfitted_pipeline(week):
    got = inspect_built(week, use_model=False)
    expect(got["is_pipeline"], "build_pipeline() should return a scikit-learn Pipeline",
           expected="sklearn.pipeline.Pipeline", got=got["type"])
    expect(not got["fitted"], f"build_pipeline() returned a fitted pipeline: {NOT_FITTED}",
           expected="check_is_fitted(pipeline) raises NotFittedError",
           got=f"a fitted Pipeline with steps {got['steps']}")
    expect(got["last_is_classifier"], "the last step of the pipeline should be the classifier",
           expected="LogisticRegression(max_iter=1000) (or another classifier) as last step",
           got=f"steps {got['steps']}, last a {got['last']}")


@milestone("3.1")
def test_model_argument_becomes_the_last_step(week):
    got = inspect_built(week, use_model=True)
    expect(got["is_pipeline"], "build_pipeline(model) should return a scikit-learn Pipeline",
           expected="sklearn.pipeline.Pipeline", got=got["type"])
    expect(got["last_is_model"], "build_pipeline(model) should put that model last, so that "
           "week 3's comparison reuses the same preparation",
           expected="HistGradientBoostingClassifier(random_state=0) as last step",
           got=f"steps {got['steps']}, last a {got['last']}")
    expect(not got["fitted"], f"build_pipeline(model) returned a fitted pipeline: {NOT_FITTED}",
           expected="an unfitted Pipeline", got=f"a fitted Pipeline with steps {got['steps']}")


@milestone("3.1")
def test_scores_customers_it_did_not_see(week):
    from sklearn.metrics import roc_auc_score

    pipe, X_test, y_test = fitted_on_judge_split(week)
    scored = ref.score(week, pipe, week.label(X_test, "X_test"),
                       "build_pipeline().fit(X_train, y_train).predict_proba(X_test)")
    proba = ref.expect_scored(scored, len(X_test), "the test rows", "")
    auc = roc_auc_score(y_test, proba)
    expect(auc >= ref.PUBLIC_MIN_ROC_AUC,
           "the pipeline ranks customers it did not see poorly. Does it use every column "
           "(numbers scaled, categories one-hot encoded)?",
           expected=f"ROC-AUC >= {ref.PUBLIC_MIN_ROC_AUC} on a stratified 25 % test split",
           got=f"ROC-AUC {auc:.3f}")


@milestone("3.1")
def test_unseen_payment_method_is_scored(week):
    pipe, X_test, _ = fitted_on_judge_split(week)
    X_new = ref.with_new_level(X_test, "payment_method", ref.NEW_PAYMENT_METHOD, slice(0, 10))
    scored = ref.score(week, pipe, X_new, f"predict_proba(X_test) where 10 customers pay by "
                       f"{ref.NEW_PAYMENT_METHOD!r}")
    ref.expect_scored(scored, len(X_new), f"a payment method it never saw "
                      f"({ref.NEW_PAYMENT_METHOD!r})",
                      'Use OneHotEncoder(handle_unknown="ignore"): a new level becomes all zeros')


@milestone("3.1")
def test_missing_values_are_scored(week):
    pipe, X_test, _ = fitted_on_judge_split(week)
    X_nan = ref.with_missing(X_test, "monthly_charges", slice(0, 10))
    scored = ref.score(week, pipe, X_nan, "predict_proba(X_test) where 10 customers have no "
                       "monthly_charges (NaN)")
    ref.expect_scored(scored, len(X_nan), "a missing monthly_charges (NaN)",
                      "Put an imputer (SimpleImputer(strategy=\"median\")) before the scaler: "
                      "it learns the fill value from the training rows")
    X_nan = ref.with_missing(X_test, "payment_method", slice(0, 10))
    scored = ref.score(week, pipe, X_nan, "predict_proba(X_test) where 10 customers have no "
                       "payment_method (NaN)")
    ref.expect_scored(scored, len(X_nan), "a missing payment_method (NaN)",
                      'A missing category is one more unseen level: OneHotEncoder('
                      'handle_unknown="ignore") scores it as all zeros')


@milestone("3.1")
def test_column_order_does_not_change_predictions(week):
    pipe, X_test, _ = fitted_on_judge_split(week)
    ordered = ref.score(week, pipe, X_test, "predict_proba(X_test)")
    expected = ref.expect_scored(ordered, len(X_test), "the test rows", "")
    reversed_columns = X_test[X_test.columns[::-1]]
    scored = ref.score(week, pipe, reversed_columns,
                       "predict_proba(X_test[X_test.columns[::-1]])")
    fix = ("Select columns by name (ColumnTransformer with NUMERIC_COLUMNS and "
           "CATEGORICAL_COLUMNS), never by position: a service may send them in any order")
    got = ref.expect_scored(scored, len(X_test), "the test rows with columns in reverse order",
                            fix)
    changed = int((~np.isclose(got, expected, rtol=1e-9, atol=1e-12)).sum())
    expect(changed == 0, f"the same customers got other probabilities when their columns came "
           f"in reverse order. {fix}",
           expected="identical predictions for any column order",
           got=f"{changed} of {len(got)} probabilities changed")
