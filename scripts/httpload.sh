#!/usr/bin/env bash
# HTTP load runs behind docs/benchmarks.md: builds walletdesk and wdload,
# starts the server on a fresh SQLite data directory with rate limits off,
# and drives it from 16 closed-loop clients on loopback.
#
#   scripts/httpload.sh search   [duration]  # the search API, evaluation queries
#   scripts/httpload.sh requests [duration]  # creating requests (triage, redaction, commit)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:?usage: scripts/httpload.sh search|requests [duration]}
dur=${2:-20s}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/walletdesk" ./cmd/walletdesk
go build -o "$work/wdload" ./cmd/wdload
port=18300
base=http://127.0.0.1:$port
WALLETDESK_RATE_LIMIT=off "$work/walletdesk" serve --data "$work/data" --addr 127.0.0.1:$port 2>"$work/server.log" &
pid=$!
until curl -sf -o /dev/null $base/healthz; do sleep 0.05; done

case $what in
search)
  # Every query of the evaluation set, in its locale, in turn.
  jq -r --arg base "$base" '"\($base)/api/v1/kb/search?locale=\(.locale)&q=\(.q | @uri)"' \
    internal/kb/testdata/search-eval.jsonl >"$work/urls.txt"
  "$work/wdload" -d 5s -c 16 -urls "$work/urls.txt" >/dev/null # warm up
  "$work/wdload" -d "$dur" -c 16 -urls "$work/urls.txt"
  ;;
requests)
  # Ordinary requests in the three locales, as the wallet app sends them.
  cat >"$work/bodies.jsonl" <<'EOF'
{"email":"load-en@example.com","subject":"transfer stuck","body":"My USDT transfer on Ethereum has been pending for three hours, what should I do?","category":"transactions","locale":"en"}
{"email":"load-zh@example.com","subject":"转账卡住","body":"我的USDT转账一直在打包中，已经好几个小时了，怎么办？","category":"transactions","locale":"zh-CN"}
{"email":"load-ja@example.com","subject":"送金が届かない","body":"昨日送ったETHがまだ相手に届いていません。ガス代が低すぎたのでしょうか。","category":"transactions","locale":"ja"}
EOF
  "$work/wdload" -d 5s -c 16 -X POST -H 'Content-Type: application/json' -bodies "$work/bodies.jsonl" $base/api/v1/tickets >/dev/null
  "$work/wdload" -d "$dur" -c 16 -X POST -H 'Content-Type: application/json' -bodies "$work/bodies.jsonl" $base/api/v1/tickets
  ;;
*)
  echo "unknown run $what: search or requests" >&2
  exit 2
  ;;
esac
