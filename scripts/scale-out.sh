#!/usr/bin/env bash
# What a production deployment looks like, on this machine (docs/operations.md, "Scaling past one machine"):
# a PostgreSQL primary and a streaming hot standby made with pg_basebackup, two app instances (Release, published,
# Production settings) whose anonymous reads go to the standby (ConnectionStrings:WsisTrackerReads, decision 126),
# and HAProxy in front that health-checks them on /health/ready.
# Then a bounded load through the proxy (scripts/scale-out/load.py: readers, and writers recording progress with a
# key, If-Match and an Idempotency-Key) while app instance 1 is stopped and started again and while the standby is
# stopped and started again. It prints the figures and fails if an acknowledged write is missing on the primary or
# on the standby, or if a write was given up.
# Usage: scripts/scale-out.sh        (SCALE_OUT_SECONDS=36 of load; ports: WSIS_SCALE_PG1/PG2/APP1/APP2/PROXY)
# Everything listens on 127.0.0.1 and is stopped at the end; data and logs stay in artifacts/scale-out/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

SECONDS_OF_LOAD="${SCALE_OUT_SECONDS:-36}"
PG1="${WSIS_SCALE_PG1:-5561}"; PG2="${WSIS_SCALE_PG2:-5562}"
APP1="${WSIS_SCALE_APP1:-5071}"; APP2="${WSIS_SCALE_APP2:-5072}"; PROXY="${WSIS_SCALE_PROXY:-5070}"
OUT="$ROOT/artifacts/scale-out"
DB=wsis_scale

ensure_dotnet
ensure_postgres
command -v haproxy >/dev/null || { log "installing HAProxy"; apt_install haproxy; }
command -v curl >/dev/null || apt_install curl
command -v python3 >/dev/null || apt_install python3

rm -rf "$OUT"; mkdir -p "$OUT"
PRIMARY="$(cluster_dir "$OUT/primary" scale-out-primary fresh)"
STANDBY="$(cluster_dir "$OUT/standby" scale-out-standby fresh)"
declare -A PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for dir in "$STANDBY" "$PRIMARY"; do as_pg pg_ctl -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

start_cluster "$PRIMARY" "$PG1"
recreate_database "$PRIMARY" "$PG1" "$DB"
log "standby: pg_basebackup of the primary, streaming"
rm -rf "$STANDBY/data"
as_pg pg_basebackup -h 127.0.0.1 -p "$PG1" -U wsis -D "$STANDBY/data" -R -X stream -c fast
start_cluster "$STANDBY" "$PG2"
psql_on() { as_pg psql -h 127.0.0.1 -p "$1" -U wsis -d "$DB" -tAqc "$2"; }
[ "$(psql_on "$PG2" "SELECT pg_is_in_recovery()")" = t ] || die "the standby is not in recovery"

log "building Release"
WEB="$(publish_release)"
pool="Maximum Pool Size=32;Max Auto Prepare=64;No Reset On Close=true"
export ConnectionStrings__WsisTracker="Host=127.0.0.1;Port=$PG1;Database=$DB;Username=wsis;$pool"
export ConnectionStrings__WsisTrackerReads="Host=127.0.0.1:$PG2,127.0.0.1:$PG1;Database=$DB;Username=wsis;Target Session Attributes=prefer-standby;Application Name=wsis-reads;$pool"
# Two instances: the rate limits count in PostgreSQL (decision 123).
export ASPNETCORE_ENVIRONMENT=Production Security__AllowPlainHttp=true Database__MigrateOnStartup=false RateLimiting__Store=Shared
# All load comes from one address: lift the per-address and per-key limits (everything else as deployed).
export RateLimiting__PermitLimitPerKey=1000000000 RateLimiting__PermitLimitPerAddress=1000000000 RateLimiting__PagePermitLimitPerAddress=1000000000
log "migrating and seeding the primary"
web_app migrate >"$OUT/migrate.log" 2>&1 || { tail -20 "$OUT/migrate.log" >&2; die "migrate failed"; }
key="$(web_app api-keys create --name scale-out --role Secretariat | tail -n1)"

start_app() { # start_app N PORT
  web_app --urls "http://127.0.0.1:$2" >>"$OUT/app$1.log" 2>&1 &
  PIDS[app$1]=$!
  wait_ready "http://127.0.0.1:$2/health/ready" 60
}
stop_app() { # stop_app N: SIGTERM, as an orchestrator stops a container; Kestrel drains what it has in flight
  kill -TERM "${PIDS[app$1]}"; wait "${PIDS[app$1]}" 2>/dev/null || true; unset "PIDS[app$1]"
}
start_app 1 "$APP1"; start_app 2 "$APP2"

cat > "$OUT/haproxy.cfg" <<CFG
global
  maxconn 1000
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  option redispatch
  retries 3
  retry-on conn-failure empty-response
frontend web
  bind 127.0.0.1:$PROXY
  default_backend apps
