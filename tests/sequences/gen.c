/* SPDX-License-Identifier: MIT */
/*
 * Generates docs/sequences.md: runs each arch wrapper of the backend this
 * build forces (IRQENTRY_ARCH_*) on the simulated CPU, in the situations
 * that change its path, and prints the recorded timeline: every mask
 * register write and every hook call, with the register at that moment;
 * with --svg, also each timeline as a picture, docs/img/<arch>-<wrapper>-
 * [user-|kernel-]<fast|slow>[-N].svg, linked from the text.
 * tests/sequences/run.sh stitches the three backends' output together and
 * fails the test command when the committed files differ.
 *
 * Usage: gen --header | gen [--svg <dir>]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <irqentry/testing.h>

/* One situation for one wrapper. */
struct scenario {
	const char *wrapper;  /* the function, a heading per new one */
	const char *what;     /* what it handles */
	const char *variant;  /* the situation */
	bool user;            /* exception from user mode */
	bool irqs_on;         /* the interrupted context had interrupts on */
	unsigned long before; /* work bits already set at the exception */
	unsigned long raise;  /* work bits the handler / syscall sets */
	bool inject;          /* an interrupt at the first unmask posts a
				signal (another CPU's kill and its IPI) */
	void (*call)(struct seq_frame *f);
};

static const struct scenario *cur;
static bool sysret; /* x86: what irqentry_x86_syscall_64() said */

static void handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	irqentry_testing_mark("handler");
	irqentry_work_set(&seq_work, cur->raise);
}

static void dispatch(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)arg;
	irqentry_testing_mark("syscall");
	irqentry_work_set(&seq_work, cur->raise);
	irqentry_os_syscall_set_return(regs, nr);
}

static void nested_handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	irqentry_testing_mark("handler: post a signal");
	irqentry_work_set(&seq_work, IRQENTRY_WORK_SIGPENDING);
}

/* The injected interrupt: the kernel-mode IRQ path of this backend. */
static void nested_irq(void *arg, unsigned long interrupted)
{
	struct seq_frame f;

	(void)arg;
	memset(&f, 0, sizeof(f));
	f.status = irqentry_testing_regs_status_interrupted(interrupted);
	f.cs = irqentry_testing_regs_cs(false);
	f.ss = irqentry_testing_regs_ss(false);
#if IRQENTRY_ARCH_ARM64
	irqentry_arm64_el1_irq(&f, nested_handler, NULL);
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_irq(&f, nested_handler, NULL);
#else
	irqentry_x86_idtentry_irq(&f, nested_handler, NULL);
#endif
}

/* ---- The wrappers and their situations, per backend --------------------- */

#define NR  IRQENTRY_WORK_NEED_RESCHED
#define SIG IRQENTRY_WORK_SIGPENDING

#if IRQENTRY_ARCH_ARM64
#define REG      "DAIF"
#define RET_INSN "eret"
static void el1_sync(struct seq_frame *f)
{
	irqentry_arm64_el1_sync(f, handler, NULL);
}
static void el1_irq(struct seq_frame *f)
{
	irqentry_arm64_el1_irq(f, handler, NULL);
}
static void el1_nmi(struct seq_frame *f)
{
	irqentry_arm64_el1_nmi(f, handler, NULL);
}
static void el1_dbg(struct seq_frame *f)
{
	irqentry_arm64_el1_dbg(f, handler, NULL);
}
static void el0_sync(struct seq_frame *f)
{
	irqentry_arm64_el0_sync(f, handler, NULL);
}
static void el0_irq(struct seq_frame *f)
{
	irqentry_arm64_el0_irq(f, handler, NULL);
}
static void el0_svc(struct seq_frame *f)
{
	irqentry_arm64_el0_svc(f, dispatch, NULL);
}
static void el0_serror(struct seq_frame *f)
{
	irqentry_arm64_el0_serror(f, handler, NULL);
}
static void el0_dbg(struct seq_frame *f)
{
	irqentry_arm64_el0_dbg(f, handler, NULL);
}

