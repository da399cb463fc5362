/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor build of the example kernel (make HV=1): the port's
 * hypervisor interface, the vCPU structure the core keeps, and the
 * hypercall ABI the guests use.
 *
 * The shape is KVM's: a VMM is a user thread of the host kernel that
 * enters its guest with the SYS_VCPU_RUN syscall; inside it the core runs
 * irqentry's vCPU loop (vmm.c), and the port switches worlds. A port that
 * implements this header builds with HV=1 when its arch.mk names
 * ARCH_HV_SRCS; the guest is built into the same image and runs at the
 * guest privilege level with the guest MMU and stage-2 translation off, so
 * guest physical addresses are host physical addresses.
 *
 * Hypercalls (guest -> host): riscv `ecall` from VS-mode with the number
 * in a7 and arguments in a0..a2, result in a0; arm64 `hvc #0` with the
 * number in x8 and arguments in x0..x2, result in x0. The port decodes
 * them into struct hv_exit; the core never sees registers.
 */
#ifndef KERNEL_HV_H
#define KERNEL_HV_H

#include <stdbool.h>

/* Hypercall numbers (HC_*): also included by guest assembly. */
#define HC_PRINT    1 /* (char) -> 0: one console character */
#define HC_YIELD    2 /* () -> 0: give the host CPU away */
#define HC_EXIT     3 /* (status, virq count) -> does not return */
#define HC_VIRQ_ACK 4 /* (virq count) -> 0: lower the virtual timer line */
#define HC_NULL     5 /* () -> 0: nothing (the benchmark's round trip) */

#ifndef __ASSEMBLER__
#include "hv_arch.h" /* struct port_vcpu, from the port directory */

struct thread;

/* Why the guest stopped running (struct hv_exit.reason). */
enum hv_exit_reason {
	HV_EXIT_HYPERCALL, /* nr, arg[0..2]: the guest's hypercall */
	HV_EXIT_IRQ,       /* a host interrupt; taken when IRQs are enabled */
	HV_EXIT_WFI,       /* the guest idles: block until its next virq */
	HV_EXIT_FAULT,     /* a trap to emulate (port_vcpu_emulate()) */
	HV_EXIT_OTHER,     /* anything else: the run fails */
	HV_EXIT_NR
};

/**
 * struct hv_exit - one guest exit, decoded by the port
 * @reason: the class
 * @nr: HV_EXIT_HYPERCALL: the hypercall number
 * @arg: HV_EXIT_HYPERCALL: its arguments
 * @info: the arch's syndrome (riscv: scause; arm64: ESR_EL2), for messages
 */
struct hv_exit {
	enum hv_exit_reason reason;
	unsigned long nr, arg[3];
	unsigned long info;
};

/*
 * What a guest shares with the host (guest physical == host physical):
 * written by the guest, read by the host's checks, parameters set by the
 * host before the first entry.
 */
struct guest_shared {
	/* host -> guest */
	unsigned long id;     /* which guest */
	unsigned long rounds; /* compute rounds; 0: until stop is set */
	unsigned long limit;  /* primes below this per round */
	unsigned long idles;  /* wfi waits for a virq per round */
	volatile unsigned long stop;
	bool verbose; /* print a hello and a result line */
	/* guest -> host */
	volatile unsigned long virqs;    /* virtual timer interrupts taken */
	volatile unsigned long progress; /* compute steps done */
	volatile unsigned long rounds_done, errors;
	volatile unsigned long primes; /* the count each round found */
	/* benchmark builds: bench_n null hypercalls, their counter total */
	unsigned long bench_n;
	volatile unsigned long bench_total;
	volatile unsigned long times_read; /* emulated counter reads */
};

