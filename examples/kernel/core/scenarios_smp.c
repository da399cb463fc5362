/* SPDX-License-Identifier: MIT */
/*
 * The SMP scenarios, run by init instead of the single-CPU ones when the
 * kernel found more than one CPU.
 */
#include "kernel.h"
#include "user.h"

/* Placeholder until the scenarios land: nothing checked is a failure. */
bool smp_scenarios(void)
{
	kprintf("smp scenarios: not implemented\n");
	return false;
}
