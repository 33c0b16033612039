/*
 * CRT configuration of the host-driven runner: the values TVM v0.18.0 uses for its crt "host"
 * platform, so the device looks to a host exactly like TVM's own host-template firmware
 * (GetCRTMaxPacketSize = 2048 - 11, DEBUG logs sent as session Log messages).
 *
 * Part of the microtvm-maven-plugin host template (project_type=host_driven).
 */
#ifndef TVM_RUNTIME_CRT_CRT_CONFIG_H_
#define TVM_RUNTIME_CRT_CRT_CONFIG_H_

#define TVM_CRT_LOG_LEVEL TVM_CRT_LOG_LEVEL_DEBUG
#define TVM_CRT_DEBUG 0
#define TVM_CRT_MAX_NDIM 6
#define TVM_CRT_MAX_ARGS 10
#define TVM_CRT_GLOBAL_FUNC_REGISTRY_SIZE_BYTES 512
#define TVM_CRT_MAX_REGISTERED_MODULES 2
#define TVM_CRT_MAX_PACKET_SIZE_BYTES 2048
#define TVM_CRT_MAX_STRLEN_DLTYPE 10
#define TVM_CRT_MAX_STRLEN_FUNCTION_NAME 120
#define TVM_CRT_MAX_STRLEN_PARAM_NAME 80

#endif /* TVM_RUNTIME_CRT_CRT_CONFIG_H_ */
