"""The fuzzer's program representation: types, expressions (E), statements
(Stmt), parameters, functions, and how an expression is spelled in the
program (src) and in its forward-mode reference (ref)."""

import struct

D, F, I, B = 'double', 'float', 'int', 'bool'
FLOATS = (D, F)
REF_T = {D: 'D', F: 'F', I: 'int', B: 'bool'}
CAP = 24.0  # expressions bounded beyond this are squashed
VAR_CAP = 40.0  # assignments keep a variable's bound below this

PARAM_NAMES = ['x', 'y', 'z', 'w', 'u', 'v']
INT_PARAM_NAMES = ['n', 'm']
LITS = [0.5, 1.5, 2.0, 0.25, 0.75, 1.25, 3.0, 0.125, 0.3, 0.7, 1.1, 2.5, 0.9, 1.0, 0.2]

# Math functions: name -> arity. 'min'/'max'/'abs' exist only as std::.
MATH = {
    'exp': 1, 'exp2': 1, 'expm1': 1, 'log': 1, 'log2': 1, 'log10': 1, 'log1p': 1,
    'sqrt': 1, 'cbrt': 1, 'pow': 2, 'hypot': 2, 'sin': 1, 'cos': 1, 'tan': 1,
    'asin': 1, 'acos': 1, 'atan': 1, 'atan2': 2, 'sinh': 1, 'cosh': 1, 'tanh': 1,
    'erf': 1, 'fabs': 1, 'fmin': 2, 'fmax': 2, 'min': 2, 'max': 2, 'abs': 1,
    'floor': 1, 'ceil': 1, 'round': 1, 'trunc': 1,
    'asinh': 1, 'acosh': 1, 'atanh': 1, 'erfc': 1, 'fma': 3, 'copysign': 2, 'fdim': 2,
    'rint': 1, 'nearbyint': 1,
}
STD_ONLY = {'min', 'max', 'abs'}
# Relative weights of the math functions in generated expressions.
MATH_WEIGHTS = {
    'exp': 4, 'exp2': 2, 'expm1': 2, 'log': 4, 'log2': 2, 'log10': 2, 'log1p': 2,
    'sqrt': 4, 'cbrt': 2, 'pow': 5, 'hypot': 2, 'sin': 4, 'cos': 4, 'tan': 2,
    'asin': 2, 'acos': 2, 'atan': 2, 'atan2': 3, 'sinh': 2, 'cosh': 2, 'tanh': 4,
    'erf': 2, 'fabs': 3, 'fmin': 3, 'fmax': 3, 'min': 3, 'max': 3, 'abs': 1,
    'floor': 1, 'ceil': 1, 'round': 1, 'trunc': 1,
    'asinh': 1, 'acosh': 1, 'atanh': 1, 'erfc': 1, 'fma': 2, 'copysign': 1, 'fdim': 1,
    'rint': 1, 'nearbyint': 1,
}


def promote(a, b):
    if D in (a, b):
        return D
    if F in (a, b):
        return F
    return I


def to_f32(x):
    return struct.unpack('f', struct.pack('f', x))[0]


def fmt_lit(v, ty, style=None):
    """C++ literal for v; style picks another spelling of the same number."""
    if ty == I:
        return str(int(v))
    v = float(v)
    s = repr(v)
    if style == 'exp':
        m, e = ('%.6e' % v).split('e')
        s = m.rstrip('0').rstrip('.') + 'e' + str(int(e))
    elif style == 'lead' and 0 < v < 1:
        s = s[1:]
    elif style == 'trail' and v == int(v):
        s = '%d.' % int(v)
    elif style == 'hex':
        s = v.hex()
    if 'e' not in s and '.' not in s and 'x' not in s:
        s += '.0'
    return s + ('f' if ty == F else '')


LIT_STYLES = [None, 'exp', 'lead', 'trail', 'hex']
LIT_STYLE_WEIGHTS = [88, 4, 3, 3, 2]


def fmt_num(v):
    return repr(float(v))


# ---- expressions ----------------------------------------------------------------
#
# kinds: var const lit bin neg call ucall cond cast cmp and or not
# ty: D F I B; b: bound on |value|; lo: a positive lower bound on the value when
# the expression is a guarded denominator / log argument (else None); nz: an
# int expression known to be non-zero.

