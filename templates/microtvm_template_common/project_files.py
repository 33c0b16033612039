"""Renders the model-specific files of a generated project from a ModelInfo.

* ``src/model_io.h``: a description of the model's tensors (names, dtypes, shapes, byte sizes), the
  model id (SHA-256 of ``model.tar``) and ``model_io_run()``. Nothing in it is specific to how
  tensors reach the device; the standalone protocol (``src/mtvm_protocol.c``) reports all of it
  in its HELLO reply, so a host can check that the device runs the model it expects.
* ``src/model_io.c``: the tensor tables, one static aligned buffer per tensor, and the binding of
  those buffers to TVM's ``struct tvmgen_<mod>_inputs/outputs``.
* ``project.mk``: which sources to compile and the default tool settings, included by the
  template's static Makefile.
* ``model_io.json``: the same description as model_io.h, for clients that talk to build/main.
"""

import hashlib
import json
import shlex

from .project_api_server import ServerError

# The standalone protocol's device side and the build rules, as files of the host template
# (templates/host), which the qemu-arm template builds from too. Paths relative to the template.
STANDALONE_C_FILES = ("build_rules.mk", "src/tvm_backend.c", "src/crt_config.h", "src/mtvm_platform.h",
                      "src/mtvm_crc32.h", "src/mtvm_crc32.c", "src/mtvm_frame.h", "src/mtvm_frame.c",
                      "src/mtvm_protocol.h", "src/mtvm_protocol.c")

# Tensor buffers are aligned like TVM's workspace (workspace-byte-alignment defaults to 16);
# some kernels reject operands that are less aligned.
BUFFER_ALIGNMENT = 16

MODEL_ID_BYTES = 32  # SHA-256

# The standalone protocol's HELLO reply carries the tensor table in one frame, with u32 sizes and
# dims and u16 counts (docs/standalone-protocol.md).
_U32_MAX = 0xFFFFFFFF
_MAX_FRAME_PAYLOAD = 0xFFFF
# Room kept for the platform's timer name, which only the firmware knows.
_TIMER_NAME_ALLOWANCE = 255
_HELLO_FIXED_BYTES = 1 + 1 + 2 + MODEL_ID_BYTES + 4 + 2 + 2 + 2


def model_id_of(path):
    """The model id: SHA-256 of the MLF file, as raw bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def check_protocol_limits(model):
    """Refuse a model whose description does not fit the standalone protocol's fields."""
    tensors = model.inputs + model.outputs
    if len(model.inputs) > 0xFFFF or len(model.outputs) > 0xFFFF:
        raise ServerError(f"the model has {len(model.inputs)} inputs and {len(model.outputs)} outputs; the "
                          "standalone protocol counts them in 16 bits")
    hello_bytes = _HELLO_FIXED_BYTES + _TIMER_NAME_ALLOWANCE
    for tensor in tensors:
        if tensor.size_bytes > _U32_MAX or any(d < 0 or d > _U32_MAX for d in tensor.shape):
            raise ServerError(f"tensor {tensor.name!r} ({_describe(tensor)}) is too large for the standalone "
                              "protocol, which gives sizes and dimensions in 32 bits")
        if len(tensor.shape) > 0xFF:
            raise ServerError(f"tensor {tensor.name!r} has {len(tensor.shape)} dimensions; the standalone "
                              "protocol allows 255")
        hello_bytes += (2 + len(tensor.name.encode("utf-8")) + 2 + len(tensor.dtype) + 1 + 1
                        + 4 * len(tensor.shape) + 4)
    if hello_bytes > _MAX_FRAME_PAYLOAD:
        raise ServerError(f"the model's tensor table needs {hello_bytes} bytes, more than the {_MAX_FRAME_PAYLOAD} "
                          "a standalone protocol frame can carry; shorten the tensor names")


def c_string(text):
    """A C string literal for any text: escapes quotes, backslashes, '?', non-printable bytes."""
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char in '"\\?':  # '?' too, so that no trigraph can form under -std=c11
            out.append("\\" + char)
        elif 0x20 <= byte < 0x7F:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")  # octal escapes take at most 3 digits: safe to concatenate
    return '"' + "".join(out) + '"'


