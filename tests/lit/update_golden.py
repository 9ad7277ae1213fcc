#!/usr/bin/env python3
"""Rewrites the CHECK lines of golden tests from gradc's current output.

    python3 tests/lit/update_golden.py build/tool/gradc tests/lit/golden/loops_tape.cpp ...

Keeps each file's RUN lines and source, drops its old CHECK lines, and
appends one CHECK-LABEL per generated function (but the pullbacks of
functions that also get a _grad) followed by CHECK-NEXT for every line of
its body. Review the diff: it is the change in generated code.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(HERE, "..", "..", "runtime", "include")


def checks(generated):
    """Every generated function but the pullbacks of functions that also get
    a _grad (the same code with the seed fixed at 1)."""
    grads = {l.split("(")[0].split()[-1][: -len("_grad")] for l in generated.splitlines()
             if l.startswith("inline ") and l.split("(")[0].endswith("_grad")}
    out, inside = [], False
    for line in generated.splitlines():
        text = line.strip().replace("{{", "{{[{][{]}}")  # FileCheck reads {{ as a regex
        if line.startswith("inline "):
            name = line.split("(")[0].split()[-1]
            inside = not (name.endswith("_pullback") and name[: -len("_pullback")] in grads)
            if inside:
                out.append("// CHECK-LABEL: " + text)
        elif inside:
            out.append("// CHECK-NEXT: " + text if text else "// CHECK-EMPTY:")
            inside = line != "}"
    return out


def main():
    gradc, files = sys.argv[1], sys.argv[2:]
    for path in files:
        with open(path) as f:
            source = [l for l in f.read().splitlines() if not l.startswith("// CHECK")]
        while source and not source[-1].strip():
            source.pop()
        with tempfile.TemporaryDirectory() as tmp:
            hpp = os.path.join(tmp, "out.hpp")
            subprocess.run([gradc, path, "-o", hpp, "--", "-std=c++17", "-I" + RUNTIME], check=True)
            with open(hpp) as f:
                generated = f.read()
        with open(path, "w") as f:
            f.write("\n".join(source + [""] + checks(generated)) + "\n")


if __name__ == "__main__":
    main()
