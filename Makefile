# Two commands for a new machine with Python 3.11 and make: `make serve` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?=
# plain HTTP on a local machine; behind a TLS proxy run with HTTPS=1 (see README, Configuration)
HTTPS ?= 0
export DATA_DIR HOST PORT WORKERS HTTPS
MANAGE := DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py

.PHONY: serve setup test lint bench install install-dev backup load admin

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(DATA_DIR)/secret_key:
	mkdir -p $(DATA_DIR)
	umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

setup: install $(DATA_DIR)/secret_key
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_archive
	$(MANAGE) ensure_index
	$(MANAGE) collectstatic --noinput -v0
	@echo "管理员账户：ADMIN_USERNAME=… ADMIN_PASSWORD=… make admin（需同样设置 DATA_DIR=$(DATA_DIR)）"

serve: setup
	@echo "在 http://$(HOST):$(PORT)/ 提供服务（Ctrl-C 停止）"
	@# the index worker applies queued index updates a request could not (see search/queue.py)
	$(MANAGE) index_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=config.settings.prod $(VENV)/bin/gunicorn --config gunicorn.conf.py

# The first administrator, without prompting: ADMIN_USERNAME=… ADMIN_PASSWORD=… [ADMIN_EMAIL=…] make admin
admin: install $(DATA_DIR)/secret_key
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) create_admin

load: install-dev
	$(PY) -m tests.reliability.loadtest --clients $${CLIENTS:-16} --seconds $${SECONDS:-60}

backup: install
	$(MANAGE) backup

test: install-dev
	$(PY) -m pytest

# ruff (style, complexity ceilings, bug-risk rules; see pyproject.toml) and mypy on the domain and search
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy archive search

# Search benchmark (not part of `make test`): SECTIONS=100000 make bench; writes var/bench/latest.json.
SECTIONS ?= 10000
bench: install-dev
	SECTIONS=$(SECTIONS) $(PY) -m bench.run
