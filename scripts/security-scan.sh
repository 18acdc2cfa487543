#!/usr/bin/env bash
# Scans the running app with wapiti (web vulnerabilities) and sqlmap (SQL injection), on loopback only and bounded
# in time, and writes a summary by severity to artifacts/security/summary.md (copied into docs/security.md).
# The ssrf and xxe modules are left out: they call an endpoint on the internet, and scans stay on loopback.
# Usage: scripts/security-scan.sh   (SCAN_MINUTES=2 bounds wapiti's crawl, SCAN_ATTACK_SECONDS=30 each of its modules;
# each sqlmap target is bounded to 120 s)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

OUT="$ROOT/artifacts/security"
PGPORT="${WSIS_SCAN_PGPORT:-5545}"
PORT=5092
A="http://127.0.0.1:$PORT"

ensure_dotnet
ensure_postgres
command -v wapiti >/dev/null || { log "installing wapiti"; apt_install wapiti; }
command -v sqlmap >/dev/null || { log "installing sqlmap"; apt_install sqlmap; }

rm -rf "$OUT"; mkdir -p "$OUT"
PGDIR="$(cluster_dir "$OUT/postgres" security-scan fresh)"
start_cluster "$PGDIR" "$PGPORT"
trap 'kill $APP_PID 2>/dev/null || true; as_pg pg_ctl -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true' EXIT
WEB="$(publish_release)"
export ConnectionStrings__WsisTracker="Host=127.0.0.1;Port=$PGPORT;Database=wsis_scan;Username=wsis"
web_app migrate >/dev/null
ASPNETCORE_ENVIRONMENT=Production Security__AllowPlainHttp=true web_app --urls "$A" >"$OUT/app.log" 2>&1 &
APP_PID=$!
wait_ready "$A/health/ready"

# wapiti: the crawl and each of the 15 attack modules are bounded (--max-scan-time, --max-attack-time), and the whole
# run is bounded again by timeout, so it always ends and writes its report.
modules="blindsql,cookieflags,csp,exec,file,http_headers,permanentxss,redirect,sql,xss,csrf,crlf,methods,backup,htaccess"
attack_seconds="${SCAN_ATTACK_SECONDS:-30}"
log "wapiti (crawl at most ${SCAN_MINUTES:-2} minutes, each module at most $attack_seconds s)"
timeout $(( ${SCAN_MINUTES:-2} * 60 + 15 * attack_seconds + 180 )) wapiti -u "$A/" --scope folder \
  --max-scan-time $(( ${SCAN_MINUTES:-2} * 60 )) --max-attack-time "$attack_seconds" \
  --flush-session -f json -o "$OUT/wapiti.json" --max-links-per-page 40 -m "$modules" >"$OUT/wapiti.log" 2>&1 || true

log "sqlmap on the query and path parameters"
targets=(
  "$A/api/v1/commitments?actionLine=C5&status=onTrack&stakeholder=itu&q=internet"
  "$A/api/v1/resolutions/a-res-70-125/paragraphs?kind=operative"
  "$A/api/v1/stakeholders?group=governments"
  "$A/commitments?q=internet&actionLine=C5"
  "$A/search?q=internet"
)
: > "$OUT/sqlmap.log"
for url in "${targets[@]}"; do
  timeout 120 sqlmap -u "$url" --batch --level 2 --risk 1 --threads 2 --smart --disable-coloring \
    --output-dir "$OUT/sqlmap" >>"$OUT/sqlmap.log" 2>&1 || true
done

python3 - "$OUT" <<'PY' > "$OUT/summary.md"
import json, re, sys, pathlib
out = pathlib.Path(sys.argv[1])
print("| scanner | high | medium | low | info |")
print("| --- | ---: | ---: | ---: | ---: |")
try:
    report = json.loads((out / "wapiti.json").read_text())
    levels = {1: "low", 2: "medium", 3: "high"}
    counts = {"high": 0, "medium": 0, "low": 0, "info": 0}
    findings = []
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for name, items in report.get(section, {}).items():
            for item in items:
                level = levels.get(item.get("level"), "info") if section != "additionals" else "info"
                counts[level] += 1
                findings.append(f"- wapiti {level}: {name}: {item.get('info', '')[:160]} ({item.get('path')})")
    print(f"| wapiti | {counts['high']} | {counts['medium']} | {counts['low']} | {counts['info']} |")
except Exception as e:  # the scan did not produce a report
    findings = [f"- wapiti produced no report: {e}"]
log = (out / "sqlmap.log").read_text(errors="replace")
injectable = len(re.findall(r"Parameter: .* is vulnerable|sqlmap identified the following injection point", log))
print(f"| sqlmap | {injectable} | 0 | 0 | 0 |")
print()
print("\n".join(findings) or "- wapiti: no findings")
print(f"- sqlmap: {injectable} injectable parameter(s) over {log.count('testing URL')} URL(s)")
PY
cat "$OUT/summary.md"
