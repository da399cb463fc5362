build/kernel/x86_64-hv/hv/core/user.c.o: \
 /work/main/examples/kernel/core/user.c \
 /work/main/examples/kernel/core/port.h \
 /work/main/examples/kernel/x86_64/port_arch.h \
 /work/main/examples/kernel/core/user.h \
 /work/main/examples/kernel/core/abi.h
/work/main/examples/kernel/core/port.h:
/work/main/examples/kernel/x86_64/port_arch.h:
/work/main/examples/kernel/core/user.h:
/work/main/examples/kernel/core/abi.h:
