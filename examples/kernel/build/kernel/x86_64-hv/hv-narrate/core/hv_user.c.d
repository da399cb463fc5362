build/kernel/x86_64-hv/hv-narrate/core/hv_user.c.o: \
 /work/main/examples/kernel/core/hv_user.c \
 /work/main/examples/kernel/core/port.h \
 /work/main/examples/kernel/x86_64/port_arch.h \
 /work/main/examples/kernel/core/hv_user.h \
 /work/main/examples/kernel/core/abi.h
/work/main/examples/kernel/core/port.h:
/work/main/examples/kernel/x86_64/port_arch.h:
/work/main/examples/kernel/core/hv_user.h:
/work/main/examples/kernel/core/abi.h:
