"""Constructs gradc accepts since 2026-12-06/07 (issue 24 follow-up), over a
generated function, each from a random stream of its own and behind its flag
(so `--workarounds` with all of them gives the programs of before):
  arrays-2d      an input array of R*C elements as a 2-D parameter, `const T
                 W[R][C]`, `const T W[][C]` or `const T (&W)[R][C]`; the flat
                 read `W[i * C + j]` is written `W[i][j]`, any other `W[e]` as
                 `W[e / C][e % C]` (the reference reads the flat `const D*`);
                 main.cpp passes its flat heap block reinterpret_cast to `const T
                 (*)[C]` and the adjoint as `T (*)[C]` (gradc's `T d_W[R][C]`)
  vector-params  a double input array as `const std::vector<double>& x` (reads
                 `x[i]`; given to a helper as `x.data()`); main.cpp passes a
                 vector copied from the heap block and an adjoint
                 `std::vector<double>*` it copies back (fzcheck::VecAdj); no
                 forward markers, no C99 (gradc has neither for vectors)
  scratch-hoist  a local array declared in a loop body declared right before
                 the loop instead: a true scratch array when each trip writes
                 every element before reading it (lower/ScratchArrays.cpp moves
                 it back in), carried from trip to trip when it was `= {}` and
                 only some elements are written (the reference is rendered from
                 the same statements, so both compute the carried values)
  invariant-libm a floating assignment in a loop multiplied by a call whose
                 operands the loop does not change, `std::cos(p)` of a parameter
                 or `std::tanh(w[0])` of an element (|factor| <= 1: bounds stay);
                 cleanup/Hoist.cpp evaluates it once before the loop (guarded
                 when it reads an element; loops of run-time length run 0 times
                 at some points)
  reused-libm    `const T cs_f = std::cos(p);` first thing, read once, and the
                 same call `std::cos(p)` again later (cleanup/Reuse.cpp reads
                 cs_f there unless p changed in between; parameters are assigned
                 in many functions, so both cases come)
and, below, item 6 of the follow-up (each with its own flag): pair-locals and
ctor-locals (fz_spell2.py's struct locals as std::pair or a struct with
empty-bodied constructors), heap-arrays (`new T[N]` / malloc, freed at the
end of the block), range-for (`for (const T e_a : a)`), cond-lhs (`(c ? a : b) = e`), inout (an
input array negated in place twice first: an in-out array of the caller, in_out below).
"""

import random

from fz_ast import D, F, I, E, Stmt, FLOATS, blocks, promote, walk_expr, walk_stmts, stmt_exprs

FLAGS = ('arrays-2d', 'vector-params', 'scratch-hoist', 'invariant-libm', 'reused-libm', 'pair-locals',
         'ctor-locals', 'heap-arrays', 'range-for', 'cond-lhs', 'inout')


def _exprs(fn):
    for s in walk_stmts(fn.body):
        for e in stmt_exprs(s):
            yield from walk_expr(e)


def _uses(fn, name):
    """(element reads of name, other uses of name: passed whole to a helper)."""
    idx, whole = [], []
    for x in _exprs(fn):
        if x.k == 'idx' and x.name == name:
            idx.append(x)
        elif x.k == 'var' and x.name == name:
            whole.append(x)
    return idx, whole


