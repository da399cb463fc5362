/* SPDX-License-Identifier: MIT */
/*
 * arm64 port: the trap frame, the switch context and the inline primitives
 * of core/port.h. Included by C (through core/port.h) and by the port's
 * assembly (offsets only).
 */
#ifndef KERNEL_ARM64_PORT_ARCH_H
#define KERNEL_ARM64_PORT_ARCH_H

/* Trap frame layout, shared with entry.S. */
#define TF_X30     240
#define TF_SP      248 /* SP_EL0 for EL0 frames, the old SP for EL1 */
#define TF_PC      256 /* ELR_EL1 */
#define TF_PSTATE  264 /* SPSR_EL1 */
#define TF_ORIG_X0 272
#define TF_ESR     280
#define TF_FAR     288
#define TF_SIZE    304 /* a multiple of 16: SP stays aligned */

/* Switch context: x19..x28, x29, x30, sp. */
#define CTX_SP 96

#define BRK_NMI_IMM 0x4e4d /* "NM": the kernel BRK taken as NMI-class */

#ifndef __ASSEMBLER__
#include <stdbool.h>

#define PORT_NAME           "arm64"
#define PORT_SIGNAL_REDZONE 0 /* AAPCS64 has no red zone */
#define PORT_HAS_NMI        1
/* No IPI-able NMI (no SError or pseudo-NMI to send): port_send_nmi() is a
 * kick whose handler takes the BRK NMI class (core/port.h). */
#define PORT_NMI_VIA_KICK   1

/* The names traps.c gives narrate_entry(): one per library wrapper. */
#define PORT_VEC_USER_IRQ     "el0_irq"
#define PORT_VEC_KERNEL_IRQ   "el1_irq"
#define PORT_VEC_SYSCALL      "el0_svc"
#define PORT_VEC_KERNEL_FAULT "el1_sync"
#define PORT_VEC_NMI          "el1_dbg"

struct trapframe {
	unsigned long x[31];
	unsigned long sp;
	unsigned long pc;
	unsigned long pstate;
	/* x0 doubles as syscall argument 0 and return value; the syscall
	 * wrapper presets the return (-ENOSYS) before the dispatcher reads
	 * the argument, so the vector keeps the entry-time copy. */
	unsigned long orig_x0;
	unsigned long esr;
	unsigned long far;
	unsigned long pad;
};

_Static_assert(__builtin_offsetof(struct trapframe, sp) == TF_SP, "TF_SP");
_Static_assert(__builtin_offsetof(struct trapframe, pc) == TF_PC, "TF_PC");
_Static_assert(__builtin_offsetof(struct trapframe, orig_x0) == TF_ORIG_X0,
	       "TF_ORIG_X0");
_Static_assert(__builtin_offsetof(struct trapframe, far) == TF_FAR, "TF_FAR");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");

struct port_context {
	unsigned long x19_x28[10];
	unsigned long fp, lr, sp;
};

_Static_assert(__builtin_offsetof(struct port_context, sp) == CTX_SP, "CTX");

#define DAIF_D 0x200UL
#define DAIF_A 0x100UL
#define DAIF_I 0x080UL
#define DAIF_F 0x040UL

static inline unsigned long port_regs_status(struct trapframe *regs)
{
	return regs->pstate;
}

static inline long port_regs_syscall_nr(struct trapframe *regs)
{
	return (long)regs->x[8];
}

static inline long port_regs_syscall_arg(struct trapframe *regs, int n)
{
	return (long)(n == 0 ? regs->orig_x0 : regs->x[n]);
}

static inline long port_regs_return(struct trapframe *regs)
{
	return (long)regs->x[0];
}

static inline void port_regs_set_return(struct trapframe *regs, long value)
{
	regs->x[0] = (unsigned long)value;
}

static inline unsigned long port_regs_pc(struct trapframe *regs)
{
	return regs->pc;
}

static inline void port_regs_set_pc(struct trapframe *regs, unsigned long pc)
{
	regs->pc = pc;
}

/* The vector stores orig_x0 with the frame (entry.S) for every exception;
 * the SVC wrapper's save hook keeps the copy current for a syscall. */
static inline void irqentry_os_syscall_save_orig_x0(struct trapframe *regs)
{
	regs->orig_x0 = regs->x[0];
}
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0

static inline unsigned long port_regs_user_sp(struct trapframe *regs)
{
	return regs->sp;
}

static inline void port_signal_setup(struct trapframe *regs,
				     unsigned long handler, int sig,
				     unsigned long sp, unsigned long restorer)
{
	regs->x[0] = (unsigned long)sig;
	regs->x[30] = restorer; /* the handler's return lands there */
	regs->sp = sp;
	regs->pc = handler;
}

/* Only the condition flags come from user memory: EL0t, DAIF clear. */
static inline void port_sigreturn_sanitize(struct trapframe *regs)
{
	regs->pstate &= 0xf0000000UL;
}

static inline unsigned long port_mask_now(void)
{
	unsigned long daif;

	__asm__ __volatile__("mrs %0, daif" : "=r"(daif) : : "memory");
	return daif;
}

static inline unsigned long port_regs_mask(struct trapframe *regs)
{
	return regs->pstate & (DAIF_D | DAIF_A | DAIF_I | DAIF_F);
}

/* IRQ masking is I and F only: D and A keep their (open) state, as in
 * Linux's local_irq_*() without pseudo-NMI. */
static inline unsigned long port_irq_save(void)
{
	unsigned long daif = port_mask_now();

	__asm__ __volatile__("msr daifset, #3" : : : "memory");
	return daif;
}

static inline void port_irq_restore(unsigned long daif)
{
	__asm__ __volatile__("msr daif, %0" : : "r"(daif) : "memory");
}

static inline void port_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #3" : : : "memory");
}

static inline void port_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #3" : : : "memory");
}

static inline bool port_irqs_disabled(void)
{
	return (port_mask_now() & DAIF_I) != 0;
}

/* Benchmark builds: PMU event counter 0 counts instructions retired
 * (devices.c), exactly one per instruction under -icount; 32 bits wide. */
#define PORT_BENCH_COUNTER_MASK 0xffffffffUL

static inline unsigned long port_bench_counter(void)
{
	unsigned long v;

	__asm__ __volatile__("mrs %0, pmevcntr0_el0" : "=r"(v) : : "memory");
	return v;
}

/*
 * The current thread lives in TPIDR_EL1, which port_set_current() writes at
 * each CPU's boot and at every switch. One MRS: whichever CPU the thread
 * runs on when the instruction executes holds that very thread there, so
 * the answer is right even if the thread migrates right after (a read of
 * "this CPU's index", then of that CPU's current, would not be). Volatile
 * so that a read after port_set_current() is never folded into one made
 * before it.
 */
struct thread;

static inline struct thread *port_current(void)
{
	struct thread *t;

	__asm__ __volatile__("mrs %0, tpidr_el1" : "=r"(t));
	return t;
}

/* IRQs disabled (boot of a CPU, a switch before port_switch()). */
static inline void port_set_current(struct thread *t)
{
	__asm__ __volatile__("msr tpidr_el1, %0" : : "r"(t) : "memory");
}

/* The rule at a switch (docs/design.md): debug and SError exceptions open. */
static inline bool port_switch_state_ok(void)
{
	return (port_mask_now() & (DAIF_D | DAIF_A)) == 0;
}
#endif /* !__ASSEMBLER__ */

#endif /* KERNEL_ARM64_PORT_ARCH_H */
