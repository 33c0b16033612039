/*
 * Host-driven runner: TVM's CRT microTVM RPC server (framing, session, MinRPC) on stdin/stdout,
 * the same shape as TVM's crt "host" template, so `tvmc run --device micro` and the plugin's
 * Java host both drive the model through it. The model is reached through runtime.SystemLib.
 *
 * stdout carries nothing but frames; diagnostics go to stderr.
 * Exit status: 2 at the end of stdin or when the server loop reports an error (as TVM's host
 * template does), 74 when writing stdout failed.
 *
 * Part of the microtvm-maven-plugin host template (project_type=host_driven).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tvm/runtime/c_runtime_api.h>
#include <tvm/runtime/crt/graph_executor_module.h>
#include <tvm/runtime/crt/microtvm_rpc_server.h>

#include "rpc_platform.h"

enum { EXIT_SERVER_ENDED = 2, EXIT_IO_ERROR = 74 };

static char** g_argv;

static ssize_t write_stdout(void* context, const uint8_t* data, size_t num_bytes) {
  (void)context;
  size_t left = num_bytes;
  while (left > 0) {
    ssize_t written = write(STDOUT_FILENO, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "rpc_main: writing stdout failed: %s\n", strerror(errno));
      exit(EXIT_IO_ERROR);
    }
    data += written;
    left -= (size_t)written;
  }
  return (ssize_t)num_bytes;
}

/* tvm.testing.reset_server: restart this program in place, as a board reset would. The new
 * image announces itself with the boot TerminateSession. */
static int reset_server(TVMValue* args, int* type_codes, int num_args, TVMValue* ret, int* ret_type_code,
                        void* resource_handle) {
  (void)args, (void)type_codes, (void)num_args, (void)ret, (void)ret_type_code, (void)resource_handle;
  fprintf(stderr, "rpc_main: tvm.testing.reset_server: restarting %s\n", g_argv[0]);
  execv("/proc/self/exe", g_argv);
  fprintf(stderr, "rpc_main: restart failed: %s\n", strerror(errno));
  exit(EXIT_IO_ERROR);
}

int main(int argc, char** argv) {
  (void)argc;
  g_argv = argv;
  signal(SIGPIPE, SIG_IGN);
  rpc_platform_setup();
  microtvm_rpc_server_t server = MicroTVMRpcServerInit(write_stdout, NULL);

  if (TVMGraphExecutorModule_Register() != 0) {
    fprintf(stderr, "rpc_main: registering tvm.graph_executor.create failed\n");
    return EXIT_IO_ERROR;
  }
  if (TVMFuncRegisterGlobal("tvm.testing.reset_server", (TVMFunctionHandle)&reset_server, 0) != 0) {
    fprintf(stderr, "rpc_main: registering tvm.testing.reset_server failed\n");
    return EXIT_IO_ERROR;
  }

  /* TVM's host template reads one byte per read(); reading what is there instead saves a system
   * call per byte. The host sends one request and waits for its reply, so a read never holds bytes
   * the server must not see yet: the loop hands the server everything, in order. */
  uint8_t buffer[512];
  for (;;) {
    ssize_t got = read(STDIN_FILENO, buffer, sizeof(buffer));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      fprintf(stderr, "rpc_main: %s on stdin, exiting\n", got == 0 ? "end of input" : strerror(errno));
      return EXIT_SERVER_ENDED;
    }
    uint8_t* data = buffer;
    size_t size = (size_t)got;
    while (size > 0) {
      tvm_crt_error_t err = MicroTVMRpcServerLoop(server, &data, &size);
      if (err != kTvmErrorNoError && err != kTvmErrorFramingShortPacket) {
        fprintf(stderr, "rpc_main: MicroTVMRpcServerLoop error: %08x\n", (unsigned)err);
        return EXIT_SERVER_ENDED;
      }
    }
  }
}
