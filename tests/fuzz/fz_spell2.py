"""Spellings of constructs gradc learned for issue 24's natural C++ (session of
2026-12-07). Like fz_spell.py's, each changes how prog.cpp is written, never
what it computes: the reference (prog.ref.hpp) is rendered from the same
statements as they were, so it needs nothing new. Each draws from a random
stream of its own (the flag's name, the seed, the function), so every seed's
other choices and programs stay as they were; each is behind its flag:
  switch         an if/else-if chain (no `break` of a loop in it) as a switch:
                 `switch (n) { case 2: {...} break; default: {...} break; }` on
                 `n == 2` / `n != 2`, otherwise on a selector
                 `switch (c1 ? 2 : c2 ? 0 : 1)` (labels in any order, grouped
                 labels `case 1: case 3:` for one arm, default first or last)
  local-ptrs     a scalar local read and written through a pointer declared
                 right after it, `double* p_t = &t;` (`auto*`, `T*`): `*p_t +=
                 e;`, `(*p_t)++`, reads `*p_t`, `p_t[0]`
  struct-locals  a scalar local kept in a member of a local struct,
                 `LPd sl_t = {e, 0.0f};` (or `LPd sl_t; sl_t.v = e;`), read and
                 written as `sl_t.v`, or through `LPd* ps_t = &sl_t;` as `ps_t->v`
  struct-arrays  a local array as a local array of structs, `LPf a[4];`,
                 `a[i].w = e`, reads `a[i].w` (not passed to helpers)
  assign-exprs   `v op= e;` folded into the next statement's only read of v,
                 `t = (v op= e) * y;` / `a = v = e;`; two assignments joined by
                 the comma operator, `a = e1, b += e2;`
The program-level ones (mutable globals, helpers with moving pointers
inlined twice in one function) are in fz_spell3.py.
"""

import random

from fz_ast import D, F, FLOATS, blocks, walk_expr, walk_stmts, stmt_exprs, src, src_bool

FLAGS = ('switch', 'local-ptrs', 'struct-locals', 'struct-arrays', 'assign-exprs')

# Local structs of prog.cpp: every float and double member is used by some spelling.
STRUCT_DEFS = ['struct LPd { double v; float w; };', 'struct LPf { float v; double w; };']
MEMBERS = {D: [('LPd', 'v', '0.0f', 1), ('LPf', 'w', '0.0f', 0)],  # (struct, member, other's zero, position)
           F: [('LPf', 'v', '0.0', 1), ('LPd', 'w', '0.0', 0)]}


def respell2(fn, seed, workarounds):
    def stream(flag):
        return random.Random('gradc-fuzz-%s:%s:%s' % (flag, seed, fn.name))
    if 'struct-arrays' not in workarounds and not fn.tmpl:
        struct_arrays(fn, stream('struct-arrays'))
    if 'local-ptrs' not in workarounds or 'struct-locals' not in workarounds:
        locals_through(fn, stream('local-ptrs'), workarounds)
    if 'assign-exprs' not in workarounds:
        assign_exprs(fn, stream('assign-exprs'))
    if 'switch' not in workarounds:
        switches(fn.body, stream('switch'), fn, workarounds)


def names_declared(fn):
    out = {}
    for s in walk_stmts(fn.body):
        if s.k in ('decl', 'adecl', 'for'):
            out[s.name] = out.get(s.name, 0) + 1
    for p in fn.params:
        out[p.name] = out.get(p.name, 0) + 1
    return out


def var_nodes(fn, name):
    for s in walk_stmts(fn.body):
        for e in stmt_exprs(s):
            for x in walk_expr(e):
                if x.k == 'var' and x.name == name:
                    yield s, x


def lambda_reads(fn):
    return {x.name for s in walk_stmts(fn.body) if s.lam for x in walk_expr(s.e) if x.k in ('var', 'idx')}


# ---- local arrays of structs ----------------------------------------------------------

