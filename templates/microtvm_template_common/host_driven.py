"""project_type=host_driven: the model plus TVM's CRT microTVM RPC server as a native program.

The firmware (src/rpc_main.c, src/rpc_platform.c, src/rpc_memory.c) serves TVM's host-driven RPC
protocol on stdin/stdout, like TVM's own crt "host" template, so both ``tvmc run --device micro``
and the plugin's Java host drive it. The qemu-arm template's host_driven projects use this module
too (MLF checks, CRT source and copy) and SHARED_FILES (the CRT memory hooks and configuration).
It is built from TVM's standalone CRT sources: the MLF's own
``runtime/`` (AOT exports carry it) or, for MLFs without one (graph exports), the client's
``standalone_crt_dir`` (a TVM install's ``standalone_crt``, or the ``runtime/`` of any AOT MLF).

The MLF must have been compiled for host-driven use: runtime crt with system-lib (the host
reaches the model only through runtime.SystemLib), executor graph, or aot with the packed API.
"""

import json
import re
import shutil

from .project_api_server import ServerError
from .model_info import main_usage, read_metadata
from .project_files import make_value

# Files of the standalone CRT the firmware cannot do without; probed where the CRT may be.
CRT_PROBES = (
    "include/tvm/runtime/c_runtime_api.h",
    "include/tvm/runtime/crt/microtvm_rpc_server.h",
    "src/runtime/crt/microtvm_rpc_server/rpc_server.cc",
    "src/runtime/crt/microtvm_rpc_common/framing.cc",
    "src/runtime/crt/common/crt_runtime_api.c",
    "src/runtime/crt/graph_executor_module/graph_executor_module.c",
    "src/runtime/crt/aot_executor_module/aot_executor_module.c",
)
CRT_LIBRARIES = ("aot_executor", "aot_executor_module", "common", "graph_executor", "graph_executor_module",
                 "memory", "microtvm_rpc_common", "microtvm_rpc_server")
# What tvmc's crt template gives a host-driven firmware by default (TVM v0.18.0): the host template's floor.
DEFAULT_WORKSPACE_BYTES = 2 * 1024 * 1024
# The CRT pool is a page allocator (rpc_memory.c): 256-byte pages, each with its bookkeeping (Page, PageEntry,
# IndexedEntry: 88 bytes with the CRT's 64-bit tvm_index_t, on the host and on Cortex-M alike) in the same pool.
POOL_PAGE_BYTES = 256
POOL_BYTES_PER_PAGE = POOL_PAGE_BYTES + 96
# What the CRT itself takes from the pool besides the model's tensors: the RPC server's receive buffer and
# session, the function registry, the AOT executor's state and its tensor headers.
POOL_RUNTIME_RESERVE_BYTES = 64 * 1024
# Build rules and firmware sources every host-driven project gets (the qemu-arm template copies them too).
SHARED_FILES = ("build_rules.mk", "src/rpc_memory.c", "src/rpc_memory.h", "src/rpc_config/crt_config.h")
STATIC_FILES = ("src/rpc_main.c", "src/rpc_platform.c", "src/rpc_platform.h") + SHARED_FILES
MAKEFILE_SOURCE = "host_driven.mk"

_MODULE_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SUPPORTED = ("Host-driven projects need an MLF compiled for host-driven use: target 'c', runtime crt with "
              "system-lib, and executor graph (tvmc compile --target=c --runtime=crt --runtime-crt-system-lib=1 "
              "--executor=graph --executor-graph-link-params=0 --output-format=mlf) or aot with the packed API "
              "(--executor=aot --executor-aot-interface-api=packed --executor-aot-unpacked-api=0).")


class HostDrivenModel:
    """What generate_project checked and needs to know about a host-driven model."""

    def __init__(self, module_name, executor, inputs, outputs, sources, graph, params, has_runtime,
                 storage_bytes=(), workspace_bytes=0):
        self.module_name = module_name
        self.executor = executor  # 'aot' or 'graph'
        self.inputs = inputs  # [{name, dtype, size_bytes}], model order for graph, name order for aot
        self.outputs = outputs  # [{name, dtype, size_bytes}] in name order (metadata.json)
        self.sources = sources  # archive names of the generated C files
        self.graph = graph  # archive name of the graph JSON, or None
        self.params = params  # archive name of the parameters, or None
        self.has_runtime = has_runtime  # the archive carries a complete runtime/ (standalone CRT)
        # what the model allocates from the CRT pool while it runs, one entry per allocation (metadata.json)
        self.storage_bytes = list(storage_bytes)
        self.workspace_bytes = workspace_bytes  # TVMBackendAllocWorkspace at run time, 0 when the code has none

    def pool_bytes(self):
        """The CRT memory pool this model needs, derived from metadata.json (see pool_requirement)."""
        return pool_requirement(self.storage_bytes + ([self.workspace_bytes] if self.workspace_bytes else []))


