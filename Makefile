# Two commands a newcomer needs: `make run` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint bench bench-scale soak dovecot postgresql spreadsheet chromium systemd screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installed (not editable) so what runs is what a user gets from `pip install .`.
$(VENV)/.installed: $(BIN)/python pyproject.toml $(shell find daemon templates -type f -not -path '*/__pycache__/*')
	$(BIN)/pip install --quiet ".[test]"
	touch $@

# Dovecot serves the demo and the tests; openssl makes the tests' TLS certificate.
dovecot:
	@{ command -v dovecot || [ -x /usr/sbin/dovecot ]; } >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1 || { \
		echo "Installing dovecot-imapd and openssl (the test and demo IMAP server)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd openssl >/dev/null; }

# PostgreSQL: the tests start a throwaway cluster of it (many mailboxes, one database).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "Installing postgresql (the tests run the contact log on a throwaway PostgreSQL too)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# With a .env: the daemon on your mailbox. Without: a demo mailbox on loopback.
run: $(VENV)/.installed
	@if [ -f .env ]; then exec $(BIN)/coffeechat --env-file .env run; \
	else $(MAKE) --no-print-directory dovecot && exec $(BIN)/python -m daemon.demo; fi

# LibreOffice Calc (headless) opens the CSV export in the tests, as a user's spreadsheet would.
spreadsheet:
	@dpkg-query -W -f='$${Status}\n' libreoffice-calc-nogui libreoffice-calc 2>/dev/null | grep -q "install ok installed" || { \
		echo "Installing libreoffice-calc-nogui (the tests open the CSV export in a real spreadsheet)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libreoffice-calc-nogui >/dev/null; }

# Headless Chromium: the tests open the weekly summary's HTML in a real browser; `make screenshots` photographs it.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing chromium (the tests render the weekly summary in a real browser)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# systemd-analyze checks the units (verify, security score); minimal images may lack it.
systemd:
	@command -v systemd-analyze >/dev/null 2>&1 || { \
		echo "Installing systemd (the tests check the units with systemd-analyze)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd >/dev/null; }

test: $(VENV)/.installed dovecot postgresql spreadsheet chromium systemd
	$(BIN)/ruff check daemon tests scripts bench
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check daemon tests scripts bench

# The README's pictures of the weekly summary (docs/screenshots/), at a phone's width and a desktop's.
screenshots: $(VENV)/.installed chromium
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .demo build *.egg-info .pytest_cache .ruff_cache

# Figures recorded in BENCHMARKS.md; a real Dovecot on loopback, a year-sized mailbox.
bench: $(VENV)/.installed dovecot
	$(BIN)/python bench/run.py

# Thousands of random kill -9 trials (tests/test_kill_trials.py; `make test` runs a couple of hundred).
SOAK_TRIALS ?= 3000
soak: $(VENV)/.installed dovecot
	TEST_COFFEECHAT_SOAK_TRIALS=$(SOAK_TRIALS) $(BIN)/python -m pytest -q -s tests/test_kill_trials.py -k soak

# Scale-out figures (README "Scale-out", BENCHMARKS.md): N mailboxes, one process each, one shared PostgreSQL.
bench-scale: $(VENV)/.installed dovecot postgresql
	$(BIN)/python bench/scale.py
