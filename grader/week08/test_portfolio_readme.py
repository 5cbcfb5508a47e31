"""Milestone 8.1: a portfolio README whose headline number the grader gets too.

The README (``portfolio/README.md``) is read judge-side (`ref_portfolio`): five sections, one
``Headline metric:`` line in Results, two figures with alt text. Then the claim is tested the
way a sceptical reviewer would: the grader fits the learner's ``build_pipeline()`` of
``portfolio/train.py`` in the sandbox on week 2's 4,507 training customers, scores the 1,127
test customers, computes the named metric itself and compares (``PUBLIC_TOLERANCE``). The
figures must be files next to the README that pillow opens and that are not blank.
"""

from __future__ import annotations

from typing import Any

from grader.engine.checks import CheckFailed, expect, milestone
from grader.engine.outcomes import current
from grader.week08 import ref_portfolio as P


def portfolio_readme(week: Any, about: str) -> str:
    """The README; the starter's (five empty sections) is "not started"."""
    text = P.readme(week, about)
    if P.not_started(text):
        P.raise_not_started(week, "the sections")
    return text


def headline(week: Any) -> P.Headline:
    """The Results section's headline, read; missing or unreadable fails with the format."""
    text = portfolio_readme(week, f"the \"Headline metric:\" line of {P.SHOWN}, ## Results")
    found = P.find_headline(text)
    if found is None:
        if not P.written(text, P.RESULTS):
            P.raise_not_started(week, "the Results section")
        raise CheckFailed(f"{P.SHOWN}'s section ## Results should state one headline number "
                          "a reader can check", expected=P.EXAMPLE_HEADLINE,
                          got="no line starting \"Headline metric:\" in the README",
                          lines=["Next      add that line to ## Results, with the number "
                                 "python train.py printed"])
    if found.misplaced:
        raise CheckFailed(found.problem, expected=f"{P.EXAMPLE_HEADLINE}, under ## {P.RESULTS}",
                          got=f"line {found.line}: {found.text[:140]}")
    if found.problem:
        raise CheckFailed(f"the headline at {P.SHOWN} line {found.line} cannot be read: "
                          f"{found.problem}", expected=P.EXAMPLE_HEADLINE,
                          got=f"line {found.line}: {found.text[:140]}")
    return found


def week2_scores(week: Any) -> dict[str, Any]:
    """build_pipeline() fitted on week 2's training customers, scored on both sides (once)."""
    train, test = P.week2_split(week.data("telco_churn_clean"))
    X_train, X_test = train.drop(columns="churn"), test.drop(columns="churn")
    label = (f"build_pipeline().fit(X_train, y_train) on week 2's split ({len(train):,} "
             f"training customers), then predict_proba(X_test) ({len(test):,} test customers)")
    fitted = week.once("8.1 build_pipeline on week 2's split", lambda: P.fit_and_score(
        week, X_train, train["churn"], {"X_test": X_test, "X_train": X_train}, label))
    return {"scores": fitted.scores, "pipeline": fitted.pipeline, "X_test": X_test,
            "y_test": test["churn"], "y_train": train["churn"], "n_train": len(train),
            "n_test": len(test)}


@milestone("8.1")
def test_readme_has_the_five_sections(week):
    text = portfolio_readme(week, f"the sections of {P.SHOWN}")
    missing = [title for title in P.SECTIONS if P.section_line(text, title) is None]
    expect(not missing, f"{P.SHOWN} should have the five sections a reviewer looks for",
           expected="headings " + ", ".join(f"## {title}" for title in P.SECTIONS),
           got="no heading " + ", ".join(f"## {title}" for title in missing))
    empty = [title for title in P.SECTIONS if not P.written(text, title)]
    expect(not empty, f"every section of {P.SHOWN} should say something",
           expected="text under each heading (HTML comments do not show on GitHub)",
           got="nothing under " + ", ".join(
               f"## {title} (line {P.section_line(text, title)})" for title in empty))


@milestone("8.1")
def test_headline_metric_line_names_a_metric_and_a_value(week):
    found = headline(week)
    expect(found.metric in P.NAMES and found.value is not None,
           f"the headline at {P.SHOWN} line {found.line} should name a metric and its value",
           expected=P.EXAMPLE_HEADLINE, got=found.text[:140])


