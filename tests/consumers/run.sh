#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The consumer tests: every way a project takes irqentry in, each a tiny
# project under tests/consumers/, built from scratch in a fresh directory
# and run. One consumer per call, so each passes or fails by name.
#
# Usage: run.sh <consumer> <source-root> <work-root> <cc> <cxx> <cmake>
#   consumer: vendored | subdirectory | fetchcontent | install |
#             find_package | pkg_config | cxx_hypervisor | cxx_subdirectory |
#             testing_target | readme | version
#   find_package and pkg_config use the prefix that "install" made under
#   <work-root>/prefix (a CTest fixture orders them).
set -euo pipefail
name=$1
root=$(cd "$2" && pwd)
work_root=$3
cc=$4
cxx=$5
cmake=$6
here="$root/tests/consumers"
work="$work_root/$name"
prefix="$work_root/prefix"
checks=0

fail() {
	echo "consumer $name: FAILED: $*" >&2
	exit 1
}

# Run a step quietly; on failure show its output and fail.
step() { # what command...
	local what=$1
	shift
	if ! "$@" >"$work/step.log" 2>&1; then
		cat "$work/step.log" >&2
		fail "$what"
	fi
	checks=$((checks + 1))
}

# Build and run a hosted consumer program; it prints its verdict line.
run_program() { # what executable
	local out
	out=$("$2" 2>&1) || {
		echo "$out" >&2
		fail "$1: the program's checks failed"
	}
	echo "  $out"
	checks=$((checks + 1))
}

rm -rf "$work"
mkdir -p "$work"

case "$name" in
vendored)
	# A kernel that copied include/ into its tree and builds with make and
	# a freestanding compiler: real mode, -nostdlib link, for the host and
	# both cross targets, at -O0, -O2 and -Os.
	cp "$here/vendored/Makefile" "$here/vendored/kernel.c" \
		"$here/vendored/irqentry_os.h" "$work/"
	mkdir -p "$work/third_party/irqentry"
	cp -r "$root/include" "$work/third_party/irqentry/"
	for tc in "$cc:" aarch64-linux-gnu-gcc:aarch64-linux-gnu- \
		riscv64-linux-gnu-gcc:riscv64-linux-gnu-; do
		tcc=${tc%%:*}
		cross=${tc#*:}
		command -v "$tcc" >/dev/null || fail "$tcc not installed"
		for opt in -O0 -O2 -Os; do
			out="build-$(basename "$tcc")$opt"
			step "make CC=$tcc OPT=$opt" \
				make -C "$work" CC="$tcc" OPT="$opt" O="$out"
			elf="$work/$out/kernel.elf"
			[ -z "$("${cross}nm" -u "$elf")" ] ||
				fail "$elf has undefined symbols: $("${cross}nm" -u "$elf")"
			sym=$("${cross}nm" "$elf" | awk '$3 == "kernel_entry" { print $1 }')
			entry=$("${cross}readelf" -h "$elf" | awk '/Entry point/ { print $4 }')
			[ -n "$sym" ] && [ $((16#$sym)) -eq $((entry)) ] ||
				fail "$elf: entry point $entry is not kernel_entry ($sym)"
			checks=$((checks + 2))
		done
		# The real mask instructions are in the syscall vector (-O2).
		dis=$("${cross}objdump" -d "$work/build-$(basename "$tcc")-O2/kernel.elf" |
			awk '/<vector_syscall>:/ { on = 1; next } /^$/ { on = 0 } on')
		case "$tcc" in
		aarch64*) want=("msr[[:space:]]+daifclr, #0xf" "msr[[:space:]]+daifset, #0xf") ;;
		riscv64*) want=("csrs[[:space:]]+sstatus" "csrc[[:space:]]+sstatus") ;;
		*) want=("sti" "cli") ;;
		esac
		for insn in "${want[@]}"; do
			grep -qE "[[:space:]]$insn([[:space:]]|,|$)" <<<"$dis" ||
				fail "$tcc: vector_syscall lacks '$insn':
$dis"
			checks=$((checks + 1))
		done
	done
	result="real mode, -ffreestanding -nostdlib, $cc + aarch64 + riscv64 at -O0/-O2/-Os: linked, no undefined symbols, mask instructions in place"
	;;
subdirectory)
	step configure "$cmake" -S "$here/subdirectory" -B "$work/build" \
		-DCMAKE_C_COMPILER="$cc" -DIRQENTRY_SOURCE_DIR="$root"
	step build "$cmake" --build "$work/build"
	run_program subdirectory "$work/build/consumer"
	# The consumer's install tree gets its program, not irqentry's headers.
	step install "$cmake" --install "$work/build" --prefix "$work/prefix"
	[ -x "$work/prefix/bin/consumer" ] && [ ! -e "$work/prefix/include/irqentry" ] ||
		fail "the consumer's install tree: $(cd "$work/prefix" && find . | tr '\n' ' ')"
	result="add_subdirectory(): arm64 el0_svc + el1_irq traced; irqentry's tests not built, nothing of it installed"
	;;
