#!/usr/bin/env bash
# Fails when the HTTP adapter breaks the shape docs/architecture.md describes:
#   - a route handler calls more than one use case (each route is one use case
#     of bistime::Services, which returns all its response needs);
#   - a status is written as a number outside http_status.hpp (the one
#     mapping from error kinds, and the named statuses);
#   - a web app script has a string spanning lines (an odd number of
#     backticks on a line), which the embedding's stripping would change.
# scripts/test.sh runs it after the format check.
set -euo pipefail
cd "$(dirname "$0")/.."
failed=0

# Handlers: from "Result<ApiResponse> name(Services& services" to the next
# line that is a lone "}", count the calls into services.<service>.<use case>.
for file in adapters/http/src/*_routes.cpp; do
  while IFS= read -r line; do
    echo "two use cases in one handler: $line" >&2
    failed=1
  done < <(awk -v file="$file" '
    /^Result<ApiResponse> [a-z_]+\(Services& services/ {
      name = $2; sub(/\(.*/, "", name); calls = 0; inside = 1; next }
    inside && /^}/ { if (calls > 1) print file ": " name " (" calls " calls)"; inside = 0; next }
    inside { calls += gsub(/services\.[a-z_]+\.[a-z_]+\(/, "&") }
  ' "$file")
done

# Statuses: the codes the API answers with, as whole numbers, outside the
# mapping. Comments may name them.
pattern='\b(200|201|204|304|400|401|403|404|405|406|409|413|415|423|429|431|500|503)\b'
while IFS= read -r hit; do
  echo "a status written as a number: $hit" >&2
  failed=1
done < <(grep -nE "$pattern" adapters/http/src/*.cpp adapters/http/src/*.hpp \
           adapters/http/include/bistime/http/*.hpp |
         grep -v '^adapters/http/include/bistime/http/http_status.hpp:' |
         awk -v pattern="$pattern" '{ code = $0; sub(/^[^:]+:[0-9]+:/, "", code); sub(/\/\/.*/, "", code);
                                      gsub(/\\b/, "", pattern);
                                      if (code ~ "(^|[^0-9])" pattern "([^0-9]|$)") print }' || true)

# Scripts: no string may span lines, since CMake embeds them without
# whole-line comments and indentation (adapters/web/cmake/embed_files.cmake).
while IFS= read -r hit; do
  echo "a string spans lines (an odd number of backticks): $hit" >&2
  failed=1
done < <(awk '{ line = $0; n = gsub(/`/, "", line); if (n % 2 == 1) print FILENAME ":" FNR }' \
           adapters/web/app/js/*.js)

if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "shape: every route calls one use case; statuses come from http_status.hpp; no script string spans lines"
