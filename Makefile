# Each task is one word. A fresh machine needs only Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# `make demo` always uses the embedded SQLite database, whatever DATABASE_URL says.
DEMO_ENV := env -u DATABASE_URL DEBUG=1

.PHONY: demo test lint format migrations-check install clean messages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

install: $(DEV_STAMP)

demo: $(RUN_STAMP)
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	@echo "Serving the portal at http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# --maxschedchunk 2: the workers take tests two at a time, in order (tests/conftest.py starts the
# longest first), instead of a quarter of the suite each, which left one worker alone at the end.
test: $(DEV_STAMP)
	SECRET_KEY=$${SECRET_KEY:-make-test-not-a-secret} DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -n $${PYTEST_WORKERS:-auto} --maxschedchunk 2 $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: $(DEV_STAMP)
	SECRET_KEY=$${SECRET_KEY:-make-test-not-a-secret} $(BIN)/python manage.py makemigrations --check --dry-run

# Re-extract the strings (needs GNU gettext's xgettext, a developer tool only) and recompile the
# catalogs with Babel (pure Python). The compiled .mo files are committed; tests fail when stale.
messages: $(DEV_STAMP)
	SECRET_KEY=x $(BIN)/python manage.py makemessages -a -e html,txt,py --no-location --no-obsolete \
	  --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=media
	SECRET_KEY=x $(BIN)/python manage.py compile_catalogs

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# --- Backup and restore (see README "Backup and restore") ------------------------------------
# Both act on the installation the environment describes (DATABASE_URL, MEDIA_ROOT, or .env);
# a backup needs no real SECRET_KEY, so a placeholder is used when none is set.
.PHONY: backup restore
BACKUP_ENV := SECRET_KEY=$${SECRET_KEY:-make-backup-not-a-secret}

backup: $(RUN_STAMP)
	$(BACKUP_ENV) $(BIN)/python manage.py backup

restore: $(RUN_STAMP)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/wsisportal-YYYYMMDD-HHMMSS.tar.gz"; exit 2; }
	$(BACKUP_ENV) $(BIN)/python manage.py restore "$(FILE)"

# --- Production serving and the benchmark (see README "Running in production", "Benchmark") ---
# `make serve` needs PostgreSQL (DATABASE_URL) and SECRET_KEY, in the environment or in .env.
# It binds to loopback by default and so sets SECURE_SSL_REDIRECT=0 unless the environment says
# otherwise; behind a TLS proxy run it with SECURE_SSL_REDIRECT=1 BIND=... as you need.
.PHONY: serve worker bench
BIND ?= 127.0.0.1:8000
WORKERS ?= 3
SERVE_ENV := DEBUG=0 SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0}
POSTGRES_URL := ^postgres(ql)?://

# Serving model: gunicorn's sync workers. The meeting in session is followed by short polls (once a
# second, of a signed watch URL answered 304 before sessions are loaded while nothing changes), so no
# connection is ever held open and a sitting with hundreds of followers never starves the workers
# (README "The meeting in session"; `make bench`, live row). Measured against them: gthread workers
# with kept connections cost more CPU a poll (1.0 vs 0.8 ms) and kept the pages no faster; a separate
# worker for the watch URLs did no better either.
serve: $(RUN_STAMP)
	@if ! printf '%s' "$$DATABASE_URL" | grep -Eq '$(POSTGRES_URL)' && ! grep -Eqs '^DATABASE_URL=$(POSTGRES_URL:^%=%)' .env; then \
	  echo "make serve runs the portal on PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/name"; \
	  echo "(and SECRET_KEY). For a quick look without PostgreSQL use 'make demo'."; exit 2; fi
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py sweep_upload_temp
	@echo "Serving the portal with gunicorn ($(WORKERS) workers) at http://$(BIND) (Ctrl-C to stop)"
	@echo "With CELERY_BROKER_URL set, also run the worker (any number, on any machine): make worker"
	$(SERVE_ENV) $(BIN)/gunicorn wsisportal.wsgi:application --bind $(BIND) --workers $(WORKERS) --access-logfile -

# The background worker (PDFs, meeting packs, mail): needs CELERY_BROKER_URL (redis://host:6379/2) and
# the same DATABASE_URL, STORAGE_URL and SECRET_KEY as the application servers. Stop it with SIGTERM
# (warm shutdown: the task in hand finishes); a killed worker's task is handed to another worker.
worker: $(RUN_STAMP)
	@test -n "$$CELERY_BROKER_URL" || grep -qs '^CELERY_BROKER_URL=.' .env || { \
	  echo "make worker needs CELERY_BROKER_URL=redis://host:6379/2 (without it, tasks run inside the web process)."; exit 2; }
	DEBUG=0 $(BIN)/celery -A wsisportal worker --loglevel INFO --concurrency $${WORKER_CONCURRENCY:-2}

# Builds its own throwaway database (<name>_bench next to DATABASE_URL's PostgreSQL database, or a
# temporary SQLite file), serves it with gunicorn on 127.0.0.1:8200 and prints one table.
# `make bench SCALE=10` then grows the dataset tenfold and times every page again beside the 1× figures.
SCALE ?= 1
bench: $(RUN_STAMP)
	@command -v wrk >/dev/null || echo "wrk not found (Debian: apt-get install -y wrk); the bench uses a bounded Python load loop."
	SECRET_KEY=$${SECRET_KEY:-make-bench-not-a-secret} $(BIN)/python manage.py bench --scale $(SCALE)

# --- Security: leak scan, lockout, CSP, deploy check, fuzzing (see README "Security hardening") ------
.PHONY: security
security: $(DEV_STAMP)
	SECRET_KEY=$${SECRET_KEY:-make-test-not-a-secret} DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest tests/test_leak_scan.py tests/security $(PYTEST_ARGS)
