#!/bin/sh
# Regenerates ledger-format-0.sqlite, the single-account ledger (format 0) the upgrade's tests copy:
# the connected app registered and authorized, the sandbox's first demo account authorized
# (AccountCredentialsAuthorized), its seeded orders received through webhooks, none associated.
# The master key is ledger-format-0.key beside it, a test key and not a secret.
#
# Usage: Tests/Fixtures/make-ledger-format-0.sh [OUT]   (from anywhere; needs swift and sqlite3)
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/Tests/Fixtures/ledger-format-0.sqlite}"
cd "$root"
swift build --product make-ledger-format-0 >/dev/null
rm -f "$out" "$out-wal" "$out-shm" "$out.lock"
CHANNEL_LEDGER_MASTER_KEY="$(cat "$root/Tests/Fixtures/ledger-format-0.key")" \
    "$(swift build --show-bin-path)/make-ledger-format-0" "$out"
# One self-contained file: no write-ahead log to carry beside it.
sqlite3 "$out" "PRAGMA journal_mode=DELETE;" >/dev/null
rm -f "$out.lock"
