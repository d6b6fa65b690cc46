#!/usr/bin/env bash
# make demo-http: the whole set-up over real HTTP. Starts the sandbox server on a free loopback
# port, runs every step with the live transport against it, then stops the server.
set -euo pipefail
bin=${1:-.build/debug/channel-ledger}
work=$(mktemp -d "${TMPDIR:-/tmp}/channel-ledger-demo-http.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export CHANNEL_LEDGER_STORE="$work/ledger.sqlite" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

"$bin" sandbox serve --port 0 >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/^sandbox listening on //p' "$work/server.out")
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the sandbox server did not start" >&2; exit 1; }
echo "== sandbox server at $url (the live transport talks to it over HTTP)"

accounts=$("$bin" sandbox accounts --json)
field() { python3 -c 'import json,sys; a=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$accounts"; }
step() { printf '\n$ channel-ledger'; printf ' %q' "$@"; printf '\n'; "$bin" "$@"; }

step init
field 'a["salesforce"]["consumerSecret"]' | step connected-app register --transport live \
  --consumer-key "$(field 'a["salesforce"]["consumerKey"]')" --my-domain "$url" --consumer-secret-stdin
for i in 0 1; do
  name=$(field "a['buyWithPrime'][$i]['name']")
  step channels create "$name" --endpoint "$url"
  field "a['buyWithPrime'][$i]['clientSecret']" | step channels credentials "$name" \
    --client-id "$(field "a['buyWithPrime'][$i]['clientId']")" \
    --target-id "$(field "a['buyWithPrime'][$i]['targetId']")" --client-secret-stdin
  step channels authorize "$name"
  step mappings activate "$name" --all
  step channels launch "$name"
done
step channels list
echo
echo "== what the sandbox server received"
python3 - "$url" <<'PY'
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/_sandbox/requests") as answer:
    for request in json.load(answer):
        print(f'{request.get("api", "?"):15} {request.get("method", "?"):5} {request.get("path", "?"):40} {request.get("status", "?")}')
PY
step verify
