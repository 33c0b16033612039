/*
 * The host-driven firmware of the qemu-arm template: TVM's CRT microTVM RPC server (framing,
 * session, MinRPC) on the board's UART0, the same shape as TVM's Zephyr host_driven firmware, so
 * the plugin's Java host (microtvm:run) and `tvmc run --device micro` both drive the model. The
 * model is reached through runtime.SystemLib.
 *
 * The CRT platform hooks that are the board's own live here: abort, the timer, random bytes. The
 * memory hooks (a page allocator over a static arena) are the host template's rpc_memory.c.
 *
 * Part of the microtvm-maven-plugin qemu-arm template (project_type=host_driven).
 */
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>

#include <tvm/runtime/c_runtime_api.h>
#include <tvm/runtime/crt/graph_executor_module.h>
#include <tvm/runtime/crt/logging.h>
#include <tvm/runtime/crt/microtvm_rpc_server.h>
#include <tvm/runtime/crt/platform.h>

#include "board.h"
#include "mtvm_platform.h"
#include "rpc_memory.h"

static ssize_t write_uart(void* context, const uint8_t* data, size_t num_bytes) {
  (void)context;
  mtvm_platform_write(data, (uint32_t)num_bytes);
  return (ssize_t)num_bytes;
}

/* A CRT CHECK failure or an unrecoverable server error: tell the host in a session Log message
 * (shown as "[device] ..." in the build log), then sleep. The host's deadline ends the session;
 * a board reset (a new open_transport) starts over. */
void TVMPlatformAbort(tvm_crt_error_t code) {
  TVMLogf("TVMPlatformAbort: %08x; the firmware stopped, reset the board", (unsigned)code);
  board_stop();
}

/* A HardFault: the same report, as a Log message. */
void board_report_fault(uint32_t cfsr, const char* message) {
  (void)cfsr;
  TVMLogf("%s; the firmware stopped, reset the board", message);
}

/* runtime.RPCTimeEvaluator's timer: SysTick widened to 64 bits (board.c). Under QEMU's -icount
 * shift=0 it counts emulated instructions (one per virtual ns), not silicon cycles. */
static uint64_t g_timer_start;
static int g_timer_running;

tvm_crt_error_t TVMPlatformTimerStart(void) {
  if (g_timer_running) return kTvmErrorPlatformTimerBadState;
  static int described;
  if (!described) {
    /* Once, before the first measurement: what the device time counts (the host shows it with the time). */
    described = 1;
    TVMLogf("device timer: %s", BOARD_TIMER_NAME);
  }
  g_timer_running = 1;
  g_timer_start = mtvm_platform_ticks();
  return kTvmErrorNoError;
}

tvm_crt_error_t TVMPlatformTimerStop(double* elapsed_time_seconds) {
  if (!g_timer_running) return kTvmErrorPlatformTimerBadState;
  uint64_t ticks = mtvm_platform_ticks() - g_timer_start;
  g_timer_running = 0;
  *elapsed_time_seconds = (double)ticks / (double)mtvm_platform_ticks_per_second();
  return kTvmErrorNoError;
}

/* Session nonces only need to differ from the last session's. The board has no entropy source:
 * the SysTick reading stirred by a xorshift. Without -icount it follows host time; under -icount
 * a boot is deterministic, so the boot nonce repeats (the host's nonce still differs per session). */
tvm_crt_error_t TVMPlatformGenerateRandom(uint8_t* buffer, size_t num_bytes) {
  static uint32_t state = 0x9E3779B9u;
  state ^= (uint32_t)mtvm_platform_ticks();
  for (size_t i = 0; i < num_bytes; i++) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    buffer[i] = (uint8_t)(state >> 24);
  }
  return kTvmErrorNoError;
}

int main(void) {
  board_start();
  if (rpc_memory_setup() != kTvmErrorNoError) TVMPlatformAbort(kTvmErrorPlatformNoMemory);
  microtvm_rpc_server_t server = MicroTVMRpcServerInit(write_uart, NULL);
  if (TVMGraphExecutorModule_Register() != 0) TVMPlatformAbort(kTvmErrorFunctionRegistryFull);

  uint8_t buffer[256];
  for (;;) {
    int32_t got = mtvm_platform_read(buffer, sizeof(buffer));
    uint8_t* data = buffer;
    size_t size = got > 0 ? (size_t)got : 0;
    while (size > 0) {
      tvm_crt_error_t err = MicroTVMRpcServerLoop(server, &data, &size);
      /* A short packet is the host starting over (escape FF FD); the server has dropped it. */
      if (err != kTvmErrorNoError && err != kTvmErrorFramingShortPacket) TVMPlatformAbort(err);
    }
  }
}
