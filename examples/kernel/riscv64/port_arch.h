/* SPDX-License-Identifier: MIT */
/*
 * riscv64 port: the trap frame, the switch context, the arch-only irqentry
 * hooks and the inline primitives of core/port.h. Included by C (through
 * core/port.h) and by the port's assembly (offsets and bits only).
 */
#ifndef KERNEL_RISCV64_PORT_ARCH_H
#define KERNEL_RISCV64_PORT_ARCH_H

/* Trap frame layout, shared with entry.S: xN at 8 * N, sepc in x0's slot. */
#define TF_PC      0
#define TF_SP      16
#define TF_STATUS  256
#define TF_CAUSE   264
#define TF_TVAL    272
#define TF_ORIG_A0 280
#define TF_SIZE    288 /* a multiple of 16: SP stays aligned */

/* Switch context: ra, sp, s0..s11, then the trap vector's two words. */
#define CTX_RA  0
#define CTX_SP  8
#define CTX_S0  16
#define CTX_KSP 112 /* kernel stack top for the next entry from U-mode */
#define CTX_USP 120 /* the user sp, parked there by that entry */
#define TF_TP   32

/* sstatus */
#define SSTATUS_SIE  0x002UL
#define SSTATUS_SPIE 0x020UL
#define SSTATUS_SPP  0x100UL
#define SSTATUS_SUM  0x40000UL /* S-mode may load/store U pages */

#ifndef __ASSEMBLER__
#include <stdbool.h>

#define PORT_NAME           "riscv64"
#define PORT_SIGNAL_REDZONE 0 /* the RISC-V psABI has no red zone */
#define PORT_HAS_NMI        1

/*
 * The names traps.c gives narrate_entry(), one per library wrapper (and
 * the user side of irqentry_riscv_exception apart): one vector, so both
 * IRQ classes are "irq".
 */
#define PORT_VEC_USER_IRQ     "irq"     /* irqentry_riscv_irq */
#define PORT_VEC_KERNEL_IRQ   "irq"     /* irqentry_riscv_irq */
#define PORT_VEC_SYSCALL      "ecall_u" /* irqentry_riscv_ecall_u */
#define PORT_VEC_KERNEL_FAULT "kfault"  /* irqentry_riscv_exception */
#define PORT_VEC_USER_FAULT   "ufault"  /* irqentry_riscv_exception */
#define PORT_VEC_NMI          "ktrap"   /* irqentry_riscv_kernel_trap */

/* Linux's pt_regs order: x0 is hard-wired zero, so its slot keeps sepc. */
struct trapframe {
	unsigned long pc; /* sepc */
	unsigned long ra, sp, gp, tp;
	unsigned long t0, t1, t2;
	unsigned long s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status; /* sstatus after the trap: SPP, SPIE, SIE = 0 */
	unsigned long cause;  /* scause */
	unsigned long tval;   /* stval */
	/* a0 doubles as syscall argument 0 and return value; the ecall
	 * wrapper presets the return (-ENOSYS) before the dispatcher reads
	 * the argument, so irqentry_os_syscall_save_orig_a0() keeps a copy. */
	unsigned long orig_a0;
};

_Static_assert(__builtin_offsetof(struct trapframe, sp) == TF_SP, "TF_SP");
_Static_assert(__builtin_offsetof(struct trapframe, t6) == 31 * 8, "x31");
_Static_assert(__builtin_offsetof(struct trapframe, status) == TF_STATUS,
	       "TF_STATUS");
_Static_assert(__builtin_offsetof(struct trapframe, cause) == TF_CAUSE,
	       "TF_CAUSE");
_Static_assert(__builtin_offsetof(struct trapframe, tval) == TF_TVAL,
	       "TF_TVAL");
_Static_assert(__builtin_offsetof(struct trapframe, orig_a0) == TF_ORIG_A0,
	       "TF_ORIG_A0");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");

/*
 * The first field of struct thread (core/thread.h), so tp, which points at
 * the current thread, points at this too: the trap vector finds the
 * kernel stack of a thread entering from U-mode through tp alone.
 */
struct port_context {
	unsigned long ra, sp;
	unsigned long s[12];
	unsigned long ksp; /* set at every return to U-mode */
	unsigned long usp; /* the vector's scratch word */
};

_Static_assert(__builtin_offsetof(struct port_context, sp) == CTX_SP, "CTX");
_Static_assert(__builtin_offsetof(struct port_context, s) == CTX_S0, "CTX");
_Static_assert(__builtin_offsetof(struct port_context, ksp) == CTX_KSP, "CTX");
_Static_assert(__builtin_offsetof(struct port_context, usp) == CTX_USP, "CTX");
_Static_assert(__builtin_offsetof(struct trapframe, tp) == TF_TP, "TF_TP");

/* No NMI can be sent to another hart here: the core's kick stands in. */
#define PORT_NMI_VIA_KICK 1

struct thread;

/*
 * The current thread is tp, as on Linux: the kernel's tp points at the
 * running thread in S-mode, the user's is saved in the trap frame, and
 * sscratch holds the kernel's while the hart runs in U-mode (entry.S).
 * tp is per thread, not per hart: switching threads switches tp, so the
 * one-instruction read names the caller even across a migration.
 */
