#!/usr/bin/env bash
# Runs every check and every test: format, pending EF model changes, then unit, integration and browser tests
# (the integration tests include @redocly/cli lint of the OpenAPI document).
# Installs what a fresh machine lacks. The tests start their own throwaway PostgreSQL cluster
# (or use the server named by WSIS_TEST_POSTGRES, an Npgsql connection string with rights to create databases).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_dotnet
ensure_postgres
ensure_dotnet_tools
ensure_node_tools

log "restoring and building"
dotnet restore WsisTracker.sln >/dev/null
dotnet build WsisTracker.sln --no-restore -c Debug -v quiet -nologo

log "checking code style (dotnet format --verify-no-changes)"
dotnet format WsisTracker.sln --no-restore --verify-no-changes

log "checking for model changes without a migration"
dotnet ef migrations has-pending-model-changes --no-build \
  --project src/WsisTracker.Core --startup-project src/WsisTracker.Core >/dev/null \
  || die "the EF model has changes that no migration captures: add one (docs/database.md)"

log "running the tests"
results="$ROOT/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test WsisTracker.sln --no-build --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line over every test project, read from the TRX files' counters.
count() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
echo "Tests: $(count passed) passed, $(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) )) failed, $(count notExecuted) skipped"
exit "$status"
