#!/usr/bin/env bash
# Runs VoiceGrains on this machine: PostgreSQL (an existing one, a container, or a local throwaway server),
# migrations and demo data, a local admin for the console, then the Aspire app host with its silos, front end, console
# and dashboard. Ctrl-C stops all.
#   scripts/run.sh [--test-recognizer SCRIPT]
# --test-recognizer: where no Whisper weights can be installed, the silos hear callers with the TEST-ONLY scripted
# recognizer (each utterance heard as the next line of SCRIPT, the call script `voicegrains call` speaks).
set -euo pipefail
cd "$(dirname "$0")/.."

test_recognizer=""
while [ $# -gt 0 ]; do
    case "$1" in
    --test-recognizer) test_recognizer=$(realpath "${2:?--test-recognizer needs a call script}"); shift 2 ;;
    *) echo "usage: scripts/run.sh [--test-recognizer SCRIPT]" >&2; exit 2 ;;
    esac
done
[ -z "$test_recognizer" ] || [ -f "$test_recognizer" ] || { echo "No call script at $test_recognizer" >&2; exit 2; }

. scripts/prerequisites.sh

# The state folder holds the local database, the app host's log (it carries the dashboard's login token) and the
# generated secrets, each readable by its owner alone. The folder itself may only be passed through (0711): run as
# root, the local PostgreSQL runs as the postgres user and must reach its own folder inside.
state=.voicegrains
secrets=$state/secrets
mkdir -p "$secrets"
chmod 711 "$state"
chmod 700 "$secrets"
pg_port=${VOICEGRAINS_PG_PORT:-55432}

container_runtime_healthy() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

started_pg=""
database="as configured by ConnectionStrings__voicegrains"
cleanup() {
    [ -n "${apphost_pid:-}" ] && kill -TERM "$apphost_pid" 2>/dev/null && wait "$apphost_pid" 2>/dev/null || true
    [ -n "$started_pg" ] && scripts/local-postgres.sh stop "$PWD/$state/postgres"
}
trap cleanup EXIT INT TERM

echo "Building…"
dotnet build VoiceGrains.sln -c Debug -v quiet -nologo >/dev/null

if [ -z "${ConnectionStrings__voicegrains:-}" ] && ! container_runtime_healthy; then
    echo "No database configured and no container runtime: starting a local PostgreSQL on 127.0.0.1:$pg_port ($state/postgres)."
    # Its password is generated (scripts/local-postgres.sh) and goes to the app host as a secret file, not exported.
    (umask 077 && scripts/local-postgres.sh start "$PWD/$state/postgres" "$pg_port" >"$secrets/ConnectionStrings__voicegrains")
    started_pg=1
    database="postgresql://127.0.0.1:$pg_port/voicegrains (user postgres, password in $secrets/ConnectionStrings__voicegrains)"
fi
connection=${ConnectionStrings__voicegrains:-$( [ -n "$started_pg" ] && cat "$secrets/ConnectionStrings__voicegrains" || true)}

if [ -z "${VOICEGRAINS_MODEL_MIRROR:-}" ] && [ -d ../shared/models ]; then
    VOICEGRAINS_MODEL_MIRROR=$(cd ../shared/models && pwd)
    export VOICEGRAINS_MODEL_MIRROR
fi
echo "Installing the default speech models (models/models.json)…"
dotnet src/VoiceGrains.Cli/bin/Debug/net10.0/voicegrains.dll models fetch \
    || echo "Some speech models are not installed (see above); the product says so where it needs them." >&2
if [ -n "$test_recognizer" ]; then
    # The scripted recognizer runs Whisper's weightless stub on every utterance, so recognition costs what it would.
    dotnet src/VoiceGrains.Cli/bin/Debug/net10.0/voicegrains.dll models fetch --catalog tests/models.test.json whisper-test-stub.en
fi

voicegrains() { ConnectionStrings__voicegrains=$connection dotnet src/VoiceGrains.Cli/bin/Debug/net10.0/voicegrains.dll "$@"; }
# The console's first admin and an API token for `voicegrains call` (which reads each call's record from the console),
# made once per database and kept in $state/operator (0700, files 0600): credentials of this machine's operator, which
# no process of the product is given.
admin=admin@voicegrains.local
operator_dir=$state/operator
admin_password=""
if [ -n "$connection" ]; then
    voicegrains db migrate --seed
    mkdir -p "$operator_dir" && chmod 700 "$operator_dir"
    operators=$(voicegrains operators list)
    if ! grep -q "^$admin " <<<"$operators"; then
        admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
        printf '%s\n' "$admin_password" | voicegrains operators add "$admin" --role admin --password-stdin
        (umask 077 && printf '%s\n' "$admin_password" >"$operator_dir/admin-password")
        (umask 077 && voicegrains operators token "$admin" --name "voicegrains call (scripts/run.sh)" >"$operator_dir/api-token")
    fi
fi

[ -n "$connection" ] || database="a PostgreSQL container (see the dashboard)"

# Twilio's webhooks need an auth token; without one given, a local one is made (a secret file the app host reads, and
# `voicegrains call` too) so calls can be placed against this machine.
if [ -z "${TWILIO_AUTH_TOKEN:-}" ]; then
    [ -s "$secrets/TWILIO_AUTH_TOKEN" ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$secrets/TWILIO_AUTH_TOKEN")
fi
# The production app host, or with --test-recognizer the test-only one, which runs the scripted silo instead.
apphost=AppHost
if [ -n "$test_recognizer" ]; then
    apphost=tests/VoiceGrains.TestAppHost
    export ScriptedRecognizer__Script="$test_recognizer"
fi

# The app host itself, not `dotnet run`, so that our SIGTERM reaches it and it stops its resources.
# These are AppHost/Properties/launchSettings.json's "http" profile.
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export ASPNETCORE_URLS=http://127.0.0.1:15080
export ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:19080
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:20080
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
# Only the app host is told where the secrets are; it hands each to the resources that need it.
install -m 600 /dev/null "$state/apphost.log"
secrets_path=$(cd "$secrets" && pwd)
(cd "$apphost" && VOICEGRAINS_SECRETS="$secrets_path" exec dotnet "bin/Debug/net10.0/$(basename "$apphost").dll") >"$state/apphost.log" 2>&1 &
apphost_pid=$!

for _ in $(seq 1 120); do
    login=$(grep -oE 'http://[^ ]+/login\?t=[0-9a-f]+' "$state/apphost.log" | head -n 1 || true)
    [ -n "$login" ] && break
    kill -0 "$apphost_pid" 2>/dev/null || { cat "$state/apphost.log" >&2; exit 1; }
    sleep 0.5
done

if [ -s "$operator_dir/admin-password" ]; then
    signin="as $admin, password in $operator_dir/admin-password${admin_password:+ ($admin_password)}"
else
    signin="once an operator exists: voicegrains operators add EMAIL --role admin"
fi
cat <<MSG

VoiceGrains is starting (app host log: $state/apphost.log).
  Dashboard (traces, logs, metrics):  ${login:-see the log}
  Front end (Twilio's webhooks):      http://127.0.0.1:5080
  Console and REST API (sign in):     http://127.0.0.1:5090   $signin
  Talk to the agent from the browser: http://127.0.0.1:5090/softphone ("Try a call")
  Database:                           $database
  Place a call like Twilio does:      dotnet src/VoiceGrains.Cli/bin/Debug/net10.0/voicegrains.dll call --script examples/calls/order-and-booking.txt
Press Ctrl-C to stop.
MSG
wait "$apphost_pid"