class E:
    __slots__ = ('k', 'ty', 'b', 'lo', 'nz', 'args', 'op', 'name', 'sp', 'val', 'fn', 'view', 'alt', 'fold', 'dims', 'whole')

    def __init__(self, k, ty, b=0.0, args=(), op=None, name=None, sp=None, val=None, fn=None, lo=None, nz=False):
        self.k, self.ty, self.b, self.lo, self.nz = k, ty, b, lo, nz
        self.args = list(args)
        self.op, self.name, self.sp, self.val, self.fn = op, name, sp, val, fn
        self.view = None  # idx: how the program reads the element (fz_spell.py)
        # The program's spelling only (fz_spell2.py; the reference reads e as is): alt, a var's
        # text (`*p_t`, `sl_t.v`) or an idx's member (`.v`); fold, the statement `v op= e` a
        # var read is spelled as, `(v op= e)`, when that statement is folded into this one.
        self.alt, self.fold = None, None
        self.dims = None  # idx: C, the element of a 2-D parameter `W[R][C]` (fz_spell4.py)
        self.whole = None  # idx: the program's text for the element, a range-for's variable (fz_spell4.py)


def int_lit_cmp(e):
    """An int variable compared with an int literal."""
    return e.k == 'cmp' and e.args[0].k == 'var' and e.args[0].ty == I and e.args[1].k == 'lit'


def call_types(name, sp, arg_tys):
    """(parameter types, result type) of a math call in C++."""
    n = MATH[name]
    if sp == 'c':
        return [D] * n, D
    if sp == 'cf':
        return [F] * n, F
    r = D if any(t in (D, I) for t in arg_tys) else F
    return [r] * n, r


def qualname(name, sp):
    if sp == 'c':
        return name
    if sp == 'cf':
        return name + 'f'
    return 'std::' + name


PREC = {'+': 1, '-': 1, '*': 2, '/': 2, '%': 2}


def src(e):
    """C++ source of an expression."""
    k = e.k
    if k in ('var', 'const'):
        if e.fold is not None and e.fold.spell.get('on'):
            from fz_spell2 import fold_src
            return fold_src(e.fold)
        return e.alt or e.name
    if k == 'lit':
        if e.sp == 'T':  # in a function template
            return 'T(%s)' % fmt_lit(e.val, D)
        return fmt_lit(e.val, e.ty, e.sp)
    if k == 'bin':
        a, b = e.args
        l, r = src(a), src(b)
        if (a.k == 'bin' and PREC[a.op] < PREC[e.op]) or a.k == 'cond':
            l = '(' + l + ')'
        if (b.k == 'bin' and PREC[b.op] <= PREC[e.op]) or b.k in ('cond', 'neg', 'plus'):
            r = '(' + r + ')'
        return '%s %s %s' % (l, e.op, r)
    if k in ('neg', 'plus'):
        a = e.args[0]
        s = src(a)
        sign = '-' if k == 'neg' else '+'
        if a.k in ('bin', 'cond', 'neg', 'plus') or (a.k == 'lit' and s.startswith('-')):
            return sign + '(' + s + ')'
        return sign + s
    if k == 'call':
        return '%s(%s)' % (qualname(e.name, e.sp), ', '.join(src(x) for x in e.args))
    if k == 'ucall':
        # sp: 'q' namespace-qualified, 'g' ::-qualified, None as is
        name = e.fn.qualified() if e.sp == 'q' else ('::' + e.fn.name if e.sp == 'g' else e.fn.name)
        return '%s(%s)' % (name, ', '.join(src_bool(x) if x.ty == B else src(x) for x in e.args))
    if k == 'cond':
        return '(%s ? %s : %s)' % (src_bool(e.args[0]), src(e.args[1]), src(e.args[2]))
    if k == 'idx':  # sp: a member of an array of structs, '.x'
        if e.view:
            from fz_spell import view_src
            return view_src(e, src(e.args[0]))
        if e.whole:
            return e.whole
        if e.dims:
            from fz_spell4 import idx2d
            return idx2d(e, src(e.args[0]))
        return '%s[%s]%s' % (e.name, src(e.args[0]), e.sp or e.alt or '')
    if k == 'cast':
        a = src(e.args[0])
        if e.sp == 'c':
            return '(%s)%s' % (e.ty, a if e.args[0].k in ('var', 'lit', 'const', 'call', 'ucall') else '(' + a + ')')
        if e.sp == 'func':
            return '%s(%s)' % (e.ty, a)
        return 'static_cast<%s>(%s)' % (e.ty, a)
    raise ValueError(k)


