/* SPDX-License-Identifier: MIT */
/*
 * irqentry_os.h for an x86-64 kernel: a template. Copy it into your kernel,
 * replace each myos_* declaration by your kernel's own function or field,
 * and uncomment the optional hooks you need. It compiles as it is (the
 * irqentry test suite builds it), so every edit can be checked at once.
 *
 * Every hook's contract: <irqentry/hooks.h> and <irqentry/arch/x86.h>.
 * The walk-through: docs/porting.md. Build the C that includes it with
 * -ffreestanding -mno-red-zone -mgeneral-regs-only.
 */
#ifndef MYOS_IRQENTRY_OS_H
#define MYOS_IRQENTRY_OS_H

#if !IRQENTRY_ARCH_X86
#error "this is the x86-64 template: take templates/<arch>/irqentry_os.h for your backend"
#endif

/* ---- Your kernel: replace these declarations with your own ------------ */

struct myos_trapframe {
	unsigned long r15, r14, r13, r12, rbp, rbx, r11, r10;
	unsigned long r9, r8, rax, rcx, rdx, rsi, rdi;
	unsigned long orig_rax; /* the syscall number (or error code) */
	unsigned long rip, cs, rflags, rsp, ss; /* as the CPU pushed them */
};

/* The user selectors SYSRET loads from STAR (a frame with others: IRET). */
#define IRQENTRY_OS_X86_USER_CS 0x33UL
#define IRQENTRY_OS_X86_USER_SS 0x2bUL

/* The running thread's work word (IRQENTRY_WORK_* bits): per thread. */
unsigned long *myos_current_work(void);
/* The running thread's preemption-disable depth. */
int myos_preempt_count(void);
/* Switch if another thread should run; clears NEED_RESCHED(_LAZY). */
void myos_schedule(void);
/* Involuntary preemption, IRQs off in and out; clears NEED_RESCHED. */
void myos_preempt_schedule_irq(void);
/* Deliver pending signals; clears SIGPENDING / NOTIFY_SIGNAL. */
void myos_do_signal(struct myos_trapframe *regs);

/* ---- Required hooks ---------------------------------------------------- */

typedef struct myos_trapframe irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

static inline unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
{
	return regs->rflags;
}
#define irqentry_os_regs_status irqentry_os_regs_status

#define irqentry_os_work                 myos_current_work
#define irqentry_os_preempt_count        myos_preempt_count
#define irqentry_os_schedule             myos_schedule
#define irqentry_os_preempt_schedule_irq myos_preempt_schedule_irq
#define irqentry_os_handle_signal        myos_do_signal

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return (long)regs->orig_rax;
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	regs->rax = (unsigned long)value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return

/* x86 only: the selectors (user mode is RPL 3; SYSRET only for the user
 * selectors), and RIP, RCX, R11 (SYSRET only while RCX == RIP and
 * R11 == RFLAGS). */
static inline unsigned long irqentry_os_regs_cs(irqentry_regs_t *regs)
{
	return regs->cs;
}
#define irqentry_os_regs_cs irqentry_os_regs_cs

static inline unsigned long irqentry_os_regs_ss(irqentry_regs_t *regs)
{
	return regs->ss;
}
#define irqentry_os_regs_ss irqentry_os_regs_ss

static inline unsigned long irqentry_os_regs_pc(irqentry_regs_t *regs)
{
	return regs->rip;
}
#define irqentry_os_regs_pc irqentry_os_regs_pc

static inline unsigned long irqentry_os_regs_cx(irqentry_regs_t *regs)
{
	return regs->rcx;
}
#define irqentry_os_regs_cx irqentry_os_regs_cx

static inline unsigned long irqentry_os_regs_r11(irqentry_regs_t *regs)
{
	return regs->r11;
}
#define irqentry_os_regs_r11 irqentry_os_regs_r11

/* ---- Optional: uncomment what you need; [the default] ------------------ */

