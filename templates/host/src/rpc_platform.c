/*
 * CRT platform hooks for the host-driven runner; see rpc_platform.h.
 *
 * Part of the microtvm-maven-plugin host template (project_type=host_driven).
 */
#include "rpc_platform.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tvm/runtime/c_runtime_api.h>
#include <tvm/runtime/crt/page_allocator.h>
#include <tvm/runtime/crt/platform.h>

#ifndef RPC_WORKSPACE_SIZE_BYTES
#define RPC_WORKSPACE_SIZE_BYTES (2 * 1024 * 1024)
#endif

/* Everything the CRT allocates comes from here: receive buffer, registry, executors, tensors. */
static uint8_t g_arena[RPC_WORKSPACE_SIZE_BYTES] __attribute__((aligned(64)));
static MemoryManagerInterface* g_memory;

static struct timespec g_timer_start;
static int g_timer_running;

void rpc_platform_setup(void) {
  /* 256-byte pages, as TVM's host template uses */
  tvm_crt_error_t err = PageMemoryManagerCreate(&g_memory, g_arena, sizeof(g_arena), 8);
  if (err != kTvmErrorNoError) {
    fprintf(stderr, "rpc_platform: creating the memory manager failed: %08x\n", (unsigned)err);
    exit(EXIT_FAILURE);
  }
}

void TVMPlatformAbort(tvm_crt_error_t code) {
  fprintf(stderr, "rpc_platform: TVMPlatformAbort: %08x\n", (unsigned)code);
  abort();
}

size_t TVMPlatformFormatMessage(char* out_buf, size_t out_buf_size_bytes, const char* fmt, va_list args) {
  int n = vsnprintf(out_buf, out_buf_size_bytes, fmt, args);
  if (n < 0) return 0;
  return (size_t)n < out_buf_size_bytes ? (size_t)n : out_buf_size_bytes - 1;
}

tvm_crt_error_t TVMPlatformMemoryAllocate(size_t num_bytes, DLDevice dev, void** out_ptr) {
  return g_memory->Allocate(g_memory, num_bytes, dev, out_ptr);
}

tvm_crt_error_t TVMPlatformMemoryFree(void* ptr, DLDevice dev) { return g_memory->Free(g_memory, ptr, dev); }

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
