/* SPDX-License-Identifier: MIT */
/*
 * The user/kernel ABI of the example kernel: syscall numbers, signal numbers
 * and error values. Plain macros, so port assembly (the sigreturn
 * trampoline) and user code can include it too.
 */
#ifndef KERNEL_ABI_H
#define KERNEL_ABI_H

#define SYS_WRITE     0 /* (buf, len) -> len or -EFAULT */
#define SYS_YIELD     1 /* () -> 0 */
#define SYS_GETPID    2 /* () -> tid */
#define SYS_SLEEP     3 /* (ticks) -> ticks slept */
#define SYS_KILL      4 /* (tid, sig) -> 0, -ESRCH or -EINVAL */
#define SYS_EXIT      5 /* (code) -> does not return */
#define SYS_SIGACTION 6 /* (handler) -> 0 */
#define SYS_SIGRETURN 7 /* () -> the interrupted x0/a0/rax */
#define SYS_VCPU_RUN  8 /* (vcpu) -> guest exit status, -EINTR (signal) */
#define NR_SYSCALLS   9

#define SIGUSR1 10
#define NSIG    32

#define EFAULT 14
#define ESRCH  3
#define EINTR  4
#define EINVAL 22
#define ENOSYS 38

#endif /* KERNEL_ABI_H */
