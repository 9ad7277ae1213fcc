#!/usr/bin/env python3
"""Asserts the gradient's storage fits its budget: stack frame + work buffer <= budget.

  stack_check.py --build <dir> --target <probe> --work-bytes <program> --budget <bytes>
                 [--root <function>] [--helper-allowance <bytes>]

<dir>/CMakeFiles/<probe>.dir/**/probe.cpp.ci is probe.cpp compiled with
-fstack-usage -fcallgraph-info=su (host g++ or arm-none-eabi-g++): the static
frame of every function in the object, from -fstack-usage, and who calls whom.
The stack is the deepest chain from lorenz_fit_probe_grad (the generated
gradient, inlined there or not), computed by samples/embedded/report.py's
stack_bytes; a dynamic frame (alloca, a variable-length array) is an error.
Calls out of the object may only go to the compiler's arithmetic helpers
(libgcc's __aeabi_* soft-float and division routines on the board), counted
as --helper-allowance bytes (default 64). Their deepest use, read from the
disassembly of train.elf: __aeabi_ldivmod (16 bytes) calling __udivmoddi4
(32) = 48; __aeabi_dmul and __aeabi_ddiv push 16, __aeabi_dsub 12. <program> prints the most work bytes the gradient asks for.
"""
import argparse
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "embedded"))
from report import stack_bytes  # noqa: E402  (one call-graph reader for the samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--work-bytes", required=True)
    ap.add_argument("--budget", type=int, required=True)
    ap.add_argument("--root", default="lorenz_fit_probe_grad")
    ap.add_argument("--helper-allowance", type=int, default=64)
    args = ap.parse_args()

    hits = sorted(pathlib.Path(args.build).glob(f"CMakeFiles/{args.target}.dir/**/probe.cpp.ci"))
    if len(hits) != 1:
        sys.exit(f"stack_check: expected one probe.cpp.ci for {args.target} in {args.build}, found {hits}")
    ci = hits[0]
    su = ci.with_suffix(".su")
    if not su.exists():
        sys.exit(f"stack_check: no {su}: the probe must be compiled with -fstack-usage")
    for line in su.read_text().splitlines():
        print(f"  -fstack-usage: {line.split(':', 3)[-1]}")

    stack, external = stack_bytes(ci, args.root)
    unknown = [e for e in external if not re.fullmatch(r"__aeabi_\w+", e)]
    if unknown:
        sys.exit(f"stack_check: the gradient calls out of its object to {unknown}: their stack is not counted")
    helpers = args.helper_allowance if external else 0
    work = int(subprocess.run([str(pathlib.Path(args.work_bytes).resolve())], check=True, capture_output=True, text=True).stdout)
    total = stack + helpers + work
    print(f"stack_check: {ci.name}: deepest stack from {args.root} {stack} bytes"
          + (f" + {helpers} for {len(external)} arithmetic helpers" if external else "")
          + f" + work buffer {work} bytes = {total} bytes; budget {args.budget} bytes")
    if total > args.budget:
        print(f"FAIL: the gradient's storage ({total} bytes) is over the budget ({args.budget} bytes)")
        return 1
    print("stack_check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
