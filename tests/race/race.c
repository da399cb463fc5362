/* SPDX-License-Identifier: MIT */
/*
 * A real race: a second thread sets work bits with the library's atomic
 * helpers while this thread runs the return-to-user work loop and the
 * guest-entry loop in a tight cycle. The setter only sets a bit it has
 * just seen clear, and only the loops clear bits, so each of its sets is
 * a 0 -> 1 transition that exactly one hook call must undo: at the end
 * (setter joined, one more pass of each loop) the word must be 0 and the
 * handled count of every bit must equal its set count. Run under
 * ThreadSanitizer too (the tsan configuration of scripts/test).
 *
 * Usage: race [sets] (0 -> 1 transitions the second thread makes)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <irqentry/irqentry.h>

unsigned long race_work;
unsigned long race_handled[RACE_NBITS];
unsigned long race_reports;

static unsigned long sets[RACE_NBITS];
static unsigned long n_sets = 1000000;
static int done;

void race_count(unsigned long cleared)
{
	unsigned int b;

	for (b = 0; b < RACE_NBITS; b++)
		if (cleared & (1UL << b))
			race_handled[b]++;
}

void race_report(int rule, const char *message)
{
	race_reports++;
	fprintf(stderr, "race: debug report %d: %s\n", rule, message);
}

static const unsigned long bits[] = {
	IRQENTRY_WORK_NEED_RESCHED,
	IRQENTRY_WORK_NEED_RESCHED_LAZY,
	IRQENTRY_WORK_SIGPENDING,
	IRQENTRY_WORK_NOTIFY_SIGNAL,
	IRQENTRY_WORK_NOTIFY_RESUME,
	RACE_OS_WORK,
	RACE_GUEST_WORK,
};
#define NBITS (sizeof(bits) / sizeof(bits[0]))

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *setter(void *arg)
{
	unsigned long long rng = 0x9e3779b97f4a7c15ULL;
	unsigned long made = 0, tries = 0, last = 0;
	double since = now();

	(void)arg;
	/* n_sets transitions. A loop that stops clearing bits stalls this
	 * thread: 30 s without a transition ends the run (and fails it). */
	while (made < n_sets) {
		unsigned long bit;
		unsigned int b;

		if ((++tries & 0xfff) == 0) {
			if (made != last) {
				last = made;
				since = now();
			} else if (now() - since > 30.0) {
				break;
			}
			sched_yield(); /* a loaded machine: let the loop run */
		}
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		bit = bits[rng % NBITS];
		/* Only a bit seen clear is set: a 0 -> 1 transition. */
		if (irqentry_work_read(&race_work) & bit)
			continue;
		irqentry_work_set(&race_work, bit);
		made++;
		for (b = 0; b < RACE_NBITS; b++)
			if (bit == 1UL << b)
				sets[b]++;
	}
	__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* A frame returning to user mode, with interrupts on there. */
static struct race_regs user_frame(void)
{
	struct race_regs r;

	memset(&r, 0, sizeof(r));
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

/* One user return and one guest entry, as the CPU would run them. */
static void cycle(struct race_regs *r, unsigned long *guest_exits)
{
	int vcpu = 0;

	irqentry_enter_from_user_mode(r);
	irqentry_exit_to_user_mode(r);
	if (irqentry_guest_handle_work(&vcpu) != 0)
		(*guest_exits)++;
}

int main(int argc, char **argv)
{
	struct race_regs r = user_frame();
	unsigned long cycles = 0, guest_exits = 0, total = 0, left;
	unsigned int b;
	pthread_t t;
	int bad = 0;

	if (argc > 1)
		n_sets = strtoul(argv[1], NULL, 0);
	irqentry_hosted_reset(0);
	irqentry_arch_local_irq_disable();
	irqentry_os_thread()->in_user = 1;
	if (pthread_create(&t, NULL, setter, NULL) != 0) {
		perror("race: pthread_create");
		return EXIT_FAILURE;
	}
	while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
		cycle(&r, &guest_exits);
		cycles++;
	}
	pthread_join(t, NULL);
	/* Everything set before this point must be handled by this pass. */
	cycle(&r, &guest_exits);
	left = irqentry_work_read(&race_work);
	for (b = 0; b < RACE_NBITS; b++) {
		total += sets[b];
		if (sets[b] != race_handled[b]) {
			fprintf(stderr,
				"race: bit %u set %lu times, handled %lu\n", b,
				sets[b], race_handled[b]);
			bad = 1;
		}
	}
	printf("race: %s backend, IRQENTRY_DEBUG=%d: %lu loop cycles against "
	       "%lu bit sets from a second thread (%lu guest exits for a "
	       "signal); word left %#lx, %lu reports\n",
	       IRQENTRY_ARCH_NAME, IRQENTRY_DEBUG, cycles, total, guest_exits,
	       left, race_reports);
	if (left || bad || race_reports || total != n_sets) {
		printf("race: FAILED\n");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}
