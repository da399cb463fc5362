/* SPDX-License-Identifier: MIT */
/*
 * The init thread of the hypervisor build (HV=1): VMM user threads (one
 * per guest, hv_user.c) running guests through SYS_VCPU_RUN next to
 * ordinary host threads, the six hypervisor scenarios, and the hv-summary
 * line. Every check reads counters the vCPU loop (vmm.c), the scheduler
 * and the guests keep.
 */
#include "kernel.h"
#include "hv_user.h"
#include "user.h"

/* The result lines' prefix (run.sh matches it). */
#define KIND "hv "

#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)

#define GUEST_LIMIT  4096 /* primes below it: 564 */
#define GUEST_PRIMES 564
#define VIRQ_PERIOD  40 /* host ticks: a 500 Hz virtual timer */
#define WINDOW_TESTS 50 /* scenario 4: forced cases of each kind */

static struct guest_shared guests[NR_VCPUS];
static volatile bool kstop;
static unsigned long host_spins;

/* Scenario 5's totals, over every finished guest run. */
static struct {
	unsigned long runs, injected, acked, guest, merged, mismatches;
} virq_tot;

static unsigned long ticks(void)
{
	return READ_ONCE(stats.ticks);
}

/* Wait for a thread to exit, however long a loaded host takes (run.sh's
 * whole-boot timeout is the only limit), and free its slot. */
static int reap(struct thread *t)
{
	while (READ_ONCE(t->state) != THREAD_DEAD)
		kernel_sleep(10);
	return thread_wait(t);
}

/* A host thread: spins with IRQs on, preemptible, counting. */
static void k_host_spin(void *arg)
{
	(void)arg;
	while (!kstop)
		__atomic_fetch_add(&host_spins, 1, __ATOMIC_RELAXED);
}

/* Fill guest @id's parameters and set its vCPU up. */
static void guest_prepare(int id, unsigned long rounds, unsigned long idles,
			  unsigned long period, bool verbose)
{
	struct guest_shared *g = &guests[id];

	memset(g, 0, sizeof(*g));
	g->id = (unsigned long)id;
	g->rounds = rounds;
	g->limit = GUEST_LIMIT;
	g->idles = idles;
	g->verbose = verbose;
	vcpu_setup(id, g, period);
	uvmm.result[id] = -1000;
	uvmm.eintr[id] = uvmm.handled[id] = uvmm.bad[id] = 0;
}

static struct thread *vmm_start(int id)
{
	static const char *const names[NR_VCPUS] = {"vmm0", "vmm1"};

	return uthread_create(names[id], u_vmm, id);
}

/*
 * Scenario 5's bookkeeping for one finished run: the guest's count (its
 * shared page and its HC_EXIT argument), the host's acks, and the host's
 * injections less one still pending must all be the same number.
 */
static bool virq_agree(struct vcpu *v)
{
	unsigned long host = v->virq_injected - (v->virq_line ? 1 : 0);
	bool ok = v->shared->virqs == v->exit_virqs &&
		  v->virq_acks == v->exit_virqs && host == v->exit_virqs;

	virq_tot.runs++;
	virq_tot.injected += v->virq_injected;
	virq_tot.acked += v->virq_acks;
	virq_tot.guest += v->shared->virqs;
	virq_tot.merged += v->virq_merged;
	if (!ok) {
		virq_tot.mismatches++;
		kprintf("guest%d: virq counts differ: guest %lu, exit %lu, acks %lu, host %lu\n",
			v->id, v->shared->virqs, v->exit_virqs, v->virq_acks,
			host);
	}
	return ok;
}

/* The guest's own check and the host's view of its exit. */
static bool guest_ok(int id)
{
	struct vcpu *v = vcpu_get(id);
	struct guest_shared *g = &guests[id];

	return uvmm.result[id] == 0 && v->done && !v->failed &&
	       v->exit_status == 0 && g->errors == 0 &&
	       g->primes == GUEST_PRIMES && uvmm.bad[id] == 0;
}

/*
 * 1 and 2. Two guests run to completion next to a host thread: each
 * checks its own results; exits are counted by reason. Host ticks during
 * guest execution make exits, and the vCPU threads are rescheduled inside
 * irqentry_guest_handle_work(); the host thread gets CPU time.
 */
