#!/usr/bin/env bash
# Checks every public page with the W3C Nu HTML Checker (vnu.jar from tools/node_modules): zero errors.
# With WSIS_CHECK_URL set (e.g. http://127.0.0.1:5000) it checks that running app; otherwise it starts the built app
# (Debug build of src/WsisTracker.Web) on a loopback port against a throwaway PostgreSQL cluster, and stops both after.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_java
ensure_node_tools

work="$(mktemp -d)"
app_pid=""
pgdir=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -n "$pgdir" ] && as_pg pg_ctl -D "$pgdir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$work" ${pgdir:+"$pgdir"}
}
trap cleanup EXIT

base="${WSIS_CHECK_URL:-}"
if [ -z "$base" ]; then
  ensure_postgres
  pgdir="$(throwaway_dir)"
  pgport="$(free_port)"
  start_cluster "$pgdir" "$pgport" >/dev/null 2>&1 || die "could not start PostgreSQL for the HTML check"
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  dll="$ROOT/src/WsisTracker.Web/bin/Debug/net10.0/WsisTracker.Web.dll"
  [ -f "$dll" ] || die "build the solution first ($dll is missing)"
  log "starting the app at $base for the HTML check"
  (cd "$ROOT/src/WsisTracker.Web" && ConnectionStrings__WsisTracker="Host=127.0.0.1;Port=$pgport;Database=wsis_html;Username=wsis" \
    Database__MigrateOnStartup=true ASPNETCORE_ENVIRONMENT=Production Security__AllowPlainHttp=true Serilog__MinimumLevel__Default=Warning \
    exec dotnet "$dll" --urls "$base") >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "$base/health/ready" >/dev/null 2>&1 && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; die "the app stopped before it was ready"; }
    sleep 1
  done
  curl -fs "$base/health/ready" >/dev/null || { cat "$work/app.log" >&2; die "the app did not become ready"; }
fi

# Every kind of page, with the filters, an invalid filter (400), a missing commitment (404) and a search; ids are found from the pages themselves.
commitment="$(curl -fs "$base/commitments?resolution=a-res-70-125&paragraph=71" | grep -o 'href="/commitments/[0-9]*"' | head -1 | grep -o '[0-9]*')"
stakeholder="$(curl -fs "$base/stakeholders" | grep -o 'href="/stakeholders/[0-9]*"' | head -1 | grep -o '[0-9]*')"
[ -n "$commitment" ] && [ -n "$stakeholder" ] || die "could not find a commitment and a stakeholder to check"
pages=(
  "/" "/?resolution=a-res-80-173" "/?region=002&grouping=ldc" "/?region=12" "/action-lines/C5" "/action-lines/C7" "/action-lines/C7.1"
  "/resolutions/a-res-70-125" "/resolutions/a-res-80-173"
  "/commitments" "/commitments?overdue=true&sort=TargetDate" "/commitments?actionLine=C5&status=notStarted&page=1"
  "/commitments?status=bogus" "/commitments/$commitment" "/stakeholders" "/stakeholders/$stakeholder" "/countries" "/countries/BTN?asOf=2023-12-12" "/commitments?region=002&grouping=ldc"
  "/search" "/search?q=internet+governance" "/commitments/987654321" "/commitments?reportingStatus=overdue"
  # The Arabic (right to left) and Chinese pages (docs/languages.md).
  "/ar/" "/ar/commitments" "/ar/commitments/$commitment" "/ar/resolutions/a-res-70-125" "/ar/stakeholders/$stakeholder"
  "/zh/" "/zh/commitments?status=bogus" "/zh/action-lines/C7" "/zh/search?q=internet+governance" "/zh/stakeholders"
)
files=()
i=0
for page in "${pages[@]}"; do
  i=$((i + 1))
  file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' "$base$page")"
  case "$code" in 200|400|404) ;; *) die "GET $page answered $code" ;; esac
  files+=("$file")
  echo "$page" >"$file.url"
done

# The sign-in pages, and (on the app this script starts) an administrator's two-factor set-up page, reached after the
# password step with an account made for the check.
for page in "/account/login"; do
  i=$((i + 1)); file="$work/page-$i.html"
  curl -s -o "$file" "$base$page"; files+=("$file"); echo "$page" >"$file.url"
