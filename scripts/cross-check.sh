#!/usr/bin/env bash
# cross-check.sh <triple> <prefix>
#
# Cross-build the Check unit-test framework for <triple> (aarch64-linux-gnu,
# riscv64-linux-gnu) from Debian's `check` source package and install its
# headers and static libcheck.a into <prefix> (<prefix>/include/check.h,
# <prefix>/lib/libcheck.a).  Then configure with
#   -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/<triple>.cmake -DIRQENTRY_CHECK_PREFIX=<prefix>
# Only check.h, check_stdint.h and libcheck.a are installed (no shared lib, no
# check.pc: upstream's names -lcheck_pic); link libcheck.a by path, plus
# -pthread -lrt -lm.
#
# Cached: the unpacked source is kept in $CHECK_SRC_CACHE (default
# <prefix>/../src, shared by all triples); an installed prefix is stamped.
# Needs root (or sudo) only when the source has to be downloaded.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

die() { echo "cross-check: error: $*" >&2; exit 1; }
trap 'echo "cross-check: error: command failed (line $LINENO): $BASH_COMMAND" >&2' ERR

[ $# -eq 2 ] || die "usage: $0 <triple> <prefix>"
triple=$1
root=$(cd "$(dirname "$0")/.." && pwd)
toolchain=$root/cmake/toolchains/$triple.cmake
[ -f "$toolchain" ] || die "no toolchain file $toolchain"
mkdir -p "$2" && prefix=$(cd "$2" && pwd)
stamp=$prefix/.irqentry-check-stamp

# 1. Cached install: nothing to do.
if [ -f "$prefix/lib/libcheck.a" ] && [ -f "$stamp" ]; then
    echo "cross-check: $(cat "$stamp") already installed in $prefix"
    exit 0
fi
command -v "$triple-gcc" >/dev/null || die "$triple-gcc not found (apt-get install gcc-$triple)"

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# Print the binary ("deb") entries apt uses, rewritten as one-line "deb-src"
# entries: from one-line *.list files and from deb822 *.sources stanzas
# (keeping a Signed-By keyring path so apt sees no conflicting options).
deb_src_candidates() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        if [ -f "$f" ]; then sed -n 's/^[[:space:]]*deb[[:space:]]\{1,\}/deb-src /p' "$f"; fi
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'BEGIN { RS = ""; FS = "\n" }
        {
            split("", k)
            for (i = 1; i <= NF; i++) {
                if ($i ~ /^[ \t#]/ || index($i, ":") == 0) continue   # comment, continuation
                c = index($i, ":"); v = substr($i, c + 1); gsub(/^[ \t]+|[ \t]+$/, "", v)
                k[tolower(substr($i, 1, c - 1))] = v
            }
            if (k["types"] !~ /(^|[ \t])deb([ \t]|$)/ || tolower(k["enabled"]) == "no") next
            opt = (k["signed-by"] ~ /^\//) ? "[signed-by=" k["signed-by"] "] " : ""
            split(k["uris"], u, /[ \t]+/); n = split(k["suites"], s, /[ \t]+/)
            for (j = 1; j <= n; j++) print "deb-src " opt u[1] " " s[j] " " k["components"]
        }' "$f"
    done
}

# 2. Unpacked source, downloaded once into the shared cache.
srcroot=${CHECK_SRC_CACHE:-$(dirname "$prefix")/src}
mkdir -p "$srcroot" && srcroot=$(cd "$srcroot" && pwd)
src=$(ls -d "$srcroot"/check-*/ 2>/dev/null | head -n 1 || true)
if [ -z "$src" ] || [ ! -f "$src/CMakeLists.txt" ]; then
    command -v dpkg-source >/dev/null || $SUDO apt-get install -y -qq dpkg-dev >/dev/null
    list=/etc/apt/sources.list.d/irqentry-src.list
    if [ ! -f "$list" ]; then
        all=$(deb_src_candidates)
        # Prefer the release suite ("bookworm") over -updates/-security.
        entry=$(printf '%s\n' "$all" | awk '{ l = $0; sub(/\[[^]]*\][ \t]*/, "", l); split(l, a, /[ \t]+/)
                 if (a[3] != "" && a[3] !~ /[-\/]/ && e == "") e = $0 } END { print e }')
        [ -n "$entry" ] || die "no Debian 'deb' entry found in /etc/apt/sources.list{,.d/*.list,.d/*.sources}"
        echo "cross-check: adding '$entry' to $list"
        echo "$entry" | $SUDO tee "$list" >/dev/null
    fi
    # Refresh the indexes only if apt does not know the source package yet.
    if [ -z "$(apt-cache showsrc check 2>/dev/null)" ]; then
        echo "cross-check: apt-get update"
        $SUDO apt-get update -qq
    fi
    dl=$(mktemp -d "$srcroot/.download.XXXXXX")
    echo "cross-check: apt-get source check -> $srcroot"
    (cd "$dl" && $SUDO apt-get source -qq check >/dev/null 2>"$dl/apt.err") ||
        { cat "$dl/apt.err" >&2; rm -rf "$dl"; die "apt-get source check failed"; }
    # Move the unpacked tree into place only once it is complete.
    dir=$(ls -d "$dl"/check-*/ | head -n 1)
    [ -f "$dir/CMakeLists.txt" ] || { rm -rf "$dl"; die "apt-get source check gave no source tree"; }
    mv "$dir" "$srcroot/" && rm -rf "$dl"
    src=$(ls -d "$srcroot"/check-*/ | head -n 1)
fi
src=${src%/}
version=${src##*/check-}

# 3. Configure and build only the static library (no tests, no subunit, no
#    shared lib/checkmk/docs), then install the three files we need by hand.
build=$(mktemp -d "${TMPDIR:-/tmp}/check-$triple.XXXXXX")
trap 'rm -rf "$build"' EXIT
echo "cross-check: building Check $version for $triple into $prefix"
cmake -S "$src" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DCMAKE_BUILD_TYPE=Release -DCHECK_ENABLE_TESTS=OFF -DHAVE_SUBUNIT=OFF \
    >"$build/configure.log" 2>&1 ||
    { tail -n 30 "$build/configure.log" >&2; die "configuring Check failed (log above)"; }
cmake --build "$build" -j2 --target check >"$build/build.log" 2>&1 ||
    { tail -n 30 "$build/build.log" >&2; die "building Check failed (log above)"; }
mkdir -p "$prefix/include" "$prefix/lib"
cp "$build/src/check.h" "$build/check_stdint.h" "$prefix/include/"
cp "$build/src/libcheck.a" "$prefix/lib/"
echo "check $version for $triple" >"$stamp"
echo "cross-check: installed check $version for $triple in $prefix"
