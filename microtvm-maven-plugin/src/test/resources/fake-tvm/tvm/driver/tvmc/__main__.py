"""FAKE `python -m tvm.driver.tvmc`: records its arguments and copies a fixture MLF (see the fake-tvm README)."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time


def main(argv):
    calls = os.environ.get("FAKE_TVMC_CALLS")
    if calls:
        with open(calls, "a") as f:
            f.write(json.dumps({"argv": argv, "cwd": os.getcwd()}) + "\n")
    if not argv or argv[0] != "compile":
        sys.stderr.write("fake tvmc: only 'compile' is faked, got %r\n" % (argv[:1],))
        return 2
    parser = argparse.ArgumentParser(prog="tvmc compile")
    parser.add_argument("--output", "-o", default="module.tar")
    parser.add_argument("--output-format", "-f", choices=["so", "mlf"], default="so")
    parser.add_argument("--model-format")
    parser.add_argument("--target")
    parser.add_argument("--executor", default="graph")
    parser.add_argument("--executor-aot-interface-api")
    parser.add_argument("--pass-config", action="append")
    parser.add_argument("FILE")
    args, _ = parser.parse_known_args(argv[1:])
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

    stem = os.path.splitext(os.path.basename(args.FILE))[0]
    if args.executor == "graph":
        variant = "_graph"
    elif args.executor == "aot" and args.executor_aot_interface_api == "c":
        variant = ""
    else:
        variant = "_aot_hd"
    candidates = [os.path.join(d, stem + variant + ".tar") for d in os.environ["FAKE_TVMC_FIXTURES"].split(os.pathsep)]
    found = [c for c in candidates if os.path.isfile(c)]
    if not found:
        sys.stderr.write("fake tvmc: no fixture MLF among %s\n" % candidates)
        return 3
    fixture = found[0]
    shutil.copyfile(fixture, args.output)
    print("fake tvmc: wrote %s (a copy of %s)" % (args.output, fixture))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
