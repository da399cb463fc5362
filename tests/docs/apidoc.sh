#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The API reference: scripts/apidoc must build it from the headers with no
# Doxygen warning, one group per header. And the check must be able to
# fail: the same run over a copy of the tree whose irqentry_work_set() has
# lost its comment must fail, naming it.
# Usage: apidoc.sh <source-root> <work-dir>
set -euo pipefail
root=$(cd "$1" && pwd)
work=$2
rm -rf "$work"
mkdir -p "$work"

out=$(bash "$root/scripts/apidoc" "$work/html-out" 2>&1) || {
	echo "$out" >&2
	echo "docs.apidoc: FAILED: scripts/apidoc" >&2
	exit 1
}
echo "  $out"
headers=$(find "$root/include/irqentry" -name '*.h' | wc -l)
groups=$(find "$work/html-out/html" -name 'group__*.html' | wc -l)
[ "$groups" -eq "$headers" ] ||
	{ echo "docs.apidoc: FAILED: $groups groups for $headers headers" >&2; exit 1; }

# The mutation: a public function without its kernel-doc comment.
copy="$work/tree"
mkdir -p "$copy/scripts" "$copy/docs"
cp -r "$root/include" "$copy/"
cp -r "$root/docs/doxygen" "$copy/docs/"
cp "$root/scripts/apidoc" "$root/scripts/deps.sh" "$copy/scripts/"
awk '/^\/\*\*$/ { held = $0; hold = 1; next }
     hold { held = held "\n" $0; if ($0 ~ /\*\//) { hold = 0; blk = held } ; next }
     /irqentry_work_set\(/ && blk != "" { blk = ""; print; next }
     { if (blk != "") { print blk; blk = "" } print }
     END { if (blk != "") print blk }' "$root/include/irqentry/work.h" >"$copy/include/irqentry/work.h"
grep -q "irqentry_work_set(" "$copy/include/irqentry/work.h" ||
	{ echo "docs.apidoc: FAILED: the mutation lost irqentry_work_set" >&2; exit 1; }
cmp -s "$root/include/irqentry/work.h" "$copy/include/irqentry/work.h" &&
	{ echo "docs.apidoc: FAILED: the mutation changed nothing" >&2; exit 1; }
if bad=$(bash "$copy/scripts/apidoc" "$work/mutant-out" 2>&1); then
	echo "docs.apidoc: FAILED: an undocumented irqentry_work_set() passed" >&2
	exit 1
fi
grep -q "irqentry_work_set.*is not documented" <<<"$bad" ||
	{ echo "$bad" >&2; echo "docs.apidoc: FAILED: the mutant failed, but not for irqentry_work_set" >&2; exit 1; }
echo "summary: docs.apidoc: $groups header groups, no Doxygen warning; an undocumented irqentry_work_set() fails the check"
