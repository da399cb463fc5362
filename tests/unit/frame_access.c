/* SPDX-License-Identifier: MIT */
/*
 * Which trap-frame fields each arch wrapper reads and writes, through the
 * frame hooks (the test OS notes every access): exactly what the wrapper's
 * doc and docs/porting.md's table say, so a kernel with a partial frame
 * can rely on it. The handler and dispatcher here touch nothing, and no
 * work is pending: only the library's own accesses are counted.
 */
#include "../harness.h"

static void quiet(struct test_regs *regs, void *arg)
{
	(void)regs;
	(void)arg;
}

static void quiet_dispatch(struct test_regs *regs, long nr, void *arg)
{
	(void)regs;
	(void)nr;
	(void)arg;
}

/* Fields read only by the debug builds' mode checks. */
#define DBG(bits) (IRQENTRY_DEBUG ? (bits) : 0U)

#define ST  TEST_F_STATUS
#define CS  TEST_F_CS
#define SS  TEST_F_SS
#define PC  TEST_F_PC
#define CX  TEST_F_CX
#define R11 TEST_F_R11
#define NR  TEST_F_NR
#define RET TEST_F_RET

struct access {
	const char *name;
	bool user;
	void (*run)(struct test_regs *regs);
	unsigned int reads, writes;
};

#if IRQENTRY_ARCH_ARM64
#define W(fn)                                                                  \
	static void run_##fn(struct test_regs *regs)                           \
	{                                                                      \
		irqentry_arm64_##fn(regs, quiet, NULL);                        \
	}
W(el1_sync)
W(el1_irq)
W(el1_nmi)
W(el1_dbg)
W(el0_sync)
W(el0_irq)
W(el0_dbg)
W(el0_serror)
#undef W
static void run_el0_svc(struct test_regs *regs)
{
	irqentry_arm64_el0_svc(regs, quiet_dispatch, NULL);
}

static const struct access table[] = {
	{"el1_sync", false, run_el1_sync, ST, 0},
	{"el1_irq", false, run_el1_irq, ST, 0},
	{"el1_nmi", false, run_el1_nmi, 0, 0},
	{"el1_dbg", false, run_el1_dbg, 0, 0},
	{"el0_sync", true, run_el0_sync, DBG(ST), 0},
	{"el0_irq", true, run_el0_irq, DBG(ST), 0},
	{"el0_dbg", true, run_el0_dbg, DBG(ST), 0},
	{"el0_serror", true, run_el0_serror, DBG(ST), 0},
	{"el0_svc", true, run_el0_svc, NR | DBG(ST), RET},
};
#elif IRQENTRY_ARCH_RISCV
#define W(fn)                                                                  \
	static void run_##fn(struct test_regs *regs)                           \
	{                                                                      \
		irqentry_riscv_##fn(regs, quiet, NULL);                        \
	}
W(irq)
W(exception)
W(kernel_trap)
W(user_irq)
W(kernel_irq)
W(user_exception)
W(kernel_exception)
#undef W
static void run_ecall_u(struct test_regs *regs)
{
	irqentry_riscv_ecall_u(regs, quiet_dispatch, NULL);
}

static const struct access table[] = {
	{"irq (S)", false, run_irq, ST, 0},
	{"irq (U)", true, run_irq, ST, 0},
	{"exception (S)", false, run_exception, ST, 0},
	{"exception (U)", true, run_exception, ST, 0},
	{"kernel_trap", false, run_kernel_trap, DBG(ST), 0},
	{"user_irq", true, run_user_irq, DBG(ST), 0},
	{"kernel_irq", false, run_kernel_irq, ST, 0},
	{"user_exception", true, run_user_exception, ST, 0},
	{"kernel_exception", false, run_kernel_exception, ST, 0},
	{"ecall_u", true, run_ecall_u, PC | NR | DBG(ST), PC | RET},
};
#else
#define W(fn)                                                                  \
	static void run_##fn(struct test_regs *regs)                           \
	{                                                                      \
		irqentry_x86_##fn(regs, quiet, NULL);                          \
	}
W(idtentry)
W(idtentry_irq)
W(idtentry_raw)
W(nmi)
W(user_idtentry)
W(kernel_idtentry)
W(user_idtentry_irq)
W(kernel_idtentry_irq)
W(kernel_idtentry_raw)
#undef W
static void run_syscall_64(struct test_regs *regs)
{
	regs->pc = regs->cx = 0x401000UL;
	regs->r11 = regs->status;
	ck_assert(irqentry_x86_syscall_64(regs, quiet_dispatch, NULL));
}

static const struct access table[] = {
	{"idtentry (ring 0)", false, run_idtentry, CS | ST, 0},
	{"idtentry (ring 3)", true, run_idtentry, CS | ST, 0},
	{"idtentry_irq (ring 0)", false, run_idtentry_irq, CS | ST, 0},
	{"idtentry_irq (ring 3)", true, run_idtentry_irq, CS, 0},
	{"idtentry_raw (ring 0)", false, run_idtentry_raw, CS, 0},
	{"idtentry_raw (ring 3)", true, run_idtentry_raw, CS | ST, 0},
	{"nmi", false, run_nmi, 0, 0},
	{"user_idtentry", true, run_user_idtentry, ST | DBG(CS), 0},
	{"kernel_idtentry", false, run_kernel_idtentry, ST | DBG(CS), 0},
	{"user_idtentry_irq", true, run_user_idtentry_irq, DBG(CS), 0},
	{"kernel_idtentry_irq", false, run_kernel_idtentry_irq, ST | DBG(CS),
	 0},
	{"kernel_idtentry_raw", false, run_kernel_idtentry_raw, DBG(CS), 0},
	{"syscall_64", true, run_syscall_64, NR | CS | SS | PC | CX | R11 | ST,
	 RET},
};
#endif

START_TEST(wrapper_frame_access)
{
	const struct access *a = &table[_i];
	struct test_regs regs = a->user ? frame_user() : frame_kernel(true);

#if IRQENTRY_ARCH_ARM64
	irqentry_hosted_reset(IRQENTRY_ARM64_DAIF_MASK);
#endif
	a->run(&regs);
	ck_assert_msg(test_os.frame_reads == a->reads,
		      "%s: reads %#x, documented %#x", a->name,
		      test_os.frame_reads, a->reads);
	ck_assert_msg(test_os.frame_writes == a->writes,
		      "%s: writes %#x, documented %#x", a->name,
		      test_os.frame_writes, a->writes);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

TCase *frame_access_tcase(void)
{
	TCase *tc = tcase_create("frame_access");

	test_add_fixture(tc);
	tcase_add_loop_test(tc, wrapper_frame_access, 0,
			    (int)(sizeof(table) / sizeof(table[0])));
	return tc;
}
