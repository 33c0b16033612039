"""What a standalone AOT model looks like to the firmware, read from its MLF.

The host template runs models compiled for TVM's *standalone* AOT flow: executor ``aot`` with
``interface-api=c`` and ``unpacked-api=1``, target ``c``, runtime ``crt``. Such an archive holds a
header ``codegen/host/include/tvmgen_<mod>.h`` declaring

    struct tvmgen_<mod>_inputs  { void* <field>; ... };   // model input order
    struct tvmgen_<mod>_outputs { void* <field>; ... };   // model output order
    int32_t tvmgen_<mod>_run(struct tvmgen_<mod>_inputs*, struct tvmgen_<mod>_outputs*);

Where each fact comes from (see docs on MLF v7):

* names, dtypes and byte sizes: metadata.json ``modules.<mod>.memory.functions.main[]``
  (``inputs``/``outputs``, TVM >= 0.11). Its maps are sorted by name, so they do NOT give the
  model order;
* model order and C field names: the header structs. A field is the metadata name with every
  byte outside [0-9A-Za-z] replaced by '_';
* shapes: the Relay signature (inputs, and outputs only when a return type was printed);
  otherwise a tensor is described as 1-D.

:func:`read_model_info` checks all of this and raises a ServerError that says what is not
supported, before anything is written.
"""

import json
import re

from . import relay_signature
from .project_api_server import ServerError

SUPPORTED = (
    "The host template runs standalone AOT models: MLF version 7 (TVM 0.11 to 0.18) with one module, "
    "executor 'aot' with interface-api=c and unpacked-api=1, target 'c', runtime 'crt' "
    "(tvmc compile --target=c --runtime=crt --executor=aot --executor-aot-interface-api=c "
    "--executor-aot-unpacked-api=1 --output-format=mlf). Models compiled for host-driven runs (graph, or "
    "aot with the packed API, runtime crt with system-lib) take project_type=host_driven."
)

_DTYPE_RE = re.compile(r"^(int|uint|float|bfloat)([0-9]+)$")
_DLPACK_TYPE_CODES = {"int": 0, "uint": 1, "float": 2, "bfloat": 4}
_MODULE_NAME_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
_C_IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SOURCE_NAME_RE = re.compile(r"^[A-Za-z0-9_.+-]+$")
_STRUCT_RE = r"struct\s+{prefix}_{kind}\s*\{{(.*?)\}}\s*;"
_FIELD_RE = re.compile(r"void\s*\*\s*([A-Za-z0-9_]+)\s*;")

# Includes that only Arm toolchains provide (DSP intrinsics, CMSIS-NN, Ethos-U).
_TARGET_ONLY_INCLUDES = ("arm_acle.h", "arm_nnfunctions.h", "arm_nnsupportfunctions.h", "arm_nn_types.h",
                         "arm_nn_math_types.h", "tvm_ethosu_runtime.h")
# Runtime functions the template does not provide (they need the full CRT or an NPU driver).
_UNPROVIDED_RUNTIME_CALLS = ("TVMBackendParallelLaunch", "TVMBackendGetFuncFromEnv", "TVMFuncCall")

RUNTIME_INCLUDE_PROBE = "include/tvm/runtime/c_runtime_api.h"
STACK_ALLOCATOR_SOURCE = "src/runtime/crt/memory/stack_allocator.c"


def crt_files_needed(needs_workspace):
    """Files of TVM's standalone CRT tree (the MLF's runtime/) that a generated project uses."""
    return [RUNTIME_INCLUDE_PROBE] + ([STACK_ALLOCATOR_SOURCE] if needs_workspace else [])


class TensorInfo:
    """One model input or output."""

    def __init__(self, name, c_name, dtype, size_bytes, shape, shape_known):
        self.name = name  # as in metadata.json, e.g. 'serving_default_input_1:0'
        self.c_name = c_name  # the struct field in tvmgen_<mod>.h, e.g. 'serving_default_input_1_0'
        self.dtype = dtype  # 'float32', 'int8', ...
        self.size_bytes = size_bytes
        self.shape = shape  # list of ints; 1-D [elements] when shape_known is False
        self.shape_known = shape_known

    @property
    def dtype_code(self):
        """DLPack type code: 0 int, 1 uint, 2 float, 4 bfloat."""
        return _DLPACK_TYPE_CODES[_DTYPE_RE.match(self.dtype).group(1)]

    @property
    def dtype_bits(self):
        return int(_DTYPE_RE.match(self.dtype).group(2))

    def to_json(self):
        return {"name": self.name, "c_name": self.c_name, "dtype": self.dtype, "shape": self.shape,
                "shape_known": self.shape_known, "size_bytes": self.size_bytes}


