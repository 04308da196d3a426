# Convene developer commands. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# Django 6.1 needs Python 3.12+; pick the first such interpreter (pyenv's too).
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_DB ?= var/demo.sqlite3

.PHONY: help demo test test-browser bench lint format check deploy-check assets worker organisations clean docs

help: ## List every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

# What the app needs (with the sentence embeddings the demo's suggestions use); the demo
# stops there. The test, lint and browser tools (a third of the download) come with
# .installed-dev, for the targets that use them.
$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Convene needs Python 3.12 or later (Django 6.1): none found." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[embeddings]'
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

convene/core/static/govuk/.fetched: scripts/fetch_govuk_frontend.py scripts/npm_package.py | $(BIN)/.installed
	$(BIN)/python scripts/fetch_govuk_frontend.py

convene/core/static/htmx/.fetched: scripts/fetch_htmx.py scripts/npm_package.py | $(BIN)/.installed
	$(BIN)/python scripts/fetch_htmx.py

assets: convene/core/static/govuk/.fetched convene/core/static/htmx/.fetched ## Fetch GOV.UK Frontend and htmx (pinned, hash-checked) into static/

demo: export DATABASE_URL = sqlite:///$(DEMO_DB)
demo: export SITE_URL = http://$(HOST):$(PORT)
demo: $(BIN)/.installed assets ## Set up and run the demo on SQLite, printing sign-in links
	@mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_links
	$(BIN)/python manage.py runserver --insecure $(HOST):$(PORT)

test: $(BIN)/.installed-dev assets ## Run the whole test suite (PostgreSQL when DATABASE_URL is set)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

var/axe/.fetched: scripts/fetch_axe.py scripts/npm_package.py | $(BIN)/.installed
	$(BIN)/python scripts/fetch_axe.py

test-browser: $(BIN)/.installed-dev assets var/axe/.fetched ## Browser tests in Debian's Chromium (apt-get install chromium)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

lint: $(BIN)/.installed-dev ## ruff check, format check and the layers (import-linter, ADR 28)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(BIN)/.installed-dev ## Reformat the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(BIN)/.installed ## Django system checks and missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

deploy-check: $(BIN)/.installed ## manage.py check --deploy against production settings
	scripts/deploy-check $(BIN)/python

# Two workers: one for the default queue (sign-in links, e-mail), one for people imports
# (ADR 19), so that a long import never delays a sign-in. If either stops, both stop
# (the supervisor restarts them); Ctrl-C stops both.
PEOPLE_IMPORT_QUEUE ?= imports
worker: $(BIN)/.installed ## Run the background task workers: default queue and people imports
	@trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	$(BIN)/python manage.py db_worker --queue-name default & \
	$(BIN)/python manage.py db_worker --queue-name $(PEOPLE_IMPORT_QUEUE) & \
	wait -n

organisations: $(BIN)/.installed ## Rebuild convene/directory/data/organisations.csv from ../shared/data
	$(BIN)/python scripts/build_organisations.py

clean: ## Remove the virtualenv, demo database and fetched assets
	rm -rf $(VENV) var convene/core/static/govuk convene/core/static/htmx staticfiles

bench: $(BIN)/.installed ## Run the benchmarks in bench/ (they print figures)
	$(BIN)/python bench/sign_in.py
	$(BIN)/python bench/directory.py --people 10000 --organisations 2000 --rounds 10 --import-rows 2000
	$(BIN)/python bench/matching.py --people 10000
	$(BIN)/python bench/relevance.py

docs: $(BIN)/.installed-dev ## Regenerate docs/permissions.md from the permission table
	UPDATE_PERMISSIONS_DOC=1 $(BIN)/python -m pytest -q tests/test_permissions.py -k permissions_doc
