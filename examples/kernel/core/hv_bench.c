/* SPDX-License-Identifier: MIT */
/*
 * Benchmark mode of the hypervisor build (make HV=1 BENCH=1): the
 * instructions of a null hypercall round trip (guest exit, host handling
 * in the vCPU loop, guest entry), counted by the guest around each
 * HC_NULL under QEMU's -icount shift=0. The same boot runs it through
 * irqentry's checks and through the hand-written ones of
 * bench/baseline/guest.h (vmm.c picks by vcpu->baseline); bench/run
 * divides.
 */
#include "kernel.h"
#include "hv_user.h"

#define BENCH_N 1000

static struct guest_shared bench_guest;

/* One VMM run of vCPU 0 to the guest's exit, no ticks: yield to it. */
static unsigned long bench_run(bool baseline)
{
	struct thread *t;

	memset(&bench_guest, 0, sizeof(bench_guest));
	bench_guest.bench_n = BENCH_N;
	vcpu_setup(0, &bench_guest, ~0UL >> 1);
	vcpu_get(0)->baseline = baseline;
	t = uthread_create("vmm-bench", u_vmm, 0);
	while (__atomic_load_n(&t->state, __ATOMIC_RELAXED) != THREAD_DEAD)
		schedule();
	t->state = THREAD_FREE;
	return uvmm.result[0] == 0 ? bench_guest.bench_total : 0;
}

static void report(bool baseline, unsigned long total)
{
	kprintf("bench: %s %s hypercall=%lu.%03lu n=%d ticks=%lu\n", PORT_NAME,
		baseline ? "baseline" : "irqentry", total / BENCH_N,
		(total % BENCH_N) * 1000 / BENCH_N, BENCH_N, stats.ticks);
}

/**
 * bench_main - the benchmark thread of HV=1 BENCH=1 builds
 * @arg: unused
 *
 * Context: kernel thread, IRQs enabled, no periodic tick.
 */
void bench_main(void *arg)
{
	unsigned long lib, base;

	(void)arg;
	port_bench_init();
	port_hv_init();
	port_hv_bench_init();
	kprintf("bench: %s hypervisor, IRQENTRY_DEBUG=%d\n", PORT_NAME,
		IRQENTRY_DEBUG);
	lib = bench_run(false);
	base = bench_run(true);
	report(false, lib);
	report(true, base);
	kprintf("bench: %s done\n", PORT_NAME);
	port_exit(lib && base ? 0 : 1);
}
