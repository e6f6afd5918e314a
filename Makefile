# Two commands for a fresh machine with Python 3 and make:
#   make lab    create .venv on first use, install everything, open JupyterLab on the start notebook
#   make test   create .venv on first use, install everything, run every test
#   make app    one notebook as an app for a projector (Voila: code hidden, widgets live); NB=notebooks/... picks it
#   make print  the print and projection version of every notebook: HTML and PDF in build/print/
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab refuses to run as root unless told; school machines never run it as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install clean benchmarks browser app hub-env print

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt jupyter/overrides.json jupyter/ipython_kernel_config.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,hub]"
	mkdir -p $(VENV)/share/jupyter/lab/settings $(VENV)/etc/ipython
	cp jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	cp jupyter/ipython_kernel_config.py $(VENV)/etc/ipython/ipython_kernel_config.py
	# Build the chart widget's offline bundle now, so the first notebook does not wait ~2 s for it.
	$(BIN)/python -c "from helpers import vega; vega.bundle()"
	touch $(STAMP)

PORT ?= 8888
# A fresh random token each time (never disabled), passed in the environment so it does
# not show in the process list; the line printed first opens the start notebook directly.
# It serves the whole collection, so students can open data/ and the READMEs from the file list.
lab: $(STAMP)
	@TOKEN=$$($(BIN)/python -c "import secrets; print(secrets.token_hex(24))"); \
	echo ""; \
	echo "    Open the collection at: http://127.0.0.1:$(PORT)/lab/tree/notebooks/00_start_here.ipynb?token=$$TOKEN"; \
	echo "    (Stop with Ctrl-C twice. If the port is busy: make lab PORT=8890)"; \
	echo ""; \
	JUPYTER_TOKEN=$$TOKEN $(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) \
	  --ServerApp.port_retries=0 $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

# The browser tests need Debian's Chromium; install it where we can, else they skip with a message.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	      || echo "Could not install chromium: the browser tests will be skipped."; \
	  else \
	    echo "Chromium is not installed and this user cannot install it (needs root and apt-get):"; \
	    echo "the browser tests will be skipped. An administrator can run: apt-get install chromium chromium-driver"; \
	  fi; \
	fi

# For the hub test (tests/hub): the student environment exactly as an administrator installs
# it (binder/requirements.txt, no test tools) and JupyterHub's proxy from npm, in .venv/hub.
# Without npm the hub test skips with a message; everything else still runs.
# The collection itself is installed there as on a hub (not editable): reinstalled when helpers change.
HUB_STAMP := $(VENV)/hub/.installed
HUB_COLLECTION := $(VENV)/hub/.collection

hub-env: $(HUB_COLLECTION)

$(HUB_STAMP): $(STAMP) binder/requirements.txt binder/postBuild tests/hub/make_student_env.py
	$(BIN)/python tests/hub/make_student_env.py
	touch $(HUB_STAMP)

$(HUB_COLLECTION): $(HUB_STAMP) $(wildcard helpers/*.py helpers/js/*.js) balkans_ipython.py
	$(BIN)/python tests/hub/make_student_env.py --collection
	touch $(HUB_COLLECTION)

test: $(STAMP) browser hub-env print
	$(BIN)/python -m pytest -n 2 --dist loadfile

# One notebook as an app for a projector: Voila runs it top to bottom and shows its text, charts
# and live widgets, never its code. Loopback only, with a fresh random token (APP_TOKEN sets one).
# A fresh journal each time (unless BALKANS_JOURNAL is set), so a class predicts anew each lesson.
NB ?= notebooks/03_serbia_kosovo.ipynb
APP_PORT ?= 8866
app: $(STAMP)
	@TOKEN=$${APP_TOKEN:-$$($(BIN)/python -c "import secrets; print(secrets.token_hex(24))")}; \
	echo ""; \
	echo "    Open the app at: http://127.0.0.1:$(APP_PORT)/?token=$$TOKEN"; \
	echo "    (Stop with Ctrl-C. Another notebook: make app NB=notebooks/02_continuity.ipynb)"; \
	echo ""; \
	BALKANS_JOURNAL=$${BALKANS_JOURNAL:-$$(mktemp -d)/journal.json} \
	$(BIN)/voila --no-browser --Voila.ip=127.0.0.1 --port=$(APP_PORT) --Voila.token=$$TOKEN \
	  --Voila.port_retries=0 "$(NB)"

# The print and projection version of every notebook (tools/print_notebooks.py): each run with an empty
# temporary journal in print mode, code hidden, widgets as static HTML; HTML and A4 PDF (Chromium) in
# build/print/, the page count of each PDF in docs/teacher/print.md. One to two minutes.
print: $(STAMP) browser
	$(BIN)/python tools/print_notebooks.py

# Figures, not tests (benchmarks/README.md): run on a quiet machine, one at a time.
benchmarks: $(STAMP) browser
	$(BIN)/python benchmarks/import_time.py
	$(BIN)/python benchmarks/widget_latency.py
	$(BIN)/python benchmarks/browser_latency.py
	$(BIN)/python benchmarks/suite_time.py
	$(BIN)/python benchmarks/classroom.py

clean:
	rm -rf $(VENV)
