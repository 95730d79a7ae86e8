# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
BENCH_STAMP := $(VENV)/.installed-bench
BENCH_PG ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: install install-dev run demo test lint typecheck tools bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

# The peer platforms the benchmarks compare against are heavy; only `make bench` installs them.
$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@ $(DEV_STAMP) $(STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

run: $(STAMP)
	$(BIN)/shuttle serve --demo

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

# The documents' tests read PDFs back with Debian's poppler-utils (pdftotext, pdftoppm).
tools:
	@command -v pdftotext >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

# The suite runs on TEST_WORKERS processes (pytest-xdist), each test file whole on one of them
# (a file's tests may share its module's fixtures); most tests wait on servers, browsers and
# databases, so two workers on two cores take about 30 % less time than one.
TEST_WORKERS ?= 2
test: lint typecheck tools
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

bench: $(BENCH_STAMP)
	@# Every bench/*.py is a benchmark; modules named _*.py are helpers they import. Those
	@# that need PostgreSQL (scale, bell) use BENCH_PG, and say so and skip without it.
	@set -e; found=0; for f in bench/*.py; do \
		[ -e "$$f" ] || continue; case "$$(basename $$f)" in _*) continue;; esac; \
		found=1; echo "== $$f"; SHUTTLE_BENCH_PG="$(BENCH_PG)" $(BIN)/python "$$f"; done; \
	[ $$found = 1 ] || echo "no benchmarks yet under bench/"
	@# The server on PostgreSQL too, alone and beside a 2-core job, when a server is there.
	@if pg_isready -q -d "$(subst +psycopg,,$(BENCH_PG))" 2>/dev/null; then \
		echo "== bench/server.py on PostgreSQL"; $(BIN)/python bench/server.py --db "$(BENCH_PG)"; \
		echo "== bench/server.py on PostgreSQL, 2 busy cores"; \
		$(BIN)/python bench/server.py --db "$(BENCH_PG)" --busy 2; \
	else echo "(no PostgreSQL at $(BENCH_PG): its server benchmark skipped)"; fi

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