def src_bool(e):
    k = e.k
    if k == 'var':
        return e.name
    if k == 'cmp':
        a, b = e.args
        l, r = src(a), src(b)
        return '%s %s %s' % (l, e.op, r)
    if k == 'and':
        return '(%s && %s)' % (src_bool(e.args[0]), src_bool(e.args[1]))
    if k == 'or':
        return '(%s || %s)' % (src_bool(e.args[0]), src_bool(e.args[1]))
    if k == 'not':
        a = e.args[0]
        s = src_bool(a)
        # not `!(c ? a : b) > 1.5` (clang -Wlogical-not-parentheses)
        return '!' + s if a.k in ('var', 'and', 'or', 'not') else '!(' + s + ')'
    raise ValueError(k)


def ref(e):
    """Reference (template) source: its C++ type is exactly REF_T[e.ty]."""
    k = e.k
    if k == 'var':
        return e.name
    if k == 'const':
        return e.name if e.ty == I else '%s(%s)' % (REF_T[e.ty], e.name)
    if k == 'lit':
        return fmt_lit(e.val, e.ty) if e.ty == I else '%s(%s)' % (REF_T[e.ty], fmt_lit(e.val, e.ty, e.sp))
    if k == 'bin':
        return '(%s %s %s)' % (ref_cast(e.args[0], e.ty), e.op, ref_cast(e.args[1], e.ty))
    if k == 'neg':  # (-(-1)), not (--1)
        return '(-(%s))' % ref(e.args[0])
    if k == 'plus':
        return ref(e.args[0])
    if k == 'call':
        ptys, _ = call_types(e.name, e.sp, [a.ty for a in e.args])
        return 'fzdual::%s(%s)' % (e.name, ', '.join(ref_cast(a, t) for a, t in zip(e.args, ptys)))
    if k == 'ucall':
        args = [ref_bool(a) if p.ty == B else ref_cast(a, p.ty) for a, p in zip(e.args, e.fn.params)]
        for p in e.fn.params[len(e.args):]:  # default arguments, spelled out
            args.append('%s(%s)' % (REF_T[p.ty], fmt_lit(p.default, p.ty)))
        call = '%s<D, F>(%s)' % (e.fn.name, ', '.join(args))
        # A GRADC_NONDIFF helper's result is a constant to the gradient.
        return 'fzdual::nondiff(%s)' % call if getattr(e.fn, 'nondiff', False) and e.ty in FLOATS else call
    if k == 'cond':
        return '(%s ? %s : %s)' % (ref_bool(e.args[0]), ref_cast(e.args[1], e.ty), ref_cast(e.args[2], e.ty))
    if k == 'cast':
        return ref_cast(e.args[0], e.ty)
    if k == 'idx':
        return '%s[%s]%s' % (e.name, src(e.args[0]), e.sp or '')
    raise ValueError(k)


def ref_cast(e, ty):
    s = ref(e)
    if e.ty == ty:
        return s
    assert ty in FLOATS, (e.k, e.ty, ty)
    return '%s(%s)' % (REF_T[ty], s)


def ref_bool(e):
    k = e.k
    if k == 'var':
        return e.name
    if k == 'cmp':
        t = promote(e.args[0].ty, e.args[1].ty)
        return '(%s %s %s)' % (ref_cast(e.args[0], t), e.op, ref_cast(e.args[1], t))
    if k == 'and':
        return '(%s && %s)' % (ref_bool(e.args[0]), ref_bool(e.args[1]))
    if k == 'or':
        return '(%s || %s)' % (ref_bool(e.args[0]), ref_bool(e.args[1]))
    if k == 'not':
        return '!(%s)' % ref_bool(e.args[0])
    raise ValueError(k)


def walk_expr(e):
    yield e
    for a in e.args:
        yield from walk_expr(a)


# ---- statements -------------------------------------------------------------------
#
# Blocks are lists of Stmt. An if's `else` is None, a block, or a block
# holding a single 'if' (rendered as else-if).

