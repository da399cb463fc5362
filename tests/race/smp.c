/* SPDX-License-Identifier: MIT */
/*
 * Simulated CPUs that really run in parallel: one host thread per thread
 * of the OS, each with its own hosted CPU (irqentry_hosted_cpu() is per
 * host thread: the mask register moves with the thread) and its own work
 * word, which the other threads write, running on one of the simulated
 * CPUs (the library's per-CPU blocks, one more than threads) and moving to
 * another in every hook that may schedule (smp_os.h). Each thread, in a
 * loop:
 *   - takes an interrupt from user mode through the backend's IRQ wrapper
 *     (the kick a remote setter sends): the return-to-user work loop,
 *     which migrates in the schedule and signal hooks;
 *   - takes a synchronous exception in kernel mode through the backend's
 *     _enter/_exit pair, whose handler sleeps (migrates) with IRQs on and
 *     sometimes takes a nested kernel-mode interrupt that preempts it
 *     (migrates at nesting depth 2); the exits find the thread's own
 *     nesting depth wherever it resumed;
 *   - runs a VMM's guest-entry loop: irqentry_guest_handle_work() with IRQs
 *     on, then irqentry_guest_work_pending() with IRQs off;
 *   - toggles a bit of its own with irqentry_work_set() and
 *     irqentry_work_clear() / irqentry_work_test_and_clear(), as a kernel's
 *     own flag updates do, on the word the others are setting bits in;
 *   - as a remote CPU, sets bits in the other threads' words with
 *     irqentry_work_set_remote() (the kick's first half).
 * Every (word, bit) has exactly one remote setter, which sets the bit only
 * when it sees it clear, and only the word's owner clears it, so each set
 * is a 0 -> 1 transition that exactly one clear undoes (the owner also
 * sets NEED_RESCHED itself, to be preempted, and counts the transitions it
 * made). A set lost to a racing clear, or a clear lost to a racing set,
 * makes a bit's set and handled counts differ (or leaves the word
 * non-zero) at the end, after a barrier and a last pass of each loop. The
 * hosted CPU must also stay each thread's own: after every wrapper it is
 * masked again, at depth 0. Debug builds must report nothing, and the
 * library may ask for its per-CPU block only with IRQs disabled (the CPU
 * cannot change under it there); at the end each thread breaks the
 * balance on purpose (an exit twice, across a migration) and debug builds
 * must report exactly that, IRQENTRY_RULE_UNBALANCED. Run under
 * ThreadSanitizer too (the tsan configuration of scripts/test).
 *
 * Usage: smp [threads [sets]] (2..8 threads; 0 -> 1 transitions by each)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, pthread_barrier */

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <irqentry/irqentry.h>

struct smp_thread smp_threads[SMP_MAX_CPUS];
struct smp_pcpu smp_pcpus[SMP_MAX_CPUS + 1];
struct smp_pcpu *smp_spare;
__thread struct smp_thread *smp_self;

struct irqentry_cpu *irqentry_os_cpu(void)
{
	/* A per-CPU read is safe only where the thread cannot migrate. */
	if (!irqentry_arch_irqs_disabled())
		smp_self->cpu_irqs_on++;
	return &smp_self->on->entry;
}

static unsigned int ncpus = 4;
static unsigned long n_sets = 100000;
static pthread_barrier_t barrier;
static int setters_done;

/* The bits the remote CPUs set: all the loops' bits. */
static const unsigned long bits[] = {
	IRQENTRY_WORK_NEED_RESCHED,
	IRQENTRY_WORK_NEED_RESCHED_LAZY,
	IRQENTRY_WORK_SIGPENDING,
	IRQENTRY_WORK_NOTIFY_SIGNAL,
	IRQENTRY_WORK_NOTIFY_RESUME,
	SMP_OS_WORK,
	SMP_GUEST_WORK,
};
#define NBITS (sizeof(bits) / sizeof(bits[0]))