done
if [ -z "${WSIS_CHECK_URL:-}" ]; then
  email="html-check-$$@example.org"
  password="html check passphrase $$ $RANDOM $RANDOM"
  printf '%s\n' "$password" | (cd "$ROOT/src/WsisTracker.Web" && ConnectionStrings__WsisTracker="Host=127.0.0.1;Port=$pgport;Database=wsis_html;Username=wsis" \
    ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning dotnet "$dll" users add --email "$email" --role Administrator --password-stdin) >/dev/null \
    || die "could not create an administrator for the HTML check"
  jar="$work/cookies"
  token="$(curl -s -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
  [ -n "$token" ] || die "could not read the sign-in form's antiforgery token"
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Email=$email" \
    --data-urlencode "Password=$password" "$base/account/login"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" "$base/account/two-factor")"
  [ "$code" = 200 ] || die "GET /account/two-factor answered $code after the password step"
  files+=("$file"); echo "/account/two-factor" >"$file.url"

  # Set two-factor sign-in up with a code computed from the page's key (RFC 6238), to check the recovery codes page it
  # answers, then sign in again to check the code step's page.
  key="$(grep -o '<code id="authenticator-key">[^<]*' "$file" | sed 's/.*>//; s/ //g')"
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$file" | head -1 | sed 's/.*value="//; s/"$//')"
  [ -n "$key" ] && [ -n "$token" ] || die "could not read the two-factor set-up page's key and token"
  code="$(python3 -c 'import base64,hmac,struct,sys,time
