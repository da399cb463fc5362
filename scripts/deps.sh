#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install the Debian packages a command needs, quietly when they are there.
# Usage: scripts/deps.sh test|demo|docs|bench
set -euo pipefail

case "${1:-test}" in
test)
	pkgs="cmake make gcc clang clang-format pkg-config check
	      qemu-user gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu
	      libc6-dev-arm64-cross libc6-dev-riscv64-cross
	      binutils-aarch64-linux-gnu binutils-riscv64-linux-gnu
	      g++ g++-aarch64-linux-gnu g++-riscv64-linux-gnu
	      qemu-system-arm qemu-system-misc qemu-system-x86 opensbi
	      dpkg-dev llvm lld clang-tidy cppcheck doxygen"
	;;
demo)
	pkgs="cmake make gcc pkg-config
	      gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu
	      binutils-aarch64-linux-gnu binutils-riscv64-linux-gnu
	      qemu-system-arm qemu-system-misc qemu-system-x86 opensbi"
	;;
docs)
	pkgs="doxygen"
	;;
bench)
	pkgs="cmake make gcc clang valgrind llvm python3 qemu-user
	      gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu
	      libc6-dev-arm64-cross libc6-dev-riscv64-cross
	      binutils-aarch64-linux-gnu binutils-riscv64-linux-gnu
	      qemu-system-arm qemu-system-misc qemu-system-x86 opensbi"
	;;
*)
	echo "usage: $0 test|demo|docs|bench" >&2
	exit 2
	;;
esac

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run as root (or install them) to continue" >&2
	exit 1
fi
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || { echo "deps: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
	echo "deps: apt-get install failed for:$missing" >&2
	exit 1
}