class ModelInfo:
    """Everything generate_project needs to know about the model."""

    def __init__(self, module_name, inputs, outputs, workspace_size_bytes, sources, calls_backend,
                 tvm_version, runtime_dir):
        self.module_name = module_name
        self.inputs = inputs  # [TensorInfo] in model order
        self.outputs = outputs  # [TensorInfo] in model order
        self.workspace_size_bytes = workspace_size_bytes  # metadata's main workspace requirement
        self.sources = sources  # archive names of the generated C files
        self.calls_backend = calls_backend  # set of TVMBackend*/TVMAPI* functions the sources use
        self.tvm_version = tvm_version  # exporting TVM version, or None
        self.runtime_dir = runtime_dir  # 'runtime' when the archive carries the CRT files we need, else None

    @property
    def needs_workspace(self):
        """True when tensors come from TVMBackendAllocWorkspace (USMP off), so main owns an arena."""
        return "TVMBackendAllocWorkspace" in self.calls_backend

    def to_json(self):
        return {"module_name": self.module_name, "tvm_version": self.tvm_version,
                "workspace_size_bytes": self.workspace_size_bytes, "needs_workspace": self.needs_workspace,
                "inputs": [t.to_json() for t in self.inputs], "outputs": [t.to_json() for t in self.outputs]}


def sanitize_c_name(name):
    """TVM's field-name rule: every byte that is not ASCII [0-9A-Za-z] becomes '_'."""
    return "".join(chr(b) if chr(b).isascii() and chr(b).isalnum() else "_" for b in name.encode("utf-8"))


def _unsupported(archive, what):
    return ServerError(f"{archive.path}: {what}. {SUPPORTED}")


def read_metadata(archive):
    """metadata.json of ``archive`` (an MlfArchive) as a dict, or a ServerError saying why there is none."""
    if not archive.has("metadata.json"):
        raise ServerError(f"{archive.path} is not a Model Library Format archive: it has no metadata.json")
    try:
        metadata = json.loads(archive.read_text("metadata.json"))
    except ValueError as exc:
        raise ServerError(f"{archive.path}: metadata.json is not valid JSON: {exc}") from None
    if not isinstance(metadata, dict):
        raise ServerError(f"{archive.path}: metadata.json is not a JSON object")
    return metadata


def read_model_info(archive):
    """Validate ``archive`` (an MlfArchive) and describe its model."""
    metadata = read_metadata(archive)

    module_name, module = _only_module(archive, metadata)
    _check_executor_and_target(archive, module_name, module)
    inputs_struct, outputs_struct = _read_header(archive, module_name)
    main = main_usage(archive, module)
    signature = None
    if archive.has(f"src/{module_name}.relay"):
        signature = relay_signature.parse_main_signature(archive.read_text(f"src/{module_name}.relay"))

    inputs = _tensors(archive, "input", inputs_struct, main.get("inputs"))
    outputs = _tensors(archive, "output", outputs_struct, main.get("outputs"))
    _attach_shapes(inputs, outputs, signature)

    sources, calls_backend = _check_sources(archive)
    runtime_files = crt_files_needed("TVMBackendAllocWorkspace" in calls_backend)
    runtime_dir = "runtime" if all(archive.has("runtime/" + f) for f in runtime_files) else None
    tvm_version = None
    for dependency in module.get("external_dependencies") or []:
        if isinstance(dependency, dict) and dependency.get("short_name") == "tvm_standalone_crt":
            tvm_version = dependency.get("version_spec")
    workspace = main.get("workspace_size_bytes")
    return ModelInfo(module_name, inputs, outputs, workspace if isinstance(workspace, int) else 0,
                     sources, calls_backend, tvm_version, runtime_dir)