fetchcontent)
	# Exactly what a release publishes: scripts/release's archive of HEAD
	# and its SHA-256, fetched by file:// URL with that hash, offline.
	# (HEAD: changes not yet committed are not in the archive.)
	step release bash "$root/scripts/release" --allow-dirty -o "$work/release"
	archive=$(cd "$work/release" && ls irqentry-*.tar.gz)
	(cd "$work/release" && sha256sum -c --quiet "$archive.sha256") ||
		fail "$archive does not match its .sha256"
	sha=$(cut -d' ' -f1 "$work/release/$archive.sha256")
	checks=$((checks + 1))
	step configure "$cmake" -S "$here/fetchcontent" -B "$work/build" \
		-DCMAKE_C_COMPILER="$cc" \
		-DIRQENTRY_URL="file://$work/release/$archive" \
		-DIRQENTRY_SHA256="$sha" -DFETCHCONTENT_QUIET=OFF
	step build "$cmake" --build "$work/build"
	[ -f "$work/build/_deps/irqentry-src/include/irqentry/irqentry.h" ] ||
		fail "FetchContent did not extract the archive"
	run_program fetchcontent "$work/build/consumer"
	# A wrong hash must stop the download.
	if "$cmake" -S "$here/fetchcontent" -B "$work/badhash" -DCMAKE_C_COMPILER="$cc" \
		-DIRQENTRY_URL="file://$work/release/$archive" \
		-DIRQENTRY_SHA256="$(printf '%064d' 0)" >"$work/badhash.log" 2>&1; then
		fail "FetchContent accepted $archive with a wrong SHA-256"
	fi
	checks=$((checks + 1))
	result="FetchContent of scripts/release's $archive (file:// URL + its SHA-256, offline; a wrong hash refused): riscv ecall_u + irq traced"
	;;
install)
	# The README's three commands into a fresh prefix, on a machine where
	# Check is not installed (pkg-config is pointed at an empty directory,
	# so it finds no check.pc): the tests are skipped with a message, the
	# install works. Then the layout find_package and pkg-config rely on.
	rm -rf "$prefix"
	mkdir -p "$work/no-pc"
	step "configure without Check" env PKG_CONFIG_LIBDIR="$work/no-pc" \
		PKG_CONFIG_PATH= "$cmake" -B "$work/build" -S "$root" \
		-DCMAKE_C_COMPILER="$cc" -DCMAKE_INSTALL_INCLUDEDIR=./include/
	grep -qF "irqentry: tests skipped: Check" "$work/step.log" ||
		fail "configure without Check did not say the tests are skipped:
