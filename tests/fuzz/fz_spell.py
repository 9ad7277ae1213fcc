"""Spellings of issue 23 (natural C++) over a generated function.

Each changes how the program is written, never what it computes, so the
reference needs nothing new; each is drawn from a random stream of its own,
so the programs of every existing seed compute what they computed before:
  desc-loops   `for (int i = hi - 1; i >= lo; --i)`: the loop runs backwards,
               in the program and in the reference alike
  ne-loops     `for (int i = 0; i != 4; ++i)` for a constant bound
  views        reads of an input array through a view: `*(x + e)`, or a
               pointer declared at the top, `const T* pv_x = x + 1;` (or
               `&x[1]`, `x`) read as `pv_x[e - 1]`
  init-lists   a local array filled one element at a time, written as
               `T a[4] = {e0, e1, e2, e3};`
  void-casts   `(void)x;` before the first statement
  moving-views a view's pointer moved after its declaration (issue 23:
               moving pointers): `const T* pv_x = x; pv_x += 1;`, or
               declared on another input array of the type and moved to x,
               `const T* pv_x = y; pv_x = x + 1;` (gradc keeps a selector);
               its own random stream
  while-loops  a counted for loop without break, continue or return in it,
               written `{ int i = lo; while (i < hi) { ...; i += step; } }`
  stride-loops a for loop stepping by a run-time stride, `{ int st_i = step;
               for (int i = lo; i < hi; i += st_i) ... }` (gradc counts its
               trips at run time); its own random stream, over the loops where that
               makes no rejection (see respell)
  stride-writes  ... and over stride loops with element writes or inner loops
  lambdas      a local's initializer computed by a local lambda written
               right before it, `auto lam_t = [&]() { return e; };` (or
               `[=]`), then `T t = lam_t();` (late-night session of
               2026-12-06: README lists lambdas as supported; none was
               generated)
"""

import random

from fz_ast import D, F, E, Stmt, walk_expr, walk_stmts, stmt_exprs

FLAGS = ('desc-loops', 'ne-loops', 'views', 'init-lists', 'void-casts', 'lambdas', 'moving-views',
         'while-loops', 'stride-loops', 'stride-writes')


