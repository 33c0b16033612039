/*
 * CRC-32, bit by bit. A table would be faster, but frames are short and arrive over slow
 * links, so the 1 KiB a table costs on a microcontroller buys nothing here.
 *
 * Part of the microtvm-maven-plugin templates.
 */
#include "mtvm_crc32.h"

#define MTVM_CRC32_POLYNOMIAL 0xEDB88320u

uint32_t mtvm_crc32_update(uint32_t state, const uint8_t* data, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    state ^= data[i];
    for (int bit = 0; bit < 8; ++bit) {
      /* Reflected form: shift right, and fold the polynomial in when a 1 drops out. */
      uint32_t mask = -(state & 1u);
      state = (state >> 1) ^ (MTVM_CRC32_POLYNOMIAL & mask);
    }
  }
  return state;
}
