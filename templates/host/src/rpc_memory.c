/*
 * CRT memory and message hooks shared by the host-driven firmwares; see rpc_memory.h.
 *
 * Part of the microtvm-maven-plugin host template (project_type=host_driven).
 */
#include "rpc_memory.h"

#include <stdarg.h>
#include <stdio.h>

#include <tvm/runtime/c_runtime_api.h>
#include <tvm/runtime/crt/page_allocator.h>
#include <tvm/runtime/crt/platform.h>

#ifndef RPC_WORKSPACE_SIZE_BYTES
#define RPC_WORKSPACE_SIZE_BYTES (2 * 1024 * 1024)
#endif

/* Everything the CRT allocates comes from here: receive buffer, registry, executors, tensors. */
static uint8_t g_arena[RPC_WORKSPACE_SIZE_BYTES] __attribute__((aligned(64)));
static MemoryManagerInterface* g_memory;

tvm_crt_error_t rpc_memory_setup(void) {
  /* 256-byte pages, as TVM's host template uses */
  return PageMemoryManagerCreate(&g_memory, g_arena, sizeof(g_arena), 8);
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