def respell(fn, seed, workarounds):
    rng = random.Random('gradc-fuzz-spell:%s:%s' % (seed, fn.name))

    def on(flag, p):
        return flag not in workarounds and rng.random() < p

    for s in walk_stmts(fn.body):
        if s.k != 'for' or s.step != 1:
            continue
        # (not with a data-dependent condition: `j >= 0 && j < 0`, clang seed
        # 2003, is -Wtautological-overlap-compare)
        if s.xc is None and on('desc-loops', 0.3):
            s.desc = True
            s.incr = rng.choice(['--%s', '%s--', '%s -= 1']) % s.name
            fn.features.add('desc-loop')
        elif s.cmp == '<' and s.e.k == 'lit' and s.e.val >= s.lo and s.xc is None and on('ne-loops', 0.2):
            s.cmp = '!='
            fn.features.add('ne-loop')
    if on('views', 0.35):
        viewed = [p for p in fn.params if p.arr in ('in', 'fixed')]
        for p in viewed:
            style = rng.choice(['deref', 'alias', 'alias', 'amp'])
            off = 0 if style == 'deref' else rng.choice([0, 1, 1])
            for e in fn_exprs(fn):
                if e.k == 'idx' and e.name == p.name and not e.sp:
                    e.view = (style, off)
                    fn.features.add('view')
    move_views(fn, seed, workarounds)
    # (not in templates: `std::pow(T, int)` is double for T = float, and
    # braces do not narrow; clang seed 2006)
    if not fn.tmpl and merge_init_lists(fn.body, rng, on):
        fn.features.add('init-list')
    if on('void-casts', 0.1):
        fn.body.insert(0, Stmt('void', name=fn.params[0].name))
        fn.features.add('void-cast')
    if on('lambdas', 0.15):
        # (not joined declarations, `double a = .., b = ..;`; no calls of
        # marked functions or the library inside: helpers' inlining is
        # another matter)
        decls = [s for s in walk_stmts(fn.body) if s.k == 'decl' and s.e is not None and s.ty in (D, F)
                 and not any(x.k in ('ucall', 'call') for x in walk_expr(s.e))]
        for s in rng.sample(decls, min(len(decls), rng.choice([1, 1, 2]))):
            arrays = any(x.k == 'idx' for x in walk_expr(s.e))
            s.lam = ('lam_' + s.name, '[&]' if arrays or rng.random() < 0.7 else '[=]')
            fn.features.add('lambda')
        unjoin(fn.body)
    # (a stream of its own: the other spellings' draws stay as they were)
    wrng = random.Random('gradc-fuzz-while:%s:%s' % (seed, fn.name))
    for s in walk_stmts(fn.body):
        if (s.k == 'for' and not s.desc and s.xc is None and s.cmp in ('<', '<=') and not leaves(s.then)
                and 'while-loops' not in workarounds and wrng.random() < 0.2):
            s.wloop = True
            fn.features.add('while-loop')
    # (a stream of its own too). gradc counts the trips at run time and
    # sets the counter from the trip first thing in each; so, where that makes
    # no rejection: outermost loops (a run-time trip count inside another loop
    # places no overwritten element, seeds 7811, 7837), in functions no other
    # calls (fz_ast.has_loops: a helper's gradient with a work buffer cannot
    # be called, clang seeds 2000, 2003). Element writes and inner loops
    # inside are spelled too (`stride-writes`: before the counter was read
    # as fixed per trip, an element it indexes was not placed, clang seed
    # 2001).
    srng = random.Random('gradc-fuzz-stride:%s:%s' % (seed, fn.name))
    for s in outermost_loops(fn.body):
        inside = list(walk_stmts(s.then))
        writes = any(t.k in ('for', 'aassign') for t in inside)
        # (an element written under an `if` or after a jump in such a loop is
        # not placed before the iteration: rejected, seeds 5635 and 5650 with
        # branch updates)
        jumps = any(t.k in ('continue', 'break', 'ret') for t in inside)
        branch_writes = any(t.k == 'if' and any(u.k == 'aassign' for b in (t.then, t.els or []) for u in walk_stmts(b))
                            for t in inside)
        if (not s.desc and not s.wloop and s.cmp in ('<', '<=') and 'stride-loops' not in workarounds
                and not (writes and 'stride-writes' in workarounds) and not (writes and (jumps or branch_writes))
                and srng.random() < 0.6):
            s.spell['stride'] = True
            fn.features.add('stride-loop')


def outermost_loops(block):
    for s in block:
        if s.k == 'for':
            yield s
        elif s.k == 'if':
            yield from outermost_loops(s.then or [])
            yield from outermost_loops(s.els or [])


def leaves(block, top=True):
    """A return anywhere in block, or a break or continue of its loop."""
    for s in block:
        if s.k == 'ret' or (top and s.k in ('break', 'continue')):
            return True
        if s.k == 'if' and (leaves(s.then, top) or (s.els and leaves(s.els, top))):
            return True
        if s.k == 'for' and leaves(s.then, False):
            return True
    return False


def unjoin(block):
    """A declaration whose value a lambda computes is not joined with the one
    before or after it."""
    for k, s in enumerate(block):
        if s.k in ('if', 'for'):
            unjoin(s.then)
            if s.els:
                unjoin(s.els)
        elif s.k == 'decl' and s.lam:
            s.join = False
            if k > 0 and block[k - 1].k == 'decl':
                block[k - 1].join = False


def fn_exprs(fn):
    for s in walk_stmts(fn.body):
        for e in stmt_exprs(s):
            yield from walk_expr(e)