/**
 * struct vcpu - one virtual CPU: the port's state plus the core's
 * @arch: the port's registers (port_vcpu_*())
 * @shared: the guest's shared page
 * @thread: the VMM thread running it (set by SYS_VCPU_RUN)
 * @active: entered at least once and not exited: the virtual timer runs
 * @done: the guest made HC_EXIT; @exit_status, @exit_virqs its arguments
 *
 * Virtual timer: every @virq_period host ticks (counted in the host tick
 * while @active) @virq_due grows and the VIRQ work bit is set on @thread;
 * irqentry_os_guest_handle_work() raises the line if it is low
 * (@virq_injected) or merges the period into the pending one
 * (@virq_merged); the guest's HC_VIRQ_ACK lowers it (@virq_acks).
 *
 * Counters: @exits by reason, @entries, @signal_exits (runs ended for a
 * signal), @loop_resched (switches inside irqentry_guest_handle_work()),
 * @wfi_blocks (WFI exits that slept), @emulated (faults emulated).
 *
 * Scenario 4: @test_raise and @test_pend are how many more times the loop
 * raises work with IRQs on just before it disables them, and forces a host
 * timer pending after the final check; @raised/@raise_caught,
 * @pend_seen/@pend_lost count the outcomes; @lost counts entries made
 * with guest work pending (the detector, any cause).
 */
struct vcpu {
	struct port_vcpu arch;
	struct guest_shared *shared;
	struct thread *thread;
	int id;
	bool active, done, failed;
	long exit_status;
	unsigned long exit_virqs;
	unsigned long virq_period, virq_next;
	unsigned long virq_due, virq_injected, virq_merged, virq_acks;
	bool virq_line;
	unsigned long exits[HV_EXIT_NR];
	unsigned long entries, signal_exits, loop_resched, wfi_blocks;
	unsigned long emulated;
	unsigned long test_raise, test_pend;
	/* The demo (vmm.c narrate_step()): 1 armed, 2 window open, 3 the
	 * forced exit made, waiting for the re-entry. */
	int narrate;
	bool baseline; /* benchmark builds: the hand-written checks */
	unsigned long raised, raise_caught, pend_seen, pend_lost, lost;
	char line[96];
	unsigned int line_len;
};

#define NR_VCPUS 2

/* The OS guest-work bits (IRQENTRY_OS_GUEST_WORK_MASK in irqentry_os.h):
 * the vCPU's virtual timer is due; scenario 4's probe (nothing to do but
 * clear it: raised where only the final check can still see it, and
 * nothing but the guest work loop clears it). */
#define VCPU_WORK_VIRQ  (1UL << IRQENTRY_WORK_OS_SHIFT)
#define VCPU_WORK_PROBE (2UL << IRQENTRY_WORK_OS_SHIFT)

/*
 * The port's side. Every function runs on the VMM thread inside
 * SYS_VCPU_RUN unless noted; none schedules.
 */

/**
 * port_hv_init - enable virtualization, once at boot
 *
 * riscv: check misa.H, delegate the VS interrupts (hideleg), no guest
 * exception delegation, hcounteren 0 (counter reads trap: the emulated
 * fault), hgatp Bare. arm64: the host runs at EL2 with E2H|TGE, the guest
 * HCR_EL2 value is prepared. Panics if the CPU has no virtualization.
 * Context: the init thread, IRQs enabled, before any vCPU runs.
 */
void port_hv_init(void);

/**
 * port_vcpu_init - set up a vCPU to start a guest
 * @v: the vCPU's registers
 * @entry: guest entry point, called as entry(@arg) at guest privilege
 * @stack: top of the guest stack (16-byte aligned)
 * @arg: the argument (a struct guest_shared pointer)
 *
 * Context: any; the vCPU is not running.
 */
void port_vcpu_init(struct port_vcpu *v, unsigned long entry,
		    unsigned long stack, unsigned long arg);

/**
 * port_vcpu_run - run the guest until its next exit
 * @v: the vCPU
 * @exit: the decoded exit
 *
 * Switches to the guest (loading its virtual interrupt line as last set by
 * port_vcpu_set_virq()), runs it until any trap to the host, saves it and
 * decodes the exit. A host interrupt pending at entry or arriving while
 * the guest runs exits at once and stays pending: the host takes it
 * through its normal kernel-mode IRQ vector (the irqentry wrapper) when
 * the caller enables IRQs. The exit itself goes through no irqentry
 * wrapper: it is not an exception of the host's own context.
 * Context: IRQs disabled on entry and return.
 */
