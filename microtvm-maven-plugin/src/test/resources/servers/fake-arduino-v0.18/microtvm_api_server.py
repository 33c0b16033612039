#!/usr/bin/env python3
"""A FAKE of TVM v0.18's Arduino template server, for the plugin's tests (no TVM, no arduino-cli here).

What it replicates from TVM v0.18.0 (apps/microtvm/arduino/template_project/microtvm_api_server.py,
as recorded in docs/project-api.md, "arduino" and "The order of the options"): the server_info_query
reply (platform_name "arduino", the ten project options in the real order with the real declared
types, among them the quirky `port: int` and `compile_definitions: str`), the template flag (a
template until src/model/model.tar exists), and what generate_project does with standalone_crt_dir: it
copies its include/ and src/ into src/standalone_crt, so an empty or wrong path fails with
FileNotFoundError as the real one does. It does not compile anything: build and flash only record
their options.

Every request's params are appended as one JSON line to received.jsonl in the server's own dir, so
tests can see what reached it. Python 3 standard library only.
"""

import argparse
import json
import os
import pathlib
import shutil
import sys
import tarfile

SERVER_DIR = pathlib.Path(__file__).resolve().parent
IS_TEMPLATE = not (SERVER_DIR / "src" / "model" / "model.tar").exists()
BOARDS = ["due", "feathers2", "metrom4", "spresense", "nano33ble", "portentah7", "pybadge", "rpipico",
          "teensy40", "teensy41", "wioterminal"]


def option(name, type_, required=None, optional=None, default=None, choices=None, help_=""):
    return {"name": name, "choices": choices, "default": default, "type": type_, "required": required,
            "optional": optional, "help": help_}


# TVM v0.18.0's Arduino declarations, types as declared (not as used); arduino-cli not on PATH.
PROJECT_OPTIONS = [
    option("verbose", "bool", optional=["generate_project"], default=False, help_="Run build with verbose output."),
    option("project_type", "str", required=["generate_project"], choices=["example_project", "host_driven"],
           help_="Type of project to generate."),
    option("board", "str", required=["generate_project"], optional=["flash", "open_transport"], choices=BOARDS,
           help_="Name of the board to build for."),
    option("cmsis_path", "str", optional=["generate_project"], help_="Path to the CMSIS directory."),
    option("warning_as_error", "bool", optional=["build", "flash"], default=False,
           help_="Treat warnings as errors and raise an Exception."),
    option("compile_definitions", "str", optional=["generate_project"],
           help_="Extra definitions added project compile."),
    option("extra_files_tar", "str", optional=["generate_project"],
           help_="If given, during generate_project, uncompress the tarball at this path into the project dir."),
    option("arduino_cli_cmd", "str", required=["generate_project", "build", "flash", "open_transport"],
           help_="Path to the arduino-cli tool."),
    option("port", "int", optional=["flash", "open_transport"],
           help_="Port to use for connecting to hardware."),
    option("serial_number", "str", optional=["open_transport", "flash"],
           help_="Board serial number. If both serial_number and port options are set, it will throw exception."),
]


def record(method, params):
    with open(SERVER_DIR / "received.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"method": method, "params": params}) + "\n")


def generate_project(params):
    options = params["options"]
    for key in ("board", "project_type", "arduino_cli_cmd", "verbose"):
        options[key]  # the real server indexes these directly
    project_dir = pathlib.Path(params["project_dir"])
    project_dir.mkdir()
    shutil.copy2(__file__, project_dir / "microtvm_api_server.py")
    crt = pathlib.Path(params["standalone_crt_dir"])
    for item in ("include", "src"):  # as the real one: copytree of standalone_crt_dir's parts
        shutil.copytree(crt / item, project_dir / "src" / "standalone_crt" / item)
    model = project_dir / "src" / "model"
    model.mkdir(parents=True)
    with tarfile.open(params["model_library_format_path"]) as tar:
        tar.extract("./metadata.json", model)
    shutil.copy2(params["model_library_format_path"], model / "model.tar")
    # in the real server compile_definitions is iterated as a list of flags
    flags = list(options.get("compile_definitions") or [])
    (project_dir / "build_extra_flags.json").write_text(json.dumps(flags))
    return None


def server_info_query(params):
    return {"platform_name": "arduino", "is_template": IS_TEMPLATE,
            "model_library_format_path": "" if IS_TEMPLATE else str(SERVER_DIR / "src" / "model" / "model.tar"),
            "project_options": PROJECT_OPTIONS}


def build(params):
    (SERVER_DIR / "build").mkdir(exist_ok=True)
    return None


def flash(params):
    port = params["options"].get("port")
    if port is not None and not isinstance(port, str):
        raise RuntimeError("make flash PORT=%r: not a device path" % (port,))
    return None


METHODS = {"server_info_query": server_info_query, "generate_project": generate_project, "build": build,
           "flash": flash}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--read-fd", type=int, required=True)
    parser.add_argument("--write-fd", type=int, required=True)
    args = parser.parse_args()
    reader = os.fdopen(args.read_fd, "rb", buffering=0)
    writer = os.fdopen(args.write_fd, "wb", buffering=0)
    for line in iter(reader.readline, b""):
        request = json.loads(line)
        method, params = request["method"], request.get("params") or {}
        record(method, params)
        reply = {"jsonrpc": "2.0", "id": request["id"]}
        try:
            if method not in METHODS:
                raise NotImplementedError(method)
            result = METHODS[method](params)
            if method == "server_info_query":
                result["protocol_version"] = 1
            reply["result"] = result
        except Exception as e:  # the real server turns every exception into a SERVER_ERROR reply
            reply["error"] = {"code": -32000, "message": "calling method %s" % method,
                              "data": "Traceback (most recent call last):\n  %s: %s\n" % (type(e).__name__, e)}
        writer.write(json.dumps(reply).encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
