/*
 * Request handling of the standalone protocol; see mtvm_protocol.h and, for the byte layouts,
 * docs/standalone-protocol.md. All fields are little-endian.
 *
 * Part of the microtvm-maven-plugin templates.
 */
#include "mtvm_protocol.h"

#include <stddef.h>
#include <string.h>

#include "model_io.h"
#include "mtvm_crc32.h"
#include "mtvm_frame.h"
#include "mtvm_platform.h"

enum {
  TYPE_HELLO = 0x01,
  TYPE_SET_INPUT = 0x02,
  TYPE_RUN = 0x03,
  TYPE_GET_OUTPUT = 0x04,
  TYPE_LOAD_INPUT = 0x05,  /* 1.1, with MTVM_PLATFORM_CAP_HOST_FILES */
  TYPE_SAVE_OUTPUT = 0x06, /* 1.1, with MTVM_PLATFORM_CAP_HOST_FILES */
  REPLY_FLAG = 0x80, /* a reply's type is its request's type with this bit set */
  TYPE_ERROR = 0xFF,
};

enum {
  ERROR_UNKNOWN_TYPE = 1,
  ERROR_BAD_LENGTH = 2,
  ERROR_BAD_INDEX = 3,
  ERROR_BAD_RANGE = 4,
  ERROR_TOO_LARGE = 5,
  ERROR_RUN_FAILED = 6,
  ERROR_DEVICE_FAULT = MTVM_PROTOCOL_ERROR_DEVICE_FAULT,
  ERROR_HOST_FILE_FAILED = 8,
};

#define SET_INPUT_HEADER_BYTES 6u  /* index u16, offset u32 */
#define GET_OUTPUT_PAYLOAD_BYTES 10u /* index u16, offset u32, length u32 */
#define HOST_FILE_HEADER_BYTES 4u    /* index u16, path length u16; the path follows */
#define SHAPE_KNOWN_FLAG 0x01u

/* ---- writing fields: the same code sizes a payload (count_bytes) and sends it (mtvm_frame_put) ---- */

typedef void (*put_fn)(const void* data, uint32_t size);

static uint32_t counted_bytes;
static void count_bytes(const void* data, uint32_t size) {
  (void)data;
  counted_bytes += size;
}

static void put_u8(put_fn put, uint8_t value) { put(&value, 1); }

static void put_u16(put_fn put, uint16_t value) {
  const uint8_t bytes[2] = {(uint8_t)value, (uint8_t)(value >> 8)};
  put(bytes, sizeof(bytes));
}

static void put_u32(put_fn put, uint32_t value) {
  const uint8_t bytes[4] = {(uint8_t)value, (uint8_t)(value >> 8), (uint8_t)(value >> 16), (uint8_t)(value >> 24)};
  put(bytes, sizeof(bytes));
}

static void put_u64(put_fn put, uint64_t value) {
  put_u32(put, (uint32_t)value);
  put_u32(put, (uint32_t)(value >> 32));
}

/* u16 byte count, then the bytes (UTF-8, no terminator); longer text is cut at 65535 bytes. */
static void put_text(put_fn put, const char* text) {
  size_t length = strlen(text);
  if (length > 0xFFFF) length = 0xFFFF;
  put_u16(put, (uint16_t)length);
  put(text, (uint32_t)length);
}

static uint16_t get_u16(const uint8_t* p) { return (uint16_t)(p[0] | (p[1] << 8)); }

