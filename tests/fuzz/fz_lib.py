"""The program's library (README.md in this folder): functions the marked
ones call that gradc does not differentiate as marked functions.

- unmarked helpers, inlined by gradc: scalar ones, ones writing a `T&`,
  reductions over `const T*` arrays, maps writing a `T*` through, maybe in a
  namespace;
- GRADC_NONDIFF helpers: an argmax (an index) and a positive scale (its
  derivative is dropped: the reference wraps it in fzdual::nondiff, and the
  function gets no finite differences, which would see the scale move);
- functions with a user pullback (GRADC_PULLBACK_OF) in prog_lib.hpp; the
  reference differentiates their bodies, so the rules must be the true
  derivatives.

Also marked function templates (template <class T>, instantiated for double
and float): `templatize` and `twin`.
"""

import copy
import types

from fz_ast import *  # noqa: F401,F403
from fz_expr import ExprGen, Var
from fz_struct import gen_structs, method_call, struct_header, struct_ref

LIB_HEADER = 'prog_lib.hpp'
A_BOUND = 4.0  # array helpers assume |element| <= this
P_LIB = 0.08  # a statement of a function is a library call
P_TMPL = 0.2  # a double function is a template


class Helper:
    """A library function; quacks like fz_ast.Function where ucall needs it.
    kind: scalar ref reduce map argmax scale (in prog.cpp), rule (prog_lib.hpp)."""
    lib = True

    def __init__(self, name, kind, ty, ret, params, body, ns=''):
        self.name, self.kind, self.ty, self.ret, self.params, self.body, self.ns = \
            name, kind, ty, ret, params, body, ns
        self.ret_bound = 1.0
        self.lo = None  # a positive lower bound of the result (scale)
        self.nondiff = kind in ('argmax', 'scale')
        self.low = ty == F

    def qualified(self):
        return self.ns + '::' + self.name if self.ns else self.name

    def low_precision(self):
        return self.low

    def callees(self):
        return []


# Functions with a user rule: (name, namespace, arity, bound of |f| for
# |args| <= 3, header text, reference template body). Bodies and rules differ
# on purpose (a branch against a closed form), so gradc must use the rule.
RULES = [
    ('softplus', 'act', 1, 3.1,
     'inline double softplus(double x) { return x > 0.0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }\n'
     'GRADC_PULLBACK_OF(softplus)\n'
     'inline void softplus_pb(double x, double d_ret, double* d_x) { *d_x += d_ret / (1.0 + std::exp(-x)); }\n',
     'return static_cast<bool>(x > D(0.0)) ? D(x + fzdual::log1p(fzdual::exp(-x))) '
     ': fzdual::log1p(fzdual::exp(x));'),
    ('stanh', '', 1, 1.72,
     'inline double stanh(double x) { return 1.7159 * std::tanh(0.6666 * x); }\n'
     'GRADC_PULLBACK_OF(stanh)\n'
     'inline void stanh_pb(double x, double d_ret, double* d_x) {\n'
     '  const double t = std::tanh(0.6666 * x);\n'
     '  *d_x += d_ret * (1.7159 * 0.6666) * (1.0 - t * t);\n}\n',
     'return D(1.7159) * fzdual::tanh(D(0.6666) * x);'),
    ('logistic', 'act', 1, 1.0,
     'inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }\n'
     'GRADC_PULLBACK_OF(logistic)\n'
     'inline void logistic_pb(double x, double d_ret, double* d_x) {\n'
     '  const double s = %s;\n'
     '  *d_x += d_ret * s * (1.0 - s);\n}\n',
     'return D(1.0) / (D(1.0) + fzdual::exp(-x));'),
    ('lse2', '', 2, 3.7,
     'inline double lse2(double x, double y) {\n'
     '  const double m = std::fmax(x, y);\n'
     '  return m + std::log(std::exp(x - m) + std::exp(y - m));\n}\n'
     'GRADC_PULLBACK_OF(lse2)\n'
     'inline void lse2_pb(double x, double y, double d_ret, double* d_x, double* d_y) {\n'
     '  const double ex = std::exp(x - std::fmax(x, y)), ey = std::exp(y - std::fmax(x, y));\n'
     '  *d_x += d_ret * ex / (ex + ey);\n'
     '  *d_y += d_ret * ey / (ex + ey);\n}\n',
     'const D m = fzdual::fmax(x, y);\n  return m + fzdual::log(fzdual::exp(x - m) + fzdual::exp(y - m));'),
]


