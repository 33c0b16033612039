#!/usr/bin/env python3
"""microTVM Project API server for the "host" platform: a standalone AOT model as a native program.

As a template (no model.tar next to this file) it serves server_info_query and generate_project.
generate_project copies this server into the new project together with the model, so the project
serves build, flash and the transport methods itself. See README.md for options and layout.

Started by a Project API client as ``python3 microtvm_api_server.py --read-fd N --write-fd M``.
"""

import os
import sys

# Import the sibling modules from this directory, and never write __pycache__ into it: the
# template directory may be read-only or under version control.
sys.dont_write_bytecode = True
_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import logging  # noqa: E402 (after the sys.path set-up above)
import pathlib  # noqa: E402
import shutil  # noqa: E402

import host_driven  # noqa: E402
import option_values  # noqa: E402
import project_files  # noqa: E402
import project_staging  # noqa: E402
from child_transport import ChildProcessTransport  # noqa: E402
from mlf_archive import MlfArchive  # noqa: E402
from model_info import STACK_ALLOCATOR_SOURCE, crt_files_needed, read_model_info  # noqa: E402
from project_api_server import (  # noqa: E402
    OpenedTransport, ProjectAPIHandler, ProjectOption, ServerError, ServerInfo, TransportTimeouts, main)
from tool_runner import run_tool  # noqa: E402

_LOG = logging.getLogger("host_template")

SERVER_DIR = pathlib.Path(_HERE)
MODEL_TAR = "model.tar"
# A generated project is recognized by the MLF copy that generate_project puts next to us.
IS_TEMPLATE = not (SERVER_DIR / MODEL_TAR).exists()
BUILD_TARGET = pathlib.Path("build") / "main"
# An image flash was given (option image): it runs instead of build/main until the next build or flash.
# Under build/, the project's output: it is not a project file (it changes no build stamp and is not
# kept when the project is regenerated).
FLASHED_TARGET = pathlib.Path("build") / "flashed" / "main"

# What generate_project copies from the template: the server (so the project serves the
# remaining methods itself), the static C sources, the Makefile and this documentation.
SERVER_FILES = ("microtvm_api_server.py", "project_api_server.py", "option_values.py", "mlf_archive.py",
                "model_info.py", "relay_signature.py", "project_files.py", "tool_runner.py",
                "child_transport.py", "host_driven.py", "project_staging.py")
STATIC_PROJECT_FILES = ("Makefile", "build_rules.mk", "README.md", "src/main.c", "src/tvm_backend.c", "src/crt_config.h",
                        "src/mtvm_platform.h", "src/mtvm_crc32.h", "src/mtvm_crc32.c", "src/mtvm_frame.h",
                        "src/mtvm_frame.c", "src/mtvm_protocol.h", "src/mtvm_protocol.c")

PROJECT_TYPES = ("standalone", "host_driven")

PROJECT_OPTIONS = [
    ProjectOption(
        "project_type",
        choices=list(PROJECT_TYPES),
        default="standalone",
        type="str",
        optional=["generate_project"],
        help="Kind of program to generate. standalone: build/main serves the standalone protocol (framed, "
             "CRC-checked requests: HELLO with the model id and tensor table, SET_INPUT, RUN with device "
             "timing, GET_OUTPUT) on stdin/stdout until stdin ends; see the template's README.md. "
             "host_driven: build/main is the model plus TVM's CRT microTVM RPC server (as TVM's crt template "
             "builds), driven over stdin/stdout by tvmc run --device micro or microtvm:run; needs an MLF compiled "
             "with runtime crt system-lib (graph, or aot with the packed API) and TVM's standalone CRT from the "
             "MLF's runtime/ or standalone_crt_dir.",
    ),
    ProjectOption(
        "verbose",
        default=None,
        type="bool",
        optional=["generate_project", "build"],
        help="Show the full compiler and linker command lines during the build. Given to generate_project, "
             "it becomes the project's default; unset: false, or for build the project's default.",
    ),
    ProjectOption(
        "workspace_size_bytes",
        default=None,
        type="int",
        optional=["generate_project"],
        help="standalone: size in bytes of the arena behind TVMBackendAllocWorkspace, used only by models "
             "compiled without USMP (tir.usmp.enable=False); unset: the model's own requirement from "
             "metadata.json. host_driven: size of the CRT's memory pool (RPC buffers, executor, tensors); "
             "unset: 2097152, as TVM's crt template, or what the model's metadata.json says it allocates (plus "
             "the page allocator's bookkeeping and 64 KiB for the runtime) where that is more.",
    ),
    ProjectOption(
        "cc",
        default=None,
        type="str",
        optional=["generate_project", "build"],
        help="Host C compiler command, e.g. gcc, clang or 'ccache gcc'. Given to generate_project, it becomes "
             "the project's default; unset: cc, or for build the project's default.",
    ),
    ProjectOption(
        "image",
        default=None,
        type="str",
        optional=["flash"],
        help="Path of an executable built by this template (for example a firmware artifact of an earlier "
             "build) to run instead of build/main: flash copies it to build/flashed/main, where it runs until the "
             "next build or flash. Unset: build/main.",
    ),
    ProjectOption(
        "cflags",
        default=None,
        type="str",
        optional=["generate_project", "build"],
        help="Extra C compiler flags, split like a shell would (e.g. '-O0 -g'). Always added: -std=gnu11 "
             "-Wall. Given to generate_project, they become the project's default; unset: -O2, or for build "
             "the project's default. (No declared default: TVM sends every default to build, which would "
             "override the project's.)",
    ),
]
_OPTION_NAMES = {option.name for option in PROJECT_OPTIONS}


