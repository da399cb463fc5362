/* SPDX-License-Identifier: MIT */
/*
 * The wrappers a single-mask-bit backend (RISC-V, x86) hands to the shared
 * exception suite (single_bit.c); each backend's suite defines the table.
 */
#ifndef IRQENTRY_TEST_SINGLE_BIT_H
#define IRQENTRY_TEST_SINGLE_BIT_H

struct single_bit_wrappers {
	/* exceptions: irqentry_riscv_exception, irqentry_x86_idtentry */
	void (*exception)(struct test_regs *regs, irqentry_handler_fn fn,
			  void *arg);
	irqentry_state_t (*exception_enter)(struct test_regs *regs);
	void (*exception_exit)(struct test_regs *regs, irqentry_state_t state);
	/* interrupts: irqentry_riscv_irq, irqentry_x86_idtentry_irq */
	void (*irq)(struct test_regs *regs, irqentry_handler_fn fn, void *arg);
	/* kernel NMI-class traps: irqentry_riscv_kernel_trap,
	 * irqentry_x86_idtentry_raw */
	void (*nmi_class)(struct test_regs *regs, irqentry_handler_fn fn,
			  void *arg);
	/* the mode-known variants of exception and irq, for two-vector
	 * kernels: irqentry_riscv_{user,kernel}_{exception,irq},
	 * irqentry_x86_{user,kernel}_idtentry{,_irq} */
	void (*user_exception)(struct test_regs *regs, irqentry_handler_fn fn,
			       void *arg);
	void (*kernel_exception)(struct test_regs *regs, irqentry_handler_fn fn,
				 void *arg);
	void (*user_irq)(struct test_regs *regs, irqentry_handler_fn fn,
			 void *arg);
	void (*kernel_irq)(struct test_regs *regs, irqentry_handler_fn fn,
			   void *arg);
};

extern const struct single_bit_wrappers single_bit;

/* The shared tests, as tcases with the standard fixture. */
TCase *single_bit_exception_tcase(void);
TCase *single_bit_mode_known_tcase(void);

#endif /* IRQENTRY_TEST_SINGLE_BIT_H */
