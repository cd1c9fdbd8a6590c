# One task runner, the same locally and in CI.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint bench eval calibrate ingest serve clean chromium

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

## test: set up and run the whole suite (installs Debian's Chromium for the browser tests when it is missing)
test: $(VENV)/.dev $(VENV)/.llm chromium
	$(PY) -m pytest

# Generative answers (issue 9): the llm extras, and for their tests llama.cpp's server with a local model.
# llama-cpp-python ships as source only: it is compiled once (about 11 minutes on 2 cores) into a wheel cache
# that later installs reuse, and portably: a -march=native build dies with "invalid opcode" on other CPUs.
WHEELHOUSE ?= $(HOME)/.cache/procurement-assistant/wheels
LLAMA_CPP := llama-cpp-python==0.3.36
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

$(VENV)/.llm: $(VENV)/.dev
	@ls $(WHEELHOUSE)/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1 || { \
	  echo "Building $(LLAMA_CPP) (portable, about 11 minutes on 2 cores) into $(WHEELHOUSE) ..."; \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=2 nice -n 10 \
	    $(PY) -m pip wheel --quiet --no-deps -w $(WHEELHOUSE) "$(LLAMA_CPP)"; }
	$(PY) -m pip install --quiet --find-links $(WHEELHOUSE) -e '.[llm,llm-test]'
	touch $@

# The browser tests drive /usr/bin/chromium and never download a browser. Missing: install it with apt when we
# may (root, as in CI), else stop at once with the one command to run.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's Chromium for the browser tests (apt-get install chromium) ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's Chromium at /usr/bin/chromium. Run:  sudo apt-get install -y chromium"; \
	    exit 1; \
	  fi; \
	fi

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check assistant ingest api tests benchmarks scripts
	$(VENV)/bin/mypy assistant ingest api

## bench: ingest and latency figures beside a plain LangChain baseline
bench: $(VENV)/.dev
	$(PY) benchmarks/bench.py

# held out from everything: never add them to DEV_SETS; write new sets before tuning against them
HELD_OUT = tests/data/procurement-dev-20.jsonl tests/data/procurement-dev-22.jsonl tests/data/procurement-dev-23.jsonl \
	tests/data/procurement-dev-24.jsonl tests/data/procurement-dev-25.jsonl tests/data/procurement-dev-26.jsonl \
	tests/data/procurement-dev-27.jsonl tests/data/procurement-dev-28.jsonl tests/data/procurement-dev-29.jsonl \
	tests/data/procurement-dev-36.jsonl tests/data/procurement-dev-37.jsonl tests/data/procurement-dev-38.jsonl \
	tests/data/procurement-dev-39.jsonl tests/data/procurement-dev-40.jsonl tests/data/procurement-dev-41.jsonl \
	tests/data/procurement-dev-42.jsonl tests/data/procurement-dev-43.jsonl tests/data/equal-treatment-AQ.jsonl \
	tests/data/equal-treatment-AT.jsonl tests/data/equal-treatment-AV.jsonl tests/data/equal-treatment-BD.jsonl
DEV_SETS = tests/data/procurement-dev-large.jsonl tests/data/procurement-dev-2.jsonl tests/data/procurement-dev-3.jsonl \
	tests/data/procurement-dev-4.jsonl tests/data/procurement-dev-5.jsonl tests/data/procurement-dev-6.jsonl \
	tests/data/procurement-dev-7.jsonl tests/data/procurement-dev-8.jsonl tests/data/procurement-dev-9.jsonl \
	tests/data/procurement-dev-10.jsonl tests/data/procurement-dev-11.jsonl tests/data/procurement-dev-12.jsonl \
	tests/data/procurement-dev-13.jsonl tests/data/procurement-dev-14.jsonl tests/data/procurement-dev-15.jsonl \
	tests/data/procurement-dev-16.jsonl tests/data/procurement-dev-17.jsonl tests/data/procurement-dev-18.jsonl \
	tests/data/procurement-dev-19.jsonl tests/data/procurement-dev-21.jsonl tests/data/procurement-dev-30.jsonl \
	tests/data/procurement-dev-31.jsonl tests/data/procurement-dev-32.jsonl tests/data/procurement-dev-33.jsonl \
	tests/data/procurement-dev-34.jsonl tests/data/procurement-dev-35.jsonl

# equal-treatment questions written blind by ten writers (340, then 9 x 150 with 90 look-alikes each); the favour
# and judgement rules (assistant/policy.py) were read from the first three, and all ten teach the intent model
# (calibrate --intent-sets): held-in.
EQUAL_TREATMENT = tests/data/equal-treatment-questions.jsonl tests/data/equal-treatment-AO.jsonl \
	tests/data/equal-treatment-AP.jsonl tests/data/equal-treatment-AU.jsonl tests/data/equal-treatment-AW.jsonl \
	tests/data/equal-treatment-AX.jsonl tests/data/equal-treatment-AY.jsonl tests/data/equal-treatment-AZ.jsonl \
	tests/data/equal-treatment-BB.jsonl tests/data/equal-treatment-BC.jsonl

# questions that teach the intent model only: general knowledge, and look-alikes of what it refuses
NEGATIVES = tests/data/general-questions.jsonl tests/data/general-questions-2.jsonl tests/data/intent-examples.jsonl

## eval: the retrieval and answer metrics on the shared datasets
eval: $(VENV)/.base
	$(VENV)/bin/assistant eval --dataset ../shared/eval/norquad/validation.json --format norquad
	$(VENV)/bin/assistant eval --dataset ../shared/eval/norquad/validation-en.json --format norquad
	$(VENV)/bin/assistant eval --dataset ../shared/eval/procurement-dev.jsonl --format jsonl
	for set in $(HELD_OUT); do $(VENV)/bin/assistant eval --dataset $$set --format jsonl; done
	for set in $(EQUAL_TREATMENT); do $(VENV)/bin/assistant eval --dataset $$set --format jsonl; done
	$(VENV)/bin/assistant calibrate --dataset $(DEV_SETS) --negatives $(NEGATIVES) --intent-sets $(EQUAL_TREATMENT) --folds 5 --l2 3

## calibrate: refit the answer-or-refuse and intent models and the answer memory on all dev sets (writes their three files)
calibrate: $(VENV)/.base
	$(VENV)/bin/assistant calibrate --dataset $(DEV_SETS) --negatives $(NEGATIVES) --intent-sets $(EQUAL_TREATMENT) --folds 5 --l2 3 --write

clean:
	rm -rf data .pytest_cache
