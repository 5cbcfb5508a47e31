"""Judge-side reading of the portfolio README (8.1): its sections, its headline claim, its figures.

Nothing here runs learner code. The README is Markdown the learner wrote, so it is parsed the
way GitHub would show it (HTML comments blanked, fenced code skipped); what the claim is worth
is decided by refitting the learner's pipeline in the sandbox (`fit_and_score`) and computing
the named metric here, with week 2's split:

    headline = find_headline(text)   # Headline(metric="roc_auc", value=0.857, line=67, ...)
    images(text)                     # [Image(line=44, alt="Confusion matrix ...", target=...)]
    metric(headline, y, proba, decided)
"""

from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import numpy as np

from grader.engine.outcomes import CheckFailed, LearnerFault, current
from grader.engine.protocol import Reason
from grader.week04 import ref_readme

PROJECT = "portfolio"
README = f"{PROJECT}/README.md"
#: How messages name it: the week folder, then the path (week08/portfolio/README.md).
SHOWN = f"week08/{README}"
#: The five sections of a portfolio README, in the order a reader wants them.
SECTIONS = ("Problem", "Business context", "Approach", "Results", "How to run")
RESULTS = "Results"
EXAMPLE_HEADLINE = ("**Headline metric:** ROC-AUC 0.857 on the 1,127 test customers "
                    "(week 2's split)")
#: |claimed - recomputed| on week 2's test customers (the week README states it).
PUBLIC_TOLERANCE = 0.01
#: Week 2's split: 20 % of the customers for testing, stratified on churn, seed 42.
TEST_SIZE, SPLIT_SEED = 0.2, 42

#: Metric keys, the way messages name them.
NAMES = {"roc_auc": "ROC-AUC", "average_precision": "PR-AUC (average precision)",
         "f1": "F1", "precision": "precision", "recall": "recall", "accuracy": "accuracy"}
#: Metrics of decisions (a threshold), not of the ranking.
DECISION_METRICS = {"f1", "precision", "recall", "accuracy"}
#: What may join two words of a metric's name: a space, an underscore or any dash (PR–AUC).
_DASH = "[\\s_\u2010\u2011\u2012\u2013\u2014\u2212-]"
# Tried in this order when two names start at the same place ("AUC-PR" before "AUC").
_METRIC_PATTERNS = [
    ("average_precision", rf"PR{_DASH}?AUC|AUC{_DASH}?PRC?|AUPRC|AUCPR|AUPR"
                          rf"|average{_DASH}+precision(?:{_DASH}+score)?"
                          rf"|area under (?:the )?precision{_DASH}*(?:/|and)?{_DASH}*recall "
                          "curve"),
    ("roc_auc", rf"ROC{_DASH}?AUC|AUC{_DASH}?ROC|AUROC|area under (?:the )?ROC curve|AUC"),
    ("f1", rf"F1(?:{_DASH}?score)?|F{_DASH}?(?:score|measure)"),
    ("precision", r"precision"),
    ("recall", r"recall"),
    ("accuracy", r"accuracy"),
]
_METRICS = [(key, re.compile(rf"(?<![\w\u2010-\u2014\u2212-])(?:{pattern})(?![\w])",
                             re.IGNORECASE))
            for key, pattern in _METRIC_PATTERNS]
_LABEL = re.compile(r"headline[\s_-]+metric\s*[*_]*\s*[:=-]", re.IGNORECASE)
#: A metric's value: 0.84, .84, 84% or 84.2 % (a bare integer such as "week 2" is no value).
_NUMBER = r"(?<![\w.,])(?:(\d{1,3}(?:\.\d+)?)\s*%|(\d*\.\d+))(?!\d)"
_VALUE = re.compile(_NUMBER)
#: How a headline names its decision threshold, after the metric's value, most explicit
#: first (the week README lists them). A number is 0.10, .1 or 10%; between a word and its
#: number may come brackets, ":", "=", "of", "at", "is", "set to" and "P(churn) >=".
_WORD = r"(?:threshold|cut[\s-]?off)"
_PROBABILITY = r"(?:P\s*\(\s*(?:churn|y\s*=\s*1)\s*\)|\bp\b|\bproba\w*|\bprobabilit\w+|\bscores?)"
_FILLER = (r"(?:\s*(?:[(\[:=]|(?:of|at|is|set\s+to|equal\s+to)\b|"
           rf"{_PROBABILITY}|≥|>=|=>|>))*\s*")
