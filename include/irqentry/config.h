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

/*
 * Compile-time checks of the OS's hook types. A hook of the wrong type often
 * compiles without a warning (an int frame accessor, an int syscall number)
 * and then truncates at run time, so hooks.h and the backends assert the
 * types. IRQENTRY_PRIV_SAME_TYPE(a, b): a and b are the same type (C: GCC's
 * and Clang's __builtin_types_compatible_p, which ignores top-level
 * qualifiers; C++: a two-line trait, no <type_traits> in a freestanding
 * build). IRQENTRY_PRIV_STATIC_ASSERT(cond, msg): static_assert in C++,
 * _Static_assert in C; __extension__ keeps C99 -Wpedantic quiet, and the
 * empty macro between the keyword and its "(" keeps glibc's C99 fallback
 * macro of the same name (sys/cdefs.h, a bit-field error without the
 * message) from expanding.
 */
#ifdef __cplusplus
template <typename A, typename B> struct irqentry_priv_same {
	static const bool value = false;
};
template <typename A> struct irqentry_priv_same<A, A> {
	static const bool value = true;
};
#define IRQENTRY_PRIV_TYPEOF(x)             decltype(x)
#define IRQENTRY_PRIV_SAME_TYPE(a, b)       (irqentry_priv_same<a, b>::value)
#define IRQENTRY_PRIV_STATIC_ASSERT(c, msg) static_assert(c, msg)
#else
#define IRQENTRY_PRIV_TYPEOF(x)       __typeof__(x)
#define IRQENTRY_PRIV_SAME_TYPE(a, b) __builtin_types_compatible_p(a, b)
#define IRQENTRY_PRIV_NOTHING
#define IRQENTRY_PRIV_STATIC_ASSERT(c, msg)                                    \
	__extension__ _Static_assert IRQENTRY_PRIV_NOTHING(c, msg)
#endif

/* The hook @call (an unevaluated call expression) returns type @type. */
#define IRQENTRY_PRIV_HOOK_RETURNS(call, type, msg)                            \
	IRQENTRY_PRIV_STATIC_ASSERT(                                           \
		IRQENTRY_PRIV_SAME_TYPE(IRQENTRY_PRIV_TYPEOF(call), type),     \
		msg)

#endif /* IRQENTRY_CONFIG_H */