$(cat "$work/step.log")"
	[ ! -e "$work/build/tests" ] || fail "tests configured without Check"
	checks=$((checks + 1))
	step build "$cmake" --build "$work/build"
	step install "$cmake" --install "$work/build" --prefix "$prefix"
	for f in include/irqentry/irqentry.h include/irqentry/testing.h \
		include/irqentry/version.h \
		include/irqentry/arch/arm64.h include/irqentry/arch/riscv.h \
		include/irqentry/arch/x86.h \
		share/cmake/irqentry/irqentryConfig.cmake \
		share/cmake/irqentry/irqentryConfigVersion.cmake \
		share/cmake/irqentry/irqentryTargets.cmake \
		share/pkgconfig/irqentry.pc \
		share/doc/irqentry/LICENSE share/doc/irqentry/CHANGELOG.md \
		share/doc/irqentry/templates/arm64/irqentry_os.h \
		share/doc/irqentry/templates/riscv64/irqentry_os.h \
		share/doc/irqentry/templates/x86_64/irqentry_os.h; do
		[ -f "$prefix/$f" ] || fail "not installed: $f"
		checks=$((checks + 1))
	done
	n=$(find "$root/include/irqentry" -name '*.h' | wc -l)
	[ "$(find "$prefix/include/irqentry" -name '*.h' | wc -l)" -eq "$n" ] ||
		fail "not every header was installed"
	# The include directory was given as "./include/": the .pc file still
	# says it cleanly, and names the project's URL.
	pc="$prefix/share/pkgconfig/irqentry.pc"
	! grep -E '^(prefix|includedir)=.*(//|/\./|/\.?$)' "$pc" ||
		fail "irqentry.pc has an unnormalised path: $(grep dir= "$pc")"
	url=$(sed -nE 's/^ *HOMEPAGE_URL "([^"]+)".*/\1/p' "$root/CMakeLists.txt")
	[ -n "$url" ] && grep -qxF "URL: $url" "$pc" || fail "irqentry.pc has no 'URL: $url'"
	checks=$((checks + 3))
	result="Check absent: tests skipped with a message; cmake -B/--build/--install: $n headers, CMake package, irqentry.pc (clean paths, URL), LICENSE and CHANGELOG.md in place"
	;;
find_package)
	[ -f "$prefix/share/cmake/irqentry/irqentryConfig.cmake" ] ||
		fail "no installed prefix (the install consumer runs first)"
	want=$(sed -nE 's/^project\(irqentry VERSION ([0-9]+\.[0-9]+)\..*/\1/p' "$root/CMakeLists.txt")
	step configure "$cmake" -S "$here/find_package" -B "$work/build" \
		-DCMAKE_C_COMPILER="$cc" -DCMAKE_PREFIX_PATH="$prefix" \
		-DEXPECTED_PREFIX="$prefix" -DIRQENTRY_WANT="$want"
	step build "$cmake" --build "$work/build"
	run_program find_package "$work/build/consumer"
	run_program "irqentry::testing" "$work/build/consumer_testing"
	result="find_package(irqentry $want) from the prefix (other minor and major refused): x86 syscall_64 + SYSRET check + nmi traced; irqentry::testing gives the kit its definitions"
	;;
pkg_config)
	[ -f "$prefix/share/pkgconfig/irqentry.pc" ] ||
		fail "no installed prefix (the install consumer runs first)"
	export PKG_CONFIG_PATH="$prefix/share/pkgconfig"
	version=$(sed -nE 's/^project\(irqentry VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")
	[ -n "$version" ] && [ "$(pkg-config --modversion irqentry)" = "$version" ] ||
		fail "pkg-config --modversion: $(pkg-config --modversion irqentry), project: $version"
	[ -z "$(pkg-config --libs irqentry)" ] || fail "header-only, yet --libs is '$(pkg-config --libs irqentry)'"
	checks=$((checks + 2))
	step make make -C "$here/pkg_config" CC="$cc" O="$work"
	run_program pkg_config "$work/consumer"
	# Relocatable: the same prefix moved elsewhere still gives right flags.
	cp -r "$prefix" "$work/moved"
	export PKG_CONFIG_PATH="$work/moved/share/pkgconfig"
	inc=$(pkg-config --variable=includedir irqentry)
	[ "$(cd "$inc" && pwd -P)" = "$(cd "$work/moved/include" && pwd -P)" ] ||
		fail "moved prefix: includedir is $inc"
	checks=$((checks + 1))
	result="pkg-config (version, no libs, relocatable prefix): host backend, signal delivered by the work loop"
	;;
cxx_hypervisor)
	# C++11/17/20 without exceptions or RTTI, each backend; then the VMM
	# with its final check removed must fail, and for the race.
	n=0
	for std in c++11 c++17 c++20; do
		for arch in "" ARM64 RISCV X86; do
			defs=${arch:+-DIRQENTRY_ARCH_$arch=1}
			out="$work/$std-${arch:-native}"
			step "$cxx -std=$std ${arch:-native}" \
				make -C "$here/cxx_hypervisor" CXX="$cxx" STD=$std \
				INCLUDE="$root/include" O="$out" DEFS="$defs"
			run_program "$std ${arch:-native}" "$out/vmm"
			n=$((n + 1))
		done
	done
	step "broken VMM build" make -C "$here/cxx_hypervisor" CXX="$cxx" \
		STD=c++17 INCLUDE="$root/include" O="$work/broken" \
		DEFS=-DVMM_SKIP_FINAL_CHECK
	if out=$("$work/broken/vmm" 2>&1); then
		fail "the VMM without its final check passed:
$out"
	fi
	grep -q "check failed: vcpu.entered_with_work == 0" <<<"$out" ||
		fail "the broken VMM failed, but not by entering the guest with work:
$out"
	checks=$((checks + 1))
	result="$cxx -fno-exceptions -fno-rtti, C++11/17/20 x native/arm64/riscv64/x86_64 ($n runs) guest loop checked; the VMM without the final check fails"
	;;
cxx_subdirectory)
	# A C++-only hypervisor project (project(... LANGUAGES CXX)) with
	# irqentry as a subdirectory: irqentry must not enable C in it, so the
	# configure works with no usable C compiler at all.
	step configure "$cmake" -S "$here/cxx_subdirectory" -B "$work/build" \
		-DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER=/nonexistent/cc \
		-DIRQENTRY_SOURCE_DIR="$root" -DIRQENTRY_CONSUMERS="$here"
	step build "$cmake" --build "$work/build"
	run_program cxx_subdirectory "$work/build/vmm"
	result="C++-only CMake project, add_subdirectory(): no C language enabled, no C compiler needed; guest loop checked"
	;;
readme)
	# The README's integration example, exactly as printed: its irqentry_os.h
	# and vectors.c, compiled for aarch64 in real mode (and hosted with
	# the preset's compiler), the wrappers' DAIF writes in the object.
	awk '/^## Integration example/ { on = 1 } on && /^```c$/ { code = 1; next }
		code && /^```$/ { exit } code' "$root/README.md" >"$work/example.c"
	[ "$(wc -l <"$work/example.c")" -ge 20 ] || fail "no example found in README.md"
	sed -n '1,/^\/\* vectors\.c/p' "$work/example.c" | sed '$d' >"$work/irqentry_os.h"
	sed -n '/^\/\* vectors\.c/,$p' "$work/example.c" >"$work/vectors.c"
	[ -s "$work/irqentry_os.h" ] && [ -s "$work/vectors.c" ] ||
		fail "the example is not irqentry_os.h followed by /* vectors.c */"
	step "aarch64 real mode" aarch64-linux-gnu-gcc -std=c11 -O2 -ffreestanding \
		-mgeneral-regs-only -mno-outline-atomics -Wall -Wextra -Wpedantic -Werror \
		-I"$work" -I"$root/include" -c "$work/vectors.c" -o "$work/vectors.o"
	for fn in el1_irq el0_irq el0_svc timer_tick; do
		aarch64-linux-gnu-nm "$work/vectors.o" | grep -qE " T $fn\$" ||
			fail "vectors.o does not define $fn"
		checks=$((checks + 1))
	done
	aarch64-linux-gnu-objdump -d "$work/vectors.o" |
		awk '/<el1_irq>:/ { on = 1; next } /^$/ { on = 0 } on' |
		grep -qE "msr[[:space:]]+daifset, #0xf" ||
		fail "el1_irq has no 'msr daifset, #0xf'"
	step "hosted, $cc" "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror \
		-DIRQENTRY_HOSTED -DIRQENTRY_ARCH_ARM64=1 -I"$work" -I"$root/include" \
		-fsyntax-only "$work/vectors.c"
	# The flags table of "Integrate in three steps": each arch's row, flag
	# for flag, is what that example kernel builds with.
	for a in arm64:arm64 riscv64:riscv64 x86-64:x86_64; do
		row=$(grep -E "^ *\| ${a%%:*} \| \`" "$root/README.md" | head -1 | cut -d'|' -f3 | tr -d '`')
		[ -n "$row" ] || fail "README.md has no flags row for ${a%%:*}"
		kflags="$(cat "$root/examples/kernel/${a#*:}/arch.mk" "$root/examples/kernel/Makefile")"
		for flag in $row; do
			# grep reads it all (no -q): an early exit would kill tr
			# with SIGPIPE mid-write, a failure under pipefail.
			tr -s ' \t\\' '\n\n\n' <<<"$kflags" | grep -xF -- "$flag" >/dev/null ||
				fail "README.md's ${a%%:*} flag $flag is not in examples/kernel/${a#*:}'s build"
			checks=$((checks + 1))
		done
	done
	result="README's integration example ($(wc -l <"$work/example.c") lines) compiles: aarch64 real mode (DAIF writes in el1_irq) and hosted with $cc; its per-arch flags are the example kernels'"
	;;
version)
	# One version everywhere: version.h (its numbers, string and
	# comparable number), CMakeLists.txt, the generated irqentry.pc and
	# package version file, the README and the CHANGELOG's newest section.
	[ -f "$root/include/irqentry/version.h" ] || fail "no include/irqentry/version.h"
	v() { sed -nE "s/^#define IRQENTRY_VERSION_$1 ([0-9]+)$/\1/p" "$root/include/irqentry/version.h"; }
	major=$(v MAJOR)
	minor=$(v MINOR)
	patch=$(v PATCH)
	version="$major.$minor.$patch"
	[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "version.h: no MAJOR/MINOR/PATCH ($version)"
	cat >"$work/v.c" <<-'EOC'
		#include <irqentry/version.h>
		#include <stdio.h>
		int main(void)
		{
			printf("%d %s %d\n", IRQENTRY_VERSION, IRQENTRY_VERSION_STRING,
			       IRQENTRY_VERSION >= IRQENTRY_VERSION_AT(0, 1, 99));
			return 0;
		}
	EOC
	step "compile version.h alone" "$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror \
		-I"$root/include" "$work/v.c" -o "$work/v"
	got=$("$work/v")
	want="$((major * 10000 + minor * 100 + patch)) $version 1"
	[ "$got" = "$want" ] || fail "version.h: IRQENTRY_VERSION, _STRING, _AT give '$got', expected '$want'"
	checks=$((checks + 1))
	cmake_v=$(sed -nE 's/^project\(irqentry VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")
	[ "$cmake_v" = "$version" ] || fail "CMakeLists.txt project(VERSION $cmake_v), version.h $version"
	checks=$((checks + 1))
	step configure "$cmake" -S "$root" -B "$work/build" -DIRQENTRY_BUILD_TESTS=OFF
	grep -qxF "Version: $version" "$work/build/irqentry.pc" ||
		fail "irqentry.pc: $(grep Version: "$work/build/irqentry.pc"), version.h $version"
	grep -qF "set(PACKAGE_VERSION \"$version\")" "$work/build/irqentryConfigVersion.cmake" ||
		fail "irqentryConfigVersion.cmake is not $version"
	checks=$((checks + 2))
	grep -qF "**Version $version**" "$root/README.md" ||
		fail "README.md does not say **Version $version**"
	grep -qF "find_package(irqentry $major.$minor" "$root/README.md" ||
		fail "README.md's find_package() row does not ask for $major.$minor"
	url=$(sed -nE 's/^ *HOMEPAGE_URL "([^"]+)".*/\1/p' "$root/CMakeLists.txt")
	grep -qF "$url/releases/download/v$version/irqentry-$version.tar.gz" "$root/README.md" ||
		fail "README.md's FetchContent row does not name $url/releases/download/v$version/irqentry-$version.tar.gz"
	checks=$((checks + 3))
	newest=$(sed -nE 's/^## \[([0-9.]+)\].*/\1/p' "$root/CHANGELOG.md" | head -1)
	[ "$newest" = "$version" ] || fail "CHANGELOG.md's newest section is '$newest', version.h $version"
	checks=$((checks + 1))
	result="$version in version.h (IRQENTRY_VERSION $((major * 10000 + minor * 100 + patch))), CMakeLists.txt, irqentry.pc, the package version file, README.md and CHANGELOG.md"
	;;
testing_target)
	# irqentry::testing from the source tree (add_subdirectory): the kit
	# builds with no definitions of the user's own.
	step configure "$cmake" -S "$here/testing_target" -B "$work/build" \
		-DCMAKE_C_COMPILER="$cc" -DIRQENTRY_SOURCE_DIR="$root"
	step build "$cmake" --build "$work/build"
	run_program testing_target "$work/build/consumer_testing"
	result="irqentry::testing (add_subdirectory): IRQENTRY_HOSTED + IRQENTRY_TESTING given by the target, hook calls recorded"
	;;
*)
	fail "unknown consumer (see the usage in $0)"
	;;
esac

echo "summary: consumer $name: PASS, $checks checks: $result"