_THRESHOLDS = [re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"{_WORD}{_FILLER}{_NUMBER}",                      # threshold (0.10), cut-off of 10%
    rf"{_NUMBER}\s*(?:[a-z-]+\s+)?{_WORD}\b",           # a 0.10 threshold, a 10% break-even cut-off
    rf"(?:≥|>=|=>|{_PROBABILITY}\s*>){_FILLER}{_NUMBER}",  # P(churn) >= 0.10, ≥ 10%
    rf"\b(?:at\s+least|no\s+less\s+than){_FILLER}{_NUMBER}",  # P(churn) of at least 0.10
)]
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
_REF_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
_REF_DEFINITION = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:\s*<?(?P<target>\S+?)>?(?:\s|$)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = r"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
#: What the two figures' alt texts must name.
FIGURES = {
    "confusion matrix": re.compile(r"confusion", re.IGNORECASE),
    "precision-recall curve": re.compile(r"precision[\s_-]*(?:/|and|vs\.?|-)?[\s_-]*recall"
                                         r"|\bPR[\s-]curve", re.IGNORECASE),
}
EXAMPLE_IMAGES = ("![Confusion matrix of the test customers](images/confusion_matrix.png)",
                  "![Precision-recall curve of the test customers](images/precision_recall.png)")


# --- the README -------------------------------------------------------------------------------


def readme(week: Any, about: str) -> str:
    """The learner's portfolio README; Where and Checking point at it. Missing: fails."""
    current.where = f"{week.shown_as}/{README}"
    current.checking = about
    content = week.read_file(README)
    if content is None:
        raise CheckFailed(f"the portfolio should have its README: {week.shown_as}/{README}",
                          expected=f"{README} with the sections {', '.join(SECTIONS)}",
                          got="no such file")
    return content.decode("utf-8", errors="replace").replace("\r\n", "\n")


def blanked(text: str) -> list[str]:
    """The README's lines with HTML comments and fenced code blanked (line numbers kept)."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines, fence = text.split("\n"), None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)[0] * len(opening.group(1))
            lines[number] = ""
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            lines[number] = ""
    return lines


def section_line(text: str, title: str) -> int | None:
    """The README line of the section's heading (1-based), or None without one."""
    found = ref_readme.section(text, title)
    return None if found is None else found[1] - 1


def written(text: str, title: str) -> bool:
    """Does the section hold anything but whitespace and HTML comments?"""
    found = ref_readme.section(text, title)
    return found is not None and bool(found[0].strip())


def not_started(text: str) -> bool:
    """The starter's README: none of the five sections holds any text yet."""
    return not any(written(text, title) for title in SECTIONS)


def raise_not_started(week: Any, what: str) -> None:
    raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError",
                       f"Milestone 8.1: write {what} in {README}",
                       where=f"{week.shown_as}/{README}", checking=current.checking)


# --- the headline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """The claim of the Results section: which metric, which value, from which README line."""

    line: int
    text: str
    metric: str | None = None
    written_as: str = ""
    value: float | None = None
    threshold: float | None = None
    problem: str = ""
    misplaced: bool = False

    @property
    def shown(self) -> str:
        return f"{NAMES.get(self.metric or '', self.written_as)} {self.value:.3g}"


def find_headline(text: str) -> Headline | None:
    """The ``Headline metric:`` line of the Results section, read; None without one.

    A line found outside the Results section is returned `misplaced`, with `problem` saying
    where to move it. A line whose metric or value cannot be read is returned with `problem`
    saying what is missing.
    """
    lines = blanked(text)
    found = ref_readme.section(text, RESULTS)
    inside = range(found[1], found[1] + len(found[0].split("\n"))) if found else range(0)
    candidates = [n for n, line in enumerate(lines, start=1) if _LABEL.search(line)]
    if not candidates:
        return None
    number = next((n for n in candidates if n in inside), candidates[0])
    raw = text.split("\n")[number - 1].strip()
    if number not in inside:
        place = (f"## {RESULTS} (line {found[1] - 1})" if found else
                 f"## {RESULTS}, a section the README does not have yet")
        return Headline(number, raw, problem=f"the headline (line {number}) is outside {place}: "
                        "move it there; you may repeat the number in the intro", misplaced=True)
    return parse_headline(lines[number - 1], number, raw)


def parse_headline(line: str, number: int, raw: str) -> Headline:
    """Read the metric name, its value and an optional threshold from one headline line."""
    plain = re.sub(r"[*`]", "", line)
    rest = plain[_LABEL.search(plain).end():]
    matches = [(m.start(), order, key, m) for order, (key, pattern) in enumerate(_METRICS)
               if (m := pattern.search(rest))]
    if not matches:
        return Headline(number, raw, problem="no metric name (ROC-AUC, PR-AUC, precision, "
                        "recall, F1 or accuracy) after \"Headline metric:\"")
    _, _, key, match = min(matches, key=lambda found: found[:2])
    value = _VALUE.search(rest, match.end()) or _VALUE.search(rest)
    if value is None:
        return Headline(number, raw, key, match.group(0), problem=f"no value after "
                        f"{match.group(0)} (write it as 0.84, .84 or 84%)")
    number_text = value.group(1) or value.group(2)
    amount = _amount(value)
    if not 0 <= amount <= 1:
        return Headline(number, raw, key, match.group(0), problem=f"{number_text} is not a "
                        "score between 0 and 1 (write it as 0.84, .84 or 84%)")
    elsewhere = rest[:value.start()] + " " * len(value.group(0)) + rest[value.end():]
    return Headline(number, raw, key, match.group(0), amount, threshold(elsewhere))


