# discourse: the two commands a new user needs are `make analysis` and `make test`.
# Both build .venv from the pinned lock file when it is missing or older than the lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= data/raw/demo
REPORTS ?= reports/$(notdir $(CORPUS))

.DEFAULT_GOAL := help
.PHONY: help venv analysis test lint bench demo-variants lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name discourse --display-name "Python (discourse)" >/dev/null
	@touch $(STAMP)

venv: $(STAMP)  ## create or refresh .venv from requirements.lock

analysis: $(STAMP)  ## the main job: run the five notebooks on $(CORPUS) into $(REPORTS)/ (HTML, figures, tables)
	$(BIN)/discourse report --corpus $(CORPUS) --output $(REPORTS)

test: $(STAMP)  ## lint, then run the test suite (the same command CI runs)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest -q

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check src tests benchmarks scripts

bench: $(STAMP)  ## performance benchmarks (not part of the tests; see benchmarks/README.md)
	$(BIN)/python benchmarks/bench_preprocess.py --repeats 5
	$(BIN)/python benchmarks/bench_kwic.py --repeats 7
	$(BIN)/python benchmarks/bench_logics.py --repeats 3
	$(BIN)/python benchmarks/bench_privacy.py --repeats 5
	$(BIN)/python benchmarks/bench_topics.py --repeats 3

demo-variants: $(STAMP)  ## rebuild the demo corpus's .docx, .pdf, cp1252 and CRLF files from their UTF-8 sources
	$(BIN)/python scripts/build_demo_variants.py

lock:  ## re-resolve requirements.lock from pyproject.toml (needs network)
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet uv==0.13.8
	.venv-lock/bin/uv pip compile pyproject.toml requirements-build.in --extra notebooks --extra dev \
	  --python-version 3.11 --universal -o requirements.lock

clean:  ## remove generated caches and reports (keeps .venv)
	rm -rf data/processed/* reports/* .pytest_cache .ruff_cache
	@touch data/processed/.gitkeep reports/.gitkeep
