/* SPDX-License-Identifier: MIT */
/*
 * Console output: a small printf (%c %s %d %u %x %p, l/ll, width, 0 and -
 * flags) that formats a whole line into a buffer and writes it with IRQs
 * disabled, so lines from threads and interrupt handlers do not interleave.
 */
#include "kernel.h"

struct out {
	char *buf;
	size_t size, n;
};

static void put(struct out *o, char c)
{
	if (o->n + 1 < o->size)
		o->buf[o->n++] = c;
}

static void put_num(struct out *o, unsigned long v, unsigned int base, bool neg,
		    int width, char pad, bool left)
{
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	len = n + (neg ? 1 : 0);
	if (neg && pad == '0')
		put(o, '-');
	while (!left && len < width--)
		put(o, pad);
	if (neg && pad != '0')
		put(o, '-');
	while (n)
		put(o, tmp[--n]);
	while (left && len < width--)
		put(o, ' ');
}

static void format(struct out *o, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0, longs = 0;
		bool left = false;
		char pad = ' ';
		const char *s;
		long sv;

		if (*fmt != '%') {
			put(o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '-') {
			left = true;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			put(o, (char)va_arg(ap, int));
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			while (*s) {
				put(o, *s++);
				width--;
			}
			while (width-- > 0)
				put(o, ' ');
			break;
		case 'd':
			sv = longs ? va_arg(ap, long) : va_arg(ap, int);
			put_num(o,
				sv < 0 ? 0UL - (unsigned long)sv
				       : (unsigned long)sv,
				10, sv < 0, width, pad, left);
			break;
		case 'u':
		case 'x':
			put_num(o,
				longs ? va_arg(ap, unsigned long)
				      : va_arg(ap, unsigned int),
				*fmt == 'u' ? 10 : 16, false, width, pad, left);
			break;
		case 'p':
			put(o, '0');
			put(o, 'x');
			put_num(o, (unsigned long)va_arg(ap, void *), 16, false,
				0, ' ', false);
			break;
		case '%':
			put(o, '%');
			break;
		default:
			put(o, '?');
			break;
		}
	}
}

size_t kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o;

	o.buf = buf;
	o.size = size;
	o.n = 0;
	format(&o, fmt, ap);
	buf[o.n] = '\0';
	return o.n;
}

/*
 * The console lock keeps lines whole across CPUs. Its owner is a CPU
 * number + 1, so an NMI-class entry that prints while its own CPU holds
 * the lock (x86's real NMI may interrupt kvprintf) prints through instead
 * of deadlocking.
 */
static unsigned int console_owner;

size_t ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void kvprintf(const char *fmt, va_list ap)
{
	char line[512];
	size_t i, n = kvsnprintf(line, sizeof(line), fmt, ap);
	unsigned long flags = port_irq_save();
	unsigned int me = current ? (unsigned int)current->cpu + 1 : 1;
	bool nested = __atomic_load_n(&console_owner, __ATOMIC_RELAXED) == me;
	unsigned int free = 0;

	while (!nested &&
	       !__atomic_compare_exchange_n(&console_owner, &free, me, false,
					    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		free = 0;
	for (i = 0; i < n; i++) {
		if (line[i] == '\n')
			port_putc('\r');
		port_putc(line[i]);
	}
	if (!nested)
		__atomic_store_n(&console_owner, 0, __ATOMIC_RELEASE);
	port_irq_restore(flags);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

/* Reports and violations: the first few in full, then only counted, so a
 * broken kernel fails fast instead of drowning in its console. */
void kcomplain(const char *fmt, ...)
{
	static unsigned int printed;
	unsigned int n = __atomic_fetch_add(&printed, 1, __ATOMIC_RELAXED);
	va_list ap;

	if (n > 20)
		return;
	if (n == 20) {
		kprintf("(further reports and violations are only counted)\n");
		return;
	}
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

_Noreturn void kernel_panic(irqentry_regs_t *regs, const char *what)
{
	port_irq_disable();
	kprintf("PANIC: %s (thread %s", what, current ? current->name : "-");
	if (regs)
		kprintf(", pc=0x%lx", port_regs_pc(regs));
	kprintf(")\nsummary: %s PANIC FAIL\n", PORT_NAME);
	port_exit(3);
}

bool scenario_result(const char *kind, int n, const char *name, bool ok,
		     const char *fmt, ...)
{
	char details[400];
	va_list ap;

	va_start(ap, fmt);
	(void)kvsnprintf(details, sizeof(details), fmt, ap);
	va_end(ap);
	kprintf("%sscenario %d %s: %s (%s)\n", kind, n, name,
		ok ? "PASS" : "FAIL", details);
	return ok;
}

void scenario_title(const char *kind, int n, const char *what)
{
	if (narrating())
		kprintf("\n%sscenario %d: %s\n", kind, n, what);
}
