# graphkit: `make demo` runs the main job (on its own store, demo.db), `make test` the whole test suite.
# Both set up everything on a fresh machine first (a virtualenv with the project and its model).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
EVAL   := ../shared/eval

.PHONY: install demo test score bench offtopic clean neo4j neo4j-stop neo4j-import browser browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## the main job: ingest the sample articles into a store of their own (demo.db here, git-ignored; never
## $$GRAPHKIT_DB or the default store, which may hold an analyst's real graph), show who is linked to whom
DEMO_DB ?= demo.db
demo: $(STAMP)
	$(BIN)/graphkit ingest data/samples --db $(DEMO_DB)
	$(BIN)/graphkit relationships --db $(DEMO_DB)
	@echo "The demo graph is in $(abspath $(DEMO_DB)) (your own store is untouched). Ask it, e.g.:"
	@echo "  $(BIN)/graphkit links Suleimani --depth 2 --db $(DEMO_DB)"
	@echo "  $(BIN)/graphkit path Iran Houthis --all --db $(DEMO_DB)"

## the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## extraction scores on the shared dev sets (one graphkit process per set), then why gold triples are missed
score: $(STAMP)
	@for set in dev dev-agnews; do \
	    echo "== $$set"; \
	    $(BIN)/python $(EVAL)/score.py $(EVAL)/$$set --batch-cmd '$(BIN)/graphkit extract {texts} --format jsonl' || exit 1; \
	    $(BIN)/python bench/miss_report.py $(EVAL)/$$set --score $(EVAL)/score.py --top 25 || exit 1; \
	done

## every speed and memory figure beside its baseline, same run: bench/results/bench.md and bench.json
## (starts the development Neo4j; about an hour on 2 cores at the full sizes, see bench/run.py --help)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	GRAPHKIT_NEO4J_PASSWORD=$${GRAPHKIT_NEO4J_PASSWORD:-graphkit-dev} \
	GRAPHKIT_NEO4J_URI=$$(GRAPHKIT_NEO4J_JAVA_OPTS="$${GRAPHKIT_NEO4J_JAVA_OPTS:--Xmx4g -Dgraphkit.neo4j.pagecache.mb=5000}" \
	    bash neo4j/run.sh start) $(BIN)/python bench/run.py $(BENCH_ARGS)

## what graphkit extracts from AG News items that are not World news (Sports, Business, Sci/Tech), with a
## seeded JSONL sample for judging by hand in bench/results/offtopic-sample.jsonl
offtopic: $(STAMP)
	$(BIN)/python bench/offtopic.py $(OFFTOPIC_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info $(DEMO_DB)

## a real Neo4j Community 5.26 on bolt://127.0.0.1:7687 (user neo4j, password $GRAPHKIT_NEO4J_PASSWORD
## or graphkit-dev), fetched from Maven Central on first use; state in .neo4j/
neo4j: $(STAMP)
	bash neo4j/run.sh start

neo4j-stop:
	bash neo4j/run.sh stop

## a first load of millions: the embedded store STORE (default $$GRAPHKIT_DB) as import files, loaded by
## neo4j-admin database import full into the development server's database, which it REPLACES
## (the server is stopped for the import and started again if it was running)
neo4j-import: $(STAMP)
	@test -n "$(STORE)" || { echo "usage: make neo4j-import STORE=graph.db" >&2; exit 2; }
	rm -rf "$${GRAPHKIT_NEO4J_DIR:-.neo4j}/import-files"
	$(BIN)/graphkit export --format neo4j-import --db "$(STORE)" --out "$${GRAPHKIT_NEO4J_DIR:-.neo4j}/import-files"
	bash neo4j/run.sh import "$${GRAPHKIT_NEO4J_DIR:-.neo4j}/import-files"
	rm -rf "$${GRAPHKIT_NEO4J_DIR:-.neo4j}/import-files"

## Debian's chromium, for the browser tests of the HTML page (as root; skipped if already installed)
browser:
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
