#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, ASan and UBSan in
# build-fuzz/, and runs each for a bounded time: first over its committed
# corpus in fuzz/corpus/<target>/ (seeds and every crash found so far, so
# past crashes are regression tests), then on inputs of its own. A crash, a
# leak, a 500 from the router or an input slower than 10 s fails the run and
# leaves the input in build-fuzz/crashes/; add it to the corpus once fixed.
#
#   scripts/fuzz.sh                       each target for 30 s
#   BISTIME_FUZZ_SECONDS=600 scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh fuzz

seconds=${BISTIME_FUZZ_SECONDS:-30}
targets=(request_target json_body time_text database_url calendar router http_framing)

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBISTIME_BUILD_FUZZERS=ON -DBISTIME_BUILD_TESTS=OFF -DBISTIME_BUILD_SERVER=ON >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

mkdir -p build-fuzz/crashes
for target in "${targets[@]}"; do
  work=$(mktemp -d)
  echo "fuzzing $target for ${seconds} s"
  if ! build-fuzz/fuzz/"fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$target-" "$work" "fuzz/corpus/$target" \
    >"build-fuzz/$target.log" 2>&1; then
    tail -n 60 "build-fuzz/$target.log" >&2
    rm -rf "$work"
    exit 1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/$target.log" | tr '\n' ' '
  echo
  rm -rf "$work"
done