static const struct scenario scenarios[] = {
	{"irqentry_arm64_el1_sync", "synchronous exception from EL1",
	 "nothing due", false, true, 0, 0, false, el1_sync},
	{"irqentry_arm64_el1_sync", "synchronous exception from EL1",
	 "the handler sets NEED_RESCHED: preempted at I|F", false, true, 0, NR,
	 false, el1_sync},
	{"irqentry_arm64_el1_sync", "synchronous exception from EL1",
	 "taken with IRQs masked: no preemption", false, false, 0, NR, false,
	 el1_sync},
	{"irqentry_arm64_el1_irq", "IRQ from EL1", "nothing due", false, true,
	 0, 0, false, el1_irq},
	{"irqentry_arm64_el1_irq", "IRQ from EL1",
	 "the handler sets NEED_RESCHED: preempted where it stands (I|F)",
	 false, true, 0, NR, false, el1_irq},
	{"irqentry_arm64_el1_nmi", "SError / pseudo-NMI from EL1",
	 "NEED_RESCHED set: never schedules", false, true, NR, 0, false,
	 el1_nmi},
	{"irqentry_arm64_el1_dbg", "debug exception from EL1",
	 "NEED_RESCHED set: never schedules", false, true, NR, 0, false,
	 el1_dbg},
	{"irqentry_arm64_el0_sync", "synchronous exception from EL0", "no work",
	 true, true, 0, 0, false, el0_sync},
	{"irqentry_arm64_el0_sync", "synchronous exception from EL0",
	 "the handler posts a signal", true, true, 0, SIG, false, el0_sync},
	{"irqentry_arm64_el0_irq", "IRQ from EL0", "no work", true, true, 0, 0,
	 false, el0_irq},
	{"irqentry_arm64_el0_irq", "IRQ from EL0",
	 "the handler sets NEED_RESCHED", true, true, 0, NR, false, el0_irq},
	{"irqentry_arm64_el0_svc", "SVC (syscall) from EL0", "no work", true,
	 true, 0, 0, false, el0_svc},
	{"irqentry_arm64_el0_svc", "SVC (syscall) from EL0",
	 "an IRQ during the syscall posts a signal", true, true, 0, 0, true,
	 el0_svc},
	{"irqentry_arm64_el0_serror", "SError from EL0", "no work", true, true,
	 0, 0, false, el0_serror},
	{"irqentry_arm64_el0_serror", "SError from EL0",
	 "the handler posts a signal", true, true, 0, SIG, false, el0_serror},
	{"irqentry_arm64_el0_dbg", "debug exception from EL0", "no work", true,
	 true, 0, 0, false, el0_dbg},
	{"irqentry_arm64_el0_dbg", "debug exception from EL0",
	 "the handler posts SIGTRAP", true, true, 0, SIG, false, el0_dbg},
};

#elif IRQENTRY_ARCH_RISCV
#define REG      "SIE"
#define RET_INSN "sret"
static void irq(struct seq_frame *f)
{
	irqentry_riscv_irq(f, handler, NULL);
}
static void exception(struct seq_frame *f)
{
	irqentry_riscv_exception(f, handler, NULL);
}
static void kernel_trap(struct seq_frame *f)
{
	irqentry_riscv_kernel_trap(f, handler, NULL);
}
static void ecall_u(struct seq_frame *f)
{
	irqentry_riscv_ecall_u(f, dispatch, NULL);
}
static void user_irq(struct seq_frame *f)
{
	irqentry_riscv_user_irq(f, handler, NULL);
}
static void kernel_irq(struct seq_frame *f)
{
	irqentry_riscv_kernel_irq(f, handler, NULL);
}
static void user_exception(struct seq_frame *f)
{
	irqentry_riscv_user_exception(f, handler, NULL);
}
static void kernel_exception(struct seq_frame *f)
{
	irqentry_riscv_kernel_exception(f, handler, NULL);
}

static const struct scenario scenarios[] = {
	{"irqentry_riscv_irq", "interrupt (scause bit 63)",
	 "from S-mode, nothing due", false, true, 0, 0, false, irq},
	{"irqentry_riscv_irq", "interrupt (scause bit 63)",
	 "from S-mode, the handler sets NEED_RESCHED: preempted", false, true,
	 0, NR, false, irq},
	{"irqentry_riscv_irq", "interrupt (scause bit 63)",
	 "from U-mode, no work", true, true, 0, 0, false, irq},
	{"irqentry_riscv_irq", "interrupt (scause bit 63)",
	 "from U-mode, the handler sets NEED_RESCHED", true, true, 0, NR, false,
	 irq},
	{"irqentry_riscv_exception", "trap that may sleep",
	 "from U-mode, no work", true, true, 0, 0, false, exception},
	{"irqentry_riscv_exception", "trap that may sleep",
	 "from U-mode, the handler posts a signal", true, true, 0, SIG, false,
	 exception},
	{"irqentry_riscv_exception", "trap that may sleep",
	 "page fault from S-mode with SPIE=1", false, true, 0, 0, false,
	 exception},
	{"irqentry_riscv_exception", "trap that may sleep",
	 "page fault from S-mode with SPIE=1, the handler sets NEED_RESCHED: "
	 "preempted",
	 false, true, 0, NR, false, exception},
	{"irqentry_riscv_exception", "trap that may sleep",
	 "page fault from S-mode with SPIE=0", false, false, 0, 0, false,
	 exception},
	{"irqentry_riscv_kernel_trap", "other trap from S-mode (NMI class)",
	 "NEED_RESCHED set: never schedules", false, true, NR, 0, false,
	 kernel_trap},
	{"irqentry_riscv_ecall_u", "ecall from U-mode (syscall)", "no work",
	 true, true, 0, 0, false, ecall_u},
	{"irqentry_riscv_ecall_u", "ecall from U-mode (syscall)",
	 "an interrupt during the syscall posts a signal", true, true, 0, 0,
	 true, ecall_u},
	{"irqentry_riscv_user_irq", "interrupt, U-mode vector (mode known)",
	 "the handler sets NEED_RESCHED", true, true, 0, NR, false, user_irq},
	{"irqentry_riscv_kernel_irq", "interrupt, S-mode vector (mode known)",
	 "the handler sets NEED_RESCHED: preempted", false, true, 0, NR, false,
	 kernel_irq},
	{"irqentry_riscv_user_exception",
	 "trap from U-mode, U-mode vector (mode known)",
	 "the handler posts a signal", true, true, 0, SIG, false,
	 user_exception},
	{"irqentry_riscv_kernel_exception",
	 "page fault from S-mode, S-mode vector (mode known)", "SPIE=1", false,
	 true, 0, 0, false, kernel_exception},
};