/* The one remote CPU that sets bit @i of CPU @target's word. */
static unsigned int setter_of(unsigned int target, unsigned int i)
{
	return (target + 1 + i % (ncpus - 1)) % ncpus;
}

static unsigned int bit_index(unsigned long bit)
{
	unsigned int b = 0;

	while (!(bit & (1UL << b)))
		b++;
	return b;
}

/* The live mask register while the thread runs in user mode. */
#if IRQENTRY_ARCH_ARM64
#define USER_LIVE 0UL
#elif IRQENTRY_ARCH_RISCV
#define USER_LIVE IRQENTRY_RISCV_SSTATUS_SIE
#else
#define USER_LIVE IRQENTRY_X86_RFLAGS_IF
#endif

/* A frame for an interrupt taken in user mode, IRQs on there. */
static struct smp_regs user_frame(void)
{
	struct smp_regs r;

	memset(&r, 0, sizeof(r));
	r.pc = 0x1000;
#if IRQENTRY_ARCH_ARM64
	r.status = 0;
#elif IRQENTRY_ARCH_RISCV
	r.status = IRQENTRY_RISCV_SSTATUS_SPIE;
#else
	r.cs = 0x33;
	r.status = 0x202;
#endif
	return r;
}

/* A frame for an exception taken in kernel mode, IRQs on there. */
static struct smp_regs kernel_frame(void)
{
	struct smp_regs r;

	memset(&r, 0, sizeof(r));
	r.pc = 0xffff800000001000UL;
#if IRQENTRY_ARCH_ARM64
	r.status = IRQENTRY_ARM64_PSTATE_EL1h;
#elif IRQENTRY_ARCH_RISCV
	r.status = IRQENTRY_RISCV_SSTATUS_SPP | IRQENTRY_RISCV_SSTATUS_SPIE;
#else
	r.cs = 0x10;
	r.status = 0x202;
#endif
	return r;
}

#if IRQENTRY_ARCH_ARM64
#define kernel_sync_enter irqentry_arm64_el1_sync_enter
#define kernel_sync_exit  irqentry_arm64_el1_sync_exit
#define kernel_irq        irqentry_arm64_el1_irq
#elif IRQENTRY_ARCH_RISCV
#define kernel_sync_enter irqentry_riscv_exception_enter
#define kernel_sync_exit  irqentry_riscv_exception_exit
#define kernel_irq        irqentry_riscv_irq
#else
#define kernel_sync_enter irqentry_x86_idtentry_enter
#define kernel_sync_exit  irqentry_x86_idtentry_exit
#define kernel_irq        irqentry_x86_idtentry_irq
#endif

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct cpu_run {
	unsigned int id;
	unsigned long long rng;
	unsigned long made, cycles, guest_exits, mask_errors, own_lost;
	unsigned long depth_errors, expected_reports;
	int stalled, imbalance_missed;
};

static void kick(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
}

/* An interrupt from user mode and the return to it (the work loop). */
static void user_return(struct cpu_run *run)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();
	struct smp_regs r = user_frame();

	cpu->status = irqentry_arch_hosted_trap(USER_LIVE);
#if IRQENTRY_ARCH_ARM64
	irqentry_arm64_el0_irq(&r, kick, NULL);
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_irq(&r, kick, NULL);
#else
	irqentry_x86_idtentry_irq(&r, kick, NULL);
#endif
	/* Back at the return instruction: masked, on this thread's CPU. */
	if (irqentry_arch_hosted_irqs_open(cpu->status) || cpu->depth)
		run->mask_errors++;
	cpu->status = USER_LIVE; /* ERET / SRET / IRET */
}

/* The owner's own NEED_RESCHED, to be preempted: count a 0 -> 1 it made. */
static void own_resched(void)
{
	unsigned long bit = IRQENTRY_WORK_NEED_RESCHED;

	if (!(__atomic_fetch_or(&smp_self->work, bit, __ATOMIC_RELAXED) & bit))
		smp_self->own_sets[bit_index(bit)]++;
}