static bool scenarios_run(void)
{
	struct thread *a, *b, *k;
	struct vcpu *va = vcpu_get(0), *vb = vcpu_get(1);
	unsigned long spins, k_in;
	bool ok1 = true, ok2, r1;
	int i;

	scenario_title(KIND, 1,
		       "two guests run to completion, exits counted by reason");
	guest_prepare(0, 6, 2, VIRQ_PERIOD, true);
	guest_prepare(1, 6, 2, VIRQ_PERIOD, true);
	va->narrate = KERNEL_NARRATE; /* the demo: one exit, step by step */
	kstop = false;
	host_spins = 0;
	k = kthread_create("host-spin", k_host_spin, NULL);
	a = vmm_start(0);
	b = vmm_start(1);
	(void)reap(a);
	(void)reap(b);
	kstop = true;
	k_in = k->switches_out;
	(void)reap(k);
	spins = host_spins;
	for (i = 0; i < NR_VCPUS; i++) {
		struct vcpu *v = vcpu_get(i);

		ok1 &= guest_ok(i) && v->exits[HV_EXIT_HYPERCALL] > 0 &&
		       v->exits[HV_EXIT_IRQ] > 0 && v->exits[HV_EXIT_WFI] > 0 &&
		       v->exits[HV_EXIT_FAULT] > 0 &&
		       v->exits[HV_EXIT_OTHER] == 0 &&
		       guests[i].rounds_done == 6;
		(void)virq_agree(v);
	}
	r1 = scenario_result(
		KIND, 1, "guest completion", ok1,
		"guest0/1 exit %ld/%ld, %lu/%lu primes per round x %lu/%lu rounds; exits guest0 hypercall=%lu irq=%lu wfi=%lu fault=%lu, guest1 hypercall=%lu irq=%lu wfi=%lu fault=%lu",
		va->exit_status, vb->exit_status, guests[0].primes,
		guests[1].primes, guests[0].rounds_done, guests[1].rounds_done,
		va->exits[HV_EXIT_HYPERCALL], va->exits[HV_EXIT_IRQ],
		va->exits[HV_EXIT_WFI], va->exits[HV_EXIT_FAULT],
		vb->exits[HV_EXIT_HYPERCALL], vb->exits[HV_EXIT_IRQ],
		vb->exits[HV_EXIT_WFI], vb->exits[HV_EXIT_FAULT]);
	scenario_title(
		KIND, 2,
		"host ticks reschedule vCPU threads inside the guest work loop");
	ok2 = va->loop_resched > 0 && vb->loop_resched > 0 && spins > 0 &&
	      k_in > 0;
	return scenario_result(
		       KIND, 2, "reschedule in the guest loop", ok2,
		       "vmm0/vmm1 rescheduled %lu/%lu times inside irqentry_guest_handle_work(); host thread switched out %lu times, %lu iterations",
		       va->loop_resched, vb->loop_resched, k_in, spins) &&
	       r1;
}

/*
 * 3. A signal for the VMM while its guest computes ends the run syscall
 * with -EINTR, the handler runs in user mode, the VMM enters again and
 * the guest finishes with its check intact.
 */
static bool scenario_signal(void)
{
	struct vcpu *v = vcpu_get(0);
	unsigned long t0, at, p_kill, p_back;
	struct thread *t;
	long kill_ret;
	bool ok;

	scenario_title(
		KIND, 3,
		"a signal for the VMM ends the run syscall, the VMM re-enters");
	if (KERNEL_NARRATE)
		port_timer_start(NARRATE_HZ);
	/* Computes until told to stop: nothing here races the guest. */
	guest_prepare(0, 0, 0, VIRQ_PERIOD, false);
	t0 = ticks();
	t = vmm_start(0);
	while (READ_ONCE(guests[0].progress) < 4)
		kernel_sleep(1);
	at = ticks() - t0;
	p_kill = READ_ONCE(guests[0].progress);
	kill_ret = kernel_kill(t->tid, SIGUSR1);
	/* Handled, back in the guest, and the guest goes on computing. */
	while (kill_ret == 0 && READ_ONCE(uvmm.eintr[0]) == 0)
		kernel_sleep(1);
	p_back = READ_ONCE(guests[0].progress);
	while (kill_ret == 0 && READ_ONCE(guests[0].progress) < p_back + 32)
		kernel_sleep(1);
	guests[0].stop = 1;
	(void)reap(t);
	if (KERNEL_NARRATE)
		port_timer_start(HZ);
	ok = kill_ret == 0 && guest_ok(0) && guests[0].rounds_done > 0 &&
	     v->signal_exits == 1 && uvmm.eintr[0] == 1 && uvmm.handled[0] == 1;
	(void)virq_agree(v);
	return scenario_result(
		KIND, 3, "signal to the VMM", ok,
		"kill=%ld at guest step %lu (%lu ticks in); %lu run(s) ended by irqentry_os_guest_signal_exit, VMM saw -EINTR %lu, handler ran %lu; guest went on to step %lu, exit %ld, %lu rounds of %lu primes",
		kill_ret, p_kill, at, v->signal_exits, uvmm.eintr[0],
		uvmm.handled[0], guests[0].progress, v->exit_status,
		guests[0].rounds_done, guests[0].primes);
}

