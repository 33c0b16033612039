"""FAKE `python -m tvm.driver.tvmc`: parses its arguments as TVM's tvmc compile declares them, records them,
and copies a fixture MLF instead of compiling (see the fake-tvm README). Not TVM."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

import tvm

# The executor and runtime attributes TVM registers (src/relay/backend/executor.cc, runtime.cc at v0.18.0),
# each a "Bool", "Int" or "String". tvmc makes one --<registry>-<name>-<option> flag of each.
EXECUTORS = {
    "aot": {"link-params": "Bool", "unpacked-api": "Bool", "interface-api": "String",
            "workspace-byte-alignment": "Int", "constant-byte-alignment": "Int"},
    "graph": {"link-params": "Bool"},
}
RUNTIMES = {"crt": {"system-lib": "Bool"}, "cpp": {"system-lib": "Bool"}}


def _minor():
    parts = tvm.__version__.split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return 0, 18


def _python_type(kind):
    # tvmc's registry.py: up to 0.17 a Bool attribute is an IntImm and parsed with int(); from 0.18 on it is a
    # runtime.BoxBool parsed with bool(), so "0" is True there and only "" is False
    if kind == "String":
        return str
    if kind == "Bool" and _minor() >= (0, 18):
        return bool
    return int


def _add_registry(parser, registry, names, default):
    parser.add_argument("--" + registry, default=default)
    for name, options in names.items():
        for option, kind in options.items():
            parser.add_argument("--%s-%s-%s" % (registry, name, option), type=_python_type(kind))


def _reconstruct(args, registry, names):
    chosen = getattr(args, registry)
    if chosen not in names:
        raise SystemExit('Error: %s "%s" is not defined' % (registry.title(), chosen))
    values = {}
    for name, options in names.items():
        for option in options:
            value = getattr(args, "%s_%s_%s" % (registry, name, option.replace("-", "_")))
            if value is not None:
                if name != chosen:
                    raise SystemExit("Error: Passed --%s-%s-%s but did not specify %s executor"
                                     % (registry, name, option, name))
                values[option] = value
    return {"name": chosen, "options": values}


def _parser():
    # the options of tvmc compile (python/tvm/driver/tvmc/compiler.py at v0.18.0) the plugin may send
    parser = argparse.ArgumentParser(prog="tvmc compile")
    parser.add_argument("--cross-compiler", default="")
    parser.add_argument("--desired-layout", nargs="+")
    parser.add_argument("--model-format", choices=["keras", "onnx", "pb", "tflite", "pytorch", "paddle", "relay"])
    parser.add_argument("-o", "--output", default="module.tar")
    parser.add_argument("-f", "--output-format", choices=["so", "mlf"], default="so")
    parser.add_argument("--pass-config", action="append")
    parser.add_argument("--target")
    parser.add_argument("--tuning-records", default="")
    _add_registry(parser, "executor", EXECUTORS, "graph")
    _add_registry(parser, "runtime", RUNTIMES, "cpp")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    parser.add_argument("FILE")
    parser.add_argument("-O", "--opt-level", default=3, type=int, choices=range(0, 4))
    parser.add_argument("--input-shapes")
    parser.add_argument("--disabled-pass", default="")
    parser.add_argument("--module-name", default="default")
    return parser


def main(argv):
    calls = os.environ.get("FAKE_TVMC_CALLS")
    record = {"argv": argv, "cwd": os.getcwd()}

    def save():
        if calls:
            with open(calls, "a") as f:
                f.write(json.dumps(record) + "\n")

    if not argv or argv[0] != "compile":
        save()
        sys.stderr.write("fake tvmc: only 'compile' is faked, got %r\n" % (argv[:1],))
        return 2
    try:
        args = _parser().parse_args(argv[1:])
        record["executor"] = _reconstruct(args, "executor", EXECUTORS)
        record["runtime"] = _reconstruct(args, "runtime", RUNTIMES)
    except SystemExit as e:
        save()
        raise
    record["passConfig"] = dict(c.split("=", 1) for c in (args.pass_config or []))
    save()
    print("fake tvmc: compiling %s for target %r" % (args.FILE, args.target))
    sys.stdout.flush()

    mode = os.environ.get("FAKE_TVMC_MODE", "")
    if mode == "fail":
        sys.stderr.write("Error: fake tvmc was told to fail (FAKE_TVMC_MODE=fail)\n")
        return 4
    if mode == "hang":
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
        if calls:
            # the test checks that both are gone once the compile's deadline killed them
            with open(calls, "a") as f:
                f.write(json.dumps({"hanging": [os.getpid(), child.pid]}) + "\n")
        time.sleep(3600)
        return 1
    if not os.path.isfile(args.FILE):
        sys.stderr.write("Error: Input file '%s' doesn't exist, is a broken symbolic link, or a directory.\n" % args.FILE)
        return 4
    if args.output_format != "mlf":
        sys.stderr.write("fake tvmc: only --output-format=mlf is faked\n")
        return 2
    if mode == "garbage":
        with open(args.output, "w") as f:
            f.write("not a tar archive\n")
        return 0

    # the fixture a real compile with these settings produces (fixtures/mlf/PROVENANCE.md)
    executor = record["executor"]
    if executor["name"] == "graph":
        variant = "_graph"
    elif executor["options"].get("interface-api") == "c" and executor["options"].get("unpacked-api"):
        variant = ""
    else:
        variant = "_aot_hd"
    stem = os.path.splitext(os.path.basename(args.FILE))[0]
    candidates = [os.path.join(d, stem + variant + ".tar") for d in os.environ["FAKE_TVMC_FIXTURES"].split(os.pathsep)]
    found = [c for c in candidates if os.path.isfile(c)]
    if not found:
        sys.stderr.write("fake tvmc: no fixture MLF among %s\n" % candidates)
        return 3
    shutil.copyfile(found[0], args.output)
    print("fake tvmc: wrote %s (a copy of %s)" % (args.output, found[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
