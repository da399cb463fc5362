/* SPDX-License-Identifier: MIT */
/* x86_64 port internals: PC devices, descriptor tables, the entry points. */
#ifndef KERNEL_X86_64_H
#define KERNEL_X86_64_H

/* Hypervisor builds (make HV=1, where the core has them); 0 elsewhere. */
#ifndef KERNEL_HV
#define KERNEL_HV 0
#endif

/* IDT vectors: exceptions, the PIC remapped above them, the APIC's own. */
#define VEC_DB            1
#define VEC_NMI           2
#define VEC_BP            3
#define VEC_DF            8
#define VEC_GP            13
#define VEC_PF            14
#define VEC_MC            18
#define VEC_PIC_BASE      0x20 /* the 8259s, all masked: only spurious */
#define VEC_PIC_SPURIOUS  (VEC_PIC_BASE + 7)
#define VEC_TIMER         0xec /* each CPU's LAPIC timer (Linux's too) */
#define VEC_IPI           0xfd /* the kick (Linux's RESCHEDULE_VECTOR) */
#define VEC_APIC_SPURIOUS 0xff

/* The local APIC (xAPIC, MMIO at its reset address; boot.S maps it UC). */
#define LAPIC_BASE       0xfee00000UL
#define LAPIC_ID         0x020
#define LAPIC_TPR        0x080
#define LAPIC_EOI        0x0b0
#define LAPIC_SVR        0x0f0
#define LAPIC_IRR        0x200 /* + 0x10 per 32 vectors */
#define LAPIC_ICR_LO     0x300
#define LAPIC_ICR_HI     0x310
#define LAPIC_LVT_TIMER  0x320
#define LAPIC_LINT0      0x350
#define LAPIC_LINT1      0x360
#define LAPIC_LVT_ERR    0x370
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR  0x390
#define LAPIC_TIMER_DIV  0x3e0
#define ICR_FIXED        0x000 /* delivery modes */
#define ICR_NMI          0x400
#define ICR_INIT         0x500
#define ICR_STARTUP      0x600
#define ICR_BUSY         0x1000
#define ICR_ASSERT       0x4000

static inline uint32_t lapic_read(unsigned int reg)
{
	return *(volatile uint32_t *)(LAPIC_BASE + reg);
}

static inline void lapic_write(unsigned int reg, uint32_t v)
{
	*(volatile uint32_t *)(LAPIC_BASE + reg) = v;
}

/* End of interrupt for the vector in service (not for a spurious one). */
static inline void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/* The 64-bit TSS: stack pointers only (no I/O bitmap). */
struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

_Static_assert(__builtin_offsetof(struct tss, rsp) == TSS_RSP0, "TSS_RSP0");
_Static_assert(sizeof(struct tss) == 104, "TSS size");

/*
 * The per-CPU block, GS base on its CPU from the CPU's first C code on
 * (port_arch.h says why GS is never swapped). The fields entry.S and
 * port_current() use sit at the offsets of port_arch.h.
 */
struct x86_cpu {
	void *curr;                /* struct thread *, port_current() */
	unsigned long syscall_rsp; /* TSS.rsp0 too: port_switch() sets both */
	unsigned long user_rsp;    /* SYSCALL entry scratch (IF clear) */
	struct x86_cpu *self;      /* x86_this_cpu() */
	unsigned int index;        /* logical CPU: 0 = boot CPU */
	unsigned int apic_id;
	unsigned long nmi;    /* NMIs taken on this CPU */
	unsigned long ipi;    /* kicks taken on this CPU */
	uint32_t timer_count; /* APIC timer period (port_timer_start()) */
	struct tss tss __attribute__((aligned(16)));
	unsigned char nmi_stack[4096] __attribute__((aligned(16)));
	unsigned char df_stack[4096] __attribute__((aligned(16)));
};

_Static_assert(__builtin_offsetof(struct x86_cpu, curr) == CPU_CURRENT,
	       "CPU_CURRENT");
_Static_assert(__builtin_offsetof(struct x86_cpu, syscall_rsp) ==
		       CPU_SYSCALL_RSP,
	       "CPU_SYSCALL_RSP");
_Static_assert(__builtin_offsetof(struct x86_cpu, user_rsp) == CPU_USER_RSP,
	       "CPU_USER_RSP");
_Static_assert(__builtin_offsetof(struct x86_cpu, self) == CPU_SELF,
	       "CPU_SELF");
_Static_assert(__builtin_offsetof(struct x86_cpu, tss) == CPU_TSS, "CPU_TSS");

extern struct x86_cpu x86_cpus[X86_MAX_CPUS];

/**
 * x86_this_cpu - this CPU's block
 *
 * Context: IRQs disabled, or any context that tolerates the answer going
 * stale when the thread migrates (the block itself stays valid).
 */
static inline struct x86_cpu *x86_this_cpu(void)
{
	struct x86_cpu *c;

	__asm__ __volatile__("movq %%gs:%c1, %0" : "=r"(c) : "i"(CPU_SELF));
	return c;
}

/* x86_64 port bookkeeping, all CPUs (atomic adds). */
struct x86_stats {
	unsigned long sysret;     /* syscalls that returned with SYSRET */
	unsigned long iret;       /* ... with IRET: SYSRET was not safe */
	unsigned long nmi;        /* NMIs taken (self or cross-CPU IPI) */
	unsigned long nmi_if_off; /* ... that arrived with IF clear */
	unsigned long ipi;        /* kick IPIs taken */
};

extern struct x86_stats x86_stats;

static inline void outb(unsigned short port, unsigned char v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline unsigned char inb(unsigned short port)
{
	unsigned char v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* devices.c */
void x86_cpu_init(unsigned int cpu, unsigned int apic_id);
void lapic_icr_send(unsigned int apic_id, uint32_t icr_lo);
void pit_delay_us(unsigned int us);

/* smp.c */
void x86_smp_init(void);
_Noreturn void x86_ap_main(unsigned int cpu);

/* entry.S */
extern const unsigned long x86_exception_stubs[32];
void x86_vec_timer(void);
void x86_vec_ipi(void);
void x86_vec_pic_spurious(void);
void x86_vec_apic_spurious(void);
void x86_vec_unexpected(void);
void x86_syscall_entry(void);
void x86_kthread_trampoline(void);
void x86_uthread_trampoline(void);

/* boot.S: the GDT (5 segments, a TSS descriptor per CPU), the AP start-up
 * code copied below 1 MiB, and its mailbox (smp.c). */
extern unsigned long x86_gdt[5 + 2 * X86_MAX_CPUS];
extern const char x86_ap_trampoline[], x86_ap_trampoline_end[];
extern unsigned long x86_ap_stack; /* RSP of the AP being started */
extern unsigned long x86_ap_cpu;   /* ... and its logical index */

/* entry.S -> traps.c */
void x86_trap(irqentry_regs_t *regs);
bool x86_syscall(irqentry_regs_t *regs);
void x86_user_first_return(irqentry_regs_t *regs, unsigned long entry,
			   unsigned long user_sp, unsigned long arg);

#endif /* KERNEL_X86_64_H */
