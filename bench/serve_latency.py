#!/usr/bin/env python3
"""Times `varsel serve`: one outage file edited -> reload event on /_varsel/events.

Usage: serve_latency.py VARSEL SITE NOW [--runs K] [--port P]

Starts the server, waits for its first build, subscribes to the server-sent
events, then K times appends a line to one outage's description and measures
the time from the write to the `data: <generation>` event. Prints one JSON
object: the edit->event times in ms, the server's own `rebuilt in N ms`
lines and the debounce subtracted (80 ms, src/serve/watch.rs). Standard
library only.
"""

import argparse
import glob
import http.client
import json
import os
import re
import statistics
import subprocess
import threading
import time

DEBOUNCE_MS = 80


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("varsel")
    ap.add_argument("site")
    ap.add_argument("now")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--port", type=int, default=18111)
    args = ap.parse_args()

    server = subprocess.Popen(
        # `--lang en`: the "rebuilt in N ms" line below is read in English.
        [args.varsel, "--root", args.site, "--lang", "en", "--now", args.now, "serve",
         "--port", str(args.port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    rebuilt = []
    first = threading.Event()

    def read_stderr():
        for line in server.stderr:
            m = re.search(r"rebuilt in (\d+) ms", line)
            if m:
                rebuilt.append(int(m.group(1)))
                first.set()

    threading.Thread(target=read_stderr, daemon=True).start()
    try:
        if not first.wait(600):
            raise SystemExit("serve_latency: no first build within 600 s")
        initial_ms = rebuilt[0]
        conn = None
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=600)
                conn.request("GET", "/_varsel/events")
                resp = conn.getresponse()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("serve_latency: server not reachable")

        def next_event():
            while True:
                line = resp.fp.readline()
                if not line:
                    raise SystemExit("serve_latency: event stream closed")
                if line.startswith(b"data:"):
                    return int(line.split(b":")[1])

        next_event()  # the current generation, sent at once
        target = sorted(glob.glob(os.path.join(args.site, "outages", "*.yaml")))[0]
        times = []
        for k in range(args.runs):
            time.sleep(0.5)  # let the watcher settle
            text = open(target, encoding="utf-8").read()
            marker = "  Endret under måling.\n"
            text = text.replace("description: |\n", "description: |\n" + marker, 1) if k % 2 == 0 \
                else text.replace(marker, "", 1)
            # Saved the way many editors save: a new file renamed over the
            # old one (one change, not a truncation and then a write).
            scratch = os.path.join(args.site, ".serve_latency.tmp")
            with open(scratch, "w", encoding="utf-8") as f:
                f.write(text)
            t0 = time.perf_counter()
            os.replace(scratch, target)
            next_event()
            elapsed = (time.perf_counter() - t0) * 1000
            if elapsed < DEBOUNCE_MS / 2:
                # A late event of the previous edit, not this one's.
                next_event()
                elapsed = (time.perf_counter() - t0) * 1000
            times.append(elapsed)
        time.sleep(0.2)
        result = {
            "initial_build_ms": initial_ms,
            "edit_to_event_ms": [round(t, 1) for t in times],
            "median_edit_to_event_ms": round(statistics.median(times), 1),
            "debounce_ms": DEBOUNCE_MS,
            "median_after_debounce_ms": round(statistics.median(times) - DEBOUNCE_MS, 1),
            "server_rebuilt_ms": rebuilt[1:],
        }
        print(json.dumps(result))
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
