/*
 * Host runner for a standalone AOT model: raw tensors in on stdin, raw tensors out on stdout.
 *
 * Protocol (one inference per process):
 *   stdin:  every input's bytes, in model input order, each exactly MODEL_IO_INPUT_<i>_SIZE bytes
 *           (C order, little-endian: what numpy's arr.astype(dtype).tobytes() gives);
 *   stdout: every output's bytes, in model output order, the same way;
 *   exit status: 0 ok, 1 the model's run function failed, 65 short input, 66 write error.
 * Diagnostics go to stderr only, so stdout carries nothing but tensor bytes.
 *
 * Part of the microtvm-maven-plugin host template; model_io.h/.c are generated per model.
 */
#include <stdio.h>
#include <stdlib.h>

#include "model_io.h"

enum { EXIT_RUN_FAILED = 1, EXIT_SHORT_INPUT = 65, EXIT_WRITE_FAILED = 66 };

/* Reads exactly n bytes; returns how many were read before EOF or an error. */
static size_t read_fully(void* buffer, size_t n, FILE* in) {
  size_t done = 0;
  while (done < n) {
    size_t got = fread((char*)buffer + done, 1, n - done, in);
    if (got == 0) break;
    done += got;
  }
  return done;
}

int main(void) {
  for (int i = 0; i < MODEL_IO_NUM_INPUTS; ++i) {
    const model_io_tensor_t* input = &model_io_inputs[i];
    size_t got = read_fully(input->data, input->size_bytes, stdin);
    if (got != input->size_bytes) {
      fprintf(stderr, "main: input %d '%s' (%s): expected %zu bytes on stdin, got %zu%s\n", i, input->name,
              input->dtype, input->size_bytes, got, ferror(stdin) ? " (read error)" : " (end of input)");
      return EXIT_SHORT_INPUT;
    }
  }

  int32_t status = model_io_run();
  if (status != 0) {
    fprintf(stderr, "main: tvmgen_%s_run failed with status %ld\n", MODEL_IO_MODULE_NAME, (long)status);
    return EXIT_RUN_FAILED;
  }

  for (int i = 0; i < MODEL_IO_NUM_OUTPUTS; ++i) {
    const model_io_tensor_t* output = &model_io_outputs[i];
    if (fwrite(output->data, 1, output->size_bytes, stdout) != output->size_bytes) {
      fprintf(stderr, "main: writing output %d '%s' to stdout failed\n", i, output->name);
      return EXIT_WRITE_FAILED;
    }
  }
  if (fflush(stdout) != 0) {
    fprintf(stderr, "main: writing outputs to stdout failed\n");
    return EXIT_WRITE_FAILED;
  }
  return 0;
}
