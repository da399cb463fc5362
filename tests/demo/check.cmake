# SPDX-License-Identifier: MIT
# demo.hosted: run the narrated hosted demo (examples/hosted-demo) and
# check both its exit status and its output. A debug report makes the
# demo print "!!! debug report" and exit 1, in any scenario, the last one
# included; a scenario cut short leaves its "=>" summary line out.
#
# Usage: cmake -DDEMO=<hosted_demo> [-DEMULATOR=<cmd|arg|...>] -P check.cmake
# (EMULATOR: the cross-compiling emulator, its arguments joined by "|".)

if(NOT DEFINED DEMO)
  message(FATAL_ERROR "demo.hosted: DEMO (the demo executable) is not set")
endif()
string(REPLACE "|" ";" _emulator "${EMULATOR}")
execute_process(COMMAND ${_emulator} ${DEMO}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")

set(problems)
if(NOT rc STREQUAL "0")
  list(APPEND problems "exit status ${rc}, not 0")
endif()
if(NOT out MATCHES "^irqentry demo: arm64 exception entry/exit on the hosted CPU\n")
  list(APPEND problems "the header line is missing")
endif()
if(out MATCHES "debug report" OR err MATCHES "debug report")
  list(APPEND problems "a debug report was printed")
endif()
# Every scenario ("== title") ends with its summary, back at DAIF fully
# masked, and the output ends with a scenario's last line.
string(REGEX MATCHALL "\n== [^\n]*" scenarios "${out}")
string(REGEX MATCHALL "\n    => [0-9]+ DAIF writes, returned with DAIF=DAIF\n" summaries "${out}")
list(LENGTH scenarios n_scenarios)
list(LENGTH summaries n_summaries)
if(n_scenarios EQUAL 0 OR NOT n_scenarios EQUAL n_summaries)
  list(APPEND problems "${n_scenarios} scenarios but ${n_summaries} complete summaries")
endif()
if(NOT out MATCHES "    => [0-9]+ DAIF writes, returned with DAIF=DAIF\n$")
  list(APPEND problems "the last scenario did not finish with its summary")
endif()
# The figure the README quotes: the fast path of a user-mode IRQ.
if(NOT out MATCHES "no work \\(fast path\\)\n([^\n]*\n)([^\n]*\n)([^\n]*\n)([^\n]*\n)([^\n]*\n)([^\n]*\n)    => 2 DAIF writes")
  list(APPEND problems "the el0_irq fast path is not 2 DAIF writes")
endif()

if(problems)
  list(JOIN problems "; " text)
  message(FATAL_ERROR "demo.hosted: FAILED: ${text}")
endif()
message("summary: demo.hosted: exit status 0, ${n_scenarios} scenarios complete, no debug report")
