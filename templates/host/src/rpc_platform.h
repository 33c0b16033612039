/*
 * The CRT platform hooks of the host-driven runner (TVMPlatform* of tvm/runtime/crt/platform.h)
 * that are the host's own: abort, a CLOCK_MONOTONIC timer for runtime.RPCTimeEvaluator, nonces from
 * /dev/urandom; plus the one-time set-up of the shared memory hooks (rpc_memory.c).
 *
 * Part of the microtvm-maven-plugin host template (project_type=host_driven).
 */
#ifndef RPC_PLATFORM_H_
#define RPC_PLATFORM_H_

/* Creates the memory manager; call once before MicroTVMRpcServerInit. Exits on failure. */
void rpc_platform_setup(void);

#endif /* RPC_PLATFORM_H_ */
