/*
 * What the standalone protocol needs from the platform it runs on: a byte channel to the host
 * and a timer. The host template implements these in main.c over stdin/stdout; a board
 * implements them over its UART and a cycle counter.
 *
 * Part of the microtvm-maven-plugin templates.
 */
#ifndef MTVM_PLATFORM_H_
#define MTVM_PLATFORM_H_

#include <stdint.h>

/* Waits until at least one byte has arrived, then stores up to max_bytes of what is available
 * in buffer. Returns the number stored (>= 1), 0 when the channel has ended for good, or a
 * negative value when reading failed. */
int32_t mtvm_platform_read(uint8_t* buffer, uint32_t max_bytes);

/* Writes all size bytes to the host. Returns 0, or a negative value when the channel failed. */
int32_t mtvm_platform_write(const uint8_t* data, uint32_t size);

/* A monotonic tick counter. Elapsed time is the difference of two readings modulo 2^64, so a
 * platform with a narrower hardware counter must widen it to 64 bits. */
uint64_t mtvm_platform_ticks(void);

/* How many ticks mtvm_platform_ticks advances per second. */
uint32_t mtvm_platform_ticks_per_second(void);

/* What the ticks count, for people reading results, e.g. "DWT_CYCCNT". */
const char* mtvm_platform_timer_name(void);

#endif /* MTVM_PLATFORM_H_ */
