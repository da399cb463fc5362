/* SPDX-License-Identifier: MIT */
/*
 * The init thread: runs the eight scenarios in order, prints one result
 * line each and the summary, and stops the machine with the exit status.
 * Every check reads counters the scheduler, the hooks and the user
 * programs keep; nothing here touches the library directly except
 * irqentry_in_nmi() and the work word.
 */
#include "kernel.h"
#include "user.h"

/* The result lines' prefix (run.sh matches it). */
#define KIND ""

#define TIMEOUT 4000 /* ticks (0.2 s) for any one wait */

static volatile bool kstop;
static struct k_atomic_run katom_run;

static unsigned long ticks(void)
{
	return READ_ONCE(jiffies);
}

/* Sleep until @cond holds or TIMEOUT ticks pass. */
#define WAIT_UNTIL(cond)                                                       \
	do {                                                                   \
		unsigned long deadline_ = ticks() + TIMEOUT;                   \
		while (!(cond) && ticks() < deadline_)                         \
			kernel_sleep(1);                                       \
	} while (0)

/*
 * Wait for a thread to exit. A user thread that does not within TIMEOUT
 * is killed (a broken kernel fails fast instead of hanging); kernel
 * threads here all stop on their own deadline or on kstop.
 */
static int reap(struct thread *t)
{
	WAIT_UNTIL(READ_ONCE(t->state) == THREAD_DEAD);
	if (READ_ONCE(t->state) != THREAD_DEAD && t->user) {
		kprintf("%s did not exit within %d ticks: killed\n", t->name,
			TIMEOUT);
		thread_kill(t);
	}
	return thread_wait(t);
}

/*
 * 1. Two user threads spin without a syscall. Only the timer gets them
 * off the CPU, and the library does that in the user work loop of the IRQ
 * return (irqentry_os_schedule()), never in a kernel preempt step.
 */
static bool scenario_user_preempt(void)
{
	struct thread *a, *b;
	unsigned long a_out, a_loop, a_irq, b_out, b_loop, b_irq, a_sc, b_sc;
	int ca, cb;

	scenario_title(
		KIND, 1,
		"a user thread spinning is preempted by the timer in the user work loop");
	memset(&ushared, 0, sizeof(ushared));
	a = uthread_create("uspin-a", u_spinner, 0);
	b = uthread_create("uspin-b", u_spinner, 1);
	narrate_watch(a, PORT_VEC_USER_IRQ);
	WAIT_UNTIL(READ_ONCE(a->loop_switches) >= 5 &&
		   READ_ONCE(b->loop_switches) >= 5);
	/* Snapshot while both are off the CPU (init is running). */
	a_out = a->switches_out;
	a_loop = a->loop_switches;
	a_irq = a->irq_preemptions;
	a_sc = a->syscalls;
	b_out = b->switches_out;
	b_loop = b->loop_switches;
	b_irq = b->irq_preemptions;
	b_sc = b->syscalls;
	ushared.stop = 1;
	ca = reap(a);
	cb = reap(b);
	/*
	 * Every switch-out is the work loop's, or a tick that interrupted
	 * the work loop itself (it runs with IRQs on): kernel-mode
	 * preemption of the loop. None is voluntary, none from a syscall.
	 */
	return scenario_result(
		KIND, 1, "user preemption",
		ca == 0 && cb == 0 && a_loop >= 5 && b_loop >= 5 &&
			a_out == a_loop + a_irq && b_out == b_loop + b_irq &&
			a_sc == 0 && b_sc == 0 && ushared.spin[0] &&
			ushared.spin[1],
		"uspin-a/b switched out %lu/%lu times in the user work loop (+%lu/%lu by ticks inside it), %lu/%lu syscalls, %lu/%lu iterations",
		a_loop, b_loop, a_irq, b_irq, a_sc, b_sc, ushared.spin[0],
		ushared.spin[1]);
}