def _warn_unknown_options(method, options):
    project_staging.warn_unknown_options(method, options, _OPTION_NAMES)


def _remove_flashed_image():
    try:
        (SERVER_DIR / FLASHED_TARGET).unlink()
    except FileNotFoundError:
        pass


def _compiler_words(options, must_exist):
    """The cc option as words, or None when not given.

    build needs the compiler now; generate_project only warns, as the project may be built
    elsewhere or after the compiler is installed.
    """
    words = option_values.get_words(options, "cc", None)
    if words is None:
        return None
    if not words:
        raise ServerError("option cc: empty; give a C compiler command such as cc, gcc or clang")
    if shutil.which(words[0]) is None:
        message = f"option cc: C compiler {words[0]!r} not found (PATH={os.environ.get('PATH', '')})"
        if must_exist:
            raise ServerError(message)
        _LOG.warning("%s", message)
    return words


def _check_make_words(name, words):
    # make variables cannot hold line breaks; everything else is quoted for the shell.
    if words is not None and any("\n" in word or "\r" in word for word in words):
        raise ServerError(f"option {name}: line breaks are not allowed")
    return words



class Handler(ProjectAPIHandler):
    def __init__(self):
        self._transport = ChildProcessTransport()

    # -- info --------------------------------------------------------------------------------

    def server_info_query(self, tvm_version):
        return ServerInfo(
            platform_name="host",
            is_template=IS_TEMPLATE,
            model_library_format_path="" if IS_TEMPLATE else str(SERVER_DIR / MODEL_TAR),
            project_options=PROJECT_OPTIONS,
            firmware_images={"elf" if sys.platform.startswith("linux") else "exe": str(BUILD_TARGET)},
            required_tools=[
                {"command": "make", "needed_for": ["build"]},
                {"command": "{cc}", "default": "cc", "needed_for": ["build"]},
            ],
        )

    # -- generate ----------------------------------------------------------------------------

    def generate_project(self, model_library_format_path, standalone_crt_dir, project_dir, options):
        _warn_unknown_options("generate_project", options)
        mlf_path, project_dir = project_staging.checked_paths(model_library_format_path, project_dir)

        project_type = option_values.get_str(options, "project_type", "standalone", choices=PROJECT_TYPES)
        verbose = option_values.get_bool(options, "verbose", False)
        workspace_option = option_values.get_int(options, "workspace_size_bytes", None, minimum=0)
        cc_words = _check_make_words("cc", _compiler_words(options, must_exist=False) or ["cc"])
        cflags_words = _check_make_words("cflags", option_values.get_words(options, "cflags", ["-O2"]))

        if project_type == "host_driven":
            self._generate_host_driven(mlf_path, standalone_crt_dir, project_dir, workspace_option, cc_words,
                                       cflags_words, verbose)
            return
        with MlfArchive(mlf_path) as archive:
            model = read_model_info(archive)
            project_files.check_protocol_limits(model)
            crt_dir = self._runtime_source(model, standalone_crt_dir, mlf_path)
            workspace_bytes = model.workspace_size_bytes if workspace_option is None else workspace_option
            if model.needs_workspace and workspace_bytes < model.workspace_size_bytes:
                _LOG.warning("workspace_size_bytes=%d is below the model's requirement of %d bytes; "
                             "the model may fail with an allocation error", workspace_bytes,
                             model.workspace_size_bytes)
            _LOG.info("generating %s from %s (module %s, %d inputs, %d outputs%s)", project_dir, mlf_path,
                      model.module_name, len(model.inputs), len(model.outputs),
                      ", workspace arena %d bytes" % workspace_bytes if model.needs_workspace else "")

            with project_staging.staged_project(project_dir) as staging:
                self._populate(staging, archive, model, mlf_path, crt_dir, workspace_bytes,
                               cc_words, cflags_words, verbose)
        _LOG.info("generated %s", project_dir)

    def _generate_host_driven(self, mlf_path, standalone_crt_dir, project_dir, workspace_option, cc_words,
                              cflags_words, verbose):
        with MlfArchive(mlf_path) as archive:
            model = host_driven.read_model(archive)
            crt_dir = host_driven.crt_source(model, standalone_crt_dir, mlf_path)
            # TVM's crt template's 2 MiB, or what metadata.json says the model needs where that is more
            workspace_bytes = (max(host_driven.DEFAULT_WORKSPACE_BYTES, model.pool_bytes())
                               if workspace_option is None else workspace_option)
            _LOG.info("generating host-driven %s from %s (module %s, %s executor, CRT from %s, memory pool %d bytes)",
                      project_dir, mlf_path, model.module_name, model.executor, crt_dir or "the MLF's runtime/",
                      workspace_bytes)
            with project_staging.staged_project(project_dir) as staging:
                for name in SERVER_FILES + ("README.md",) + host_driven.STATIC_FILES:
                    (staging / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(SERVER_DIR / name, staging / name)
                shutil.copyfile(SERVER_DIR / host_driven.MAKEFILE_SOURCE, staging / "Makefile")
                shutil.copyfile(mlf_path, staging / MODEL_TAR)
                (staging / "model").mkdir()
                archive.extract_to(staging / "model")
                crt_in_project = host_driven.copy_crt(crt_dir, staging)
                (staging / "project.mk").write_text(host_driven.render_project_mk(
                    model, crt_in_project, workspace_bytes, cc_words, cflags_words, verbose), encoding="utf-8")
        _LOG.info("generated %s", project_dir)

    @staticmethod
    def _runtime_source(model, standalone_crt_dir, mlf_path):
        """Where the CRT headers (and stack allocator) come from: None = the MLF's runtime/."""
        needed = crt_files_needed(model.needs_workspace)
        if model.runtime_dir is not None:
            return None
        if standalone_crt_dir is not None and all((standalone_crt_dir / p).is_file() for p in needed):
            return standalone_crt_dir
        raise ServerError(
            f"{mlf_path} carries no complete runtime/ (TVM's standalone CRT), and standalone_crt_dir "
            f"{str(standalone_crt_dir or '')!r} does not provide {', '.join(needed)}; export the MLF with runtime "
            "crt and the AOT executor, or pass TVM's standalone_crt directory")

    @staticmethod
    def _populate(root, archive, model, mlf_path, crt_dir, workspace_bytes, cc_words, cflags_words, verbose):
        for name in SERVER_FILES + STATIC_PROJECT_FILES:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(SERVER_DIR / name, root / name)  # copy2 keeps the server's exec bit

        shutil.copyfile(mlf_path, root / MODEL_TAR)
        # Hashed from the copy, so the id names exactly the bytes this project was made from.
        model_id = project_files.model_id_of(root / MODEL_TAR)
        (root / "model").mkdir()
        archive.extract_to(root / "model")

        runtime_dir = "model/runtime"
        if crt_dir is not None:  # fall back to the client's standalone CRT, copying only what we use
            runtime_dir = "crt"
            shutil.copytree(crt_dir / "include", root / "crt" / "include")
            if model.needs_workspace:
                target = root / "crt" / STACK_ALLOCATOR_SOURCE
                target.parent.mkdir(parents=True)
                shutil.copyfile(crt_dir / STACK_ALLOCATOR_SOURCE, target)

        generated = {
            "src/model_io.h": project_files.render_model_io_h(model, workspace_bytes, model_id),
            "src/model_io.c": project_files.render_model_io_c(model, model_id),
            "project.mk": project_files.render_project_mk(model, runtime_dir, cc_words, cflags_words, verbose),
            "model_io.json": project_files.render_model_io_json(model, workspace_bytes, model_id),
        }
        for name, text in generated.items():
            (root / name).write_text(text, encoding="utf-8")

    # -- build / flash -------------------------------------------------------------------------

    @staticmethod
    def _require_project(method):
        if IS_TEMPLATE:
            raise ServerError(f"{method}: {SERVER_DIR} is the host template, not a generated project; "
                              "call generate_project first and then call this method on the generated project")

    def build(self, options):
        self._require_project("build")
        _warn_unknown_options("build", options)
        argv = ["make", f"-j{os.cpu_count() or 1}"]
        cc_words = _check_make_words("cc", _compiler_words(options, must_exist=True))
        cflags_words = _check_make_words("cflags", option_values.get_words(options, "cflags", None))
        verbose = option_values.get_bool(options, "verbose", None)
        # Unset options fall back to the generate-time settings in project.mk.
        if cc_words is not None:
            argv.append("HOST_CC=" + project_files.make_value(cc_words))
        if cflags_words is not None:
            argv.append("HOST_CFLAGS=" + project_files.make_value(cflags_words))
        if verbose is not None:
            argv.append(f"VERBOSE={1 if verbose else 0}")
        # what a build makes is what runs next, as if flashed: a flashed image is gone
        _remove_flashed_image()
        try:
            result = run_tool(argv, cwd=SERVER_DIR)
        except FileNotFoundError:
            raise ServerError("build failed: 'make' was not found on PATH; install GNU make") from None
        if result.returncode != 0:
            tail = "\n".join(result.tail)
            raise ServerError(f"build failed: make exited with status {result.returncode} in {SERVER_DIR} "
                              f"(full output on the server's stderr). Last lines:\n{tail}")
        if not (SERVER_DIR / BUILD_TARGET).is_file():
            raise ServerError(f"build failed: make succeeded but {SERVER_DIR / BUILD_TARGET} is missing")
        _LOG.info("built %s", SERVER_DIR / BUILD_TARGET)

    def _require_build(self, method):
        self._require_project(method)
        target = SERVER_DIR / BUILD_TARGET
        if not (target.is_file() and os.access(target, os.X_OK)):
            raise ServerError(f"{method}: {target} does not exist or is not executable; run build first")
        return target

    def flash(self, options):
        _warn_unknown_options("flash", options)
        image = option_values.get_str(options, "image", None)
        if not image:
            self._require_build("flash")
            _remove_flashed_image()
            _LOG.info("flash: nothing to do on the host; build/main runs in place")
            return
        self._require_project("flash")
        source = pathlib.Path(image)
        if not source.is_file():
            raise ServerError(f"option image: {source} is not a file")
        target = SERVER_DIR / FLASHED_TARGET
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(source, partial)
        partial.chmod(0o755)
        os.replace(partial, target)
        _LOG.info("flash: %s (from %s) runs instead of build/main until the next build or flash", target, source)

    # -- transport -----------------------------------------------------------------------------

    def open_transport(self, options):
        flashed = SERVER_DIR / FLASHED_TARGET
        target = flashed if flashed.is_file() else self._require_build("open_transport")
        # The program starts with the first relay call or on the direct channel, whichever comes first.
        channel = self._transport.open([str(target)], cwd=SERVER_DIR)
        # The program reads stdin as soon as it runs (standalone: HELLO; host_driven: the RPC session, as
        # with TVM's crt template): no session timeouts needed.
        timeouts = TransportTimeouts(
            session_start_retry_timeout_sec=0, session_start_timeout_sec=0, session_established_timeout_sec=0)
        return OpenedTransport(timeouts, channel)

    def close_transport(self):
        self._transport.close()

    def read_transport(self, n, timeout_sec):
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ServerError(f"read_transport: n must be a positive integer, got {n!r}")
        return self._transport.read(n, _timeout(timeout_sec))

    def write_transport(self, data, timeout_sec):
        self._transport.write(data, _timeout(timeout_sec))

    def shutdown(self):
        self._transport.close()


def _timeout(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ServerError(f"timeout_sec must be null or a number >= 0, got {value!r}")
    return float(value)


if __name__ == "__main__":
    main(Handler())