def respell4(fn, seed, workarounds):
    rng = random.Random('gradc-fuzz-spell4:%s:%s' % (seed, fn.name))

    def on(flag, p):
        return flag not in workarounds and rng.random() < p

    plain = not fn.tmpl and not getattr(fn, 'fwd', None)
    for p in fn.params:
        if p.arr not in ('in', 'fixed') or p.ty not in FLOATS or not plain:
            continue
        idx, whole = _uses(fn, p.name)
        if any(x.view or x.sp or x.alt for x in idx):
            continue  # read through a view or as a struct member (other spellings)
        cols = fn_rowlen(fn, p, idx)
        if cols and idx and not whole and on('arrays-2d', 0.8 if p.name == 'W' else 0.45):
            p.shape = rng.choice(['2d', '2d', 'open', 'ref'])
            p.cols = cols
            for x in idx:
                x.dims = cols
            fn.features.add('array-2d')
        elif p.ty == D and p.arr == 'in' and on('vector-params', 0.35):
            p.shape = 'vector'
            for x in whole:  # a helper's `const T*`
                x.alt = '%s.data()' % p.name
            fn.features.add('vector-param')
        elif p in fn.diff_params() and not whole and on('inout', 0.3):
            in_out(fn, p, p.length >= 2 and on('inout-swap', 0.5))
    respell_struct_locals(fn, seed, workarounds)
    hoist_scratch(fn, rng, on, workarounds)
    range_fors(fn, rng, on)
    heap_arrays(fn, rng, on)
    invariant_calls(fn, rng, on)
    reused_call(fn, rng, on)
    cond_lhs(fn, rng, on)  # (last: its `else` copies the statement as the others left it)
    # A block that now holds a declaration or more than one statement needs its braces.
    for s in walk_stmts(fn.body):
        if s.k in ('if', 'for') and not s.brace and any(
                len(b) != 1 or b[0].k in ('decl', 'adecl') for b in (s.then, s.els) if b is not None):
            s.brace = True


def in_out(fn, p, swap=False):
    """inout: a differentiated input array made an in-out one, `T* x` (or `T
    x[N]`), negated in place twice before anything reads it: the values at the
    call are read and overwritten (gradc saves and puts back every write) and
    come out exactly as they went in, so the checks stay those of an input.
    With `swap` (flag inout-swap), neighbours are swapped twice instead
    (`std::swap(x[e], x[e + 1])`). The reference, rendered from the same
    statements, gets `(void)x;`."""
    p.inout = True
    st = Stmt('void', name=p.name)
    loop = 'for (int io_e = 0; io_e < %d; ++io_e) %s[io_e] = -%s[io_e];' % (p.length, p.name, p.name)
    if swap:
        loop = 'for (int io_e = 0; io_e + 1 < %d; io_e += 2) std::swap(%s[io_e], %s[io_e + 1]);' % (
            p.length, p.name, p.name)
        fn.features.add('inout-swap')
    st.spell['inout'] = [loop, loop]  # (lines)
    fn.body.insert(0, st)
    fn.features.add('inout')


def fn_rowlen(fn, p, idx):
    """Columns of a 2-D spelling of p: C of a flat read `W[i * C + j]`, else 3 or 2."""
    for x in idx:
        a = x.args[0]
        if a.k == 'bin' and a.op == '+' and a.args[0].k == 'bin' and a.args[0].op == '*' \
                and a.args[0].args[1].k == 'lit' and p.length % a.args[0].args[1].val == 0:
            return a.args[0].args[1].val
    for c in (3, 2):
        if p.length % c == 0 and p.length > c:
            return c
    return 0