/* The thread's debug block, read by the test without the hooks. */
static struct irqentry_thread *smp_dbg(void)
{
#ifdef SMP_THREAD_IN_CPU
	return &smp_self->on->entry.thread;
#else
	return &smp_self->dbg;
#endif
}

/* The debug nesting depth is the thread's own, wherever it runs now. */
static void check_depth(struct cpu_run *run, unsigned int want)
{
	if (IRQENTRY_DEBUG && smp_dbg()->depth != want)
		run->depth_errors++;
}

/*
 * A kernel-mode synchronous exception whose handler sleeps: the thread
 * resumes on another CPU inside the entry (depth 1), and in one case of
 * two takes an interrupt there that preempts it (depth 2), before the
 * exit. No library call sits between the enter and the exit to save
 * anything: the exits find the depth in the thread's own block.
 */
static void kernel_sleep(struct cpu_run *run, int nested)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();
	struct smp_regs r = kernel_frame();
	irqentry_state_t state;

	cpu->status = irqentry_arch_hosted_trap(USER_LIVE);
	state = kernel_sync_enter(&r);
	/* The handler, IRQs on as in the interrupted context. */
	check_depth(run, 1);
	smp_migrate(); /* sleeps; woken on another CPU */
	check_depth(run, 1);
	if (nested) {
		struct smp_regs n = kernel_frame();
		unsigned long live = cpu->status;

		own_resched();
		cpu->status = irqentry_arch_hosted_trap(live);
		kernel_irq(&n, kick, NULL); /* preempted: migrates at depth 2 */
		if (irqentry_arch_hosted_irqs_open(cpu->status) || cpu->depth)
			run->mask_errors++;
		cpu->status = live; /* ERET / SRET / IRET to the handler */
		check_depth(run, 1);
	}
	kernel_sync_exit(&r, state);
	if (irqentry_arch_hosted_irqs_open(cpu->status) || cpu->depth)
		run->mask_errors++;
	cpu->status = USER_LIVE; /* back to the interrupted kernel code */
	check_depth(run, 0);
}

/*
 * A real imbalance is still reported across a migration: the same exit
 * twice (the second has no enter). Debug builds report it once, as
 * IRQENTRY_RULE_UNBALANCED; the depth stays the thread's (0).
 */
static void imbalance(struct cpu_run *run)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();
	struct smp_regs r = kernel_frame();
	irqentry_state_t state;
	unsigned long before = smp_self->reports;

	cpu->status = irqentry_arch_hosted_trap(USER_LIVE);
	state = kernel_sync_enter(&r);
	smp_migrate();
	kernel_sync_exit(&r, state);
	cpu->status = USER_LIVE; /* the handler's state, once more */
	smp_migrate();
	kernel_sync_exit(&r, state);
	cpu->status = USER_LIVE;
	if (IRQENTRY_DEBUG) {
		run->expected_reports++;
		if (smp_self->reports != before + 1 ||
		    smp_self->last_report != IRQENTRY_RULE_UNBALANCED)
			run->imbalance_missed = 1;
	}
	check_depth(run, 0);
}

/* A VMM's guest entry: work with IRQs on, the final check with them off. */
static void guest_entry(struct cpu_run *run)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();
	int vcpu = (int)run->id;

	cpu->status = irqentry_arch_hosted_trap(USER_LIVE); /* ioctl entry */
	for (;;) {
		irqentry_arch_local_irq_enable();
		if (irqentry_guest_handle_work(&vcpu) != 0) {
			run->guest_exits++; /* a signal: back to user mode */
			break;
		}
		irqentry_arch_local_irq_disable();
		if (!irqentry_guest_work_pending())
			break; /* the guest would run now */
	}
	irqentry_arch_local_irq_disable();
	if (irqentry_arch_hosted_irqs_open(cpu->status) || cpu->depth)
		run->mask_errors++;
	cpu->status = USER_LIVE;
}

