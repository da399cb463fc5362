/* SPDX-License-Identifier: MIT */
/*
 * The hosted (simulated) CPU: under IRQENTRY_HOSTED every arch primitive
 * reads and writes a software copy of that arch's mask register instead of
 * the real one, so the entry logic of all three backends runs as an ordinary
 * program on any host, under qemu-user, and in unit tests. Included by the
 * arch header (which first defines irqentry_arch_hosted_irqs_open() and
 * irqentry_arch_hosted_trap()); do not include directly.
 */
#ifndef IRQENTRY_HOSTED_H
#define IRQENTRY_HOSTED_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/hosted.h>"
#endif

/**
 * irqentry_hosted_irq_fn - a simulated interrupt
 * @arg: the argument given to irqentry_hosted_raise()
 * @interrupted: the mask register of the interrupted context, as the
 *	hardware would save it (PSTATE / SSTATUS / RFLAGS bits)
 *
 * Runs as a nested trap would: the mask register is set to the arch's
 * exception-entry value before the call and restored to @interrupted after
 * it (as ERET/SRET/IRET would), neither counted as a write.
 */
typedef void (*irqentry_hosted_irq_fn)(void *arg, unsigned long interrupted);

/**
 * irqentry_hosted_write_fn - observer of every mask-register write
 * @arg: irqentry_hosted_cpu()->on_write_arg
 * @old_status: the value before the write
 * @new_status: the value written
 */
typedef void (*irqentry_hosted_write_fn)(void *arg, unsigned long old_status,
					 unsigned long new_status);

/**
 * struct irqentry_hosted - the simulated CPU
 * @status: the live mask register, architectural bit positions: arm64 DAIF
 *	at PSTATE bits 9..6, RISC-V sstatus.SIE (bit 1), x86 RFLAGS.IF (bit 9)
 * @status_writes: explicit writes to @status by the library's primitives
 * @pending: the interrupt to deliver when interrupts are next unmasked
 * @pending_arg: its argument
 * @delivered: interrupts delivered so far
 * @depth: simulated interrupts currently running
 * @on_write: optional observer of each write (trace recorders)
 * @on_write_arg: its argument
 */
struct irqentry_hosted {
	unsigned long status;
	unsigned long status_writes;
	irqentry_hosted_irq_fn pending;
	void *pending_arg;
	unsigned long delivered;
	unsigned int depth;
	irqentry_hosted_write_fn on_write;
	void *on_write_arg;
};

/*
 * One simulated CPU per host thread: the mask register is per-CPU state, so
 * threads that each run entries in parallel must not share it (they would
 * unmask each other's interrupts). Thread-local and weak, so every
 * translation unit that includes the header links against the same
 * instance. __thread rather than _Thread_local: the GNU keyword is accepted
 * in C99 and C++ as well (hosted builds run on a host with thread support).
 */
__attribute__((
	__weak__)) __thread struct irqentry_hosted irqentry_priv_hosted_cpu;

/*
 * All translation units of a hosted program must agree on IRQENTRY_TESTING:
 * the kit's recorders in some and the plain hooks in others share one
 * simulated CPU and one trace, and the mix fails at run time, far from the
 * cause. So each object carries a one-byte section of one COMDAT group,
 * the same group name in both modes, defining a symbol named after its
 * mode, and refers to that symbol from an ordinary section. The linker
 * keeps one copy of the group (the first object's); objects of the same
 * mode find the symbol there, but an object of the other mode refers to a
 * symbol whose only definition was discarded with its own copy of the
 * group, and the link fails naming it. GNU ld: "b.o: undefined reference
 * to `irqentry_mode_mismatch_this_object_lacks_IRQENTRY_TESTING'" (b.o was
 * built without IRQENTRY_TESTING, an object linked before it with it);
 * gold and lld: "relocation refers to ... symbol
 * irqentry_mode_mismatch_..., defined in a discarded section". ELF only,
 * hosted builds only, and the check is lost if --gc-sections drops the
 * referring section.
 */