/* 2a: spin with IRQs on and preempt count 0 until preempted 3 times. */
static void k_spin_preempted(void *arg)
{
	unsigned long deadline = ticks() + TIMEOUT;

	(void)arg;
	while (READ_ONCE(current->irq_preemptions) < 3 && ticks() < deadline)
		cpu_relax();
	thread_exit(current->irq_preemptions >= 3 ? 0 : 1);
}

static void k_spin_until_stop(void *arg)
{
	(void)arg;
	while (!kstop)
		cpu_relax();
}

/* 2b: what k-atomic saw, for the result line. */
static struct {
	unsigned long switched; /* switch-outs while the count was 1 */
	bool kept;              /* NEED_RESCHED still set when it dropped */
	bool paid;              /* ... and preempt_enable() switched */
} atomic_seen;

/* 2b: five ticks with preempt count 1, then the owed preemption. */
static void k_atomic_section(void *arg)
{
	struct thread *self = current;
	unsigned long t0, sw, owed;

	(void)arg;
	narrate_note("k-atomic: preempt_disable(), spin 5 ticks with IRQs on");
	preempt_disable();
	narrate_watch(self, PORT_VEC_KERNEL_IRQ);
	sw = READ_ONCE(self->switches_out);
	t0 = ticks();
	while (ticks() < t0 + 5)
		cpu_relax();
	atomic_seen.switched = READ_ONCE(self->switches_out) - sw;
	atomic_seen.kept = need_resched();
	owed = self->owed_preemptions;
	narrate_begin("thread");
	preempt_enable();
	narrate_end();
	atomic_seen.paid = self->owed_preemptions == owed + 1;
}

/*
 * 2. Kernel preemption: preempted on IRQ exit by the preempt step when the
 * count is 0; with a count > 0 not preempted, and the owed reschedule is
 * paid the moment the count drops.
 */
static bool scenario_kernel_preempt(void)
{
	struct thread *a, *b, *c, *p;
	unsigned long ap, bp;
	int ca, cb;

	scenario_title(
		KIND, 2,
		"kernel threads: preempted in the IRQ preempt step at count 0, not at count 1 (owed, paid by preempt_enable)");
	a = kthread_create("kspin-a", k_spin_preempted, NULL);
	b = kthread_create("kspin-b", k_spin_preempted, NULL);
	narrate_watch(a, PORT_VEC_KERNEL_IRQ);
	ca = reap(a);
	ap = a->irq_preemptions;
	cb = reap(b);
	bp = b->irq_preemptions;

	kstop = false;
	memset(&atomic_seen, 0, sizeof(atomic_seen));
	p = kthread_create("k-partner", k_spin_until_stop, NULL);
	c = kthread_create("k-atomic", k_atomic_section, NULL);
	(void)reap(c);
	kstop = true;
	(void)reap(p);
	return scenario_result(
		KIND, 2, "kernel preemption",
		ca == 0 && cb == 0 && atomic_seen.switched == 0 &&
			atomic_seen.kept && atomic_seen.paid,
		"kspin-a/b preempted %lu/%lu times in the preempt step of an IRQ exit; k-atomic at count 1 for 5 ticks: %lu switches, NEED_RESCHED %s, owed preemption %s",
		ap, bp, atomic_seen.switched,
		atomic_seen.kept ? "kept" : "LOST",
		atomic_seen.paid ? "paid inside preempt_enable()"
				 : "NOT paid by preempt_enable()");
}

