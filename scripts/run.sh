#!/usr/bin/env bash
# Builds bistime-server (installing missing Debian packages) and runs it on
# the embedded SQLite default. Arguments go to the server: see --help.
#   scripts/run.sh                 serves http://127.0.0.1:8080, data in ./bistime.db
#   scripts/run.sh --port 9000 --db sqlite:/var/lib/bistime/bistime.db
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DBISTIME_BUILD_TESTS=OFF >/dev/null
cmake --build build-release -j "$(nproc)" --target bistime-server
exec build-release/app/bistime-server "$@"
