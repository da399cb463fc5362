/* SPDX-License-Identifier: MIT */
/*
 * The per-thread work word: the bits that make a return to user mode (or a
 * guest entry) do work first, and the atomic helpers to set, clear and read
 * them. Pulled in by <irqentry/irqentry.h> before the OS header, so the OS's
 * own inline hooks may use these helpers; a file that only sets and clears
 * bits (the scheduler, kill) may include it alone: it needs no OS header,
 * no backend and no other header, and <irqentry/irqentry.h> may follow it.
 */
#ifndef IRQENTRY_WORK_H
#define IRQENTRY_WORK_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Work bits. The OS owns the word (irqentry_os_work() points at it); the
 * library defines the low bits and the OS may add its own at and above
 * IRQENTRY_WORK_OS_SHIFT, declaring them in IRQENTRY_OS_WORK_MASK and handling
 * them in irqentry_os_handle_work(). Every hook that handles a bit clears it.
 */
#define IRQENTRY_WORK_NEED_RESCHED      (1UL << 0) /* schedule now */
#define IRQENTRY_WORK_NEED_RESCHED_LAZY (1UL << 1) /* schedule at user return */
#define IRQENTRY_WORK_SIGPENDING        (1UL << 2) /* a signal to deliver */
#define IRQENTRY_WORK_NOTIFY_SIGNAL     (1UL << 3) /* signal-like, no signal */
#define IRQENTRY_WORK_NOTIFY_RESUME     (1UL << 4) /* resume-to-user callbacks */
#define IRQENTRY_WORK_OS_SHIFT          8 /* bits 5..7: library-internal */

/* Reschedule now or at the return to user. */
#define IRQENTRY_WORK_RESCHED_MASK                                             \
	(IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_NEED_RESCHED_LAZY)
/* A signal, or signal-like work, to deliver. */
#define IRQENTRY_WORK_SIGNAL_MASK                                              \
	(IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NOTIFY_SIGNAL)
/* Every bit the library defines for the OS (not the internal ones). */
#define IRQENTRY_WORK_LIBRARY_MASK                                             \
	(IRQENTRY_WORK_RESCHED_MASK | IRQENTRY_WORK_SIGNAL_MASK |              \
	 IRQENTRY_WORK_NOTIFY_RESUME)

/*
 * Syscall work bits, in the optional word irqentry_os_syscall_work() points
 * at. Entry work runs in the order USER_DISPATCH, TRACE/EMU, FILTER, (re-read
 * the number), TRACEPOINT, (re-read it), AUDIT; exit work in the order AUDIT,
 * TRACEPOINT, TRACE/SINGLESTEP, none of it for a syscall USER_DISPATCH
 * redirected. See <irqentry/syscall.h>.
 */
#define IRQENTRY_SYSCALL_WORK_TRACE         (1UL << 0) /* ptrace-like stops */
#define IRQENTRY_SYSCALL_WORK_EMU           (1UL << 1) /* tracer emulates */
#define IRQENTRY_SYSCALL_WORK_FILTER        (1UL << 2) /* seccomp-like */
#define IRQENTRY_SYSCALL_WORK_TRACEPOINT    (1UL << 3) /* static tracing */
#define IRQENTRY_SYSCALL_WORK_AUDIT         (1UL << 4) /* audit records */
#define IRQENTRY_SYSCALL_WORK_SINGLESTEP    (1UL << 5) /* report a step */
#define IRQENTRY_SYSCALL_WORK_USER_DISPATCH (1UL << 6) /* redirect to user */

/* The syscall work bits that make syscall entry work run. */
#define IRQENTRY_SYSCALL_WORK_ENTER_MASK                                       \
	(IRQENTRY_SYSCALL_WORK_TRACE | IRQENTRY_SYSCALL_WORK_EMU |             \
	 IRQENTRY_SYSCALL_WORK_FILTER | IRQENTRY_SYSCALL_WORK_TRACEPOINT |     \
	 IRQENTRY_SYSCALL_WORK_AUDIT | IRQENTRY_SYSCALL_WORK_USER_DISPATCH)
/* The syscall work bits that make syscall exit work run. */
#define IRQENTRY_SYSCALL_WORK_EXIT_MASK                                        \
	(IRQENTRY_SYSCALL_WORK_TRACE | IRQENTRY_SYSCALL_WORK_TRACEPOINT |      \
	 IRQENTRY_SYSCALL_WORK_AUDIT | IRQENTRY_SYSCALL_WORK_SINGLESTEP |      \
	 IRQENTRY_SYSCALL_WORK_USER_DISPATCH)

/*
 * Ordering: all helpers are relaxed. A bit only decides *whether* a hook
 * runs; a hook that consumes data published together with the bit (a queued
 * signal, a run queue) synchronises with the publisher through its own lock,
 * exactly as Linux reads TIF flags with READ_ONCE(). What must not be lost is
 * the bit itself, and the atomic read-modify-writes guarantee that a set on
 * another CPU racing with a clear here never disappears. The final "no work"
 * decision is made with interrupts disabled, so a set that happens after it
 * comes with an interrupt (or IPI) that re-runs the exit path; a setter on
 * another CPU uses irqentry_work_set_remote() below, which orders its
 * store before that IPI.
 */

/**
 * irqentry_work_read - read a work word
 * @word: the word (irqentry_os_work() or irqentry_os_syscall_work())
 *
 * Context: any, NMI-safe.
 * Return: the bits set at the moment of the read.
 */
static inline unsigned long irqentry_work_read(const unsigned long *word)
{
	return __atomic_load_n(word, __ATOMIC_RELAXED);
}

/**
 * irqentry_work_set - set bits in a work word
 * @word: the word, possibly another thread's
 * @bits: the bits to set
 *
 * Context: any, NMI-safe. Setting a bit for a thread running on another CPU
 * does not make it look: send it an interrupt as well.
 */