def pool_requirement(allocations):
    """Bytes of page-allocator pool that hold ``allocations`` (sizes in bytes) plus the CRT's own needs."""
    pages = sum(-(-max(int(n), 1) // POOL_PAGE_BYTES) for n in allocations)
    return POOL_RUNTIME_RESERVE_BYTES + pages * POOL_BYTES_PER_PAGE


def _unsupported(archive, what):
    return ServerError(f"{archive.path}: {what}. {_SUPPORTED}")


def read_model(archive):
    """Validate ``archive`` (an MlfArchive) for a host-driven project and describe its model."""
    metadata = read_metadata(archive)
    modules = metadata.get("modules")
    if not isinstance(modules, dict) or len(modules) != 1:
        raise _unsupported(archive, "metadata.json must describe exactly one module")
    module_name, module = next(iter(modules.items()))
    if not isinstance(module_name, str) or not _MODULE_NAME_RE.match(module_name) or not isinstance(module, dict):
        raise _unsupported(archive, f"module name {module_name!r} is not a C identifier")
    executors = module.get("executors")
    if executors not in (["aot"], ["graph"]):
        raise _unsupported(archive, f"module {module_name!r} uses executors {executors!r}")
    executor = executors[0]

    sources = sorted(n for n in archive.names() if n.startswith("codegen/host/src/") and n.endswith(".c"))
    if not sources:
        raise _unsupported(archive, "it has no generated C sources under codegen/host/src/")
    if any(n.startswith("codegen/host/lib/") for n in archive.names()):
        raise _unsupported(archive, "it contains object files from an LLVM target; only target 'c' builds here")
    texts = [archive.read_text(n) for n in sources]
    if not any("TVMSystemLibEntryPoint" in t for t in texts):
        raise _unsupported(archive, "its code has no system library (TVMSystemLibEntryPoint): it was compiled "
                                    "without runtime crt system-lib, which host-driven runs reach the model by")
    if executor == "aot" and not any(f"tvmgen_{module_name}_get_c_metadata" in t for t in texts):
        raise _unsupported(archive, f"its AOT code has no tvmgen_{module_name}_get_c_metadata (it was compiled "
                                    "with the C interface / unpacked API, which is for standalone projects)")

    main = main_usage(archive, module, _unsupported)
    inputs = _tensors(archive, "input", main.get("inputs"))
    outputs = _tensors(archive, "output", main.get("outputs"))
    graph = params = None
    if executor == "graph":
        graph = f"executor-config/graph/{module_name}.graph"
        if not archive.has(graph):
            raise ServerError(f"{archive.path}: a graph-executor MLF without {graph}")
        inputs = _graph_order(archive, graph, inputs)
        candidate = f"parameters/{module_name}.params"
        params = candidate if archive.has(candidate) else None
    has_runtime = all(archive.has("runtime/" + p) for p in CRT_PROBES)
    # What run-time allocations the CRT pool must hold. Graph: the host's graph executor allocates every storage
    # id of the graph JSON (inputs, parameters, intermediates; metadata.json's "sids" sizes do not match what is
    # allocated) on the device. AOT: the executor allocates the inputs and outputs; USMP keeps the workspace in a
    # static array of the model code. Both: operators that still call TVMBackendAllocWorkspace take up to the
    # main function's workspace_size_bytes from the pool.
    if executor == "graph":
        storage = _graph_storage_bytes(archive, graph)
    else:
        storage = [t["size_bytes"] for t in inputs + outputs]
    workspace = main.get("workspace_size_bytes")
    allocates = any("TVMBackendAllocWorkspace" in t for t in texts)
    workspace = workspace if allocates and isinstance(workspace, int) and workspace > 0 else 0
    return HostDrivenModel(module_name, executor, inputs, outputs, sources, graph, params, has_runtime,
                           storage, workspace)


def _tensors(archive, role, described):
    tensors = []
    for name, info in described.items():
        dtype = info.get("dtype") if isinstance(info, dict) else None
        size = info.get("size") if isinstance(info, dict) else None
        if not isinstance(dtype, str) or not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise ServerError(f"{archive.path}: metadata.json describes {role} {name!r} as {info!r}")
        tensors.append({"name": name, "dtype": dtype, "size_bytes": size})
    return tensors


_DTYPE_BITS = re.compile(r"^(?:u?int|float|bfloat)([0-9]+)$")


def _graph_storage_bytes(archive, graph_name):
    """Bytes of each storage id of the graph: the largest tensor sharing it, as the graph executor allocates."""
    try:
        attrs = json.loads(archive.read_text(graph_name))["attrs"]
        shapes, dtypes, storage_ids = attrs["shape"][1], attrs["dltype"][1], attrs["storage_id"][1]
        per_storage = {}
        for shape, dtype, sid in zip(shapes, dtypes, storage_ids):
            bits = _DTYPE_BITS.match(dtype)
            elements = 1
            for dim in shape:
                elements *= int(dim)
            size = elements * (int(bits.group(1)) if bits else 64) // 8
            per_storage[sid] = max(per_storage.get(sid, 0), size)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ServerError(f"{archive.path}: {graph_name} is not a readable graph: {exc!r}") from None
    return [size for size in per_storage.values() if size > 0]


def _graph_order(archive, graph_name, inputs):
    """The inputs in the graph's argument order: the order tvmc and the graph executor use."""
    try:
        graph = json.loads(archive.read_text(graph_name))
        arg_names = [graph["nodes"][i]["name"] for i in graph["arg_nodes"]]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ServerError(f"{archive.path}: {graph_name} is not a readable graph: {exc!r}") from None
    by_name = {t["name"]: t for t in inputs}
    ordered = [by_name[n] for n in arg_names if n in by_name]
    if len(ordered) != len(inputs):
        missing = sorted(set(by_name) - set(arg_names))
        raise ServerError(f"{archive.path}: inputs {missing} of metadata.json are not arguments of {graph_name}")
    return ordered


def crt_source(model, standalone_crt_dir, mlf_path):
    """Where the CRT sources come from: None = the MLF's runtime/, else the standalone_crt_dir path."""
    if model.has_runtime:
        return None
    if standalone_crt_dir is not None and all((standalone_crt_dir / p).is_file() for p in CRT_PROBES):
        return standalone_crt_dir
    given = "not given" if standalone_crt_dir is None else f"{str(standalone_crt_dir)!r}, which lacks " + ", ".join(
        p for p in CRT_PROBES if not (standalone_crt_dir / p).is_file())
    raise ServerError(
        f"host_driven needs TVM's standalone CRT sources (with the microTVM RPC server). Looked in "
        f"{mlf_path}'s runtime/ (absent or incomplete: graph exports carry none) and in standalone_crt_dir "
        f"({given}). Provide standalone_crt_dir (Maven: microtvm.standaloneCrtDir): a TVM build's "
        "standalone_crt directory, or the runtime/ directory extracted from an AOT MLF exported with runtime crt")


def copy_crt(crt_dir, project_root):
    """Put the CRT the firmware builds from into the project; returns its directory, relative to the project.

    crt_dir None (the MLF's own runtime/) needs no copy: the project extracts the MLF under model/.
    Of a standalone_crt_dir only what the firmware builds from is copied.
    """
    if crt_dir is None:
        return "model/runtime"
    shutil.copytree(crt_dir / "include", project_root / "crt" / "include")
    shutil.copytree(crt_dir / "src", project_root / "crt" / "src")
    return "crt"


def render_project_mk(model, crt_dir, workspace_bytes, cc_words, cflags_words, verbose, header_comment):
    return "\n".join([
        f"# {header_comment}",
        "# Included by Makefile (host_driven). Variables given on the make command line override these.",
        "",
        f"MODULE_NAME := {model.module_name}",
        f"MODEL_SRCS := {' '.join('model/' + s for s in model.sources)}",
        f"CRT_DIR := {crt_dir}",
        f"CRT_LIBRARIES := {' '.join(CRT_LIBRARIES)}",
        f"WORKSPACE_SIZE_BYTES := {workspace_bytes}",
        "",
        f"HOST_CC := {make_value(cc_words)}",
        "HOST_CXX := c++",
        f"HOST_CFLAGS := {make_value(cflags_words)}",
        f"VERBOSE := {1 if verbose else 0}",
        "",
    ])
