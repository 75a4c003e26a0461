#!/usr/bin/env bash
# How reads grow with the crowd: bistime-server (a Release build) on a private
# MariaDB and on SQLite, events seeded with random answers at four sizes
# (people × dates), and wrk over each read, writes and /health-check, all in
# one run. Prints Markdown tables with the ratios the targets are stated in;
# docs/performance.md keeps the latest.
#
#   bench/read_scaling.sh              both backends
#   BENCH_SECONDS=10 bench/read_scaling.sh mariadb
#
# Needs Debian's wrk (scripts/install-deps.sh bench installs it, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh bench
seconds=${BENCH_SECONDS:-5}
backends=("${@:-mariadb sqlite}")
read -r -a backends <<<"${backends[*]}"

cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DBISTIME_BUILD_TESTS=OFF >/dev/null
cmake --build build-release -j "$(nproc)" --target bistime-server >/dev/null

work=$(mktemp -d /tmp/bistime-bench.XXXXXX)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  if [ -n "${MARIADB_PID:-}" ]; then mariadb_stop; fi
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/mariadb.sh
source scripts/mariadb.sh

# wrk's summary as "req/s p99": requests a second, and the 99th percentile.
# A second of the same load first, not counted: the first reads of an event
# fill the server's caches, and MariaDB is still purging what the seeding wrote.
measure() {
  local url=$1
  shift
  wrk -t2 -c16 -d1s "$@" "$url" >/dev/null 2>&1
  wrk -t2 -c16 -d"${seconds}s" --latency "$@" "$url" >"$work/wrk.txt" 2>&1
  local rate p99
  rate=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  echo "$rate $p99"
}

# The median of "rate p99" lines by rate (the middle one of three; a single
# line is its own median).
median() { printf '%s' "$1" | sort -n | awk '{line[NR] = $0} END {print line[int((NR + 1) / 2)]}'; }

cell() { # "rate p99" → "rate (p99)"
  set -- $1
  echo "$1 ($2)"
}

# The statement an edit of 7 dates sends (as the server writes it: the
# person's answers row, their days packed), run by mariadb-slap over 16
# connections without the server: what MariaDB alone makes of the write, for
# the edits row to be read against. Each connection writes one of the 25
# names the writes above left. Prints statements a second.
edit_alone() {
  local sql=(mariadb --no-defaults --socket="$MARIADB_DIR/mysqld.sock" -uroot bistime_test -N)
  local event dates days="" separator="" day
  event=$("${sql[@]}" -e "SELECT id FROM events WHERE uuid = '$1'")
  dates=$("${sql[@]}" -e "SELECT id FROM event_dates WHERE event_id = $event ORDER BY day")
  for day in $dates; do
    days+="$separator$day,$(date +%s),$(printf '1%.0s' $(seq 20))$(printf '0%.0s' $(seq 28))"
    separator=";"
  done
  local query="UPDATE answers SET days = '$days' WHERE event_id = $event"
  query+=" AND name = CONCAT('writer ', LPAD(CONNECTION_ID() % 25, 3, '0'))"
  local statements=20000 took
  took=$(mariadb-slap --no-defaults --socket="$MARIADB_DIR/mysqld.sock" -uroot \
    --create-schema=bistime_test --concurrency=16 --iterations=1 --number-of-queries=$statements \
    --query="$query" |
    awk '/Average number of seconds/ {print $(NF - 1); exit}')
  awk -v n=$statements -v s="$took" 'BEGIN {printf "%.0f statements/s", n / s}'
}

percent() { awk -v part="$1" -v whole="$2" 'BEGIN {printf "%.0f%%", 100 * part / whole}'; }

