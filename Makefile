# graphkit: `make demo` runs the main job, `make test` the whole test suite.
# Both set up everything on a fresh machine first (a virtualenv with the project and its model).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
EVAL   := ../shared/eval

.PHONY: install demo test score bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## the main job: extract the sample articles and show who is linked to whom
demo: $(STAMP)
	$(BIN)/graphkit extract data/samples --format table

## the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## extraction scores on the shared dev sets
score: $(STAMP)
	$(BIN)/python $(EVAL)/score.py $(EVAL)/dev --cmd '$(BIN)/graphkit extract {text} --format jsonl'
	$(BIN)/python $(EVAL)/score.py $(EVAL)/dev-agnews --cmd '$(BIN)/graphkit extract {text} --format jsonl'

## speed of extraction against bare nlp.pipe on the same text, same run
bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
