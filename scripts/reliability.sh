#!/usr/bin/env bash
# Re-runs every reliability suite and prints its figures (docs/reliability.md): the integration suites under
# Reliability/ and Security/ (concurrency, database faults, several instances, hostile input, ...), then
# scripts/backup-restore.sh, and scripts/security-scan.sh when RELIABILITY_SCAN=1. The tests append their figures
# to artifacts/reliability/figures.txt (WSIS_RELIABILITY_FIGURES); exits non-zero if any suite failed.
# Usage: scripts/reliability.sh   (RELIABILITY_SCAN=1 adds the security scan, several minutes more)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

OUT="$ROOT/artifacts/reliability"
export WSIS_RELIABILITY_FIGURES="$OUT/figures.txt"
ensure_dotnet
ensure_postgres
rm -rf "$OUT"; mkdir -p "$OUT"
: > "$WSIS_RELIABILITY_FIGURES"
declare -A result

log "integration suites: Reliability and Security"
if timeout 1200 dotnet test tests/WsisTracker.IntegrationTests -nologo \
    --filter "FullyQualifiedName~Reliability|FullyQualifiedName~Security" \
    --logger "trx;LogFileName=reliability.trx" --logger "console;verbosity=normal" --results-directory "$OUT" >"$OUT/dotnet-test.log" 2>&1; then
  result[tests]=passed
else
  result[tests]=FAILED
  grep -E "^\s+Failed |Error Message|Assert\." "$OUT/dotnet-test.log" | head -40 >&2 || true
fi
tests_line="$(python3 - "$OUT/reliability.trx" <<'PY' 2>/dev/null || echo "no TRX written"
import sys, xml.etree.ElementTree as ET
c = ET.parse(sys.argv[1]).getroot().find('.//{*}Counters')
print(f"{c.get('total')} tests: {c.get('passed')} passed, {c.get('failed')} failed, {int(c.get('total')) - int(c.get('executed'))} not run")
PY
)"

log "backup and restore"
if timeout 900 scripts/backup-restore.sh >"$OUT/backup-restore.log" 2>&1; then result[backup]=passed; else result[backup]=FAILED; tail -20 "$OUT/backup-restore.log" >&2; fi

if [ "${RELIABILITY_SCAN:-0}" = 1 ]; then
  log "security scan"
  if timeout 1800 scripts/security-scan.sh >"$OUT/security-scan.log" 2>&1; then result[scan]=passed; else result[scan]=FAILED; tail -20 "$OUT/security-scan.log" >&2; fi
fi

echo
echo "Figures ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores):"
sed 's/^figures /  /' "$WSIS_RELIABILITY_FIGURES"
echo
echo "Integration suites (Reliability, Security): ${result[tests]} ($tests_line)"
echo "Backup and restore: ${result[backup]}"
[ -z "${result[scan]:-}" ] || echo "Security scan: ${result[scan]} (artifacts/security/summary.md)"
echo "Logs and figures: $OUT"
for outcome in "${result[@]}"; do [ "$outcome" = passed ] || exit 1; done