#if defined(__ELF__)
#ifdef IRQENTRY_TESTING
#define IRQENTRY_PRIV_MODE_SYMBOL                                              \
	"irqentry_mode_mismatch_this_object_has_IRQENTRY_TESTING"
#else
#define IRQENTRY_PRIV_MODE_SYMBOL                                              \
	"irqentry_mode_mismatch_this_object_lacks_IRQENTRY_TESTING"
#endif
__asm__(".pushsection .rodata.irqentry_mode,\"aG\",%progbits,irqentry_mode,comdat\n"
	".globl " IRQENTRY_PRIV_MODE_SYMBOL "\n"
	".hidden " IRQENTRY_PRIV_MODE_SYMBOL "\n" IRQENTRY_PRIV_MODE_SYMBOL
	":\n"
	".byte 1\n"
	".popsection\n"
	".pushsection .data.rel.ro.irqentry_mode_ref,\"aw\"\n"
	".balign 8\n"
	".quad " IRQENTRY_PRIV_MODE_SYMBOL "\n"
	".popsection");
#undef IRQENTRY_PRIV_MODE_SYMBOL
#endif

/**
 * irqentry_hosted_cpu - the simulated CPU of this host thread
 *
 * A new thread starts with its own zeroed CPU (status 0: arm64 DAIF clear,
 * RISC-V and x86 interrupts masked); call irqentry_hosted_reset() first.
 *
 * Context: hosted builds only; any.
 * Return: the calling host thread's simulated CPU.
 */
static inline struct irqentry_hosted *irqentry_hosted_cpu(void)
{
	return &irqentry_priv_hosted_cpu;
}

/* Deliver the pending interrupt, and any it raises, while unmasked. */
static inline void irqentry_priv_hosted_deliver(struct irqentry_hosted *cpu)
{
	while (cpu->pending && irqentry_arch_hosted_irqs_open(cpu->status)) {
		irqentry_hosted_irq_fn fn = cpu->pending;
		void *arg = cpu->pending_arg;
		unsigned long interrupted = cpu->status;

		cpu->pending = NULL;
		cpu->pending_arg = NULL;
		cpu->status = irqentry_arch_hosted_trap(interrupted);
		cpu->depth++;
		cpu->delivered++;
		fn(arg, interrupted);
		cpu->depth--;
		cpu->status = interrupted;
	}
}

/* The one place the simulated register is written by a primitive. */
static inline void irqentry_priv_hosted_write(unsigned long value)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();
	unsigned long old_status = cpu->status;

	cpu->status = value;
	cpu->status_writes++;
	if (cpu->on_write)
		cpu->on_write(cpu->on_write_arg, old_status, value);
	irqentry_priv_hosted_deliver(cpu);
}

/**
 * irqentry_hosted_reset - put the simulated CPU in a known state
 * @status: the mask register value to start from (typically the arch's
 *	exception-entry value, e.g. all of DAIF masked)
 *
 * Clears the write count, any pending interrupt and the observer.
 * Context: hosted builds only; not from a simulated interrupt.
 */
static inline void irqentry_hosted_reset(unsigned long status)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();

	cpu->status = status;
	cpu->status_writes = 0;
	cpu->pending = NULL;
	cpu->pending_arg = NULL;
	cpu->delivered = 0;
	cpu->depth = 0;
	cpu->on_write = NULL;
	cpu->on_write_arg = NULL;
}

/**
 * irqentry_hosted_raise - make a simulated interrupt pending
 * @fn: what the interrupt does (typically: build a trap frame from the
 *	interrupted status and call an entry wrapper)
 * @arg: its argument
 *
 * Delivered at once if interrupts are unmasked now, otherwise at the next
 * write that unmasks them. One interrupt is pending at a time; raising
 * another before delivery replaces it.
 * Context: hosted builds only; any, including a simulated interrupt.
 */
static inline void irqentry_hosted_raise(irqentry_hosted_irq_fn fn, void *arg)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();

	cpu->pending = fn;
	cpu->pending_arg = arg;
	irqentry_priv_hosted_deliver(cpu);
}

#endif /* IRQENTRY_HOSTED_H */
