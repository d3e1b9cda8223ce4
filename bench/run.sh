#!/usr/bin/env bash
# The benchmark of issue 7, in one command.
#
#   bench/run.sh [--smoke] [--runs K] [--disk] [N ...]
#
# Builds varsel (release), generates the synthetic varsel and Hugo sites for
# each N (default 1000 10000 50000; bench/gen.py), builds them alternately
# (varsel, Hugo, varsel, Hugo, ...) K times (default 5) under GNU time -v,
# and prints a Markdown table of median wall time, CPU time (user+sys) and
# peak RSS with the ratios varsel/Hugo. Then it times `varsel check` and
# `varsel plan` (100,000-record ledger) at N = 10,000 (or the largest N
# given) and the `varsel serve` edit -> reload latency at that N.
#
# --smoke: N = 50, one run, 1,000 ledger records: proves the script works
# in seconds (CI). No speed assertions anywhere.
#
# Output folders: both tools write into /dev/shm (RAM) when it is there,
# so the comparison measures the generators and not the disk's state; with
# --disk (or BENCH_OUT=DIR) they write to disk. Why: on a disk where many
# files were just deleted (every earlier run's output), ext4 without a
# journal skips recently freed inodes one by one, and creating the 20,000
# files and folders of an N = 10,000 site took 2.7 s instead of 0.7 s for a
# plain Python loop -- a cost of the benchmark's own deletions, paid by both
# tools, that swamps the difference between them (BENCHMARKS.md).
#
# Zola: a `zola` on PATH, or else Zola 0.22 from the npm registry set up
# by bench/zola.sh (a Node.js binding of Zola's source; neither Debian nor
# the Rust crate registry has Zola). Without either it is reported as not available.
#
# Environment: VARSEL_BIN uses that varsel binary instead of building a
# release one; BENCH_DIR (default target/bench) holds the sites, outputs
# and raw results (results.tsv). Needs hugo, GNU time and python3; on a
# Debian machine as root the script installs hugo and time if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$PWD
NOW="2027-03-10 12:00"
RUNS=5
LEDGER=100000
SMOKE=0
SIZES=()
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) SMOKE=1 ;;
        --runs) RUNS=$2; shift ;;
        --disk) BENCH_OUT=${BENCH_DIR:-$PWD/target/bench}/out ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) SIZES+=("$1") ;;
    esac
    shift
