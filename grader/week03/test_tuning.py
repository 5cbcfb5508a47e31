"""Milestone 3.3: tune on folds of the training rows; the test rows are scored once, at the end.

The learner's search stays in the sandbox; a snippet reads what it is (a fitted search over a
pipeline), how it splits the rows (stratified?) and what its scorer returns on rows the judge
chose. The metric is named here, in the judge, by recomputing the candidates from the search's
own probabilities (grader/week03/ref_tuning.py). The test scores tune_and_test reports are
recomputed here from the pipeline ``tune(X_train, y_train)`` chose.
"""

from __future__ import annotations

from typing import Any

from grader.engine.checks import (
    Handle,
    describe,
    expect,
    expect_equal,
    expect_type,
    milestone,
)
from grader.week03 import ref_pipeline, ref_tuning

TUNE = "tune(X_train, y_train)"
TUNE_AND_TEST = "tune_and_test(X_train, y_train, X_test, y_test)"
CONTRACT = ("best_params", "cv_score", "test_roc_auc", "test_pr_auc")
PEEKED = ("Only tune(X_train, y_train) may choose C and give cv_score: did the test rows help "
          "fit the search or pick the model? (Or are the folds and the search not seeded?)")


def split(week: Any) -> tuple[Any, Any, Any, Any]:
    """The judge's stratified split of the public customers, labelled for messages."""
    X_train, X_test, y_train, y_test = ref_pipeline.judge_split(week.data("telco_churn_clean"))
    for value, name in ((X_train, "X_train"), (X_test, "X_test"), (y_train, "y_train"),
                        (y_test, "y_test")):
        week.label(value, name)
    return X_train, X_test, y_train, y_test


def tuned(week: Any) -> tuple[Any, dict[str, Any], Any]:
    """The learner's search on the judge's training rows (fit once), its facts, and y_test."""
    X_train, X_test, y_train, y_test = split(week)

    def tune() -> Any:
        return week.call("tuning.tune", X_train, y_train, seed=0)

    search = week.once(TUNE, tune)
    expect(isinstance(search, Handle), "tune should return the fitted search object "
           "(GridSearchCV or RandomizedSearchCV), not plain data",
           expected="a fitted GridSearchCV", got=describe(search))
    facts = ref_tuning.search_facts(week, search, X_train, y_train, X_test, y_test, TUNE)
    expect(facts["fitted"] or not facts["is_search"], "tune should return the search fitted "
           "on the training rows: return search.fit(X_train, y_train)",
           expected=f"a fitted {facts['type']}", got=f"an unfitted {facts['type']}")
    return search, facts, y_test


def reported(week: Any) -> dict[str, Any]:
    """tune_and_test on the judge's split (once), checked against the contract's keys."""
    X_train, X_test, y_train, y_test = split(week)

    def tune_and_test() -> Any:
        return week.call("tuning.tune_and_test", X_train, y_train, X_test, y_test, seed=0)

    got = week.once(TUNE_AND_TEST, tune_and_test)
    expect_contract(got)
    return got


def expect_contract(got: Any) -> None:
    """A dict with best_params (dict) and three numbers, as the contract says."""
    expect_type(got, dict, "tune_and_test(...)")
    missing = [key for key in CONTRACT if key not in got]
    expect(not missing, "tune_and_test should return a dict with the four results",
           expected=f"keys {', '.join(CONTRACT)}", got=f"keys {', '.join(map(str, got))}")
    expect_type(got["best_params"], dict, "best_params")
    for key in ("cv_score", "test_roc_auc", "test_pr_auc"):
        value = got[key]
        expect(isinstance(value, (int, float)) and not isinstance(value, bool),
               f"{key} should be a number", expected="a float", got=describe(value))


@milestone("3.3")
def test_tune_returns_a_fitted_search_over_the_pipeline(week):
    _, facts, _ = tuned(week)
    expect(facts["is_search"], "tune should return the fitted search itself: tune_and_test and "
           "the notebook read best_params_, best_score_ and best_estimator_ from it",
           expected="a fitted GridSearchCV or RandomizedSearchCV",
           got=f"a {facts['type']}" + (" (the best pipeline only?)"
                                       if facts["type"] == "Pipeline" else ""))
    expect(facts["is_pipeline"], "the search should tune build_pipeline() and refit the best "
           "one (refit=True), so best_estimator_ is a whole pipeline ready to score customers",
           expected="best_estimator_ a Pipeline", got=f"best_estimator_ {facts['best']}")


