#!/usr/bin/env bash
# Runs every test project against real services: the tests start their own throwaway PostgreSQL servers
# (scripts/local-postgres.sh) and silo processes. Ends with one line "N passed, M failed"; exits non-zero
# on any failure or build error.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/prerequisites.sh || exit 1
# The console's browser tests drive Debian's Chromium through Playwright (which never downloads a browser of its own).
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "Installing chromium for the browser tests…"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
            || { echo "Could not install chromium with apt-get."; echo "0 passed, 1 failed"; exit 1; }
    else
        echo "The browser tests need Debian's Chromium: sudo apt-get install chromium" >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
fi

# The deployment's test renders deploy/kubernetes with kubectl's built-in kustomize (v5, kubectl 1.27 or newer; kubectl
# comes from the Kubernetes project's packages, not Debian's). Without it that test fails saying so.
command -v kubectl >/dev/null 2>&1 || echo "kubectl is missing: the Kubernetes deployment's test will fail (https://kubernetes.io/docs/tasks/tools/)." >&2

results=TestResults
rm -rf "$results" artifacts/screenshots

echo "Building…"
if ! dotnet build VoiceGrains.sln -c Debug -nologo -v quiet; then
    echo "0 passed, 1 failed"
    exit 1
fi

# -m:1 runs one test assembly at a time: silo processes of two assemblies on 2 cores would compete
# with membership probes and turn timing noise into failures.
# Models the tests run for real, from the mirror folder when there is one (../shared/models here), else their URLs.
if [ -z "${VOICEGRAINS_MODEL_MIRROR:-}" ] && [ -d ../shared/models ]; then
    VOICEGRAINS_MODEL_MIRROR=$(cd ../shared/models && pwd)
    export VOICEGRAINS_MODEL_MIRROR
fi
dotnet src/VoiceGrains.Cli/bin/Debug/net10.0/voicegrains.dll models fetch --catalog tests/models.test.json silero-vad silero-vad-v5 whisper-test-stub.en piper:test-stub \
    || echo "Some models could not be installed; the tests that need them will fail saying which." >&2

dotnet test VoiceGrains.sln -c Debug --no-build -nologo -m:1 --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
test_exit=$?

count() { grep -ho "$1=\"[0-9]*\"" "$results"/*.trx 2>/dev/null | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(count passed)
failed=$(count failed)
# Skipped tests are not in the TRX counters, only in each result's outcome.
skipped=$(grep -ho '<UnitTestResult [^>]*outcome="NotExecuted"' "$results"/*.trx 2>/dev/null | wc -l)

# A crashed test host leaves no failures in its TRX but a non-zero exit: count it as a failure.
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "No test ran." >&2; fi

# The failed tests by name, each with the start of its message, just above the summary, so a log's tail says which
# and why (the run's output is long). Perl because it is in every Debian system (perl-base is essential).
perl -0777 -ne '
    while (/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="Failed".*?(?:<Message>(.*?)<\/Message>|<\/UnitTestResult>)/gs) {
        my ($name, $why) = ($1, $2 // "");
        $why =~ s/&lt;/</g; $why =~ s/&gt;/>/g; $why =~ s/&quot;/"/g; $why =~ s/&apos;/\x27/g; $why =~ s/&amp;/&/g;
        $why =~ s/\s+/ /g;
        print "FAILED: $name\n", ($why eq "" ? "" : "    " . substr($why, 0, 300) . "\n");
    }' "$results"/*.trx 2>/dev/null
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
