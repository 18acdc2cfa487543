#!/usr/bin/env bash
# Runs every check and every test: format, pending EF model changes, where clusters live
# (scripts/test-cluster-location.sh), unit, integration (with @redocly/cli lint of the OpenAPI document) and browser tests, then the W3C Nu HTML Checker over every page (scripts/check-html.sh).
# Installs what a fresh machine lacks. The tests start their own throwaway PostgreSQL cluster
# (or use the server named by WSIS_TEST_POSTGRES, an Npgsql connection string with rights to create databases).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_dotnet
ensure_postgres
ensure_dotnet_tools
ensure_chromium
ensure_java
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

log "checking that a cluster starts wherever the checkout is"
scripts/test-cluster-location.sh

log "running the tests"
results="$ROOT/artifacts/test-results"
rm -rf "$results"
status=0
# One test project at a time (-m:1): the browser tests share the two cores with nothing else, so a page's load event
# is never starved by the integration suite's own clusters.
dotnet test WsisTracker.sln --no-build -m:1 --logger "trx" --results-directory "$results" "$@" || status=$?

log "checking every page with the W3C Nu HTML Checker"
html_status=0
scripts/check-html.sh || html_status=$?

# One closing line over every test project, read from the TRX files' counters.
count() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
echo "Tests: $(count passed) passed, $(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) )) failed, $(count notExecuted) skipped"
[ "$html_status" -eq 0 ] || echo "HTML check: failed (see the Nu HTML Checker output above)"
[ "$status" -ne 0 ] || status=$html_status
exit "$status"
