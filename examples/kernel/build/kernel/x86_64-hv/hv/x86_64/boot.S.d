build/kernel/x86_64-hv/hv/x86_64/boot.S.o: \
 /work/main/examples/kernel/x86_64/boot.S \
 /work/main/examples/kernel/x86_64/port_arch.h \
 /work/main/examples/kernel/core/abi.h
/work/main/examples/kernel/x86_64/port_arch.h:
/work/main/examples/kernel/core/abi.h:
