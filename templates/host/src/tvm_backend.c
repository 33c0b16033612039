/*
 * The few TVM runtime functions generated model code may call, without linking the full CRT.
 *
 * Models compiled with USMP (the default for runtime crt since TVM 0.12) keep their workspace in
 * a static array and call none of these. Models compiled with tir.usmp.enable=False obtain every
 * intermediate tensor from TVMBackendAllocWorkspace, in strict LIFO order, so a stack allocator
 * over one static arena is enough. Its size is MODEL_IO_WORKSPACE_BYTES (the workspace_size_bytes
 * option, else the model's own requirement) plus alignment slack, because the allocator first
 * rounds the arena start up to TVM_RUNTIME_ALLOC_ALIGNMENT_BYTES.
 *
 * Part of the microtvm-maven-plugin host template.
 */
#include <stdio.h>

#include <tvm/runtime/c_runtime_api.h>

#include "model_io.h"

void TVMAPISetLastError(const char* msg) { fprintf(stderr, "TVM error: %s\n", msg); }

#if MODEL_IO_NEEDS_WORKSPACE
#include <tvm/runtime/c_backend_api.h>
#include <tvm/runtime/crt/stack_allocator.h>

static _Alignas(TVM_RUNTIME_ALLOC_ALIGNMENT_BYTES) uint8_t
    workspace_arena[MODEL_IO_WORKSPACE_BYTES + 2 * TVM_RUNTIME_ALLOC_ALIGNMENT_BYTES];
static tvm_workspace_t workspace;
static int workspace_ready;

void* TVMBackendAllocWorkspace(int device_type, int device_id, uint64_t nbytes, int dtype_code_hint,
                               int dtype_bits_hint) {
  (void)device_type, (void)device_id, (void)dtype_code_hint, (void)dtype_bits_hint;
  if (!workspace_ready) {
    StackMemoryManager_Init(&workspace, workspace_arena, sizeof(workspace_arena));
    workspace_ready = 1;
  }
  void* ptr = NULL;
  if (nbytes > INT32_MAX || StackMemoryManager_Allocate(&workspace, (int32_t)nbytes, &ptr) != kTvmErrorNoError) {
    /* Returning NULL makes the model's run function return -1: a clean failure, not an abort. */
    fprintf(stderr,
            "TVMBackendAllocWorkspace: cannot allocate %llu bytes from the %lu-byte workspace arena; "
            "regenerate the project with a larger workspace_size_bytes\n",
            (unsigned long long)nbytes, (unsigned long)MODEL_IO_WORKSPACE_BYTES);
    return NULL;
  }
  return ptr;
}

int TVMBackendFreeWorkspace(int device_type, int device_id, void* ptr) {
  (void)device_type, (void)device_id;
  return StackMemoryManager_Free(&workspace, ptr) == kTvmErrorNoError ? 0 : -1;
}
#endif /* MODEL_IO_NEEDS_WORKSPACE */
