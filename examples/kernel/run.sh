#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build and boot the example kernel under QEMU, check what it reports.
#
#   run.sh [ARCH...|all] [--smp N] [--narrate] [--timeout S] [--break N]
#          [--build-dir D]
#
# ARCH is a port directory next to this script (arm64, riscv64, x86_64);
# none or "all" means every port present. Each kernel is booted under
# `timeout -s KILL` with QEMU's -smp N (default 1); it passes when its
# summary line ends in PASS with violations=0 reports=0, at least 10000
# ticks and cpus=N, the scenario lines say PASS (N = 1: the eight
# `scenario N`; N > 1: the seven `smp scenario N`), and QEMU exits with
# the port's PASS_STATUS. Without --narrate only the result lines are
# shown; with it, the narrated trace too. --break N boots a deliberately
# broken kernel (README.md), which must fail.
# Exit status: 0 when every kernel passed.
set -euo pipefail
kdir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$kdir/../.." && pwd)

arches=()
narrate=0
timeout=60
brk=0
smp=1
build=$root/build/kernel
while [ $# -gt 0 ]; do
	case "$1" in
	--narrate) narrate=1 ;;
	--timeout) timeout=$2; shift ;;
	--break) brk=$2; shift ;;
	--smp) smp=$2; shift ;;
	--build-dir) build=$2; shift ;;
	-h | --help) sed -n '3,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	all) ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) arches+=("$1") ;;
	esac
	shift
done
if [ ${#arches[@]} -eq 0 ]; then
	for mk in "$kdir"/*/arch.mk; do
		arches+=("$(basename "$(dirname "$mk")")")
	done
fi

# run_one ARCH: build, boot, check. Prints one verdict line.
run_one() {
	local arch=$1 out log qemu pass status elf start end ms fails=()
	[ -f "$kdir/$arch/arch.mk" ] || {
		echo "run.sh: $arch: no such port ($kdir/$arch/arch.mk)"
		return 1
	}
	out=$build/$arch
	[ "$brk" != 0 ] && out=$build/$arch-break$brk
	mkdir -p "$out"
	# One build at a time per directory (parallel CTest runs share it).
	# shellcheck disable=SC2016 # expanded by the inner shell
	if ! flock "$out/.lock" bash -c 'make -s -C "$1" ARCH="$2" O="$3" \
		BREAK="$4" >"$3/build.log" 2>&1' _ "$kdir" "$arch" "$out" "$brk"; then
		cat "$out/build.log"
		echo "run.sh: $arch: FAIL (build)"
		return 1
	fi
	qemu=$(make -s -C "$kdir" ARCH="$arch" O="$out" qemu-cmd)
	pass=$(make -s -C "$kdir" ARCH="$arch" O="$out" pass-status)
	local max
	max=$(make -s -C "$kdir" ARCH="$arch" O="$out" smp-cpus)
	if [ "$smp" -gt "$max" ]; then
		echo "run.sh: $arch: FAIL (-smp $smp: the port runs on at most $max CPU(s), SMP_CPUS in $arch/arch.mk)"
		return 1
	fi
	elf=$out/kernel.elf
	[ $narrate = 1 ] && elf=$out/kernel-narrate.elf
	# A private log: parallel runs may share the build directory.
	log=$(mktemp "$out/boot.XXXXXX")
	start=$(date +%s%N)
	set +e
	# shellcheck disable=SC2086 # the command line is split on purpose
	# -smp goes right after the binary: QEMU_FLAGS may end in -kernel.
	timeout -s KILL "$timeout" ${qemu%% *} -smp "$smp" ${qemu#* } "$elf" \
		</dev/null >"$log" 2>&1
	status=$?
	set -e
	end=$(date +%s%N)
	ms=$(((end - start) / 1000000))
	tr -d '\r' <"$log" >"$log.txt"
	mv -f "$log.txt" "$log"
	if [ $narrate = 1 ]; then
		cat "$log"
	else
		grep -E '^(irqentry example|scenario |smp scenario |summary:|report:|violation:|PANIC|user fault|\(further)|killed$' \
			"$log" || true
	fi

	[ $status = 137 ] && fails+=("timeout after ${timeout}s (hang)")
	[ $status != 137 ] && [ "$status" != "$pass" ] &&
		fails+=("exit status $status, want $pass")
	local summary
	summary=$(grep -E "^summary: $arch " "$log" | tail -n 1 || true)
	if [ -z "$summary" ]; then
		fails+=("no summary line")
	else
		[[ $summary == *" PASS" ]] || fails+=("summary says FAIL")
		[[ $summary == *" violations=0 "* ]] || fails+=("violations")
		[[ $summary == *" reports=0 "* ]] || fails+=("debug reports")
		local ticks
		ticks=$(sed -nE 's/.* ticks=([0-9]+) .*/\1/p' <<<"$summary")
		[ "${ticks:-0}" -ge 10000 ] || fails+=("only ${ticks:-0} ticks")
		[[ $summary == *" cpus=$smp "* ]] || fails+=("cpus is not $smp")
	fi
	local n
	if [ "$smp" = 1 ]; then
		for n in 1 2 3 4 5 6 7 8; do
			grep -qE "^scenario $n [^:]*: PASS" "$log" ||
				fails+=("scenario $n")
		done
	else
		for n in 1 2 3 4 5 6 7; do
			grep -qE "^smp scenario $n [^:]*: PASS" "$log" ||
				fails+=("smp scenario $n")
		done
	fi
	if [ ${#fails[@]} -eq 0 ]; then
		if [ "$smp" = 1 ]; then
			mv -f "$log" "$out/boot.log"
		else
			mv -f "$log" "$out/boot-smp$smp.log"
		fi
		echo "run.sh: $arch: PASS (-smp $smp, boot to exit ${ms} ms, exit status $status)"
		return 0
	fi
	local why
	why=$(printf '%s, ' "${fails[@]}")
	echo "run.sh: $arch: FAIL (-smp $smp: ${why%, }; boot to exit ${ms} ms, log $log)"
	return 1
}

rc=0
for arch in "${arches[@]}"; do
	run_one "$arch" || rc=1
done
exit $rc
