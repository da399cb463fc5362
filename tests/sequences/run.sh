#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/sequences.md and its pictures (docs/img/<arch>-*.svg) from the
# generator, one build per backend: "check" fails when the committed files
# differ from what the code does now, or the README shows a picture that
# is not generated; "write" updates them. Usage:
#   run.sh check|write <source-root> <out-dir> <gen-arm64> <gen-riscv> <gen-x86>
set -euo pipefail
mode=$1
root=$2
out=$3
shift 3
mkdir -p "$out"
new="$out/sequences.md"
img="$out/img"
rm -rf "$img"
mkdir -p "$img"
{
	"$1" --header
	for gen in "$@"; do
		"$gen" --svg "$img"
	done
} >"$new" || { echo "sequences: FAILED: a generator reported a broken rule" >&2; exit 1; }
doc="$root/docs/sequences.md"
docimg="$root/docs/img"
regen="regenerate: cmake --build --preset host-gcc --target update_sequences"
pictures() { (cd "$1" && ls arm64-*.svg riscv-*.svg x86-*.svg 2>/dev/null) || true; }
# Every picture the text or the README shows must be generated.
for ref in $(grep -o 'img/[a-z0-9_-]*\.svg' "$new" "$root/README.md" | sed 's|.*img/||' | sort -u); do
	[ -f "$img/$ref" ] || {
		echo "sequences: FAILED: docs/sequences.md or README.md shows img/$ref, which the generator no longer makes" >&2
		exit 1
	}
done
case "$mode" in
write)
	cp "$new" "$doc"
	mkdir -p "$docimg"
	for f in $(pictures "$docimg"); do rm -f "$docimg/$f"; done
	cp "$img"/*.svg "$docimg/"
	echo "sequences: wrote $doc and $(pictures "$img" | wc -l) pictures in $docimg"
	;;
check)
	if ! diff -u "$doc" "$new" >"$out/sequences.diff"; then
		head -60 "$out/sequences.diff" >&2
		echo "sequences: FAILED: docs/sequences.md differs from the code (diff: $out/sequences.diff); $regen" >&2
		exit 1
	fi
	if [ "$(pictures "$docimg")" != "$(pictures "$img")" ]; then
		diff <(pictures "$docimg") <(pictures "$img") >&2 || true
		echo "sequences: FAILED: the pictures in docs/img are not the generated set (< committed, > generated); $regen" >&2
		exit 1
	fi
	for f in $(pictures "$img"); do
		if ! cmp -s "$docimg/$f" "$img/$f"; then
			diff -u "$docimg/$f" "$img/$f" >"$out/picture.diff" || true
			head -20 "$out/picture.diff" >&2
			echo "sequences: FAILED: docs/img/$f differs from the code (diff: $out/picture.diff); $regen" >&2
			exit 1
		fi
	done
	echo "summary: sequences: docs/sequences.md and $(pictures "$img" | wc -l) pictures match the code: $(grep -c '^#### ' "$new") timelines, $(grep -c '^### ' "$new") wrappers, 3 backends"
	;;
*)
	echo "usage: $0 check|write <source-root> <out-dir> <gen>..." >&2
	exit 2
	;;
esac
