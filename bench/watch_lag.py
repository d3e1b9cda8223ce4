#!/usr/bin/env python3
"""Measures how late `varsel send --watch` delivers, on the real clock.

Usage: watch_lag.py VARSEL [--runs K] [--ahead SECONDS]

Makes a minimal site in a temporary folder, starts the SMTP sink
(tests/support/smtp_sink.py, aiosmtpd) and one `varsel send --watch`, then
measures two lags K times each (default 10):

  due:   an acute outage file is written with a start SECONDS (default 3)
         in the future, as RFC 3339 with seconds; lag = the sink's receive
         time minus that start (the watcher sleeps until the due time);
  file:  an acute outage file is written with a start in the past (due at
         once); lag = receive time minus the moment the file was written
         (the file watcher's debounce, re-reading the site, composing, SMTP).

Prints one JSON object with every lag in ms and the median and maximum of
each. Then stops the watcher with SIGTERM and reports its exit status.
Standard library only (plus aiosmtpd for the sink).
"""

import argparse
import datetime
import glob
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SINK = os.path.join(HERE, "..", "tests", "support", "smtp_sink.py")

CONFIG = """title: Nedetid (lag)
base_url: https://intranett.example.org/nedetid/
language: nb
timezone: UTC
mail:
  from: "Meldingsansvarlige <meldinger@example.org>"
  message_id_domain: example.org
recipients:
  - { name: PLO, address: plo@example.org }
systems:
  plo: { name: PLO-meldinger }
municipalities:
  halden: { name: Halden, coordinator_phone: "+47 00 00 01 03" }
routines:
  default: nodrutiner/plo
"""


def outage(start):
    return ("title: Brudd (måling)\nkind: acute\nstart: %s\nsystems: [plo]\n"
            "municipalities: all\n" % start)


def rfc3339(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def wait_for_message(mail, count, limit=60):
    deadline = time.time() + limit
    while time.time() < deadline:
        files = sorted(glob.glob(os.path.join(mail, "*.json")))
        if len(files) >= count:
            with open(files[count - 1]) as f:
                return json.load(f)["received_at"]
        time.sleep(0.01)
    sys.exit("no message %d within %d s" % (count, limit))


def summary(lags):
    return {"runs": len(lags), "median_ms": round(statistics.median(lags)),
            "max_ms": round(max(lags)), "min_ms": round(min(lags)),
            "all_ms": [round(x) for x in lags]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("varsel")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--ahead", type=int, default=3)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="varsel-lag-")
    site, mail = os.path.join(work, "site"), os.path.join(work, "mail")
    for d in (os.path.join(site, "outages"), os.path.join(site, "content", "nodrutiner"), mail):
        os.makedirs(d)
    with open(os.path.join(site, "varsel.yaml"), "w") as f:
        f.write(CONFIG)
    with open(os.path.join(site, "content", "nodrutiner", "plo.md"), "w") as f:
        f.write("---\ntitle: Nødrutine\n---\n\nRing.\n")
    ledger = os.path.join(site, "ledger.jsonl")
    open(ledger, "w").close()

    sink = subprocess.Popen([sys.executable, SINK, mail], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    port = int(sink.stdout.readline().split()[1])
    env = dict(os.environ, VARSEL_SMTP_URL="smtp://127.0.0.1:%d" % port)
    watch = subprocess.Popen([args.varsel, "--root", site, "send", "--watch", "--ledger", ledger],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    due, changed, count = [], [], 0
    try:
        for i in range(args.runs):
            start = int(time.time()) + args.ahead
            with open(os.path.join(site, "outages", "due-%02d.yaml" % i), "w") as f:
                f.write(outage(rfc3339(start)))
            count += 1
            due.append((wait_for_message(mail, count) - start) * 1000)
            time.sleep(0.3)
            with open(os.path.join(site, "outages", "file-%02d.yaml" % i), "w") as f:
                f.write(outage(rfc3339(time.time() - 60)))
            written = time.time()
            count += 1
            changed.append((wait_for_message(mail, count) - written) * 1000)
            time.sleep(0.3)
    finally:
        watch.send_signal(signal.SIGTERM)
        status = watch.wait(timeout=30)
        sink.kill()
    print(json.dumps({"due": summary(due), "file": summary(changed),
                      "sigterm_exit_status": status}, indent=1))


if __name__ == "__main__":
    main()
