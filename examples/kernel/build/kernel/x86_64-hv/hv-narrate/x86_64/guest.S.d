build/kernel/x86_64-hv/hv-narrate/x86_64/guest.S.o: \
 /work/main/examples/kernel/x86_64/guest.S \
 /work/main/examples/kernel/x86_64/port_arch.h \
 /work/main/examples/kernel/core/hv.h \
 /work/main/examples/kernel/x86_64/hv_arch.h
/work/main/examples/kernel/x86_64/port_arch.h:
/work/main/examples/kernel/core/hv.h:
/work/main/examples/kernel/x86_64/hv_arch.h:
