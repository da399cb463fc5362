/* SPDX-License-Identifier: MIT */
/*
 * x86_64 port: the trap frame, the switch context, the inline primitives of
 * core/port.h and the hooks the x86 wrappers need (saved CS, RIP, RCX, R11,
 * the SYSRET selector check). Included by C (through core/port.h) and by
 * the port's assembly (constants and offsets only).
 */
#ifndef KERNEL_X86_64_PORT_ARCH_H
#define KERNEL_X86_64_PORT_ARCH_H

/* GDT selectors (boot.S builds the table). SYSRET derives the user ones
 * from STAR: SS = base + 8, CS = base + 16, hence data before code. */
#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS   0x1b /* 0x18 | RPL 3 */
#define USER_CS   0x23 /* 0x20 | RPL 3 */

/* One 16-byte TSS descriptor per CPU from 0x28 on: LTR marks the one it
 * loads busy, so no two CPUs can share one. */
#define TSS_SEL(cpu) (0x28 + 16 * (cpu))
#define X86_MAX_CPUS 4 /* TSS descriptors in boot.S's GDT */

#define RFLAGS_FIXED 0x002UL /* bit 1 always reads as 1 */
#define RFLAGS_TF    0x100UL
#define RFLAGS_IF    0x200UL
#define RFLAGS_DF    0x400UL
#define RFLAGS_NT    0x4000UL
#define RFLAGS_AC    0x40000UL
/* What user code may choose for itself: CF PF AF ZF SF DF OF (sigreturn). */
#define RFLAGS_USER  0xcd5UL

/* The vector field of a frame built by the SYSCALL entry (not an IDT
 * vector). */
#define VEC_SYSCALL 0x100

/*
 * Trap frame layout, shared with entry.S. From the top down: what the CPU
 * pushes (SS, RSP, RFLAGS, CS, RIP), the error code (0 where the CPU pushes
 * none), the vector, the syscall number as it was at entry, the general
 * registers, and a slot for CR2 that also keeps the frame 16-byte sized.
 */
#define TF_CR2      0
#define TF_R15      8
#define TF_RCX      96
#define TF_RDI      120
#define TF_ORIG_RAX 128
#define TF_VECTOR   136
#define TF_ERROR    144
#define TF_RIP      152
#define TF_CS       160
#define TF_RFLAGS   168
#define TF_RSP      176
#define TF_SS       184
#define TF_SIZE     192

/* Switch context: rbx rbp r12..r15, rsp, the kernel stack top. */
#define CTX_RSP       48
#define CTX_KSTACK    56
#define TSS_RSP0      4    /* offset of rsp0 in the 64-bit TSS */
#define TSS_IST_NMI   1    /* IST slot of the NMI stack */
#define TSS_IST_DFLT  2    /* ... and of the double-fault stack */
#define EXIT_PASS_VAL 0x10 /* isa-debug-exit: QEMU exits (0x10 << 1) | 1 */
#define EXIT_FAIL_VAL 0x20 /* ... + (status & 15) */

/*
 * The per-CPU block (struct x86_cpu in x86_64.h) that GS base points at on
 * every CPU, in kernel and user mode alike: this kernel never executes
 * SWAPGS, because its user code never loads GS (a ring 3 `mov %gs` or
 * WRGSBASE would move the kernel's base; CR4.FSGSBASE stays clear, so only
 * a selector load could, and user.c has none). The first field is the
 * running thread, read in one instruction by port_current().
 */
#define CPU_CURRENT     0  /* struct thread *: port_current() */
#define CPU_SYSCALL_RSP 8  /* the running thread's kernel stack top */
#define CPU_USER_RSP    16 /* SYSCALL entry: the user RSP, for one moment */
#define CPU_SELF        24 /* the block's own address */
#define CPU_TSS         64 /* this CPU's TSS */

/* Where the AP start-up code runs: a 4 KiB page below 1 MiB, whose page
 * number is the STARTUP IPI's vector. */
#define X86_TRAMPOLINE_PHYS 0x8000

#ifndef __ASSEMBLER__
#include <stdbool.h>

#define PORT_NAME           "x86_64"
#define PORT_SIGNAL_REDZONE 128 /* the SysV x86-64 ABI red zone */
#define PORT_HAS_NMI        1
/* A real NMI IPI reaches another CPU (port_send_nmi()): no kick needed. */
#define PORT_NMI_VIA_KICK   0

