#!/usr/bin/env bash
# Runs clang-tidy (the root .clang-tidy) over the core and the in-memory
# adapter, the layers other services link; any finding fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh tidy
cmake -S . -B build-tidy -DBISTIME_BUILD_SERVER=OFF -DBISTIME_BUILD_TESTS=OFF \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
# clang-tidy counts the warnings it suppressed in system headers on stderr;
# only findings matter.
clang-tidy -p build-tidy --quiet core/src/*.cpp adapters/memory/src/*.cpp 2> >(grep -v 'warnings generated' >&2)
echo "clang-tidy: no findings in the core and the in-memory adapter"
