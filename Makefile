# One task runner, the same locally and in CI.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test lint bench eval ingest serve clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[hf,dev]'
	touch $@

## run: set up, ingest corpus/ (incrementally) and serve the API on http://127.0.0.1:$(PORT)
run: $(VENV)/.base
	$(VENV)/bin/assistant ingest corpus/ || [ $$? -eq 3 ]  # 3: some files skipped (reported above)
	$(VENV)/bin/assistant serve --port $(PORT)

## test: set up and run the whole suite
test: $(VENV)/.dev
	$(PY) -m pytest

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check assistant ingest api tests benchmarks scripts
	$(VENV)/bin/mypy assistant ingest api

## bench: ingest and latency figures beside a plain LangChain baseline
bench: $(VENV)/.dev
	$(PY) benchmarks/bench.py

## eval: the retrieval and answer metrics on the shared datasets
eval: $(VENV)/.base
	$(VENV)/bin/assistant eval --dataset ../shared/eval/norquad/validation.json --format norquad
	$(VENV)/bin/assistant eval --dataset ../shared/eval/norquad/validation-en.json --format norquad
	$(VENV)/bin/assistant eval --dataset ../shared/eval/procurement-dev.jsonl --format jsonl

clean:
	rm -rf data .pytest_cache