def threshold(text: str) -> float | None:
    """The decision threshold a headline line names (`_THRESHOLDS`), or None.

    `text` is the line after "Headline metric:", with the metric's own value blanked.
    """
    for pattern in _THRESHOLDS:
        for found in pattern.finditer(text):
            amount = _amount(found)
            if 0 < amount < 1:
                return amount
    return None


def _amount(found: re.Match[str]) -> float:
    """A `_NUMBER` match's value as a share: 84% and .84 both give 0.84."""
    percent, decimal = found.groups()[-2:]
    return float(percent) / 100 if percent is not None else float(decimal)


# --- the figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Image:
    """An image the README shows: its line, alt text and link as written."""

    line: int
    alt: str
    target: str

    @property
    def remote(self) -> bool:
        return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", self.target, re.IGNORECASE))

    def path(self) -> str | None:
        """The file relative to the week folder (portfolio/...), or None if it leaves it."""
        target = unquote(self.target.split("#")[0].split("?")[0])
        joined = posixpath.normpath(posixpath.join(PROJECT, target))
        if target.startswith("/") or not joined.startswith(PROJECT + "/"):
            return None
        return joined


def images(text: str) -> list[Image]:
    """Every image of the README: ``![alt](path)``, ``![alt][ref]`` and ``<img src alt>``."""
    lines = blanked(text)
    definitions = {m["ref"].lower(): m["target"] for line in lines
                   if (m := _REF_DEFINITION.match(line))}
    found = []
    for number, line in enumerate(lines, start=1):
        for m in _MD_IMAGE.finditer(line):
            found.append((m.start(), Image(number, m["alt"].strip(), m["target"])))
        for m in _REF_IMAGE.finditer(line):
            target = definitions.get((m["ref"] or m["alt"]).lower())
            if target:
                found.append((m.start(), Image(number, m["alt"].strip(), target)))
        for m in _HTML_IMAGE.finditer(line):
            src, alt = _attribute(m.group(0), "src"), _attribute(m.group(0), "alt")
            if src:
                found.append((m.start(), Image(number, (alt or "").strip(), src)))
    return [image for _, image in sorted(found, key=lambda f: (f[1].line, f[0]))]


def _attribute(tag: str, name: str) -> str | None:
    match = re.search(_ATTRIBUTE.format(name=name), tag, re.IGNORECASE)
    return None if match is None else next(g for g in match.groups() if g is not None)


def figure_for(found: list[Image], what: str) -> Image | None:
    """The first image whose alt text names `what` (a key of FIGURES)."""
    return next((image for image in found if FIGURES[what].search(image.alt)), None)


def image_problem(data: bytes) -> str | None:
    """Why the bytes are not a picture worth showing, or None: opens with pillow, not blank."""
    from PIL import Image as PILImage
    from PIL import ImageStat

    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.load()
            size, kind = picture.size, picture.format
            spread = ImageStat.Stat(picture.convert("L")).stddev[0]
            colours = picture.convert("RGB").getextrema()
    except Exception as exc:  # any decoder error: a broken or non-image file
        return f"pillow cannot open it ({type(exc).__name__}: {str(exc)[:80]})"
    if all(low == high for low, high in colours) or spread < 1.0:
        return f"a blank {kind} of {size[0]} x {size[1]} pixels (one flat colour)"
    return None


# --- the recomputation ------------------------------------------------------------------------


def week2_split(table: Any) -> tuple[Any, Any]:
    """Week 2's split of the cleaned customers: (train, test), 80/20, stratified, seed 42."""
    from sklearn.model_selection import train_test_split

    return tuple(train_test_split(table, test_size=TEST_SIZE, stratify=table["churn"],
                                  random_state=SPLIT_SEED))


