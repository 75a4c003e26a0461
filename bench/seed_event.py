#!/usr/bin/env python3
"""Creates an event of PEOPLE people answering over DATES dates, at random,
on a running bistime-server; prints its uuid. Used by bench/read_scaling.sh.

    bench/seed_event.py http://127.0.0.1:8080 PEOPLE DATES [SEED]
"""
import datetime
import json
import random
import sys
import urllib.request


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def main():
    base, people, dates = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    event = call(base, "POST", "/api/events",
                 {"title": f"Bench {people}x{dates}", "startTime": "09:00", "endTime": "21:00",
                  "timezone": "America/New_York"})
    uuid = event["uuid"]
    today = datetime.date.today()
    days = [str(today + datetime.timedelta(days=i + 1)) for i in range(dates)]
    call(base, "POST", f"/api/events/{uuid}/dates", {"additionalDates": days})
    for person in range(people):
        answers = []
        for _ in range(dates):
            answers.append("".join(rng.choice("0001112") for _ in range(48)))
        call(base, "POST", f"/api/events/{uuid}/schedules",
             {"name": f"person {person:03d}", "availability": answers})
    print(uuid)


if __name__ == "__main__":
    main()
