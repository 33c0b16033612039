/*
 * Frames of the standalone protocol (docs/standalone-protocol.md): finding valid frames in the
 * byte stream from the host, and writing frames back.
 *
 *   sync FA CE | type u8 | seq u8 | length u16 | header check u16 | payload[length] | CRC-32 u32
 *
 * Little-endian. The header check is the low 16 bits of the CRC-32 of type, seq and length, so a
 * corrupted length is caught before waiting for a payload that will never come; the CRC-32 at
 * the end covers everything from type to the last payload byte. Anything that is not a valid
 * frame (boot messages, line noise, a frame with a bad check) is skipped, and the search for the
 * next sync resumes one byte after the rejected one.
 *
 * Static buffers only: one receive buffer the size of the largest frame, and a small staging
 * buffer for writes.
 *
 * Part of the microtvm-maven-plugin templates.
 */
#ifndef MTVM_FRAME_H_
#define MTVM_FRAME_H_

#include <stdint.h>

/* Largest request payload the device accepts. Override with -DMTVM_PROTOCOL_MAX_PAYLOAD=n to
 * fit a small RAM; the receive buffer is this plus 12 bytes. */
#ifndef MTVM_PROTOCOL_MAX_PAYLOAD
#define MTVM_PROTOCOL_MAX_PAYLOAD 1024
#endif
/* Below 16 a SET_INPUT could not carry data next to its 6 header bytes, nor a GET_OUTPUT reply
 * a useful chunk; above 65535 the length field cannot say it. */
#if MTVM_PROTOCOL_MAX_PAYLOAD < 16 || MTVM_PROTOCOL_MAX_PAYLOAD > 65535
#error "MTVM_PROTOCOL_MAX_PAYLOAD must be between 16 and 65535"
#endif

#define MTVM_FRAME_SYNC_0 0xFAu
#define MTVM_FRAME_SYNC_1 0xCEu
/* sync, type, seq, length, header check */
#define MTVM_FRAME_HEADER_BYTES 8u
#define MTVM_FRAME_CRC_BYTES 4u
/* The largest payload any frame can carry (the length field is 16 bits). */
#define MTVM_FRAME_MAX_PAYLOAD 65535u

typedef struct {
  uint8_t type;
  uint8_t seq;
  uint16_t length;
  const uint8_t* payload; /* valid until the next mtvm_frame_receive */
} mtvm_frame_t;

/* Reads from the platform until a valid frame has arrived and stores it in frame. Returns 1
 * then, 0 when the channel ended, or a negative value when reading failed. */
int32_t mtvm_frame_receive(mtvm_frame_t* frame);

/* Writing a frame: begin, put exactly `length` payload bytes (in any number of pieces), end.
 * Errors are remembered and reported by mtvm_frame_end. */
void mtvm_frame_begin(uint8_t type, uint8_t seq, uint16_t length);
void mtvm_frame_put(const void* data, uint32_t size);
/* Appends the CRC and sends what is left. Returns 0, or a negative value when writing failed
 * or the payload did not have the length given to mtvm_frame_begin. */
int32_t mtvm_frame_end(void);

#endif /* MTVM_FRAME_H_ */