def struct_arrays(fn, rng):
    count = names_declared(fn)
    nodes = [x for s in walk_stmts(fn.body) for e in stmt_exprs(s) for x in walk_expr(e)]
    passed = {x.name for x in nodes if x.k == 'var'}
    read = {x.name for x in nodes if x.k == 'idx'}
    for s in walk_stmts(fn.body):
        if (s.k == 'adecl' and s.ty in FLOATS and not s.init and count[s.name] == 1 and s.name not in passed
                and s.name in read
                and rng.random() < 0.4):
            st, mem, _, _ = rng.choice(MEMBERS[s.ty])
            s.spell['struct'] = st
            s.spell['member'] = '.' + mem
            for t in walk_stmts(fn.body):
                if t.k == 'aassign' and t.name == s.name:
                    t.spell['member'] = '.' + mem
                for e in stmt_exprs(t):
                    for x in walk_expr(e):
                        if x.k == 'idx' and x.name == s.name:
                            x.alt = '.' + mem
            fn.features.add('struct-array')


# ---- scalar locals through pointers and struct members ---------------------------------------

def by_ref(fn):
    """Locals passed to a helper's `T& r` (gradc: a member is not passed there)."""
    return {a.name for s in walk_stmts(fn.body) for e in stmt_exprs(s) for x in walk_expr(e) if x.k == 'ucall'
            for a, p in zip(x.args, x.fn.params) if p.arr == 'ref' and a.k == 'var'}


def locals_through(fn, rng, workarounds):
    count = names_declared(fn)
    in_lambda = lambda_reads(fn)
    refs = by_ref(fn)
    read = {x.name for s in walk_stmts(fn.body) for e in stmt_exprs(s) for x in walk_expr(e) if x.k == 'var'}
    for s in list(walk_stmts(fn.body)):
        if not (s.k == 'decl' and s.ty in FLOATS and not s.const and not s.lam and count[s.name] == 1
                and s.name not in in_lambda and s.name in read):
            continue
        r = rng.random()
        if r < 0.12 and 'local-ptrs' not in workarounds:
            kind = 'ptr'
        elif r < 0.2 and 'struct-locals' not in workarounds and not fn.tmpl and s.name not in refs:
            kind = 'struct'
        else:
            continue
        s.join = False
        for b in blocks(fn.body):  # (not joined with the declaration before it)
            for k, t in enumerate(b):
                if t is s and k > 0 and b[k - 1].k == 'decl':
                    b[k - 1].join = False
        nodes = list(var_nodes(fn, s.name))
        writes = [t for t in walk_stmts(fn.body) if t.k == 'assign' and t.name == s.name]
        v = s.name
        if kind == 'ptr':
            p = 'p_' + v
            if s.tyname in ('T', 'auto'):  # (`auto t3 = len - w;` in a template is T)
                star = s.tyname + '*'
            else:
                star = rng.choice(['%s*' % s.ty, '%s*' % s.ty, 'auto*'])
            s.spell['after'] = ['%s %s = &%s;' % (star, p, v)]
            alts = ['*' + p, '*' + p, p + '[0]', '(*%s)' % p, v]
            for _, x in nodes:
                x.alt = rng.choice(alts)
            for t in writes:
                t.spell['lhs'] = rng.choice(['*' + p, '*' + p, v]) if t.op[:2] not in ('++', '--') else \
                    rng.choice(['(*%s)' % p, v])
            nodes[0][1].alt = '*' + p  # (the pointer is used at least once)
            fn.features.add('local-ptr')
        else:
            st, mem, zero, pos = rng.choice(MEMBERS[s.ty])
            sv = 'sl_' + v
            via = rng.random() < 0.4
            ref = ('ps_%s->%s' % (v, mem)) if via else '%s.%s' % (sv, mem)
            direct = '%s.%s' % (sv, mem)
            if s.e is None:
                decl = ['%s %s;' % (st, sv)]
            elif s.e.ty == s.ty and rng.random() < 0.6:
                parts = ['%(e)s', zero] if pos else [zero, '%(e)s']
                decl = ['%s %s = {%s};' % (st, sv, ', '.join(parts))]
            else:
                decl = ['%s %s;' % (st, sv), '%s = %%(e)s;' % direct]
            if via:
                decl.append('%s* ps_%s = &%s;' % (st, v, sv))
            s.spell['decl'] = decl
            for _, x in nodes:
                x.alt = rng.choice([ref, direct]) if via else direct
            for t in writes:
                t.spell['lhs'] = rng.choice([ref, direct]) if via else direct
            if via:  # (the pointer is used at least once)
                if nodes:
                    nodes[0][1].alt = ref
                else:
                    writes[0].spell['lhs'] = ref
            fn.features.add('struct-local')


def lhs_src(s):
    """The program's spelling of an assignment's target."""
    return s.spell.get('lhs', s.name)


def decl_lines(s, init):
    """A spelled declaration's lines (struct-locals), or None."""
    if 'decl' not in s.spell:
        return None
    return [line % {'e': init} for line in s.spell['decl']]


# ---- assignments inside expressions -----------------------------------------------------

FOLD_OPS = ('=', '+=', '-=', '*=', '/=', '++pre', '--pre')


def fold_src(s):
    lhs = lhs_src(s)
    if s.op[:2] in ('++', '--'):
        return '(%s%s)' % (s.op[:2], lhs)
    if s.spell.get('bare'):  # the whole value of the next statement: `a = v = e;`
        return '%s %s %s' % (lhs, s.op, src(s.e))
    return '(%s %s %s)' % (lhs, s.op, src(s.e))


def single_read(t, name):
    """The var node of t's only read of name, if C++ evaluates it exactly once
    (not in a ?: arm or the right of && ||) and nothing else in t reads it."""
    found = []

    def visit(e, sure):
        if e.k == 'var' and e.name == name:
            found.append((e, sure))
        for k, a in enumerate(e.args):
            visit(a, sure and not (e.k == 'cond' and k > 0) and not (e.k in ('and', 'or') and k > 0))
    for e in stmt_exprs(t):
        visit(e, True)
    if len(found) == 1 and found[0][1]:
        return found[0][0]
    return None


def fold_target(s, t):
    """The var node of t that `s` (v op= e) can be folded into, or None: t's
    only read of v; not into `T w = ...` when e reads a w of an outer scope
    (the initializer would see the new w), not through a pointer or a member
    (gradc: only a local or a parameter is assigned inside an expression)."""
    if t is None or t.k not in ('decl', 'assign', 'aassign', 'ret', 'if') or t.lam or t.xc is not None:
        return None
    if 'decl' in t.spell or t.spell.get('switch') is not None:
        return None  # (gradc: not inside a struct's brace initializer, nor a switch's selector)
    if 'lhs' in s.spell or (t.k == 'assign' and t.name == s.name) or (t.k == 'decl' and (
            t.name == s.name or s.e is not None and any(x.k == 'var' and x.name == t.name for x in walk_expr(s.e)))):
        return None
    return single_read(t, s.name)


def assign_exprs(fn, rng):
    for b in blocks(fn.body):
        k = 0
        while k + 1 < len(b):
            s, t = b[k], b[k + 1]
            if s.k != 'assign' or s.spell.get('fold') or s.spell.get('comma'):
                k += 1
                continue
            if s.op in FOLD_OPS and s.ty in FLOATS and rng.random() < 0.5:
                x = fold_target(s, t)
                if x is not None:
                    s.spell['fold'] = True
                    s.spell['bare'] = t.e is x and t.k != 'if'
                    x.fold = s
                    fn.features.add('fold-assign')
                    k += 2
                    continue
            if t.k == 'assign' and not t.spell.get('fold') and rng.random() < 0.2:
                s.spell['comma'] = True
                fn.features.add('comma')
                k += 2
                continue
            k += 1


# ---- switch -----------------------------------------------------------------------------

def returns(block):
    """A return or a continue in block (a jump out of a switch)."""
    return any(s.k in ('ret', 'continue') for s in walk_stmts(block))