def c_comment(text):
    """Text safe inside /* ... */, on one line, in ASCII."""
    return "".join(c if c.isascii() and c.isprintable() else "?" for c in text).replace("*/", "* /")


def _describe(tensor):
    shape = ", ".join(str(d) for d in tensor.shape)
    note = "" if tensor.shape_known else " (shape not recorded in the MLF: 1-D)"
    return f"{tensor.dtype} [{shape}], {tensor.size_bytes} bytes{note}"


def render_model_io_h(model, workspace_bytes, model_id, header_comment):
    lines = [
        f"/* {header_comment}",
        f" * Describes the inputs and outputs of TVM module \"{model.module_name}\" and runs it.",
        " * Tensors are raw, C-order (row-major), little-endian on this host, exactly size_bytes long. */",
        "#ifndef MODEL_IO_H_",
        "#define MODEL_IO_H_",
        "",
        "#include <stddef.h>",
        "#include <stdint.h>",
        "",
        f"#define MODEL_IO_MODULE_NAME {c_string(model.module_name)}",
        f"#define MODEL_IO_NUM_INPUTS {len(model.inputs)}",
        f"#define MODEL_IO_NUM_OUTPUTS {len(model.outputs)}",
        "",
        "/* Size of the arena behind TVMBackendAllocWorkspace (src/tvm_backend.c). Only models built",
        " * without USMP allocate from it; with USMP the workspace is a static array in the model code. */",
        f"#define MODEL_IO_NEEDS_WORKSPACE {1 if model.needs_workspace else 0}",
        f"#define MODEL_IO_WORKSPACE_BYTES {workspace_bytes}",
        "",
        "/* SHA-256 of the project's model.tar, so a host can tell which model a device was built with:",
        f" * {model_id.hex()} */",
        f"#define MODEL_IO_MODEL_ID_BYTES {MODEL_ID_BYTES}",
        "extern const uint8_t model_io_model_id[MODEL_IO_MODEL_ID_BYTES];",
        "",
    ]
    for role, tensors in (("INPUT", model.inputs), ("OUTPUT", model.outputs)):
        for index, tensor in enumerate(tensors):
            lines.append(f"/* {role.lower()} {index}: {c_comment(tensor.name)}: {_describe(tensor)} */")
            lines.append(f"#define MODEL_IO_{role}_{index}_SIZE {tensor.size_bytes}")
    lines += [
        "",
        "/* DLPack type codes, as in DLDataTypeCode. */",
        "enum {",
        "  MODEL_IO_DTYPE_INT = 0,",
        "  MODEL_IO_DTYPE_UINT = 1,",
        "  MODEL_IO_DTYPE_FLOAT = 2,",
        "  MODEL_IO_DTYPE_BFLOAT = 4,",
        "};",
        "",
        "typedef struct {",
        "  const char* name;       /* name in metadata.json, e.g. \"serving_default_input_1:0\" */",
        "  const char* c_name;     /* field of struct tvmgen_<module>_inputs/outputs */",
        "  const char* dtype;      /* \"float32\", \"int8\", ... */",
        "  uint8_t dtype_code;     /* MODEL_IO_DTYPE_* */",
        "  uint8_t dtype_bits;     /* bits per element */",
        "  uint8_t shape_known;    /* 0: the MLF does not record the shape; shape is {elements} */",
        "  int32_t ndim;",
        "  const int64_t* shape;   /* ndim entries (NULL when ndim == 0) */",
        "  size_t size_bytes;",
        "  void* data;             /* static buffer of size_bytes, 16-byte aligned */",
        "} model_io_tensor_t;",
        "",
        "/* In model order (the order of the tvmgen structs); NULL when there are none. */",
        "extern const model_io_tensor_t* const model_io_inputs;",
        "extern const model_io_tensor_t* const model_io_outputs;",
        "",
        "/* Runs the model once, reading model_io_inputs[i].data and writing model_io_outputs[i].data.",
        f" * Returns what tvmgen_{model.module_name}_run returns: 0 on success. */",
        "int32_t model_io_run(void);",
        "",
        "#endif /* MODEL_IO_H_ */",
        "",
    ]
    return "\n".join(lines)


def render_model_io_c(model, model_id, header_comment):
    prefix = f"tvmgen_{model.module_name}"
    id_bytes = ", ".join(f"0x{b:02x}" for b in model_id)
    lines = [
        f"/* {header_comment} */",
        "#include \"model_io.h\"",
        "",
        f"#include <{prefix}.h>",
        "",
        f"const uint8_t model_io_model_id[MODEL_IO_MODEL_ID_BYTES] = {{{id_bytes}}};",
        "",
    ]
    tables = []
    for role, tensors in (("input", model.inputs), ("output", model.outputs)):
        entries = []
        for index, tensor in enumerate(tensors):
            buffer = f"{role}_{index}_data"
            # A zero-size tensor still gets a 1-byte buffer: C has no zero-length arrays.
            lines.append(f"static _Alignas({BUFFER_ALIGNMENT}) uint8_t {buffer}[{max(tensor.size_bytes, 1)}];")
            shape = "NULL"
            if tensor.shape:
                shape = f"{role}_{index}_shape"
                dims = ", ".join(str(d) for d in tensor.shape)
                lines.append(f"static const int64_t {shape}[{len(tensor.shape)}] = {{{dims}}};")
            entries.append(
                "  {"
                f".name = {c_string(tensor.name)}, .c_name = {c_string(tensor.c_name)}, "
                f".dtype = {c_string(tensor.dtype)}, .dtype_code = {tensor.dtype_code}, "
                f".dtype_bits = {tensor.dtype_bits}, .shape_known = {1 if tensor.shape_known else 0}, "
                f".ndim = {len(tensor.shape)}, .shape = {shape}, .size_bytes = {tensor.size_bytes}, "
                f".data = {buffer}}},"
            )
        tables.append((role, entries))
    lines.append("")
    for role, entries in tables:
        if entries:
            lines.append(f"static const model_io_tensor_t {role}_table[] = {{")
            lines.extend(entries)
            lines.append("};")
            lines.append(f"const model_io_tensor_t* const model_io_{role}s = {role}_table;")
        else:
            lines.append(f"const model_io_tensor_t* const model_io_{role}s = NULL;")
        lines.append("")

    # Designated initializers: the struct field order can never get out of step with the tables.
    lines.append("int32_t model_io_run(void) {")
    for role, tensors in (("input", model.inputs), ("output", model.outputs)):
        fields = ", ".join(f".{t.c_name} = {role}_{i}_data" for i, t in enumerate(tensors))
        lines.append(f"  struct {prefix}_{role}s {role}s = {{{fields}}};")
    lines.append(f"  return {prefix}_run(&inputs, &outputs);")
    lines.append("}")
    lines.append("")
    return "\n".join(lines)


def make_value(words):
    """Shell words -> a make variable value whose recipe expansion gives back the same words."""
    return shlex.join(words).replace("$", "$$").replace("#", "\\#")


def render_project_mk(model, runtime_dir, cc_words, cflags_words, verbose, header_comment):
    sources = " ".join(f"model/{name}" for name in model.sources)
    workspace_sources = ""
    if model.needs_workspace:
        workspace_sources = f"{runtime_dir}/src/runtime/crt/memory/stack_allocator.c"
    return "\n".join([
        f"# {header_comment}",
        "# Included by Makefile. Variables given on the make command line override these",
        "# (the build method passes HOST_CC, HOST_CFLAGS and VERBOSE from its options).",
        "",
        f"MODULE_NAME := {model.module_name}",
        f"MODEL_SRCS := {sources}",
        f"WORKSPACE_SRCS := {workspace_sources}",
        f"RUNTIME_INCLUDE := {runtime_dir}/include",
        "",
        f"HOST_CC := {make_value(cc_words)}",
        f"HOST_CFLAGS := {make_value(cflags_words)}",
        f"VERBOSE := {1 if verbose else 0}",
        "",
    ])


def render_model_io_json(model, workspace_bytes, model_id):
    description = model.to_json()
    description["model_id"] = model_id.hex()
    description["workspace_arena_bytes"] = workspace_bytes if model.needs_workspace else 0
    return json.dumps(description, indent=2) + "\n"
