# netz: `make run` starts the app, `make test` runs every test. Both set themselves up first, from the lock.
#
# Dependencies are locked with hashes in requirements.lock (runtime, dev tools, setuptools, uv) and
# requirements-pip.lock (pip itself), resolved for Python 3.11 on Linux x86_64. `make setup` installs exactly
# these files with `pip install --require-hashes`, then netz itself with --no-deps: a new release elsewhere never
# changes what `make test` runs. To add or change a dependency: edit pyproject.toml (dependencies, or the dev
# extra for tools), run `make lock` (keeps every other pin), commit pyproject.toml and the lock files together.
# `make lock-upgrade` moves every pin to the newest release pyproject.toml allows; run `make test` after it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LOCK := requirements.lock
PIP_LOCK := requirements-pip.lock
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock"

.PHONY: setup run netz test test-browser lint bench demo lock lock-upgrade clean

$(STAMP): pyproject.toml $(LOCK) $(PIP_LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "netz needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(PIP_LOCK)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

run: setup
	@echo "The netz command: .venv/bin/netz --help   (or: make netz ARGS='due')"
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port 8501

# any netz command through make: make netz ARGS='due --db data/demo.duckdb'
netz: setup
	$(BIN)/netz $(ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# the real-browser tests alone (Debian's chromium; skipped without it, a failure with CI=true)
test-browser: setup
	$(BIN)/python -m pytest -m browser tests/browser

bench: setup
	$(BIN)/python -m bench

demo: setup
	$(BIN)/netz demo

# refresh the lock after a change in pyproject.toml: new dependencies resolved, every other pin kept
lock: setup
	$(UV_COMPILE) pyproject.toml requirements-tools.in --extra dev -o $(LOCK)
	$(UV_COMPILE) requirements-pip.in -o $(PIP_LOCK)

# every pin to the newest release pyproject.toml allows (then: make test, and commit the lock files)
lock-upgrade: setup
	$(UV_COMPILE) --upgrade pyproject.toml requirements-tools.in --extra dev -o $(LOCK)
	$(UV_COMPILE) --upgrade requirements-pip.in -o $(PIP_LOCK)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/artifacts