#else
#define REG      "IF"
#define RET_INSN "iretq"
static void idtentry(struct seq_frame *f)
{
	irqentry_x86_idtentry(f, handler, NULL);
}
static void idtentry_irq(struct seq_frame *f)
{
	irqentry_x86_idtentry_irq(f, handler, NULL);
}
static void idtentry_raw(struct seq_frame *f)
{
	irqentry_x86_idtentry_raw(f, handler, NULL);
}
static void nmi(struct seq_frame *f)
{
	irqentry_x86_nmi(f, handler, NULL);
}
static void syscall_64(struct seq_frame *f)
{
	sysret = irqentry_x86_syscall_64(f, dispatch, NULL);
}
static void user_idtentry(struct seq_frame *f)
{
	irqentry_x86_user_idtentry(f, handler, NULL);
}
static void kernel_idtentry(struct seq_frame *f)
{
	irqentry_x86_kernel_idtentry(f, handler, NULL);
}
static void user_idtentry_irq(struct seq_frame *f)
{
	irqentry_x86_user_idtentry_irq(f, handler, NULL);
}
static void kernel_idtentry_irq(struct seq_frame *f)
{
	irqentry_x86_kernel_idtentry_irq(f, handler, NULL);
}
static void kernel_idtentry_raw(struct seq_frame *f)
{
	irqentry_x86_kernel_idtentry_raw(f, handler, NULL);
}

static const struct scenario scenarios[] = {
	{"irqentry_x86_idtentry", "exception (#PF, #GP, #UD, ...)",
	 "from user mode, no work", true, true, 0, 0, false, idtentry},
	{"irqentry_x86_idtentry", "exception (#PF, #GP, #UD, ...)",
	 "from user mode, the handler posts a signal", true, true, 0, SIG,
	 false, idtentry},
	{"irqentry_x86_idtentry", "exception (#PF, #GP, #UD, ...)",
	 "from kernel mode with IF=1", false, true, 0, 0, false, idtentry},
	{"irqentry_x86_idtentry", "exception (#PF, #GP, #UD, ...)",
	 "from kernel mode with IF=1, the handler sets NEED_RESCHED: preempted",
	 false, true, 0, NR, false, idtentry},
	{"irqentry_x86_idtentry", "exception (#PF, #GP, #UD, ...)",
	 "from kernel mode with IF=0", false, false, 0, 0, false, idtentry},
	{"irqentry_x86_idtentry_irq", "device interrupt or system vector",
	 "from kernel mode, nothing due", false, true, 0, 0, false,
	 idtentry_irq},
	{"irqentry_x86_idtentry_irq", "device interrupt or system vector",
	 "from kernel mode, the handler sets NEED_RESCHED: preempted", false,
	 true, 0, NR, false, idtentry_irq},
	{"irqentry_x86_idtentry_irq", "device interrupt or system vector",
	 "from user mode, no work", true, true, 0, 0, false, idtentry_irq},
	{"irqentry_x86_idtentry_irq", "device interrupt or system vector",
	 "from user mode, the handler sets NEED_RESCHED", true, true, 0, NR,
	 false, idtentry_irq},
	{"irqentry_x86_idtentry_raw", "#DB, #BP, #MC",
	 "from kernel mode (NMI class), NEED_RESCHED set", false, true, NR, NR,
	 false, idtentry_raw},
	{"irqentry_x86_idtentry_raw", "#DB, #BP, #MC", "from user mode", true,
	 true, 0, 0, false, idtentry_raw},
	{"irqentry_x86_idtentry_raw", "#DB, #BP, #MC",
	 "from user mode, the handler posts SIGTRAP", true, true, 0, SIG, false,
	 idtentry_raw},
	{"irqentry_x86_nmi", "NMI", "NEED_RESCHED set: never schedules", false,
	 true, NR, NR, false, nmi},
	{"irqentry_x86_syscall_64", "SYSCALL", "no work", true, true, 0, 0,
	 false, syscall_64},
	{"irqentry_x86_syscall_64", "SYSCALL",
	 "an interrupt during the syscall posts a signal", true, true, 0, 0,
	 true, syscall_64},
	{"irqentry_x86_user_idtentry", "exception from ring 3 (mode known)",
	 "the handler posts a signal", true, true, 0, SIG, false,
	 user_idtentry},
	{"irqentry_x86_kernel_idtentry", "exception from ring 0 (mode known)",
	 "IF=1", false, true, 0, 0, false, kernel_idtentry},
	{"irqentry_x86_user_idtentry_irq", "interrupt from ring 3 (mode known)",
	 "the handler sets NEED_RESCHED", true, true, 0, NR, false,
	 user_idtentry_irq},
	{"irqentry_x86_kernel_idtentry_irq",
	 "interrupt from ring 0 (mode known)",
	 "the handler sets NEED_RESCHED: preempted", false, true, 0, NR, false,
	 kernel_idtentry_irq},
	{"irqentry_x86_kernel_idtentry_raw",
	 "#DB, #BP, #MC from ring 0 (mode known, NMI class)",
	 "NEED_RESCHED set", false, true, NR, NR, false, kernel_idtentry_raw},
};
#endif

#undef NR
#undef SIG

/* ---- Printing ------------------------------------------------------------ */

/* The register's columns: arm64 one per DAIF bit, '#' masked, '.' open;
 * RISC-V sstatus.SIE and x86 RFLAGS.IF as the bit's value. */