#: Fits the learner's build_pipeline() on X_train and scores each frame of `scored`; keeps the
#: fitted pipeline in the kernel (a handle, judge-side) for evaluate() and save_figures().
FIT = """
import importlib
import os
import sys

if folder not in sys.path:
    sys.path.insert(0, folder)
before = os.getcwd()
os.chdir(folder)  # as `python train.py` run from portfolio/
result = {"missing": False, "error": None, "module": None, "scores": {}, "pipeline": None}
step = "import train"
try:
    try:
        train = importlib.import_module("train")
        build = getattr(train, "build_pipeline", None)
        result["missing"] = build is None
        if build is not None:
            step = "build_pipeline()"
            pipe = build()
            step = "build_pipeline().fit(X_train, y_train)"
            pipe.fit(X_train, y_train)
            for name, X in scored.items():
                step = f"predict_proba({name})"
                proba = pipe.predict_proba(X)[:, 1]
                step = f"predict({name})"
                decided = pipe.predict(X)
                result["scores"][name] = {"proba": [float(p) for p in proba],
                                          "decided": [bool(d) for d in decided]}
            result["pipeline"] = pipe
    except NotImplementedError:
        raise
    except Exception as exc:
        missing = exc.name if isinstance(exc, ModuleNotFoundError) else None
        if step == "import train" and missing not in elsewhere:
            raise  # the module itself does not import: the engine reports it, with its frames
        text = (str(exc).strip().splitlines() or [""])[0]
        result["error"] = f"{step} raised {type(exc).__name__}: {text}"[:300]
        result["module"] = missing
finally:
    os.chdir(before)
"""


@dataclass(frozen=True)
class Fitted:
    """The learner's pipeline fitted in the sandbox: its scores judge-side, itself a handle.

    `scores` maps each scored frame's name to its ``proba`` and ``decided`` arrays.
    """

    scores: dict[str, dict[str, np.ndarray]]
    pipeline: Any


def fit_and_score(week: Any, X_train: Any, y_train: Any, scored: dict[str, Any],
                  label: str) -> Fitted:
    """build_pipeline() of portfolio/train.py, fitted on X_train, scored on each frame.

    The snippet imports train.py the way ``python train.py`` does (its folder first on
    sys.path, so its own imports of sibling modules work). A missing function or an exception
    fails the check; a module of another folder of the repository (``from pipeline import
    ...`` finding week03/pipeline.py on the learner's machine) gets a tip to copy it in.
    """
    folder = str(week.sandbox.root / PROJECT)
    others = elsewhere(week)
    got = week.run_snippet(FIT, label=label, target=f"{PROJECT}.train.build_pipeline",
                           folder=folder, X_train=X_train, y_train=y_train, scored=scored,
                           elsewhere=sorted(others))
    if got["missing"]:
        raise CheckFailed(f"{PROJECT}/train.py should define build_pipeline(), so anyone can "
                          "refit your model", expected="def build_pipeline() -> Pipeline",
                          got="no build_pipeline in train.py: did you rename it?")
    if got["error"]:
        lines = []
        if got["module"] in others:
            lines.append(f"Tip       the grader copies {PROJECT}/ alone: copy "
                         f"{others[got['module']]} into {PROJECT}/")
        raise CheckFailed("your pipeline should fit the cleaned customers and score new ones",
                          expected="a fitted Pipeline with predict_proba", got=got["error"],
                          lines=lines)
    return Fitted({name: {"proba": np.asarray(s["proba"], dtype=float),
                          "decided": np.asarray(s["decided"], dtype=bool)}
                   for name, s in got["scores"].items()}, got["pipeline"])


def elsewhere(week: Any) -> dict[str, str]:
    """Modules of the learner's repository outside portfolio/: a clean copy has none of them.

    Maps a module name to its file (``{"pipeline": "week03/pipeline.py"}``), for the tip.
    """
    root, inside = week.folder.parent, week.folder / PROJECT
    found: dict[str, str] = {}
    for pattern in ("*/*.py", "*/*/*.py"):
        for path in sorted(root.glob(pattern)):
            parts = path.relative_to(root).parts
            if inside in path.parents or any(part.startswith(".") for part in parts):
                continue
            found.setdefault(path.stem, "/".join(parts))
    return found


def metric(headline: Headline, y: Any, scores: dict[str, np.ndarray]) -> float:
    """The headline's metric for these customers, computed judge-side.

    Decision metrics use the headline's threshold when it names one, else the pipeline's
    own predict().
    """
    from sklearn import metrics as m

    y = np.asarray(y, dtype=bool)
    proba = scores["proba"]
    decided = proba >= headline.threshold if headline.threshold is not None else scores[
        "decided"]
    if headline.metric == "roc_auc":
        return float(m.roc_auc_score(y, proba))
    if headline.metric == "average_precision":
        return float(m.average_precision_score(y, proba))
    function = {"f1": m.f1_score, "precision": m.precision_score, "recall": m.recall_score,
                "accuracy": m.accuracy_score}[headline.metric]
    kwargs = {} if headline.metric == "accuracy" else {"zero_division": 0}
    return float(function(y, decided, **kwargs))