def _only_module(archive, metadata):
    version = metadata.get("version")
    if version != 7:
        raise _unsupported(archive, f"metadata.json has MLF version {version!r}; only version 7 is read")
    modules = metadata.get("modules")
    if not isinstance(modules, dict):
        style = metadata.get("style")
        raise _unsupported(archive, f"metadata.json has no 'modules' (style {style!r}: an operator-style "
                                    "export from tvm.build, not a model from relay.build)")
    if len(modules) != 1:
        raise _unsupported(archive, f"it holds {len(modules)} modules ({', '.join(sorted(modules))}); "
                                    "exactly one is supported")
    (module_name, module), = modules.items()
    if not _MODULE_NAME_RE.match(module_name):
        raise _unsupported(archive, f"module name {module_name!r} is not a lower-case C identifier; TVM's "
                                    "generated code only compiles for names matching [a-z_][a-z0-9_]*")
    if not isinstance(module, dict):
        raise ServerError(f"{archive.path}: metadata.json module {module_name!r} is not an object")
    return module_name, module


def _check_executor_and_target(archive, module_name, module):
    executors = module.get("executors")
    if executors != ["aot"]:
        raise _unsupported(archive, f"module {module_name!r} uses executor {executors!r}; only the AOT "
                                    "executor is supported here (graph models need project_type=host_driven)")
    targets = module.get("target")
    if isinstance(targets, dict):  # MLF v5 spelled it as a map; be lenient about the shape
        targets = list(targets.values())
    for target in targets or []:
        kind = str(target).split()[0] if str(target).split() else ""
        if kind != "c":
            raise _unsupported(archive, f"target {target!r} is not a C target; the host template compiles C "
                                        "sources only")


def _read_header(archive, module_name):
    """Model-order field names of the inputs and outputs structs of tvmgen_<mod>.h."""
    prefix = f"tvmgen_{module_name}"
    header_name = f"codegen/host/include/{prefix}.h"
    if not archive.has(header_name):
        raise _unsupported(archive, f"it has no {header_name}, so the model was compiled with the packed "
                                    "interface (interface-api=packed); recompile with "
                                    "--executor-aot-interface-api=c --executor-aot-unpacked-api=1")
    header = archive.read_text(header_name)
    for suffix, meaning in (("workspace_pools", "external workspace/constant pools"),
                            ("devices", "device contexts (an NPU/BYOC target)")):
        if re.search(rf"struct\s+{prefix}_{suffix}\b", header):
            raise _unsupported(archive, f"its header declares struct {prefix}_{suffix}: {meaning} are not "
                                        "supported")
    if f"{prefix}_map_inputs" in header:
        raise _unsupported(archive, "its inputs/outputs live in memory pools (tir.usmp.use_workspace_io), "
                                    "which is not supported")
    if not re.search(rf"int32_t\s+{prefix}_run\s*\(", header):
        raise _unsupported(archive, f"its header does not declare int32_t {prefix}_run(...)")
    structs = []
    for kind in ("inputs", "outputs"):
        match = re.search(_STRUCT_RE.format(prefix=prefix, kind=kind), header, re.DOTALL)
        if not match:
            raise _unsupported(archive, f"its header does not declare struct {prefix}_{kind}")
        structs.append(_FIELD_RE.findall(match.group(1)))
    return structs


def main_usage(archive, module, unsupported=None):
    """The memory.functions.main entry of ``module`` that gives the sizes of the model's inputs and outputs.

    ``unsupported(archive, what)`` builds the error for an MLF the caller cannot use; each reader
    (standalone, host-driven) names what it supports.
    """
    unsupported = unsupported or _unsupported
    try:
        entries = module["memory"]["functions"]["main"]
    except (KeyError, TypeError):
        raise ServerError(f"{archive.path}: metadata.json lacks memory.functions.main") from None
    entries = [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []
    if not entries:
        raise ServerError(f"{archive.path}: metadata.json memory.functions.main is empty")
    main = next((entry for entry in entries if entry.get("device") == 1), entries[0])
    if not isinstance(main.get("inputs"), dict) or not isinstance(main.get("outputs"), dict):
        raise unsupported(archive, "metadata.json has no input/output sizes (it was exported by TVM older "
                                   "than 0.11); re-export it with a newer TVM")
    return main


def _tensors(archive, role, fields, described):
    """Join the header's model-order fields with metadata's name -> {size, dtype} map."""
    by_c_name = {}
    for name, info in described.items():
        c_name = sanitize_c_name(name)
        if c_name in by_c_name:
            raise _unsupported(archive, f"{role}s {by_c_name[c_name][0]!r} and {name!r} both become the C "
                                        f"name {c_name!r}")
        by_c_name[c_name] = (name, info)
    if sorted(fields) != sorted(by_c_name):
        raise ServerError(f"{archive.path}: the header's {role} fields {fields} do not match metadata.json's "
                          f"{role}s {sorted(described)}")
    tensors = []
    for c_name in fields:
        name, info = by_c_name[c_name]
        if not _C_IDENTIFIER_RE.match(c_name):
            raise _unsupported(archive, f"{role} {name!r} becomes the C field {c_name!r}, which is not a valid C "
                                        "identifier, so TVM's generated code cannot compile; rename the tensor")
        dtype = info.get("dtype") if isinstance(info, dict) else None
        size = info.get("size") if isinstance(info, dict) else None
        if not isinstance(dtype, str) or not _DTYPE_RE.match(dtype):
            raise _unsupported(archive, f"{role} {name!r} has dtype {dtype!r}; supported are int*, uint*, "
                                        "float* and bfloat16")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise ServerError(f"{archive.path}: metadata.json gives {role} {name!r} the size {size!r}")
        tensors.append(TensorInfo(name, c_name, dtype, size, None, False))
    return tensors


def _attach_shapes(inputs, outputs, signature):
    """Use Relay shapes where they agree with the byte sizes; otherwise describe tensors as 1-D."""
    input_shapes = [signature.input_shape(t.name) if signature else None for t in inputs]
    output_shapes = signature.output_shapes() if signature else None
    if output_shapes is None or len(output_shapes) != len(outputs):
        output_shapes = [None] * len(outputs)
    for tensor, shape in zip(inputs + outputs, input_shapes + output_shapes):
        if shape is not None and _bytes_of(shape, tensor.dtype_bits) == tensor.size_bytes:
            tensor.shape, tensor.shape_known = shape, True
        else:
            tensor.shape, tensor.shape_known = [tensor.size_bytes * 8 // tensor.dtype_bits], False


def _bytes_of(shape, bits):
    elements = 1
    for dim in shape:
        elements *= dim
    return (elements * bits + 7) // 8


def _check_sources(archive):
    """Generated C file names, and the runtime functions they call; reject non-host code."""
    sources, calls = [], set()
    for name in sorted(archive.names()):
        if name.startswith("codegen/host/lib/"):
            raise _unsupported(archive, f"it contains {name}, an object file from an LLVM target; only C "
                                        "sources (target 'c') can be built for this host")
        if not name.startswith("codegen/host/src/"):
            continue
        base = name[len("codegen/host/src/"):]
        if not base.endswith(".c"):
            raise _unsupported(archive, f"it contains {name}; only C sources (.c) are supported, not C++ "
                                        "(BYOC) modules")
        if "/" in base or not _SOURCE_NAME_RE.match(base):
            raise _unsupported(archive, f"generated source name {name!r} is not a plain file name")
        text = archive.read_text(name)
        for include in _TARGET_ONLY_INCLUDES:
            if re.search(r"#\s*include\s*[<\"]" + re.escape(include), text):
                raise _unsupported(archive, f"{name} includes <{include}>, which only exists for Arm targets; "
                                            "this model cannot run on the host (compile it for target 'c' "
                                            "without -keys=arm_cpu)")
        for function in _UNPROVIDED_RUNTIME_CALLS:
            if function + "(" in text:
                raise _unsupported(archive, f"{name} calls {function}, a TVM runtime function the standalone "
                                            "host template does not provide")
        for function in ("TVMBackendAllocWorkspace", "TVMBackendFreeWorkspace", "TVMAPISetLastError"):
            if function in text:
                calls.add(function)
        sources.append(name)
    if not sources:
        raise ServerError(f"{archive.path}: no generated C sources under codegen/host/src/")
    return sources, calls