static void put_mask(unsigned long mask)
{
#if IRQENTRY_ARCH_ARM64
	unsigned int i;

	for (i = 0; i < 4; i++)
		printf("%c%s",
		       (mask & (IRQENTRY_ARM64_DAIF_D >> i)) ? '#' : '.',
		       i < 3 ? " " : "");
#else
	printf("%*s%d", (int)strlen(REG) - 1, "",
	       (mask & IRQENTRY_TESTING_MASK_BITS) ? 1 : 0);
#endif
	printf("  %s", irqentry_arch_hosted_irqs_open(mask) ? "on" : "off");
}

static void put_header(void)
{
#if IRQENTRY_ARCH_ARM64
	printf("%-4s%-46sD A I F  IRQs\n", "", "");
#else
	printf("%-4s%-46s%s  IRQs\n", "", "", REG);
#endif
}

static void put_row(const char *num, unsigned int depth, const char *what,
		    unsigned long mask, const char *note)
{
	char text[64];

	snprintf(text, sizeof(text), "%*s%s", (int)(2 * depth), "", what);
	printf("%-4s%-46s", num, text);
	put_mask(mask);
	if (note && *note)
		printf("%s  %s",
		       irqentry_arch_hosted_irqs_open(mask) ? " " : "", note);
	printf("\n");
}

static const char *write_name(unsigned long old_mask, unsigned long mask)
{
	(void)old_mask;
#if IRQENTRY_ARCH_ARM64
	(void)mask;
	return "write DAIF";
#elif IRQENTRY_ARCH_RISCV
	return (mask & ~old_mask) ? "csrs sstatus, SIE" : "csrc sstatus, SIE";
#else
	return (mask & ~old_mask) ? "sti" : "cli";
#endif
}

/* The state the return instruction restores from the frame. */
static unsigned long restored(const struct seq_frame *f)
{
#if IRQENTRY_ARCH_ARM64
	return f->status & IRQENTRY_ARM64_DAIF_MASK;
#elif IRQENTRY_ARCH_RISCV
	return (f->status & IRQENTRY_RISCV_SSTATUS_SPIE)
		       ? IRQENTRY_RISCV_SSTATUS_SIE
		       : 0UL;
#else
	return f->status & IRQENTRY_X86_RFLAGS_IF;
#endif
}

/* ---- Pictures: the same recording as an SVG timeline -------------------- */

/*
 * One lane per bit of the mask register, time running left to right: a
 * column per step (the exception, each recorded event, the return), the
 * lane filled red where that bit masks its exceptions and pale green where
 * it lets them in. Plain SVG text written here, so the test command needs
 * no tool to regenerate or check it.
 */
struct lane {
	const char *name;  /* in the lane's head */
	const char *what;  /* what the bit masks */
	unsigned long bit; /* in the mask register */
	bool set_masks;    /* the bit set means masked (arm64 DAIF) */
};

#if IRQENTRY_ARCH_ARM64
#define ARCH_FILE "arm64"
static const struct lane lanes[] = {
	{"D", "debug", IRQENTRY_ARM64_DAIF_D, true},
	{"A", "SError", IRQENTRY_ARM64_DAIF_A, true},
	{"I", "IRQ", IRQENTRY_ARM64_DAIF_I, true},
	{"F", "FIQ", IRQENTRY_ARM64_DAIF_F, true},
};
#elif IRQENTRY_ARCH_RISCV
#define ARCH_FILE "riscv"
static const struct lane lanes[] = {
	{"SIE", "IRQs", IRQENTRY_RISCV_SSTATUS_SIE, false},
};
#else
#define ARCH_FILE "x86"
static const struct lane lanes[] = {
	{"IF", "IRQs", IRQENTRY_X86_RFLAGS_IF, false},
};
#endif
#define NLANES ((int)(sizeof(lanes) / sizeof(lanes[0])))

/* Geometry, in pixels. */
#define SVG_LEFT   112 /* lane heads */
#define SVG_COL    34  /* one step */
#define SVG_TOP    58  /* title and subtitle */
#define SVG_LABELS 150 /* room for the slanted step labels */
#define SVG_MARK   18  /* the row of step markers */
#define SVG_LANE   26
#define SVG_GAP    6

enum kind { K_CPU, K_HOOK, K_CODE, K_WRITE };

struct column {
	char label[64];
	enum kind kind;
	unsigned long before, after; /* mask bits around the step */
	unsigned int depth;
	int step; /* the text timeline's row number, 0 for CPU rows */
	enum irqentry_testing_ev ev;
};

static struct column cols[IRQENTRY_TESTING_TRACE_MAX + 2];

static void svg_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			fputs("&amp;", out);
		else if (*s == '<')
			fputs("&lt;", out);
		else if (*s == '>')
			fputs("&gt;", out);
		else if (*s == '"')
			fputs("&quot;", out);
		else
			fputc(*s, out);
	}
}

static bool lane_masked(const struct lane *l, unsigned long mask)
{
	return ((mask & l->bit) != 0) == l->set_masks;
}

static int col_x(int i)
{
	return SVG_LEFT + SVG_COL * i + SVG_COL / 2;
}

/* The columns of the timeline: from the trace, framed by the CPU's own
 * steps. Returns how many. */