def merge_init_lists(block, rng, on):
    """`T a[L]; a[0] = e0; ... a[L-1] = e(L-1);` -> `T a[L] = {e0, ...};`
    (True if any)"""
    i, merged = 0, False
    while i < len(block):
        s = block[i]
        if s.k in ('if', 'for'):
            merged |= merge_init_lists(s.then, rng, on)
            if s.els:
                merged |= merge_init_lists(s.els, rng, on)
        elif s.k == 'adecl' and not s.zero:
            fill = block[i + 1:i + 1 + s.size]
            if len(fill) == s.size and all(
                    f.k == 'aassign' and f.name == s.name and f.op == '=' and f.idx.k == 'lit' and f.idx.val == k
                    for k, f in enumerate(fill)) and on('init-lists', 0.5):
                # (braces do not narrow: `float a[2] = {static_cast<float>(x * y), ...}`)
                s.init = [f.e if f.e.ty == s.ty else E('cast', s.ty, f.e.b, [f.e]) for f in fill]
                del block[i + 1:i + 1 + s.size]
                merged = True
        i += 1
    return merged


def move_views(fn, seed, workarounds):
    """Marks some viewed parameters' pointers as moved (view_decls spells it)."""
    rng = random.Random('gradc-fuzz-move:%s:%s' % (seed, fn.name))
    viewed = {x.name for e in fn_exprs(fn) for x in walk_expr(e)
              if x.k == 'idx' and getattr(x, 'view', None) and x.view[0] != 'deref'}
    for p in fn.params:
        p.view_move = None
        if p.name not in viewed or 'moving-views' in workarounds or rng.random() >= 0.7:
            continue
        others = [q for q in fn.params if q is not p and q.arr in ('in', 'fixed') and
                  (q.tyname or q.ty) == (p.tyname or p.ty)]
        p.view_move = rng.choice(others) if others and rng.random() < 0.5 else 'step'
        fn.features.add('moving-view')


def view_src(e, index_src):
    """The program's spelling of an element read `e` (kind 'idx') of a viewed array."""
    style, off = e.view
    if style == 'deref':
        if e.args[0].k == 'lit' and not e.args[0].val:
            return '*%s' % e.name
        return '*(%s + %s)' % (e.name, index_src if e.args[0].k in ('lit', 'var') else '(%s)' % index_src)
    return '%s[%s]' % (view_name(e.name), shifted(e.args[0], index_src, off))


def shifted(idx, index_src, off):
    if off == 0:
        return index_src
    if idx.k == 'lit':
        return str(idx.val - off)
    return '%s - %d' % (index_src, off)


def view_name(array):
    return 'pv_' + array


def view_decls(body, params):
    """Declarations of the pointers the views read through, for those read."""
    used = {}
    for s in walk_stmts(body):
        for e in stmt_exprs(s):
            for x in walk_expr(e):
                if x.k == 'idx' and getattr(x, 'view', None) and x.view[0] != 'deref':
                    used[x.name] = x.view
    out = []
    for p in params:
        if p.name in used:
            style, off = used[p.name]
            t = p.tyname or p.ty
            at = '&%s[%d]' % (p.name, off) if style == 'amp' else (
                '%s + %d' % (p.name, off) if off else p.name)
            move = getattr(p, 'view_move', None)
            if move is None:
                out.append('const %s* %s = %s;' % (t, view_name(p.name), at))
            elif move == 'step':  # `pv_x = x; pv_x += off;` (or `++pv_x; --pv_x;`)
                out.append('const %s* %s = %s;' % (t, view_name(p.name), p.name))
                out.append('%s += %d;' % (view_name(p.name), off) if off else
                           '++%s;' % view_name(p.name))
                if not off:
                    out.append('--%s;' % view_name(p.name))
            else:  # declared on another array, moved to this one
                # (a std::vector parameter, fz_spell4's vector-params, is its data(): seed 9161)
                # (a 2-D one, fz_spell4's shapes, its first element: seed 7305)
                shape = getattr(move, 'shape', None)
                first = move.name + ('.data()' if shape == 'vector' else '')
                if shape in ('2d', 'open', 'ref'):
                    first = '&%s[0][0]' % move.name
                out.append('const %s* %s = %s;' % (t, view_name(p.name), first))
                out.append('%s = %s;' % (view_name(p.name), at))
    return out