def rule_helpers():
    out = []
    for name, ns, arity, bound, _, _ in RULES:
        h = Helper(name, 'rule', D, D, [Param(n, D) for n in 'xy'[:arity]], None, ns)
        h.ret_bound = bound
        h.low = False
        out.append(h)
    return out


def lib_header(lib, workarounds):
    out = ['// Functions with user derivative rules for the fuzz program (tests/fuzz/fz_lib.py).',
           '#pragma once', '#include <gradc/gradc.h>', '', '#include <cmath>', '']
    for name, ns, _, _, text, _ in RULES:
        if '%s' in text:  # gradc drops the namespace of a call in a rule (FINDINGS.md)
            text = text % ('1.0 / (1.0 + std::exp(-x))' if 'rule-ns-call' in workarounds else 'logistic(x)')
        out += ['namespace %s {' % ns, text + '}  // namespace %s' % ns, ''] if ns else [text]
    return '\n'.join(out + struct_header(lib.structs))


def lib_ref(lib):
    """The rule targets' bodies over Dual numbers (their true derivatives),
    the structs over them."""
    out = struct_ref(lib.structs)
    for name, _, arity, _, _, body in RULES:
        out.append('template <class D, class F>')
        out.append('D %s(%s) {\n  %s\n}\n' % (name, ', '.join('D ' + n for n in 'xy'[:arity]), body))
    return out


# ---- helper generation ---------------------------------------------------------------

class Library:
    def __init__(self, helpers, structs):
        self.helpers = helpers  # in prog.cpp, then the rule targets
        self.structs = structs  # in prog_lib.hpp (fz_struct.py)

    def of(self, kind, ty=None):
        return [h for h in self.helpers if h.kind == kind and ty in (None, h.ty)]


def body_gen(rng, name, ty, scalars):
    g = ExprGen(rng, name, ty, [], [], frozenset())
    g.ns = ''
    g.scopes.append([Var(n, ty, b) for n, b in scalars])
    return g


def read_all(g, e, names):
    """e plus a small term for each of names it does not read (-Wunused-parameter)."""
    got = {x.name for x in walk_expr(e) if x.k == 'var'}
    for n in names:
        if n not in got:
            e = g.bin('+', e, g.bin('*', g.lit(0.25), g.var_e([v for v in g.vars() if v.name == n][0])))
    return e


def counted(n_name, body):
    s = Stmt('for', name='i', e=E('var', I, 6, name=n_name), then=body)
    s.incr = '++i'
    return s