static uint32_t get_u32(const uint8_t* p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* ---- replies ---- */

static int32_t send_error(uint8_t seq, uint16_t code, int32_t detail, const char* message) {
  counted_bytes = 0;
  put_text(count_bytes, message);
  mtvm_frame_begin(TYPE_ERROR, seq, (uint16_t)(2 + 4 + counted_bytes));
  put_u16(mtvm_frame_put, code);
  put_u32(mtvm_frame_put, (uint32_t)detail);
  put_text(mtvm_frame_put, message);
  return mtvm_frame_end();
}

static int32_t send_empty(uint8_t type, uint8_t seq) {
  mtvm_frame_begin(type, seq, 0);
  return mtvm_frame_end();
}

static void put_tensor(put_fn put, const model_io_tensor_t* tensor) {
  put_text(put, tensor->name);
  put_text(put, tensor->dtype);
  put_u8(put, tensor->shape_known ? SHAPE_KNOWN_FLAG : 0);
  put_u8(put, (uint8_t)tensor->ndim);
  for (int32_t d = 0; d < tensor->ndim; ++d) {
    put_u32(put, (uint32_t)tensor->shape[d]); /* the generator checked that every dim fits */
  }
  put_u32(put, (uint32_t)tensor->size_bytes);
}

/* The count is a parameter so a model without inputs does not compare against a literal 0. */
static void put_tensors(put_fn put, const model_io_tensor_t* table, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) put_tensor(put, &table[i]);
}

static void put_hello(put_fn put) {
  put_u8(put, MTVM_PROTOCOL_VERSION_MAJOR);
  put_u8(put, MTVM_PROTOCOL_VERSION_MINOR);
  put_u16(put, MTVM_PROTOCOL_MAX_PAYLOAD);
  put(model_io_model_id, MODEL_IO_MODEL_ID_BYTES);
  put_u32(put, mtvm_platform_ticks_per_second());
  put_text(put, mtvm_platform_timer_name());
  put_u16(put, MODEL_IO_NUM_INPUTS);
  put_u16(put, MODEL_IO_NUM_OUTPUTS);
  put_tensors(put, model_io_inputs, MODEL_IO_NUM_INPUTS);
  put_tensors(put, model_io_outputs, MODEL_IO_NUM_OUTPUTS);
  put_u32(put, mtvm_platform_capabilities()); /* 1.1 */
}

/* ---- requests ---- */

static const model_io_tensor_t* tensor_at(const model_io_tensor_t* table, uint32_t count, uint32_t index) {
  return index < count ? &table[index] : NULL;
}

/* Whether [offset, offset + length) lies inside a tensor of `size` bytes, without overflow. */
static int in_range(size_t size, uint32_t offset, uint32_t length) {
  return offset <= size && length <= size - offset;
}

static int32_t handle_hello(const mtvm_frame_t* request) {
  /* The HELLO payload is ignored, so later hosts may send something there. */
  counted_bytes = 0;
  put_hello(count_bytes);
  if (counted_bytes > MTVM_FRAME_MAX_PAYLOAD) {
    return send_error(request->seq, ERROR_TOO_LARGE, (int32_t)counted_bytes,
                      "tensor table too large for one frame");
  }
  mtvm_frame_begin(TYPE_HELLO | REPLY_FLAG, request->seq, (uint16_t)counted_bytes);
  put_hello(mtvm_frame_put);
  return mtvm_frame_end();
}

static int32_t handle_set_input(const mtvm_frame_t* request) {
  if (request->length < SET_INPUT_HEADER_BYTES) {
    return send_error(request->seq, ERROR_BAD_LENGTH, request->length, "SET_INPUT needs index and offset");
  }
  uint32_t index = get_u16(request->payload);
  uint32_t offset = get_u32(request->payload + 2);
  uint32_t length = request->length - SET_INPUT_HEADER_BYTES;
  const model_io_tensor_t* input = tensor_at(model_io_inputs, MODEL_IO_NUM_INPUTS, index);
  if (input == NULL) return send_error(request->seq, ERROR_BAD_INDEX, (int32_t)index, "no input with this index");
  if (!in_range(input->size_bytes, offset, length)) {
    return send_error(request->seq, ERROR_BAD_RANGE, (int32_t)input->size_bytes, "chunk outside the input");
  }
  memcpy((uint8_t*)input->data + offset, request->payload + SET_INPUT_HEADER_BYTES, length);
  return send_empty(TYPE_SET_INPUT | REPLY_FLAG, request->seq);
}

#ifdef MTVM_TEST_PERTURB_FROM_RUN
/* Test builds only (-DMTVM_TEST_PERTURB_FROM_RUN=n): from the n-th RUN of this boot on, the first
 * byte of output 0 is changed by the run's number, so the firmware behaves like a model whose
 * outputs change from run to run, and a host can be shown to notice. Never in a normal build. */
