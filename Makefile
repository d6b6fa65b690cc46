# ChannelLedger — `make help` lists the targets.
SWIFT      ?= swift
BIN        := .build/debug/channel-ledger
TEST_FLAGS ?=

.DEFAULT_GOAL := help
.PHONY: help build test demo lint format clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-8s %s\n", $$1, $$2}'

build: ## Build the package and the channel-ledger binary (debug)
	$(SWIFT) build --build-tests

test: build ## Run every test suite (unit, store contract, real SQLite files, the real binary)
	CHANNEL_LEDGER_BIN=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build $(TEST_FLAGS)

demo: ## Run the whole workflow on a temporary store with the sandbox transport
	$(SWIFT) build --product channel-ledger
	$(BIN) demo

lint: ## Check formatting with swift-format (from the toolchain)
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Package.swift Sources Adapters Tests

format: ## Rewrite sources with swift-format
	$(SWIFT) format --in-place --recursive --configuration .swift-format Package.swift Sources Adapters Tests

clean: ## Remove build products
	rm -rf .build