def gen_helper(rng, name, kind, ty, workarounds=()):
    P = lambda n, arr=None: Param(n, ty, arr=arr)  # noqa: E731
    n = Param('n', I)
    a, b = 'a', 'b'
    if 'name-probes' not in workarounds and rng.random() < 0.3:
        # parameters named like a caller's loop variables or gradc's temporaries
        a, b = rng.choice([('t', 'b'), ('i', 'j'), ('t', 'i'), ('j', 't'), ('k', 't0')])
    if kind == 'scalar':
        g = body_gen(rng, name, ty, [(a, 2.0), (b, 2.0)])
        e1 = g.expr(2)
        loc = 'u' if 't' in (a, b) else 't'
        g.scopes[0].append(Var(loc, ty, e1.b))
        e2 = read_all(g, g.expr(2), [a, b, loc])
        h = Helper(name, kind, ty, ty, [P(a), P(b)], [Stmt('decl', ty=ty, name=loc, e=e1), Stmt('ret', e=e2)])
        h.ret_bound = e2.b
    elif kind == 'ref':  # r = e(a, r): a T& output that is read first
        g = body_gen(rng, name, ty, [(a, 2.0), ('r', 2.0)])
        e = read_all(g, g.small(g.expr(2), 3.0), [a, 'r'])
        pa = P(a)
        body = [Stmt('assign', name='r', op='=', e=e, ty=ty)]
        h_bound = e.b
        if 'cref-params' not in workarounds and rng.random() < 0.5:
            # `const T& a`, read again after r is written: callers sometimes pass
            # one variable for both, so a is r's new value there.
            pa.cref = True
            e2 = read_all(g, g.small(g.expr(1), 1.0), [a])
            body.append(Stmt('assign', name='r', op='+=', e=e2, ty=ty))
            h_bound = e.b + e2.b
        h = Helper(name, kind, ty, 'void', [pa, P('r', 'ref')], body)
        h.ret_bound = h_bound
    elif kind == 'reduce':  # s += e(a[i], b[i])
        two = rng.random() < 0.5
        g = body_gen(rng, name, ty, [('a[i]', A_BOUND)] + ([('b[i]', A_BOUND)] if two else []))
        e = read_all(g, g.small(g.expr(2), 1.0), ['a[i]'] + (['b[i]'] if two else []))
        acc = Stmt('assign', name='s', op='+=', e=e, ty=ty)
        body = [Stmt('decl', ty=ty, name='s', e=E('lit', ty, 0, val=0.0)), counted('n', [acc]),
                Stmt('ret', e=E('var', ty, 6 * e.b, name='s'))]
        h = Helper(name, kind, ty, ty, [P('a', 'in')] + ([P('b', 'in')] if two else []) + [n], body)
        h.ret_bound = 6 * e.b
    elif kind == 'map':  # out[i] = e(a[i]), written through the pointer
        g = body_gen(rng, name, ty, [('a[i]', A_BOUND)])
        e = read_all(g, g.small(g.expr(2), 2.0), ['a[i]'])
        st = Stmt('aassign', name='out', op='=', e=e, ty=ty)
        st.idx = E('var', I, 6, name='i')
        h = Helper(name, kind, ty, 'void', [P('a', 'in'), P('out', 'out'), n], [counted('n', [st])])
        h.ret_bound = e.b
    elif kind == 'argmax':
        ai, ak = E('idx', ty, 1, [E('var', I, 6, name='i')], name='a'), E('idx', ty, 1, [E('var', I, 6, name='k')],
                                                                             name='a')
        upd = Stmt('if', e=E('cmp', B, 0, [ai, ak], op='>'), then=[Stmt('assign', name='k', op='=', ty=I,
                                                                         e=E('var', I, 6, name='i'))])
        loop = counted('n', [upd])
        loop.lo = 1
        body = [Stmt('decl', ty=I, name='k', e=E('lit', I, 0, val=0)), loop, Stmt('ret', e=E('var', I, 6, name='k'))]
        h = Helper(name, kind, ty, I, [P('a', 'in'), n], body)
    else:  # scale: a positive run-time constant
        g = body_gen(rng, name, ty, [(a, 2.0), (b, 2.0)])
        e = g.pos(read_all(g, g.small(g.expr(1), 3.0), [a, b]))
        h = Helper(name, kind, ty, ty, [P(a), P(b)], [Stmt('ret', e=e)])
        h.ret_bound, h.lo = e.b, e.lo
    if h.body and any(x.ty == F for s in walk_stmts(h.body) for x in _exprs(s)):
        h.low = True
    h.spec = rng.choice(['inline', 'static', 'static inline'])
    h.ns = 'nh' if rng.random() < 0.3 else ''
    return h


def _exprs(s):
    for e in stmt_exprs(s):
        yield from walk_expr(e)


KINDS = ['scalar', 'ref', 'reduce', 'map', 'argmax', 'scale']


def gen_library(seed, workarounds):
    import random
    rng = random.Random('gradc-fuzz:%s:lib' % seed)
    helpers = []
    for kind in KINDS:
        for ty in (D, F):
            if rng.random() < (0.6 if ty == D else 0.4) and 'lib-' + kind not in workarounds:
                helpers.append(gen_helper(rng, 'aux%d' % len(helpers), kind, ty, workarounds))
    if 'rules' not in workarounds:
        helpers += rule_helpers()
    return Library(helpers, [] if 'structs' in workarounds else gen_structs(rng))


# ---- calls from marked functions (a mixin of fz_stmt.FnGen) -------------------------------

