#!/usr/bin/env python3
"""Rewrites the CHECK lines of golden tests from gradc's current output.

    python3 tests/lit/update_golden.py [--bodies] build/tool/gradc tests/lit/golden/loops_tape.cpp ...

Keeps each file's RUN lines and source, drops its old CHECK lines, and
appends one CHECK-LABEL per generated function (but the pullbacks of
functions that also get a _grad) followed by CHECK-NEXT for every line of
its body. With --bodies, keeps every CHECK line the file has and rewrites
only the CHECK-NEXT lines under each CHECK-LABEL of a generated function
(for goldens whose checks were chosen by hand). Review the diff: it is the
change in generated code.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(HERE, "..", "..", "runtime", "include")


def bodies(generated):
    """CHECK-LABEL line -> the CHECK-NEXT lines of that function's body."""
    out, label = {}, None
    for line in generated.splitlines():
        text = line.strip().replace("{{", "{{[{][{]}}")
        if line.startswith("inline "):
            label = "// CHECK-LABEL: " + text
            out[label] = []
        elif label:
            out[label].append("// CHECK-NEXT: " + text if text else "// CHECK-EMPTY:")
            if line == "}":
                label = None
    return out


def refresh_bodies(lines, generated):
    """Replaces the run of CHECK-NEXT/CHECK-EMPTY lines under each known label."""
    fresh, out, i = bodies(generated), [], 0
    while i < len(lines):
        out.append(lines[i])
        if lines[i] in fresh:
            i += 1
            while i < len(lines) and lines[i].startswith(("// CHECK-NEXT:", "// CHECK-EMPTY:")):
                i += 1
            out.extend(fresh[out[-1]])
            continue
        i += 1
    return out


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
    args = sys.argv[1:]
    only_bodies = args[:1] == ["--bodies"]
    gradc, files = (args[1], args[2:]) if only_bodies else (args[0], args[1:])
    for path in files:
        with open(path) as f:
            lines = f.read().splitlines()
        with tempfile.TemporaryDirectory() as tmp:
            hpp = os.path.join(tmp, "out.hpp")
            subprocess.run([gradc, path, "-o", hpp, "--", "-std=c++17", "-I" + RUNTIME,
                            "-I" + os.path.dirname(os.path.abspath(path))], check=True)
            with open(hpp) as f:
                generated = f.read()
        if only_bodies:
            result = refresh_bodies(lines, generated)
        else:
            source = [l for l in lines if not l.startswith("// CHECK")]
            while source and not source[-1].strip():
                source.pop()
            result = source + [""] + checks(generated)
        with open(path, "w") as f:
            f.write("\n".join(result) + "\n")


if __name__ == "__main__":
    main()