class Stmt:
    """('decl', ty, name, e) e may be None (declared, assigned later);
    ('assign', name, op, e, ty) op in = += -= *= /= ++pre ++post --pre --post
    (e None for ++/--); ('if', e, then, els); ('ret', e) (e None: void);
    ('for', name, e, then): for (int name = lo; name <cmp> e[ && xc]; name += step),
    e the bound, xc None or a bool expression read every trip; ('continue'); ('break');
    ('adecl', ty, name) a local array of `size` elements, zeroed if `zero`;
    ('aassign', name, op, e, ty, idx): name[idx] op e, op in = += -=;
    ('call', e) a call of a void library helper (fz_lib.py); ('void', name): `(void)name;`.
    fz_spell.py: desc (for: counts down from its last trip), init (adecl: its
    elements' initializers, `= {e0, e1, ...}`), lam (decl: `auto l = [&]() {
    return e; };` before it, and `T t = l();`).
    Spelling only (no effect on the value): tyname (a type alias or 'auto'),
    const, join (share one declaration with the next decl), brace (if, for),
    incr (for: '++i', 'i++', 'i += 1')."""
    __slots__ = ('k', 'ty', 'name', 'op', 'e', 'then', 'els', 'tyname', 'const', 'join', 'brace',
                 'lo', 'cmp', 'step', 'incr', 'idx', 'size', 'zero', 'xc', 'desc', 'init', 'lam', 'wloop',
                 'spell')

    def __init__(self, k, ty=None, name=None, op=None, e=None, then=None, els=None):
        self.k, self.ty, self.name, self.op, self.e, self.then, self.els = k, ty, name, op, e, then, els
        self.tyname, self.const, self.join, self.brace = None, False, False, True
        self.lo, self.cmp, self.step, self.incr, self.idx, self.size, self.zero = 0, '<', 1, '++i', None, 0, False
        self.xc = None  # for: a data-dependent condition, `i < hi && xc`
        self.desc, self.init = False, None
        self.lam = None  # decl: (name, capture) of a local lambda that computes e (fz_spell.py)
        self.wloop = False  # for: written `{ int i = lo; while (i < e) { ...; i += step; } }` (fz_spell.py)
        self.spell = {}  # the program's spelling only (fz_spell2.py): switch, pointers, struct locals...


class Param:
    """A parameter. arr: None (scalar), 'in' (const T*), 'fixed' (const T p[N]),
    'out' (T*, written: an output), 'ref' (T&, library helpers only) or
    'struct' (const S& or const S*, fz_struct.py: length is its scalar
    members, ty float if any member is), 'sarr' (const P0*: length elements); length: the elements the checks pass.
    size: an int parameter giving a loop's trip count (values 0..its bound)."""

    def __init__(self, name, ty, tyname=None, const=False, arr=None, length=0):
        self.name, self.ty, self.tyname, self.const = name, ty, tyname, const
        self.arr, self.length, self.size = arr, length, False
        self.default = None  # a default argument (a literal value), last parameter only
        self.shape, self.cols = None, 0  # fz_spell4.py: '2d', 'open', 'ref' (R x cols), 'vector'

    def spelled(self):
        t = self.tyname or self.ty
        if self.arr in ('struct', 'sarr'):  # fz_struct.py
            return 'const %s%s %s' % (self.stype.name, '*' if self.sptr else '&', self.name)
        if getattr(self, 'shape', None):  # fz_spell4.py
            return shape_spelled(self, t)
        inout = getattr(self, 'inout', False)  # fz_spell4.py: written in place
        if self.arr == 'in':
            return '%s%s* %s' % ('' if inout else 'const ', t, self.name)
        if self.arr == 'fixed':
            return '%s%s %s[%d]' % ('' if inout else 'const ', t, self.name, self.length)
        if self.arr == 'out':
            if getattr(self, 'fixed_out', False):  # fz_forward.py: f_jacobian needs the length
                return '%s %s[%d]' % (t, self.name, self.length)
            return '%s* %s' % (t, self.name)
        if self.arr == 'ref':
            return '%s& %s' % (t, self.name)
        if getattr(self, 'cref', False):  # (fz_lib.py: a ref helper's input)
            return 'const %s& %s' % (t, self.name)
        d = '' if self.default is None else ' = ' + fmt_lit(self.default, self.ty)
        return '%s%s %s%s' % ('const ' if self.const else '', t, self.name, d)

    def ref_spelled(self):
        t = REF_T[self.ty]
        if self.arr in ('struct', 'sarr'):
            return 'const %s_r<D, F>%s %s' % (self.stype.name, '*' if self.sptr else '&', self.name)
        if self.arr == 'out':
            return '%s* %s' % (t, self.name)
        if self.arr == 'ref':
            return '%s& %s' % (t, self.name)
        if getattr(self, 'cref', False):
            return 'const %s& %s' % (t, self.name)
        if self.arr:
            return 'const %s* %s' % (t, self.name)
        return '%s%s %s' % ('const ' if self.const else '', t, self.name)


def shape_spelled(p, t):
    r, c = p.length // max(1, p.cols), p.cols
    if p.shape == 'vector':
        return 'const std::vector<%s>& %s' % (t, p.name)
    if p.shape == 'open':
        return 'const %s %s[][%d]' % (t, p.name, c)
    if p.shape == 'ref':
        return 'const %s (&%s)[%d][%d]' % (t, p.name, r, c)
    return 'const %s %s[%d][%d]' % (t, p.name, r, c)


