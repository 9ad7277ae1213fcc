#include "cleanup/Cleanup.h"

#include "lower/Lower.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace gradc {

using namespace ir;

namespace {

// ---- where things are -------------------------------------------------------

// A statement's place in pre-order, and the top-level statement it sits in.
struct Site {
  Stmt* stmt;
  size_t order;
  size_t top;
  int depth;
  Block* block;
  size_t index;
};

void collectSites(Block& b, int depth, size_t top, std::vector<Site>& out) {
  for (size_t i = 0; i < b.size(); ++i) {
    size_t t = depth == 0 ? i : top;
    out.push_back({&b[i], out.size(), t, depth, &b, i});
    collectSites(b[i].thenBlock, depth + 1, t, out);
    collectSites(b[i].elseBlock, depth + 1, t, out);
  }
}

// What each variable looks like from the statements.
struct Usage {
  std::vector<std::vector<size_t>> defs;   // site orders of Assign/Accumulate/outs
  std::vector<std::vector<size_t>> uses;   // site orders of reads (repeated per read)
  std::vector<bool> addressTaken;          // passed as a pullback output
};

Usage usage(const Function& fn, const std::vector<Site>& sites) {
  Usage u;
  size_t n = fn.vars.size();
  u.defs.assign(n, {});
  u.uses.assign(n, {});
  u.addressTaken.assign(n, false);
  auto read = [&](const ExprRef& e, size_t order) {
    std::vector<VarId> r;
    collectReads(e, r);
    for (VarId v : r) u.uses[static_cast<size_t>(v)].push_back(order);
  };
  for (const Site& s : sites) {
    const Stmt& st = *s.stmt;
    if (st.value) read(st.value, s.order);
    for (const auto& a : st.args) read(a, s.order);
    if (st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) u.defs[static_cast<size_t>(st.dst)].push_back(s.order);
    if (st.kind == StmtKind::Accumulate) u.uses[static_cast<size_t>(st.dst)].push_back(s.order);
    for (VarId o : st.outs) {
      u.defs[static_cast<size_t>(o)].push_back(s.order);
      u.uses[static_cast<size_t>(o)].push_back(s.order);
      u.addressTaken[static_cast<size_t>(o)] = true;
    }
  }
  return u;
}

bool isParamLike(const Var& v) {
  return v.role == VarRole::Param || v.role == VarRole::AdjointOut || v.role == VarRole::Seed;
}

ExprRef zeroOf(const Type& t) {
  if (t.kind == TypeKind::Bool) return constant(0, t, "false");
  if (t.kind == TypeKind::Int) return constant(0, t, "0");
  return constant(0, t, formatLiteral(0, t.kind));
}

// ---- adjoints start at zero -------------------------------------------------

void materializeAdjointZeros(Function& fn) {
  std::vector<Site> sites;
  collectSites(fn.body, 0, 0, sites);
  std::vector<std::pair<size_t, VarId>> inserts;  // (top-level index, var)
  for (size_t v = 0; v < fn.vars.size(); ++v) {
    if (fn.vars[v].role != VarRole::Adjoint) continue;
    for (const Site& s : sites) {
      const Stmt& st = *s.stmt;
      bool mentions = (st.value && reads(st.value, static_cast<VarId>(v))) ||
                      ((st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) && st.dst == static_cast<VarId>(v)) ||
                      std::count(st.outs.begin(), st.outs.end(), static_cast<VarId>(v)) ||
                      std::any_of(st.args.begin(), st.args.end(), [&](const ExprRef& a) { return reads(a, static_cast<VarId>(v)); });
      if (!mentions) continue;
      bool firstWriteAtTop = s.depth == 0 && st.kind == StmtKind::Accumulate && st.dst == static_cast<VarId>(v) &&
                             !reads(st.value, static_cast<VarId>(v));
      if (firstWriteAtTop)
        s.stmt->kind = StmtKind::Assign;  // 0 + e == e
      else if (!(s.depth == 0 && st.kind == StmtKind::Assign && st.dst == static_cast<VarId>(v)))
        inserts.push_back({s.top, static_cast<VarId>(v)});
      break;
    }
  }
  std::stable_sort(inserts.begin(), inserts.end(), [](auto& a, auto& b) { return a.first > b.first; });
  for (auto [top, v] : inserts) {
    Stmt z = assign(v, zeroOf(fn.var(v).type), fn.body[top].origin);
    z.reverse = fn.body[top].reverse;
    fn.body.insert(fn.body.begin() + static_cast<long>(top), z);
  }
}

// ---- constant folding and identities ---------------------------------------

bool isConst(const ExprRef& e, double v) { return e->op == Op::Const && e->number == v; }

ExprRef simplifyExpr(const ExprRef& e) {
  if (e->args.empty()) return e;
  std::vector<ExprRef> args;
  bool changed = false;
  for (const auto& a : e->args) {
    args.push_back(simplifyExpr(a));
    changed = changed || args.back() != a;
  }
  ExprRef x = changed ? withArgs(*e, args) : e;
  if (!x->type.isFloating()) return x;
  const ExprRef& a = args[0];
  auto makeConst = [&](double v) {
    if (x->type.kind == TypeKind::Float) v = static_cast<float>(v);
    return constant(v, x->type, formatLiteral(v, x->type.kind));
  };
  switch (x->op) {
    case Op::Neg:
      if (a->op == Op::Neg) return a->args[0];
      if (a->op == Op::Const) return makeConst(-a->number);
      return x;
    case Op::Cast:
      if (a->op == Op::Const) return makeConst(a->number);
      return x;
    case Op::Mul:
      if (isConst(args[1], 1) && a->type == x->type) return a;
      if (isConst(a, 1) && args[1]->type == x->type) return args[1];
      if (isConst(args[1], -1)) return simplifyExpr(unary(Op::Neg, a, x->type));
      if (isConst(a, -1)) return simplifyExpr(unary(Op::Neg, args[1], x->type));
      if (a->op == Op::Neg) return simplifyExpr(unary(Op::Neg, binary(Op::Mul, a->args[0], args[1], x->type), x->type));
      break;
    case Op::Div:
      if (isConst(args[1], 1) && a->type == x->type) return a;
      if (a->op == Op::Neg) return simplifyExpr(unary(Op::Neg, binary(Op::Div, a->args[0], args[1], x->type), x->type));
      break;
    case Op::Add:
      if (isConst(args[1], 0) && a->type == x->type) return a;
      if (isConst(a, 0) && args[1]->type == x->type) return args[1];
      if (args[1]->op == Op::Neg) return binary(Op::Sub, a, args[1]->args[0], x->type);
      break;
    case Op::Sub:
      if (isConst(args[1], 0) && a->type == x->type) return a;
      if (isConst(a, 0)) return simplifyExpr(unary(Op::Neg, args[1], x->type));
      if (args[1]->op == Op::Neg) return binary(Op::Add, a, args[1]->args[0], x->type);
      break;
    default:
      return x;
  }
  if (x->args.size() == 2 && a->op == Op::Const && args[1]->op == Op::Const) {
    double l = a->number, r = args[1]->number;
    switch (x->op) {
      case Op::Add: return makeConst(l + r);
      case Op::Sub: return makeConst(l - r);
      case Op::Mul: return makeConst(l * r);
      case Op::Div: return r != 0 ? makeConst(l / r) : x;
      default: break;
    }
  }
  return x;
}

bool simplify(Block& b) {
  bool changed = false;
  for (Stmt& s : b) {
    if (s.value) {
      ExprRef v = simplifyExpr(s.value);
      changed = changed || v != s.value;
      s.value = v;
    }
    for (auto& a : s.args) {
      ExprRef v = simplifyExpr(a);
      changed = changed || v != a;
      a = v;
    }
    changed = simplify(s.thenBlock) || changed;
    changed = simplify(s.elseBlock) || changed;
  }
  return changed;
}

// ---- copy propagation and single-use folding --------------------------------

void replaceEverywhere(Block& b, VarId v, const ExprRef& with) {
  std::vector<ExprRef> byVar(static_cast<size_t>(v) + 1);
  byVar[static_cast<size_t>(v)] = with;
  for (Stmt& s : b) {
    if (s.value) s.value = substitute(s.value, byVar);
    for (auto& a : s.args) a = substitute(a, byVar);
    replaceEverywhere(s.thenBlock, v, with);
    replaceEverywhere(s.elseBlock, v, with);
  }
}

// Whether any variable `e` reads is written at a site in (from, to).
bool operandsChangeBetween(const ExprRef& e, const Usage& u, size_t from, size_t to) {
  std::vector<VarId> r;
  collectReads(e, r);
  for (VarId v : r)
    for (size_t d : u.defs[static_cast<size_t>(v)])
      if (d > from && d < to) return true;
  return false;
}

// Is site `use` inside statement `def`'s block, after it (possibly nested)?
bool followsInSameBlock(const std::vector<Site>& sites, const Site& def, size_t useOrder) {
  for (size_t i = def.index + 1; i < def.block->size(); ++i) {
    const Stmt* s = &(*def.block)[i];
    auto it = std::find_if(sites.begin(), sites.end(), [&](const Site& x) { return x.stmt == s; });
    size_t start = it->order;
    size_t end = i + 1 < def.block->size()
                     ? std::find_if(sites.begin(), sites.end(), [&](const Site& x) { return x.stmt == &(*def.block)[i + 1]; })->order
                     : std::numeric_limits<size_t>::max();
    if (useOrder >= start && useOrder < end) return true;
  }
  return false;
}

bool foldable(const Var& v, const Function& fn) {
  if (v.role == VarRole::Temp) return true;
  return v.role == VarRole::Adjoint && v.primal != kNoVar && fn.var(v.primal).role == VarRole::Temp;
}

// One substitution per call: positions shift after each.
bool propagateOne(Function& fn) {
  std::vector<Site> sites;
  collectSites(fn.body, 0, 0, sites);
  Usage u = usage(fn, sites);
  for (const Site& s : sites) {
    Stmt& st = *s.stmt;
    if (st.kind != StmtKind::Assign) continue;
    size_t v = static_cast<size_t>(st.dst);
    const Var& var = fn.vars[v];
    if (isParamLike(var) || u.addressTaken[v] || u.defs[v].size() != 1) continue;
    if (std::any_of(u.uses[v].begin(), u.uses[v].end(), [&](size_t o) { return o <= s.order; })) continue;
    bool copy = st.value->isAtom() && var.role != VarRole::Local && var.role != VarRole::Saved;
    if (copy && s.depth == 0) {
      size_t lastUse = u.uses[v].empty() ? s.order : *std::max_element(u.uses[v].begin(), u.uses[v].end());
      if (st.value->op == Op::Var && operandsChangeBetween(st.value, u, s.order, lastUse + 1)) continue;
      ExprRef with = st.value;
      replaceEverywhere(fn.body, st.dst, with);
      s.block->erase(s.block->begin() + static_cast<long>(s.index));
      return true;
    }
    // A temporary read once, later in the same block: fold its expression in.
    if (!foldable(var, fn) || u.uses[v].size() != 1) continue;
    size_t useOrder = u.uses[v][0];
    const Site& use = sites[useOrder];
    if (use.stmt->reverse != st.reverse || !followsInSameBlock(sites, s, useOrder)) continue;
    if (operandsChangeBetween(st.value, u, s.order, useOrder)) continue;
    ExprRef with = st.value;
    replaceEverywhere(fn.body, st.dst, with);
    s.block->erase(s.block->begin() + static_cast<long>(s.index));
    return true;
  }
  return false;
}

// ---- dead code ----------------------------------------------------------------

// Backward liveness over structured code; removes statements whose results
// nothing observable reads. Returns the live set before the block.
std::set<VarId> eliminateDead(Function& fn, Block& b, std::set<VarId> live, bool& changed) {
  auto readInto = [&](const ExprRef& e) {
    std::vector<VarId> r;
    collectReads(e, r);
    live.insert(r.begin(), r.end());
  };
  for (size_t i = b.size(); i-- > 0;) {
    Stmt& s = b[i];
    bool keep = true;
    switch (s.kind) {
      case StmtKind::Return:
        readInto(s.value);
        break;
      case StmtKind::Assign:
      case StmtKind::Accumulate: {
        bool observable = fn.var(s.dst).role == VarRole::AdjointOut;
        if (!observable && !live.count(s.dst)) {
          keep = false;
          break;
        }
        if (s.kind == StmtKind::Assign && !observable) live.erase(s.dst);
        if (s.kind == StmtKind::Accumulate) live.insert(s.dst);
        readInto(s.value);
        break;
      }
      case StmtKind::If: {
        std::set<VarId> t = eliminateDead(fn, s.thenBlock, live, changed);
        std::set<VarId> e = eliminateDead(fn, s.elseBlock, live, changed);
        if (s.thenBlock.empty() && s.elseBlock.empty()) {
          keep = false;
          break;
        }
        live = t;
        live.insert(e.begin(), e.end());
        readInto(s.value);
        break;
      }
      case StmtKind::PullbackCall: {
        bool any = std::any_of(s.outs.begin(), s.outs.end(), [&](VarId o) {
          return fn.var(o).role == VarRole::AdjointOut || live.count(o);
        });
        if (!any) {
          keep = false;
          break;
        }
        live.insert(s.outs.begin(), s.outs.end());
        for (const auto& a : s.args) readInto(a);
        break;
      }
    }
    if (!keep) {
      b.erase(b.begin() + static_cast<long>(i));
      changed = true;
    }
  }
  return live;
}

// ---- declarations -----------------------------------------------------------

void placeDeclarations(Function& fn) {
  std::vector<Site> sites;
  collectSites(fn.body, 0, 0, sites);
  Usage u = usage(fn, sites);
  std::vector<std::pair<size_t, VarId>> hoists;
  for (size_t v = 0; v < fn.vars.size(); ++v) {
    if (isParamLike(fn.vars[v])) continue;
    size_t first = std::numeric_limits<size_t>::max();
    for (size_t o : u.defs[v]) first = std::min(first, o);
    for (size_t o : u.uses[v]) first = std::min(first, o);
    if (first == std::numeric_limits<size_t>::max()) continue;
    Site& s = sites[first];
    bool declaresHere = s.depth == 0 && s.stmt->kind == StmtKind::Assign && s.stmt->dst == static_cast<VarId>(v) &&
                        !reads(s.stmt->value, static_cast<VarId>(v));
    if (declaresHere)
      s.stmt->declares = true;
    else
      hoists.push_back({s.top, static_cast<VarId>(v)});
  }
  std::stable_sort(hoists.begin(), hoists.end(), [](auto& a, auto& b) { return a.first > b.first; });
  for (auto [top, v] : hoists) {
    Stmt d = assign(v, zeroOf(fn.var(v).type), fn.body[top].origin);
    d.declares = true;
    d.reverse = fn.body[top].reverse;
    fn.body.insert(fn.body.begin() + static_cast<long>(top), d);
  }
}

}  // namespace

Function cleanup(Function fn) {
  materializeAdjointZeros(fn);
  for (bool changed = true; changed;) {
    changed = simplify(fn.body);
    while (propagateOne(fn)) changed = true;
    eliminateDead(fn, fn.body, {}, changed);
  }
  placeDeclarations(fn);
  return fn;
}

}  // namespace gradc