/* The names traps.c gives narrate_entry(): one IDT vector serves the tick
 * from either mode, as one RISC-V vector does. */
#define PORT_VEC_USER_IRQ     "irq"
#define PORT_VEC_KERNEL_IRQ   "irq"
#define PORT_VEC_SYSCALL      "syscall"
#define PORT_VEC_KERNEL_FAULT "#PF"
#define PORT_VEC_NMI          "nmi"

struct trapframe {
	unsigned long cr2; /* #PF: the faulting address; else 0 */
	unsigned long r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	unsigned long rax, rcx, rdx, rsi, rdi;
	/* RAX doubles as syscall number and return value; the syscall
	 * wrapper presets the return (-ENOSYS) before it reads the number,
	 * so the entry keeps this copy (Linux's orig_ax). -1: no syscall. */
	unsigned long orig_rax;
	unsigned long vector; /* IDT vector, or VEC_SYSCALL */
	unsigned long error;  /* the CPU's error code, or 0 */
	unsigned long rip, cs, rflags, rsp, ss;
};

_Static_assert(__builtin_offsetof(struct trapframe, r15) == TF_R15, "TF_R15");
_Static_assert(__builtin_offsetof(struct trapframe, rcx) == TF_RCX, "TF_RCX");
_Static_assert(__builtin_offsetof(struct trapframe, rdi) == TF_RDI, "TF_RDI");
_Static_assert(__builtin_offsetof(struct trapframe, orig_rax) == TF_ORIG_RAX,
	       "TF_ORIG_RAX");
_Static_assert(__builtin_offsetof(struct trapframe, vector) == TF_VECTOR,
	       "TF_VECTOR");
_Static_assert(__builtin_offsetof(struct trapframe, rip) == TF_RIP, "TF_RIP");
_Static_assert(__builtin_offsetof(struct trapframe, rflags) == TF_RFLAGS,
	       "TF_RFLAGS");
_Static_assert(__builtin_offsetof(struct trapframe, ss) == TF_SS, "TF_SS");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");

struct port_context {
	unsigned long rbx, rbp, r12, r13, r14, r15, rsp;
	/* Top of this thread's kernel stack: TSS.rsp0 (ring 3 interrupts)
	 * and the SYSCALL entry's stack while the thread runs. */
	unsigned long kstack_top;
};

_Static_assert(__builtin_offsetof(struct port_context, rsp) == CTX_RSP,
	       "CTX_RSP");
_Static_assert(__builtin_offsetof(struct port_context, kstack_top) ==
		       CTX_KSTACK,
	       "CTX_KSTACK");

/* The x86 wrappers' hooks (include/irqentry/arch/x86.h). */
static inline unsigned long irqentry_os_regs_cs(struct trapframe *regs)
{
	return regs->cs;
}
#define irqentry_os_regs_cs irqentry_os_regs_cs

static inline unsigned long irqentry_os_regs_pc(struct trapframe *regs)
{
	return regs->rip;
}
#define irqentry_os_regs_pc irqentry_os_regs_pc

static inline unsigned long irqentry_os_regs_cx(struct trapframe *regs)
{
	return regs->rcx;
}
#define irqentry_os_regs_cx irqentry_os_regs_cx

static inline unsigned long irqentry_os_regs_r11(struct trapframe *regs)
{
	return regs->r11;
}
#define irqentry_os_regs_r11 irqentry_os_regs_r11

/* SYSRET loads CS and SS from STAR: the library returns with it only when
 * the frame holds these. */
static inline unsigned long irqentry_os_regs_ss(struct trapframe *regs)
{
	return regs->ss;
}
#define irqentry_os_regs_ss     irqentry_os_regs_ss
#define IRQENTRY_OS_X86_USER_CS USER_CS
#define IRQENTRY_OS_X86_USER_SS USER_DS

static inline unsigned long port_regs_status(struct trapframe *regs)
{
	return regs->rflags;
}

static inline long port_regs_syscall_nr(struct trapframe *regs)
{
	return (long)regs->orig_rax;
}

