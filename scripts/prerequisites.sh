#!/usr/bin/env bash
# Installs what VoiceGrains needs from Debian's packages when it is missing (as root; otherwise says what to install).
# Sourced by run.sh and test.sh, so it leaves their shell options alone (test.sh must go on after a failing
# test to print its summary line) and says itself when it fails.

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
[ -e /usr/lib/x86_64-linux-gnu/libespeak-ng.so.1 ] || ldconfig -p | grep -q libespeak-ng.so.1 || missing+=(espeak-ng libespeak-ng1)
# The front end's echo canceller (SpeexDSP).
[ -e /usr/lib/x86_64-linux-gnu/libspeexdsp.so.1 ] || ldconfig -p | grep -q libspeexdsp.so.1 || missing+=(libspeexdsp1)

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "Missing packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again." >&2
        exit 1
    fi
    echo "Installing ${missing[*]}…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { echo "Could not install ${missing[*]} with apt-get." >&2; exit 1; }
fi

command -v dotnet >/dev/null 2>&1 || { echo "The .NET SDK (see global.json) is required: https://dot.net" >&2; exit 1; }
