#!/usr/bin/env bash
# Builds BisTime and runs every test: the domain suite, the storage suite on
# SQLite and on a private MariaDB (started here on loopback and stopped after),
# the HTTP suite against the real server, the web app in a real browser
# (Debian's chromium, driven by playwright-core), and the install check.
#
#   scripts/test.sh                     the normal build, in build/
#   BISTIME_SANITIZE=1 scripts/test.sh  under ASan and UBSan, in build-sanitize/
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh test
scripts/check-format.sh
scripts/check-shape.sh

build_dir=build
options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DBISTIME_BUILD_TESTS=ON -DBISTIME_BUILD_SERVER=ON -DBISTIME_BUILD_BENCHMARKS=ON
  -DBISTIME_WERROR=ON)
if [ "${BISTIME_SANITIZE:-0}" = 1 ]; then
  build_dir=build-sanitize
  options+=(-DBISTIME_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

# The browser tests' npm packages, pinned by tests/web/package-lock.json.
npm ci --prefix tests/web --no-audit --no-fund --loglevel=error >/dev/null

cmake -S . -B "$build_dir" "${options[@]}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"

# shellcheck source=scripts/mariadb.sh
source scripts/mariadb.sh
trap mariadb_stop EXIT
mariadb_start

ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
