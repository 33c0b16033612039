/*
 * CRC-32 as used by Ethernet, zlib and PNG: reflected polynomial 0xEDB88320, initial value and
 * final XOR 0xFFFFFFFF. Check value: the CRC of the 9 ASCII bytes "123456789" is 0xCBF43926.
 *
 * Part of the microtvm-maven-plugin templates.
 */
#ifndef MTVM_CRC32_H_
#define MTVM_CRC32_H_

#include <stddef.h>
#include <stdint.h>

#define MTVM_CRC32_INIT 0xFFFFFFFFu

/* Feeds size bytes into a running CRC that started at MTVM_CRC32_INIT. */
uint32_t mtvm_crc32_update(uint32_t state, const uint8_t* data, size_t size);

/* The CRC of everything fed so far. */
static inline uint32_t mtvm_crc32_final(uint32_t state) { return state ^ 0xFFFFFFFFu; }

#endif /* MTVM_CRC32_H_ */