@milestone("3.3")
def test_search_folds_are_stratified(week):
    _, facts, _ = tuned(week)
    expect(facts["is_search"], "tune should return the fitted search",
           expected="GridSearchCV or RandomizedSearchCV", got=f"a {facts['type']}")
    shares = facts["fold_shares"]
    overall = sum(shares) / len(shares)
    spread = max(abs(s - overall) for s in shares)
    stratified = facts["cv"] in ref_tuning.STRATIFIED or (
        facts["cv"] not in ref_tuning.UNSTRATIFIED
        and spread <= ref_tuning.FOLD_SHARE_TOLERANCE)
    expect(stratified, "the search's folds should be stratified on churn: with 26 % churners, "
           "plain folds hold more or fewer churners by chance, and C is then chosen partly "
           "on which fold got which customers",
           expected="cv=StratifiedKFold(5, shuffle=True, random_state=seed) (or cv=5)",
           got=f"{facts['cv']}: churn share per fold "
               + ", ".join(f"{s:.3f}" for s in shares))


@milestone("3.3")
def test_search_scores_with_a_ranking_metric(week):
    _, facts, y_test = tuned(week)
    expect(facts["is_search"], "tune should return the fitted search",
           expected="GridSearchCV or RandomizedSearchCV", got=f"a {facts['type']}")
    expect(facts.get("proba") is not None and facts["score"] is not None,
           "the search's best_estimator_ should give churn probabilities (predict_proba) and "
           "the search one score to choose by", expected="predict_proba and a scorer",
           got=f"best_estimator_ {facts['best']}, scoring={facts['scoring']}")
    metric = ref_tuning.metric_of(facts["score"], y_test, facts["proba"], facts["pred"])
    stay = 1 - float(y_test.mean())
    if metric == "accuracy":
        expect(False, "the search chooses C by accuracy, which misleads with 26 % churners: "
               f"predicting \"stays\" for everyone already scores {stay:.2f}, so accuracy "
               "hardly moves with C and rewards ignoring the churners",
               expected='scoring="roc_auc" (or "average_precision", "neg_log_loss")',
               got=f"scoring={facts['scoring']} (accuracy)")
    expect(metric in ref_tuning.RANKING, "the search should choose C by how well the model "
           "ranks churners above stayers, not by a score at one threshold",
           expected='scoring="roc_auc" (or "average_precision", "neg_log_loss")',
           got=f"scoring={facts['scoring']}" + (f" ({metric})" if metric else ""))


@milestone("3.3")
def test_tune_and_test_returns_the_four_results(week):
    got = reported(week)
    for key in ("test_roc_auc", "test_pr_auc"):
        expect(0.0 <= got[key] <= 1.0, f"{key} should be a score between 0 and 1",
               expected="a float in [0, 1]", got=repr(got[key]))
    expect(bool(got["best_params"]), "best_params should name the pipeline parameters the "
           "search chose, as search.best_params_ does", expected="{'model__C': ...}",
           got=repr(got["best_params"]))


@milestone("3.3")
def test_choice_and_cv_score_come_from_tune_on_training_rows(week):
    _, facts, _ = tuned(week)
    got = reported(week)  # last: messages point at tune_and_test
    expect(facts["is_search"], "tune should return the fitted search",
           expected="GridSearchCV or RandomizedSearchCV", got=f"a {facts['type']}")
    expect(got["best_params"] == facts["params"],
           f"best_params is not what {TUNE} chooses. {PEEKED}",
           expected=f"{facts['params']} (search.best_params_)", got=repr(got["best_params"]))
    expect_equal(float(got["cv_score"]), facts["best_score"], what="cv_score", rtol=1e-6,
                 explain=f"{facts['best_score']:.4f}, the best_score_ of {TUNE}. {PEEKED}")


@milestone("3.3")
def test_test_scores_are_the_chosen_pipeline_on_the_test_rows(week):
    _, facts, y_test = tuned(week)
    got = reported(week)  # last: messages point at tune_and_test
    expect(facts.get("proba") is not None, "the search's best_estimator_ should give churn "
           "probabilities", expected="predict_proba", got=f"a {facts['best']}")
    expected = ref_tuning.scores_of(y_test, facts["proba"])
    for key, value in expected.items():
        expect_equal(float(got[key]), value, what=key, rtol=1e-6,
                     explain=f"{value:.4f}: {TUNE}.best_estimator_ scored once on X_test, "
                     "from predict_proba(X_test)[:, 1]. Was the model fit on other rows, or "
                     "scored from 0/1 predictions?")
