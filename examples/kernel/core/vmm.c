/* SPDX-License-Identifier: MIT */
/*
 * The "run vCPU" syscall of the hypervisor build (HV=1): irqentry's vCPU
 * loop, the exit handling, the virtual timer and the guest-entry hooks.
 *
 * The loop (Linux: kvm_arch_vcpu_ioctl_run() in arch/riscv/kvm/vcpu.c and
 * arch/arm64/kvm/arm.c, with xfer_to_guest_mode_handle_work() from
 * kernel/entry/kvm.c):
 *
 *	for (;;) {
 *		r = irqentry_guest_handle_work(vcpu);    IRQs on, may schedule
 *		if (r)
 *			return r;                         signal: -EINTR
 *		preempt_disable(); IRQs off;
 *		if (irqentry_guest_work_pending()) {     the final check
 *			IRQs on; preempt_enable_no_resched(); continue;
 *		}
 *		port_vcpu_run(vcpu, &exit);               IRQs off throughout
 *		IRQs on;          the host IRQ that made the exit is taken here
 *		preempt_enable_no_resched();
 *		handle the exit;
 *	}
 *
 * The preempt count around the guest entry is Linux's: the host IRQ taken
 * when IRQs come back on sets NEED_RESCHED but does not preempt there; the
 * reschedule happens at the top of the loop, inside
 * irqentry_guest_handle_work(), where the vCPU thread is in a clean state.
 */
#include "kernel.h"

/* Benchmark builds: the hand-written checks, in the same image, for the
 * null hypercall comparison (hv_bench.c). */
#if KERNEL_BENCH
#include "baseline/guest.h"
#define GUEST_HANDLE_WORK(v)                                                   \
	(baseline ? bl_guest_handle_work(v) : irqentry_guest_handle_work(v))
#define GUEST_WORK_PENDING()                                                   \
	(baseline ? bl_guest_work_pending() : irqentry_guest_work_pending())
#else
#define GUEST_HANDLE_WORK(v) irqentry_guest_handle_work(v)
#define GUEST_WORK_PENDING() irqentry_guest_work_pending()
#endif

#define GUEST_STACK_SIZE 4096

struct hv_stats hv_stats;

const char *const hv_exit_names[HV_EXIT_NR] = {
	[HV_EXIT_HYPERCALL] = "hypercall",
	[HV_EXIT_IRQ] = "irq",
	[HV_EXIT_WFI] = "wfi",
	[HV_EXIT_FAULT] = "fault",
	[HV_EXIT_OTHER] = "other",
};

static struct vcpu vcpus[NR_VCPUS];
static unsigned char guest_stacks[NR_VCPUS][GUEST_STACK_SIZE]
	__attribute__((aligned(16)));

/**
 * vcpu_get - the vCPU with number @id, or NULL
 * @id: 0..NR_VCPUS-1
 *
 * Context: any.
 */
struct vcpu *vcpu_get(int id)
{
	return id >= 0 && id < NR_VCPUS ? &vcpus[id] : NULL;
}

/**
 * vcpu_setup - (re)start vCPU @id on a fresh guest
 * @id: the vCPU
 * @g: the guest's shared page (its parameters already filled in)
 * @virq_period: the virtual timer period in host ticks
 *
 * Context: IRQs enabled, the vCPU not in a run (no VMM inside
 * SYS_VCPU_RUN for it). Does not schedule.
 */
void vcpu_setup(int id, struct guest_shared *g, unsigned long virq_period)
{
	struct vcpu *v = &vcpus[id];
	unsigned long flags = port_irq_save(); /* vmm_tick() reads it */

	memset(v, 0, sizeof(*v));
	v->id = id;
	v->shared = g;
	v->virq_period = virq_period;
	port_vcpu_init(&v->arch, (unsigned long)guest_start,
		       (unsigned long)(guest_stacks[id] + GUEST_STACK_SIZE),
		       (unsigned long)g);
	port_irq_restore(flags);
}

/**
 * vmm_tick - the virtual timers, from the host tick
 * @now: the tick count
 *
 * A vCPU whose period elapsed gets one more due interrupt and the VIRQ
 * work bit on its VMM thread: the next pass of its vCPU loop injects it
 * (irqentry_os_guest_handle_work()). If the guest is running, the tick
 * has already made it exit.
 * Context: the host timer IRQ handler, IRQs disabled.
 */
void vmm_tick(unsigned long now)
{
	int i;

	for (i = 0; i < NR_VCPUS; i++) {
		struct vcpu *v = &vcpus[i];

		if (!v->active || !v->thread || now < v->virq_next)
			continue;
		v->virq_next = now + v->virq_period;
		v->virq_due++;
		irqentry_work_set(&v->thread->work, VCPU_WORK_VIRQ);
	}
}

/*
 * Hook: a signal is pending for the VMM thread. The run syscall ends with
 * -EINTR; the library's exit to user mode delivers the signal, the
 * handler runs in user mode, and the VMM calls SYS_VCPU_RUN again.
 * Context: IRQs enabled.
 */
