#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/sequences.md from the generator, one build per backend: "check"
# fails when the committed file differs from what the code does now,
# "write" updates it. Usage:
#   run.sh check|write <source-root> <out-dir> <gen-arm64> <gen-riscv> <gen-x86>
set -euo pipefail
mode=$1
root=$2
out=$3
shift 3
mkdir -p "$out"
new="$out/sequences.md"
{
	"$1" --header
	for gen in "$@"; do
		"$gen"
	done
} >"$new" || { echo "sequences: FAILED: a generator reported a broken rule" >&2; exit 1; }
doc="$root/docs/sequences.md"
case "$mode" in
write)
	cp "$new" "$doc"
	echo "sequences: wrote $doc"
	;;
check)
	if ! diff -u "$doc" "$new" >"$out/sequences.diff"; then
		head -60 "$out/sequences.diff" >&2
		echo "sequences: FAILED: docs/sequences.md differs from the code (diff: $out/sequences.diff); regenerate: cmake --build --preset host-gcc --target update_sequences" >&2
		exit 1
	fi
	echo "summary: sequences: docs/sequences.md matches the code: $(grep -c '^#### ' "$new") timelines, $(grep -c '^### ' "$new") wrappers, 3 backends"
	;;
*)
	echo "usage: $0 check|write <source-root> <out-dir> <gen>..." >&2
	exit 2
	;;
esac