rss_mib() { awk -v k="$2" '$1 == k":" {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

for backend in "${backends[@]}"; do
  if [ "$backend" = mariadb ]; then
    mariadb_start >/dev/null
    url=$BISTIME_TEST_MYSQL_URL
  else
    url="sqlite:$work/bench.db"
  fi
  build-release/app/bistime-server --port 0 --db "$url" --quiet --create-rate off --max-people 0 \
    >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$work/server.log" | head -1 | cut -d: -f2)
  base="http://127.0.0.1:$port"
  idle=$(rss_mib "$server" VmRSS)

  declare -A uuid=()
  for size in 10x7 30x7 100x30 300x60; do
    uuid[$size]=$(bench/seed_event.py "$base" "${size%x*}" "${size#*x}")
  done

  echo
  echo "### $backend ($(nproc) cores, wrk -t2 -c16 -d${seconds}s; requests/s, p99 in parentheses)"
  echo
  echo "| request (30 × 7 and 300 × 60: median of three rounds taking turns) | 10 × 7 | 30 × 7 | 100 × 30 | 300 × 60 | 300 × 60 against 30 × 7 |"
  echo "|---|---|---|---|---|---|"
  for row in "GET /api/events/{uuid}|" "GET …/schedules|/schedules" \
             "GET …/best-times?duration=60|/best-times?duration=60" \
             "GET …/grid?tz=America/New_York|/grid?tz=America/New_York" \
             "GET …/export.csv|/export.csv"; do
    name=${row%%|*}
    suffix=${row#*|}
    line="| $name"
    declare -A results=()
    for size in 10x7 30x7 100x30 300x60; do
      results[$size]=$(measure "$base/api/events/${uuid[$size]}$suffix")$'\n'
    done
    # The two sizes the ratio is taken of take turns for two more rounds,
    # and each shows its median, as the rows against /health-check below.
    for _ in 1 2; do
      for size in 30x7 300x60; do
        results[$size]+=$(measure "$base/api/events/${uuid[$size]}$suffix")$'\n'
      done
    done
    for size in 10x7 30x7 100x30 300x60; do
      results[$size]=$(median "${results[$size]}")
      line+=" | $(cell "${results[$size]}")"
    done
    echo "$line | $(percent "${results[300x60]%% *}" "${results[30x7]%% *}") |"
    unset results
  done

  # The large reads as browsers ask for them, gzip accepted, at 30 × 7 and
  # at 300 × 60: the same request at two sizes, for their ratio.
  echo
  echo "| request, Accept-Encoding: gzip | 30 × 7 | 300 × 60 | bytes sent at 300 × 60 |"
  echo "|---|---|---|---|"
  for row in "GET …/schedules|/schedules" "GET …/grid?tz=America/New_York|/grid?tz=America/New_York" \
             "GET …/export.csv|/export.csv"; do
    small="$base/api/events/${uuid[30x7]}${row#*|}"
    target="$base/api/events/${uuid[300x60]}${row#*|}"
    size=$(curl -s -H "Accept-Encoding: gzip" "$target" | wc -c)
    plain=$(curl -s "$target" | wc -c)
    line="| ${row%%|*} | $(cell "$(measure "$small" -H "Accept-Encoding: gzip")")"
    echo "$line | $(cell "$(measure "$target" -H "Accept-Encoding: gzip")") | $size (plain: $plain) |"
  done

  etag=$(curl -sI "$base/api/events/${uuid[300x60]}" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
  # Writes of a person's 7 dates, names rotating over 25: first the event's
  # own people editing their answers (the server has read their rows, as the
  # page they answer on reads them), then names it has never read, which
  # after their first write it knows from having written them. Last, first
  # answers: a new name every write, on an event of its own (30 × 7 at the
  # start), each write inserting the person's rows.
  for writers in person writer; do
    cat >"$work/$writers.lua" <<LUA
local counter = 0
local days = {}
for i = 1, 7 do days[i] = '"' .. string.rep("1", 20) .. string.rep("0", 28) .. '"' end
request = function()
  counter = counter + 1
  local body = '{"name": "$writers ' .. string.format("%03d", counter % 25) ..
    '", "availability": [' .. table.concat(days, ",") .. ']}'
  return wrk.format("POST", "/api/events/${uuid[30x7]}/schedules",
    {["Content-Type"] = "application/json"}, body)
end
LUA
  done
  newcomers_event=$(bench/seed_event.py "$base" 30 7 11)
  curl -s -o /dev/null "$base/api/events/$newcomers_event"  # read, as the page reads it
  cat >"$work/newcomer.lua" <<LUA
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tag", os.time() .. "-" .. threads)  -- no name of the warm-up again
end
local counter = 0
local days = {}
for i = 1, 7 do days[i] = '"' .. string.rep("1", 20) .. string.rep("0", 28) .. '"' end
request = function()
  counter = counter + 1
  local body = '{"name": "newcomer ' .. tag .. '-' .. counter ..
    '", "availability": [' .. table.concat(days, ",") .. ']}'
  return wrk.format("POST", "/api/events/$newcomers_event/schedules",
    {["Content-Type"] = "application/json"}, body)
end
LUA
  # The rows measured against /health-check take turns with it, three rounds,
  # and each shows its median round: this machine's speed drifts by a fifth
  # from one minute to the next, which a single measure of each, half a
  # minute apart, would read as the requests' own.
  rounds=(health event_30x7 polling edits rewrites newcomers)
  for row in "${rounds[@]}"; do declare "$row="; done
  for _ in 1 2 3; do
    health+=$(measure "$base/health-check")$'\n'
    event_30x7+=$(measure "$base/api/events/${uuid[30x7]}")$'\n'
    polling+=$(measure "$base/api/events/${uuid[300x60]}" -H "If-None-Match: $etag")$'\n'
    edits+=$(measure "$base" -s "$work/person.lua")$'\n'
    rewrites+=$(measure "$base" -s "$work/writer.lua")$'\n'
    newcomers+=$(measure "$base" -s "$work/newcomer.lua")$'\n'
  done
  for row in "${rounds[@]}"; do
    declare "$row=$(median "${!row}")"
  done
  peak=$(rss_mib "$server" VmHWM)
  echo
  echo "| request (median of three rounds taking turns) | requests/s (p99) |"
  echo "|---|---|"
  echo "| /health-check | $(cell "$health") |"
  echo "| GET event, 30 × 7 | $(cell "$event_30x7") |"
  echo "| GET event, 300 × 60, polling with If-None-Match (304) | $(cell "$polling") |"
  echo "| POST schedules, 7 dates, the event's people editing (rows the server read) | $(cell "$edits") |"
  echo "| POST schedules, 7 dates, names the server has not read (rows it wrote) | $(cell "$rewrites") |"
  echo "| POST schedules, 7 dates, a new name each time (first answers) | $(cell "$newcomers") |"
  if [ "$backend" = mariadb ]; then
    echo "| an edit's statement alone, straight to MariaDB (mariadb-slap -c16) | $(edit_alone "${uuid[30x7]}") |"
  fi
  echo
  echo "Against /health-check in this run: GET event at 30 × 7 $(percent "${event_30x7%% *}" "${health%% *}"),"
  echo "edits $(percent "${edits%% *}" "${health%% *}"), names not read $(percent "${rewrites%% *}" "${health%% *}"),"
  echo "first answers $(percent "${newcomers%% *}" "${health%% *}")."
  echo
  echo "Memory: ${idle} MiB resident when idle, ${peak} MiB at the peak of the run."

  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
  if [ "$backend" = mariadb ]; then mariadb_stop; MARIADB_PID=; fi
  unset uuid
done
