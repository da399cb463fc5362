#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write bench/RESULTS.md from the outputs bench/run leaves in OUT.

usage: report.py OUT > RESULTS.md
"""
import difflib
import os
import re
import sys

ARCHES = ["arm64", "riscv64", "x86_64"]
PATHS = ["kernel_irq", "kernel_sync", "syscall", "user_irq", "user_sync",
         "nmi"]
WRAPPER = {
    "arm64": ["el1_irq", "el1_sync", "el0_svc", "el0_irq", "el0_sync",
              "el1_nmi"],
    "riscv64": ["irq (S)", "exception (S, SPIE=1)", "ecall_u", "irq (U)",
                "exception (U)", "kernel_trap"],
    "x86_64": ["idtentry_irq (ring 0)", "idtentry (ring 0, IF=1)",
               "syscall_64", "idtentry_irq (ring 3)", "idtentry (ring 3)",
               "nmi"],
}
# Linux 7.1 mask-register writes, fast path and with one preemption or one
# work-loop pass (+2 per pass, which Linux's own count leaves out), from
# the project's Linux entry notes, section 4 (4.2 arm64, 4.4 RISC-V, 4.5
# x86-64).
LINUX = {
    "arm64": [("4", "4"), ("4", "4"), ("3", "5"), ("3", "5"), ("3", "5"),
              ("2", "-")],
    "riscv64": [("0", "0"), ("2", "2"), ("2", "4"), ("0", "2"),
                ("0 or 2", "2 or 4"), ("0", "-")],
    "x86_64": [("0", "0"), ("<=2", "<=2"), ("2", "4"), ("0", "2"),
               ("<=2", "<=4"), ("0", "-")],
}


def ratio(a, b):
    return "%.2f" % (a / b) if b else "-"


def read(path):
    with open(path) as f:
        return f.read()


def static_rows(out):
    rows = {}
    for line in read(os.path.join(out, "static.txt")).splitlines():
        arch, cc, name, fast, size = line.split()
        impl = re.search(r"_(lib|base|known)_", name).group(1)
        path = name.split("_" + impl + "_", 1)[1]
        rows.setdefault((arch, cc, path), {})[impl] = (int(fast), int(size))
    return rows


def listing(out, arch, cc):
    """name -> executed instructions, operands normalised."""
    fns, cur = {}, None
    for line in read(os.path.join(out, "static",
                                  "%s-%s.fastpath.txt" % (arch, cc))
                     ).splitlines():
        m = re.match(r"^(\S+): fast path", line)
        if m:
            cur = fns.setdefault(m.group(1), [])
        elif line.startswith(">") and cur is not None:
            text = line.split(":", 1)[1].strip()
            text = re.sub(r"\s*[#/]+ .*$", "", text)   # comments
            text = re.sub(r"<[^>]*>", "", text)        # symbols
            text = re.sub(r"\b[0-9a-f]{4,}\b", "ADDR", text)
            cur.append(re.sub(r"\s+", " ", text).strip())
    return fns


def static_section(out):
    rows = static_rows(out)
    print("## 2. Static size: instructions per path, real mode, -O2\n")
    print("`fast`: instructions executed from the function's entry to its"
          " return on the fast path (no work, no preemption, not idle;"
          " bench/README.md); `size`: all instructions of the function"
          " (and its `.cold` part). Ratio = irqentry / baseline.\n")
    print("| arch | compiler | path | fast irqentry | fast baseline |"
          " fast ratio | size irqentry | size baseline | size ratio |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    above = []
    worst = 0.0
    for arch in ARCHES:
        for cc in ["gcc", "clang"]:
            for path in PATHS:
                r = rows.get((arch, cc, path))
                if not r or "lib" not in r or "base" not in r:
                    continue
                (lf, ls), (bf, bs) = r["lib"], r["base"]
                worst = max(worst, lf / bf)
                print("| %s | %s | %s | %d | %d | %s | %d | %d | %s |" %
                      (arch, cc, path, lf, bf, ratio(lf, bf), ls, bs,
                       ratio(ls, bs)))
                if lf > bf:
                    above.append((arch, cc, path, lf, bf))
    print("\nHighest fast-path ratio: %.2f.\n" % worst)
    if not above:
        print("No fast path above 1.00.\n")
        return
    print("### Fast paths above 1.00: the instructions that differ\n")
    print("Executed instructions of both sides, compared in order (branch"
          " targets and addresses blanked): `-` only the baseline"
          " executes, `+` only irqentry does. bench/README.md says why.\n")
    for arch, cc, path, lf, bf in above:
        fns = listing(os.path.join(out), arch, cc)
        lib = fns["%s_lib_%s" % (arch, path)]
        base = fns["%s_base_%s" % (arch, path)]
        print("**%s %s %s** (%d vs %d):\n" % (arch, cc, path, lf, bf))
        print("```")
        for d in difflib.ndiff(base, lib):
            if d[0] in "+-":
                print(d)
        print("```\n")


def known_section(out):
    rows = static_rows(out)
    print("### Mode-known variants (RISC-V, x86)\n")
    print("The same paths through the wrappers for one mode"
          " (`irqentry_riscv_{user,kernel}_{irq,exception}`,"
          " `irqentry_x86_{user,kernel}_idtentry{,_irq}`), as a kernel with"
          " separate user and kernel vectors calls them, against the"
          " run-time dispatching wrapper of the table above: the other"
          " mode's path is gone from the vector.\n")
    print("| arch | compiler | path | fast run-time | fast mode-known |"
          " size run-time | size mode-known | size ratio |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for arch in ARCHES:
        for cc in ["gcc", "clang"]:
            for path in PATHS:
                r = rows.get((arch, cc, path))
                if not r or "lib" not in r or "known" not in r:
                    continue
                (lf, ls), (kf, ks) = r["lib"], r["known"]
                print("| %s | %s | %s | %d | %d | %d | %d | %s |" %
                      (arch, cc, path, lf, kf, ls, ks, ratio(ks, ls)))
    print()


def writes_section(out):
    w = {}
    for line in read(os.path.join(out, "writes.txt")).splitlines():
        _, arch, path, impl, fast, slow = line.split()
        w[(arch, path, impl)] = (fast, slow)
    print("## 3. Mask-register writes per path\n")
    print("Counted by the hosted CPU (`irqentry_hosted_cpu()->status_writes`)"
          " over one call: fast = no work; slow = one preemption (kernel"
          " paths) or one work-loop pass (user paths: a reschedule, a signal"
          " for the syscall). arm64 counts `msr daif*`, RISC-V"
          " `csrs/csrc sstatus`, x86 `sti/cli`; exception entry and return"
          " are not writes. Linux 7.1 figures: the project's Linux entry"
          " notes, section 4 (the EL1 `kernel_exit` mask included for"
          " arm64, 2 per loop pass added for the slow column).\n")
    print("| arch | path | wrapper | irqentry fast | irqentry slow |"
          " baseline fast | baseline slow | Linux 7.1 fast |"
          " Linux 7.1 slow |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for arch in ARCHES:
        for i, path in enumerate(PATHS):
            lf, ls = w[(arch, path, "lib")]
            bf, bs = w[(arch, path, "base")]
            print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" %
                  (arch, path, WRAPPER[arch][i], lf, ls, bf, bs,
                   LINUX[arch][i][0], LINUX[arch][i][1]))
    print()


def kernel_section(out):
    k = {}
    for line in read(os.path.join(out, "kernel.txt")).splitlines():
        m = re.match(r"^bench: (\S+) (irqentry|baseline) (\w+)=([0-9.]+) "
                     r"n=(\d+) ticks=(\d+)", line)
        if m:
            k[(m.group(1), m.group(3), m.group(2))] = float(m.group(4))
    print("## 4. Example kernels: instructions per operation under"
          " `-icount shift=0`\n")
    print("Each kernel built twice by `make BENCH=1` (IRQENTRY_DEBUG=0),"
          " the second with `BASELINE=1`; everything but the entry code is"
          " the same; booted at `-smp 2`, these two run on CPU 0 alone. `syscall`: a null syscall (getpid) round trip seen"
          " from user mode, loop included; `irq`: a timer interrupt taken"
          " from kernel mode at preempt count 0 with nothing to preempt"
          " (vector, frame save/restore, handler and all). Mean of 1000.\n")
    print("| arch | operation | irqentry | baseline | difference | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for arch in ARCHES:
        for op in ["syscall", "irq"]:
            lib = k.get((arch, op, "irqentry"))
            base = k.get((arch, op, "baseline"))
            if lib is None or base is None:
                print("| %s | %s | missing | missing | | |" % (arch, op))
                continue
            print("| %s | %s | %.3f | %.3f | %+.3f | %s |" %
                  (arch, op, lib, base, lib - base, ratio(lib, base)))
    smp_table(out)
    hv_table(out)
    sanity = read(os.path.join(out, "baseline-scenarios.txt")).strip()
    print("\nThe baseline does what the library does: the scenario kernels"
          " built with `BASELINE=1` (IRQENTRY_DEBUG=1):\n")
    print("```\n%s\n```\n" % sanity)


SMP_OPS = [("kick_schedule", "kick->schedule"),
           ("kick_signal", "kick->signal handler")]


def smp_table(out):
    k = {}
    for line in read(os.path.join(out, "kernel.txt")).splitlines():
        m = re.match(r"^bench: (\S+) (irqentry|baseline) (kick_\w+)=([0-9.]+)"
                     r" n=(\d+) ticks=\d+ min=(\d+) max=(\d+) stale=(\d+)",
                     line)
        if m:
            k[(m.group(1), m.group(3), m.group(2))] = (
                float(m.group(4)), int(m.group(5)), int(m.group(6)),
                int(m.group(7)), int(m.group(8)))
    print("\nSMP, the same boots at `-smp 2`: CPU 0 kicks a user thread"
          " spinning on CPU 1, with NEED_RESCHED (`resched_remote()`:"
          " `irqentry_work_set_remote()` and the IPI) and with a signal"
          " (`kernel_kill()`, which kicks the same way). Counted on CPU 1's"
          " own counter, from the C entry of the kick's IRQ to the first"
          " instruction of `irqentry_os_schedule()`, and to the first"
          " instruction of the signal handler (user mode), the counter read's"
          " own cost taken off (bench/README.md). Mean of the rounds; min ="
          " max shows every round counted the same; stale rounds (a kick"
          " that left no IRQ mark) would make a figure wrong.\n")
    print("| arch | operation | irqentry | baseline | difference | ratio |"
          " rounds | min..max irqentry | min..max baseline | stale |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    above = []
    for arch in ARCHES:
        for op, name in SMP_OPS:
            lib = k.get((arch, op, "irqentry"))
            base = k.get((arch, op, "baseline"))
            if lib is None or base is None:
                print("| %s | %s | missing | missing | | | | | | |" %
                      (arch, name))
                continue
            print("| %s | %s | %.3f | %.3f | %+.3f | %s | %d | %d..%d |"
                  " %d..%d | %d |" %
                  (arch, name, lib[0], base[0], lib[0] - base[0],
                   ratio(lib[0], base[0]), lib[1], lib[2], lib[3], base[2],
                   base[3], lib[4] + base[4]))
            if lib[0] > base[0]:
                above.append((arch, name))
    if above:
        print("\nAbove the baseline: %s (bench/README.md)." %
              ", ".join("%s %s" % a for a in above))
    else:
        print("\nNo SMP path above the baseline.")


def hv_table(out):
    k = {}
    path = os.path.join(out, "hv.txt")
    text = read(path) if os.path.exists(path) else ""
    for line in text.splitlines():
        m = re.match(r"^bench: (\S+) (irqentry|baseline) hypercall=([0-9.]+) "
                     r"n=(\d+)", line)
        if m:
            k[(m.group(1), m.group(2))] = float(m.group(3))
    print("\nThe hypervisor build (`make HV=1 BENCH=1`): a null hypercall"
          " round trip timed by the guest (guest exit, the host's vCPU loop"
          " with its guest-entry checks, guest entry), once through"
          " `irqentry_guest_handle_work()`/`irqentry_guest_work_pending()`"
          " and once through the hand-written checks of"
          " `bench/baseline/guest.h`, in the same boot. Mean of 1000.\n")
    print("| arch | operation | irqentry | baseline | difference | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for arch in ["riscv64", "arm64", "x86_64"]:
        lib = k.get((arch, "irqentry"))
        base = k.get((arch, "baseline"))
        if lib is None or base is None:
            print("| %s | hypercall | missing | missing | | |" % arch)
            continue
        print("| %s | hypercall | %.3f | %.3f | %+.3f | %s |" %
              (arch, lib, base, lib - base, ratio(lib, base)))


def host_section(out):
    t = {}
    for line in read(os.path.join(out, "time.txt")).splitlines():
        _, arch, path, lib, base, r = line.split()
        t[(arch, path)] = (float(lib), float(base), float(r))
    ir = {}
    n = int(read(os.path.join(out, "callgrind.n")).strip())
    for line in read(os.path.join(out, "callgrind.txt")).splitlines():
        m = re.match(r"^\s*([0-9,]+) .*\?\?\?:(\w+)_(lib|base)_(\w+) ", line)
        if m and m.group(2) in ARCHES:
            ir[(m.group(2), m.group(4), m.group(3))] = \
                int(m.group(1).replace(",", "")) / n
    rounds = read(os.path.join(out, "time.rounds")).strip()
    print("## 5. Host: hosted enter+exit pairs\n")
    print("Each path hosted (the simulated CPU) on this machine, GCC -O2."
          " Time: %s; `ratio` is the median of the per-round ratios."
          " Callgrind: instructions per pair (inclusive of the trivial"
          " handler), the stable figure.\n" % rounds)
    print("| arch | path | irqentry ns | baseline ns | irqentry Mpairs/s |"
          " baseline Mpairs/s | time ratio | callgrind irqentry |"
          " callgrind baseline | callgrind ratio |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for arch in ARCHES:
        for path in PATHS:
            lib, base, r = t[(arch, path)]
            il = ir.get((arch, path, "lib"), 0)
            ib = ir.get((arch, path, "base"), 0)
            print("| %s | %s | %.2f | %.2f | %.1f | %.1f | %.2f | %.1f |"
                  " %.1f | %s |" % (arch, path, lib, base, 1e3 / lib,
                                    1e3 / base, r, il, ib, ratio(il, ib)))
    print()


def main():
    out = sys.argv[1]
    print("# bench results\n")
    print("Generated by `bench/run`; how to read them: bench/README.md.\n")
    print("## 1. Machine\n")
    print("```\n%s\n```\n" % read(os.path.join(out, "machine.txt")).strip())
    static_section(out)
    known_section(out)
    writes_section(out)
    kernel_section(out)
    host_section(out)


if __name__ == "__main__":
    main()
