# areasend: two commands.
#   make demo   set everything up from nothing, load the real register and demo users, serve on SQLite
#               (the development server, with the background worker beside it)
#   make test   set everything up from nothing and run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV := $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
HOST ?= 127.0.0.1
PORT ?= 8000
# Passed on, so links in emails and calendar files point at the port the service listens on.
export HOST PORT
export DJANGO_SETTINGS_MODULE := areasend.config.settings

.PHONY: help setup python-deps node-deps browser audio pdftools demo serve test test-fast bench clean

help:
	@echo "make demo    set up, load the real register and demo users, serve http://$(HOST):$(PORT)/"
	@echo "make test    set up and run every test (DATABASE_URL picks the database; SQLite by default)"

$(UV):
	python3 -m pip install --user --quiet uv

python-deps: $(UV)
	$(UV) sync --frozen --quiet

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

node-deps: node_modules/.package-lock.json

# Browser tests drive Debian's Chromium (never downloaded by a test tool); survey audio uses espeak-ng.
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

browser:
	@[ -x /usr/bin/chromium ] || { echo "Installing Debian's chromium package"; $(APT_INSTALL) chromium >/dev/null; }

# Report PDFs are checked with poppler-utils (pdfinfo says whether a PDF is tagged).
pdftools:
	@command -v pdfinfo >/dev/null || { echo "Installing Debian's poppler-utils package"; $(APT_INSTALL) poppler-utils >/dev/null; }

audio:
	@command -v espeak-ng >/dev/null || { echo "Installing Debian's espeak-ng package"; $(APT_INSTALL) espeak-ng >/dev/null; }

setup: python-deps node-deps

demo: setup audio
	$(UV) run areasend demo
	@echo ""
	@echo "areasend is starting: open http://$(HOST):$(PORT)/ (stop it with Ctrl+C)"
	@echo ""
	@$(UV) run areasend worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	AREASEND_STATIC_FROM_SOURCE=1 $(UV) run python -m django runserver $(HOST):$(PORT)

# The production server: gunicorn and the background worker (the database must be up to date: areasend migrate).
serve: setup
	$(UV) run areasend serve --host $(HOST) --port $(PORT)

test: setup browser audio pdftools
	$(UV) run lint-imports
	$(UV) run pytest

# The suite without the browser journeys (used for the second database in CI).
test-fast: setup pdftools
	$(UV) run pytest -m "not e2e"

bench: setup
	$(UV) run python bench/planner.py

clean:
	rm -rf var .pytest_cache .hypothesis
