/*
 * CRT platform hooks for the host-driven runner; see rpc_platform.h.
 *
 * Part of the microtvm-maven-plugin host template (project_type=host_driven).
 */
#include "rpc_platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tvm/runtime/c_runtime_api.h>
#include <tvm/runtime/crt/platform.h>

#include "rpc_memory.h"

static struct timespec g_timer_start;
static int g_timer_running;

void rpc_platform_setup(void) {
  tvm_crt_error_t err = rpc_memory_setup();
  if (err != kTvmErrorNoError) {
    fprintf(stderr, "rpc_platform: creating the memory manager failed: %08x\n", (unsigned)err);
    exit(EXIT_FAILURE);
  }
}

void TVMPlatformAbort(tvm_crt_error_t code) {
  fprintf(stderr, "rpc_platform: TVMPlatformAbort: %08x\n", (unsigned)code);
  abort();
}

tvm_crt_error_t TVMPlatformTimerStart(void) {
  if (g_timer_running) return kTvmErrorPlatformTimerBadState;
  g_timer_running = 1;
  clock_gettime(CLOCK_MONOTONIC, &g_timer_start);
  return kTvmErrorNoError;
}

tvm_crt_error_t TVMPlatformTimerStop(double* elapsed_time_seconds) {
  if (!g_timer_running) return kTvmErrorPlatformTimerBadState;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  g_timer_running = 0;
  *elapsed_time_seconds = (double)(now.tv_sec - g_timer_start.tv_sec) + (now.tv_nsec - g_timer_start.tv_nsec) / 1e9;
  return kTvmErrorNoError;
}

/* Session nonces: they only need to differ across restarts. */
tvm_crt_error_t TVMPlatformGenerateRandom(uint8_t* buffer, size_t num_bytes) {
  FILE* f = fopen("/dev/urandom", "rb");
  size_t got = f != NULL ? fread(buffer, 1, num_bytes, f) : 0;
  if (f != NULL) fclose(f);
  if (got == num_bytes) return kTvmErrorNoError;
  unsigned seed = (unsigned)time(NULL) ^ (unsigned)clock();
  for (size_t i = 0; i < num_bytes; i++) buffer[i] = (uint8_t)rand_r(&seed);
  return kTvmErrorNoError;
}
