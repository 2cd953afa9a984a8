#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback, for the run command and the tests: nothing is assumed to be running.
#   local-postgres.sh start DIR PORT   initdb DIR/data if needed, start (log DIR/server.log, socket in DIR),
#                                      create database "voicegrains"; prints the connection string on stdout
# The postgres user's password is generated at initdb (24 random bytes, as scripts/run.sh makes the Twilio token;
# VOICEGRAINS_PG_PASSWORD gives one instead) and kept in DIR/password, 0600, inside DIR (0700); a data folder made with
# the fixed word of older versions gets a generated one.
#   local-postgres.sh stop DIR         fast shutdown
# As root the server runs as the "postgres" user (initdb refuses root), which then owns DIR.
set -euo pipefail

cmd=${1:?usage: local-postgres.sh start DIR PORT | stop DIR}
base=${2:?directory required}
data=$base/data

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
    mkdir -p "$base"
    chmod 700 "$base"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$base"; fi
    password_file=$base/password
    old_password=""
    if [ ! -f "$data/PG_VERSION" ]; then
        if [ -n "${VOICEGRAINS_PG_PASSWORD:-}" ]; then
            (umask 077 && printf '%s' "$VOICEGRAINS_PG_PASSWORD" >"$password_file")
        else
            (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$password_file")
        fi
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$password_file"
        as_owner "$bin/initdb" -D "$data" -U postgres --pwfile="$password_file" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$base/initdb.log" 2>&1 \
            || { cat "$base/initdb.log" >&2; exit 1; }
    elif [ ! -s "$password_file" ]; then
        # Made by an older version with the fixed word: re-keyed once the server is up (the file is written after).
        old_password=voicegrains
    fi
    as_owner "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $base -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || { tail -n 20 "$base/server.log" >&2; exit 1; }
    if [ -n "$old_password" ]; then
        new_password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
        PGPASSWORD=$old_password "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "ALTER ROLE postgres PASSWORD '$new_password'" >/dev/null
        (umask 077 && printf '%s' "$new_password" >"$password_file")
    fi
    password=$(cat "$password_file")
    PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'voicegrains'" | grep -q 1 \
        || PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE voicegrains" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Database=voicegrains;Username=postgres;Password=$password"
    ;;
stop)
    if [ -f "$data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true; fi
    ;;
*)
    echo "unknown command: $cmd" >&2; exit 2 ;;
esac
