/* SPDX-License-Identifier: MIT */
/*
 * Consumer (f): a C++ hypervisor's OS header. The host kernel's hooks are
 * the minimum (one host thread, its work word and preempt count); the
 * guest side names the vCPU type and handles the VMM's own guest work bit,
 * an I/O request to complete before the vCPU may run again.
 */
#ifndef VMM_IRQENTRY_OS_H
#define VMM_IRQENTRY_OS_H

struct HostFrame {
	unsigned long status, cs, ss, pc, cx, r11;
	long nr, ret;
};

typedef struct HostFrame irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

struct Vcpu;
typedef struct Vcpu irqentry_vcpu_t;
#define irqentry_vcpu_t irqentry_vcpu_t

/* The host thread that runs the vCPU. */
struct HostThread {
	unsigned long work;
	int preempt_count;
	unsigned int schedules;
};
extern HostThread vmm_thread;

/* VMM-defined guest work: an I/O request is waiting for completion. */
#define VMM_WORK_IOREQ              (1UL << IRQENTRY_WORK_OS_SHIFT)
#define IRQENTRY_OS_GUEST_WORK_MASK VMM_WORK_IOREQ

static inline unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
{
	return regs->status;
}
#define irqentry_os_regs_status irqentry_os_regs_status

static inline unsigned long *irqentry_os_work()
{
	return &vmm_thread.work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count()
{
	return vmm_thread.preempt_count;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline void vmm_schedule()
{
	irqentry_work_clear(&vmm_thread.work, IRQENTRY_WORK_RESCHED_MASK);
	vmm_thread.schedules++;
}
#define irqentry_os_schedule vmm_schedule

static inline void vmm_preempt_schedule_irq()
{
	irqentry_work_clear(&vmm_thread.work, IRQENTRY_WORK_NEED_RESCHED);
	vmm_thread.schedules++;
}
#define irqentry_os_preempt_schedule_irq vmm_preempt_schedule_irq

static inline void vmm_handle_signal(irqentry_regs_t *)
{
	irqentry_work_clear(&vmm_thread.work, IRQENTRY_WORK_SIGNAL_MASK);
}
#define irqentry_os_handle_signal vmm_handle_signal

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return regs->nr;
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	regs->ret = value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return

/* The guest side (vmm.cpp). */
int vmm_guest_signal_exit(Vcpu *vcpu);
#define irqentry_os_guest_signal_exit vmm_guest_signal_exit
int vmm_guest_handle_work(Vcpu *vcpu, unsigned long work);
#define irqentry_os_guest_handle_work vmm_guest_handle_work

/* Frame hooks the RISC-V and x86 backends require. */
static inline unsigned long irqentry_os_regs_pc(irqentry_regs_t *regs)
{
	return regs->pc;
}
#define irqentry_os_regs_pc irqentry_os_regs_pc

static inline void irqentry_os_regs_set_pc(irqentry_regs_t *regs,
					   unsigned long pc)
{
	regs->pc = pc;
}
#define irqentry_os_regs_set_pc irqentry_os_regs_set_pc

static inline void irqentry_os_syscall_save_orig_a0(irqentry_regs_t *)
{
}
#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0

static inline void irqentry_os_syscall_save_orig_x0(irqentry_regs_t *)
{
}
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0

static inline unsigned long irqentry_os_regs_cs(irqentry_regs_t *regs)
{
	return regs->cs;
}
#define irqentry_os_regs_cs irqentry_os_regs_cs

static inline unsigned long irqentry_os_regs_ss(irqentry_regs_t *regs)
{
	return regs->ss;
}
#define irqentry_os_regs_ss     irqentry_os_regs_ss
/* x86: the user code and stack selectors SYSRET loads from STAR. */
#define IRQENTRY_OS_X86_USER_CS 0x23UL
#define IRQENTRY_OS_X86_USER_SS 0x1bUL

static inline unsigned long irqentry_os_regs_cx(irqentry_regs_t *regs)
{
	return regs->cx;
}
#define irqentry_os_regs_cx irqentry_os_regs_cx

static inline unsigned long irqentry_os_regs_r11(irqentry_regs_t *regs)
{
	return regs->r11;
}
#define irqentry_os_regs_r11 irqentry_os_regs_r11

#endif /* VMM_IRQENTRY_OS_H */