/*
 * 4. No lost work at guest entry: (a) work raised with IRQs on just
 * before the loop disables them is caught by the final
 * irqentry_guest_work_pending(); (b) a host timer made pending after the
 * final check makes the guest exit before its first instruction, and the
 * tick is handled. Lost: entries with guest work pending (the detector in
 * vmm.c, over the whole run so far) or a forced timer not taken at once.
 */
static bool scenario_window(void)
{
	struct vcpu *v = vcpu_get(0);
	struct thread *t;
	bool ok;

	scenario_title(KIND, 4, "no work lost at guest entry (forced windows)");
	guest_prepare(0, 3, 1, VIRQ_PERIOD, false);
	v->test_raise = WINDOW_TESTS;
	v->test_pend = WINDOW_TESTS;
	t = vmm_start(0);
	(void)reap(t);
	ok = guest_ok(0) && v->raised == WINDOW_TESTS &&
	     v->raise_caught == WINDOW_TESTS && v->pend_seen == WINDOW_TESTS &&
	     v->pend_lost == 0 && v->lost == 0 && hv_stats.lost == 0;
	(void)virq_agree(v);
	return scenario_result(
		KIND, 4, "no lost work at guest entry", ok,
		"(a) work raised before IRQs off %lu, caught by the final check %lu; (b) host timer forced after it %lu, seen (exit at once, tick handled) %lu, lost %lu; entries with work pending %lu",
		v->raised, v->raise_caught, (unsigned long)WINDOW_TESTS,
		v->pend_seen, v->pend_lost, hv_stats.lost);
}

/* 5. Over every guest run: host and guest virtual timer counts agree. */
static bool scenario_virq(void)
{
	scenario_title(KIND, 5,
		       "virtual timer injection: host and guest counts agree");
	return scenario_result(
		KIND, 5, "virtual interrupts",
		virq_tot.mismatches == 0 && virq_tot.guest > 0 &&
			virq_tot.injected - virq_tot.guest <= virq_tot.runs,
		"%lu runs: host injected %lu (%lu more periods merged into a pending one), guest took %lu, host saw %lu acks, %lu runs disagree",
		virq_tot.runs, virq_tot.injected, virq_tot.merged,
		virq_tot.guest, virq_tot.acked, virq_tot.mismatches);
}

/* Stress: the VMM threads and the signals sent to each. */
static struct {
	struct thread *vmm[NR_VCPUS];
	unsigned long sent[NR_VCPUS];
} stress;

/* Stress: signal the VMMs in turn every few ticks until told to stop. */
static void k_vmm_signaller(void *arg)
{
	int i = 0;

	(void)arg;
	while (!kstop) {
		kernel_sleep(37);
		if (kstop)
			break;
		/* One in flight per VMM, so sent and handled can match. */
		if (uvmm.handled[i] == stress.sent[i] &&
		    kernel_kill(stress.vmm[i]->tid, SIGUSR1) == 0)
			stress.sent[i]++;
		i = (i + 1) % NR_VCPUS;
	}
}

/*
 * 6. Stress: STRESS_TICKS host ticks with both guests running, a host
 * spinner, a user thread making syscalls and a kernel thread signalling
 * the VMMs; 0 debug reports, 0 switch violations, no lost work.
 */
