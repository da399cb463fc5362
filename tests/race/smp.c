/* SPDX-License-Identifier: MIT */
/*
 * Simulated CPUs that really run in parallel: one host thread per CPU,
 * each with its own hosted CPU (irqentry_hosted_cpu() is per host thread)
 * and its own library per-CPU block, running one thread whose work word the
 * other CPUs write. Each CPU, in a loop:
 *   - takes an interrupt from user mode through the backend's IRQ wrapper
 *     (the kick a remote setter would send): the return-to-user work loop;
 *   - runs a VMM's guest-entry loop: irqentry_guest_handle_work() with IRQs
 *     on, then irqentry_guest_work_pending() with IRQs off;
 *   - toggles a bit of its own with irqentry_work_set() and
 *     irqentry_work_clear() / irqentry_work_test_and_clear(), as a kernel's
 *     own flag updates do, on the word the others are setting bits in;
 *   - as a remote CPU, sets bits in the other CPUs' words.
 * Every (word, bit) has exactly one remote setter, which sets the bit only
 * when it sees it clear, and only the word's owner clears it, so each set
 * is a 0 -> 1 transition that exactly one clear undoes. A set lost to a
 * racing clear, or a clear lost to a racing set, makes a bit's set and
 * handled counts differ (or leaves the word non-zero) at the end, after a
 * barrier and a last pass of each loop. The hosted CPU must also stay each
 * thread's own: after every wrapper it is masked again, at depth 0. Run
 * under ThreadSanitizer too (the tsan configuration of scripts/test).
 *
 * Usage: smp [cpus [sets]] (2..8 CPUs; 0 -> 1 transitions per CPU)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, pthread_barrier */

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <irqentry/irqentry.h>

struct smp_cpu smp_cpus[SMP_MAX_CPUS];
__thread struct smp_cpu *smp_self;

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
	int stalled;
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
	/* Only a bit seen clear is set: a 0 -> 1 transition. */
	if (irqentry_work_read(&smp_cpus[target].work) & bits[i])
		return;
	irqentry_work_set(&smp_cpus[target].work, bits[i]);
	smp_cpus[target].sets[bit_index(bits[i])]++;
	run->made++;
}

static void *cpu_main(void *arg)
{
	struct cpu_run *run = arg;
	unsigned long last = 0, tries = 0;
	double since = now();
	int quota_done = 0;
	unsigned int idle = 0;

	smp_self = &smp_cpus[run->id];
	smp_self->first_report = -1;
	irqentry_hosted_reset(irqentry_arch_hosted_trap(USER_LIVE));
	smp_self->entry.in_user = 1; /* the thread starts in user mode */
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
	pthread_barrier_wait(&barrier);
	return NULL;
}

int main(int argc, char **argv)
{
	struct cpu_run runs[SMP_MAX_CPUS];
	pthread_t t[SMP_MAX_CPUS];
	unsigned long cycles = 0, total = 0, handled = 0, exits = 0;
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
		struct smp_cpu *cpu = &smp_cpus[c];
		unsigned long left = irqentry_work_read(&cpu->work);

		for (b = 0; b < SMP_NBITS; b++) {
			total += cpu->sets[b];
			handled += cpu->handled[b];
			if (cpu->sets[b] != cpu->handled[b]) {
				fprintf(stderr,
					"smp: cpu %u bit %u set %lu times, "
					"handled %lu (a %s)\n",
					c, b, cpu->sets[b], cpu->handled[b],
					cpu->sets[b] > cpu->handled[b]
						? "lost set"
						: "lost clear");
				bad = 1;
			}
		}
		if (left) {
			fprintf(stderr, "smp: cpu %u word left %#lx\n", c,
				left);
			bad = 1;
		}
		if (cpu->reports) {
			fprintf(stderr,
				"smp: cpu %u: %lu debug reports, the first "
				"rule %d\n",
				c, cpu->reports, cpu->first_report);
			bad = 1;
		}
		if (runs[c].mask_errors || runs[c].own_lost ||
		    runs[c].stalled) {
			fprintf(stderr,
				"smp: cpu %u: %lu mask-register errors, %lu "
				"lost own-flag sets%s\n",
				c, runs[c].mask_errors, runs[c].own_lost,
				runs[c].stalled ? ", stalled 30 s" : "");
			bad = 1;
		}
		if (runs[c].made != n_sets)
			bad = 1;
		cycles += runs[c].cycles;
		exits += runs[c].guest_exits;
	}
	printf("smp: %s backend, IRQENTRY_DEBUG=%d: %u CPUs, %lu loop cycles, "
	       "%lu remote bit sets, %lu handled (%lu guest exits for a "
	       "signal)\n",
	       IRQENTRY_ARCH_NAME, IRQENTRY_DEBUG, ncpus, cycles, total,
	       handled, exits);
	if (bad) {
		printf("smp: FAILED\n");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}
