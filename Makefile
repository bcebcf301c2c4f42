# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)
# `make run PORT=8000` when 5000 is taken (on macOS the AirPlay receiver holds it)
PORT ?= 5000

.PHONY: run test lint install translations compile-translations bench clean

run: install compile-translations
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) mipas load-demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install compile-translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

compile-translations: $(COMPILED)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d translations -l $*

# Extract every marked string and merge it into the lt, en and ru catalogs.
translations: install
	$(BIN)/pybabel extract -F translations/babel.cfg -k _l -k lazy_gettext -k _n:1,2 -k lazy_pgettext:1c,2 --no-location --sort-output -o translations/messages.pot app forum moderation news search api
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(FLASK) mipas fill-english-catalog

# Seed 100,000 questions and 300,000 answers into SQLite and PostgreSQL (BENCH_DATABASE_URL,
# default the local server's database mipas_bench, dropped and made again), time search on both
# backends, then the pages, gunicorn under wrk (apt-get install wrk) and worker memory. About
# 15 minutes on two cores; figures in benchmarks/*.json, written up in docs/PERFORMANCE.md.
# Then load and faults: gunicorn, the search worker killed halfway, 40 writers and 40 readers
# for 60 s (LOAD_DATABASE_URL, default the local server's database mipas_load, made again).
bench: install
	$(BIN)/pip install --quiet -e '.[dev,deploy]'
	$(BIN)/python -m benchmarks.search_bench
	$(BIN)/python -m benchmarks.page_bench
	$(BIN)/python -m benchmarks.report_bench
	$(BIN)/python -m benchmarks.load_fault --writers 40 --readers 40 --seconds 60

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) build *.egg-info translations/*/LC_MESSAGES/*.mo
