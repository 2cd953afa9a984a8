#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback, for the run command and the tests: nothing is assumed to be running.
#   local-postgres.sh start DATA_DIR PORT   initdb if needed, start, create database "voicegrains";
#                                           prints the connection string on stdout
#   local-postgres.sh stop DATA_DIR         fast shutdown
# As root the server runs as the "postgres" user (initdb refuses root).
set -euo pipefail

cmd=${1:?usage: local-postgres.sh start DATA_DIR PORT | stop DATA_DIR}
dir=${2:?data directory required}

find_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && { echo "$d"; return; }; done
    dirname "$(command -v pg_ctl)"
}
bin=$(find_bin)

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
    port=${3:?port required}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
        printf 'voicegrains\n' >"$dir.pw"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir.pw"
        as_owner "$bin/initdb" -D "$dir" -U postgres --pwfile="$dir.pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$dir.initdb.log" 2>&1 \
            || { cat "$dir.initdb.log" >&2; exit 1; }
        rm -f "$dir.pw"
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || { tail -n 20 "$dir.log" >&2; exit 1; }
    PGPASSWORD=voicegrains "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'voicegrains'" | grep -q 1 \
        || PGPASSWORD=voicegrains "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE voicegrains" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Database=voicegrains;Username=postgres;Password=voicegrains"
    ;;
stop)
    [ -f "$dir/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    ;;
*)
    echo "unknown command: $cmd" >&2; exit 2 ;;
esac
