#!/usr/bin/env bash
# Starts WSIS Tracker with its data: a local PostgreSQL cluster in .data/ (git-ignored), migrations and seed,
# then the app at http://localhost:5000. Ctrl+C stops the app; `scripts/run.sh stop-db` stops the database.
# As root with a checkout the postgres user cannot enter (under /root, in a `mktemp -d` folder), the cluster lives in
# /var/lib/wsis-tracker/<checkout name>-<hash>/postgres instead (docs/operations.md).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PGPORT="${WSIS_PGPORT:-5432}"
ensure_dotnet
ensure_postgres
PGDIR="$(cluster_dir "$ROOT/.data/postgres" postgres)"

if [ "${1:-}" = "stop-db" ]; then
  as_pg pg_ctl -D "$PGDIR/data" -m fast stop
  exit 0
fi

start_cluster "$PGDIR" "$PGPORT"
export ConnectionStrings__WsisTracker="Host=127.0.0.1;Port=$PGPORT;Database=wsis_tracker;Username=wsis"
export Database__MigrateOnStartup=true
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
log "building and starting WSIS Tracker (migrates and seeds on start)"
URLS="${WSIS_URLS:-http://localhost:5000}"
log "open ${URLS%%;*} (API docs at ${URLS%%;*}/swagger); the database is in $PGDIR"
exec dotnet run --project "$ROOT/src/WsisTracker.Web" --no-launch-profile --urls "$URLS" "$@"