class LibGen:
    """Expects self.lib (a Library or None), self.arrays, self.loops, self.length..."""

    def lib_call(self, h, args):
        e = E('ucall', h.ret, h.ret_bound, args, fn=h)
        if h.ns:
            e.sp = 'q'
        elif self.ns and self.chance(0.3):
            e.sp = 'g'
        self.features.add('nondiff' if h.nondiff else h.kind)
        return e

    def rule_call(self, a):
        """A call of a function with a user rule on a (math() uses it)."""
        h = self.r.choice(self.lib.of('rule'))
        args = [self.small(a, 3.0)] + [self.small(self.expr(1), 3.0) for _ in h.params[1:]]
        return self.lib_call(h, args)

    def size_arg(self):
        if self.size_param is not None and self.chance(0.3):
            return self.var_e(self.size_param)
        return E('lit', I, self.length, val=self.length)

    def lib_arrays(self, ty):
        return [a for a in self.arrays if a.readable and a.kind != 'out' and a.ty == ty and a.b <= A_BOUND
                and not a.member]

    def stmt_lib(self, depth):
        """Statements calling a library helper, or [] if none fits here."""
        top = not self.loops and len(self.scopes) == 1
        opts = [h for h in self.lib.helpers if h.kind in ('scalar', 'ref', 'scale') or
                (h.kind in ('reduce', 'argmax', 'map') and self.lib_arrays(h.ty))]
        opts = [h for h in opts if h.kind != 'map' or top]
        opts += [h for h in opts if h.kind in ('reduce', 'map')]  # rarer where they fit: twice the weight
        structs = [p for p in self.params if p.arr == 'struct']
        if structs and self.chance(0.3):
            opts = ['method']
        if not opts:
            return []
        h = self.r.choice(opts)
        name = self.new_name('h')
        if h == 'method':
            e = method_call(self, self.r.choice(structs))
            if self.chance(0.5):
                e = self.bin(self.r.choice('+-*'), e, self.small(self.expr(depth - 1), 1.0))
            self.declare(Var(name, e.ty, e.b))
            self.assigned.append(name)
            return [Stmt('decl', ty=e.ty, name=name, e=e)]
        if h.kind == 'map':
            return self.lib_map(h, name)
        if h.kind == 'ref':
            init = self.small(self.expr(depth), 2.0)
            self.declare(Var(name, h.ty, h.ret_bound))
            same = getattr(h.params[0], 'cref', False) and self.chance(0.5)  # h(v, v): a aliases r
            first = E('var', h.ty, 2.0, name=name) if same else self.small(self.expr(depth - 1), 2.0)
            call = self.lib_call(h, [first, E('var', h.ty, 2.0, name=name)])
            self.assigned.append(name)
            return [Stmt('decl', ty=h.ty, name=name, e=init), Stmt('call', e=call)]
        if h.kind == 'argmax':
            a = self.r.choice(self.lib_arrays(h.ty))
            k = Var(name, I, self.length - 1)
            call = self.lib_call(h, [E('var', h.ty, a.b, name=a.name), self.size_arg()])
            out = [Stmt('decl', ty=I, name=name, e=call)]
            self.declare(k)
            t = self.new_name('t')
            e = self.bin('*', E('idx', a.ty, a.b, [self.var_e(k)], name=a.name), self.small(self.expr(depth - 1), 1.0))
            self.declare(Var(t, e.ty, e.b))
            self.assigned.append(t)
            return out + [Stmt('decl', ty=e.ty, name=t, e=e)]
        if h.kind == 'reduce':
            arrs = self.lib_arrays(h.ty)
            args = [E('var', h.ty, A_BOUND, name=self.r.choice(arrs).name) for _ in h.params[:-1]] + [self.size_arg()]
            e = self.lib_call(h, args)
        else:
            e = self.lib_call(h, [self.small(self.expr(depth - 1), 2.0) for _ in h.params])
        if h.kind == 'scale':
            self.no_fd = True
            e.lo = h.lo
            e = self.bin('/', self.expr(depth - 1), e) if self.chance(0.6) else self.bin('*', e, self.leaf())
        elif self.chance(0.4):
            e = self.bin(self.r.choice('+-*'), e, self.small(self.expr(depth - 1), 1.0))
        elif self.chance(0.25):  # inlined only on the chosen side
            other = self.expr(depth - 1)
            e = self.ternary(self.cond(0), *([e, other] if self.chance(0.5) else [other, e]))
        if e.b > CAP:
            e = self.squash(e)
        self.declare(Var(name, e.ty, e.b))
        self.assigned.append(name)
        return [Stmt('decl', ty=e.ty, name=name, e=e)]

    def lib_map(self, h, name):
        """h(a, target, n): into a new local array, or an output nothing wrote yet."""
        from fz_loops import ArrayVar
        src_a = self.r.choice(self.lib_arrays(h.ty))
        outs = [a for a in self.arrays if a.kind == 'out' and not a.readable and a.ty == h.ty]
        pre = []
        if outs and self.chance(0.5):
            target = outs[0]
            target.readable, target.b = True, h.ret_bound
        else:
            target = ArrayVar(name, h.ty, self.length, 'local', h.ret_bound, True)
            s = Stmt('adecl', ty=h.ty, name=name)
            s.size = self.length
            pre.append(s)
            self.arrays.append(target)
        n = E('lit', I, self.length, val=self.length)  # every element
        args = [E('var', h.ty, A_BOUND, name=src_a.name), E('var', h.ty, 0, name=target.name), n]
        return pre + [Stmt('call', e=self.lib_call(h, args))]


