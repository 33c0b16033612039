/*
 * The device side of the standalone protocol (docs/standalone-protocol.md): answers HELLO,
 * SET_INPUT, RUN and GET_OUTPUT requests for the model described by model_io.h.
 *
 * No heap, no stdio: bytes and time come from the hooks in mtvm_platform.h, so the same code
 * serves a host program's stdin/stdout and a board's UART.
 *
 * Part of the microtvm-maven-plugin templates.
 */
#ifndef MTVM_PROTOCOL_H_
#define MTVM_PROTOCOL_H_

#include <stdint.h>

/* Major changes break hosts; minor ones only append fields or add frame types. */
#define MTVM_PROTOCOL_VERSION_MAJOR 1
#define MTVM_PROTOCOL_VERSION_MINOR 0

/* Serves requests until the channel ends. Returns 0 then, or a negative value when reading or
 * writing failed. A board that never closes its channel never returns. */
int32_t mtvm_protocol_serve(void);

#endif /* MTVM_PROTOCOL_H_ */
