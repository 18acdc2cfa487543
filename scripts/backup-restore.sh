#!/usr/bin/env bash
# Backup and restore, tried for real: a throwaway PostgreSQL cluster, the app's database migrated and seeded with
# demo data and a progress update recorded through the API, `pg_dump -Fc`, `pg_restore` into a new database, then
# every table's row count and checksum and every sequence compared between the two, and the app started on the
# restored copy. Exits non-zero on any difference. Loopback only; every step is bounded by a timeout.
# Usage: scripts/backup-restore.sh   (BACKUP_COMMITMENTS=50 demo commitments; WSIS_BACKUP_CONFIG=Debug|Release;
#        BACKUP_CORRUPT=1 changes one restored row on purpose, to see the comparison fail)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

OUT="$ROOT/artifacts/backup-restore"
PGPORT="${WSIS_BACKUP_PGPORT:-$(free_port)}"
PORT="$(free_port)"
A="http://127.0.0.1:$PORT"
CONFIG="${WSIS_BACKUP_CONFIG:-Debug}"
COMMITMENTS="${BACKUP_COMMITMENTS:-50}"
SOURCE_DB=wsis_backup_source
RESTORED_DB=wsis_backup_restored
APP_PID=""

ensure_dotnet
ensure_postgres
command -v curl >/dev/null || apt_install curl

rm -rf "$OUT"; mkdir -p "$OUT"
PGDIR="$(cluster_dir "$OUT/postgres" backup-restore fresh)"
start_cluster "$PGDIR" "$PGPORT"
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
trap 'stop_app; as_pg pg_ctl -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true' EXIT

# pg_dump, pg_restore and psql connect over TCP to the loopback address (trust authentication for 'wsis').
pg() { timeout 120 "$@" -h 127.0.0.1 -p "$PGPORT" -U wsis; }
sql() { pg psql -d "$1" -XqtA -v ON_ERROR_STOP=1 -c "$2"; }

log "building the app ($CONFIG)"
timeout 600 dotnet build src/WsisTracker.Web -c "$CONFIG" -v quiet -nologo >/dev/null
WEB="$ROOT/src/WsisTracker.Web/bin/$CONFIG/net10.0/WsisTracker.Web.dll"

# start_app DB: serves the app on 127.0.0.1:$PORT against DB, waits for /health/ready.
start_app() {
  ConnectionStrings__WsisTracker="Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=wsis" ASPNETCORE_ENVIRONMENT=Production Security__AllowPlainHttp=true \
    Database__MigrateOnStartup=false dotnet "$WEB" --urls "$A" >"$OUT/app-$1.log" 2>&1 &
  APP_PID=$!
  wait_ready "$A/health/ready" 60
}

log "migrating and seeding $SOURCE_DB, adding $COMMITMENTS demo commitments"
sql postgres "CREATE DATABASE $SOURCE_DB" >/dev/null
export ConnectionStrings__WsisTracker="Host=127.0.0.1;Port=$PGPORT;Database=$SOURCE_DB;Username=wsis"
timeout 300 dotnet "$WEB" migrate >"$OUT/migrate.log" 2>&1 || { tail -20 "$OUT/migrate.log" >&2; die "migrate failed"; }
timeout 300 dotnet "$WEB" seed-demo --commitments "$COMMITMENTS" >"$OUT/seed-demo.log" 2>&1 || { tail -20 "$OUT/seed-demo.log" >&2; die "seed-demo failed"; }
key="$(timeout 120 dotnet "$WEB" api-keys create --name "backup-restore-$$" --role Secretariat | tail -n1)"

log "recording a progress update through the API"
start_app "$SOURCE_DB"
id="$(sql "$SOURCE_DB" "SELECT min(id) FROM commitments WHERE withdrawn_at IS NULL AND NOT is_synthetic")"
etag="$(curl -sf -m 10 -o /dev/null -D - "$A/api/v1/commitments/$id" | awk 'tolower($1) == "etag:" { print $2 }' | tr -d '\r')"
note="backup-restore check $(cat /proc/sys/kernel/random/uuid)"
status="$(curl -s -m 10 -o "$OUT/progress.json" -w '%{http_code}' -X POST "$A/api/v1/commitments/$id/progress" \
  -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -H "If-Match: $etag" \
  -d "{\"status\":\"onTrack\",\"progressPercent\":42,\"note\":\"$note\",\"asOf\":\"$(date -u +%Y-%m-%d)\"}")"
