# repgraph: `make demo` builds the graph of the bundled appeals; `make test` runs the test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= store
SHARED ?= ../shared

.PHONY: demo test score bench clean

$(BIN)/repgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

## demo: set up, build data/appeals into ./store, validate it, publish graph/, draw viz/, ask a question
demo: $(BIN)/repgraph
	$(BIN)/repgraph build data/appeals --store $(STORE)
	$(BIN)/repgraph validate --store $(STORE)
	$(BIN)/repgraph publish --store $(STORE) --out graph
	$(BIN)/repgraph viz --store $(STORE) --out viz/explorer.html
	@echo; echo "Who was sentenced, to what, by which court?"
	$(BIN)/repgraph query sentences --store $(STORE)

## test: set up and run the test suite
test: $(BIN)/repgraph
	$(BIN)/python -m pytest

## score: the shared evaluation (needs ../shared)
score: $(BIN)/repgraph
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/gold/ --cmd $(BIN)/repgraph

## bench: the archive-scale benchmarks (see docs/performance.md)
bench: $(BIN)/repgraph
	$(MAKE) -f bench/Makefile bench

clean:
	rm -rf $(VENV) $(STORE) store.lock .pytest_cache
