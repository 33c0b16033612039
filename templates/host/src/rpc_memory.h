/*
 * The CRT memory hooks of a host-driven firmware (TVMPlatformMemoryAllocate/Free) and its
 * message formatting (TVMPlatformFormatMessage): a page allocator over one static arena of
 * RPC_WORKSPACE_SIZE_BYTES. The same on every platform, so kept once here and copied into the
 * projects of the host and qemu-arm templates.
 *
 * Part of the microtvm-maven-plugin host template (project_type=host_driven).
 */
#ifndef RPC_MEMORY_H_
#define RPC_MEMORY_H_

#include <tvm/runtime/crt/error_codes.h>

/* Creates the memory manager; call once before MicroTVMRpcServerInit. */
tvm_crt_error_t rpc_memory_setup(void);

#endif /* RPC_MEMORY_H_ */