/* The owner's own flag, on the word the other CPUs are writing. */
static void own_flag(struct cpu_run *run)
{
	unsigned long *word = &smp_self->work;

	irqentry_work_set(word, SMP_LOCAL);
	irqentry_work_clear(word, SMP_LOCAL);
	irqentry_work_set(word, SMP_LOCAL);
	if (irqentry_work_test_and_clear(word, SMP_LOCAL) != SMP_LOCAL)
		run->own_lost++;
}

/* As a remote CPU: one attempt at setting a bit this CPU owns. */
static void remote_set(struct cpu_run *run)
{
	unsigned int target, i;

	run->rng ^= run->rng << 13;
	run->rng ^= run->rng >> 7;
	run->rng ^= run->rng << 17;
	target = (unsigned int)(run->rng % ncpus);
	i = (unsigned int)((run->rng >> 16) % NBITS);
	if (target == run->id || setter_of(target, i) != run->id)
		return;
	/* Only a bit seen clear is set; the owner may have set it since
	 * (NEED_RESCHED), so a 0 -> 1 transition is counted only when the
	 * set made it. The kick (an IPI) would follow here. */
	if (irqentry_work_read(&smp_threads[target].work) & bits[i])
		return;
	if (!irqentry_work_set_remote(&smp_threads[target].work, bits[i]))
		smp_threads[target].sets[bit_index(bits[i])]++;
	run->made++;
}

static void *cpu_main(void *arg)
{
	struct cpu_run *run = arg;
	unsigned long last = 0, tries = 0;
	double since = now();
	int quota_done = 0;
	unsigned int idle = 0;

	smp_self = &smp_threads[run->id];
	smp_self->first_report = -1;
	smp_self->last_report = -1;
	smp_self->on = &smp_pcpus[run->id];
	irqentry_hosted_reset(irqentry_arch_hosted_trap(USER_LIVE));
	/* The thread starts in user mode (as it would after a switch). */
	smp_dbg()->in_user = 1;
	irqentry_hosted_cpu()->status = USER_LIVE;
	while (__atomic_load_n(&setters_done, __ATOMIC_ACQUIRE) < (int)ncpus) {
		unsigned int k;

		if (!quota_done) {
			unsigned long before = run->made;

			for (k = 0; k < 8 && run->made < n_sets; k++)
				remote_set(run);
			/* Every bit this CPU may set stays set: its targets
			 * are not running (more threads than host cores).
			 * Spin a little (a running target clears them at
			 * once, and that is the race), then yield. */
			if (run->made != before)
				idle = 0;
			else if (++idle % 64 == 0)
				sched_yield();
			if (run->made >= n_sets) {
				quota_done = 1;
				__atomic_fetch_add(&setters_done, 1,
						   __ATOMIC_RELEASE);
			} else if ((++tries & 0xff) == 0) {
				/* 30 s without a transition: a loop stopped
				 * clearing a bit. End the run (and fail). */
				if (run->made != last) {
					last = run->made;
					since = now();
				} else if (now() - since > 30.0) {
					run->stalled = 1;
					quota_done = 1;
					__atomic_fetch_add(&setters_done, 1,
							   __ATOMIC_RELEASE);
				}
			}
		} else if (++idle % 16 == 0) {
			sched_yield(); /* leave the cores to the setters */
		}
		user_return(run);
		kernel_sleep(run, (int)(run->cycles & 1));
		guest_entry(run);
		own_flag(run);
		run->cycles++;
	}
	/* Every CPU has made its last set: one more pass of each loop
	 * handles everything that is left (a signal ends the guest loop, so
	 * the user return comes between two guest entries). */
	pthread_barrier_wait(&barrier);
	guest_entry(run);
	user_return(run);
	guest_entry(run);
	imbalance(run);
	pthread_barrier_wait(&barrier);
	return NULL;
}