[ "$status" = 201 ] || { cat "$OUT/progress.json" >&2; die "recording progress answered $status"; }
stop_app

log "pg_dump -Fc $SOURCE_DB"
t0=$(date +%s%N)
pg pg_dump -Fc -d "$SOURCE_DB" -f "$OUT/backup.dump"
dump_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
log "pg_restore into $RESTORED_DB"
sql postgres "CREATE DATABASE $RESTORED_DB" >/dev/null
t0=$(date +%s%N)
pg pg_restore --exit-on-error --no-owner -d "$RESTORED_DB" "$OUT/backup.dump"
restore_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ "${BACKUP_CORRUPT:-0}" = 1 ]; then
  log "BACKUP_CORRUPT=1: changing one progress update in the restored copy"
  sql "$RESTORED_DB" "UPDATE progress_updates SET progress_percent = 41 WHERE id = (SELECT max(id) FROM progress_updates)" >/dev/null
fi

log "comparing every table and sequence"
tables_sql="SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
sequences_sql="SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
mapfile -t tables < <(sql "$SOURCE_DB" "$tables_sql")
mapfile -t restored_tables < <(sql "$RESTORED_DB" "$tables_sql")
mapfile -t sequences < <(sql "$SOURCE_DB" "$sequences_sql")
mapfile -t restored_sequences < <(sql "$RESTORED_DB" "$sequences_sql")
differences=0; rows=0
report="$OUT/comparison.txt"; : > "$report"
differ() { echo "DIFFERENT: $*" | tee -a "$report" >&2; differences=$((differences + 1)); }
[ "${tables[*]}" = "${restored_tables[*]}" ] || differ "table lists: ${tables[*]} vs ${restored_tables[*]}"
[ "${sequences[*]}" = "${restored_sequences[*]}" ] || differ "sequence lists: ${sequences[*]} vs ${restored_sequences[*]}"
for table in "${tables[@]}"; do
  # Row count and an md5 over every row's text form, in a fixed order: any changed, lost or extra row differs.
  q="SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\n' ORDER BY t::text)), '-') FROM $table AS t"
  a="$(sql "$SOURCE_DB" "$q")"; b="$(sql "$RESTORED_DB" "$q")"
  echo "$table $a | $b" >> "$report"
  [ "$a" = "$b" ] || differ "$table: source $a, restored $b"
  rows=$((rows + ${a%% *}))
done
for sequence in "${sequences[@]}"; do
  q="SELECT last_value || ' ' || is_called FROM $sequence"
  a="$(sql "$SOURCE_DB" "$q")"; b="$(sql "$RESTORED_DB" "$q")"
  echo "$sequence $a | $b" >> "$report"
  [ "$a" = "$b" ] || differ "$sequence: source $a, restored $b"
done

log "serving the restored copy"
start_app "$RESTORED_DB"
served=yes
curl -sf -m 10 "$A/api/v1/commitments/$id/progress" | grep -qF "$note" || { served=no; differ "the restored app does not show the progress update '$note'"; }
stop_app

dump_kb=$(( $(stat -c %s "$OUT/backup.dump") / 1024 ))
summary="figures backup-restore: tables=${#tables[@]} sequences=${#sequences[@]} rows=$rows checksummed=${#tables[@]} differences=$differences dump=${dump_kb}KiB dumpTime=${dump_ms}ms restoreTime=${restore_ms}ms restoredAppServesUpdate=$served"
echo "$summary" | tee "$OUT/summary.txt"
[ -z "${WSIS_RELIABILITY_FIGURES:-}" ] || echo "$summary" >> "$WSIS_RELIABILITY_FIGURES"
echo "Backup/restore: ${#tables[@]} tables, $rows rows and ${#sequences[@]} sequences compared, $differences differences (details: $report)"
[ "$differences" -eq 0 ]
