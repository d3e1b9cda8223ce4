#!/usr/bin/env python3
"""Helpers of bench/run.sh (standard library only).

  report.py parse-time LOG N TOOL RUN   one TSV line from a GNU `time -v` log
  report.py table RESULTS SERVE LEDGER  the Markdown report
"""

import json
import re
import statistics
import sys


def parse_time(log, n, tool, run):
    text = open(log, encoding="utf-8").read()

    def field(label):
        m = re.search(re.escape(label) + r":\s*(.+)", text)
        if not m:
            raise SystemExit(f"report.py: no `{label}` in {log}")
        return m.group(1).strip()

    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    user = float(field("User time (seconds)"))
    system = float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)"))
    print(f"{n}\t{tool}\t{run}\t{wall:.3f}\t{user:.3f}\t{system:.3f}\t{rss}")


def load(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        n, tool, _run, wall, user, system, rss = line.split("\t")
        rows.setdefault((int(n), tool), []).append(
            (float(wall), float(user) + float(system), int(rss))
        )
    return rows


def paired_wall_ratio(base, other):
    """Median over runs of varsel's wall / the other tool's wall in the same
    run (the tools alternate, so run k of each shares the machine's mood)."""
    pairs = [b[0] / o[0] for b, o in zip(base, other) if o[0] > 0]
    return statistics.median(pairs) if pairs else float("nan")


def medians(samples):
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def fmt_s(seconds):
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def fmt_mib(kib):
    return f"{kib / 1024:.0f} MiB" if kib >= 10 * 1024 else f"{kib / 1024:.1f} MiB"


def table(results, serve, ledger):
    rows = load(results)
    sizes = sorted({n for n, tool in rows if tool in ("varsel", "hugo", "zola")})
    print("## Build")
    print()
    print("| N | tool | wall | CPU (user+sys) | peak RSS | wall ratio | paired wall ratio | CPU ratio | RSS ratio |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        base = rows.get((n, "varsel"))
        bw, bc, br = medians(base) if base else (None, None, None)
        for tool in ("varsel", "hugo", "zola"):
            samples = rows.get((n, tool))
            if not samples:
                continue
            w, c, r = medians(samples)
            if tool == "varsel":
                ratio = ("", "", "", "")
            else:
                paired = paired_wall_ratio(base, samples)
                ratio = (f"{bw / w:.3f}", f"{paired:.3f}", f"{bc / c:.3f}", f"{br / r:.3f}")
            print(f"| {n:,} | {tool} | {fmt_s(w)} | {fmt_s(c)} | {fmt_mib(r)} | "
                  f"{ratio[0]} | {ratio[1]} | {ratio[2]} | {ratio[3]} |")
    print()
    print("Ratios are varsel / other tool (lower is better for varsel): of the medians, and")
    print("(paired) the median of each run's varsel / other-tool wall time.")
    print()
    print("## check, plan, serve")
    print()
    print("| command | N | wall | CPU | peak RSS |")
    print("|---|---:|---:|---:|---:|")
    for tool, label in (("check", "varsel check"), ("plan", f"varsel plan ({int(ledger):,}-record ledger)")):
        for (n, t), samples in sorted(rows.items()):
            if t == tool:
                w, c, r = medians(samples)
                print(f"| {label} | {n:,} | {fmt_s(w)} | {fmt_s(c)} | {fmt_mib(r)} |")
    s = json.load(open(serve, encoding="utf-8"))
    print()
    print(f"`varsel serve`: first build {s['initial_build_ms']} ms; one outage edited → reload "
          f"event: median {s['median_edit_to_event_ms']} ms, minus the {s['debounce_ms']} ms "
          f"debounce = **{s['median_after_debounce_ms']} ms** "
          f"(each: {s['edit_to_event_ms']} ms; server's own `rebuilt in`: {s['server_rebuilt_ms']} ms).")


def main():
    cmd = sys.argv[1]
    if cmd == "parse-time":
        parse_time(*sys.argv[2:6])
    elif cmd == "table":
        table(*sys.argv[2:5])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
