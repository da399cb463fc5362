/* SPDX-License-Identifier: MIT */
/*
 * Shared test harness: the hosted CPU's arch-specific values, trap-frame
 * builders, the per-test reset, and the exact-trace comparison. Every suite
 * is compiled once per backend (IRQENTRY_ARCH_* forced, IRQENTRY_HOSTED).
 */
#ifndef IRQENTRY_TEST_HARNESS_H
#define IRQENTRY_TEST_HARNESS_H

#include <check.h>
#include <stdio.h>
#include <string.h>

#include <irqentry/irqentry.h>

/*
 * The interrupt-mask bits of the live register (what the traces record):
 * arm64 DAIF, RISC-V SIE, x86 IF. S_TRAP: the state the generic core is
 * called in after an exception; S_ON: enabled by the library; S_OFF:
 * disabled again by the library from S_ON; S_HWTRAP: what the hardware
 * sets when it takes an interrupt.
 *
 * On arm64 the hardware masks all of DAIF, and the arm64 wrappers open D and
 * A (PROCCTX_NOIRQ) before any generic step that may schedule: the generic
 * suites start from that state (test_arch_irq_entry() establishes it for a
 * simulated interrupt), the arm64 suite tests the wrappers' own masking.
 */
#if IRQENTRY_ARCH_ARM64
#define S_MASKBITS IRQENTRY_ARM64_DAIF_MASK
#define S_TRAP     IRQENTRY_ARM64_DAIF_PROCCTX_NOIRQ
#define S_HWTRAP   IRQENTRY_ARM64_DAIF_MASK
#define S_ON       IRQENTRY_ARM64_DAIF_PROCCTX
#define S_OFF      IRQENTRY_ARM64_DAIF_PROCCTX_NOIRQ
#elif IRQENTRY_ARCH_RISCV
#define S_MASKBITS IRQENTRY_RISCV_SSTATUS_SIE
#define S_TRAP     0UL
#define S_HWTRAP   0UL
#define S_ON       IRQENTRY_RISCV_SSTATUS_SIE
#define S_OFF      0UL
#else
#define S_MASKBITS IRQENTRY_X86_RFLAGS_IF
#define S_TRAP     0UL
#define S_HWTRAP   0UL
#define S_ON       IRQENTRY_X86_RFLAGS_IF
#define S_OFF      0UL
#endif

/* A frame for an exception taken from kernel mode. */
static inline struct test_regs frame_kernel(bool irqs_on)
{
	struct test_regs r;

	memset(&r, 0, sizeof(r));
#if IRQENTRY_ARCH_ARM64
	r.status = IRQENTRY_ARM64_PSTATE_EL1h |
		   (irqs_on ? 0 : IRQENTRY_ARM64_DAIF_PROCCTX_NOIRQ);
#elif IRQENTRY_ARCH_RISCV
	r.status = IRQENTRY_RISCV_SSTATUS_SPP |
		   (irqs_on ? IRQENTRY_RISCV_SSTATUS_SPIE : 0);
#else
	r.cs = 0x08;
	r.ss = 0x10;
	r.status = 0x2UL | (irqs_on ? IRQENTRY_X86_RFLAGS_IF : 0);
#endif
	return r;
}

/* A frame for an exception taken from user mode (interrupts on there). */
static inline struct test_regs frame_user(void)
{
	struct test_regs r;

	memset(&r, 0, sizeof(r));
#if IRQENTRY_ARCH_ARM64
	r.status = IRQENTRY_ARM64_PSTATE_EL0t;
#elif IRQENTRY_ARCH_RISCV
	r.status = IRQENTRY_RISCV_SSTATUS_SPIE;
#else
	r.cs = IRQENTRY_OS_X86_USER_CS;
	r.ss = IRQENTRY_OS_X86_USER_SS;
	r.status = 0x202UL;
#endif
	return r;
}

/* What an arch's IRQ vector does before the generic calls (see S_TRAP). */
static inline void test_arch_irq_entry(void)
{
#if IRQENTRY_ARCH_ARM64
	irqentry_arm64_daif_procctx_noirq();
#endif
}

/* The frame a simulated interrupt saves for the kernel code it hits. */
static inline struct test_regs frame_from_interrupted(unsigned long status)
{
#if IRQENTRY_ARCH_ARM64
	struct test_regs r = frame_kernel(true);

	r.status = IRQENTRY_ARM64_PSTATE_EL1h |
		   (status & IRQENTRY_ARM64_DAIF_MASK);
	return r;
#elif IRQENTRY_ARCH_RISCV
	return frame_kernel((status & IRQENTRY_RISCV_SSTATUS_SIE) != 0);
#else
	return frame_kernel((status & IRQENTRY_X86_RFLAGS_IF) != 0);
#endif
}

/* Reset the OS, the per-CPU block and the hosted CPU (at S_TRAP). */
void test_reset(void);

struct exp {
	enum test_ev ev;
	unsigned long status;
};

const char *test_ev_name(enum test_ev ev);

/* Compare the recorded trace with @n expected (event, mask) pairs. */
void test_check_trace(const struct exp *e, unsigned int n, const char *file,
		      int line);
#define CHECK_TRACE(...)                                                       \
	do {                                                                   \
		static const struct exp e_[] = {__VA_ARGS__};                  \
		test_check_trace(e_,                                           \
				 (unsigned int)(sizeof(e_) / sizeof(e_[0])),   \
				 __FILE__, __LINE__);                          \
	} while (0)
#define CHECK_NO_TRACE() test_check_trace(NULL, 0, __FILE__, __LINE__)

/* The hosted mask register now, and the write count. */
#define STATUS()   (irqentry_hosted_cpu()->status & S_MASKBITS)
#define WRITES()   (irqentry_hosted_cpu()->status_writes)
#define NREPORTS() (test_os.nreports)

/* Debug builds only: assert exactly one report, of @rule. */
#define CHECK_REPORT(rule)                                                     \
	do {                                                                   \
		ck_assert_uint_eq(test_os.nreports, 1);                        \
		ck_assert_int_eq(test_os.reports[0], (int)(rule));             \
	} while (0)

/* Suite constructors, one per area. */
Suite *irqentry_kernel_suite(void);
Suite *irqentry_user_suite(void);
Suite *irqentry_syscall_suite(void);
Suite *irqentry_nmi_suite(void);
Suite *irqentry_guest_suite(void);
Suite *irqentry_hosted_suite(void);
Suite *irqentry_debug_suite(void);
Suite *irqentry_arch_suite(void); /* unit/arch_<backend>.c */

/* Which frame fields each arch wrapper touches (unit/frame_access.c). */
TCase *frame_access_tcase(void);

/* Add a checked fixture that resets everything before each test. */
void test_add_fixture(TCase *tc);

#endif /* IRQENTRY_TEST_HARNESS_H */