static bool scenario_stress(void)
{
	struct thread **vmm = stress.vmm;
	unsigned long *sent = stress.sent;
	struct thread *k, *s, *u;
	unsigned long t0 = ticks(), e0 = hv_stats.entries;
	unsigned long r0 = hv_stats.loop_resched, sw0 = stats.switches;
	bool ok = true;
	int i, cu, ck;

	scenario_title(KIND, 6,
		       "stress: two guests, host threads and VMM signals");
	narrate_enable(false);
	memset(&ushared, 0, sizeof(ushared));
	for (i = 0; i < NR_VCPUS; i++) {
		guest_prepare(i, 0, 1, 25, false);
		sent[i] = 0;
	}
	kstop = false;
	host_spins = 0;
	for (i = 0; i < NR_VCPUS; i++)
		vmm[i] = vmm_start(i);
	k = kthread_create("host-spin", k_host_spin, NULL);
	u = uthread_create("u-sys", u_stress_sys, 0);
	s = kthread_create("vmm-signal", k_vmm_signaller, NULL);
	while (ticks() < t0 + STRESS_TICKS)
		kernel_sleep(100);
	kstop = true;
	ushared.stop = 1;
	(void)reap(s);
	for (i = 0; i < NR_VCPUS; i++)
		guests[i].stop = 1;
	for (i = 0; i < NR_VCPUS; i++)
		(void)reap(vmm[i]);
	ck = reap(k);
	cu = reap(u);
	for (i = 0; i < NR_VCPUS; i++) {
		ok &= guest_ok(i) && guests[i].rounds_done > 0 &&
		      uvmm.handled[i] == sent[i] &&
		      uvmm.eintr[i] <= uvmm.handled[i];
		(void)virq_agree(vcpu_get(i));
	}
	ok &= cu == 0 && ck == 0 && ushared.sys_errors == 0 && sent[0] > 0 &&
	      sent[1] > 0 && hv_stats.lost == 0 && stats.violations == 0 &&
	      stats.reports == 0 && stats.work_leaks == 0 &&
	      virq_tot.mismatches == 0;
	return scenario_result(
		KIND, 6, "stress", ok,
		"%lu ticks, %lu switches, %lu entries, %lu guest-loop reschedules; guest0/1 %lu/%lu rounds, signals sent %lu/%lu, handled %lu/%lu, -EINTR %lu/%lu; %lu syscalls; lost=%lu violations=%lu reports=%lu",
		ticks() - t0, stats.switches - sw0, hv_stats.entries - e0,
		hv_stats.loop_resched - r0, guests[0].rounds_done,
		guests[1].rounds_done, sent[0], sent[1], uvmm.handled[0],
		uvmm.handled[1], uvmm.eintr[0], uvmm.eintr[1],
		ushared.sys_iters, hv_stats.lost, stats.violations,
		stats.reports);
}

/**
 * init_main - the hypervisor build's init thread
 * @arg: unused
 *
 * Runs the six scenarios, prints hv-summary, stops the machine with 0 if
 * everything passed. Context: kernel thread, IRQs enabled.
 */
void init_main(void *arg)
{
	bool ok = true;

	(void)arg;
	kprintf("irqentry example hypervisor: %s, %d Hz host tick, IRQENTRY_DEBUG=%d%s\n",
		PORT_NAME, HZ, IRQENTRY_DEBUG,
		KERNEL_BREAK ? " (deliberately broken build)" : "");
	port_hv_init();
	if (KERNEL_NARRATE)
		kprintf("narrated trace: each '|' line is one step on the watched vCPU thread: where, the live mask register, the step\n");
	narrate_enable(KERNEL_NARRATE);
	ok &= scenarios_run();
	ok &= scenario_signal();
	ok &= scenario_window();
	ok &= scenario_virq();
	ok &= scenario_stress();
	ok &= stats.ticks >= STRESS_TICKS;
	kprintf("hv-summary: %s ticks=%lu entries=%lu exits: hypercall=%lu irq=%lu wfi=%lu fault=%lu other=%lu loop_resched=%lu signal_exits=%lu lost=%lu violations=%lu reports=%lu %s\n",
		PORT_NAME, stats.ticks, hv_stats.entries,
		hv_stats.exits[HV_EXIT_HYPERCALL], hv_stats.exits[HV_EXIT_IRQ],
		hv_stats.exits[HV_EXIT_WFI], hv_stats.exits[HV_EXIT_FAULT],
		hv_stats.exits[HV_EXIT_OTHER], hv_stats.loop_resched,
		hv_stats.signal_exits, hv_stats.lost, stats.violations,
		stats.reports, ok ? "PASS" : "FAIL");
	port_exit(ok ? 0 : 1);
}
