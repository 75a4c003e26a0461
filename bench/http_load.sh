#!/usr/bin/env bash
# A load test of the real server on loopback: an event with 30 dates and 40
# people is read by wrk for 10 seconds. Needs Debian's wrk and python3.
#   scripts/run.sh builds the server; then: bench/http_load.sh [build-release]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-release}
db=$(mktemp -d)/load.db
"$build/app/bistime-server" --port 0 --db "sqlite:$db" --quiet --db-pool 4 --threads 2 > "$db.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$db.log" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$db.log" | cut -d: -f2)
base="http://127.0.0.1:$port/api/events"
uuid=$(curl -s -X POST "$base" -H 'Content-Type: application/json' -d '{"title": "Load"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["uuid"])')
dates=$(python3 -c 'import datetime,json; t=datetime.date.today(); print(json.dumps([str(t+datetime.timedelta(days=i+1)) for i in range(30)]))')
curl -s -X POST "$base/$uuid/dates" -H 'Content-Type: application/json' -d "{\"additionalDates\": $dates}" > /dev/null
day=$(python3 -c 'print("0"*18 + "1"*8 + "0"*22)')
for person in $(seq 40); do
  days=$(python3 -c "import json; print(json.dumps(['$day']*30))")
  curl -s -X POST "$base/$uuid/schedules" -H 'Content-Type: application/json' \
    -d "{\"name\": \"person $person\", \"availability\": $days}" > /dev/null
done
echo "GET /api/events/{uuid} (30 dates, 40 people), 2 wrk threads, 32 connections, 10 s:"
wrk -t2 -c32 -d10s "$base/$uuid"
