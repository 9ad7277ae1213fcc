"""Bytes a gradient keeps in arrays, read from its source (bench/bench.py).

What the reverse sweep keeps of the forward sweep, and the adjoint arrays it
works in, are the local arrays the gradient declares: `float h[H];`,
`double z[H], h[H], y[D];`, `float d_h[128] = {};`. They are counted the same
way in the generated header and in the hand-written one: the arrays of the
function's own body, plus the largest total of any function of the same file
that it calls (a callee's arrays live on top of the caller's). An array
declared as a reference to another (`float (&d_z)[4] = z;`, gradc's reuse of a
dead array) takes no storage of its own. Scalars are not counted: where they
live (a register or the frame) is the compiler's choice, which the frame
size shows.
"""

import re
from pathlib import Path

SIZES = {"float": 4, "double": 8, "int": 4}
CONSTANT = re.compile(r"constexpr\s+int\s+(\w+)\s*=\s*([^;]+);")
# A declaration statement of arrays: type, then declarators `name[n]`.
DECLARATION = re.compile(r"(?:^|[;{}])\s*(?:const\s+)?(float|double|int)\s+(\w+\s*\[[^;=]*?\](?:\s*=\s*\{[^}]*\})?"
                         r"(?:\s*,\s*\w+\s*\[[^;=]*?\](?:\s*=\s*\{[^}]*\})?)*)\s*;", re.M)
DECLARATOR = re.compile(r"(\w+)\s*((?:\[[^\]]+\])+)")
CALL = re.compile(r"\b(\w+)\s*\(")


def constants(*texts):
    """The file-level `constexpr int` constants of the texts, evaluated."""
    env = {}
    for text in texts:
        for name, expr in CONSTANT.findall(text):
            env[name] = evaluate(expr, env)
    return env


def evaluate(expr, env):
    """An integer constant expression of numbers, constants and + - * / ( )."""
    tokens = re.findall(r"\w+|[-+*/()]", expr)
    out = []
    for t in tokens:
        if t.isdigit():
            out.append(t)
        elif t in env:
            out.append(str(env[t]))
        elif re.fullmatch(r"[-+*/()]", t):
            out.append("//" if t == "/" else t)
        elif re.fullmatch(r"static_cast|int", t):
            continue
        else:
            raise ValueError(f"kept: cannot evaluate '{expr}' ({t} is unknown)")
    return int(eval(" ".join(out), {"__builtins__": {}}))


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def bodies(text):
    """Function name -> its body text, for every function defined in text
    (the last definition wins: a file defines each gradient once)."""
    found = {}
    for m in re.finditer(r"\b(\w+)\s*\([^;{}]*\)\s*(?:const\s*)?\{", text):
        name = m.group(1)
        if name in ("if", "for", "while", "switch", "return"):
            continue
        depth, i = 0, m.end() - 1
        while i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        found[name] = text[m.end():i]
    return found


def array_bytes(body, env):
    total = 0
    for type_name, declarators in DECLARATION.findall(body):
        for _, dims in DECLARATOR.findall(declarators):
            n = 1
            for dim in re.findall(r"\[([^\]]+)\]", dims):
                n *= evaluate(dim, env)
            total += n * SIZES[type_name]
    return total


def kept_bytes(function, text, env, seen=()):
    """Arrays of `function`'s body plus the most any callee in text keeps."""
    funcs = bodies(text)
    body = funcs[function]
    callees = {c for c in CALL.findall(body) if c in funcs and c != function and c not in seen}
    deepest = max((kept_bytes(c, text, env, seen + (function,)) for c in callees), default=0)
    return array_bytes(body, env) + deepest


def kept_sample(files, constants_from, function):
    """kept_bytes of the function named by its last component (`ns::f` -> f)
    in the concatenated files, with constants from constants_from too."""
    text = strip_comments("\n".join(Path(f).read_text() for f in files))
    env = constants(*(strip_comments(Path(f).read_text()) for f in constants_from), text)
    return kept_bytes(function.split("::")[-1], text, env)
