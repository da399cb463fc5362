build/kernel/x86_64-hv/hv/core/console.c.o: \
 /work/main/examples/kernel/core/console.c \
 /work/main/examples/kernel/core/kernel.h \
 /work/main/include/irqentry/irqentry.h \
 /work/main/include/irqentry/version.h \
 /work/main/include/irqentry/config.h /work/main/include/irqentry/arch.h \
 /work/main/include/irqentry/work.h /work/main/include/irqentry/types.h \
 /work/main/examples/kernel/core/irqentry_os.h \
 /work/main/examples/kernel/core/thread.h \
 /work/main/examples/kernel/core/port.h \
 /work/main/examples/kernel/x86_64/port_arch.h \
 /work/main/examples/kernel/core/abi.h \
 /work/main/include/irqentry/hooks.h \
 /work/main/include/irqentry/arch/x86.h \
 /work/main/include/irqentry/debug.h /work/main/include/irqentry/kernel.h \
 /work/main/include/irqentry/user.h /work/main/include/irqentry/entry.h \
 /work/main/include/irqentry/syscall.h /work/main/include/irqentry/nmi.h \
 /work/main/include/irqentry/guest.h /work/main/examples/kernel/core/hv.h \
 /work/main/examples/kernel/x86_64/hv_arch.h
/work/main/examples/kernel/core/kernel.h:
/work/main/include/irqentry/irqentry.h:
/work/main/include/irqentry/version.h:
/work/main/include/irqentry/config.h:
/work/main/include/irqentry/arch.h:
/work/main/include/irqentry/work.h:
/work/main/include/irqentry/types.h:
/work/main/examples/kernel/core/irqentry_os.h:
/work/main/examples/kernel/core/thread.h:
/work/main/examples/kernel/core/port.h:
/work/main/examples/kernel/x86_64/port_arch.h:
/work/main/examples/kernel/core/abi.h:
/work/main/include/irqentry/hooks.h:
/work/main/include/irqentry/arch/x86.h:
/work/main/include/irqentry/debug.h:
/work/main/include/irqentry/kernel.h:
/work/main/include/irqentry/user.h:
/work/main/include/irqentry/entry.h:
/work/main/include/irqentry/syscall.h:
/work/main/include/irqentry/nmi.h:
/work/main/include/irqentry/guest.h:
/work/main/examples/kernel/core/hv.h:
/work/main/examples/kernel/x86_64/hv_arch.h:
