/*
 * What the standalone protocol needs from the platform it runs on: a byte channel to the host
 * and a timer, and optionally access to files of the host that runs the device (for big tensors).
 * The host template implements these in main.c over stdin/stdout and stdio; a board implements
 * them over its UART and a cycle counter (qemu-arm: host files through QEMU's semihosting).
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

/* Bits of mtvm_platform_capabilities(), sent in the HELLO reply. */
#define MTVM_PLATFORM_CAP_HOST_FILES 0x1u /* the host_file hooks below work */

/* What the platform offers beyond the hooks above: a set of MTVM_PLATFORM_CAP_* bits. */
uint32_t mtvm_platform_capabilities(void);

/* Reads the host file at path (absolute, NUL-terminated) into buffer; the file must hold exactly
 * size bytes. Returns NULL when it did, else a short ASCII reason, with *detail set to the error
 * number or byte count that tells more. Only called when MTVM_PLATFORM_CAP_HOST_FILES is offered. */
const char* mtvm_platform_host_file_load(const char* path, uint8_t* buffer, uint32_t size, int32_t* detail);

/* Writes size bytes of data to the host file at path, created or truncated. Returns NULL when all
 * were written, else a short reason and *detail, as mtvm_platform_host_file_load. */
const char* mtvm_platform_host_file_store(const char* path, const uint8_t* data, uint32_t size, int32_t* detail);

#endif /* MTVM_PLATFORM_H_ */
