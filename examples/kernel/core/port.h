/* SPDX-License-Identifier: MIT */
/*
 * The port interface: everything the portable core needs from an
 * architecture directory (examples/kernel/<arch>/), and nothing more. A new
 * port reads this file and README.md, writes <arch>/port_arch.h (types and
 * inline primitives, below) and the out-of-line functions declared here,
 * and calls the core services of kernel.h from its vectors.
 *
 * Context notes use the library's words: "IRQs disabled" means the arch's
 * interrupt mask (arm64: DAIF.I and F; RISC-V: sstatus.SIE clear; x86:
 * RFLAGS.IF clear).
 */
#ifndef KERNEL_PORT_H
#define KERNEL_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * <arch>/port_arch.h provides (all required):
 *
 * PORT_NAME                    "arm64", "riscv64", "x86_64"
 * PORT_SIGNAL_REDZONE          bytes below the user SP a signal frame must
 *                              skip (x86-64 ABI: 128; others 0)
 * PORT_HAS_NMI                 1 if port_nmi_trigger() works, else 0
 * PORT_VEC_USER_IRQ, PORT_VEC_KERNEL_IRQ, PORT_VEC_SYSCALL,
 * PORT_VEC_KERNEL_FAULT, PORT_VEC_NMI
 *                              the names the port's vectors give
 *                              narrate_entry() for those classes (they may
 *                              coincide: RISC-V has one "riscv_irq")
 * struct trapframe             the frame the vectors save (the library's
 *                              irqentry_regs_t)
 * struct port_context          callee-saved registers and SP of a switched-out
 *                              thread
 * Arch-only irqentry hooks     what this arch's library wrappers require
 *                              besides the generic hooks (x86:
 *                              irqentry_os_regs_cs and the SYSRET hooks;
 *                              RISC-V: irqentry_os_regs_pc, _set_pc,
 *                              irqentry_os_syscall_save_orig_a0; arm64:
 *                              irqentry_os_syscall_save_orig_x0), defined
 *                              on struct trapframe with the
 *                              `#define hook hook` announce pattern
 *
 * Trap-frame accessors, static inline, any context:
 * unsigned long port_regs_status(struct trapframe *)     SPSR/SSTATUS/RFLAGS
 * long port_regs_syscall_nr(struct trapframe *)
 * long port_regs_syscall_arg(struct trapframe *, int n)  n = 0..2; arg 0 from
 *                                                        the entry-time copy
 *                                                        when it shares the
 *                                                        return register
 * long port_regs_return(struct trapframe *)
 * void port_regs_set_return(struct trapframe *, long)
 * unsigned long port_regs_pc(struct trapframe *)
 * void port_regs_set_pc(struct trapframe *, unsigned long)
 * unsigned long port_regs_user_sp(struct trapframe *)
 * void port_signal_setup(struct trapframe *, unsigned long handler, int sig,
 *                        unsigned long sp, unsigned long restorer)
 *	Make the frame "call" handler(sig) on stack sp, returning to
 *	restorer (port_user_sigreturn). sp is 16-byte aligned and below the
 *	signal frame; the port may push onto it (x86: the return address).
 * void port_sigreturn_sanitize(struct trapframe *)
 *	After sigreturn copied a user-supplied frame back: force user mode
 *	with interrupts enabled, whatever user memory said.
 *
 * Interrupt mask, static inline:
 * unsigned long port_irq_save(void)     disable IRQs, return the old state
 * void port_irq_restore(unsigned long)  restore what port_irq_save returned
 * void port_irq_enable(void), port_irq_disable(void)
 * bool port_irqs_disabled(void)
 * unsigned long port_mask_now(void)             the live mask register
 * unsigned long port_regs_mask(struct trapframe *) the frame's saved one
 * bool port_switch_state_ok(void)
 *	The arch's rule for a context switch beyond "IRQs disabled", checked
 *	by the scheduler at every switch (arm64: D and A clear; others: true).
 *
 * SMP (docs/porting.md, section 9), static inline:
 * struct thread *port_current(void)
 *	The thread running on this CPU, read in ONE instruction from a
 *	register the switch keeps up to date (arm64: TPIDR_EL1; RISC-V: tp;
 *	x86-64: a %gs-relative load of the per-CPU block's first field).
 *	One instruction, so the answer names the caller even if it migrates
 *	right after the read. Context: any, NMI-safe; NULL before
 *	kernel_main() set it.
 * void port_set_current(struct thread *t)
 *	Make @t this CPU's current thread. Context: IRQs disabled; called by
 *	the core at the boot of each CPU and at every switch, right before
 *	port_switch() (on RISC-V, where tp is per thread, that is the switch
 *	of tp itself).
 * PORT_NMI_VIA_KICK
 *	1 where the arch has no NMI that can be sent to another CPU (arm64,
 *	RISC-V here): port_send_nmi() is then the core's, a kick whose
 *	kernel_ipi() calls port_nmi_trigger() on the target, so the
 *	NMI-class entry nests inside the IPI's IRQ handler. 0 (x86): the
 *	port's port_send_nmi() sends a real NMI.
 */
#include "port_arch.h"

/* Room for port_mask_str(): "DAIF=D|A|I|F" and the like. */
#define PORT_MASK_STRLEN 24

/**
 * port_mask_str - name a mask-register value for the narrated trace
 * @mask: port_mask_now() or port_regs_mask()
 * @buf: PORT_MASK_STRLEN bytes
 *
 * Return: @buf, e.g. "DAIF=I|F", "SIE=0", "IF=1".
 */
const char *port_mask_str(unsigned long mask, char *buf);

/**
 * port_init - bring up the console, the vectors and the interrupt controller
 *
 * Context: boot, IRQs disabled, called once by kernel_main() before any
 * kprintf.
 */
void port_init(void);

/**
 * port_timer_start - start THIS CPU's periodic tick, or change its rate
 * @hz: ticks per second
 *
 * Per CPU: every CPU calls it for its own tick (the boot CPU in
 * kernel_main(), a secondary in kernel_secondary_main(), and the core
 * again on each CPU through a kick when the rate changes). Each tick
 * calls kernel_tick() from the port's interrupt handler, inside the
 * library's IRQ wrapper, then acknowledges the interrupt.
 * Context: IRQs disabled.
 */
void port_timer_start(unsigned int hz);

/**
 * port_cpu_count - how many CPUs the machine has
 *
 * Context: boot CPU, after port_init(), IRQs disabled.
 * Return: 1..NR_CPUS (kernel.h); a port without SMP support returns 1.
 * CPUs beyond NR_CPUS are left alone.
 */
unsigned int port_cpu_count(void);

/**
 * port_cpu_start - start a secondary CPU
 * @cpu: logical CPU number, 1..port_cpu_count()-1 (0 is the boot CPU,
 *	whatever its hardware id; the port maps hart id / MPIDR / APIC id to
 *	the logical number)
 * @stack_top: top of its boot stack (16-byte aligned), which becomes the
 *	stack of its idle thread
 *
 * The CPU sets up its vectors, its local interrupt controller and the
 * kernel's process-context mask state with IRQs disabled, then calls
 * kernel_secondary_main(@cpu) on @stack_top. May return before the CPU
 * reaches C. Context: boot CPU, IRQs disabled.
 */
void port_cpu_start(unsigned int cpu, void *stack_top);

/**
 * port_send_ipi - send the kick IPI to a CPU
 * @cpu: logical CPU number (may be the caller's own)
 *
 * Its vector goes through the library's IRQ wrapper (from kernel or user
 * mode, like the tick), with a handler that acknowledges the IPI and calls
 * kernel_ipi(regs). The caller has published what the IPI is about with
 * irqentry_work_set_remote() (which orders it before the IPI).
 * Context: any, NMI-safe.
 */
void port_send_ipi(unsigned int cpu);

#if !PORT_NMI_VIA_KICK
/**
 * port_send_nmi - make CPU @cpu take an NMI-class entry
 * @cpu: logical CPU number
 *
 * x86: an NMI IPI, taken through the port's NMI vector, whose handler
 * calls kernel_nmi(). Ports with PORT_NMI_VIA_KICK get the core's
 * version (kernel.h) instead. Context: any.
 */
void port_send_nmi(unsigned int cpu);
#endif

/** port_putc - write one character to the console (polled; any context) */
void port_putc(char c);

/**
 * port_exit - stop the machine with an exit status QEMU passes on
 * @status: 0 = pass, anything else = fail
 *
 * The port maps it to its mechanism (semihosting, test finisher,
 * isa-debug-exit); run.sh maps back with PASS_STATUS from <arch>/arch.mk.
 */
_Noreturn void port_exit(int status);

/**
 * port_idle - wait for an interrupt
 *
 * Context: IRQs disabled on entry and return; returns when an interrupt is
 * pending (it is taken after the caller enables IRQs), so a wake-up between
 * the caller's check and the wait is not lost.
 */
void port_idle(void);

/**
 * port_context_init_kernel - prepare a new kernel thread's first switch
 * @ctx: the thread's context
 * @kstack_top: top of its kernel stack (16-byte aligned)
 *
 * The first port_switch() to @ctx must call kthread_start() with IRQs
 * disabled (the state of any switch; kthread_start() finishes the switch).
 */
void port_context_init_kernel(struct port_context *ctx, void *kstack_top);

/**
 * port_context_init_user - prepare a new user thread's first switch
 * @ctx: the thread's context
 * @kstack_top: top of its kernel stack
 * @entry: user entry point, called as entry(arg)
 * @user_sp: top of its user stack
 * @arg: the argument
 *
 * The first port_switch() to @ctx must call kernel_switch_finish() (IRQs
 * still disabled: it ends the switch that started the thread, releasing
 * the run queue), then build a user trap frame on the kernel stack (user
 * mode, interrupts enabled, pc = @entry, sp = @user_sp, argument register
 * = @arg) and return to user mode through the library's
 * ordinary exit (arm64: irqentry_arm64_el0_sync_exit(); RISC-V/x86:
 * irqentry_exit_to_user_mode()), never a bare eret/sret/iret: the library
 * tracks user/kernel transitions per CPU and runs the work loop first.
 */
void port_context_init_user(struct port_context *ctx, void *kstack_top,
			    unsigned long entry, unsigned long user_sp,
			    unsigned long arg);

/**
 * port_switch - switch kernel stacks
 * @from: where the current thread's callee-saved registers and SP go
 * @to: the thread to resume
 *
 * Returns when some later port_switch() resumes @from, possibly on
 * another CPU. Context: IRQs disabled, the core's run-queue lock held
 * (released by the resumed side); port_set_current(@to's thread) already
 * done. The mask state is not part of the context (every switch happens
 * in the same state, checked by the scheduler).
 */
void port_switch(struct port_context *from, struct port_context *to);

/**
 * port_probe_read - load a word that may fault (exception-table fixup)
 * @addr: the address
 * @val: where the word goes
 *
 * The load instruction has an entry in the __ex_table section (struct
 * extable_entry in kernel.h: faulting PC, fixup PC). The port's kernel
 * fault handler calls kernel_fixup_exception(), which resumes at the fixup.
 *
 * Return: 0, or -EFAULT if the load faulted.
 */
int port_probe_read(const unsigned long *addr, unsigned long *val);

/**
 * port_get_user_u8 - copy one byte from user memory (a fault returns -EFAULT)
 * @dst: kernel destination
 * @src: user source
 *
 * Return: 0 or -EFAULT, as port_probe_read().
 */
int port_get_user_u8(unsigned char *dst, const unsigned char *src);

/**
 * port_bad_address - an address whose load faults in kernel mode
 */
unsigned long port_bad_address(void);

/**
 * port_nmi_trigger - take an NMI-class exception right here and return
 *
 * The port routes it through its NMI-class wrapper (arm64: a kernel BRK via
 * irqentry_arm64_el1_nmi(), as Linux treats kernel debug exceptions), whose
 * handler calls kernel_nmi(). Context: any, also inside an IRQ handler.
 * PORT_HAS_NMI (in port_arch.h) is 0 where the arch has no such class; the
 * NMI scenario then reports "skipped".
 */
void port_nmi_trigger(void);

/*
 * Benchmark builds only (KERNEL_BENCH, make BENCH=1; core/bench.c):
 *
 * unsigned long port_bench_counter(void)          static inline, port_arch.h
 *	A counter that advances by one per executed instruction when QEMU
 *	runs with -icount shift=0, readable in kernel and user mode once
 *	port_bench_init() ran; deltas are taken modulo
 *	PORT_BENCH_COUNTER_MASK + 1 (port_arch.h).
 * void port_bench_init(void)
 *	Start that counter and let user mode read it.
 * void port_bench_irq_pend(void)
 *	Make one timer interrupt pending now, with IRQs disabled: it is
 *	taken when the caller enables them. The port's tick handler stops
 *	the timer again (no periodic tick in benchmark builds).
 * void port_bench_irq_after(unsigned long ns)
 *	The same, @ns nanoseconds of QEMU's virtual clock from now (under
 *	-icount shift=0, that many instructions of all CPUs), to bound a
 *	port_idle(): a CPU that waits for another one so gives it the
 *	host's single vCPU thread for about that long, not for the whole
 *	time slice -icount allows it (seconds when no timer is due).
 */
void port_bench_init(void);
void port_bench_irq_pend(void);
void port_bench_irq_after(unsigned long ns);

/*
 * User-mode side, run at EL0 / U-mode / ring 3 (code in the kernel image,
 * which the ports map user-accessible):
 *
 * port_user_syscall - the syscall instruction: nr and up to three arguments
 * port_user_sigreturn - the signal return trampoline: SYS_SIGRETURN with the
 *	user SP still pointing at the signal frame (asm, no prologue)
 */
long port_user_syscall(long nr, long a0, long a1, long a2);
void port_user_sigreturn(void);

#endif /* KERNEL_PORT_H */