int main(int argc, char **argv)
{
	struct cpu_run runs[SMP_MAX_CPUS];
	pthread_t t[SMP_MAX_CPUS];
	unsigned long cycles = 0, total = 0, handled = 0, exits = 0;
	unsigned long migrations = 0;
	unsigned int c, b;
	int bad = 0;

	if (argc > 1)
		ncpus = (unsigned int)strtoul(argv[1], NULL, 0);
	if (argc > 2)
		n_sets = strtoul(argv[2], NULL, 0);
	if (ncpus < 2 || ncpus > SMP_MAX_CPUS) {
		fprintf(stderr, "smp: 2..%d CPUs\n", SMP_MAX_CPUS);
		return EXIT_FAILURE;
	}
	pthread_barrier_init(&barrier, NULL, ncpus);
	smp_spare = &smp_pcpus[ncpus]; /* one CPU more than threads */
	for (c = 0; c < ncpus; c++) {
		memset(&runs[c], 0, sizeof(runs[c]));
		runs[c].id = c;
		runs[c].rng = 0x9e3779b97f4a7c15ULL * (c + 1);
		if (pthread_create(&t[c], NULL, cpu_main, &runs[c]) != 0) {
			perror("smp: pthread_create");
			return EXIT_FAILURE;
		}
	}
	for (c = 0; c < ncpus; c++)
		pthread_join(t[c], NULL);
	for (c = 0; c < ncpus; c++) {
		struct smp_thread *cpu = &smp_threads[c];
		unsigned long left = irqentry_work_read(&cpu->work);

		for (b = 0; b < SMP_NBITS; b++) {
			unsigned long sets = cpu->sets[b] + cpu->own_sets[b];

			total += sets;
			handled += cpu->handled[b];
			if (sets != cpu->handled[b]) {
				fprintf(stderr,
					"smp: thread %u bit %u set %lu times, "
					"handled %lu (a %s)\n",
					c, b, sets, cpu->handled[b],
					sets > cpu->handled[b] ? "lost set"
							       : "lost clear");
				bad = 1;
			}
		}
		if (left) {
			fprintf(stderr, "smp: cpu %u word left %#lx\n", c,
				left);
			bad = 1;
		}
		if (cpu->reports != runs[c].expected_reports) {
			fprintf(stderr,
				"smp: thread %u: %lu debug reports (%lu "
				"expected), the first rule %d\n",
				c, cpu->reports, runs[c].expected_reports,
				cpu->first_report);
			bad = 1;
		}
		if (runs[c].imbalance_missed) {
			fprintf(stderr,
				"smp: thread %u: an exit without an enter was "
				"not reported as IRQENTRY_RULE_UNBALANCED "
				"(last rule %d)\n",
				c, cpu->last_report);
			bad = 1;
		}
		if (cpu->cpu_irqs_on) {
			fprintf(stderr,
				"smp: thread %u: irqentry_os_cpu() called %lu "
				"times with IRQs enabled (the thread may "
				"migrate under a per-CPU read)\n",
				c, cpu->cpu_irqs_on);
			bad = 1;
		}
		if (runs[c].mask_errors || runs[c].own_lost ||
		    runs[c].stalled || runs[c].depth_errors) {
			fprintf(stderr,
				"smp: thread %u: %lu mask-register errors, %lu "
				"lost own-flag sets, %lu wrong nesting "
				"depths%s\n",
				c, runs[c].mask_errors, runs[c].own_lost,
				runs[c].depth_errors,
				runs[c].stalled ? ", stalled 30 s" : "");
			bad = 1;
		}
		migrations += cpu->migrations;
		if (runs[c].made != n_sets)
			bad = 1;
		cycles += runs[c].cycles;
		exits += runs[c].guest_exits;
	}
	printf("smp: %s backend, IRQENTRY_DEBUG=%d: %u threads on %u CPUs, "
	       "%lu loop cycles, %lu migrations, %lu bit sets, %lu handled "
	       "(%lu guest exits for a signal)\n",
	       IRQENTRY_ARCH_NAME, IRQENTRY_DEBUG, ncpus, ncpus + 1, cycles,
	       migrations, total, handled, exits);
	if (bad) {
		printf("smp: FAILED\n");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}