int irqentry_os_guest_signal_exit(struct vcpu *v)
{
	v->signal_exits++;
	hv_stats.signal_exits++;
	narrate("guest work loop: SIGPENDING -> irqentry_os_guest_signal_exit(): run ends with -EINTR, to the VMM");
	return -EINTR;
}

/*
 * Hook: the OS guest-work bits. VCPU_WORK_PROBE: clear it. VCPU_WORK_VIRQ:
 * the virtual timer is due: raise the guest's line, or fold the period
 * into the interrupt still pending (the guest has not taken it yet).
 * Context: IRQs enabled.
 */
int irqentry_os_guest_handle_work(struct vcpu *v, unsigned long work)
{
	if (work & VCPU_WORK_PROBE) {
		irqentry_work_clear(&current->work, VCPU_WORK_PROBE);
		narrate("guest work loop: probe bit cleared");
	}
	if (!(work & VCPU_WORK_VIRQ))
		return 0;
	irqentry_work_clear(&current->work, VCPU_WORK_VIRQ);
	if (v->virq_line) {
		v->virq_merged++;
		return 0;
	}
	v->virq_line = true;
	v->virq_injected++;
	port_vcpu_set_virq(&v->arch, true);
	narrate("guest work loop: VIRQ -> virtual timer line raised (injection %lu)",
		v->virq_injected);
	return 0;
}

/* Linux's preempt_enable_no_resched(): drop the count, leave an owed
 * reschedule to the loop's irqentry_guest_handle_work(). */
static void preempt_enable_no_resched(void)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&current->preempt_count, current->preempt_count - 1,
			 __ATOMIC_RELAXED);
}

/*
 * The demo (narrated builds, v->narrate set by the scenario): open a
 * window on the vCPU thread at an entry, force that entry to exit with a
 * host timer interrupt, and close the window when the thread enters the
 * guest again after the reschedule. The tick is slowed to NARRATE_HZ for
 * the window (printing a step takes longer than a 20 kHz period).
 * Context: IRQs disabled, right before a guest entry.
 */
static void narrate_step(struct vcpu *v)
{
	if (!KERNEL_NARRATE || !v->narrate)
		return;
	if (v->narrate == 1) {
		port_timer_start(NARRATE_HZ);
		narrate_begin("vcpu");
		v->narrate = 2;
	} else if (v->narrate == 3) {
		narrate("vcpu loop: back from the reschedule, final check clean: re-enter the guest");
		narrate_end();
		port_timer_start(HZ);
		v->narrate = 0;
	}
}

static bool guest_work(void)
{
	return irqentry_work_read(&current->work) & IRQENTRY_WORK_GUEST_MASK;
}

/* HC_PRINT: collect a line, print it whole. */
static void guest_putc(struct vcpu *v, char c)
{
	if (c != '\n' && v->line_len < sizeof(v->line) - 1) {
		v->line[v->line_len++] = c;
		return;
	}
	v->line[v->line_len] = '\0';
	kprintf("guest%d: %s\n", v->id, v->line);
	v->line_len = 0;
}

/*
 * A WFI exit: the vCPU thread sleeps until the guest has something to
 * wake for (its virtual timer due or pending) or the VMM has work (a
 * signal, a kill). Context: IRQs enabled; schedules.
 */
static void guest_idle(struct vcpu *v)
{
	bool slept = false;

	port_vcpu_skip(&v->arch);
	while (!v->virq_line &&
	       !(irqentry_work_read(&current->work) &
		 (VCPU_WORK_VIRQ | IRQENTRY_WORK_SIGNAL_MASK))) {
		kernel_sleep(1);
		slept = true;
	}
	if (slept)
		v->wfi_blocks++;
}

/*
 * Handle one exit with IRQs enabled. Return: 1 to enter the guest again,
 * 0 when the guest exited (v->exit_status), a negative error otherwise.
 */
static long handle_exit(struct vcpu *v, const struct hv_exit *e)
{
	long ret = 0;

	switch (e->reason) {
	case HV_EXIT_IRQ:
		/* Already handled: taken when the loop enabled IRQs. */
		return 1;
	case HV_EXIT_WFI:
		guest_idle(v);
		return 1;
	case HV_EXIT_FAULT:
		if (!port_vcpu_emulate(&v->arch, e)) {
			kprintf("guest%d: unemulated trap 0x%lx at pc 0x%lx\n",
				v->id, e->info, port_vcpu_pc(&v->arch));
			v->failed = true;
			return -EFAULT;
		}
		v->emulated++;
		return 1;
	case HV_EXIT_HYPERCALL:
		break;
	default:
		kprintf("guest%d: unexpected exit 0x%lx at pc 0x%lx\n", v->id,
			e->info, port_vcpu_pc(&v->arch));
		v->failed = true;
		return -EFAULT;
	}
	switch (e->nr) {
	case HC_PRINT:
		guest_putc(v, (char)e->arg[0]);
		break;
	case HC_YIELD:
		schedule();
		break;
	case HC_EXIT:
		v->done = true;
		v->active = false;
		v->exit_status = (long)e->arg[0];
		v->exit_virqs = e->arg[1];
		return 0;
	case HC_VIRQ_ACK:
		v->virq_acks++;
		if (e->arg[0] != v->virq_acks || !v->virq_line)
			v->failed = true; /* the guest's count must match */
		v->virq_line = false;
		port_vcpu_set_virq(&v->arch, false);
		break;
	case HC_NULL:
		break;
	default:
		ret = -ENOSYS;
		break;
	}
	port_vcpu_set_hypercall_return(&v->arch, ret);
	return 1;
}