void port_vcpu_run(struct port_vcpu *v, struct hv_exit *exit);

/**
 * port_vcpu_set_hypercall_return - finish a hypercall
 * @v: the vCPU (stopped at the hypercall)
 * @val: the result register's value
 *
 * Also steps the guest PC past the hypercall instruction.
 */
void port_vcpu_set_hypercall_return(struct port_vcpu *v, long val);

/**
 * port_vcpu_skip - step the guest PC past the trapped instruction
 * @v: the vCPU, stopped by an HV_EXIT_WFI exit
 */
void port_vcpu_skip(struct port_vcpu *v);

/**
 * port_vcpu_emulate - emulate the instruction of an HV_EXIT_FAULT exit
 * @v: the vCPU
 * @exit: the exit
 *
 * Return: true if emulated (the PC is stepped past it), false if the
 * guest did something this hypervisor does not emulate (the run fails).
 */
bool port_vcpu_emulate(struct port_vcpu *v, const struct hv_exit *exit);

/**
 * port_vcpu_set_virq - the level of the guest's virtual timer interrupt
 * @v: the vCPU
 * @level: raised or lowered; takes effect at the next port_vcpu_run()
 *
 * riscv: hvip.VSSIP; arm64: HCR_EL2.VI.
 */
void port_vcpu_set_virq(struct port_vcpu *v, bool level);

/** port_vcpu_pc - the guest PC where the vCPU stopped (or starts) */
unsigned long port_vcpu_pc(struct port_vcpu *v);

/**
 * port_hv_bench_init - let the guest read the benchmark counter
 *
 * Benchmark builds (BENCH=1), after port_bench_init(): the guest's
 * guest_bench_counter() reads what port_bench_counter() reads (riscv:
 * instret, hcounteren.IR).
 */
void port_hv_bench_init(void);

/**
 * port_hv_timer_pend - make the host timer interrupt pending now
 *
 * Scenario 4's forced window: called after the final work check, IRQs
 * disabled; the interrupt must make the next guest entry exit at once.
 * The tick handler rearms the periodic timer as after any tick.
 */
void port_hv_timer_pend(void);

/*
 * The guest (guest_main.c, portable, and the port's guest stubs). The
 * guest code runs at guest privilege; it calls nothing in the host.
 */
void guest_main(struct guest_shared *g);
/* Port stubs, guest side: */
long guest_hypercall(long nr, long a0, long a1);
/* Vectors installed with @g as the handler's argument, virq unmasked. */
void guest_irq_enable(struct guest_shared *g);
/* Virtual interrupts masked again: the count the guest reports is final. */
void guest_irq_disable(void);
void guest_wfi(void);
unsigned long guest_read_counter(void);  /* traps: an emulated "fault" */
unsigned long guest_bench_counter(void); /* does not trap (benchmarks) */
/* Called by the port's guest vector for the virtual timer interrupt. */
void guest_virq(struct guest_shared *g);
/* The guest's first instruction (port_vcpu_init()'s entry). */
void guest_start(void);

/*
 * The core's side (vmm.c), for the scenarios and the host tick.
 */
struct vcpu *vcpu_get(int id);
void vcpu_setup(int id, struct guest_shared *g, unsigned long virq_period);
void vmm_tick(unsigned long now);
long sys_vcpu_run(long id);

/* Totals over every vCPU run (vmm.c). */
struct hv_stats {
	unsigned long exits[HV_EXIT_NR];
	unsigned long entries, loop_resched, signal_exits, lost;
};

extern struct hv_stats hv_stats;
extern const char *const hv_exit_names[HV_EXIT_NR];
#endif /* !__ASSEMBLER__ */

#endif /* KERNEL_HV_H */
