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

/* Which VMM runs this handler: the tid the VMM stored at its start. */
static void u_vmm_on_signal(long sig)
{
	long pid = u_getpid();
	int i;

	for (i = 0; i < UVMM_MAX; i++)
		if (uvmm.tid[i] == pid) {
			if (sig == SIGUSR1)
				uvmm.handled[i]++;
			else
				uvmm.bad[i]++;
		}
}

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
	(void)port_user_syscall(SYS_SIGACTION, (long)u_vmm_on_signal, 0, 0);
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
