# The front door: `make run` and `make test` are the two commands in the README.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6 needs Python >= 3.12; Debian 12's python3 is 3.11, where pip would quietly
# install Django 5.2. Take the first interpreter that really runs and is new enough.
PYTHON_CANDIDATES := $(PYTHON) python3.13 python3.12 python3 \
	$(wildcard /root/.pyenv/versions/3.13*/bin/python3.13) \
	$(wildcard /root/.pyenv/versions/3.12*/bin/python3.12) \
	$(wildcard /usr/local/bin/python3.1[23]) $(wildcard /usr/bin/python3.1[23])
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings

.PHONY: help venv run seed test test-browser lint format messages check-migrations bench ci clean

help:
	@echo "make run    - install, migrate, load the union tree and demo data, serve on 127.0.0.1:$(PORT)"
	@echo "make test   - the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint   - ruff check, format check and mypy"

$(VENV)/.installed: requirements/dev.lock
	@set -e; py=""; \
	for c in $(PYTHON_CANDIDATES); do \
	  if command -v "$$c" >/dev/null 2>&1 && "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then py="$$c"; break; fi; \
	done; \
	if [ -z "$$py" ]; then echo "Vươn Lên needs Python 3.12 or newer (set PYTHON=/path/to/python3.12)." >&2; exit 1; fi; \
	echo "Using $$py ($$($$py --version))"; \
	[ -x $(PY) ] || "$$py" -m venv $(VENV); \
	$(PY) -m pip install --quiet --upgrade pip; \
	$(PY) -m pip install --quiet -r requirements/dev.lock; \
	touch $@

venv: $(VENV)/.installed

run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_units
	VUONLEN_DEMO=1 $(PY) manage.py seed_demo
	# Demo lists are small: background exports run inside the request, no db_worker needed.
	VUONLEN_DEMO=1 TASKS_BACKEND=immediate $(PY) manage.py runserver 127.0.0.1:$(PORT)

seed: venv
	$(PY) manage.py load_units
	VUONLEN_DEMO=1 $(PY) manage.py seed_demo

test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

test-browser: venv
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

MAKEMESSAGES_ARGS := --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=static --ignore=tests --ignore="*/tests/*"

messages: venv
	$(PY) manage.py makemessages -l vi -l en $(MAKEMESSAGES_ARGS)
	$(PY) manage.py compilemessages --ignore=.venv

check-migrations: venv
	$(PY) manage.py makemigrations --check --dry-run

# National-scale benchmarks against raw-SQL baselines (not tests); see bench/README.md.
bench: venv
	$(PY) bench/bench_units.py

# What CI runs on a clean clone: lint, migrations check, the suite on SQLite and PostgreSQL.
ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var
