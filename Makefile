# Two commands for a fresh machine with Python 3 and make:
#   make lab    create .venv on first use, install everything, open JupyterLab on the start notebook
#   make test   create .venv on first use, install everything, run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab refuses to run as root unless told; school machines never run it as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install clean benchmarks

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt jupyter/overrides.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

lab: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter lab --ip=127.0.0.1 $(ROOT_FLAG) 00_start_here.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/suite_time.py
	$(BIN)/python benchmarks/widget_latency.py
	$(BIN)/python benchmarks/import_time.py

clean:
	rm -rf $(VENV)
