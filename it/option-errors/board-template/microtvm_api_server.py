#!/usr/bin/env python3
"""A template for the option-errors IT: the plugin's own host template plus a `board` option that
is required for generate_project, as real board templates (Zephyr, Arduino) declare it.

It runs the real host server, found in this repository: this file sits in
<repo>/microtvm-maven-plugin/target/it/option-errors/board-template/ when the IT runs.
"""
import importlib.util
import pathlib
import sys

HOST = pathlib.Path(__file__).resolve().parents[5] / "templates" / "host"
sys.path.insert(0, str(HOST))
spec = importlib.util.spec_from_file_location("host_server", HOST / "microtvm_api_server.py")
host = importlib.util.module_from_spec(spec)
spec.loader.exec_module(host)

from microtvm_template_common.project_api_server import ProjectOption, main  # noqa: E402 (beside HOST, on sys.path above)

host.PROJECT_OPTIONS.append(ProjectOption(
    "board", choices=["mps2_an385", "mps2_an386"], type="str", required=["generate_project"],
    help="Name of the board to build for."))

if __name__ == "__main__":
    main(host.Handler())