k=base64.b32decode(sys.argv[1].upper()+"="*(-len(sys.argv[1])%8))
h=hmac.digest(k,struct.pack(">Q",int(time.time())//30),"sha1");o=h[-1]&15
print("%06d"%((struct.unpack(">I",h[o:o+4])[0]&0x7fffffff)%1000000))' "$key")"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "ReturnUrl=" --data-urlencode "Code=$code" "$base/account/two-factor")"
  [ "$code" = 200 ] && grep -q 'class="recovery-codes"' "$file" || die "POST /account/two-factor answered $code, not the recovery codes page"
  files+=("$file"); echo "/account/two-factor (recovery codes)" >"$file.url"
  # With that session (password and code), import a corpus resolution with an annex, sub-paragraphs and footnotes,
  # to check a reader page of that shape.
  token="$(curl -s -c "$jar" -b "$jar" "$base/admin/resolutions/import" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
  [ -n "$token" ] || die "could not open the resolution import page with the two-factor session"
  code="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "text@$ROOT/tests/WsisTracker.UnitTests/Resolutions/Corpus/A-RES-80-3.txt" "$base/admin/resolutions/import")"
  [ "$code" = 302 ] || die "importing A/RES/80/3 for the HTML check answered $code"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' "$base/resolutions/a-res-80-3")"
  [ "$code" = 200 ] && grep -q 'id="annex-p13"' "$file" || die "GET /resolutions/a-res-80-3 answered $code, or without its annex anchors"
  files+=("$file"); echo "/resolutions/a-res-80-3" >"$file.url"
  # The same session's e-mail outbox (no SMTP server here: the notice that messages are kept), account page and the
  # workspace forms with a geographic scope, an indicator link or the collective stakeholder box.
  for page in "/admin/outbox" "/admin/outbox?state=Pending" "/account" "/workspace/countries" "/workspace/countries/BTN" "/admin/indicators/import" \
    "/workspace/commitments/$commitment/edit" "/workspace/stakeholders/new" "/ar/workspace/stakeholders/new"; do
    i=$((i + 1)); file="$work/page-$i.html"
    code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" "$base$page")"
    [ "$code" = 200 ] || die "GET $page answered $code with the administrator's session"
    files+=("$file"); echo "$page" >"$file.url"
  done
  # A country's memberships with a refused period beside its field (400), and the indicator import's preview of the
  # shipped series and of a file with a problem by line.
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$work/page-$((i - 1)).html" | head -1 | sed 's/.*value="//; s/"$//')"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Grouping=sids" --data-urlencode "From=1941-01-01" --data-urlencode "To=1940-01-01" "$base/workspace/countries/BTN/memberships")"
  [ "$code" = 400 ] && grep -q 'The end date must be after the start date.' "$file" || die "POST /workspace/countries/BTN/memberships answered $code, without the period's error"
  files+=("$file"); echo "/workspace/countries/BTN (a refused period)" >"$file.url"
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$work/page-$((i - 1)).html" | head -1 | sed 's/.*value="//; s/"$//')"
  series="$ROOT/src/WsisTracker.Core/Data/Seeding/Data/indicators/API_IT.NET.USER.ZS.csv"
  sed '6s/,0,/,lots,/' "$series" >"$work/malformed.csv"
  for upload in "$series" "$work/malformed.csv"; do
    i=$((i + 1)); file="$work/page-$i.html"
    code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" -F "__RequestVerificationToken=$token" \
      -F "file=@$upload;type=text/csv" -F "attribution=World Bank, World Development Indicators (CC BY 4.0)" "$base/admin/indicators/import/preview")"
    grep -q 'id="summary"\|id="problems"' "$file" || die "POST /admin/indicators/import/preview of ${upload##*/} answered $code, without a preview"
    files+=("$file"); echo "/admin/indicators/import/preview (${upload##*/})" >"$file.url"
  done
  # With the same session, the reporting cycles page, a cycle opened through its form, and the cycle's draft report.
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" "$base/workspace/cycles")"
  [ "$code" = 200 ] || die "GET /workspace/cycles answered $code"
  files+=("$file"); echo "/workspace/cycles" >"$file.url"
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$file" | head -1 | sed 's/.*value="//; s/"$//')"
  cycle="$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Name=HTML check cycle" --data-urlencode "OpensOn=$(date -u -d '-30 days' +%F)" --data-urlencode "DueOn=$(date -u -d '+30 days' +%F)" \
    "$base/workspace/cycles" | grep -o '/workspace/cycles/[0-9]*$')"
  [ -n "$cycle" ] || die "opening a reporting cycle for the HTML check did not redirect to its page"
  for page in "$cycle" "/reporting-cycles/${cycle##*/}/report"; do
    i=$((i + 1)); file="$work/page-$i.html"
    code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" "$base$page")"
    [ "$code" = 200 ] || die "GET $page answered $code"
    files+=("$file"); echo "$page" >"$file.url"
  done
  jar="$work/cookies-2"
  token="$(curl -s -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Email=$email" \
    --data-urlencode "Password=$password" "$base/account/login"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" "$base/account/login/code")"
  [ "$code" = 200 ] && grep -q 'action="/account/login/code"' "$file" || die "GET /account/login/code answered $code, not the code step"
  files+=("$file"); echo "/account/login/code" >"$file.url"

  # With the administrator's session: the users page, an invitation of a contributor (the page that shows its link),
  # the invitation page the link opens (and one of an invalid link), and, as the contributor the invitation made,
  # the propose page; then the workspace page of the proposal it sends.
  before="$jar"
  jar="$work/cookies"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" "$base/admin/users")"
  [ "$code" = 200 ] || die "GET /admin/users answered $code"
  files+=("$file"); echo "/admin/users" >"$file.url"
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$file" | tail -1 | sed 's/.*value="//; s/"$//')"
  invited="html-check-invited-$$@example.org"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Email=$invited" --data-urlencode "Role=Contributor" --data-urlencode "Stakeholders=itu" "$base/admin/users/invitations")"
  link="$(grep -o '<code id="invitation-link">[^<]*' "$file" | sed 's/.*>//; s/&amp;/\&/g')"
  [ "$code" = 200 ] && [ -n "$link" ] || die "POST /admin/users/invitations answered $code, without the invitation link"
  files+=("$file"); echo "/admin/users/invitations (the link shown)" >"$file.url"
  invitation="/account/invitation?${link#*\?}"
  for page in "$invitation" "/account/invitation?token=not-a-token"; do
    i=$((i + 1)); file="$work/page-$i.html"
    curl -s -o "$file" -c "$work/cookies-invited" -b "$work/cookies-invited" "$base$page"; files+=("$file"); echo "${page%%\?*} (${page##*=})" >"$file.url"
  done
  file="$work/page-$((i - 1)).html"; echo "/account/invitation (valid link)" >"$file.url"
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$file" | head -1 | sed 's/.*value="//; s/"$//')"
  code="$(curl -s -o /dev/null -w '%{http_code}' -c "$work/cookies-invited" -b "$work/cookies-invited" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Token=${link##*token=}" --data-urlencode "Password=$password" --data-urlencode "ConfirmPassword=$password" "$base/account/invitation")"
  [ "$code" = 302 ] || die "accepting the invitation answered $code"
  jar="$work/cookies-invited-contributor"
  token="$(curl -s -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Email=$invited" \
    --data-urlencode "Password=$password" "$base/account/login"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" "$base/contribute/commitments/propose")"
  [ "$code" = 200 ] || die "GET /contribute/commitments/propose answered $code for the invited contributor"
  files+=("$file"); echo "/contribute/commitments/propose" >"$file.url"
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$file" | head -1 | sed 's/.*value="//; s/"$//')"
  code="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Stakeholder=itu" --data-urlencode "Title=HTML check proposal $$" --data-urlencode "Description=Proposed for the HTML check." \
    --data-urlencode "Paragraphs=a-res-80-173:99" --data-urlencode "ActionLines=C4" --data-urlencode "TargetDate=2030-12-31" "$base/contribute/commitments/propose")"
  [ "$code" = 302 ] || die "proposing a commitment answered $code"
  proposal="$(curl -s -c "$work/cookies" -b "$work/cookies" "$base/workspace" | sed -n '/id="proposals"/,/<\/section>/p' | grep -o 'href="/workspace/commitments/[0-9]*"' | head -1 | grep -o '[0-9]*')"
  [ -n "$proposal" ] || die "the workspace does not list the proposal"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$work/cookies" -b "$work/cookies" "$base/workspace/commitments/$proposal")"
  [ "$code" = 200 ] && grep -q "/workspace/commitments/$proposal/publish" "$file" || die "GET /workspace/commitments/$proposal answered $code, without the publish form"
  files+=("$file"); echo "/workspace/commitments/{id} (a proposal)" >"$file.url"
  jar="$before"
  # A contributor for ITU (made with the documented command) drafts and submits a report through the form; the
  # administrator's session (password and code) then opens the review queue and the report.
  cemail="html-check-contributor-$$@example.org"
  printf '%s\n' "$password" | (cd "$ROOT/src/WsisTracker.Web" && ConnectionStrings__WsisTracker="Host=127.0.0.1;Port=$pgport;Database=wsis_html;Username=wsis" \
    ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning dotnet "$dll" users add --email "$cemail" --role Contributor --stakeholder itu --password-stdin) >/dev/null \
    || die "could not create a contributor for the HTML check"
  cjar="$work/cookies-contributor"
  token="$(curl -s -c "$cjar" -b "$cjar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
  curl -s -o /dev/null -c "$cjar" -b "$cjar" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Email=$cemail" \
    --data-urlencode "Password=$password" "$base/account/login"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$cjar" -b "$cjar" "$base/contribute")"
  [ "$code" = 200 ] || die "GET /contribute answered $code"
  files+=("$file"); echo "/contribute" >"$file.url"
  report="$(grep -o 'href="/contribute/commitments/[0-9]*/report"' "$file" | head -1 | sed 's/href="//; s/"$//')"
  [ -n "$report" ] || die "/contribute lists no commitment of ITU to report on"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$cjar" -b "$cjar" "$base$report")"
  [ "$code" = 200 ] || die "GET $report answered $code"
  files+=("$file"); echo "$report" >"$file.url"
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$file" | head -1 | sed 's/.*value="//; s/"$//')"
  fields="$(grep -o 'name="\(Stakeholder\|Version\)" value="[^"]*"' "$file" | sed 's/name="//; s/" value="/=/; s/"$//' | paste -sd'&')"
  code="$(curl -s -o /dev/null -w '%{http_code}' -c "$cjar" -b "$cjar" --data "$fields" --data-urlencode "__RequestVerificationToken=$token" \
    --data "Status=OnTrack&ProgressPercent=&AsOf=$(date -u +%F)&Intent=submit" --data-urlencode "Narrative=Checked by the HTML check." "$base$report")"
  [ "$code" = 302 ] || die "submitting a report for the HTML check answered $code"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$cjar" -b "$cjar" "$base$report")"
  [ "$code" = 200 ] || die "GET $report after submitting answered $code"
  files+=("$file"); echo "$report (submitted)" >"$file.url"
  # The administrator's session that has passed the code step (the one the users page was read with).
  jar="$work/cookies"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" "$base/workspace/reviews")"
  [ "$code" = 200 ] || die "GET /workspace/reviews answered $code"
  files+=("$file"); echo "/workspace/reviews" >"$file.url"
  review="$(grep -o 'href="/workspace/reviews/[0-9]*"' "$file" | head -1 | sed 's/href="//; s/"$//')"
  [ -n "$review" ] || die "/workspace/reviews lists no submitted report"
  i=$((i + 1)); file="$work/page-$i.html"
  code="$(curl -s -o "$file" -w '%{http_code}' -c "$jar" -b "$jar" "$base$review")"
  [ "$code" = 200 ] || die "GET $review answered $code"
  files+=("$file"); echo "$review" >"$file.url"
fi

log "checking ${#files[@]} pages with the Nu HTML Checker"
if ! java -jar "$ROOT/tools/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu "${files[@]}" 2>"$work/vnu.txt"; then
  for file in "${files[@]}"; do sed -i "s|$file|$(cat "$file.url")|g" "$work/vnu.txt"; done
  cat "$work/vnu.txt" >&2
  die "the Nu HTML Checker found errors"
fi
log "Nu HTML Checker: ${#files[@]} pages, 0 errors"
