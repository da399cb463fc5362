/* SPDX-License-Identifier: MIT */
/*
 * The narrated trace (KERNEL_NARRATE builds, run.sh --narrate). A scenario
 * enables narration and watches one thread: the window opens at that
 * thread's next entry through a given vector (or, with no vector, at its
 * next resume) and closes at the return of that entry. Inside the window
 * every step the library takes on that thread prints one line with the
 * live mask register, so the trace shows where each step runs.
 */
#include "kernel.h"

#if KERNEL_NARRATE

static bool enabled;       /* a scenario is narrating */
static struct thread *who; /* the watched thread */
static const char *want;   /* the vector that opens the window */
static bool armed, open;   /* waiting for the window, inside it */
static bool manual;        /* opened by narrate_begin(): returns don't close */
static irqentry_regs_t *top; /* the entry whose return closes it */
static const char *vec = ""; /* its vector name */

/*
 * A cross-CPU wake-up (narrate_cross()): lines from three threads on two
 * CPUs, the waker, the idle thread of the CPU the woken thread last ran
 * on, and the woken thread until it resumes. Each line has its CPU.
 */
static struct thread *x_waker, *x_idle, *x_woken;
static bool x_open;

static bool in_cross(void)
{
	struct thread *t = current;

	return x_open && (t == x_waker || t == x_idle || t == x_woken);
}

bool narrating(void)
{
	return enabled;
}

void narrate_cross(struct thread *waker, struct thread *idle,
		   struct thread *woken)
{
	if (!enabled)
		return;
	x_waker = waker;
	x_idle = idle;
	x_woken = woken;
	x_open = true;
	vec = "";
}

void narrate_enable(bool on)
{
	enabled = on;
	armed = open = manual = false;
}

/* A window on the current thread's own code (not an entry). */
void narrate_begin(const char *label)
{
	if (!enabled)
		return;
	who = current;
	armed = false;
	open = manual = true;
	top = NULL;
	vec = label;
}

void narrate_end(void)
{
	open = manual = false;
	vec = "";
}

void narrate_watch(struct thread *t, const char *vector)
{
	if (!enabled || (open && t != who))
		return;
	who = t;
	want = vector;
	armed = true;
}

static void line(const char *text)
{
	char buf[PORT_MASK_STRLEN];

	/* With several CPUs each line says which one took the step. */
	if (nr_cpus > 1)
		kprintf("  cpu%u | %-8s %-13s %s\n", this_cpu(), vec,
			port_mask_str(port_mask_now(), buf), text);
	else
		kprintf("  | %-8s %-13s %s\n", vec,
			port_mask_str(port_mask_now(), buf), text);
}

static void vline(const char *fmt, va_list ap)
{
	char text[160];

	(void)kvsnprintf(text, sizeof(text), fmt, ap);
	line(text);
}

void narrate(const char *fmt, ...)
{
	va_list ap;

	if (!in_cross() && (!open || current != who))
		return;
	va_start(ap, fmt);
	vline(fmt, ap);
	va_end(ap);
}

void narrate_note(const char *fmt, ...)
{
	char text[160];
	va_list ap;

	if (!enabled)
		return;
	va_start(ap, fmt);
	(void)kvsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	kprintf("  . %s\n", text);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(fmt, ap);
	va_end(ap);
}

void narrate_entry(irqentry_regs_t *regs, const char *vector)
{
	char buf[PORT_MASK_STRLEN];

	if (irqentry_arch_user_mode(regs))
		current->vector = vector;
	if (in_cross() && current == x_idle) {
		vec = vector;
		say("vector entry from kernel mode (%s's idle wait), interrupted at %s",
		    current->name, port_mask_str(port_regs_mask(regs), buf));
		return;
	}
	if (current != who)
		return;
	if (armed && !open && want && !strcmp(want, vector)) {
		armed = false;
		open = true;
		top = regs;
		vec = vector;
		say("vector entry from %s mode, interrupted at %s",
		    irqentry_arch_user_mode(regs) ? "user" : "kernel",
		    port_mask_str(port_regs_mask(regs), buf));
	} else if (open) {
		say("nested %s entry, interrupted at %s", vector,
		    port_mask_str(port_regs_mask(regs), buf));
	}
}

void narrate_exit(irqentry_regs_t *regs)
{
	char buf[PORT_MASK_STRLEN];
	bool last;

	if (in_cross() && current == x_idle) {
		say("return to kernel mode at %s: the idle loop goes on",
		    port_mask_str(port_regs_mask(regs), buf));
		vec = "";
		return;
	}
	if (!open || current != who)
		return;
	last = !manual && (regs == top || !top);
	say("%s to %s mode at %s", last ? "return" : "nested return",
	    irqentry_arch_user_mode(regs) ? "user" : "kernel",
	    port_mask_str(port_regs_mask(regs), buf));
	if (last) {
		open = false;
		vec = "";
	}
}

void narrate_switch(struct thread *prev, struct thread *next)
{
	if (x_open && !prev && next == x_woken) {
		say("%s resumes on cpu %u", next->name, this_cpu());
		x_open = false;
		vec = "";
		return;
	}
	if (x_open && prev == x_idle) {
		say("switch %s -> %s (checked: %s)", prev->name, next->name,
		    port_switch_state_ok() ? "switch state legal"
					   : "ILLEGAL switch state");
		return;
	}
	if (!prev) {
		/* @next resumes. A watch with no vector opens here: the
		 * thread continues the entry it was switched out of. */
		if (armed && !want && next == who) {
			armed = false;
			open = true;
			top = NULL;
			vec = next->vector ? next->vector : "(resume)";
			say("%s resumes in the entry it was switched out of",
			    next->name);
		} else if (open && next == who) {
			say("%s resumes", next->name);
		}
		return;
	}
	if (open && prev == who)
		say("switch %s -> %s (checked: %s)", prev->name, next->name,
		    port_switch_state_ok() ? "switch state legal"
					   : "ILLEGAL switch state");
}
#endif /* KERNEL_NARRATE */
