/* SPDX-License-Identifier: MIT */
/*
 * The port's hypervisor interface (HV builds), as agreed for issue 15; the
 * portable side (vmm.c, hv_scenarios.c) replaces this draft.
 */
#ifndef KERNEL_HV_H
#define KERNEL_HV_H

#include <stdbool.h>
#include "hv_arch.h"

/* Hypercall numbers (arm64: hvc #0, number in x8, arguments x0..x2,
 * result in x0). */
#define HC_NULL     0
#define HC_PRINT    1
#define HC_YIELD    2
#define HC_EXIT     3
#define HC_VIRQ_ACK 4

enum hv_exit_reason {
	HV_EXIT_HYPERCALL,
	HV_EXIT_IRQ,
	HV_EXIT_WFI,
	HV_EXIT_FAULT,
	HV_EXIT_OTHER,
};

struct hv_exit {
	enum hv_exit_reason reason;
	unsigned long nr, arg[3];
	unsigned long info;
};

void port_hv_init(void);
void port_vcpu_init(struct port_vcpu *v, unsigned long entry,
		    unsigned long stack, unsigned long arg);
void port_vcpu_run(struct port_vcpu *v, struct hv_exit *exit);
void port_vcpu_set_hypercall_return(struct port_vcpu *v, long val);
void port_vcpu_set_virq(struct port_vcpu *v, bool level);
void port_hv_timer_pend(void);

#endif /* KERNEL_HV_H */