done
if [ "$SMOKE" = 1 ]; then
    RUNS=1
    LEDGER=1000
    [ ${#SIZES[@]} -eq 0 ] && SIZES=(50)
fi
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 50000)

need() {
    if ! command -v "$1" >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get install -y "$2" >/dev/null
        else
            echo "bench/run.sh: needs $1 (Debian package $2)" >&2
            exit 2
        fi
    fi
}
need hugo hugo
need python3 python3
[ -x /usr/bin/time ] || need /usr/bin/time time

BENCH_DIR=${BENCH_DIR:-$REPO/target/bench}
mkdir -p "$BENCH_DIR"
if [ -z "${BENCH_OUT:-}" ]; then
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then
        BENCH_OUT=/dev/shm
    else
        BENCH_OUT=$BENCH_DIR/out
    fi
fi
# Only this run's own folder is ever removed.
BENCH_OUT=$BENCH_OUT/varsel-bench.$$
mkdir -p "$BENCH_OUT"
trap 'rm -rf "$BENCH_OUT"' EXIT
RESULTS=$BENCH_DIR/results.tsv
EXTRA=$BENCH_DIR/extra.md
: > "$RESULTS"
: > "$EXTRA"

if [ -n "${VARSEL_BIN:-}" ]; then
    # A binary built already (CI's smoke run uses the debug build of the tests).
    VARSEL=$VARSEL_BIN
else
    echo "bench/run.sh: building varsel (release)" >&2
    cargo build --release --quiet
    VARSEL=$REPO/target/release/varsel
fi
ZOLA=$("$REPO/bench/zola.sh" "$BENCH_DIR/zola")

# measure TOOL N RUN CMD...: runs CMD under GNU time -v and appends one
# line (n, tool, run, wall s, user s, sys s, peak RSS KiB) to results.tsv.
measure() {
    local tool=$1 n=$2 run=$3
    shift 3
    local log=$BENCH_DIR/time.log
    if ! /usr/bin/time -v -o "$log" "$@" >"$BENCH_DIR/$tool.out" 2>&1; then
        echo "bench/run.sh: $tool failed at N=$n:" >&2
        tail -20 "$BENCH_DIR/$tool.out" >&2
        exit 1
    fi
    python3 "$REPO/bench/report.py" parse-time "$log" "$n" "$tool" "$run" >>"$RESULTS"
}

for n in "${SIZES[@]}"; do
    site=$BENCH_DIR/n$n
    echo "bench/run.sh: generating N=$n" >&2
    python3 "$REPO/bench/gen.py" "$n" "$site" >&2
    sync
    for run in $(seq 1 "$RUNS"); do
        out=$BENCH_OUT/n$n
        rm -rf "$out"
        mkdir -p "$out"
        measure varsel "$n" "$run" "$VARSEL" --root "$site/varsel" --now "$NOW" build --out "$out/varsel"
        measure hugo "$n" "$run" hugo --quiet --source "$site/hugo" --destination "$out/hugo"
        if [ -n "$ZOLA" ] && [ -d "$site/zola" ]; then
            measure zola "$n" "$run" "$ZOLA" --root "$site/zola" build --output-dir "$out/zola" --force
        fi
    done
    echo "bench/run.sh: N=$n: varsel wrote $(find "$out/varsel" -type f | wc -l) files" \
        "($(du -sm "$out/varsel" | cut -f1) MB), Hugo $(find "$out/hugo" -type f | wc -l)" \
        "($(du -sm "$out/hugo" | cut -f1) MB)${ZOLA:+, Zola $(find "$out/zola" -type f | wc -l)}" >&2
    rm -rf "$out"
done

# check, plan and serve at N = 10,000 (or the largest N given).
cn=${SIZES[-1]}
for n in "${SIZES[@]}"; do [ "$n" = 10000 ] && cn=10000; done
site=$BENCH_DIR/n$cn
echo "bench/run.sh: check, plan ($LEDGER ledger records) and serve at N=$cn" >&2
python3 "$REPO/bench/gen.py" "$cn" "$site" --only ledger --ledger "$LEDGER" >&2
for run in $(seq 1 "$RUNS"); do
    measure check "$cn" "$run" "$VARSEL" --root "$site/varsel" --now "$NOW" check
    measure plan "$cn" "$run" "$VARSEL" --root "$site/varsel" --now "$NOW" plan --ledger "$site/ledger.jsonl"
done
serve_runs=$(( RUNS < 3 ? 3 : RUNS ))
python3 "$REPO/bench/serve_latency.py" "$VARSEL" "$site/varsel" "$NOW" --runs "$serve_runs" \
    >"$BENCH_DIR/serve.json"

{
    echo "## Machine"
    echo
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
    echo "- Memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo "- Hugo: $(hugo version | cut -d' ' -f2)"
    echo "- Zola: $([ -n "$ZOLA" ] && "$ZOLA" --version | cut -d' ' -f2 || echo "not available") ${ZOLA:+($ZOLA)}"
    echo "- Output folders: $BENCH_OUT ($(df -T "$BENCH_OUT" | awk 'NR==2 {print $2}'))"
    echo "- varsel: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "- Runs per tool and N: $RUNS (alternating); medians"
    echo
    python3 "$REPO/bench/report.py" table "$RESULTS" "$BENCH_DIR/serve.json" "$LEDGER"
} | tee "$BENCH_DIR/report.md"
