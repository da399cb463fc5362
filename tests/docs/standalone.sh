#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs.standalone: the repository stands on its own. No tracked file may
# send a reader to the team's design file or notes, which users do not
# have; what a user needs is in docs/ (design.md, linux.md, porting.md).
#
# Usage: standalone.sh <source dir>
set -euo pipefail
root=$1
cd "$root"

# The names, spelled in pieces so this file does not match itself.
d=DESIGN
n=notes
s=shared
pattern="$d\\.md|$s/$n|linux-entry\\.md|peers\\.md|/work/$s"

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	files=$(git ls-files -co --exclude-standard)
else
	files=$(find . -path ./build -prune -o -type f -print)
fi
[ -n "$files" ] || { echo "docs.standalone: no files found under $root"; exit 1; }

# shellcheck disable=SC2086
hits=$(printf '%s\n' $files | grep -v '^build/' |
	xargs -d '\n' grep -nIE "$pattern" -- 2>/dev/null || true)
count=$(printf '%s\n' $files | wc -l)
if [ -n "$hits" ]; then
	echo "$hits"
	echo "docs.standalone: FAILED: the lines above cite files that are not in the repository; put what users need in docs/ and point there"
	exit 1
fi
echo "summary: docs.standalone: $count files, none cites a file outside the repository"
