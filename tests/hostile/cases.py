"""The hostile-input cases (run_hostile.py): what each writes, how gradc is
run, and what must come out. The tables live in cases_io.py (inputs, paths,
sizes) and cases_code.py (names, macros, unsupported constructs)."""

import copy

# Open gradc bugs (tests/fuzz/FINDINGS.md). A case naming one runs its reduced
# variant, or is skipped without one, unless --no-workarounds. None is open.
KNOWN_BUGS = ()

HEADER = '#include <gradc/gradc.h>\n#include <cmath>\n\n'
GRADC = ['{gradc}', 'in.cpp', '-o', 'out.hpp', '--', '-std=c++17', '-I{rt}']


class Case:
    """One hostile input.

    src      in.cpp's text (a string, or a function returning it: big inputs
             are built only when the case runs)
    files    further files {name: text or bytes}
    expect   'error' (exit 1, no output) or 'ok' (exit 0, output compiles)
    diag     a regex stderr must match
    check    the body of a main() after #include "in.cpp" and "out.hpp"
             (gradcheck.hpp available; GRADCHECK(...) lines), or None
    argv     gradc's command line ({gradc}, {rt}, {dir} are substituted)
    out      the output path the contract applies to (None: none)
    setup    f(dir) run before gradc; returns a reason to skip, or None
    known    the open bug (KNOWN_BUGS) this case hits; reduced: the Case to
             run instead while it is open (None: skip)
    compile  whether to compile the output (ok cases)
    optimize the optimization flag the check compiles with (-O0 where g++ -O1
             would spend minutes on one huge function)
    unchanged files gradc must not modify
    unprivileged  run gradc as an unprivileged user when the tests run as
             root (permission cases: root reads and writes through any mode)"""

    def __init__(self, name, what, src=None, files=None, expect='ok', diag=None, check=None, argv=None,
                 out='out.hpp', setup=None, known=None, reduced=None, compile=True, unchanged=('in.cpp',),
                 timeout=120, includes=('in.cpp', 'out.hpp'), optimize='-O1', unprivileged=False):
        self.name, self.what, self.src, self.extra = name, what, src, dict(files or {})
        self.expect, self.diag, self.check = expect, diag, check
        self.argv = GRADC if argv is None else argv
        self.out, self.setup, self.known, self.reduced = out, setup, known, reduced
        self.compile, self.unchanged, self.timeout, self.includes = compile, unchanged, timeout, includes
        self.optimize, self.unprivileged = optimize, unprivileged

    @property
    def files(self):
        out = dict(self.extra)
        if self.src is not None:
            out['in.cpp'] = self.src() if callable(self.src) else self.src
        return out

    def variant(self, workarounds):
        if self.known and self.known in workarounds:
            if self.reduced is None:
                return None
            r = copy.copy(self.reduced)
            r.name, r.known = self.name, None
            return r
        return self

    def main_source(self):
        lines = ['#include "%s"' % f for f in self.includes]
        lines += ['#include "gradcheck.hpp"', '', '#include <cstdio>', '#include <vector>', '',
                  'int main() {']
        if self.check:
            lines += ['  ' + l for l in self.check.strip().splitlines()]
            lines.append('  return gradcheck::report();' if 'GRADCHECK' in self.check else '  return 0;')
        else:
            lines.append('  return 0;')
        lines.append('}')
        return '\n'.join(lines) + '\n'


def ok(name, what, body, check=None, **kw):
    """A case whose source is HEADER + body and that must succeed."""
    return Case(name, what, src=HEADER + body.strip() + '\n', check=check, **kw)


def error(name, what, body, diag, **kw):
    """A case whose source is HEADER + body and that must be rejected."""
    return Case(name, what, src=HEADER + body.strip() + '\n', expect='error', diag=diag, **kw)


def _all():
    import cases_code
    import cases_io
    out = cases_io.CASES + cases_code.CASES
    names = [c.name for c in out]
    assert len(names) == len(set(names)), 'duplicate case names'
    return out


CASES = _all()
