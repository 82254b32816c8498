#!/usr/bin/env bash
# A load run across three cluster nodes on one machine: a throwaway PostgreSQL and
# Redis, an OpenAI-shaped upstream (Python, answers at once), three `ledgergate serve`
# nodes, and one `wrk` per node at the same time. Prints each node's figures, the
# total, and how many requests a key limited to RPM requests per minute got through
# (cluster-wide: at most RPM plus RPM/60 a second of the run, whatever the load).
#   deploy/load-cluster.sh [BINARY] [SECONDS] [CONNECTIONS_PER_NODE] [RPM]
# Needs: initdb/pg_ctl (PostgreSQL 15), redis-server, wrk, python3. Runs as `nobody`
# for PostgreSQL when started as root. Leaves nothing behind.
set -euo pipefail
BIN=${1:-target/release/ledgergate}
SECONDS_=${2:-10}
CONNS=${3:-16}
RPM=${4:-600}
BIN=$(realpath "$BIN")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
PIDS=()
PGBIN=$(dirname "$(command -v initdb || echo /usr/lib/postgresql/15/bin/initdb)")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

[ "$(id -u)" = 0 ] && chown nobody "$WORK"
PGPORT=$(port); REDISPORT=$(port); UPPORT=$(port)
as_pg "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1" -l "$WORK/pg.log" -w start >/dev/null
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
PIDS+=($!)
cat > "$WORK/upstream.py" <<'PY'
import http.server, json, sys
BODY = json.dumps({"id": "chatcmpl-load", "object": "chat.completion", "created": 0, "model": "gpt-4o-mini",
  "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}],
  "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12}}).encode()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(200); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(BODY))); self.end_headers(); self.wfile.write(BODY)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$WORK/upstream.py" "$UPPORT" &
PIDS+=($!)
export LEDGERGATE_POSTGRES_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable"
export LEDGERGATE_REDIS_URL="redis://127.0.0.1:$REDISPORT/"
export LEDGERGATE_MASTER_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export LOAD_KEY=lgk-load-cluster-key-0000000000000000
export LIMITED_KEY=lgk-load-cluster-limited-000000000000
export ADMIN_TOKEN=load-cluster-admin-token-0123456789abcdef
URLS=()
for n in a b c; do
  mkdir -p "$WORK/$n"
  cat > "$WORK/$n/ledgergate.toml" <<TOML
[server]
listen = "127.0.0.1:0"
[log]
level = "warn"
[policy]
dir = "$ROOT/policies"
[cluster]
node_id = "load-$n"
[[providers]]
name = "upstream"
kind = "openai"
base_url = "http://127.0.0.1:$UPPORT/v1"
api_key_env = "ADMIN_TOKEN"
region = "eu-west"
models = ["gpt-4o-mini"]
[[tenants]]
id = "load"
policy = "default"
[[tenants.keys]]
id = "load-key"
secret_env = "LOAD_KEY"
[[tenants.keys]]
id = "limited-key"
secret_env = "LIMITED_KEY"
rpm = $RPM
TOML
  (cd "$WORK/$n" && "$BIN" serve --config ledgergate.toml --data-dir data >"$WORK/$n/out" 2>"$WORK/$n/err" &
   echo $! >"$WORK/$n/pid")
  PIDS+=("$(cat "$WORK/$n/pid")")
  for _ in $(seq 1 150); do grep -q '^ledgergate listening on' "$WORK/$n/out" && break; sleep 0.2; done
  URL=$(sed -n 's/^ledgergate listening on //p' "$WORK/$n/out")
  [ -n "$URL" ] || { cat "$WORK/$n/err"; exit 1; }
  URLS+=("$URL")
done
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Summarise the quarterly report in three bullet points."}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
LUA
run() {  # KEY SECONDS
  local i=0 pids=()
  for u in "${URLS[@]}"; do
    KEY=$1 wrk -t1 -c"$CONNS" -d"$2s" --latency -s "$WORK/post.lua" "$u/v1/chat/completions" >"$WORK/wrk$i" &
    pids+=($!)
    i=$((i+1))
  done
  wait "${pids[@]}"
}
echo "== ${SECONDS_}s, $CONNS connections on each of 3 nodes, unlimited key"
run "$LOAD_KEY" "$SECONDS_"
total=0
for i in 0 1 2; do
  rps=$(sed -n 's/^Requests\/sec: *//p' "$WORK/wrk$i")
  p50=$(awk '$1=="50%"{print $2}' "$WORK/wrk$i"); p99=$(awk '$1=="99%"{print $2}' "$WORK/wrk$i")
  bad=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$WORK/wrk$i"); bad=${bad:-0}
  echo "node $i: $rps req/s, p50 $p50, p99 $p99, non-2xx $bad"
  total=$(python3 -c "print(round($total + $rps, 1))")
done
echo "cluster: $total req/s"
echo "== 5s on the key limited to $RPM requests per minute, same load"
run "$LIMITED_KEY" 5
ok=0
for i in 0 1 2; do
  all=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$WORK/wrk$i")
  bad=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$WORK/wrk$i"); bad=${bad:-0}
  ok=$((ok + all - bad))
done
# GCRA lets a whole minute's allowance through at once, then RPM/60 a second.
most=$((RPM + 5 * RPM / 60))
echo "admitted across the cluster: $ok (GCRA at $RPM/min over 5 s allows at most $most)"
[ "$ok" -le "$most" ] || { echo "the limit was overshot"; exit 1; }