static inline struct thread *port_current(void)
{
	struct thread *t;

	__asm__("mv %0, tp" : "=r"(t));
	return t;
}

/* Context: IRQs disabled; the core calls it right before port_switch(). */
static inline void port_set_current(struct thread *t)
{
	__asm__ __volatile__("mv tp, %0" : : "r"(t) : "memory");
}

/* The RISC-V hooks of <irqentry/arch/riscv.h>. */
static inline unsigned long irqentry_os_regs_pc(struct trapframe *regs)
{
	return regs->pc;
}
#define irqentry_os_regs_pc irqentry_os_regs_pc

static inline void irqentry_os_regs_set_pc(struct trapframe *regs,
					   unsigned long pc)
{
	regs->pc = pc;
}
#define irqentry_os_regs_set_pc irqentry_os_regs_set_pc

static inline void irqentry_os_syscall_save_orig_a0(struct trapframe *regs)
{
	regs->orig_a0 = regs->a0;
}
#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0

static inline unsigned long port_csr_sstatus(void)
{
	unsigned long v;

	__asm__ __volatile__("csrr %0, sstatus" : "=r"(v) : : "memory");
	return v;
}

static inline unsigned long port_regs_status(struct trapframe *regs)
{
	return regs->status;
}

static inline long port_regs_syscall_nr(struct trapframe *regs)
{
	return (long)regs->a7;
}

static inline long port_regs_syscall_arg(struct trapframe *regs, int n)
{
	return (long)(n == 0 ? regs->orig_a0 : n == 1 ? regs->a1 : regs->a2);
}

static inline long port_regs_return(struct trapframe *regs)
{
	return (long)regs->a0;
}

static inline void port_regs_set_return(struct trapframe *regs, long value)
{
	regs->a0 = (unsigned long)value;
}

static inline unsigned long port_regs_pc(struct trapframe *regs)
{
	return regs->pc;
}

static inline void port_regs_set_pc(struct trapframe *regs, unsigned long pc)
{
	regs->pc = pc;
}

static inline unsigned long port_regs_user_sp(struct trapframe *regs)
{
	return regs->sp;
}

static inline void port_signal_setup(struct trapframe *regs,
				     unsigned long handler, int sig,
				     unsigned long sp, unsigned long restorer)
{
	regs->a0 = (unsigned long)sig;
	regs->ra = restorer; /* the handler's return lands there */
	regs->sp = sp;
	regs->pc = handler;
}

/*
 * The sstatus of a frame that returns to U-mode: the kernel's own bits
 * (SUM, UXL), SPP = U and SPIE = 1 (sret enables interrupts; in U-mode
 * they are taken whatever SIE says), SIE = 0 until the sret.
 */
static inline unsigned long port_user_status(void)
{
	return (port_csr_sstatus() &
		~(SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP)) |
	       SSTATUS_SPIE;
}

/* Nothing of sstatus comes from user memory. */
static inline void port_sigreturn_sanitize(struct trapframe *regs)
{
	regs->status = port_user_status();
}

/* The live mask register: sstatus (port_mask_str() shows SIE). */
static inline unsigned long port_mask_now(void)
{
	return port_csr_sstatus();
}

/* The interrupted context's SIE is the frame's SPIE: as an SIE bit. */
static inline unsigned long port_regs_mask(struct trapframe *regs)
{
	return (regs->status & SSTATUS_SPIE) ? SSTATUS_SIE : 0;
}

static inline unsigned long port_irq_save(void)
{
	unsigned long v;

	__asm__ __volatile__("csrrc %0, sstatus, %1"
			     : "=r"(v)
			     : "rK"(SSTATUS_SIE)
			     : "memory");
	return v & SSTATUS_SIE;
}

/* As Linux: called with IRQs disabled, so only ever sets SIE back. */
static inline void port_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("csrs sstatus, %0"
			     :
			     : "r"(flags & SSTATUS_SIE)
			     : "memory");
}

static inline void port_irq_enable(void)
{
	__asm__ __volatile__("csrs sstatus, %0"
			     :
			     : "rK"(SSTATUS_SIE)
			     : "memory");
}

static inline void port_irq_disable(void)
{
	__asm__ __volatile__("csrc sstatus, %0"
			     :
			     : "rK"(SSTATUS_SIE)
			     : "memory");
}

static inline bool port_irqs_disabled(void)
{
	return (port_csr_sstatus() & SSTATUS_SIE) == 0;
}

/* Benchmark builds: instret, exact under -icount (devices.c lets U-mode
 * read it). */
#define PORT_BENCH_COUNTER_MASK (~0UL)

static inline unsigned long port_bench_counter(void)
{
	unsigned long v;

	__asm__ __volatile__("rdinstret %0" : "=r"(v) : : "memory");
	return v;
}

/* One mask bit, nothing else to check at a switch. */
static inline bool port_switch_state_ok(void)
{
	return true;
}
#endif /* !__ASSEMBLER__ */

#endif /* KERNEL_RISCV64_PORT_ARCH_H */
