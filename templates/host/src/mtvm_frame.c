/*
 * Frame reception with resynchronisation, and frame writing; see mtvm_frame.h.
 *
 * Part of the microtvm-maven-plugin templates.
 */
#include "mtvm_frame.h"

#include <string.h>

#include "mtvm_crc32.h"
#include "mtvm_platform.h"

#define RX_CAPACITY (MTVM_FRAME_HEADER_BYTES + MTVM_PROTOCOL_MAX_PAYLOAD + MTVM_FRAME_CRC_BYTES)
/* Small, so a microcontroller does not pay for it, yet a frame goes out in a few writes. */
#define TX_STAGING_BYTES 64u

static uint8_t rx[RX_CAPACITY];
static uint32_t rx_length;       /* bytes held in rx */
static uint32_t rx_handed_out;   /* size of the frame last returned; dropped on the next call */

static uint8_t tx[TX_STAGING_BYTES];
static uint32_t tx_length;
static uint32_t tx_crc;
static uint32_t tx_payload_left;
static int32_t tx_status;

enum scan_result { SCAN_NEED_MORE, SCAN_FOUND };

static uint16_t read_u16(const uint8_t* p) { return (uint16_t)(p[0] | (p[1] << 8)); }

static uint32_t read_u32(const uint8_t* p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void drop(uint32_t count) {
  if (count > rx_length) count = rx_length;
  memmove(rx, rx + count, rx_length - count);
  rx_length -= count;
}

/* Drops everything before the first byte that could start a sync. A lone FA at the very end is
 * kept: its CE may still be on the way. */
static void skip_to_sync(void) {
  uint32_t i = 0;
  while (i < rx_length) {
    if (rx[i] == MTVM_FRAME_SYNC_0 && (i + 1 == rx_length || rx[i + 1] == MTVM_FRAME_SYNC_1)) break;
    ++i;
  }
  drop(i);
}

static uint16_t header_check(const uint8_t* type_seq_length) {
  return (uint16_t)mtvm_crc32_final(mtvm_crc32_update(MTVM_CRC32_INIT, type_seq_length, 4));
}

/* Looks for a complete valid frame at the start of rx, dropping whatever cannot be one. */
static enum scan_result scan(uint32_t* frame_bytes) {
  for (;;) {
    skip_to_sync();
    if (rx_length < MTVM_FRAME_HEADER_BYTES) return SCAN_NEED_MORE;
    uint32_t length = read_u16(rx + 4);
    if (read_u16(rx + 6) != header_check(rx + 2) || length > MTVM_PROTOCOL_MAX_PAYLOAD) {
      /* Noise that looks like a sync, a damaged header, or more than we accept (and could
       * hold): no use waiting for its payload. */
      drop(1);
      continue;
    }
    uint32_t total = MTVM_FRAME_HEADER_BYTES + length + MTVM_FRAME_CRC_BYTES;
    if (rx_length < total) return SCAN_NEED_MORE;
    uint32_t expected = read_u32(rx + MTVM_FRAME_HEADER_BYTES + length);
    uint32_t checked = MTVM_FRAME_HEADER_BYTES - 2 + length; /* from type to the last payload byte */
    uint32_t actual = mtvm_crc32_final(mtvm_crc32_update(MTVM_CRC32_INIT, rx + 2, checked));
    if (actual != expected) {
      /* Silently: the host notices the missing reply and retries; the real next frame may
       * start inside the bytes just looked at, so search again from the next byte. */
      drop(1);
      continue;
    }
    *frame_bytes = total;
    return SCAN_FOUND;
  }
}

int32_t mtvm_frame_receive(mtvm_frame_t* frame) {
  drop(rx_handed_out);
  rx_handed_out = 0;
  for (;;) {
    uint32_t frame_bytes = 0;
    if (scan(&frame_bytes) == SCAN_FOUND) {
      frame->type = rx[2];
      frame->seq = rx[3];
      frame->length = read_u16(rx + 4);
      frame->payload = rx + MTVM_FRAME_HEADER_BYTES;
      rx_handed_out = frame_bytes;
      return 1;
    }
    /* scan() only wants more when rx holds less than one whole frame, so there is room. */
    int32_t got = mtvm_platform_read(rx + rx_length, RX_CAPACITY - rx_length);
    if (got <= 0) return got;
    rx_length += (uint32_t)got;
  }
}

static void flush(void) {
  if (tx_length > 0 && tx_status == 0) tx_status = mtvm_platform_write(tx, tx_length) < 0 ? -1 : 0;
  tx_length = 0;
}

static void stage(const uint8_t* data, uint32_t size) {
  while (size > 0) {
    if (tx_length == TX_STAGING_BYTES) flush();
    uint32_t n = TX_STAGING_BYTES - tx_length;
    if (n > size) n = size;
    memcpy(tx + tx_length, data, n);
    tx_length += n;
    data += n;
    size -= n;
  }
}

/* Bytes that count towards the CRC. */
static void stage_checked(const uint8_t* data, uint32_t size) {
  tx_crc = mtvm_crc32_update(tx_crc, data, size);
  stage(data, size);
}

void mtvm_frame_begin(uint8_t type, uint8_t seq, uint16_t length) {
  const uint8_t sync[2] = {MTVM_FRAME_SYNC_0, MTVM_FRAME_SYNC_1};
  const uint8_t header[4] = {type, seq, (uint8_t)(length & 0xFF), (uint8_t)(length >> 8)};
  uint16_t check = header_check(header);
  const uint8_t check_bytes[2] = {(uint8_t)(check & 0xFF), (uint8_t)(check >> 8)};
  tx_length = 0;
  tx_status = 0;
  tx_crc = MTVM_CRC32_INIT;
  tx_payload_left = length;
  stage(sync, sizeof(sync));
  stage_checked(header, sizeof(header));
  stage_checked(check_bytes, sizeof(check_bytes));
}

void mtvm_frame_put(const void* data, uint32_t size) {
  if (size > tx_payload_left) {
    tx_status = -1; /* more than announced: the frame would be corrupt */
    return;
  }
  tx_payload_left -= size;
  stage_checked((const uint8_t*)data, size);
}

int32_t mtvm_frame_end(void) {
  if (tx_payload_left != 0) tx_status = -1;
  uint32_t crc = mtvm_crc32_final(tx_crc);
  const uint8_t trailer[4] = {(uint8_t)crc, (uint8_t)(crc >> 8), (uint8_t)(crc >> 16), (uint8_t)(crc >> 24)};
  stage(trailer, sizeof(trailer));
  flush();
  return tx_status;
}