static int columns(const struct scenario *s, const struct seq_frame *f,
		   unsigned long interrupted)
{
	unsigned int i;
	int n = 0, step = 0;

	snprintf(cols[n].label, sizeof(cols[n].label), "%s",
		 s->user ? "exception from user" : "exception from kernel");
	cols[n].kind = K_CPU;
	cols[n].ev = IRQENTRY_TESTING_NONE;
	cols[n].before = interrupted;
	cols[n].after = IRQENTRY_TESTING_MASK_TRAP;
	cols[n].depth = 0;
	cols[n].step = 0;
	n++;
	for (i = 0; i < irqentry_testing_count(); i++) {
		const struct irqentry_testing_event *e =
			irqentry_testing_event_at(i);
		struct column *c = &cols[n++];

		c->ev = e->ev;
		c->before = e->mask_before;
		c->after = e->mask;
		c->depth = e->depth;
		c->step = ++step;
		switch (e->ev) {
		case IRQENTRY_TESTING_MASK_WRITE:
			c->kind = K_WRITE;
			snprintf(c->label, sizeof(c->label), "%s",
				 write_name(e->mask_before, e->mask));
			break;
		case IRQENTRY_TESTING_MARK:
			c->kind = K_CODE;
			snprintf(c->label, sizeof(c->label), "%s", e->label);
			break;
		case IRQENTRY_TESTING_IRQ:
			c->kind = K_CPU;
			snprintf(c->label, sizeof(c->label), "interrupt taken");
			break;
		case IRQENTRY_TESTING_IRQ_END:
			c->kind = K_CPU;
			snprintf(c->label, sizeof(c->label),
				 "return from the interrupt");
			break;
		default:
			c->kind = K_HOOK;
			snprintf(c->label, sizeof(c->label), "%s",
				 irqentry_testing_ev_name(e->ev));
			break;
		}
	}
	/* An interrupt's return restores the state its IRQ step
	 * interrupted: the innermost open one. */
	for (i = 0; i < (unsigned int)n; i++) {
		int j, open = 0;

		if (cols[i].ev != IRQENTRY_TESTING_IRQ_END)
			continue;
		for (j = (int)i - 1; j >= 0; j--) {
			if (cols[j].ev == IRQENTRY_TESTING_IRQ_END)
				open++;
			else if (cols[j].ev == IRQENTRY_TESTING_IRQ && !open--)
				break;
		}
		if (j >= 0)
			cols[i].after = cols[j].before;
	}
#if IRQENTRY_ARCH_X86
	snprintf(cols[n].label, sizeof(cols[n].label), "%s",
		 sysret ? "sysretq" : RET_INSN);
#else
	snprintf(cols[n].label, sizeof(cols[n].label), "%s", RET_INSN);
#endif
	cols[n].kind = K_CPU;
	cols[n].ev = IRQENTRY_TESTING_NONE;
	cols[n].before = irqentry_testing_mask();
	cols[n].after = restored(f);
	cols[n].depth = 0;
	cols[n].step = 0;
	return n + 1;
}

static const char *kind_fill(enum kind k)
{
	switch (k) {
	case K_HOOK:
		return "#1f5fa8";
	case K_CODE:
		return "#d97a00";
	case K_WRITE:
		return "#6a3d9a";
	default:
		return "#6b6b6b";
	}
}

static void svg_marker(FILE *out, enum kind k, int x, int y)
{
	switch (k) {
	case K_HOOK:
		fprintf(out,
			"<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/>\n",
			x, y, kind_fill(k));
		break;
	case K_CODE:
		fprintf(out,
			"<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" "
			"rx=\"2\" fill=\"%s\"/>\n",
			x - 6, y - 5, kind_fill(k));
		break;
	case K_WRITE:
		fprintf(out,
			"<path d=\"M%d %dl6 6l-6 6l-6 -6z\" fill=\"%s\"/>\n", x,
			y - 6, kind_fill(k));
		break;
	default:
		fprintf(out, "<path d=\"M%d %dl6 10h-12z\" fill=\"%s\"/>\n", x,
			y - 6, kind_fill(k));
		break;
	}
}