static uint32_t runs_served;
static void perturb_outputs(void) {
  ++runs_served;
  if (MODEL_IO_NUM_OUTPUTS > 0 && model_io_outputs[0].size_bytes > 0 && runs_served >= MTVM_TEST_PERTURB_FROM_RUN) {
    ((uint8_t*)model_io_outputs[0].data)[0] ^= (uint8_t)runs_served;
  }
}
#else
static void perturb_outputs(void) {}
#endif

/* CRC-32 of every output's bytes, the outputs one after the other in model order (since 1.1). The
 * count is a parameter for the same reason as in put_tensors. */
static uint32_t outputs_crc32(const model_io_tensor_t* table, uint32_t count) {
  uint32_t state = MTVM_CRC32_INIT;
  for (uint32_t i = 0; i < count; ++i) {
    state = mtvm_crc32_update(state, (const uint8_t*)table[i].data, table[i].size_bytes);
  }
  return mtvm_crc32_final(state);
}

static int32_t handle_run(const mtvm_frame_t* request) {
  if (request->length != 0) return send_error(request->seq, ERROR_BAD_LENGTH, request->length, "RUN takes no payload");
  /* Only the model call is timed: nothing of the protocol, nor the digest below, lands in the measurement. */
  uint64_t start = mtvm_platform_ticks();
  int32_t status = model_io_run();
  uint64_t elapsed = mtvm_platform_ticks() - start;
  if (status != 0) return send_error(request->seq, ERROR_RUN_FAILED, status, "the model's run function failed");
  perturb_outputs();
  /* The digest lets a host that runs the model many times fetch the outputs once and still see
   * whether any run gave other outputs than the first. */
  uint32_t digest = outputs_crc32(model_io_outputs, MODEL_IO_NUM_OUTPUTS);
  mtvm_frame_begin(TYPE_RUN | REPLY_FLAG, request->seq, 4 + 8 + 4);
  put_u32(mtvm_frame_put, (uint32_t)status);
  put_u64(mtvm_frame_put, elapsed);
  put_u32(mtvm_frame_put, digest);
  return mtvm_frame_end();
}

static int32_t handle_get_output(const mtvm_frame_t* request) {
  if (request->length != GET_OUTPUT_PAYLOAD_BYTES) {
    return send_error(request->seq, ERROR_BAD_LENGTH, request->length, "GET_OUTPUT needs index, offset, length");
  }
  uint32_t index = get_u16(request->payload);
  uint32_t offset = get_u32(request->payload + 2);
  uint32_t length = get_u32(request->payload + 6);
  const model_io_tensor_t* output = tensor_at(model_io_outputs, MODEL_IO_NUM_OUTPUTS, index);
  if (output == NULL) return send_error(request->seq, ERROR_BAD_INDEX, (int32_t)index, "no output with this index");
  if (length > MTVM_PROTOCOL_MAX_PAYLOAD) {
    return send_error(request->seq, ERROR_TOO_LARGE, MTVM_PROTOCOL_MAX_PAYLOAD, "chunk longer than max payload");
  }
  if (!in_range(output->size_bytes, offset, length)) {
    return send_error(request->seq, ERROR_BAD_RANGE, (int32_t)output->size_bytes, "chunk outside the output");
  }
  mtvm_frame_begin(TYPE_GET_OUTPUT | REPLY_FLAG, request->seq, (uint16_t)length);
  mtvm_frame_put((const uint8_t*)output->data + offset, length);
  return mtvm_frame_end();
}

/* The path of a LOAD_INPUT or SAVE_OUTPUT, NUL-terminated for the platform. */
static char host_file_path[MTVM_PROTOCOL_MAX_PAYLOAD - HOST_FILE_HEADER_BYTES + 1];

/* Checks a LOAD_INPUT/SAVE_OUTPUT payload (u16 index, str path) and copies its path into
 * host_file_path. Returns the tensor, or NULL after answering with an ERROR (its result in *sent);
 * no_such_tensor is the message of a BAD_INDEX. */