@milestone("8.1")
def test_headline_is_what_the_pipeline_scores_on_week2_test_customers(week):
    found = headline(week)
    fitted = week2_scores(week)
    current.where = f"{week.shown_as}/{P.README}"
    current.checking = (f"{P.SHOWN} line {found.line} (## Results): {found.shown}, against "
                        f"build_pipeline() refitted on week 2's split")
    test = P.metric(found, fitted["y_test"], fitted["scores"]["X_test"])
    if abs(found.value - test) <= P.PUBLIC_TOLERANCE:
        return
    name = P.NAMES[found.metric]
    lines = []
    train = P.metric(found, fitted["y_train"], fitted["scores"]["X_train"])
    if abs(found.value - train) <= P.PUBLIC_TOLERANCE / 2 < abs(train - test):
        lines.append(f"Tip       {train:.3f} is its {name} on the {fitted['n_train']:,} "
                     "training customers: the headline must come from the test customers")
    if found.metric in P.DECISION_METRICS:
        at = (f"threshold {found.threshold:g}" if found.threshold is not None
              else "predict(), the model's default 0.5 (no threshold named on the line)")
        lines.append(f"Note      {name} depends on the threshold; the grader used {at}")
    if found.metric in P.DECISION_METRICS and found.threshold is None:
        lines.append(f"Next      name the threshold on the line (\"{found.written_as} "
                     f"{found.value:.3g} at P(churn) >= 0.10\") or headline a threshold-free "
                     "metric (ROC-AUC, PR-AUC)")
    else:
        lines.append("Next      run python train.py and copy the number it reports for the "
                     "test customers into the line")
    raise CheckFailed(f"the headline at {P.SHOWN} line {found.line} (## Results) claims a "
                      f"{name} your pipeline does not reach: the grader fitted build_pipeline() "
                      f"on week 2's {fitted['n_train']:,} training customers and scored the "
                      f"{fitted['n_test']:,} test customers",
                      expected=f"{name} {test:.3f} (± {P.PUBLIC_TOLERANCE}), as recomputed",
                      got=f"{found.written_as} {found.value:g}: {found.text[:100]}", lines=lines)


def expected_figures() -> str:
    return "\n".join(P.EXAMPLE_IMAGES)


@milestone("8.1")
def test_figures_are_pictures_next_to_the_readme(week):
    text = portfolio_readme(week, f"the images of {P.SHOWN}")
    found = [image for image in P.images(text) if not image.remote]
    if not found and not P.written(text, P.RESULTS):
        P.raise_not_started(week, "the Results section")
    expect(found, f"{P.SHOWN} should show its two figures, saved by train.py next to it",
           expected=expected_figures(), got="no image linked to a file of the project "
           f"({len(P.images(text))} image(s) in all)")
    for image in found:
        link = f"![{image.alt[:30]}]({image.target})"
        path = image.path()
        current.checking = f"{link} at {P.SHOWN} line {image.line}"
        expect(path is not None, f"the image at {P.SHOWN} line {image.line} should be a file "
               "of the project, linked relative to the README, so it shows on GitHub and "
               "travels with a clone", expected="images/confusion_matrix.png",
               got=image.target[:120])
        data = week.read_file(path)
        inside, _, name = path.removeprefix(P.PROJECT + "/").rpartition("/")
        if data is None:
            raise CheckFailed(f"the image at {P.SHOWN} line {image.line} is not there: a "
                              "reader sees a broken image", expected=f"a committed file {path}",
                              got=f"no such file (did python train.py write it elsewhere, or "
                              f"is {path.rsplit('/', 1)[0]}/ not committed?)",
                              lines=["Next      run python train.py and commit "
                                     f"{inside + '/' if inside else name}"])
        problem = P.image_problem(data)
        expect(problem is None, f"{path} (linked at {P.SHOWN} line {image.line}) should be a "
               "picture a reader can look at", expected="a PNG chart that pillow opens, not "
               "one flat colour (savefig after drawing)", got=problem)


@milestone("8.1")
def test_figure_alt_texts_name_what_they_show(week):
    text = portfolio_readme(week, f"the alt texts of {P.SHOWN}'s images")
    found = P.images(text)
    if not found and not P.written(text, P.RESULTS):
        P.raise_not_started(week, "the Results section")
    listed = "; ".join(f"line {i.line}: ![{i.alt[:40]}]({i.target[:40]})" for i in found[:3])
    for what, example in zip(P.FIGURES, P.EXAMPLE_IMAGES, strict=True):
        image = P.figure_for(found, what)
        expect(image is not None, f"one image of {P.SHOWN} should be the {what}, and its alt "
               "text should say so: it is what a screen reader reads, and what shows when the "
               "image does not load", expected=example,
               got=listed or "no images in the README")
        expect(not image.remote, f"the {what} at {P.SHOWN} line {image.line} should be the "
               "file train.py wrote, linked by a relative path", expected=example,
               got=image.target[:120])