static void write_svg(const char *path, const struct scenario *s,
		      const struct seq_frame *f, unsigned long interrupted,
		      unsigned int writes)
{
	int n = columns(s, f, interrupted);
	/* Wide enough for the steps, the subtitle and the legend. */
	int width = SVG_LEFT + SVG_COL * n + 150;
	int sub = 40 + 7 * (int)(strlen(s->variant) + strlen(REG) + 14);
	int lanes_y = SVG_TOP + SVG_LABELS + SVG_MARK;
	int lanes_h = NLANES * (SVG_LANE + SVG_GAP) - SVG_GAP;
	int height = lanes_y + lanes_h + 78;
	int i, l, mark_y = SVG_TOP + SVG_LABELS + SVG_MARK / 2 - 2;
	FILE *out = fopen(path, "w");

	if (width < sub)
		width = sub;
	if (width < 680)
		width = 680;
	if (!out) {
		perror(path);
		exit(1);
	}
	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" "
		"font-size=\"12\">\n",
		width, height, width, height);
	fprintf(out, "<title>");
	svg_text(out, s->wrapper);
	fprintf(out, "(): ");
	svg_text(out, s->variant);
	fprintf(out, "</title>\n");
	fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
		width, height);
	fprintf(out, "<text x=\"12\" y=\"22\" font-size=\"15\">"
		     "<tspan font-weight=\"bold\">");
	svg_text(out, s->wrapper);
	fprintf(out, "()</tspan>: ");
	svg_text(out, s->what);
	fprintf(out, "</text>\n<text x=\"12\" y=\"42\" font-size=\"13\">");
	svg_text(out, s->variant);
	fprintf(out, " (%u %s write%s)</text>\n", writes, REG,
		writes == 1 ? "" : "s");

	/* Nested interrupts: a band behind their columns. */
	for (i = 0; i < n; i++) {
		int j = i;

		if (!cols[i].depth)
			continue;
		while (j + 1 < n && cols[j + 1].depth)
			j++;
		fprintf(out,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			"fill=\"#fff4c2\"/>\n",
			col_x(i) - SVG_COL / 2, SVG_TOP + 4,
			SVG_COL * (j - i + 1),
			SVG_LABELS + SVG_MARK + lanes_h + 22);
		fprintf(out,
			"<text x=\"%d\" y=\"%d\" font-size=\"11\" "
			"fill=\"#8a6d00\">nested interrupt</text>\n",
			col_x(i) - SVG_COL / 2 + 3, lanes_y + lanes_h + 34);
		i = j;
	}

	/* Lanes: heads, then one bar per run of equal state. The state
	 * before the first column is the interrupted context's, after the
	 * last one what the return instruction restores. */
	for (l = 0; l < NLANES; l++) {
		int y = lanes_y + l * (SVG_LANE + SVG_GAP);
		int x0 = SVG_LEFT;
		bool m = lane_masked(&lanes[l], cols[0].before);

		fprintf(out,
			"<text x=\"12\" y=\"%d\" font-weight=\"bold\">%s"
			"</text><text x=\"%d\" y=\"%d\" fill=\"#555555\">%s"
			"</text>\n",
			y + SVG_LANE / 2 + 4, lanes[l].name,
			(int)(18 + 11 * strlen(lanes[l].name)),
			y + SVG_LANE / 2 + 4, lanes[l].what);
		for (i = 0; i <= n; i++) {
			int x = i < n ? col_x(i) : SVG_LEFT + SVG_COL * n + 40;
			bool next =
				i < n ? lane_masked(&lanes[l], cols[i].after)
				      : !m;

			if (next == m && i < n)
				continue;
			fprintf(out,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" "
				"height=\"%d\" fill=\"%s\" stroke=\"%s\"/>\n",
				x0, y, x - x0, SVG_LANE,
				m ? "#c8463d" : "#dff3e1",
				m ? "#9c2f27" : "#8cc196");
			if (x - x0 >= 56) {
				fprintf(out,
					"<text x=\"%d\" y=\"%d\" "
					"text-anchor=\"middle\" "
					"font-size=\"11\" fill=\"%s\">%s",
					(x0 + x) / 2, y + SVG_LANE / 2 + 4,
					m ? "#ffffff" : "#2e6b38",
					m ? "masked" : "open");
				/* One-bit registers: the bit's value too. */
				if (!lanes[l].set_masks && x - x0 >= 100)
					fprintf(out, " (%s=%d)", lanes[l].name,
						m ? 0 : 1);
				fprintf(out, "</text>\n");
			}
			x0 = x;
			m = next;
		}
	}

	/* Steps: a guide line, a marker by kind, the slanted label above
	 * and the text timeline's row number below. */
	for (i = 0; i < n; i++) {
		int x = col_x(i);

		fprintf(out,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"#b0b0b0\" stroke-dasharray=\"2 3\"/>\n",
			x, mark_y, x, lanes_y + lanes_h + 4);
		svg_marker(out, cols[i].kind, x, mark_y);
		fprintf(out,
			"<text transform=\"translate(%d %d) rotate(-50)\" "
			"fill=\"%s\"%s>",
			x + 3, mark_y - 9, kind_fill(cols[i].kind),
			cols[i].kind == K_CODE ? " font-weight=\"bold\"" : "");
		svg_text(out, cols[i].label);
		fprintf(out, "</text>\n");
		if (cols[i].step)
			fprintf(out,
				"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
				"font-size=\"10\" fill=\"#777777\">%d</text>\n",
				x, lanes_y + lanes_h + 16, cols[i].step);
	}

	/* Legend. */
	{
		int y = height - 14, x = 12;
		static const char *const names[] = {
			"CPU", "hook irqentry_os_*()", "handler / syscall",
			"mask write"};
		static const enum kind kinds[] = {K_CPU, K_HOOK, K_CODE,
						  K_WRITE};

		for (i = 0; i < 4; i++) {
			svg_marker(out, kinds[i], x + 6, y - 4);
			fprintf(out, "<text x=\"%d\" y=\"%d\">%s</text>\n",
				x + 16, y, names[i]);
			x += 34 + 7 * (int)strlen(names[i]);
		}
		fprintf(out,
			"<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" "
			"fill=\"#c8463d\"/><text x=\"%d\" y=\"%d\">masked"
			"</text>\n",
			x, y - 9, x + 18, y);
		x += 70;
		fprintf(out,
			"<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" "
			"fill=\"#dff3e1\" stroke=\"#8cc196\"/><text x=\"%d\" "
			"y=\"%d\">open</text>\n",
			x, y - 9, x + 18, y);
	}
	fprintf(out, "</svg>\n");
	fclose(out);
}

/* Where the pictures go (--svg), and how many of each path the current
 * wrapper has had: <arch>-<wrapper>-fast.svg, -slow.svg, -fast-2.svg ...,
 * with -user/-kernel before the path for a wrapper that serves both. */
