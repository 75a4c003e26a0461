#!/usr/bin/env bash
# Fails when a C++ file of the repository is out of the root .clang-format
# style, naming the files; scripts/test.sh runs it first.
#   clang-format -i <file>   puts a file back in style
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find . -name '*.[ch]pp' -not -path './build*')
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/bistime-format.log; then
  grep -E '^[^ ]+\.(cpp|hpp):[0-9]+:[0-9]+: ' /tmp/bistime-format.log | cut -d: -f1 | sort -u |
    sed 's/^/out of style: /' >&2
  exit 1
fi