/* The syscall ABI: nr in RAX, arguments in RDI, RSI, RDX, result in RAX. */
static inline long port_regs_syscall_arg(struct trapframe *regs, int n)
{
	return (long)(n == 0 ? regs->rdi : n == 1 ? regs->rsi : regs->rdx);
}

static inline long port_regs_return(struct trapframe *regs)
{
	return (long)regs->rax;
}

static inline void port_regs_set_return(struct trapframe *regs, long value)
{
	regs->rax = (unsigned long)value;
}

static inline unsigned long port_regs_pc(struct trapframe *regs)
{
	return regs->rip;
}

static inline void port_regs_set_pc(struct trapframe *regs, unsigned long pc)
{
	regs->rip = pc;
}

static inline unsigned long port_regs_user_sp(struct trapframe *regs)
{
	return regs->rsp;
}

/*
 * A call as the ABI makes it: the return address (the sigreturn
 * trampoline) pushed, so the handler starts with RSP = 8 mod 16, and DF
 * clear. RCX and R11 now differ from RIP and RFLAGS, so a syscall that
 * delivers a signal returns with IRET, as irqentry_x86_sysret_allowed()
 * demands.
 */
static inline void port_signal_setup(struct trapframe *regs,
				     unsigned long handler, int sig,
				     unsigned long sp, unsigned long restorer)
{
	sp -= 8;
	*(unsigned long *)sp = restorer;
	regs->rsp = sp;
	regs->rip = handler;
	regs->rdi = (unsigned long)sig;
	regs->rflags &= ~(RFLAGS_DF | RFLAGS_TF);
}

/* From user memory only the arithmetic flags and DF: ring 3 selectors,
 * IF set, IOPL 0, no TF, NT, AC or RF. */
static inline void port_sigreturn_sanitize(struct trapframe *regs)
{
	regs->rflags = (regs->rflags & RFLAGS_USER) | RFLAGS_IF | RFLAGS_FIXED;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
}

static inline unsigned long port_mask_now(void)
{
	unsigned long rflags;

	__asm__ __volatile__("pushfq\n\tpopq %0" : "=r"(rflags) : : "memory");
	return rflags;
}

static inline unsigned long port_regs_mask(struct trapframe *regs)
{
	return regs->rflags & RFLAGS_IF;
}

static inline unsigned long port_irq_save(void)
{
	unsigned long rflags = port_mask_now();

	__asm__ __volatile__("cli" : : : "memory");
	return rflags;
}

static inline void port_irq_restore(unsigned long rflags)
{
	if (rflags & RFLAGS_IF)
		__asm__ __volatile__("sti" : : : "memory");
	else
		__asm__ __volatile__("cli" : : : "memory");
}

static inline void port_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline void port_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline bool port_irqs_disabled(void)
{
	return (port_mask_now() & RFLAGS_IF) == 0;
}

/* Benchmark builds: the TSC, which QEMU's -icount turns into an
 * instruction count (one per instruction at shift=0); ring 3 may read it
 * (CR4.TSD clear). */
#define PORT_BENCH_COUNTER_MASK (~0UL)

static inline unsigned long port_bench_counter(void)
{
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (unsigned long)hi << 32 | lo;
}

/* SMP (core/port.h). */
struct thread;

/**
 * port_current - the thread running on this CPU
 *
 * One %gs-relative load of the per-CPU block's first field: the answer is
 * right even if the thread migrates the moment after, because it is the
 * thread that executed the load. Context: any.
 */
static inline struct thread *port_current(void)
{
	struct thread *t;

	__asm__ __volatile__("movq %%gs:%c1, %0" : "=r"(t) : "i"(CPU_CURRENT));
	return t;
}

/**
 * port_set_current - record the thread this CPU runs from now on
 * @t: the thread
 *
 * Context: IRQs disabled (boot of each CPU, every switch before
 * port_switch()).
 */
static inline void port_set_current(struct thread *t)
{
	__asm__ __volatile__("movq %0, %%gs:%c1"
			     :
			     : "r"(t), "i"(CPU_CURRENT)
			     : "memory");
}

/* IF is the only mask bit: no rule beyond "IRQs disabled". */
static inline bool port_switch_state_ok(void)
{
	return true;
}
#endif /* !__ASSEMBLER__ */

#endif /* KERNEL_X86_64_PORT_ARCH_H */