static const char *svg_dir;
static unsigned int n_path[2][2]; /* [user][slow] */

/* The slow path: the work loop or a preemption ran (or an interrupt came
 * in and made work); the fast path returns straight. */
static bool slow_path(void)
{
	static const enum irqentry_testing_ev work[] = {
		IRQENTRY_TESTING_SCHEDULE,
		IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ,
		IRQENTRY_TESTING_HANDLE_SIGNAL,
		IRQENTRY_TESTING_NOTIFY_RESUME,
		IRQENTRY_TESTING_HANDLE_WORK,
		IRQENTRY_TESTING_IRQ,
	};
	unsigned int i;

	for (i = 0; i < sizeof(work) / sizeof(work[0]); i++)
		if (irqentry_testing_calls(work[i]))
			return true;
	return false;
}

static bool both_modes(const struct scenario *s)
{
	unsigned int i;

	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
		if (!strcmp(scenarios[i].wrapper, s->wrapper) &&
		    scenarios[i].user != s->user)
			return true;
	return false;
}

static void picture(const struct scenario *s, const struct seq_frame *f,
		    unsigned int writes)
{
	const char *name = s->wrapper + strlen("irqentry_");
	bool slow = slow_path();
	unsigned int k = ++n_path[s->user][slow];
	char file[128], suffix[16] = "";
	const char *mode = !both_modes(s) ? "" : s->user ? "user-" : "kernel-";

	name = strchr(name, '_') + 1; /* past the arch */
	if (k > 1)
		snprintf(suffix, sizeof(suffix), "-%u", k);
	snprintf(file, sizeof(file), "%s-%s-%s%s%s.svg", ARCH_FILE, name, mode,
		 slow ? "slow" : "fast", suffix);
	printf("\n![%s %s(), %s path: %s](img/%s)\n", ARCH_FILE, name,
	       slow ? "slow" : "fast", s->variant, file);
	if (svg_dir) {
		char path[512];

		snprintf(path, sizeof(path), "%s/%s", svg_dir, file);
		write_svg(path, s, f, restored(f), writes);
	}
}

static int run(const struct scenario *s)
{
	struct seq_frame f;
	unsigned int i, step = 0, writes = 0, nested_writes = 0;
	char num[8];

	memset(&f, 0, sizeof(f));
	f.status = irqentry_testing_regs_status(s->user, s->irqs_on);
	f.cs = irqentry_testing_regs_cs(s->user);
	f.ss = irqentry_testing_regs_ss(s->user);
	f.pc = s->user ? 0x400000UL : 0xffffffff80001000UL;
	f.cx = f.pc;
	f.r11 = f.status;
	f.nr = 1;
	seq_work = s->before;
	cur = s;
	sysret = false;
	irqentry_testing_reset(IRQENTRY_TESTING_MASK_TRAP);
	irqentry_testing_record_writes(true);
	if (s->inject)
		(void)irqentry_testing_inject_at_unmask(1, nested_irq, NULL);
	s->call(&f);

	for (i = 0; i < irqentry_testing_count(); i++) {
		const struct irqentry_testing_event *e =
			irqentry_testing_event_at(i);

		if (e->ev == IRQENTRY_TESTING_MASK_WRITE) {
			if (e->depth)
				nested_writes++;
			else
				writes++;
		}
	}
	printf("\n#### %s (%u %s write%s", s->variant, writes + nested_writes,
	       REG, writes + nested_writes == 1 ? "" : "s");
	if (nested_writes)
		printf(", %u of them in the nested interrupt", nested_writes);
	printf(")\n\n```text\n");
	put_header();
	put_row("", 0,
		s->user ? "exception taken from user mode"
			: "exception taken from kernel mode",
		IRQENTRY_TESTING_MASK_TRAP, "CPU");
	writes = 0;
	for (i = 0; i < irqentry_testing_count(); i++) {
		const struct irqentry_testing_event *e =
			irqentry_testing_event_at(i);
		char what[64];
		char note[32] = "";

		snprintf(num, sizeof(num), "%u", ++step);
		switch (e->ev) {
		case IRQENTRY_TESTING_MASK_WRITE:
			snprintf(what, sizeof(what), "%s",
				 write_name((unsigned long)e->arg, e->mask));
			snprintf(note, sizeof(note), "write %u", ++writes);
			break;
		case IRQENTRY_TESTING_MARK:
			snprintf(what, sizeof(what), "%s", e->label);
			break;
		case IRQENTRY_TESTING_IRQ:
			snprintf(what, sizeof(what), "interrupt taken");
			snprintf(note, sizeof(note), "CPU");
			break;
		case IRQENTRY_TESTING_IRQ_END:
			snprintf(what, sizeof(what),
				 "return from the interrupt");
			snprintf(note, sizeof(note), "CPU");
			break;
		default:
			snprintf(what, sizeof(what), "irqentry_os_%s()",
				 irqentry_testing_ev_name(e->ev));
			break;
		}
		put_row(num, e->depth, what, e->mask, note);
	}
#if IRQENTRY_ARCH_X86
	put_row("", 0, sysret ? "sysretq" : RET_INSN, restored(&f),
		"CPU: the frame's saved state");
#else
	put_row("", 0, RET_INSN, restored(&f), "CPU: the frame's saved state");
#endif
	printf("```\n");
	picture(s, &f, writes);
	if (irqentry_testing_reports() || irqentry_testing_dropped()) {
		fprintf(stderr, "gen: %s / %s: %u debug reports, %lu dropped\n",
			s->wrapper, s->variant, irqentry_testing_reports(),
			irqentry_testing_dropped());
		return 1;
	}
	return 0;
}

