# The two commands of the README: `make run` (the arena on the embedded default) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 4

.PHONY: run test install lint format serve-production worker browser-deps

# The environment is rebuilt when requirements.txt changes.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py runarena --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production: gunicorn with uvicorn workers (websockets need ASGI workers), behind a proxy.
serve-production: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/gunicorn config.asgi:application -k uvicorn_worker.UvicornWorker \
		--workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile -

# A Celery worker for this machine's queues (QUEUES=... to choose).
worker: install
	$(BIN)/celery -A config worker --loglevel=INFO --pool=solo $(if $(QUEUES),-Q $(QUEUES),)

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
browser-deps:
	apt-get update && apt-get install -y chromium chromium-driver