/* 3. Every syscall from user mode, and numbers the library must reject. */
static bool scenario_syscalls(void)
{
	struct thread *t;
	int code, tid;
	bool ok;

	scenario_title(KIND, 3,
		       "syscalls from user mode, valid and invalid numbers");
	memset(&ushared, 0, sizeof(ushared));
	t = uthread_create("usys", u_syscalls, (long)port_bad_address());
	tid = t->tid;
	narrate_watch(t, PORT_VEC_SYSCALL);
	code = reap(t);
	ok = code == 0 && ushared.pid == tid && ushared.res_pid_again == tid &&
	     ushared.res_write == ushared.want_write &&
	     ushared.res_bad_nr == -ENOSYS && ushared.res_neg_nr == -ENOSYS &&
	     ushared.res_yield == 0 && ushared.res_sleep >= 3 &&
	     ushared.res_efault == -EFAULT && ushared.res_kill == -ESRCH &&
	     t->syscalls == 8;
	return scenario_result(
		KIND, 3, "syscalls", ok,
		"getpid=%ld write=%ld nr999=%ld nr-1=%ld yield=%ld sleep(3)=%ld write(bad)=%ld kill(9999)=%ld, %lu dispatched",
		ushared.pid, ushared.res_write, ushared.res_bad_nr,
		ushared.res_neg_nr, ushared.res_yield, ushared.res_sleep,
		ushared.res_efault, ushared.res_kill, t->syscalls);
}

/*
 * 4. A signal from another thread reaches a compute-bound target (no
 * syscall between sigaction and the handler) on its next return to user
 * mode, and sigreturn restores the registers its loop lives in.
 */
static bool scenario_signals(void)
{
	struct thread *tgt, *snd;
	int ct, cs;
	bool ok;

	scenario_title(
		KIND, 4,
		"a signal for a compute-bound user thread, delivered on its next return to user mode");
	memset(&ushared, 0, sizeof(ushared));
	tgt = uthread_create("usig-tgt", u_sigtarget, 0);
	snd = uthread_create("usig-snd", u_sigsender, tgt->tid);
	cs = reap(snd);
	ct = reap(tgt);
	/* sigaction, sigreturn, exit: nothing else. */
	ok = ct == 0 && cs == 0 && ushared.kill_ret == 0 &&
	     ushared.sig_seen == SIGUSR1 && tgt->signals_delivered == 1 &&
	     tgt->sigreturns == 1 && tgt->syscalls == 3 &&
	     stats.work_leaks == 0;
	return scenario_result(
		KIND, 4, "signals", ok,
		"kill=%ld, handler saw %ld, delivered %lu, sigreturn %lu, target made %lu syscalls in %lu iterations, state check %s",
		ushared.kill_ret, ushared.sig_seen, tgt->signals_delivered,
		tgt->sigreturns, tgt->syscalls, ushared.sig_iters,
		ct == 0 ? "ok" : "CORRUPT");
}

/* 5. A kernel load from a bad address, fixed up by the exception table. */
static bool scenario_fault(void)
{
	unsigned long before = stats.faults_fixed, v = 0;
	int r;

	scenario_title(
		KIND, 5,
		"a kernel fault (data abort, page fault, #PF) fixed up through the exception table");
	narrate_watch(current, PORT_VEC_KERNEL_FAULT);
	r = port_probe_read((const unsigned long *)port_bad_address(), &v);
	return scenario_result(
		KIND, 5, "kernel fault fix-up",
		r == -EFAULT && stats.faults_fixed == before + 1,
		"load from 0x%lx returned %d, execution continued; %lu faults fixed so far",
		port_bad_address(), r, stats.faults_fixed);
}

/*
 * 6. An NMI-class entry with everything inviting a preemption (IRQs on,
 * count 0, NEED_RESCHED set) must neither preempt nor run work.
 */