# ---- marked function templates ------------------------------------------------------------------

def templatize(fn):
    """Make fn (mode D) a template <class T> if it is spelled with double,
    int and bool only (no constants or calls; float literals and casts, rare
    in double functions, are dropped first): True if it is now."""
    from fz_minimize import retype_prog

    def plain(e):
        while e.k == 'cast':
            e = e.args[0]
        e.args = [plain(a) for a in e.args]
        if e.k == 'lit' and e.ty == F:
            e.ty = D
        return e
    # On a copy: a function that stays a plain function keeps its casts and
    # types (dropping a cast changed a shadowing local's initializer, and the
    # function was then printed half retyped: harness-shadow-scope-leak).
    real_body, fn.body = fn.body, copy.deepcopy(fn.body)
    ok = _templatize(fn, plain, retype_prog)
    if not ok:
        fn.body = real_body
    return ok


def _templatize(fn, plain, retype_prog):
    for s in walk_stmts(fn.body):
        if s.tyname in ALIASES and ALIASES[s.tyname][1] == D:
            s.tyname = None  # real_t -> T
        if s.e is not None:
            s.e = plain(s.e)
            if s.k == 'assign' and s.op == '=' and s.e.k == 'var' and s.e.name == s.name:
                # `x = (double)x` without its cast: clang -Wself-assign-overloaded (campaign seed 300006)
                s.e = E('plus', s.e.ty, s.e.b, [s.e])
        if s.idx is not None:
            s.idx = plain(s.idx)
    retype_prog(types.SimpleNamespace(functions=[fn]))
    stmts = list(walk_stmts(fn.body))
    nodes = fn_nodes(fn)
    if fn.mode != D or any(p.ty == F or p.tyname or p.default is not None or p.arr in ('struct', 'sarr') for p in fn.params) \
            or fn.ret_tyname:
        return False
    if any(x.ty == F or x.k in ('const', 'ucall') for x in nodes):
        return False
    if any(s.ty == F or (s.tyname and s.tyname != 'auto') for s in stmts):
        return False
    for x in nodes:
        if x.k == 'call':
            x.sp = 'std'  # overloaded for float and double
        elif x.k == 'lit' and x.ty == D:
            x.sp = 'T'  # T(0.5)
    for p in fn.params:
        p.tyname = 'T' if p.ty == D else None
    for s in stmts:
        if s.k in ('decl', 'adecl') and s.ty == D and s.tyname is None:
            s.tyname = 'T'
    fn.ret_tyname = 'T' if fn.ret == D else None
    fn.tmpl = True
    # std::min(x, std::pow(x, n)) is (float, double) for T = float: no
    # deduction; fmin promotes.
    tw = twin(fn)
    for a, b in zip(fn_nodes(fn), fn_nodes(tw)):
        if a.k == 'call' and a.name in ('min', 'max') and b.args[0].ty != b.args[1].ty:
            a.name = 'f' + a.name
    return True


def fn_nodes(fn):
    return [x for s in walk_stmts(fn.body) for x in _exprs(s)]


def twin(fn):
    """The float instantiation of a template: D -> F everywhere, retyped as
    C++ types it (std::pow(float, int) is still double)."""
    from fz_minimize import retype_prog
    tw = copy.deepcopy(fn)
    tw.label = fn.name + '_f'
    tw.mode = F

    def f(ty):
        return F if ty == D else ty
    for p in tw.params:
        p.ty = f(p.ty)
    tw.ret = f(tw.ret)
    for s in walk_stmts(tw.body):
        s.ty = f(s.ty)
        for x in _exprs(s):
            x.ty = f(x.ty)
    retype_prog(types.SimpleNamespace(functions=[tw]))
    for pt in tw.points:
        for p in tw.params:
            if p.ty == F and p.name in pt:
                v = pt[p.name]
                pt[p.name] = [to_f32(x) for x in v] if isinstance(v, list) else to_f32(v)
    return tw


def checked_functions(fns):
    """The functions main.cpp checks: a template's float twin after it."""
    out = []
    for fn in fns:
        out.append(fn)
        if getattr(fn, 'tmpl', False):
            out.append(twin(fn))
    return out
