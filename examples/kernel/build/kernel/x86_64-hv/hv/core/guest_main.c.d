build/kernel/x86_64-hv/hv/core/guest_main.c.o: \
 /work/main/examples/kernel/core/guest_main.c \
 /work/main/examples/kernel/core/hv.h \
 /work/main/examples/kernel/x86_64/hv_arch.h
/work/main/examples/kernel/core/hv.h:
/work/main/examples/kernel/x86_64/hv_arch.h:
