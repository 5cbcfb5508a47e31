"""Milestone 3.4: save_model writes a model and the facts to trust it; load_model checks them.

The pipeline handed to the learner's ``save_model`` is the judge's own (fitted in the sandbox
on 1,500 cleaned customers), so this milestone is graded on its own, whatever 3.1 does. The
JSON is read back and parsed judge-side; the data hash is the judge's hash of the same file.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from grader.engine.checks import CheckFailed, expect, expect_equal, expect_type, milestone
from grader.week03.ref_persist import JUDGE_PIPELINE, METADATA_TYPES, sha256_of

DATA = "telco_churn_clean"
FOLDER = "grader_checks/saved"
MODEL_FILE, METADATA_FILE = "churn_model.joblib", "churn_model.json"
METRICS = {"roc_auc": 0.8417295361, "pr_auc": 0.6528813097}
THRESHOLD = 0.1318264409
OLD_VERSION = "0.24.2"
HEX64 = re.compile(r"[0-9a-f]{64}")

SAVE = JUDGE_PIPELINE + """
import platform
import shutil

import pandas as pd
import sklearn

import persist

table = pd.read_parquet(data_path)
X, y = table.drop(columns="churn"), table["churn"]
pipe = judge_pipeline().fit(X.iloc[:n_train], y.iloc[:n_train])
shutil.rmtree(folder, ignore_errors=True)
returned = persist.save_model(pipe, folder, data_path=data_path, metrics=metrics,
                              threshold=threshold)
result = {"returned": type(returned).__name__,
          "proba": pipe.predict_proba(X.iloc[n_train:n_train + 300])[:, 1],
          "columns": [str(c) for c in X.columns],
          "sklearn_version": sklearn.__version__,
          "python_version": platform.python_version()}
"""

LOAD = """
import warnings

import pandas as pd

import persist

X = pd.read_parquet(data_path).drop(columns="churn").iloc[n_train:n_train + 300]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loaded = persist.load_model(folder)
result = {"kind": type(loaded).__name__,
          "length": len(loaded) if isinstance(loaded, (tuple, list)) else None,
          "warnings": [str(w.message)[:200] for w in caught if "version" in str(w.message)]}
if result["length"] == 2:
    model, metadata = loaded
    result["model"] = type(model).__name__
    result["metadata"] = metadata
    result["proba"] = model.predict_proba(X)[:, 1] if hasattr(model, "predict_proba") else None
"""

OLD_SKLEARN = """
import json
import shutil
import warnings
from pathlib import Path

import sklearn

import persist

old = Path(folder + "_old_sklearn")
shutil.rmtree(old, ignore_errors=True)
shutil.copytree(folder, old)
path = old / "churn_model.json"
metadata = json.loads(path.read_text(encoding="utf-8"))
metadata["sklearn_version"] = old_version
path.write_text(json.dumps(metadata, indent=2), encoding="utf-8")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    persist.load_model(old)
result = {"running": sklearn.__version__,
          "warnings": [{"category": w.category.__name__,
                        "user": issubclass(w.category, UserWarning),
                        "message": str(w.message)} for w in caught]}
"""

MISSING_MODEL = """
import shutil
import warnings
from pathlib import Path

import persist

gone = Path(folder + "_no_model")
shutil.rmtree(gone, ignore_errors=True)
shutil.copytree(folder, gone)
(gone / "churn_model.joblib").unlink()
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        persist.load_model(gone)
    result = {"raised": None}
except NotImplementedError:
    raise
except Exception as exc:
    result = {"raised": type(exc).__name__, "missing": isinstance(exc, FileNotFoundError),
              "message": str(exc)[:300]}
"""


def inputs(week) -> dict[str, Any]:
    return {"data_path": week.data_path(DATA), "folder": FOLDER, "n_train": 1500}


def saved(week) -> dict[str, Any]:
    """Fit the judge's pipeline in the sandbox and save it with the learner's save_model."""
    return week.once("3.4 save_model", lambda: week.run_snippet(
        SAVE, label=f"save_model(fitted pipeline, {FOLDER!r}, data_path=..., metrics=..., "
        "threshold=...)", target="persist.save_model", metrics=METRICS, threshold=THRESHOLD,
        **inputs(week)))


def metadata(week) -> dict[str, Any]:
    """The saved JSON, read and parsed judge-side."""
    saved(week)
    files = {name: week.read_file(f"{FOLDER}/{name}") for name in (MODEL_FILE, METADATA_FILE)}
    missing = [name for name, content in files.items() if content is None]
    expect(not missing, "save_model should write both files into the folder it is given",
           expected=f"{FOLDER}/{MODEL_FILE} and {FOLDER}/{METADATA_FILE}",
           got=f"no {' and no '.join(missing)} in {FOLDER}/")
    try:
        parsed = json.loads(files[METADATA_FILE])
    except ValueError as exc:
        raise CheckFailed(f"{METADATA_FILE} should be valid JSON", expected="json.dumps(metadata)",
                          got=f"{exc} (first bytes {files[METADATA_FILE][:40]!r})") from None
    expect_type(parsed, dict, what=f"the content of {METADATA_FILE}")
    return parsed


def loaded(week) -> dict[str, Any]:
    saved(week)
    got = week.once("3.4 load_model", lambda: week.run_snippet(
        LOAD, label=f"load_model({FOLDER!r})", target="persist.load_model", **inputs(week)))
    expect(got["length"] == 2, "load_model should return two things: (pipeline, metadata)",
           expected="a tuple (pipeline, dict)",
           got=f"a {got['kind']}" + (f" of length {got['length']}" if got["length"] else ""))
    return got


@milestone("3.4")
def test_save_model_writes_model_and_metadata(week):
    got = saved(week)
    metadata(week)
    expect(got["returned"] in ("PosixPath", "WindowsPath", "Path", "str"),
           "save_model should return the folder it wrote to", expected="a Path",
           got=f"a {got['returned']}")


@milestone("3.4")
def test_metadata_has_every_key_with_its_type(week):
    meta = metadata(week)
    missing = [key for key in METADATA_TYPES if key not in meta]
    expect(not missing, f"{METADATA_FILE} lacks key(s) week 4 needs to trust the model",
           expected=", ".join(METADATA_TYPES), got=f"missing {', '.join(missing)}")
    wrong = [f"{key}: {type(meta[key]).__name__} (want {types[0].__name__})"
             for key, types in METADATA_TYPES.items()
             if not isinstance(meta[key], types) or isinstance(meta[key], bool)]
    expect(not wrong, f"some values in {METADATA_FILE} have the wrong type",
           expected="versions, hash and created as text, features a list, metrics a dict, "
           "threshold a number", got="; ".join(wrong))


@milestone("3.4")
def test_metadata_names_versions_and_the_data_hash(week):
    meta, env = metadata(week), saved(week)
    expect_equal(meta.get("sklearn_version"), env["sklearn_version"], what="sklearn_version",
                 explain=f"{env['sklearn_version']!r}, sklearn.__version__ where the model "
                 "was saved")
    python = meta.get("python_version")
    expect(isinstance(python, str) and env["python_version"] in python,
           "python_version should name the running Python",
           expected=f"{env['python_version']!r} (platform.python_version())", got=repr(python))
    path = week.data_path(DATA)
    want, got = sha256_of(path), meta.get("data_sha256")
    if got == hashlib.sha256(path.encode()).hexdigest():
        raise CheckFailed("data_sha256 is the hash of the path's text, not of the file",
                          expected=f"{want[:16]}... (hashlib.sha256(Path(data_path)"
                          ".read_bytes()).hexdigest())",
                          got=f"{got[:16]}... = sha256 of the text '.../{Path(path).name}'")
    expect(isinstance(got, str) and HEX64.fullmatch(got) is not None and got == want,
           "data_sha256 should be the SHA-256 of the data file's bytes",
           expected=f"{want} (64 hex digits)", got=repr(got)[:80])


@milestone("3.4")
def test_metadata_features_metrics_threshold_round_trip(week):
    meta, env = metadata(week), saved(week)
    features = meta.get("features")
    expect_type(features, list, what="features")
    expect(sorted(map(str, features)) == sorted(env["columns"]) and len(features) == len(
        env["columns"]), "features should list the pipeline's input columns (churn is not one)",
        expected=f"{len(env['columns'])} columns: {', '.join(env['columns'][:4])}, ... "
        "(pipeline.feature_names_in_)", got=f"{len(features)}: {', '.join(map(str, features))}"
        [:200])
    got_metrics = meta.get("metrics")
    expect(isinstance(got_metrics, dict) and set(got_metrics) == set(METRICS),
           "metrics should be saved as given", expected=METRICS, got=repr(got_metrics)[:120])
    for name, value in METRICS.items():
        expect_equal(got_metrics[name], value, what=f"metrics[{name!r}]", rtol=1e-12,
                     explain=f"{value!r}, as given: no rounding")
    expect_equal(meta.get("threshold"), THRESHOLD, what="threshold", rtol=1e-12,
                 explain=f"{THRESHOLD!r}, as given: a rounded threshold changes decisions")


@milestone("3.4")
def test_load_model_predicts_exactly_like_the_saved_pipeline(week):
    got, env = loaded(week), saved(week)
    expect(got["proba"] is not None, "load_model's first item should be the fitted pipeline",
           expected="an object with predict_proba", got=f"a {got['model']}")
    expect_equal(got["proba"], env["proba"], what="predict_proba of the loaded pipeline", rtol=0,
                 atol=0, explain="exactly the saved pipeline's probabilities (joblib.load)")


@milestone("3.4")
def test_load_model_returns_the_metadata(week):
    got, meta = loaded(week), metadata(week)
    expect_type(got["metadata"], dict, what="load_model's second item (the metadata)")
    differ = sorted(k for k in set(meta) | set(got["metadata"])
                    if meta.get(k) != got["metadata"].get(k))
    expect(not differ, "load_model should return the metadata as saved in the JSON",
           expected=f"the dict in {METADATA_FILE}", got=f"different {', '.join(differ)}")
    expect(not got["warnings"], "load_model should be silent when the versions match",
           expected="no warning (saved and running scikit-learn are the same)",
           got=got["warnings"][0] if got["warnings"] else "")


@milestone("3.4")
def test_load_model_warns_about_another_sklearn_version(week):
    expect_version_warning(week, OLD_VERSION)


def expect_version_warning(week, old_version: str) -> None:
    """load_model of the saved model, its JSON edited to `old_version`, warns naming both."""
    saved(week)
    run = week.run_snippet(OLD_SKLEARN, capture=True, target="persist.load_model",
                           label=f"load_model of a model whose JSON says scikit-learn "
                           f"{old_version}", old_version=old_version, **inputs(week))
    if run["error"]:
        raise CheckFailed("load_model should load a model saved by another scikit-learn, "
                          "with a warning", expected="(pipeline, metadata) and a UserWarning",
                          got=f"raised {run['error']['type']}: {run['error']['message'][:150]}")
    running = run["result"]["running"]
    naming = [w for w in run["result"]["warnings"]
              if old_version in w["message"] and running in w["message"]]
    if not naming:
        logged = [r["message"] for r in run["logs"] if old_version in r["message"]]
        shown = [w["message"][:100] for w in run["result"]["warnings"]]
        got = ("a log message, which callers cannot catch: "
               f"{logged[0][:90]!r}" if logged else
               f"warnings {shown}" if shown else "no warning: a silent load")
        failed = CheckFailed("load_model should warn when the model was saved with another "
                             "scikit-learn", expected=f"a UserWarning naming {old_version} and "
                             f"{running}", got=got)
        failed.lines.append("Tip       warnings.warn(f\"saved with scikit-learn {saved}, "
                            "running {sklearn.__version__}\")")
        raise failed
    expect(all(w["user"] for w in naming), "the version warning should be a UserWarning",
           expected="UserWarning (warnings.warn's default)",
           got=", ".join(w["category"] for w in naming))


@milestone("3.4")
def test_load_model_names_a_missing_model_file(week):
    saved(week)
    got = week.run_snippet(MISSING_MODEL, target="persist.load_model",
                           label=f"load_model of a folder without {MODEL_FILE}", **inputs(week))
    expect(got["raised"] is not None, f"load_model should raise when {MODEL_FILE} is missing",
           expected="FileNotFoundError", got="no exception: a caller would serve nothing")
    expect(got["missing"], f"a missing {MODEL_FILE} should raise FileNotFoundError",
           expected="FileNotFoundError", got=f"{got['raised']}: {got['message'][:100]}")
    expect(MODEL_FILE in got["message"], "the error should name the missing file",
           expected=f"a message naming {MODEL_FILE}", got=got["message"][:120])
