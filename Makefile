# ChannelLedger — `make help` lists the targets.
SHELL      := /bin/bash
SWIFT      ?= swift
BIN        := .build/debug/channel-ledger
TEST_FLAGS ?=
SCHEMATHESIS         := .build/schemathesis/bin/st
SCHEMATHESIS_VERSION := 4.32.5

.DEFAULT_GOAL := help
.PHONY: help build test soak demo demo-http bench bench-quick lint format clean postgres postgres-stop

# The throwaway PostgreSQL of `make postgres`: trust logins on 127.0.0.1 only, for tests, never for data.
PG_BIN     ?= $(lastword $(sort $(wildcard /usr/lib/postgresql/*/bin)))
PG_DIR     ?= /tmp/channel-ledger-pg
PG_PORT    ?= 5432
PG_DB      ?= channel_ledger_test
PG_AS      := $(if $(filter 0,$(shell id -u)),runuser -u postgres --,)

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-13s %s\n", $$1, $$2}'

build: ## Build the package and the channel-ledger binary (debug); a target importing what it does not declare fails
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error

TEST_ENV = CHANNEL_LEDGER_BIN=$(CURDIR)/$(BIN) CHANNEL_LEDGER_SCHEMATHESIS=$(CURDIR)/$(SCHEMATHESIS)

# Two runs: the CLI tests wait for the binary's processes on threads of Swift's concurrency pool
# (one per core), which in one run starved the in-process servers, PostgreSQL suites and timers of
# the other suites for minutes (Docs/reliability.md, "Found by the harness"). TEST_FLAGS runs once.
test: build $(SCHEMATHESIS) ## Run every test suite (unit, store contracts on SQLite and PostgreSQL, the real binary)
ifeq ($(strip $(TEST_FLAGS)),)
	$(TEST_ENV) $(SWIFT) test --skip-build --skip '^CLITests\.'
	$(TEST_ENV) $(SWIFT) test --skip-build --filter '^CLITests\.'
else
	$(TEST_ENV) $(SWIFT) test --skip-build $(TEST_FLAGS)
endif

SOAK_KILLS ?= 500
SOAK_EXAMPLES ?= 2000

soak: build $(SCHEMATHESIS) ## The reliability suite's heavy versions (SIGKILL 500 times, a long Schemathesis run; under 30 minutes), then its figures
	$(TEST_ENV) CHANNEL_LEDGER_SOAK_KILLS=$(SOAK_KILLS) CHANNEL_LEDGER_SCHEMATHESIS_EXAMPLES=$(SOAK_EXAMPLES) \
	  $(SWIFT) test --skip-build --filter 'CrashCLITests|OpenAPICLITests' 2>&1 | tee .build/soak.log | grep -E '^(✘|crash figures|concurrency figures|schemathesis figures)' ; \
	  status=$${PIPESTATUS[0]}; grep -E '^crash figures' .build/soak.log > /dev/null && exit $$status || exit 1

# Schemathesis checks the running `serve` against Docs/openapi.yaml (Tests/CLITests/OpenAPICLITests.swift).
$(SCHEMATHESIS):
	python3 -m venv .build/schemathesis
	.build/schemathesis/bin/pip install --quiet --disable-pip-version-check schemathesis==$(SCHEMATHESIS_VERSION)

demo: ## Run the whole workflow on a temporary store with the sandbox transport
	$(SWIFT) build --product channel-ledger
	$(BIN) demo

demo-http: ## The same set-up over real HTTP: the sandbox server on loopback, every step through the live transport
	$(SWIFT) build --product channel-ledger
	Scripts/demo-http.sh $(BIN)

bench: ## Full benchmark (release build): every figure beside raw SQLite's, median of 5 runs
	$(SWIFT) build -c release --product channel-ledger
	$(SWIFT) build -c release --product channel-ledger-bench
	.build/release/channel-ledger-bench $(BENCH_FLAGS)

bench-quick: ## The same figures on smaller logs (a couple of minutes after the build)
	$(SWIFT) build -c release --product channel-ledger
	$(SWIFT) build -c release --product channel-ledger-bench
	.build/release/channel-ledger-bench --quick $(BENCH_FLAGS)

lint: ## Check formatting with swift-format (from the toolchain)
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Package.swift Sources Adapters Tests Benchmarks

format: ## Rewrite sources with swift-format
	$(SWIFT) format --in-place --recursive --configuration .swift-format Package.swift Sources Adapters Tests Benchmarks

postgres: ## Start a throwaway PostgreSQL on 127.0.0.1:5432 for the tests (reuses one already listening)
	@set -e; \
	if $(PG_BIN)/pg_isready -q -h 127.0.0.1 -p $(PG_PORT); then \
	  echo "== PostgreSQL already accepts connections on 127.0.0.1:$(PG_PORT); using it"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then install -d -o postgres -g postgres -m 0700 $(PG_DIR); else mkdir -p -m 0700 $(PG_DIR); fi; \
	  if [ ! -f $(PG_DIR)/data/PG_VERSION ]; then \
	    echo "== initdb $(PG_DIR)/data"; \
	    $(PG_AS) $(PG_BIN)/initdb --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
	      -D $(PG_DIR)/data >$(PG_DIR)/initdb.log; \
	  fi; \
	  echo "== starting PostgreSQL on 127.0.0.1:$(PG_PORT) (log: $(PG_DIR)/server.log)"; \
	  $(PG_AS) $(PG_BIN)/pg_ctl -D $(PG_DIR)/data -l $(PG_DIR)/server.log -w -t 60 start \
	    -o "-c listen_addresses=127.0.0.1 -p $(PG_PORT) -c unix_socket_directories=$(PG_DIR) -c max_connections=400" \
	    >/dev/null; \
	fi; \
	for i in $$(seq 1 60); do $(PG_BIN)/pg_isready -q -h 127.0.0.1 -p $(PG_PORT) && break; sleep 0.5; done; \
	$(PG_BIN)/pg_isready -h 127.0.0.1 -p $(PG_PORT); \
	if ! $(PG_BIN)/psql -h 127.0.0.1 -p $(PG_PORT) -U postgres -d postgres -w -qtAc 'SELECT 1' >/dev/null; then \
	  echo "the server on 127.0.0.1:$(PG_PORT) refuses user postgres without a password (Debian's own cluster?);" \
	    "stop it (pg_ctlcluster 15 main stop) or run make postgres PG_PORT=5433" >&2; exit 1; \
	fi; \
	if [ -z "$$($(PG_BIN)/psql -h 127.0.0.1 -p $(PG_PORT) -U postgres -d postgres -tAc \
	    "SELECT 1 FROM pg_database WHERE datname = '$(PG_DB)'")" ]; then \
	  $(PG_BIN)/createdb -h 127.0.0.1 -p $(PG_PORT) -U postgres $(PG_DB); \
	fi; \
	echo "export CHANNEL_LEDGER_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$(PG_PORT)/$(PG_DB)"

postgres-stop: ## Stop the throwaway PostgreSQL started by make postgres (its data stays in /tmp)
	@if [ -f $(PG_DIR)/data/postmaster.pid ]; then \
	  $(PG_AS) $(PG_BIN)/pg_ctl -D $(PG_DIR)/data -m fast -w stop; \
	else echo "== no PostgreSQL of make postgres is running"; fi

clean: ## Remove build products
	rm -rf .build