static const model_io_tensor_t* host_file_request(const mtvm_frame_t* request, const model_io_tensor_t* table,
                                                  uint32_t count, const char* no_such_tensor, int32_t* sent) {
  uint32_t path_length = request->length >= HOST_FILE_HEADER_BYTES ? get_u16(request->payload + 2) : 0;
  if (request->length < HOST_FILE_HEADER_BYTES || request->length - HOST_FILE_HEADER_BYTES != path_length) {
    *sent = send_error(request->seq, ERROR_BAD_LENGTH, request->length, "needs index and path");
    return NULL;
  }
  uint32_t index = get_u16(request->payload);
  const model_io_tensor_t* tensor = tensor_at(table, count, index);
  if (tensor == NULL) {
    *sent = send_error(request->seq, ERROR_BAD_INDEX, (int32_t)index, no_such_tensor);
    return NULL;
  }
  const uint8_t* path = request->payload + HOST_FILE_HEADER_BYTES;
  if (path_length == 0 || memchr(path, 0, path_length) != NULL) {
    *sent = send_error(request->seq, ERROR_HOST_FILE_FAILED, -1, "the path is empty or holds a NUL byte");
    return NULL;
  }
  memcpy(host_file_path, path, path_length);
  host_file_path[path_length] = '\0';
  return tensor;
}

static int32_t handle_load_input(const mtvm_frame_t* request) {
  int32_t sent = 0;
  const model_io_tensor_t* input =
      host_file_request(request, model_io_inputs, MODEL_IO_NUM_INPUTS, "no input with this index", &sent);
  if (input == NULL) return sent;
  int32_t detail = 0;
  const char* failure =
      mtvm_platform_host_file_load(host_file_path, (uint8_t*)input->data, (uint32_t)input->size_bytes, &detail);
  if (failure != NULL) return send_error(request->seq, ERROR_HOST_FILE_FAILED, detail, failure);
  return send_empty(TYPE_LOAD_INPUT | REPLY_FLAG, request->seq);
}

static int32_t handle_save_output(const mtvm_frame_t* request) {
  int32_t sent = 0;
  const model_io_tensor_t* output =
      host_file_request(request, model_io_outputs, MODEL_IO_NUM_OUTPUTS, "no output with this index", &sent);
  if (output == NULL) return sent;
  int32_t detail = 0;
  const char* failure = mtvm_platform_host_file_store(host_file_path, (const uint8_t*)output->data,
                                                      (uint32_t)output->size_bytes, &detail);
  if (failure != NULL) return send_error(request->seq, ERROR_HOST_FILE_FAILED, detail, failure);
  return send_empty(TYPE_SAVE_OUTPUT | REPLY_FLAG, request->seq);
}

static int host_files_offered(void) { return (mtvm_platform_capabilities() & MTVM_PLATFORM_CAP_HOST_FILES) != 0; }

static int32_t handle(const mtvm_frame_t* request) {
  switch (request->type) {
    case TYPE_HELLO:
      return handle_hello(request);
    case TYPE_SET_INPUT:
      return handle_set_input(request);
    case TYPE_RUN:
      return handle_run(request);
    case TYPE_GET_OUTPUT:
      return handle_get_output(request);
    case TYPE_LOAD_INPUT:
      if (!host_files_offered()) break;
      return handle_load_input(request);
    case TYPE_SAVE_OUTPUT:
      if (!host_files_offered()) break;
      return handle_save_output(request);
    default:
      break;
  }
  return send_error(request->seq, ERROR_UNKNOWN_TYPE, request->type, "unknown request type");
}

/* The seq of the request being served, for an ERROR sent from a fault handler. */
static volatile uint8_t serving_seq;

int32_t mtvm_protocol_serve(void) {
  for (;;) {
    mtvm_frame_t request;
    int32_t received = mtvm_frame_receive(&request);
    if (received <= 0) return received;
    serving_seq = request.seq;
    int32_t sent = handle(&request);
    if (sent < 0) return sent;
  }
}

int32_t mtvm_protocol_report_fault(int32_t detail, const char* message) {
  return send_error(serving_seq, ERROR_DEVICE_FAULT, detail, message);
}
