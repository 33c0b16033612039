"""Where a bundled template's server runs from, and what that makes it: a template or a project.

generate_project puts a copy of the model (MODEL_TAR) next to the project's server; a template
holds none. server_info_query's answer follows from that.
"""

import os
import pathlib

from .project_api_server import ServerInfo

MODEL_TAR = "model.tar"

# Every bundled template builds with make.
MAKE_TOOL = {"command": "make", "needed_for": ["build"]}


def server_dir_of(server_file):
    """The directory of the server's file, as given: links are not resolved, so paths read as the client gave them."""
    return pathlib.Path(os.path.dirname(os.path.abspath(server_file)))


def is_template_dir(server_dir):
    return not (server_dir / MODEL_TAR).exists()


def server_info(platform_name, server_dir, project_options, firmware_images, required_tools):
    """server_info_query's answer for the server in server_dir; a project names its model copy."""
    is_template = is_template_dir(server_dir)
    return ServerInfo(
        platform_name=platform_name,
        is_template=is_template,
        model_library_format_path="" if is_template else str(server_dir / MODEL_TAR),
        project_options=project_options,
        firmware_images=firmware_images,
        required_tools=required_tools,
    )
