#!/usr/bin/env bash
# Starts WSIS Tracker with its data: a local PostgreSQL cluster in .data/ (git-ignored), migrations and seed,
# then the app at http://localhost:5000. Ctrl+C stops the app; `scripts/run.sh stop-db` stops the database.
# Unless Email__Smtp__Host names a real server, it also starts smtp4dev (a local SMTP catcher, a dotnet tool of
# dotnet-tools.json) and prints the address of its web view, where every e-mail the app sends can be read.
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
URLS="${WSIS_URLS:-http://localhost:5000}"
if [ -z "${Email__Smtp__Host:-}" ]; then
  # smtp4dev keeps its messages in memory (--db=): they are gone when run.sh stops.
  SMTP_PORT="${WSIS_SMTP_PORT:-2525}"
  MAIL_URL="${WSIS_MAIL_URL:-http://localhost:5080}"
  ensure_dotnet_tools
  mkdir -p "$ROOT/.data"
  (cd "$ROOT" && exec dotnet tool run smtp4dev --urls="$MAIL_URL" --smtpport="$SMTP_PORT" --imapport= --pop3port= --db= --tlsmode=None) \
    >"$ROOT/.data/smtp4dev.log" 2>&1 &
  SMTP4DEV_PID=$!
  trap 'kill "$SMTP4DEV_PID" 2>/dev/null || true' EXIT
  export Email__Smtp__Host=127.0.0.1 Email__Smtp__Port="$SMTP_PORT" Email__Smtp__Security=None
  log "e-mail goes to smtp4dev: read it at $MAIL_URL (its log: .data/smtp4dev.log)"
fi
log "building and starting WSIS Tracker (migrates and seeds on start)"
log "open ${URLS%%;*} (API docs at ${URLS%%;*}/swagger); the database is in $PGDIR"
dotnet run --project "$ROOT/src/WsisTracker.Web" --no-launch-profile --urls "$URLS" "$@"
