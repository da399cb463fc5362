#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Count each benchmarked function's fast path and size from a trace.

usage: fastpath.py OBJDUMP NM BINARY CALLS TRACE LISTING

CALLS is bench/trace.c's stdout ("call K NAME" per call), TRACE the
qemu-user log of that run (-one-insn-per-tb / -singlestep, -d exec,nochain:
one "Trace" line per executed instruction). The fast path of a function is
the instructions executed inside it (its symbol and any .cold part) from
its entry to its return, between bench_mark(K) and the next mark; the size
is every instruction of its symbol and .cold parts in the disassembly.
Prints "NAME FAST SIZE" per call; writes the disassembly of each function
to LISTING with executed instructions marked '>'.
"""
import re
import subprocess
import sys


def symbols(nm, binary):
    out = subprocess.run([nm, "-S", "--defined-only", binary],
                         capture_output=True, text=True, check=True).stdout
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in "tTwW":
            syms.setdefault(f[3], []).append((int(f[0], 16), int(f[1], 16)))
    return syms


def ranges(syms, name):
    """The address ranges of a function: its symbol and its .cold parts."""
    r = list(syms.get(name, []))
    for s, v in syms.items():
        if s.startswith(name + ".cold"):
            r.extend(v)
    return [(a, a + n) for a, n in r]


def disasm(objdump, binary, lo, hi):
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn",
                          "--start-address=%#x" % lo,
                          "--stop-address=%#x" % hi, binary],
                         capture_output=True, text=True, check=True).stdout
    insns = []
    for line in out.splitlines():
        m = re.match(r"^\s+([0-9a-f]+):\s+(.*)$", line)
        if m and m.group(2).strip() and not m.group(2).startswith("."):
            insns.append((int(m.group(1), 16), m.group(2).rstrip()))
    return insns


def main():
    objdump, nm, binary, calls_file, trace_file, listing = sys.argv[1:7]
    syms = symbols(nm, binary)
    mark = syms["bench_mark"][0][0]
    calls = []
    with open(calls_file) as f:
        for line in f:
            m = re.match(r"^call (\d+) (\S+)$", line.strip())
            if m:
                calls.append(m.group(2))
    executed = [set() for _ in calls]
    counts = [0] * len(calls)
    fn_ranges = [ranges(syms, c) for c in calls]
    seg = -1
    pc_re = re.compile(r"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")
    with open(trace_file, errors="replace") as f:
        for line in f:
            m = pc_re.match(line)
            if not m:
                continue
            pc = int(m.group(1), 16)
            if pc == mark:
                seg += 1
                continue
            if 0 <= seg < len(calls):
                for lo, hi in fn_ranges[seg]:
                    if lo <= pc < hi:
                        counts[seg] += 1
                        executed[seg].add(pc)
                        break
    with open(listing, "w") as out:
        for i, name in enumerate(calls):
            size = 0
            out.write("%s: fast path %d instructions\n" % (name, counts[i]))
            for lo, hi in sorted(fn_ranges[i]):
                for addr, text in disasm(objdump, binary, lo, hi):
                    size += 1
                    out.write("%s %8x:  %s\n" %
                              (">" if addr in executed[i] else " ", addr,
                               text))
            out.write("\n")
            if counts[i] == 0 or size == 0:
                sys.exit("fastpath.py: %s: nothing traced (fast %d, size %d)"
                         % (name, counts[i], size))
            print(name, counts[i], size)


if __name__ == "__main__":
    main()
