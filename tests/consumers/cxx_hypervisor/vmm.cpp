// SPDX-License-Identifier: MIT
//
// Consumer (f): a C++ hypervisor's vCPU loop on irqentry's guest-entry
// work (irqentry_guest_handle_work / irqentry_guest_work_pending), built
// -fno-exceptions -fno-rtti as C++11, C++17 and C++20, and run on the
// simulated CPU. Each guest "run" ends with a scripted exit; a host timer
// interrupt taken on the way out sets NEED_RESCHED, as hardware would.
//
// The checks must be able to fail: VMM_SKIP_FINAL_CHECK builds the classic
// bug (no re-check with interrupts off), and the race scenario must catch it.
#include <stdio.h>

#include <irqentry/testing.h>

HostThread vmm_thread;

namespace
{

enum class Exit { Hlt, Mmio, HostTimer, Shutdown };

// The host's interrupt mask, as the VMM's kernel would provide it.
inline void host_irq_disable()
{
	irqentry_arch_local_irq_disable();
}

inline void host_irq_enable()
{
	irqentry_arch_local_irq_enable();
}

void host_timer_tick(void *, unsigned long)
{
	irqentry_work_set(&vmm_thread.work, IRQENTRY_WORK_NEED_RESCHED);
}

} // namespace

struct Vcpu {
	const Exit *script = nullptr; // what each guest run ends with
	unsigned int script_len = 0;
	unsigned int entries = 0;
	unsigned int entered_with_work = 0; // the bug the loop prevents
	unsigned int entered_with_irqs = 0;
	unsigned int ioreqs_completed = 0;
	bool signal_exit = false;

	int run();

      private:
	Exit enter_guest();
	void handle_exit(Exit e);
};

int vmm_guest_signal_exit(Vcpu *vcpu)
{
	vcpu->signal_exit = true;
	return IRQENTRY_GUEST_EXIT_SIGNAL;
}

int vmm_guest_handle_work(Vcpu *vcpu, unsigned long work)
{
	if (work & VMM_WORK_IOREQ) {
		vcpu->ioreqs_completed++;
		irqentry_work_clear(&vmm_thread.work, VMM_WORK_IOREQ);
	}
	return 0;
}

// The loop of <irqentry/guest.h>: work with interrupts on, then the final
// check with them off, then the guest.
int Vcpu::run()
{
	for (;;) {
		int r = irqentry_guest_handle_work(this);

		if (r)
			return r;
		irqentry_testing_mark("pre-entry"); // lets a test time an IRQ
		host_irq_disable();
#ifndef VMM_SKIP_FINAL_CHECK
		if (irqentry_guest_work_pending()) {
			host_irq_enable();
			continue;
		}
#endif
		Exit e = enter_guest();
		host_irq_enable(); // a host interrupt is taken here
		if (e == Exit::Shutdown)
			return 0;
		handle_exit(e);
	}
}

Exit Vcpu::enter_guest()
{
	constexpr unsigned long guest_work = IRQENTRY_WORK_GUEST_MASK;

	if (!irqentry_arch_irqs_disabled())
		entered_with_irqs++;
	if (irqentry_work_read(&vmm_thread.work) & guest_work)
		entered_with_work++;
	Exit e = entries < script_len ? script[entries] : Exit::Shutdown;
	entries++;
	if (e == Exit::HostTimer) // pending until the VMM unmasks
		irqentry_testing_raise(host_timer_tick, nullptr);
	return e;
}

void Vcpu::handle_exit(Exit e)
{
	if (e == Exit::Mmio)
		irqentry_work_set(&vmm_thread.work, VMM_WORK_IOREQ);
}

namespace
{

unsigned int failures;

void expect(bool ok, const char *what, int line)
{
	if (ok)
		return;
	static char trace[8192];
	irqentry_testing_format(trace, sizeof(trace));
	fprintf(stderr, "vmm.cpp:%d: check failed: %s\n  trace:\n%s", line,
		what, trace);
	failures++;
}

#define EXPECT(cond) expect((cond), #cond, __LINE__)

void reset()
{
	vmm_thread = HostThread();
	// The vCPU thread runs in process context, interrupts on.
	irqentry_testing_reset(IRQENTRY_TESTING_MASK_ON);
}

// A host tick during the guest and an MMIO exit: the tick's reschedule and
// the I/O completion both happen before the next entry, never inside it.
void exits_are_handled_before_reentry()
{
	static const Exit script[] = {Exit::HostTimer, Exit::Mmio, Exit::Hlt};
	Vcpu vcpu;

	reset();
	vcpu.script = script;
	vcpu.script_len = 3;
	EXPECT(vcpu.run() == 0);
	EXPECT(vcpu.entries == 4);
	EXPECT(vmm_thread.schedules == 1);
	EXPECT(vcpu.ioreqs_completed == 1);
	EXPECT(vcpu.entered_with_work == 0 && vcpu.entered_with_irqs == 0);
	EXPECT(irqentry_testing_calls(IRQENTRY_TESTING_SCHEDULE) == 1);
	int s = irqentry_testing_find(IRQENTRY_TESTING_SCHEDULE, 0);
	EXPECT(s >= 0 &&
	       irqentry_testing_event_at(static_cast<unsigned int>(s))->mask ==
		       IRQENTRY_TESTING_MASK_ON);
}

// A pending signal: back to the VMM's user space, the guest not entered.
void signal_returns_to_vmm()
{
	Vcpu vcpu;

	reset();
	irqentry_work_set(&vmm_thread.work, IRQENTRY_WORK_SIGPENDING);
	EXPECT(vcpu.run() == IRQENTRY_GUEST_EXIT_SIGNAL);
	EXPECT(vcpu.signal_exit && vcpu.entries == 0);
	EXPECT(irqentry_work_read(&vmm_thread.work) & IRQENTRY_WORK_SIGPENDING);
}

// The race: an interrupt after the work was handled but before interrupts
// are off sets NEED_RESCHED. Only the final check catches it.
void late_interrupt_is_not_lost()
{
	static const Exit script[] = {Exit::Hlt};
	Vcpu vcpu;

	reset();
	vcpu.script = script;
	vcpu.script_len = 1;
	EXPECT(irqentry_testing_inject_at(IRQENTRY_TESTING_MARK, 1,
					  host_timer_tick, nullptr));
	EXPECT(vcpu.run() == 0);
	EXPECT(irqentry_testing_calls(IRQENTRY_TESTING_IRQ) == 1);
	EXPECT(vcpu.entered_with_work == 0);
	EXPECT(vmm_thread.schedules == 1);
}

} // namespace

int main()
{
	exits_are_handled_before_reentry();
	signal_returns_to_vmm();
	late_interrupt_is_not_lost();
	EXPECT(irqentry_testing_reports() == 0);
	printf("vmm (C++%ld, %s backend): %s\n", __cplusplus / 100 % 100,
	       IRQENTRY_ARCH_NAME, failures ? "FAILED" : "all checks passed");
	return failures ? 1 : 0;
}