static void header(void)
{
	printf("# Entry and exit sequences, step by step\n\n");
	printf("<!-- Generated by tests/sequences/gen.c from hosted runs of the "
	       "wrappers; do not edit. The test command fails when this file "
	       "and the code disagree; regenerate with "
	       "`cmake --build --preset host-gcc --target update_sequences`. "
	       "-->\n\n");
	printf("Generated, text and pictures (`docs/img/*.svg`), from the "
	       "code; the test\ncommand (`docs.sequences`) fails when they "
	       "differ from it. After changing a\nwrapper, regenerate both "
	       "with one command:\n\n```sh\ncmake --build --preset "
	       "host-gcc --target update_sequences\n```\n\n");
	printf("Every timeline below is a recording, not a drawing: the wrapper "
	       "ran on the\nsimulated CPU (`IRQENTRY_HOSTED`) with the testing "
	       "kit (`IRQENTRY_TESTING`)\nrecording each write to the mask "
	       "register and each call of an OS hook, with\nthe register's "
	       "value at that moment. The optional hooks keep the library's\n"
	       "defaults here; a port fills in the ones it needs "
	       "(`docs/porting.md`).\n\n");
	printf("How to read a timeline:\n\n");
	printf("* Time runs downwards. Rows marked `CPU` are what the hardware "
	       "does (taking\n  the exception, returning); numbered rows are "
	       "the wrapper's own steps.\n");
	printf("* Rows noted `write N` are the wrapper's writes to the mask "
	       "register (`write\n  DAIF`, `csrs`/`csrc sstatus, SIE`, "
	       "`sti`/`cli`); the count in each heading\n  is the cost of "
	       "that path. `irqentry_os_*()` rows are hook calls; `handler`\n"
	       "  and `syscall` are the function the vector passed to the "
	       "wrapper.\n");
	printf("* The register column shows the live value: arm64 PSTATE.DAIF "
	       "(`#` masked,\n  `.` open), RISC-V `sstatus.SIE` and x86 "
	       "`RFLAGS.IF` (1 = interrupts\n  enabled). `IRQs` says whether "
	       "an interrupt could be taken there.\n");
	printf("* Indented rows ran inside an interrupt taken at that point "
	       "(the nested\n  interrupt is the kernel-mode IRQ path of the "
	       "same backend).\n");
	printf("* Each picture is the timeline above it, time running left to "
	       "right: a lane\n  per bit of the mask register (arm64 D, A, I, "
	       "F; RISC-V SIE; x86 IF), red\n  where that bit masks its "
	       "exceptions, green where it lets them in; the\n  steps above "
	       "it are marked by kind (CPU, hook, handler or syscall, mask\n"
	       "  write) and numbered below as in the text. The \"fast\" "
	       "path returns\n  straight; the \"slow\" path preempts or runs "
	       "the work loop.\n");
	printf("* Scheduling happens only in `irqentry_os_schedule()` (the "
	       "work loop, IRQs\n  on) and `irqentry_os_preempt_schedule_irq()` "
	       "(the preempt step, IRQs off;\n  on arm64 at DAIF = I|F, never "
	       "with D or A masked).\n");
	printf("\nSections: [arm64](#arm64-daif), [RISC-V](#risc-v-sstatussie),"
	       " [x86-64](#x86-64-rflagsif).\n");
}

static void arch_intro(void)
{
#if IRQENTRY_ARCH_ARM64
	printf("\n## arm64 (DAIF)\n\n");
	printf("Taking an exception masks all of D, A, I and F. The wrappers "
	       "open D and A\nwhere something may schedule (DAIF = I|F, or "
	       "all open in the work loop) and\nmask all four again before the "
	       "state management that precedes ERET.\n");
#elif IRQENTRY_ARCH_RISCV
	printf("\n## RISC-V (sstatus.SIE)\n\n");
	printf("A trap clears SIE (SPIE keeps the old value) and sret restores "
	       "it, so the\nwrappers write SIE only where the handler, the "
	       "syscall or the work loop runs\nwith interrupts enabled.\n");
#else
	printf("\n## x86-64 (RFLAGS.IF)\n\n");
	printf("Every IDT gate is an interrupt gate and SYSCALL clears IF "
	       "through FMASK, so\nIF is 0 on arrival; IRET or SYSRET restores "
	       "the interrupted IF.\n");
#endif
}

int main(int argc, char **argv)
{
	unsigned int i,
		n = (unsigned int)(sizeof(scenarios) / sizeof(scenarios[0]));
	const char *last = "";
	int failed = 0;

	if (argc > 1 && !strcmp(argv[1], "--header")) {
		header();
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "--svg"))
		svg_dir = argv[2];
	arch_intro();
	for (i = 0; i < n; i++) {
		const struct scenario *s = &scenarios[i];

		if (strcmp(s->wrapper, last) != 0) {
			printf("\n### `%s()`: %s\n", s->wrapper, s->what);
			last = s->wrapper;
			memset(n_path, 0, sizeof(n_path));
		}
		failed |= run(s);
	}
	return failed;
}