static inline void irqentry_work_set(unsigned long *word, unsigned long bits)
{
	(void)__atomic_fetch_or(word, bits, __ATOMIC_RELAXED);
}

/**
 * irqentry_work_clear - clear bits in a work word
 * @word: the word
 * @bits: the bits to clear
 *
 * Context: any, NMI-safe. Called by the hook that handled the bits.
 */
static inline void irqentry_work_clear(unsigned long *word, unsigned long bits)
{
	(void)__atomic_fetch_and(word, ~bits, __ATOMIC_RELAXED);
}

/**
 * irqentry_work_test_and_clear - clear bits and say which of them were set
 * @word: the word
 * @bits: the bits to clear
 *
 * Context: any, NMI-safe.
 * Return: the subset of @bits that was set before the clear.
 */
static inline unsigned long irqentry_work_test_and_clear(unsigned long *word,
							 unsigned long bits)
{
	return __atomic_fetch_and(word, ~bits, __ATOMIC_RELAXED) & bits;
}

/*
 * The barrier between a remote work-bit store and the IPI that kicks the
 * target: the store must be visible to the target before the interrupt
 * can reach it, or the target's exit path may re-read the word, see
 * nothing, and return with the IPI already spent. An atomic RMW orders
 * memory accesses only; the IPI is a system-register, MMIO or firmware
 * write that memory barriers of the usual kind do not order. Real mode
 * keys off the compiler's target (this header may be included alone,
 * before any backend; a real-mode build is always for its own target).
 */
#if defined(IRQENTRY_HOSTED)
/* Simulated CPUs are host threads: the host's full fence. */
static inline void irqentry_priv_work_ipi_fence(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
#elif defined(__aarch64__)
/*
 * DSB, not DMB: a GICv3 SGI is a write of the system register
 * ICC_SGI1R_EL1, which a DMB does not order against earlier stores; the
 * DSB waits until they are observable to the inner shareable domain
 * (Linux: dsb(ishst) in gic_ipi_send_mask(), drivers/irqchip/irq-gic-v3.c).
 * A GICv2 SGI is an MMIO write of GICD_SGIR, for which DMB ISHST would
 * do (dmb(ishst) in gic_ipi_send_mask(), drivers/irqchip/irq-gic.c); the
 * DSB covers both.
 */
static inline void irqentry_priv_work_ipi_fence(void)
{
	__asm__ __volatile__("dsb ishst" : : : "memory");
}
#elif defined(__riscv)
/*
 * FENCE OW,OW (Linux's wmb()): earlier stores before later stores and
 * device writes. An SBI IPI is an ECALL, which RVWMO does not make a
 * fence; the firmware then stores the IPI type and writes the target's
 * MSIP or IMSIC register, and both must follow the work bit. A direct
 * IMSIC or CLINT write from S-mode (AIA) needs the W,O part: Linux's
 * writel() has it built in (__io_bw(), arch/riscv/include/asm/mmio.h),
 * and ipi_mux_send_mask() (kernel/irq/ipi-mux.c) publishes its bits with
 * release ordering before the parent IPI.
 */
static inline void irqentry_priv_work_ipi_fence(void)
{
	__asm__ __volatile__("fence ow, ow" : : : "memory");
}
#elif defined(__x86_64__)
/*
 * MFENCE; LFENCE: a WRMSR to an x2APIC register (the ICR) is not
 * serializing and is not a memory access, so neither the locked RMW nor
 * MFENCE alone keeps it after earlier stores; the LFENCE keeps the WRMSR
 * from executing before the MFENCE completes (Linux: weak_wrmsr_fence()
 * in x2apic_send_IPI(), arch/x86/kernel/apic/x2apic_phys.c). An xAPIC ICR
 * write is an uncached MMIO store, ordered after earlier stores without
 * any fence; the pair costs it a few dozen cycles on a slow path.
 */
static inline void irqentry_priv_work_ipi_fence(void)
{
	__asm__ __volatile__("mfence\n\tlfence" : : : "memory");
}
#else
/* Not a target the library supports: <irqentry/irqentry.h> refuses it
 * with its own error; alone, this header still compiles. */
static inline void irqentry_priv_work_ipi_fence(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
#endif

/**
 * irqentry_work_set_remote - set bits in another thread's work word, for a kick
 * @word: the target thread's work word
 * @bits: the bits to set
 *
 * The first half of a cross-CPU wake-up, reschedule or signal: an atomic
 * OR with sequentially consistent ordering (data the caller wrote before,
 * a queued signal or run-queue entry, is published with the bit), then the
 * arch's barrier that orders the store before the IPI the caller sends
 * next (arm64 DSB ISHST, RISC-V FENCE OW,OW, x86 MFENCE; LFENCE). The
 * target's exit path disables IRQs and then re-reads its word: either that
 * read sees the bit, or it came before the store, and then the IPI, sent
 * after the store became visible, is still pending and is taken the moment
 * the target returns, running the exit path again.
 *
 * Context: any, NMI-safe; IRQs on or off. Does not send the IPI (the OS's
 * job) and does not schedule.
 * Return: the subset of @bits that was already set. When all of them were,
 * a setter before this one owes the kick already (Linux's resched_curr(),
 * kernel/sched/core.c, sends no IPI when need-resched is already set).
 */
static inline unsigned long irqentry_work_set_remote(unsigned long *word,
						     unsigned long bits)
{
	unsigned long old = __atomic_fetch_or(word, bits, __ATOMIC_SEQ_CST);

	irqentry_priv_work_ipi_fence();
	return old & bits;
}

#ifdef __cplusplus
}
#endif

#endif /* IRQENTRY_WORK_H */