backend apps
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  default-server inter 300ms fall 2 rise 2
  server app1 127.0.0.1:$APP1 check
  server app2 127.0.0.1:$APP2 check
CFG
haproxy -f "$OUT/haproxy.cfg" -db >"$OUT/haproxy.log" 2>&1 &
PIDS[proxy]=$!
wait_ready "http://127.0.0.1:$PROXY/health/ready" 20

reads_on_standby() { psql_on "$PG2" "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'"; }
standby_before="$(reads_on_standby)"
events="$OUT/events.txt"; : > "$events"
log "load through the proxy for $SECONDS_OF_LOAD s: app 1 stopped and started, then the standby stopped and started"
python3 scripts/scale-out/load.py --base "http://127.0.0.1:$PROXY" --key "$key" --seconds "$SECONDS_OF_LOAD" \
  --summary "$OUT/summary.json" --acknowledged "$OUT/acknowledged.txt" --events "$events" &
LOAD=$!
t0=$SECONDS
at() { while [ $((SECONDS - t0)) -lt "$1" ]; do sleep 0.2; done; echo "$((SECONDS - t0)) $2" >> "$events"; log "t=$((SECONDS - t0)) s: $2"; }
at 6 "stopping app 1 (SIGTERM)"; stop_app 1
at 10 "starting app 1"; start_app 1 "$APP1"; echo "$((SECONDS - t0)) app 1 ready" >> "$events"
at 18 "stopping the standby (fast shutdown)"; as_pg pg_ctl -D "$STANDBY/data" -m fast -w stop >/dev/null
at 24 "starting the standby"; start_cluster "$STANDBY" "$PG2"
wait "$LOAD" || die "the load script failed"
standby_after="$(reads_on_standby)"

log "checking every acknowledged write on the primary and, once replayed, on the standby"
python3 - "$OUT/acknowledged.txt" > "$OUT/acknowledged.sql" <<'PY'
import sys
notes = [line.strip() for line in open(sys.argv[1]) if line.strip()] or ["(none)"]
# A VALUES list, not a temporary table: the standby is read-only.
print("SELECT count(*) FROM (VALUES " + ",".join(f"('{n}')" for n in notes) + ") AS ack(note)"
      " WHERE ack.note <> '(none)' AND NOT EXISTS (SELECT 1 FROM progress_updates p WHERE p.note = ack.note);")
PY
missing_on() { as_pg psql -h 127.0.0.1 -p "$1" -U wsis -d "$DB" -tAq -f "$OUT/acknowledged.sql" | tail -n1; }
acknowledged=$(grep -c . "$OUT/acknowledged.txt" || true)
missing_primary="$(missing_on "$PG1")"
deadline=$((SECONDS + 20))
until [ "$(missing_on "$PG2")" = 0 ] || [ $SECONDS -ge $deadline ]; do sleep 0.5; done
missing_standby="$(missing_on "$PG2")"

python3 - "$OUT/summary.json" "$events" "$acknowledged" "$missing_primary" "$missing_standby" "$((standby_after - standby_before))" <<'PY' | tee "$OUT/figures.md"
import json, sys
s = json.load(open(sys.argv[1])); events = open(sys.argv[2]).read().strip().splitlines()
ack, miss_p, miss_s, standby_tx = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
total = s["reads"] + s["writes"]
print(f"| figure | value |\n| --- | ---: |")
print(f"| requests through HAProxy in {s['seconds']} s | {total} ({s['reads']} reads, {s['writes']} writes) |")
print(f"| responses by status | {', '.join(f'{k}: {v}' for k, v in sorted(s['status'].items()))} |")
print(f"| failed reads (5xx or no answer) | {len(s['read_failures'])} |")
print(f"| failed write attempts (sent again with the same Idempotency-Key) | {len(s['write_attempt_failures'])} |")
print(f"| writes acknowledged | {ack} |")
print(f"| writes given up after retries | {s['writes_given_up']} |")
print(f"| If-Match conflicts (412) | {s['conflicts']} |")
print(f"| acknowledged writes missing on the primary | {miss_p} |")
print(f"| acknowledged writes missing on the standby (after replay) | {miss_s} |")
print(f"| transactions the standby served during the load | {standby_tx} |")
print()
print("Events: " + "; ".join(f"t={e}" for e in events))
for kind in ("read_failures", "write_attempt_failures"):
    if s[kind]:
        print(f"{kind.replace('_', ' ')}: " + "; ".join(f"t={f['at']} {f['what']}" for f in s[kind][:20]))
PY
[ "$missing_primary" = 0 ] && [ "$missing_standby" = 0 ] || die "acknowledged writes are missing"
[ "$(python3 -c "import json; print(json.load(open('$OUT/summary.json'))['writes_given_up'])")" = 0 ] || die "writes were given up"
[ "$((standby_after - standby_before))" -gt 0 ] || die "the standby served no reads"
log "nothing acknowledged was lost (figures in $OUT/figures.md)"
