#!/usr/bin/env bash
# Shared helpers for the run and test scripts. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || die "apt-get is not available to install: $*"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ "$apt_updated" -eq 0 ]; then $sudo apt-get update -qq >&2; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

# The .NET SDK pinned by global.json must be on PATH; this machine kind ships it.
ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET SDK 10 is required (https://dot.net); it is not on PATH"
  dotnet --version >/dev/null || die "'dotnet --version' failed: the SDK pinned by global.json may be missing"
}

# PostgreSQL server binaries (initdb, pg_ctl, postgres): on PATH, in Debian's versioned folder, or installed from apt.
ensure_postgres() {
  if ! command -v initdb >/dev/null; then
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
    if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
      log "installing PostgreSQL"
      apt_install postgresql
      dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
    fi
    export PATH="$dir:$PATH"
  fi
  id postgres >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ] || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
}

# Run a PostgreSQL binary as the postgres user when we are root (initdb refuses root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- env "PATH=$PATH" "$@"; else "$@"; fi
}

# pg_can_use DIR: true when the user the cluster runs as (postgres, when we are root) can enter and write DIR.
pg_can_use() {
  [ "$(id -u)" -eq 0 ] || return 0
  runuser -u postgres -- test -d "$1" -a -w "$1" -a -x "$1" 2>/dev/null
}

# A checkout's clusters live outside it when the postgres user cannot reach it (as root: a checkout under /root or
# in a 0700 `mktemp -d` folder): /var/lib/wsis-tracker/<checkout folder name>-<hash of its path>/, owned by postgres,
# 0700, with a file `checkout` that names the checkout. Nothing in the user's home changes permissions.
FALLBACK_BASE="${WSIS_FALLBACK_DATA:-/var/lib/wsis-tracker}"
fallback_home() { echo "$FALLBACK_BASE/$(basename "$ROOT")-$(printf '%s' "$ROOT" | sha256sum | cut -c1-8)"; }

# cluster_dir DEFAULT NAME [fresh]: prints where a cluster meant for DEFAULT (a folder in the checkout) lives:
# DEFAULT itself when the postgres user can use it (always, when we are not root), else $(fallback_home)/NAME.
# Deterministic, so `run.sh stop-db` finds what `run.sh` started. With `fresh`, a cluster left in the fallback by an
# earlier run is removed (the scripts that start from nothing remove DEFAULT themselves). Needs ensure_postgres first.
cluster_dir() {
  local default="$1" name="$2" fresh="${3:-}"
  [ "$(id -u)" -eq 0 ] || { echo "$default"; return; }
  local home; home="$(fallback_home)"
  local fallback="$home/$name"
  [ "$fresh" != fresh ] || rm -rf "$fallback"
  if [ -f "$fallback/data/PG_VERSION" ] && [ ! -f "$default/data/PG_VERSION" ]; then echo "$fallback"; return; fi
  mkdir -p "$default"
  chown postgres "$default"
  if pg_can_use "$default"; then echo "$default"; return; fi
  rmdir "$default" 2>/dev/null || true
  mkdir -p "$FALLBACK_BASE" "$fallback"
  chmod 755 "$FALLBACK_BASE"
  chown postgres "$home" "$fallback"
  chmod 700 "$home" "$fallback"
  echo "$ROOT" > "$home/checkout"
  log "the postgres user cannot enter $default; the cluster lives in $fallback instead"
  echo "$fallback"
}

# throwaway_dir: a new empty folder for a throwaway cluster, made with mktemp -d under TMPDIR, or under /tmp when the
# postgres user cannot reach TMPDIR (a private 0700 TMPDIR, as root).
throwaway_dir() {
  local dir; dir="$(mktemp -d)"
  chmod 755 "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir"
  if ! pg_can_use "$dir"; then
    rmdir "$dir"
    dir="$(mktemp -d -p /tmp)"
    chmod 755 "$dir"
    chown postgres "$dir"
  fi
  echo "$dir"
}

# start_cluster DIR PORT: create (once) and start a cluster in DIR listening on 127.0.0.1:PORT, superuser 'wsis'.
# DIR must be one the postgres user can use (cluster_dir, throwaway_dir).
start_cluster() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir"
  pg_can_use "$dir" || die "the postgres user cannot enter $dir: put the cluster in a folder it can reach (cluster_dir)"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $dir/data"
    as_pg initdb -D "$dir/data" -U wsis --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  if as_pg pg_ctl -D "$dir/data" status >/dev/null 2>&1; then
    log "PostgreSQL already running in $dir/data"
    return
  fi
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_pg pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null \
    || { tail -20 "$dir/server.log" >&2; die "PostgreSQL did not start (is port $port free? set WSIS_PGPORT)"; }
}

ensure_dotnet_tools() {
  (cd "$ROOT" && dotnet tool restore >/dev/null)
}

# wait_ready URL [SECONDS]: poll until URL answers 2xx.
wait_ready() {
  local url="$1" deadline=$((SECONDS + ${2:-60}))
  until curl -sf -o /dev/null "$url"; do
    [ $SECONDS -lt $deadline ] || die "$url did not become ready"
    sleep 0.02
  done
}

# publish_release: publishes the Web project in Release, as deployed (appsettings.json, wwwroot), into
# artifacts/publish/web; prints the path of its dll. Run it with `web_app ARGS...` so that its content root is the
# publish folder.
publish_release() {
  (cd "$ROOT" && dotnet publish src/WsisTracker.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$ROOT/artifacts/publish/web" -v quiet -nologo >/dev/null)
  echo "$ROOT/artifacts/publish/web/WsisTracker.Web.dll"
}

# web_app ARGS...: runs the published app ($WEB, from publish_release) from its own folder, so it reads its
# appsettings.json and serves its wwwroot. Started with `&` (a subshell already) it execs, so $! is the app's PID.
web_app() {
  if [ "$BASHPID" != "$$" ]; then
    cd "$(dirname "$WEB")" && exec dotnet "$WEB" "$@"
  fi
  (cd "$(dirname "$WEB")" && exec dotnet "$WEB" "$@")
}

# recreate_database PGDIR PORT NAME: drop and create an empty database in a cluster started by start_cluster.
recreate_database() {
  as_pg psql -h "$1" -p "$2" -U wsis -d postgres -qc "DROP DATABASE IF EXISTS $3" >/dev/null 2>&1
  as_pg psql -h "$1" -p "$2" -U wsis -d postgres -qc "CREATE DATABASE $3" >/dev/null
}

# The npm tools of tools/package.json (@redocly/cli for the OpenAPI lint, axe-core for the browser tests, vnu-jar for
# scripts/check-html.sh), installed into the git-ignored tools/node_modules from the committed lock file; skipped when
# the installed tree matches the lock.
ensure_node_tools() {
  command -v npm >/dev/null || { log "installing Node.js and npm"; apt_install nodejs npm; }
  local tools="$ROOT/tools"
  if [ ! -x "$tools/node_modules/.bin/redocly" ] || [ ! -f "$tools/node_modules/axe-core/axe.min.js" ] \
    || [ ! -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ] \
    || ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed"; then
    log "installing Node tools (npm ci in tools/)"
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed"
  fi
}

# Chromium from Debian for the browser tests (Playwright drives it; no browser download).
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return
  log "installing Chromium"
  apt_install chromium
}

# Java for the Nu HTML Checker.
ensure_java() {
  command -v java >/dev/null && return
  log "installing Java"
  apt_install default-jre-headless
}

# free_port: a free TCP port on the loopback interface.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