/*
 * The entry itself, IRQs disabled, after the final check said "no work".
 * The detector of scenario 4: work pending here would be carried into
 * the guest and wait for its next exit (lost). Scenario 4(b): force the
 * host timer pending right here, after the check.
 */
static void enter_guest(struct vcpu *v, struct hv_exit *e, bool pend)
{
	if (guest_work()) {
		v->lost++;
		hv_stats.lost++;
	}
	if (pend)
		port_hv_timer_pend();
	v->entries++;
	hv_stats.entries++;
	port_vcpu_run(&v->arch, e);
	v->exits[e->reason]++;
	hv_stats.exits[e->reason]++;
}

/*
 * The vCPU loop. @baseline (benchmark builds only, a constant in each
 * caller) swaps the library's two checks for the hand-written ones of
 * bench/baseline/guest.h; everything else is the same code.
 */
static inline __attribute__((always_inline)) long vcpu_loop(struct vcpu *v,
							    const bool baseline)
{
	struct hv_exit e;

	(void)baseline;
	for (;;) {
		unsigned long sw = current->loop_switches, pc = 0, t0 = 0;
		bool raise = false, pend = false;
		long r;

		narrate("vcpu loop: irqentry_guest_handle_work() with IRQs on");
		r = GUEST_HANDLE_WORK(v);
		v->loop_resched += current->loop_switches - sw;
		hv_stats.loop_resched += current->loop_switches - sw;
		if (r)
			return r;
		/* Scenario 4(a): work raised with IRQs on, just before they
		 * go off: only the final check can still see it (the probe
		 * bit: a tick preempting right here does not consume it). */
		if (v->test_raise) {
			v->test_raise--;
			v->raised++;
			raise = true;
			irqentry_work_set(&current->work, VCPU_WORK_PROBE);
		}
		preempt_disable();
		port_irq_disable();
		if (GUEST_WORK_PENDING()) {
			if (raise)
				v->raise_caught++;
			narrate("vcpu loop: IRQs off, irqentry_guest_work_pending(): work -> back to the work loop");
			port_irq_enable();
			preempt_enable_no_resched();
			continue;
		}
		if (v->test_pend) {
			v->test_pend--;
			pend = true;
			pc = port_vcpu_pc(&v->arch);
			t0 = stats.ticks;
		}
		narrate_step(v);
		narrate("vcpu loop: IRQs off, irqentry_guest_work_pending() = false: enter the guest at pc 0x%lx",
			port_vcpu_pc(&v->arch));
		if (v->narrate == 2) {
			v->narrate = 3;
			narrate("vcpu loop: (demo) host timer made pending now, after the final check");
			port_hv_timer_pend();
		}
		enter_guest(v, &e, pend);
		narrate("guest exit: %s (0x%lx) at pc 0x%lx, IRQs still off",
			hv_exit_names[e.reason], e.info,
			port_vcpu_pc(&v->arch));
		port_irq_enable();
		preempt_enable_no_resched();
		narrate("vcpu loop: IRQs on again, preempt count 0 (no preemption here: the loop reschedules)");
		if (pend) {
			/* Exited before one guest instruction ran, and the
			 * tick was handled when IRQs came on. */
			if (e.reason == HV_EXIT_IRQ &&
			    port_vcpu_pc(&v->arch) == pc && stats.ticks != t0)
				v->pend_seen++;
			else
				v->pend_lost++;
		}
		r = handle_exit(v, &e);
		if (r <= 0)
			return r == 0 ? v->exit_status : r;
	}
}

/**
 * sys_vcpu_run - SYS_VCPU_RUN: run vCPU @id until its guest exits
 * @id: the vCPU, set up by vcpu_setup()
 *
 * Context: syscall, IRQs enabled, may schedule.
 * Return: the guest's HC_EXIT status (also on a call after it exited),
 * -EINTR when a signal for the VMM ended the run (call again after
 * handling it), -EINVAL for a bad vCPU, -EFAULT if the guest did
 * something this hypervisor cannot handle.
 */
long sys_vcpu_run(long id)
{
	struct vcpu *v = vcpu_get((int)id);
	unsigned long flags;

	if (!v || !v->shared)
		return -EINVAL;
	if (v->done)
		return v->exit_status;
	if (v->failed)
		return -EFAULT;
	flags = port_irq_save();
	v->thread = current;
	if (!v->active) {
		v->active = true;
		v->virq_next = stats.ticks + v->virq_period;
	}
	port_irq_restore(flags);
	if (KERNEL_BENCH && v->baseline)
		return vcpu_loop(v, true);
	return vcpu_loop(v, false);
}