/* #define IRQENTRY_OS_NR_SYSCALLS 64          [no bound: the dispatcher checks] */
/* #define IRQENTRY_OS_ENOSYS (-38L)           [-38] */
/* SMP: this CPU's block, the running thread's. [one block: uniprocessor]
 * #define irqentry_os_cpu myos_irqentry_cpu
 * #define irqentry_os_thread myos_irqentry_thread */
/* Idle / RCU-not-watching entry.              [never idle; nothing]
 * #define irqentry_os_in_idle myos_cpu_idle
 * #define irqentry_os_enter_from_idle myos_enter_from_idle
 * #define irqentry_os_exit_to_idle myos_exit_to_idle */
/* State tracking (tracing, context tracking). [nothing]
 * #define irqentry_os_enter_from_kernel myos_enter_from_kernel
 * #define irqentry_os_exit_to_kernel myos_exit_to_kernel
 * #define irqentry_os_enter_from_user myos_enter_from_user
 * #define irqentry_os_exit_to_user myos_exit_to_user */
/* Veto on kernel preemption.                  [allowed]
 * #define irqentry_os_preempt_allowed myos_preempt_allowed */
/* Debug: not on the thread stack (IRQ stack). [on it]
 * #define irqentry_os_on_thread_stack myos_on_thread_stack */
/* Work before the return to user mode.        [clear the bit; none; nothing]
 * #define irqentry_os_notify_resume myos_resume_work
 * #define IRQENTRY_OS_WORK_MASK (1UL << IRQENTRY_WORK_OS_SHIFT)
 * #define irqentry_os_handle_work myos_handle_work
 * #define irqentry_os_before_work_check myos_before_work_check
 * #define irqentry_os_exit_to_user_prepare myos_restore_fpu */
/* NMI-class entries (NMI, #MC, #DB).          [nothing]
 * #define irqentry_os_nmi_enter myos_nmi_enter
 * #define irqentry_os_nmi_exit myos_nmi_exit */
/* OS state kept from an enter to its exit.    [none]
 * #define IRQENTRY_OS_STATE_TYPE unsigned int
 * #define irqentry_os_state_enter myos_state_enter
 * #define irqentry_os_state_exit myos_state_exit */
/* Syscall work: tracing, filters, audit.      [no syscall-work word]
 * #define irqentry_os_syscall_work myos_current_syscall_work
 * #define irqentry_os_syscall_user_dispatch myos_user_dispatch
 * #define irqentry_os_syscall_trace_enter myos_ptrace_enter
 * #define irqentry_os_syscall_filter myos_seccomp
 * #define irqentry_os_syscall_tracepoint_enter myos_trace_sys_enter
 * #define irqentry_os_syscall_audit_enter myos_audit_enter
 * #define irqentry_os_syscall_audit_exit myos_audit_exit
 * #define irqentry_os_syscall_tracepoint_exit myos_trace_sys_exit
 * #define irqentry_os_syscall_trace_exit myos_ptrace_exit
 * #define irqentry_os_syscall_enter_masked myos_syscall_enter_masked
 * #define irqentry_os_syscall_exit_masked myos_syscall_exit_masked */
/* x86: your own SYSRET selector rule.         [CS, SS == the two values]
 * #define irqentry_os_sysret_selectors_ok myos_sysret_selectors_ok */
/* Hypervisors: the guest-entry loop.          [void; none; -4; 0]
 * #define irqentry_vcpu_t struct myos_vcpu
 * #define IRQENTRY_OS_GUEST_WORK_MASK 0UL
 * #define irqentry_os_guest_signal_exit myos_vcpu_signal_exit
 * #define irqentry_os_guest_handle_work myos_vcpu_work */
/* Debug reports (IRQENTRY_DEBUG 1).           [record, then trap: ud2]
 * #define irqentry_os_report myos_irqentry_report */

#endif /* MYOS_IRQENTRY_OS_H */
