#!/usr/bin/env bash
# Measures start-to-healthy and idle RSS of walletdesk on an existing data
# directory: builds the binary, starts it once to create the data, then
# starts it N times and polls /healthz every 2 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10}
bin=$(mktemp -d)/walletdesk
data=$(mktemp -d)
go build -o "$bin" ./cmd/walletdesk
port=18181
"$bin" serve --data "$data" --addr 127.0.0.1:$port 2>/dev/null &
pid=$!
until curl -sf -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.05; done
kill $pid; wait $pid 2>/dev/null || true
for i in $(seq "$n"); do
  start=$(date +%s%N)
  "$bin" serve --data "$data" --addr 127.0.0.1:$port 2>/dev/null &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.002; done
  end=$(date +%s%N)
  sleep 2
  rss=$(ps -o rss= -p $pid)
  echo "run $i: start-to-healthy $(( (end - start) / 1000000 )) ms, idle RSS $(( rss / 1024 )) MB"
  kill $pid; wait $pid 2>/dev/null || true
done
rm -rf "$data" "$(dirname "$bin")"
