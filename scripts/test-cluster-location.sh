#!/usr/bin/env bash
# Checks that a cluster starts wherever the checkout is (decision 057): a copy of scripts/lib.sh in a private 0700
# folder (as a checkout under /root or in `mktemp -d` is) places its cluster where the postgres user can reach it,
# starts it, answers a query, finds the same folder again (as `run.sh stop-db` does), and a throwaway cluster starts
# with a private TMPDIR. Takes a few seconds; run by scripts/test.sh. Cleans up everything it starts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_postgres

private="$(mktemp -d)"               # 0700, like mktemp -d always makes
base="$(mktemp -d -p /tmp)"; chmod 755 "$base"
mkdir -p "$private/checkout/scripts"
cp "$ROOT/scripts/lib.sh" "$private/checkout/scripts/"
port="$(free_port)"
cleanup() {
  as_pg pg_ctl -D "${pgdir:-/nonexistent}/data" -m immediate stop >/dev/null 2>&1 || true
  as_pg pg_ctl -D "${tmpdir:-/nonexistent}/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$private" "$base" ${tmpdir:+"$tmpdir"}
}
trap cleanup EXIT
fail() { printf 'cluster location check FAILED: %s\n' "$*" >&2; exit 1; }

# In a subshell: the copied lib.sh takes the private folder as its checkout.
pgdir="$(WSIS_FALLBACK_DATA="$base" bash -c 'source "$1/checkout/scripts/lib.sh"; ensure_postgres; cluster_dir "$ROOT/.data/postgres" postgres' _ "$private" 2>/dev/null)"
if [ "$(id -u)" -eq 0 ]; then
  case "$pgdir" in "$base"/checkout-*/postgres) ;; *) fail "as root the cluster should leave the private checkout, got $pgdir" ;; esac
  [ "$(cat "$(dirname "$pgdir")/checkout")" = "$private/checkout" ] || fail "$(dirname "$pgdir")/checkout does not name the checkout"
else
  [ "$pgdir" = "$private/checkout/.data/postgres" ] || fail "not as root the cluster stays in the checkout, got $pgdir"
fi
start_cluster "$pgdir" "$port" 2>/dev/null
[ "$(as_pg psql -h "$pgdir" -p "$port" -U wsis -d postgres -tAc 'SELECT 1')" = 1 ] || fail "the cluster in $pgdir does not answer"
again="$(WSIS_FALLBACK_DATA="$base" bash -c 'source "$1/checkout/scripts/lib.sh"; ensure_postgres; cluster_dir "$ROOT/.data/postgres" postgres' _ "$private" 2>/dev/null)"
[ "$again" = "$pgdir" ] || fail "a second look found $again, not $pgdir (stop-db would miss the cluster)"
as_pg pg_ctl -D "$pgdir/data" -m fast stop >/dev/null

tmpdir="$(TMPDIR="$private" throwaway_dir)"
pg_can_use "$tmpdir" || fail "the postgres user cannot use the throwaway folder $tmpdir"
start_cluster "$tmpdir" "$(free_port)" 2>/dev/null
echo "cluster location: checkout cluster in $pgdir, throwaway cluster in $tmpdir (private TMPDIR): both started"