def idx2d(e, a):
    """`W[i][j]` for the flat `W[i * C + j]`, else `W[a / C][a % C]`."""
    C = e.dims
    x = e.args[0]
    if x.k == 'lit':
        return '%s[%d][%d]' % (e.name, x.val // C, x.val % C)
    if x.k == 'bin' and x.op == '+' and x.args[0].k == 'bin' and x.args[0].op == '*':
        row, j = x.args[0].args[0], x.args[1]
        if x.args[0].args[1].k == 'lit' and x.args[0].args[1].val == C:
            from fz_ast import src
            return '%s[%s][%s]' % (e.name, src(row), src(j))
    if x.k != 'var':
        a = '(%s)' % a
    return '%s[%s / %d][%s %% %d]' % (e.name, a, C, a, C)


# ---- scratch arrays declared before their loop ------------------------------------------

def _names(fn):
    out = [p.name for p in fn.params]
    for s in walk_stmts(fn.body):
        if s.k in ('decl', 'adecl', 'for'):
            out.append(s.name)
    return out


def _writes_only_set(block, name):
    for s in walk_stmts(block):
        if s.k == 'aassign' and s.name == name and s.op != '=':
            return False
        if s.k == 'call':  # a map helper writing it (fz_lib.py)
            if any(x.k == 'var' and x.name == name for x in walk_expr(s.e)):
                return False
    return True


def _jumpy(s):
    """A loop its lowering guards with `if (running)`: a jump or a data-dependent condition."""
    return s.k == 'for' and (_jumps(s.then) or s.xc is not None)


def hoist_scratch(fn, rng, on, workarounds):
    names = _names(fn)

    def visit(block, outer):
        i = 0
        while i < len(block):
            s = block[i]
            if s.k in ('if', 'for'):
                inner = outer or _jumpy(s)
                visit(s.then, inner)
                if s.els:
                    visit(s.els, inner)
            if s.k == 'for':
                for a in [t for t in s.then if t.k == 'adecl']:
                    # (not `T a[4] = {e0, ...}`: its values are the trip's; not a name
                    # declared twice; `=` writes only, so values stay bounded)
                    if a.init or names.count(a.name) != 1 or not _writes_only_set(s.then, a.name):
                        continue
                    # (read in the loop: one written only there gets its read from
                    # finalize after the declaration, which would follow the loop, and
                    # read what no trip wrote when it runs 0 times; seed 95400)
                    if not any(x.k == 'idx' and x.name == a.name for t in walk_stmts(s.then)
                               for e in stmt_exprs(t) for x in walk_expr(e)):
                        continue
                    # A carried array (`= {}`, some elements written) is overwritten from
                    # trip to trip: not in or inside a loop that jumps or has a data-
                    # dependent condition (gradc reads its body as under an if and
                    # rejects the overwrite, a documented limitation). A scratch one
                    # neither where gradc keeps it outside such loops: an array of
                    # structs (scratch-jump-struct; plain arrays: scratch-jump, fixed;
                    # FINDINGS.md 2026-12-07).
                    flag = 'scratch-jump-struct' if a.spell.get('struct') else 'scratch-jump'
                    if (a.zero or flag in workarounds) and (outer or _jumpy(s)):
                        continue
                    if not on('scratch-hoist', 0.7):
                        continue
                    s.then.remove(a)
                    block.insert(i, a)
                    i += 1
                    fn.features.add('scratch-carried' if a.zero else 'scratch-hoisted')
            i += 1
    visit(fn.body, False)


# ---- loop-invariant and repeated libm calls ----------------------------------------------

FACTORS = ['cos', 'sin', 'tanh', 'erf', 'atan2']


def _call(name, arg, ty, sp):
    if name == 'atan2':  # |atan2(a, 2 + a*a)| < 1
        den = E('bin', ty, 6.0, [E('lit', ty, 2.0, val=2.0), E('bin', ty, 4.0, [arg, arg], op='*')], op='+')
        return E('call', ty, 1.0, [arg, den], name='atan2', sp=sp)
    return E('call', ty, 1.0, [arg], name=name, sp=sp)


def _operands(fn):
    """Expressions a loop's body may read without changing: floating scalar
    parameters and the first element of input arrays."""
    names = _names(fn)  # (not a name a nested scope declares again: `shadow`)
    out = [E('var', p.ty, 2.0, name=p.name) for p in fn.params
           if p.ty in FLOATS and not p.arr and names.count(p.name) == 1]
    for p in fn.params:
        if p.arr in ('in', 'fixed') and p.ty in FLOATS and names.count(p.name) == 1:
            x = E('idx', p.ty, 2.0, [E('lit', I, 0, val=0)], name=p.name)
            if getattr(p, 'shape', None) in ('2d', 'open', 'ref'):
                x.dims = p.cols
            out.append(x)
    return out


def _spelling(ty, rng):
    if ty == F:
        return rng.choice(['std', 'cf'])
    return rng.choice(['std', 'c'])


def _scale(s, factor):
    s.e = E('bin', promote(s.e.ty, factor.ty), s.e.b, [s.e, factor], op='*')


def _scalable(s):
    return (s.k in ('assign', 'aassign', 'decl') and s.e is not None and s.ty in FLOATS
            and s.op in (None, '=', '+=', '-=') and not getattr(s, 'lam', None)
            and s.e.ty in FLOATS and not s.spell and s.e.b <= 100.0  # (not a 1e30 sentinel)
            # (not with `(v op= e)` folded in: a factor reading v would be unsequenced)
            and not any(x.fold is not None for x in walk_expr(s.e)))


def invariant_calls(fn, rng, on):
    ops = _operands(fn)
    if fn.tmpl or not ops or not on('invariant-libm', 0.35):
        return
    loops = [s for s in walk_stmts(fn.body) if s.k == 'for']
    cands = [t for lp in loops for t in lp.then if _scalable(t)]
    for t in rng.sample(cands, min(len(cands), rng.choice([1, 1, 2]))):
        arg = rng.choice(ops)
        _scale(t, _call(rng.choice(FACTORS), _clone(arg), arg.ty, _spelling(arg.ty, rng)))
        fn.features.add('invariant-libm')


def _clone(x):
    """A copy of an expression tree (the same callee objects)."""
    y = E(x.k, x.ty)
    for f in E.__slots__:
        setattr(y, f, getattr(x, f))
    y.args = [_clone(a) for a in x.args]
    return y


def reused_call(fn, rng, on):
    ops = [x for x in _operands(fn) if x.k == 'var']
    if fn.tmpl or not ops or not on('reused-libm', 0.3):
        return
    arg = rng.choice(ops)
    name, sp = rng.choice(['cos', 'sin', 'tanh']), _spelling(arg.ty, rng)
    stmts = [s for s in walk_stmts(fn.body) if _scalable(s)]
    if not stmts or fn.body[0].k == 'void':
        return
    cs = 'cs_' + fn.name
    keep = Stmt('decl', ty=arg.ty, name=cs, e=_call(name, _clone(arg), arg.ty, sp))
    keep.const = True
    first, *rest = rng.sample(stmts, min(len(stmts), 3))
    _scale(first, E('var', arg.ty, 1.0, name=cs))
    for t in rest or [first]:
        _scale(t, _call(name, _clone(arg), arg.ty, sp))
    fn.body.insert(0, keep)
    fn.features.add('reused-libm')


# ---- struct locals as std::pair or a struct with constructors ------------------------------
#
# (after fz_spell2.py's struct-locals: `LPd sl_t = {e, 0.0f};` read as `sl_t.v`)
#   pair-locals  `std::pair<double, float> sl_t = {e, 0.0f};`, read as `sl_t.first`
#   ctor-locals  `LCd sl_t(e, 0.0f);` of `struct LCd { double v; float w; LCd() :
#                v(0.0), w(0.0f) {} LCd(double a, float b) : v(a), w(b) {} };`
#                (constructors with an empty body, lower/Constructors.cpp)

CTOR_DEFS = ['struct LCd { double v; float w; LCd() : v(0.0), w(0.0f) {} '
             'LCd(double a, float b) : v(a), w(b) {} };',
             'struct LCf { float v; double w; LCf() : v(0.0f), w(0.0) {} '
             'LCf(float a, double b) : v(a), w(b) {} };']
PAIRS = {'LPd': 'std::pair<double, float>', 'LPf': 'std::pair<float, double>'}


def respell_struct_locals(fn, seed, workarounds):
    import re
    from fz_spell2 import var_nodes
    rng = random.Random('gradc-fuzz-spell4-sl:%s:%s' % (seed, fn.name))
    for s in list(walk_stmts(fn.body)):
        if s.k != 'decl' or 'decl' not in s.spell:
            continue
        st = re.match(r'(LP[df]) ', s.spell['decl'][0]).group(1)
        sv = 'sl_' + s.name
        kind = rng.choice(['pair', 'ctor', None])
        if kind == 'pair' and 'pair-locals' not in workarounds:
            def fix(t):
                t = re.sub(r'\b(%s|ps_%s)(\.|->)v\b' % (sv, s.name), r'\1\2first', t)
                return re.sub(r'\b(%s|ps_%s)(\.|->)w\b' % (sv, s.name), r'\1\2second', t)
            s.spell['decl'] = [fix(line).replace(st, PAIRS[st]) for line in s.spell['decl']]
            fn.features.add('pair-local')
        elif kind == 'ctor' and 'ctor-locals' not in workarounds:
            fix = lambda t: t  # noqa: E731
            ct = 'LC' + st[2]
            lines = []
            for line in s.spell['decl']:
                m = re.match(r'%s (\w+) = \{(.*)\};$' % st, line)
                if m and rng.random() < 0.6:
                    line = '%s %s(%s);' % (ct, m.group(1), m.group(2))
                lines.append(re.sub(r'\b%s\b' % st, ct, line))
            s.spell['decl'] = lines
            fn.features.add('ctor-local')
        else:
            continue
        for _, x in var_nodes(fn, s.name):
            if x.alt:
                x.alt = fix(x.alt)
        for t in walk_stmts(fn.body):
            if t.k == 'assign' and t.name == s.name and 'lhs' in t.spell:
                t.spell['lhs'] = fix(t.spell['lhs'])


# ---- local arrays on the heap ------------------------------------------------------------
#
#   heap-arrays  a local array `T a[N]` (or `= {}`) as `T* a = new T[N];` (`new
#                T[N]()`), `static_cast<T*>(std::malloc(N * sizeof(T)))` (`std::calloc(N,
#                sizeof(T))`), freed at the end of its block (`delete[] a;`, `std::free(a);`;
#                before a return there, its value kept first: `const T hr_a = e;`), so only
#                in blocks nothing leaves early (no break, continue or return after it but a
#                last return in the same block); lower/Heap.cpp

def _jumps(stmts):
    return any(t.k in ('break', 'continue', 'ret') for t in walk_stmts(stmts))


def heap_arrays(fn, rng, on):
    if fn.tmpl:
        return

    def visit(block):
        for k, s in enumerate(block):
            if s.k in ('if', 'for'):
                visit(s.then)
                if s.els:
                    visit(s.els)
            if s.k != 'adecl' or s.init or s.spell.get('struct') or s.spell.get('ranged'):
                continue
            rest = block[k + 1:]
            if rest and rest[-1].k == 'ret':
                rest = rest[:-1]
            if _jumps(rest) or not on('heap-arrays', 0.35):
                continue
            s.spell['heap'] = rng.choice(['new', 'new', 'malloc'])
            fn.features.add('heap-array')
    visit(fn.body)


def heap_decl(s, t):
    n = s.size
    if s.spell['heap'] == 'new':
        return '%s* %s = new %s[%d]%s;' % (t, s.name, t, n, '()' if s.zero else '')
    if s.zero:
        return '%s* %s = static_cast<%s*>(std::calloc(%d, sizeof(%s)));' % (t, s.name, t, n, t)
    return '%s* %s = static_cast<%s*>(std::malloc(%d * sizeof(%s)));' % (t, s.name, t, n, t)


def heap_free(s):
    return ('delete[] %s;' if s.spell['heap'] == 'new' else 'std::free(%s);') % s.name


# ---- range-based for over a local array ------------------------------------------------
#
#   range-for    `for (int i = 0; i < N; ++i)` whose counter only indexes a local
#                array `T a[N]` at i, as `for (const T e_a : a)` (`T& e_a` when the
#                body writes a[i]; lower/Ranges.cpp)

def range_fors(fn, rng, on):
    if fn.tmpl:
        return
    names = _names(fn)
    arrays = {s.name: s for s in walk_stmts(fn.body) if s.k == 'adecl' and not s.spell.get('struct')
              and names.count(s.name) == 1}
    for s in walk_stmts(fn.body):
        if not (s.k == 'for' and s.lo == 0 and s.step == 1 and s.cmp == '<' and s.e.k == 'lit' and not s.desc
                and not s.wloop and s.xc is None):
            continue
        if any(t.k in ('for', 'decl', 'adecl') and t.name == s.name for t in walk_stmts(s.then)):
            continue  # (a nested scope naming its own i)
        reads, writes = [], []
        for t in walk_stmts(s.then):
            if t.k == 'aassign' and t.idx.k == 'var' and t.idx.name == s.name:
                writes.append(t)
            for e in stmt_exprs(t):
                for x in walk_expr(e):
                    if x.k == 'idx' and x.args[0].k == 'var' and x.args[0].name == s.name:
                        reads.append(x)
        used = {x.name for x in reads} | {t.name for t in writes}
        nodes = [x for t in walk_stmts(s.then) for e in stmt_exprs(t) for x in walk_expr(e)
                 if x.k == 'var' and x.name == s.name]
        # (every read of the counter is an a[i]: as an index of a read, or of a write)
        if len(used) != 1 or len(nodes) != len(reads) + len(writes):
            continue
        a = used.pop()
        d = arrays.get(a)
        # (an array the body declares itself is out of scope in the range: seed 9103)
        if d is None or any(t is d for t in walk_stmts(s.then)):
            continue
        if d.size != s.e.val or any(x.view or x.sp or x.alt for x in reads) or \
                any(t.spell for t in writes) or not on('range-for', 0.6):
            continue
        v = 'e_' + a
        t = d.tyname or d.ty
        s.spell['range'] = ('%s& %s' % (t, v) if writes else
                            rng.choice(['const %s %s' % (t, v), '%s %s' % (t, v), 'const %s& %s' % (t, v),
                                        'const auto %s' % v, 'auto& %s' % v]))
        s.spell['range_of'] = a
        for x in reads:
            x.whole = v
        for t in writes:
            t.spell['lhs_whole'] = v
        d.spell['ranged'] = True  # (stays an array: not on the heap)
        fn.features.add('range-for')


# ---- a conditional expression as the target of an assignment --------------------------------
#
#   cond-lhs     `a = e;` as `T cl_a = 0; (p > 0.25 ? a : cl_a) = e;` (p a parameter;
#                cl_a read later like any local; lower/ConditionalAssign.cpp); the
#                reference has `if (p > 0.25) a = e; else cl_a = e;`

def cond_lhs(fn, rng, on):
    names = _names(fn)
    ps = [p for p in fn.params if p.ty in FLOATS and not p.arr and names.count(p.name) == 1]
    if fn.tmpl or not ps or not on('cond-lhs', 0.2):
        return

    # (not a local declared without a value: `T t; t = e;` would leave t unset when c fails)
    unset = {s.name for s in walk_stmts(fn.body) if s.k == 'decl' and s.e is None}
    # (nor one started from a sentinel, `float low = 1e30f;`: kept when c fails, seed 96400)
    unset |= {s.name for s in walk_stmts(fn.body) if s.k == 'decl' and s.e is not None and not _moderate(s.e)}
    # (nor an `auto` local: C++ may deduce another type than cl_a's, and `(c ? a : cl_a)` of a
    # double and a float is no lvalue; forward-heavy batch, seed 8109: `auto t2 = -3.0f * cs_f18;`)
    unset |= {s.name for s in walk_stmts(fn.body) if s.k == 'decl' and s.tyname == 'auto'}
    cands = [(b, s) for b in blocks(fn.body) for s in b
             if s.k == 'assign' and s.op == '=' and s.ty in FLOATS and not s.spell and s.e.ty in FLOATS
             and s.name not in unset and _moderate(s.e)
             and not any(x.fold is not None for x in walk_expr(s.e))]
    if not cands:
        return
    block, s = rng.choice(cands)
    p = rng.choice(ps)
    cl = 'cl_%s_%s' % (s.name, fn.name)
    if cl in names:
        return
    k = block.index(s)
    dummy = Stmt('decl', ty=s.ty, name=cl, e=E('lit', s.ty, 0.0, val=0.0))
    c = E('cmp', 'bool', 0, [E('var', p.ty, 2.0, name=p.name), E('lit', p.ty, 0.25, val=0.25)],
          op=rng.choice(['>', '<', '>=']))
    other = Stmt('assign', name=cl, op='=', e=_clone(s.e), ty=s.ty)
    st = Stmt('if', e=c, then=[s], els=[other])
    st.spell['cond-lhs'] = True
    block[k:k + 1] = [dummy, st]
    fn.features.add('cond-lhs')


def _moderate(e):
    """Not a dead store's `std::exp(800.0 * x) / x` (fz_stmt.py: dead-stores): cl_a is read
    later, so the overflow would become a value (seed 93800: NaN adjoints from 0 * inf)."""
    return e.b <= 40.0 and not any(x.k == 'lit' and abs(x.val) >= 8 for x in walk_expr(e))


def cond_lhs_src(s, pad):
    from fz_ast import src, src_bool
    if not (s.els and len(s.then) == len(s.els) == 1 and s.then[0].k == s.els[0].k == 'assign'):
        return None  # (the minimizer took it apart: an if again)
    a, b = s.then[0], s.els[0]
    return '%s(%s ? %s : %s) = %s;' % (pad, src_bool(s.e), a.name, b.name, src(a.e))
