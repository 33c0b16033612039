/*
 * Host files for the standalone firmware (LOAD_INPUT/SAVE_OUTPUT of the standalone protocol):
 * the host_file hooks of mtvm_platform.h over Arm semihosting, which the template's QEMU runs
 * with (-semihosting-config enable=on,target=native), so the firmware reads and writes files of
 * the machine QEMU runs on. QEMU copies a whole tensor in one call, far faster than its UART,
 * which moves one byte per main-loop turn.
 *
 * A semihosting call is BKPT 0xAB on M-profile with the operation in r0 and a pointer to its
 * argument block in r1; the result comes back in r0. Without a debugger or an emulator that
 * handles it, BKPT faults, so these hooks run only when the host asks for a host file, which
 * the plugin does only through the template's own transport (QEMU started by open_transport).
 * They are never called while the model runs, so the timing of RUN is the UART path's.
 *
 * Part of the microtvm-maven-plugin qemu-arm template (project_type=standalone).
 */
#include <stdint.h>
#include <string.h>

#include "mtvm_platform.h"

/* Operation numbers and open modes of the Arm semihosting specification. */
enum {
  SYS_OPEN = 0x01,
  SYS_CLOSE = 0x02,
  SYS_WRITE = 0x05,
  SYS_READ = 0x06,
  SYS_FLEN = 0x0C,
  SYS_ERRNO = 0x13,
};
enum { MODE_READ_BINARY = 1, MODE_WRITE_BINARY = 5 }; /* fopen's "rb" and "wb" */

static int32_t semihosting_call(uint32_t operation, const void* arguments) {
  register uint32_t r0 __asm__("r0") = operation;
  register const void* r1 __asm__("r1") = arguments;
  __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return (int32_t)r0;
}

static int32_t host_errno(void) { return semihosting_call(SYS_ERRNO, NULL); }

static int32_t host_open(const char* path, uint32_t mode) {
  const uint32_t arguments[3] = {(uint32_t)(uintptr_t)path, mode, (uint32_t)strlen(path)};
  return semihosting_call(SYS_OPEN, arguments);
}

static void host_close(int32_t handle) {
  const uint32_t arguments[1] = {(uint32_t)handle};
  semihosting_call(SYS_CLOSE, arguments);
}

uint32_t mtvm_platform_capabilities(void) { return MTVM_PLATFORM_CAP_HOST_FILES; }

const char* mtvm_platform_host_file_load(const char* path, uint8_t* buffer, uint32_t size, int32_t* detail) {
  int32_t handle = host_open(path, MODE_READ_BINARY);
  if (handle < 0) {
    *detail = host_errno();
    return "cannot open the host file";
  }
  const uint32_t length_arguments[1] = {(uint32_t)handle};
  int32_t length = semihosting_call(SYS_FLEN, length_arguments);
  if (length < 0 || (uint32_t)length != size) {
    host_close(handle);
    *detail = length;
    return "the host file's size is not the input's";
  }
  const uint32_t read_arguments[3] = {(uint32_t)handle, (uint32_t)(uintptr_t)buffer, size};
  int32_t not_read = semihosting_call(SYS_READ, read_arguments); /* the bytes it did not read */
  host_close(handle);
  if (not_read != 0) {
    *detail = (int32_t)size - not_read;
    return "reading the host file stopped short";
  }
  return NULL;
}

const char* mtvm_platform_host_file_store(const char* path, const uint8_t* data, uint32_t size, int32_t* detail) {
  int32_t handle = host_open(path, MODE_WRITE_BINARY);
  if (handle < 0) {
    *detail = host_errno();
    return "cannot create the host file";
  }
  const uint32_t write_arguments[3] = {(uint32_t)handle, (uint32_t)(uintptr_t)data, size};
  int32_t not_written = semihosting_call(SYS_WRITE, write_arguments); /* the bytes it did not write */
  const uint32_t close_arguments[1] = {(uint32_t)handle};
  int32_t closed = semihosting_call(SYS_CLOSE, close_arguments);
  if (not_written != 0 || closed != 0) {
    *detail = not_written != 0 ? (int32_t)size - not_written : host_errno();
    return "writing the host file failed";
  }
  return NULL;
}
