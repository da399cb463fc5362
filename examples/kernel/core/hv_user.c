/* SPDX-License-Identifier: MIT */
/*
 * The VMMs of the hypervisor build: user programs (linked into the user
 * text with user.c) that run a guest with SYS_VCPU_RUN, KVM_RUN style. A
 * signal ends the run with -EINTR after its handler ran; the VMM counts
 * it and enters again.
 */
#include "port.h"
#include "hv_user.h"

struct uvmm uvmm;

static long u_getpid(void)
{
	return port_user_syscall(SYS_GETPID, 0, 0, 0);
}

/* One handler per VMM, so the handler needs no syscall to know whose
 * signal it is (its sigreturn is the next syscall). */
static void u_vmm_count(int id, long sig)
{
	if (sig == SIGUSR1)
		uvmm.handled[id]++;
	else
		uvmm.bad[id]++;
}

static void u_vmm0_on_signal(long sig)
{
	u_vmm_count(0, sig);
}

static void u_vmm1_on_signal(long sig)
{
	u_vmm_count(1, sig);
}

static void (*const u_vmm_handlers[UVMM_MAX])(long) = {
	u_vmm0_on_signal,
	u_vmm1_on_signal,
};

/**
 * u_vmm - a VMM: run vCPU @id until its guest exits
 * @id: the vCPU (0..UVMM_MAX-1), set up by the host
 *
 * uvmm.result[id] gets SYS_VCPU_RUN's final result (the guest's exit
 * status, or a negative error), uvmm.eintr[id] the runs a signal ended.
 * Context: user mode.
 */
void u_vmm(long id)
{
	long r;

	uvmm.tid[id] = u_getpid();
	(void)port_user_syscall(SYS_SIGACTION, (long)u_vmm_handlers[id], 0, 0);
	for (;;) {
		r = port_user_syscall(SYS_VCPU_RUN, id, 0, 0);
		if (r != -EINTR)
			break;
		uvmm.eintr[id]++;
	}
	uvmm.result[id] = r;
	(void)port_user_syscall(SYS_EXIT, 0, 0, 0);
	for (;;)
		;
}
