/* SPDX-License-Identifier: MIT */
/*
 * The VMM user programs (hv_user.c) and what they share with the
 * hypervisor scenarios.
 */
#ifndef KERNEL_HV_USER_H
#define KERNEL_HV_USER_H

#include "abi.h"

#define UVMM_MAX 2

struct uvmm {
	volatile long tid[UVMM_MAX];
	volatile long result[UVMM_MAX];
	volatile unsigned long eintr[UVMM_MAX];   /* runs ended by a signal */
	volatile unsigned long handled[UVMM_MAX]; /* SIGUSR1 handler runs */
	volatile unsigned long bad[UVMM_MAX];     /* other signals */
};

extern struct uvmm uvmm;

void u_vmm(long id);

#endif /* KERNEL_HV_USER_H */
