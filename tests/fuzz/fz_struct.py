"""Struct parameters (README.md in this folder): `const S& s` or `const S* s`
of a struct from prog_lib.hpp holding double/float members, a fixed-size
array and a nested struct, with a member function; the body reads members
(`s.a`, `s->v[1]`, `s.in.p`) and calls the member function (gradc inlines it
with `this` bound). The reference has the same struct as a template over
D and F (S0_r<D, F>), so `s.a` reads the same in both; the checks take each
scalar member as one input coordinate (S0_lift copies a struct into Duals,
S0_fill pre-sets adjoints)."""

from fz_ast import *  # noqa: F401,F403
from fz_expr import Var

P_STRUCT = 0.2  # a function takes a struct parameter
P_SARR = 0.25  # a function over arrays takes an array of structs


class StructType:
    """members: [(name, ty, length)] (length 0: a scalar), nested: a
    StructType or None (member `in`), methods: [(name, E over the members)]."""

    def __init__(self, name, members, nested=None):
        self.name, self.members, self.nested = name, members, nested
        self.methods = []

    def leaves(self, prefix=''):
        """(path, type) of every scalar member, nested ones included."""
        out = []
        for n, ty, length in self.members:
            out += [('%s%s[%d]' % (prefix, n, k), ty) for k in range(length)] if length else [(prefix + n, ty)]
        if self.nested:
            out += self.nested.leaves(prefix + 'in.')
        return out


def gen_structs(rng):
    from fz_lib import body_gen, read_all
    inner = StructType('In0', [('p', D, 0), ('q', rng.choice(FLOATS), 0)])
    members = [('a', D, 0), ('b', rng.choice(FLOATS), 0)]
    if rng.random() < 0.7:
        members.append(('v', rng.choice(FLOATS), 3))
    st = StructType('S0', members, inner if rng.random() < 0.6 else None)
    leaves = st.leaves()
    g = body_gen(rng, 'S0', D, [(p, 2.0) for p, _ in leaves])
    for v, (_, ty) in zip(g.scopes[0], leaves):
        v.ty = ty
    names = [p for p, _ in leaves]
    e = read_all(g, g.small(g.expr(2), 3.0), rng.sample(names, min(2, len(names))))
    st.methods.append(('m0', e))
    elem = StructType('P0', [(n, rng.choice([D, D, F]), 0) for n in ('x', 'y', 'z')[:rng.choice([1, 2, 3])]])
    return [st, elem]


def struct_header(structs):
    out = []
    for st in structs:
        for t in ([st.nested] if st.nested else []) + [st]:
            out.append('struct %s {' % t.name)
            for n, ty, length in t.members:
                out.append('  %s %s%s;' % (ty, n, '[%d]' % length if length else ''))
            if t.nested:
                out.append('  %s in;' % t.nested.name)
            for n, e in t.methods:
                out.append('  %s %s() const { return %s; }' % (e.ty, n, src(e)))
            out += getattr(t, 'decls', [])  # marked members defined in prog.cpp (fz_spell3.py)
            out.append('};')
            out.append('')
    return out


def struct_ref(structs):
    """S0_r<D, F>, and S0_lift / S0_fill for the checks."""
    out = []
    for st in structs:
        for t in ([st.nested] if st.nested else []) + [st]:
            out.append('template <class D, class F>')
            out.append('struct %s_r {' % t.name)
            for n, ty, length in t.members:
                out.append('  %s %s%s;' % (REF_T[ty], n, '[%d]' % length if length else ''))
            if t.nested:
                out.append('  %s_r<D, F> in;' % t.nested.name)
            for n, e in t.methods:
                out.append('  %s %s() const { return %s; }' % (REF_T[e.ty], n, ref(e)))
            out.append('};')
            out.append('')
        leaves = st.leaves()
        out.append('template <class D, class F>')
        out.append('%s_r<D, F> %s_lift(const %s& s) {' % (st.name, st.name, st.name))
        out.append('  %s_r<D, F> r;' % st.name)
        out += ['  r.%s = %s(s.%s);' % (p, REF_T[ty], p) for p, ty in leaves]
        out.append('  return r;\n}')
        out.append('inline void %s_fill(%s& s, double v) {' % (st.name, st.name))
        out += ['  s.%s = v;' % p for p, _ in leaves]
        out.append('}')
        out.append('')
    return out


def struct_param(rng, st, name='s', length=0):
    """`const S& s` / `const S* s`; with length, an array of structs
    `const P0* ps` (arr 'sarr', length elements)."""
    leaves = st.leaves()
    p = Param(name, F if any(ty == F for _, ty in leaves) else D, arr='sarr' if length else 'struct',
              length=length or len(leaves))
    p.stype, p.sptr = st, length or rng.random() < 0.3
    return p


def struct_arrays(p):
    """An array of structs read as one array per member: ps[i].x."""
    from fz_loops import ArrayVar
    out = []
    for path, ty in p.stype.leaves():
        a = ArrayVar(p.name, ty, p.length, 'in', 2.0, True)
        a.member = '.' + path
        out.append(a)
    return out


def member(p, path):
    return '%s%s%s' % (p.name, '->' if p.sptr else '.', path)


def struct_vars(p):
    """The members a body reads, as constant variables named `s.a`."""
    return [Var(member(p, path), ty, 2.0, param=True, const=True) for path, ty in p.stype.leaves()]


def method_call(g, p):
    """`s.m0()` (gradc inlines it): a statement-level read, never in a condition."""
    n, e = g.r.choice(p.stype.methods)
    g.features.add('struct-method')
    return E('var', e.ty, e.b, name=member(p, n + '()'))