class Function:
    def __init__(self, name, ret, params, wrt, body, mode, points):
        self.name = name
        self.ret = ret
        self.params = params  # [Param]
        self.wrt = wrt  # None (GRADC_GRAD) or [names] (GRADC_GRAD_WRT)
        self.body = body
        self.mode = mode  # D, F or 'mixed'
        self.points = points  # [{param name: value}]
        self.ret_bound = 1.0
        self.ns = ''  # enclosing namespace ('' global, 'na', 'na::inner')
        self.ret_tyname = None  # a type alias spelling the return type
        self.spec = ''  # '', 'static' or 'inline'
        self.wrt_sep = ', '  # how GRADC_GRAD_WRT's names are separated
        self.tmpl = False  # template <class T> (fz_lib.templatize), checked for double and float
        self.label = None  # the name of its checks and reference, if not its name (a template's twin)
        self.features = set()  # library calls and spellings it uses (run_fuzz.py counts them)
        self.no_fd = False  # calls a GRADC_NONDIFF scale: finite differences would see it move

    def ref_name(self):
        return self.label or self.name

    def qualified(self):
        return self.ns + '::' + self.name if self.ns else self.name

    def float_params(self):
        """Floating inputs: scalars and input arrays."""
        return [p for p in self.params if p.ty in FLOATS and p.arr != 'out']

    def scalar_params(self):
        return [p for p in self.params if p.ty in FLOATS and not p.arr]

    def outputs(self):
        return [p for p in self.params if p.arr == 'out']

    def diff_params(self):
        fl = self.float_params()
        if self.wrt is None:
            return fl
        return [p for p in fl if p.name in self.wrt]

    def adjoints(self):
        """The parameters with an adjoint in f_grad / f_pullback, in order."""
        diff = self.diff_params()
        return [p for p in self.params if p in diff or p.arr == 'out']

    def has_loops(self, runtime_only=False):
        for s in walk_stmts(self.body):
            # (a run-time stride, fz_spell.py, counts its trips at run time too)
            if s.k == 'for' and (not runtime_only or any(x.k == 'var' for x in walk_expr(s.e)) or
                                 s.spell.get('stride')):
                return True
        return False

    def low_precision(self):
        """True if any float is involved (then the float tolerance applies)."""
        if any(p.ty == F for p in self.params) or self.ret == F:
            return True
        for s in walk_stmts(self.body):
            if s.k in ('decl', 'adecl') and s.ty == F:
                return True
            for e in stmt_exprs(s):
                for x in walk_expr(e):
                    if x.ty == F:
                        return True
                    if x.k == 'ucall' and x.fn.low_precision():
                        return True
                    # s.m0() (fz_struct.py): its body may round through float
                    # even when every member is double (campaign seed 500021)
                    if x.k == 'var' and x.name.endswith('()') and any(
                            y.ty == F for p in self.params if p.arr == 'struct'
                            for _, me in p.stype.methods for y in walk_expr(me)):
                        return True
        return False

    def callees(self):
        out = []
        for s in walk_stmts(self.body):
            for e in stmt_exprs(s):
                for x in walk_expr(e):
                    if x.k == 'ucall' and x.fn not in out and not getattr(x.fn, 'lib', False):
                        out.append(x.fn)
        return out


def walk_stmts(block):
    for s in block:
        yield s
        if s.k in ('if', 'for'):
            yield from walk_stmts(s.then)
            if s.els:
                yield from walk_stmts(s.els)


def blocks(block):
    """Every statement list of a body, the body first."""
    yield block
    for s in block:
        if s.k in ('if', 'for'):
            yield from blocks(s.then)
            if s.els:
                yield from blocks(s.els)


def stmt_exprs(s):
    out = [] if s.e is None else [s.e]
    if s.xc is not None:
        out.append(s.xc)
    if s.idx is not None:
        out.append(s.idx)
    if s.init:
        out += s.init
    return out


class Program:
    def __init__(self, seed, functions, consts):
        self.seed = seed
        self.functions = functions
        self.consts = consts  # [(name, ty, value, constexpr?)]
        self.roots = [f.name for f in functions]
        self.workarounds = frozenset()  # gen.KNOWN_BUGS steered around


# File-level type aliases the generator may spell types with.
ALIASES = {'real_t': ('using', D), 'flt_t': ('typedef', F), 'scalar': ('using', D)}
