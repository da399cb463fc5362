/* SPDX-License-Identifier: MIT */
/*
 * irqentry configuration knobs and attribute macros. Included first by
 * <irqentry/irqentry.h>; do not include directly.
 */
#ifndef IRQENTRY_CONFIG_H
#define IRQENTRY_CONFIG_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/config.h>"
#endif

/*
 * IRQENTRY_PREEMPTION: 1 (default) lets a return to kernel mode preempt the
 * interrupted kernel context; 0 gives a non-preemptible kernel, which then
 * need not provide irqentry_os_preempt_schedule_irq().
 */
#ifndef IRQENTRY_PREEMPTION
#define IRQENTRY_PREEMPTION 1
#endif

/*
 * IRQENTRY_DEBUG: 1 checks every ordering and masking rule at run time and
 * reports a violation through irqentry_os_report(). 0 (default) compiles the
 * checks out entirely.
 */
#ifndef IRQENTRY_DEBUG
#define IRQENTRY_DEBUG 0
#endif

/*
 * IRQENTRY_HOSTED: when defined, the arch primitives run on a simulated CPU
 * instead of the real mask register; see <irqentry/hosted.h>.
 *
 * IRQENTRY_TESTING: when defined (with IRQENTRY_HOSTED), every call of an
 * OS action hook is recorded for the test's inspection, and debug reports
 * return instead of trapping; see <irqentry/testing.h>.
 */

/*
 * IRQENTRY_WORK_LOOP_LIMIT: debug builds report IRQENTRY_RULE_NO_PROGRESS when
 * a work loop sees the same bit set after this many passes (a hook that
 * never clears its bit) and stop looping instead of hanging.
 */
#ifndef IRQENTRY_WORK_LOOP_LIMIT
#define IRQENTRY_WORK_LOOP_LIMIT 1000
#endif

/*
 * IRQENTRY_ALWAYS_INLINE: every entry/exit function is static inline with
 * this attribute: a kernel's vector path must not gain calls it did not ask
 * for. Override with an empty definition to debug with -O0 backtraces.
 */
#ifndef IRQENTRY_ALWAYS_INLINE
#if defined(__GNUC__) || defined(__clang__)
#define IRQENTRY_ALWAYS_INLINE __attribute__((__always_inline__))
#else
#define IRQENTRY_ALWAYS_INLINE
#endif
#endif

/*
 * IRQENTRY_NOINSTR: applied to every library function. Kernels that trace or
 * sanitize code define it to their "no instrumentation" attribute (Linux's
 * noinstr); the default is nothing.
 */
#ifndef IRQENTRY_NOINSTR
#define IRQENTRY_NOINSTR
#endif

#define IRQENTRY_API static inline IRQENTRY_ALWAYS_INLINE IRQENTRY_NOINSTR

/*
 * The slow paths (work loops, preemption, syscall tracing) stay out of line
 * and out of the hot cache lines, so the inlined fast path is only the
 * checks. One copy per translation unit that uses them.
 */
#define IRQENTRY_SLOWPATH                                                      \
	static __attribute__((__noinline__, __cold__, __unused__))             \
	IRQENTRY_NOINSTR

/* Branch hints for the fast paths (no work, no preemption). */
#if defined(__GNUC__) || defined(__clang__)
#define IRQENTRY_LIKELY(x)   __builtin_expect(!!(x), 1)
#define IRQENTRY_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define IRQENTRY_LIKELY(x)   (x)
#define IRQENTRY_UNLIKELY(x) (x)
#endif

#endif /* IRQENTRY_CONFIG_H */
