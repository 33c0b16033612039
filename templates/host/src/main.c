/*
 * Host runner for a standalone AOT model: serves the standalone protocol
 * (docs/standalone-protocol.md) on stdin/stdout until stdin ends, then exits 0.
 *
 * This file is the host's platform: the hooks of mtvm_platform.h over read(2)/write(2) on the
 * standard file descriptors (no stdio buffering between the frames and the pipe),
 * clock_gettime(CLOCK_MONOTONIC), and host files (LOAD_INPUT/SAVE_OUTPUT) with stdio, as the
 * program runs on the host whose files they are. stdout carries nothing but frames; diagnostics go to stderr.
 * Exit status: 0 at the end of stdin, 74 when reading stdin or writing stdout failed.
 *
 * Part of the microtvm-maven-plugin host template; model_io.h/.c are generated per model.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model_io.h"
#include "mtvm_frame.h"
#include "mtvm_platform.h"
#include "mtvm_protocol.h"

enum { EXIT_IO_ERROR = 74 }; /* EX_IOERR of sysexits.h */

/* Largest single read/write: keeps the byte counts inside the hooks' int32_t results. */
#define MAX_IO_BYTES (1u << 30)

int32_t mtvm_platform_read(uint8_t* buffer, uint32_t max_bytes) {
  if (max_bytes > MAX_IO_BYTES) max_bytes = MAX_IO_BYTES;
  for (;;) {
    ssize_t got = read(STDIN_FILENO, buffer, max_bytes);
    if (got >= 0) return (int32_t)got;
    if (errno != EINTR) {
      fprintf(stderr, "main: reading stdin failed: %s\n", strerror(errno));
      return -1;
    }
  }
}

int32_t mtvm_platform_write(const uint8_t* data, uint32_t size) {
  while (size > 0) {
    ssize_t written = write(STDOUT_FILENO, data, size > MAX_IO_BYTES ? MAX_IO_BYTES : size);
    if (written < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "main: writing stdout failed: %s\n", strerror(errno));
      return -1;
    }
    data += written;
    size -= (uint32_t)written;
  }
  return 0;
}

uint64_t mtvm_platform_ticks(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

uint32_t mtvm_platform_ticks_per_second(void) { return 1000000000u; }

const char* mtvm_platform_timer_name(void) { return "clock_gettime(CLOCK_MONOTONIC)"; }

uint32_t mtvm_platform_capabilities(void) { return MTVM_PLATFORM_CAP_HOST_FILES; }

const char* mtvm_platform_host_file_load(const char* path, uint8_t* buffer, uint32_t size, int32_t* detail) {
  FILE* file = fopen(path, "rb");
  if (file == NULL) {
    *detail = errno;
    return "cannot open the host file";
  }
  size_t got = fread(buffer, 1, size, file);
  int longer = got == size && fgetc(file) != EOF; /* the file must hold exactly the tensor */
  fclose(file);
  if (got != size || longer) {
    *detail = longer ? -1 : (int32_t)got;
    return longer ? "the host file is longer than the input" : "the host file is shorter than the input";
  }
  return NULL;
}

const char* mtvm_platform_host_file_store(const char* path, const uint8_t* data, uint32_t size, int32_t* detail) {
  FILE* file = fopen(path, "wb");
  if (file == NULL) {
    *detail = errno;
    return "cannot create the host file";
  }
  size_t written = fwrite(data, 1, size, file);
  int closed = fclose(file) == 0;
  if (written != size || !closed) {
    *detail = written != size ? (int32_t)written : errno;
    return "writing the host file failed";
  }
  return NULL;
}

int main(void) {
  /* A host that closes its end while a reply is being written must give a write error, not
   * a silent death by SIGPIPE. */
  signal(SIGPIPE, SIG_IGN);
  fprintf(stderr, "main: serving standalone protocol %d.%d on stdin/stdout (module %s, max payload %d)\n",
          MTVM_PROTOCOL_VERSION_MAJOR, MTVM_PROTOCOL_VERSION_MINOR, MODEL_IO_MODULE_NAME,
          MTVM_PROTOCOL_MAX_PAYLOAD);
  return mtvm_protocol_serve() == 0 ? 0 : EXIT_IO_ERROR;
}
