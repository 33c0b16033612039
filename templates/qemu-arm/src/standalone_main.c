/*
 * main() of the standalone firmware: serves the standalone protocol on the board's UART0.
 *
 * Part of the microtvm-maven-plugin qemu-arm template (project_type=standalone).
 */
#include <stdint.h>

#include "board.h"
#include "mtvm_protocol.h"

/* A fault ends the session with an ERROR frame (code MTVM_PROTOCOL_ERROR_DEVICE_FAULT) for the
 * request being served. */
void board_report_fault(uint32_t cfsr, const char* message) { mtvm_protocol_report_fault((int32_t)cfsr, message); }

int main(void) {
  board_start();
  mtvm_protocol_serve();
  /* The UART never ends, so serving only stops on a write failure: wait for the host. */
  for (;;) __asm volatile("wfi");
}