def switches(block, rng, fn, workarounds, in_loop=False):
    for s in block:
        if s.k == 'if' and not s.spell.get('in-switch') and rng.random() < 0.25:
            r = rng.random()
            if in_loop and 'switch-return-loop' in workarounds and (returns(s.then) or returns(s.els or [])):
                pass  # gradc crashes (FINDINGS.md: switch-return-loop)
            else:
                s.spell['switch'] = r
                cur = s
                while cur.els and len(cur.els) == 1 and cur.els[0].k == 'if':
                    cur = cur.els[0]
                    cur.spell['in-switch'] = True
                fn.features.add('switch')
        if s.k in ('if', 'for'):
            switches(s.then, rng, fn, workarounds, in_loop or s.k == 'for')
            if s.els:
                switches(s.els, rng, fn, workarounds, in_loop)


def breaks(block):
    """A `break` of the enclosing loop in block (a switch would take it)."""
    for s in block:
        if s.k == 'break':
            return True
        if s.k == 'if' and (breaks(s.then) or (s.els and breaks(s.els))):
            return True
    return False


def switch_lines(s, pad, render):
    """The if/else-if chain at s as a switch, or None when it cannot be one.
    render(block, extra_indent) -> lines."""
    arms, cur = [], s
    while True:
        arms.append((cur.e, cur.then))
        if cur.els and len(cur.els) == 1 and cur.els[0].k == 'if':
            cur = cur.els[0]
            continue
        tail = cur.els
        break
    if any(breaks(body) for _, body in arms) or (tail and breaks(tail)):
        return None
    rng = random.Random(s.spell['switch'])
    c0 = arms[0][0]
    int_cmp = (len(arms) == 1 and c0.k == 'cmp' and c0.args[0].k == 'var' and c0.args[0].ty == 'int'
               and c0.args[1].k == 'lit' and c0.args[1].ty == 'int')
    cases = []  # (labels, body); labels None: default
    if int_cmp and c0.op in ('==', '!='):
        sel = src(c0.args[0])
        lit = str(c0.args[1].val)
        hit, miss = (arms[0][1], tail) if c0.op == '==' else (tail, arms[0][1])
        cases.append(([lit], hit or []))  # (`case 2: break;` for `if (n != 2) ...`)
        cases.append((None, miss or []))
    elif int_cmp:  # n < k: on n clamped to [k - 2, k + 2], which keeps n < k as it was
        v, k = src(c0.args[0]), c0.args[1].val
        sel = '%s < %d ? %d : %s > %d ? %d : %s' % (v, k - 2, k - 2, v, k + 2, k + 2, v)
        hit = [str(j) for j in range(k - 2, k + 3) if eval('%d %s %d' % (j, c0.op, k))]
        cases.append((hit, arms[0][1]))
        cases.append((None, tail or []))
    else:
        n = len(arms) + 1
        nums = rng.sample(range(n + 1), n)
        sel = ''.join('%s ? %d : ' % (src_bool(c), nums[k]) for k, (c, _) in enumerate(arms)) + str(nums[-1])
        sel = '(%s)' % sel if rng.random() < 0.3 else sel
        for k, (_, body) in enumerate(arms):
            labels = [str(nums[k])]
            if rng.random() < 0.2:  # a label no selector value takes, grouped with this arm
                labels.append(str(n + 1 + k))
                rng.shuffle(labels)
            cases.append((labels, body))
        cases.append((None, tail or []))
    if cases[-1][0] is None and not cases[-1][1] and rng.random() < 0.5:
        cases.pop()  # no default: nothing to do
    if rng.random() < 0.3 and cases[-1][0] is None:
        cases.insert(0, cases.pop())  # default first
    elif rng.random() < 0.3 and len(cases) > 2:
        rng.shuffle(cases)
    out = ['%sswitch (%s) {' % (pad, sel)]
    for labels, body in cases:
        head = ' '.join('case %s:' % lb for lb in labels) if labels else 'default:'
        lines = render(body, 2)
        if body and body[-1].k == 'ret':
            out += ['%s  %s {' % (pad, head)] + lines + ['%s  }' % pad]
        else:
            out += ['%s  %s {' % (pad, head)] + lines + ['%s  }' % pad, '%s  break;' % pad]
    out.append('%s}' % pad)
    return out
