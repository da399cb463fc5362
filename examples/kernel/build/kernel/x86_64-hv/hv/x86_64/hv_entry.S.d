build/kernel/x86_64-hv/hv/x86_64/hv_entry.S.o: \
 /work/main/examples/kernel/x86_64/hv_entry.S \
 /work/main/examples/kernel/x86_64/port_arch.h \
 /work/main/examples/kernel/x86_64/hv_arch.h
/work/main/examples/kernel/x86_64/port_arch.h:
/work/main/examples/kernel/x86_64/hv_arch.h:
