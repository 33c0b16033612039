"""FAKE tvmc (see the fake-tvm README). Not TVM."""
