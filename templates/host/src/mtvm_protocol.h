/*
 * The device side of the standalone protocol (docs/standalone-protocol.md): answers HELLO,
 * SET_INPUT, RUN and GET_OUTPUT requests for the model described by model_io.h, and LOAD_INPUT and
 * SAVE_OUTPUT (1.1) where the platform offers host files.
 *
 * No heap, no stdio: bytes, time and host files come from the hooks in mtvm_platform.h, so the same
 * code serves a host program's stdin/stdout and a board's UART.
 *
 * Part of the microtvm-maven-plugin templates.
 */
#ifndef MTVM_PROTOCOL_H_
#define MTVM_PROTOCOL_H_

#include <stdint.h>

/* Major changes break hosts; minor ones only append fields or add frame types. */
#define MTVM_PROTOCOL_VERSION_MAJOR 1
#define MTVM_PROTOCOL_VERSION_MINOR 1

/* Serves requests until the channel ends. Returns 0 then, or a negative value when reading or
 * writing failed. A board that never closes its channel never returns. */
int32_t mtvm_protocol_serve(void);

/* ERROR code for a device that faulted (a CPU exception) while serving a request. */
#define MTVM_PROTOCOL_ERROR_DEVICE_FAULT 7

/* For a platform's fault handler: answers the request being served with an ERROR frame
 * (MTVM_PROTOCOL_ERROR_DEVICE_FAULT, detail, message) so the host learns of the fault instead of
 * waiting for a reply. The device cannot serve any more requests afterwards. */
int32_t mtvm_protocol_report_fault(int32_t detail, const char* message);

#endif /* MTVM_PROTOCOL_H_ */
