/*
 * CRT configuration for the host template. The MLF's runtime/ ships no crt_config.h, but its
 * stack_allocator.h includes one; only these settings matter for the pieces the template uses
 * (the stack allocator behind TVMBackendAllocWorkspace).
 *
 * Part of the microtvm-maven-plugin host template.
 */
#ifndef HOST_TEMPLATE_CRT_CONFIG_H_
#define HOST_TEMPLATE_CRT_CONFIG_H_

/* Log only errors: the template links no CRT logging code. */
#define TVM_CRT_LOG_LEVEL TVM_CRT_LOG_LEVEL_ERROR
/* Largest tensor rank and packed-call arity the CRT headers may size arrays for. */
#define TVM_CRT_MAX_NDIM 6
#define TVM_CRT_MAX_ARGS 10

#endif /* HOST_TEMPLATE_CRT_CONFIG_H_ */
