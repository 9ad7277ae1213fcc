#include "cleanup/Cleanup.h"

#include "cleanup/ElementStores.h"
#include "cleanup/LoopOrder.h"

#include "lower/Lower.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace gradc {

using namespace ir;

namespace {

// ---- where things are -------------------------------------------------------

// A statement's place: its pre-order number and the chain of (block, index)
// from the function body down to it.
struct Site {
  Stmt* stmt;
  size_t order;
  std::vector<std::pair<Block*, size_t>> path;
  size_t end = 0;  // the order just past this statement's last nested statement

  size_t depth() const { return path.size() - 1; }
  Block* block() const { return path.back().first; }
  size_t index() const { return path.back().second; }
};

void collectSites(Block& b, std::vector<std::pair<Block*, size_t>>& path, std::vector<Site>& out) {
  for (size_t i = 0; i < b.size(); ++i) {
    path.push_back({&b, i});
    size_t me = out.size();
    out.push_back({&b[i], me, path});
    collectSites(b[i].thenBlock, path, out);
    collectSites(b[i].elseBlock, path, out);
    out[me].end = out.size();
    path.pop_back();
  }
}

std::vector<Site> sitesOf(Function& fn) {
  std::vector<Site> sites;
  std::vector<std::pair<Block*, size_t>> path;
  collectSites(fn.body, path, sites);
  return sites;
}

// What each variable looks like from the statements.
struct Usage {
  std::vector<std::vector<size_t>> defs;   // site orders of Assign/Accumulate/outs
  std::vector<std::vector<size_t>> uses;   // site orders of reads (repeated per read)
  std::vector<bool> addressTaken;          // passed as a pullback output
  std::vector<std::vector<size_t>> mentions() const {
    std::vector<std::vector<size_t>> m(defs.size());
    for (size_t v = 0; v < defs.size(); ++v) {
      m[v] = defs[v];
      m[v].insert(m[v].end(), uses[v].begin(), uses[v].end());
      std::sort(m[v].begin(), m[v].end());
      m[v].erase(std::unique(m[v].begin(), m[v].end()), m[v].end());
    }
    return m;
  }
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
    if (st.index) read(st.index, s.order);
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

// The innermost block holding every mention, and the index there of the
// statement that holds the first one.
struct Scope {
  Block* block;
  size_t depth;
  size_t index;
};

// `enterable`: the loops a variable may be declared inside: its own loop and
// the loops around that. A variable of the function (or of an outer loop)
// keeps its value across iterations, so it is never declared inside a loop
// it does not belong to, even when only that loop mentions it (an adjoint
// carried from one reverse iteration to the next).
Scope commonScope(const std::vector<Site>& sites, const std::vector<size_t>& mentions,
                  const std::set<int>& enterable) {
  const Site& first = sites[mentions.front()];
  size_t d = 0;
  while (true) {
    bool deeper = true;
    for (size_t o : mentions) {
      const Site& s = sites[o];
      // Going below depth d needs every mention inside the same statement there.
      if (s.depth() <= d || s.path[d] != first.path[d]) deeper = false;
    }
    const Stmt& here = (*first.path[d].first)[first.path[d].second];
    if (here.kind == StmtKind::For && !enterable.count(here.loopId)) deeper = false;
    if (!deeper) break;
    // All mentions sit inside the same statement at depth d; they must also
    // share the branch below it.
    Block* next = first.path[d + 1].first;
    bool sameBranch = true;
    for (size_t o : mentions) sameBranch = sameBranch && sites[o].path[d + 1].first == next;
    if (!sameBranch) break;
    ++d;
  }
  return {first.path[d].first, d, first.path[d].second};
}

bool isParamLike(const Var& v) {
  return v.role == VarRole::Param || v.role == VarRole::AdjointOut || v.role == VarRole::Seed;
}

ExprRef zeroOf(const Type& t) {
  if (t.kind == TypeKind::Bool) return constant(0, t, "false");
  if (t.kind == TypeKind::Int) return constant(0, t, "0");
  return constant(0, t, formatLiteral(0, t.kind));
}

// For each loop id, the ids of the loops around it (itself included).
std::map<int, std::set<int>> loopNesting(const Block& body) {
  std::map<int, std::set<int>> nest;
  std::vector<int> stack;
  std::function<void(const Block&)> walk = [&](const Block& b) {
    for (const Stmt& s : b) {
      if (s.kind == StmtKind::For) {
        stack.push_back(s.loopId);
        nest[s.loopId].insert(stack.begin(), stack.end());
      }
      walk(s.thenBlock);
      walk(s.elseBlock);
      if (s.kind == StmtKind::For) stack.pop_back();
    }
  };
  walk(body);
  return nest;
}

std::set<int> enterableLoops(const Var& v, const std::map<int, std::set<int>>& nest) {
  auto it = nest.find(v.loop);
  return it == nest.end() ? std::set<int>{} : it->second;
}

struct Insertion {
  Block* block;
  size_t depth;
  size_t index;
  Stmt stmt;
};

// Deepest blocks first: inserting into a block moves the statements (and so
// the nested blocks) it holds, so no outer block may change before its
// inner ones are done.
void applyInsertions(std::vector<Insertion>& ins) {
  std::stable_sort(ins.begin(), ins.end(), [](const Insertion& a, const Insertion& b) {
    if (a.depth != b.depth) return a.depth > b.depth;
    return a.block != b.block ? a.block < b.block : a.index > b.index;
  });
  for (Insertion& i : ins) i.block->insert(i.block->begin() + static_cast<long>(i.index), std::move(i.stmt));
}

// Gives `v` an explicit start in the innermost block that holds all its
// mentions: the first write becomes its definition when it can, otherwise a
// zero is inserted there. Returns true if `first` already defines v.
template <class OnFirstWrite>
void startVariables(Function& fn, bool (*wanted)(const Var&), OnFirstWrite onFirstWrite,
                    const std::set<VarId>* skip = nullptr) {
  std::vector<Site> sites = sitesOf(fn);
  std::vector<std::vector<size_t>> mentions = usage(fn, sites).mentions();
  std::map<int, std::set<int>> nest = loopNesting(fn.body);
  std::vector<Insertion> ins;
  for (size_t v = 0; v < fn.vars.size(); ++v) {
    if (!wanted(fn.vars[v]) || mentions[v].empty() || (skip && skip->count(static_cast<VarId>(v)))) continue;
    Scope scope = commonScope(sites, mentions[v], enterableLoops(fn.vars[v], nest));
    Site& first = sites[mentions[v].front()];
    Stmt& st = *first.stmt;
    VarId id = static_cast<VarId>(v);
    bool direct = first.depth() == scope.depth;
    bool writes = (st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) && st.dst == id && !st.index &&
                  st.value && !reads(st.value, id);
    if (direct && writes) {
      onFirstWrite(st);
      continue;
    }
    Stmt z = assign(id, zeroOf(fn.var(id).type), (*scope.block)[scope.index].origin);
    z.reverse = (*scope.block)[scope.index].reverse;
    onFirstWrite(z);
    ins.push_back({scope.block, scope.depth, scope.index, std::move(z)});
  }
  applyInsertions(ins);
}

// ---- adjoints start at zero -------------------------------------------------

void materializeAdjointZeros(Function& fn) {
  startVariables(fn, [](const Var& v) { return v.role == VarRole::Adjoint && !v.isArray(); },
                 [](Stmt& s) { s.kind = StmtKind::Assign; });  // 0 + e == e
}

// ---- constant folding and identities ---------------------------------------

bool isConst(const ExprRef& e, double v) { return e->op == Op::Const && e->number == v; }

// `adjoint`: the expression is in the reverse sweep, where a zero adjoint
// times anything is taken as zero (the contribution is exactly zero even where
// a local partial is infinite); the forward sweep keeps IEEE semantics.
ExprRef simplifyExpr(const ExprRef& e, bool adjoint) {
  if (e->args.empty()) return e;
  std::vector<ExprRef> args;
  bool changed = false;
  for (const auto& a : e->args) {
    args.push_back(simplifyExpr(a, adjoint));
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
      if (adjoint && (isConst(a, 0) || isConst(args[1], 0))) return makeConst(0);
      if (isConst(args[1], 1) && a->type == x->type) return a;
      if (isConst(a, 1) && args[1]->type == x->type) return args[1];
      if (isConst(args[1], -1)) return simplifyExpr(unary(Op::Neg, a, x->type), adjoint);
      if (isConst(a, -1)) return simplifyExpr(unary(Op::Neg, args[1], x->type), adjoint);
      if (a->op == Op::Neg) return simplifyExpr(unary(Op::Neg, binary(Op::Mul, a->args[0], args[1], x->type), x->type), adjoint);
      break;
    case Op::Div:
      if (adjoint && isConst(a, 0)) return makeConst(0);
      if (isConst(args[1], 1) && a->type == x->type) return a;
      if (a->op == Op::Neg) return simplifyExpr(unary(Op::Neg, binary(Op::Div, a->args[0], args[1], x->type), x->type), adjoint);
      break;
    case Op::Add:
      if (isConst(args[1], 0) && a->type == x->type) return a;
      if (isConst(a, 0) && args[1]->type == x->type) return args[1];
      if (args[1]->op == Op::Neg) return binary(Op::Sub, a, args[1]->args[0], x->type);
      break;
    case Op::Sub:
      if (isConst(args[1], 0) && a->type == x->type) return a;
      if (isConst(a, 0)) return simplifyExpr(unary(Op::Neg, args[1], x->type), adjoint);
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

bool mentions(const Stmt& s, VarId v) {
  bool found = (s.value && reads(s.value, v)) || (s.index && reads(s.index, v)) || s.dst == v ||
               std::count(s.outs.begin(), s.outs.end(), v) ||
               std::any_of(s.args.begin(), s.args.end(), [&](const ExprRef& a) { return reads(a, v); });
  for (const Stmt& t : s.thenBlock) found = found || mentions(t, v);
  for (const Stmt& t : s.elseBlock) found = found || mentions(t, v);
  return found;
}

bool simplify(Block& b) {
  bool changed = false;
  for (Stmt& s : b) {
    if (s.value) {
      ExprRef v = simplifyExpr(s.value, s.reverse && !s.recompute);
      changed = changed || v != s.value;
      s.value = v;
    }
    for (auto& a : s.args) {
      ExprRef v = simplifyExpr(a, s.reverse && !s.recompute);
      changed = changed || v != a;
      a = v;
    }
    changed = simplify(s.thenBlock) || changed;
    changed = simplify(s.elseBlock) || changed;
  }
  // `v = 0; ...; v += e` is `v = e` when nothing between mentions v.
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i].kind != StmtKind::Assign || b[i].index || !b[i].value || !isConst(b[i].value, 0) ||
        !b[i].value->type.isFloating())
      continue;
    VarId v = b[i].dst;
    for (size_t j = i + 1; j < b.size(); ++j) {
      if (b[j].kind == StmtKind::Accumulate && b[j].dst == v && !b[j].index && !reads(b[j].value, v)) {
        b[j].kind = StmtKind::Assign;
        b.erase(b.begin() + static_cast<long>(i));
        changed = true;
        break;
      }
      if (mentions(b[j], v)) break;
    }
  }
  // Adding an exact zero to an adjoint, or assigning a variable to itself,
  // does nothing.
  size_t before = b.size();
  b.erase(std::remove_if(b.begin(), b.end(),
                         [](const Stmt& s) {
                           bool addsZero = s.reverse && !s.recompute && s.kind == StmtKind::Accumulate && isConst(s.value, 0);
                           bool selfCopy = s.kind == StmtKind::Assign && !s.index && s.value && s.value->op == Op::Var &&
                                           s.value->var == s.dst;
                           return addsZero || selfCopy;
                         }),
          b.end());
  return changed || b.size() != before;
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

// The loops that enclose `use` but not `def`: a value moved into one of them
// is evaluated again on every iteration.
std::vector<const Site*> loopsBetween(const std::vector<Site>& sites, const Site& def, const Site& use) {
  std::vector<const Site*> loops;
  for (const Site& s : sites) {
    bool enclosesUse = s.order < use.order && use.order < s.end;
    bool enclosesDef = s.order < def.order && def.order < s.end;
    if (s.stmt->kind == StmtKind::For && enclosesUse && !enclosesDef) loops.push_back(&s);
  }
  return loops;
}

// Whether `e`'s operands may differ between `def` and every run of `use`.
bool operandsMayChange(const ExprRef& e, const Usage& u, const std::vector<Site>& sites, const Site& def,
                       const Site& use) {
  if (operandsChangeBetween(e, u, def.order, use.order)) return true;
  for (const Site* loop : loopsBetween(sites, def, use))
    if (operandsChangeBetween(e, u, loop->order, loop->end)) return true;
  return false;
}

// Is site `useOrder` after `def` in def's block (possibly nested deeper)?
bool followsInSameBlock(const std::vector<Site>& sites, const Site& def, size_t useOrder) {
  const Site& use = sites[useOrder];
  size_t d = def.depth();
  if (use.depth() < d) return false;
  for (size_t i = 0; i < d; ++i)
    if (use.path[i] != def.path[i]) return false;
  return use.path[d].first == def.block() && use.path[d].second > def.index();
}

bool foldable(const Var& v, const Function& fn) {
  if (v.role == VarRole::Temp) return true;
  return v.role == VarRole::Adjoint && v.primal != kNoVar && fn.var(v.primal).role == VarRole::Temp;
}

// One substitution per call: positions shift after each.
bool propagateOne(Function& fn) {
  std::vector<Site> sites = sitesOf(fn);
  Usage u = usage(fn, sites);
  for (const Site& s : sites) {
    Stmt& st = *s.stmt;
    if (st.kind != StmtKind::Assign || st.index || !st.value || fn.var(st.dst).isArray()) continue;
    // `a = v; ...; v = a` with v unchanged in between: the second is a no-op.
    if (st.value->op == Op::Var) {
      size_t a = static_cast<size_t>(st.value->var);
      if (u.defs[a].size() == 1) {
        const Stmt& def = *sites[u.defs[a][0]].stmt;
        bool copyBack = def.kind == StmtKind::Assign && def.value->op == Op::Var && def.value->var == st.dst &&
                        u.defs[a][0] < s.order && !operandsChangeBetween(def.value, u, u.defs[a][0], s.order);
        if (copyBack) {
          s.block()->erase(s.block()->begin() + static_cast<long>(s.index()));
          return true;
        }
      }
    }
    size_t v = static_cast<size_t>(st.dst);
    const Var& var = fn.vars[v];
    if (isParamLike(var) || u.addressTaken[v] || u.defs[v].size() != 1) continue;
    if (std::any_of(u.uses[v].begin(), u.uses[v].end(), [&](size_t o) { return o <= s.order; })) continue;
    bool copy = st.value->isAtom() && var.role != VarRole::Local && var.role != VarRole::Saved;
    bool usesFollow = std::all_of(u.uses[v].begin(), u.uses[v].end(),
                                  [&](size_t o) { return followsInSameBlock(sites, s, o); });
    if (copy && usesFollow) {
      size_t lastUse = u.uses[v].empty() ? s.order : *std::max_element(u.uses[v].begin(), u.uses[v].end());
      // A write at the last use itself comes after its read.
      if (st.value->op == Op::Var && operandsChangeBetween(st.value, u, s.order, lastUse)) continue;
      bool changesInLoop = false;
      for (size_t o : u.uses[v])
        for (const Site* loop : loopsBetween(sites, s, sites[o]))
          changesInLoop = changesInLoop || operandsChangeBetween(st.value, u, loop->order, loop->end);
      if (changesInLoop) continue;
      ExprRef with = st.value;
      replaceEverywhere(fn.body, st.dst, with);
      s.block()->erase(s.block()->begin() + static_cast<long>(s.index()));
      return true;
    }
    // A temporary read once, later in the same block: fold its expression in.
    if (!foldable(var, fn) || u.uses[v].size() != 1) continue;
    size_t useOrder = u.uses[v][0];
    const Site& use = sites[useOrder];
    if (use.stmt->reverse != st.reverse || !followsInSameBlock(sites, s, useOrder)) continue;
    // Never move work into a loop: it would run on every iteration.
    if (!loopsBetween(sites, s, use).empty()) continue;
    if (operandsMayChange(st.value, u, sites, s, use)) continue;
    ExprRef with = st.value;
    replaceEverywhere(fn.body, st.dst, with);
    s.block()->erase(s.block()->begin() + static_cast<long>(s.index()));
    return true;
  }
  return false;
}

// ---- dead code ----------------------------------------------------------------

// Whether writing `v` is seen outside the function (adjoint outputs, output
// arrays) and so is never dead.
bool observable(const Var& v) {
  return v.role == VarRole::AdjointOut || (v.role == VarRole::Param && v.isPointer);
}

// Backward liveness over structured code. Arrays are live as a whole (an
// element write never kills). With `apply`, removes statements whose results
// nothing observable reads. Returns the live set before the block.
std::set<VarId> liveness(Function& fn, Block& b, std::set<VarId> live, bool apply, bool& changed) {
  auto readInto = [&](const ExprRef& e) {
    if (!e) return;
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
        const Var& v = fn.var(s.dst);
        if (!observable(v) && !live.count(s.dst)) {
          keep = false;
          break;
        }
        if (s.kind == StmtKind::Assign && !observable(v) && !v.isArray()) live.erase(s.dst);
        if (s.kind == StmtKind::Accumulate) live.insert(s.dst);
        readInto(s.value);
        readInto(s.index);
        break;
      }
      case StmtKind::If: {
        std::set<VarId> t = liveness(fn, s.thenBlock, live, apply, changed);
        std::set<VarId> e = liveness(fn, s.elseBlock, live, apply, changed);
        if (s.thenBlock.empty() && s.elseBlock.empty()) {
          keep = false;
          break;
        }
        live = t;
        live.insert(e.begin(), e.end());
        readInto(s.value);
        break;
      }
      case StmtKind::For: {
        // The body runs zero or more times: iterate to a fixed point.
        std::set<VarId> out = live;
        bool ignored = false;
        while (true) {
          std::set<VarId> in = liveness(fn, s.thenBlock, out, false, ignored);
          std::set<VarId> next = live;
          next.insert(in.begin(), in.end());
          if (next == out) break;
          out = next;
        }
        std::set<VarId> in = liveness(fn, s.thenBlock, out, apply, changed);
        if (s.thenBlock.empty()) {
          keep = false;
          break;
        }
        live.insert(in.begin(), in.end());
        live.erase(s.dst);
        for (const auto& a : s.args) readInto(a);
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
    if (!keep && apply) {
      b.erase(b.begin() + static_cast<long>(i));
      changed = true;
    }
  }
  return live;
}

// ---- declarations -----------------------------------------------------------

void placeDeclarations(Function& fn) {
  // Loop counters are declared by their loop.
  std::set<VarId> counters;
  forEachStmt(fn.body, [&](const Stmt& s) {
    if (s.kind == StmtKind::For) counters.insert(s.dst);
  });
  std::vector<Site> sites = sitesOf(fn);
  std::vector<std::vector<size_t>> mentions = usage(fn, sites).mentions();
  std::map<int, std::set<int>> nest = loopNesting(fn.body);
  std::vector<Insertion> ins;
  for (size_t v = 0; v < fn.vars.size(); ++v) {
    const Var& var = fn.vars[v];
    // Runtime-length tapes live in the caller's work buffer (see emit).
    if (!var.isArray() || isParamLike(var) || mentions[v].empty() || var.arraySize == kRuntimeSize) continue;
    // An array is declared before its first use; adjoint arrays start at zero.
    Scope scope = commonScope(sites, mentions[v], enterableLoops(var, nest));
    Stmt d;
    d.kind = StmtKind::Assign;
    d.dst = static_cast<VarId>(v);
    d.declares = true;
    if (var.role == VarRole::Adjoint) d.value = zeroOf(var.type);
    d.origin = (*scope.block)[scope.index].origin;
    d.reverse = (*scope.block)[scope.index].reverse;
    ins.push_back({scope.block, scope.depth, scope.index, std::move(d)});
  }
  applyInsertions(ins);
  startVariables(fn, [](const Var& v) { return !isParamLike(v) && !v.isArray(); },
                 [](Stmt& s) { s.declares = true; }, &counters);
}

}  // namespace

Function cleanup(Function fn) {
  materializeAdjointZeros(fn);
  for (bool changed = true; changed;) {
    changed = simplify(fn.body);
    while (propagateOne(fn)) changed = true;
    liveness(fn, fn.body, {}, true, changed);
    changed = removeOverwrittenStores(fn) || changed;
  }
  runIndependentReverseLoopsForwards(fn);
  placeDeclarations(fn);
  // Keep only the work-buffer tapes the code still uses.
  std::set<VarId> used;
  forEachStmt(fn.body, [&](const Stmt& s) {
    if (s.index) used.insert(s.dst);
  });
  fn.runtimeTapes.erase(std::remove_if(fn.runtimeTapes.begin(), fn.runtimeTapes.end(),
                                       [&](const auto& t) { return !used.count(t.first); }),
                        fn.runtimeTapes.end());
  return fn;
}

}  // namespace gradc
