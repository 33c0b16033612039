"""Python shared by the bundled microTVM templates (host, qemu-arm).

Each template directory holds this package (a symbolic link in the repository, a copy in the
plugin jar) next to its ``microtvm_api_server.py``, which imports it as a top-level package:
Python puts the server's own directory first on sys.path. generate_project copies the package
into the generated project with :func:`copy_into`, so a project serves build, flash and the
transport with its own copy even after the template directory is gone.

Standard library only: templates run wherever a bare ``python3`` exists.
"""

import pathlib
import shutil

PACKAGE_DIR = pathlib.Path(__file__).resolve().parent


def copy_into(project_root):
    """Copy this package (its sources, never byte-code caches) to ``project_root/<package name>``."""
    shutil.copytree(PACKAGE_DIR, pathlib.Path(project_root) / PACKAGE_DIR.name,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