static bool scenario_nmi(void)
{
	unsigned long sw, sw_after, nmi, t0;
	bool still;
	int tries = 0;

	scenario_title(KIND, 6, "an NMI-class entry never schedules");
	if (!PORT_HAS_NMI)
		return scenario_result(KIND, 6, "nmi", true,
				       "skipped: no NMI-class entry");
	narrate_watch(current, PORT_VEC_NMI);
	/* A tick inside the window may preempt legitimately: retry then. */
	do {
		t0 = ticks();
		sw = READ_ONCE(current->switches_out);
		nmi = stats.nmi;
		irqentry_work_set(&current->work, IRQENTRY_WORK_NEED_RESCHED);
		port_nmi_trigger();
		sw_after = READ_ONCE(current->switches_out);
		still = need_resched();
	} while (ticks() != t0 && ++tries < 10);
	schedule(); /* pay the reschedule now */
	return scenario_result(
		KIND, 6, "nmi",
		stats.nmi == nmi + 1 && still && sw_after == sw &&
			stats.nmi_bad == 0,
		"NMI-class entry with IRQs on, count 0 and NEED_RESCHED set: %lu switches inside, NEED_RESCHED %s after it, handler saw irqentry_in_nmi() > 0: %s",
		sw_after - sw, still ? "still set" : "CONSUMED",
		stats.nmi_bad == 0 ? "yes" : "NO");
}

void k_stress_atomic(void *arg)
{
	struct k_atomic_run *run = (struct k_atomic_run *)arg;
	unsigned long i, v, sw;
	int spin;

	for (i = 0; !run->stop; i++) {
		preempt_disable();
		sw = READ_ONCE(current->switches_out);
		for (spin = 0; spin < 2000; spin++)
			cpu_relax();
		if (READ_ONCE(current->switches_out) != sw)
			run->errors++;
		preempt_enable();
		if ((i & 15) == 0 &&
		    port_probe_read((const unsigned long *)port_bad_address(),
				    &v) != -EFAULT)
			run->errors++;
		if (PORT_HAS_NMI && (i & 63) == 0)
			port_nmi_trigger();
	}
}

/*
 * 8. Everything at once for STRESS_TICKS ticks: user syscalls, a signal
 * ping-pong with a compute-bound target, a preemptible kernel spinner, a
 * kernel thread in and out of preempt-disabled sections taking faults and
 * NMIs, and an NMI from the tick handler every 97 ticks.
 */
static bool scenario_stress(void)
{
	struct thread *usys, *utgt, *usnd, *katom, *kspin;
	unsigned long t0 = ticks(), sw0 = stats.switches;
	unsigned long sc0 = stats.syscalls, sig0 = stats.signals;
	int c1, c2, c3, c4, c5;
	bool ok;

	scenario_title(
		KIND, 8,
		"stress: 10,000 ticks of preemption, syscalls, signals, faults and NMIs");
	narrate_enable(false);
	if (KERNEL_NARRATE)
		port_timer_start(HZ);
	memset(&ushared, 0, sizeof(ushared));
	kstop = false;
	katom_run.stop = false;
	katom_run.errors = 0;
	usys = uthread_create("u-sys", u_stress_sys, 0);
	utgt = uthread_create("u-sigtgt", u_stress_sigtarget, 0);
	usnd = uthread_create("u-sigsnd", u_stress_sigsender, utgt->tid);
	katom = kthread_create("k-atomic", k_stress_atomic, &katom_run);
	kspin = kthread_create("k-spin", k_spin_until_stop, NULL);
	tick_nmi_period = PORT_HAS_NMI ? 97 : 0;
	while (ticks() < t0 + STRESS_TICKS)
		kernel_sleep(100);
	tick_nmi_period = 0;
	ushared.stop = 1;
	kstop = true;
	katom_run.stop = true;
	c1 = reap(usys);
	c2 = reap(usnd);
	c3 = reap(utgt);
	c4 = reap(katom);
	c5 = reap(kspin);
	ok = !c1 && !c2 && !c3 && !c4 && !c5 && ushared.sys_errors == 0 &&
	     ushared.check_errors == 0 && katom_run.errors == 0 &&
	     ushared.sig_sent > 0 && ushared.sig_sent == ushared.sig_handled &&
	     utgt->signals_delivered == ushared.sig_sent &&
	     stats.work_leaks == 0 && stats.user_faults == 0;
	return scenario_result(
		KIND, 8, "stress", ok,
		"%lu ticks, %lu switches, %lu syscalls, %lu/%lu signals sent/handled, %lu NMIs from the tick, errors %lu/%lu/%lu",
		ticks() - t0, stats.switches - sw0, stats.syscalls - sc0,
		ushared.sig_sent, stats.signals - sig0, stats.nmi_in_irq,
		ushared.sys_errors, ushared.check_errors, katom_run.errors);
}

