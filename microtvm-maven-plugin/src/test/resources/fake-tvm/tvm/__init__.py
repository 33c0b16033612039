"""A FAKE tvm package for the compile goal's tests (see ../README.md). Not TVM."""
import os

if os.environ.get("FAKE_TVM_IMPORT_ERROR"):
    raise ImportError(os.environ["FAKE_TVM_IMPORT_ERROR"])

__version__ = os.environ.get("FAKE_TVM_VERSION", "0.18.0")