/* 7. Summed over the whole run: every switch was in a legal state. */
static bool scenario_switch_state(void)
{
	return scenario_result(
		KIND, 7, "switch mask state",
		stats.violations == 0 && stats.reports == 0 &&
			stats.work_leaks == 0 && stats.nmi_bad == 0,
		"%lu switches, violations=%lu (schedule with a forbidden mask, IRQs on, count > 0), library reports=%lu, work left at return to user=%lu",
		stats.switches, stats.violations, stats.reports,
		stats.work_leaks);
}

/* "a/b/c/d": each CPU's tick count, for the summary line. */
static size_t kvsnprintf_cpu_ticks(char *buf, size_t size)
{
	size_t n = 0;
	unsigned int c;

	buf[0] = '\0';
	for (c = 0; c < nr_cpus && n + 24 < size; c++)
		n += ksnprintf(buf + n, size - n, c ? "/%lu" : "%lu",
			       READ_ONCE(cpus[c].ticks));
	return n;
}

void init_main(void *arg)
{
	char per_cpu[100];
	bool ok = true;

	(void)arg;
	kprintf("irqentry example kernel: %s, %d Hz tick, IRQENTRY_DEBUG=%d%s\n",
		PORT_NAME, HZ, IRQENTRY_DEBUG,
		KERNEL_BREAK ? " (deliberately broken build)" : "");
	/* Printing a narrated step takes longer than a 20 kHz tick period:
	 * narrate at a slower tick, so the trace is not all nested ticks. */
	if (KERNEL_NARRATE) {
		port_timer_start(NARRATE_HZ);
		kprintf("narrated trace at %d Hz: each '|' line is one step irqentry took inside the port's wrapper: vector, live mask register, step\n",
			NARRATE_HZ);
	}
	narrate_enable(KERNEL_NARRATE);
	/*
	 * The eight scenarios count switches and ticks as if they had the
	 * machine to themselves (a spinner is switched out only when another
	 * thread waits for its CPU), so they run on one CPU; with more, the
	 * SMP scenarios (scenarios_smp.c) run instead.
	 */
	if (nr_cpus > 1) {
		ok &= smp_scenarios();
	} else {
		ok &= scenario_user_preempt();
		ok &= scenario_kernel_preempt();
		ok &= scenario_syscalls();
		ok &= scenario_signals();
		ok &= scenario_fault();
		ok &= scenario_nmi();
		ok &= scenario_stress();
		ok &= scenario_switch_state();
	}
	ok &= stats.ticks >= STRESS_TICKS;
	ok &= stats.resume_bad == 0;
	(void)kvsnprintf_cpu_ticks(per_cpu, sizeof(per_cpu));
	kprintf("summary: %s ticks=%lu preemptions=%lu user_loop_switches=%lu kernel_preemptions=%lu owed_preemptions=%lu syscalls=%lu signals=%lu faults_fixed=%lu nmi=%lu cpus=%u ticks_cpu=%s violations=%lu reports=%lu %s\n",
		PORT_NAME, stats.ticks,
		stats.user_loop_switches + stats.kernel_preemptions +
			stats.owed_preemptions,
		stats.user_loop_switches, stats.kernel_preemptions,
		stats.owed_preemptions, stats.syscalls, stats.signals,
		stats.faults_fixed, stats.nmi, nr_cpus, per_cpu,
		stats.violations + stats.resume_bad, stats.reports,
		ok ? "PASS" : "FAIL");
	port_exit(ok ? 0 : 1);
}
