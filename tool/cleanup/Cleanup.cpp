#include "cleanup/Cleanup.h"

#include "cleanup/ElementStores.h"
#include "cleanup/LoopOrder.h"

#include "lower/Lower.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <cstdint>

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
  // `v = 0; ...; v += e` is `v = e` when nothing between mentions v. (The
  // zero goes at the end, with what follows; the statement after a zero that
  // goes is not looked at in this round.)
  std::vector<bool> gone(b.size(), false);
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i].kind != StmtKind::Assign || b[i].index || !b[i].value || !isConst(b[i].value, 0) ||
        !b[i].value->type.isFloating())
      continue;
    VarId v = b[i].dst;
    for (size_t j = i + 1; j < b.size(); ++j) {
      if (b[j].kind == StmtKind::Accumulate && b[j].dst == v && !b[j].index && !reads(b[j].value, v)) {
        b[j].kind = StmtKind::Assign;
        gone[i] = true;
        ++i;
        changed = true;
        break;
      }
      if (mentions(b[j], v)) break;
    }
  }
  // Adding an exact zero to an adjoint, or assigning a variable to itself,
  // does nothing.
  size_t kept = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    const Stmt& s = b[i];
    bool addsZero = s.reverse && !s.recompute && s.kind == StmtKind::Accumulate && isConst(s.value, 0);
    bool selfCopy = s.kind == StmtKind::Assign && !s.index && s.value && s.value->op == Op::Var && s.value->var == s.dst;
    if (addsZero || selfCopy) {
      changed = true;
      continue;
    }
    if (gone[i]) continue;
    if (kept != i) b[kept] = std::move(b[i]);
    ++kept;
  }
  b.erase(b.begin() + static_cast<long>(kept), b.end());
  return changed;
}

// ---- copy propagation and single-use folding --------------------------------

// Whether `use` comes after `def` in def's block (possibly nested deeper).
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

// Copy propagation and folding, one rewrite at a time: each step applies the
// first rewrite, in statement order, that the function as it now stands
// allows. (The order decides which rewrites happen at all: a fold can enable
// or prevent another.)
//
// Doing that by rescanning the function after every rewrite is quadratic or
// worse, so the pass keeps where each variable is written and read up to date
// as it rewrites, and remembers which statements before its scan position
// might have become rewritable: a statement it has looked at and passed over
// stays that way until something its look depended on changes (see settle).
// Those are looked at again, in order, before the scan moves on, so the
// rewrites and their order are exactly those of the rescanning pass.
//
// Statements are not removed while the pass runs, only marked dead, so every
// statement keeps its pre-order number and its place; the dead ones go at the
// end. A dead statement is invisible: it neither writes nor reads anything.
class Propagation {
 public:
  explicit Propagation(Function& fn) : fn_(fn), sites_(sitesOf(fn)) {
    size_t n = fn.vars.size();
    defs_.resize(n);
    uses_.resize(n);
    nDefs_.assign(n, 0);
    nUses_.assign(n, 0);
    addressTaken_.assign(n, false);
    slot_.assign(n, kNone);
    watches_.resize(n);
    looks_.assign(sites_.size(), 0);
    dead_.assign(sites_.size(), false);
    parent_.assign(sites_.size(), kNone);
    std::vector<size_t> open;
    for (const Site& s : sites_) {
      while (!open.empty() && sites_[open.back()].end <= s.order) open.pop_back();
      if (!open.empty()) parent_[s.order] = open.back();
      open.push_back(s.order);
      count(s.order, 1, true);
      for (VarId o : s.stmt->outs)
        if (o != kNoVar) addressTaken_[static_cast<size_t>(o)] = true;
    }
    usesTouched_.clear();
    defsGone_.clear();
  }

  // Applies every rewrite there is; true if there was one.
  bool run() {
    bool any = false;
    while (true) {
      size_t k;
      if (!recheck_.empty()) {
        k = *recheck_.begin();
        recheck_.erase(recheck_.begin());
      } else if (next_ < sites_.size()) {
        k = next_++;
      } else {
        break;
      }
      if (dead_[k] || !rewrite(k)) continue;
      any = true;
      settle();
    }
    if (any) {
      size_t order = 0;
      removeDead(fn_.body, order);
    }
    return any;
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // Adds (sign 1) or takes away (-1) what statement `order` writes and reads.
  void count(size_t order, int sign, bool withDefs) {
    const Stmt& st = *sites_[order].stmt;
    auto read = [&](const ExprRef& e) {
      for (auto [v, times] : readsOf(e)) bump(uses_, nUses_, &usesTouched_, v, order, sign * times);
    };
    if (st.value) read(st.value);
    if (st.index) read(st.index);
    for (const auto& a : st.args) read(a);
    if (!withDefs) return;
    if (st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) bump(defs_, nDefs_, nullptr, st.dst, order, sign);
    if (st.kind == StmtKind::Accumulate) bump(uses_, nUses_, &usesTouched_, st.dst, order, sign);
    for (VarId o : st.outs) {
      if (o == kNoVar) continue;
      bump(defs_, nDefs_, nullptr, o, order, sign);
      bump(uses_, nUses_, &usesTouched_, o, order, sign);
    }
  }

  // Each variable in `vars` once, with how many times it is there.
  const std::vector<std::pair<VarId, int>>& tally(const std::vector<VarId>& vars) {
    tallied_.clear();
    for (VarId v : vars) {
      size_t i = static_cast<size_t>(v);
      if (slot_[i] == kNone) {
        slot_[i] = tallied_.size();
        tallied_.push_back({v, 0});
      }
      ++tallied_[slot_[i]].second;
    }
    for (const auto& t : tallied_) slot_[static_cast<size_t>(t.first)] = kNone;
    return tallied_;
  }

  // `touched`: where to note a variable whose reads changed (nullptr: writes,
  // which only ever go, and are noted in defsGone_).
  void bump(std::vector<std::map<size_t, int>>& at, std::vector<size_t>& total, std::vector<VarId>* touched, VarId v,
            size_t order, int sign) {
    size_t i = static_cast<size_t>(v);
    auto& m = at[i];
    int& c = m[order];
    c += sign;
    if (c == 0) m.erase(order);
    if (sign == 0) return;
    total[i] = static_cast<size_t>(static_cast<long>(total[i]) + sign);
    if (touched)
      touched->push_back(v);
    else
      defsGone_.push_back({v, order});
  }

  // Whether any variable `e` reads is written at a site in (from, to). The
  // statement being looked at watches the interval: its answer may change
  // when a write there goes.
  bool operandsChangeBetween(const ExprRef& e, size_t from, size_t to) {
    for (auto [v, times] : readsOf(e)) {
      watches_[static_cast<size_t>(v)].push_back({from, to, looking_, looks_[looking_]});
      const auto& d = defs_[static_cast<size_t>(v)];
      auto it = d.upper_bound(from);
      if (it != d.end() && it->first < to) return true;
    }
    return false;
  }

  // The loops that enclose `use` but not `def`: a value moved into one of
  // them is evaluated again on every iteration.
  std::vector<size_t> loopsBetween(const Site& def, const Site& use) const {
    std::vector<size_t> loops;
    for (size_t a = parent_[use.order]; a != kNone; a = parent_[a]) {
      const Site& s = sites_[a];
      bool enclosesDef = s.order < def.order && def.order < s.end;
      if (s.stmt->kind == StmtKind::For && !enclosesDef) loops.push_back(a);
    }
    return loops;
  }

  bool changesInLoops(const ExprRef& e, const Site& def, const Site& use) {
    for (size_t loop : loopsBetween(def, use))
      if (operandsChangeBetween(e, sites_[loop].order, sites_[loop].end)) return true;
    return false;
  }

  // The first rewrite at statement k, if there is one.
  bool rewrite(size_t k) {
    looking_ = k;
    ++looks_[k];
    const Site& s = sites_[k];
    Stmt& st = *s.stmt;
    if (st.kind != StmtKind::Assign || st.index || !st.value || fn_.var(st.dst).isArray()) return false;
    // `a = v; ...; v = a` with v unchanged in between: the second is a no-op.
    if (st.value->op == Op::Var) {
      size_t a = static_cast<size_t>(st.value->var);
      if (nDefs_[a] == 1) {
        size_t at = defs_[a].begin()->first;
        const Stmt& def = *sites_[at].stmt;
        bool copyBack = def.kind == StmtKind::Assign && def.value->op == Op::Var && def.value->var == st.dst &&
                        at < k && !operandsChangeBetween(def.value, at, k);
        if (copyBack) {
          kill(k);
          return true;
        }
      }
    }
    size_t v = static_cast<size_t>(st.dst);
    const Var& var = fn_.vars[v];
    if (isParamLike(var) || addressTaken_[v] || nDefs_[v] != 1) return false;
    const auto& uses = uses_[v];
    if (!uses.empty() && uses.begin()->first <= k) return false;
    bool copy = st.value->isAtom() && var.role != VarRole::Local && var.role != VarRole::Saved;
    bool usesFollow = std::all_of(uses.begin(), uses.end(),
                                  [&](const auto& u) { return followsInSameBlock(sites_, s, u.first); });
    if (copy && usesFollow) {
      size_t lastUse = uses.empty() ? k : uses.rbegin()->first;
      // A write at the last use itself comes after its read.
      if (st.value->op == Op::Var && operandsChangeBetween(st.value, k, lastUse)) return false;
      for (const auto& u : uses)
        if (changesInLoops(st.value, s, sites_[u.first])) return false;
      replace(k);
      return true;
    }
    // A temporary read once, later in the same block: fold its expression in.
    if (!foldable(var, fn_) || nUses_[v] != 1) return false;
    const Site& use = sites_[uses.begin()->first];
    if (use.stmt->reverse != st.reverse || !followsInSameBlock(sites_, s, use.order)) return false;
    // Never move work into a loop: it would run on every iteration.
    if (!loopsBetween(s, use).empty()) return false;
    if (operandsChangeBetween(st.value, s.order, use.order) || changesInLoops(st.value, s, use)) return false;
    replace(k);
    return true;
  }

  // Statement k's variable becomes its value wherever it is read (in values
  // and arguments: an index keeps it), and statement k goes.
  void replace(size_t k) {
    const Stmt& st = *sites_[k].stmt;
    size_t v = static_cast<size_t>(st.dst);
    std::vector<size_t> at;
    for (const auto& u : uses_[v]) at.push_back(u.first);
    ExprRef with = st.value;
    std::vector<std::pair<VarId, int>> withReads = readsOf(with);
    for (size_t q : at) {
      Stmt& t = *sites_[q].stmt;
      // v's reads at q become reads of what `with` reads (the index, which
      // keeps v, aside).
      int times = 0;
      bool renamesArray = false;
      auto in = [&](const ExprRef& e) {
        countVar(e, st.dst, times, renamesArray);
        return replaceVar(e, st.dst, with);
      };
      if (t.value) t.value = in(t.value);
      for (auto& a : t.args) a = in(a);
      if (renamesArray) {
        // Not a case that arises (v is a scalar); counted the long way all the same.
        recount(q);
      } else if (times) {
        bump(uses_, nUses_, &usesTouched_, st.dst, q, -times);
        for (auto [r, n] : withReads) bump(uses_, nUses_, &usesTouched_, r, q, n * times);
      }
      changed_.push_back(q);
    }
    kill(k);
  }

  // Statement q's reads from scratch.
  void recount(size_t q) {
    for (size_t v = 0; v < uses_.size(); ++v) {
      auto it = uses_[v].find(q);
      if (it != uses_[v].end()) bump(uses_, nUses_, &usesTouched_, static_cast<VarId>(v), q, -it->second);
    }
    count(q, 1, false);
  }

  // A superset of the variables a subtree reads, as bits (variable id mod
  // 64), kept per node: it lets a search for one variable skip the
  // subtrees that cannot hold it.
  struct Node {
    ExprRef e;  // held: the address stays this node's
    uint64_t mask = 0;
    bool many = false;                      // reads too many variables to keep them
    std::vector<std::pair<VarId, int>> reads;  // unless many: each variable read, and how often
  };
  const Node& node(const ExprRef& e) {
    auto it = nodes_.find(e.get());
    if (it != nodes_.end()) return it->second;
    Node n;
    n.e = e;
    for (const auto& a : e->args) {
      const Node& c = node(a);
      n.mask |= c.mask;
      n.many = n.many || c.many;
    }
    if (e->op == Op::Var || e->op == Op::Load) n.mask |= bit(e->var);
    if (!n.many) {
      std::vector<VarId> own;
      if (e->op == Op::Var || e->op == Op::Load) own.push_back(e->var);
      n.reads = merge(own, e->args);
      n.many = n.reads.size() > 32;
      if (n.many) n.reads.clear();
    }
    return nodes_.emplace(e.get(), std::move(n)).first->second;
  }
  std::vector<std::pair<VarId, int>> merge(const std::vector<VarId>& own, const std::vector<ExprRef>& args) {
    std::vector<std::pair<VarId, int>> out;
    auto add = [&](VarId v, int times) {
      size_t i = static_cast<size_t>(v);
      if (slot_[i] == kNone) {
        slot_[i] = out.size();
        out.push_back({v, 0});
      }
      out[slot_[i]].second += times;
    };
    for (VarId v : own) add(v, 1);
    for (const auto& a : args)
      for (auto [v, times] : nodes_.find(a.get())->second.reads) add(v, times);
    for (const auto& t : out) slot_[static_cast<size_t>(t.first)] = kNone;
    return out;
  }
  // Whether `e` may read v: exact unless it reads many variables. (The mask
  // alone sends every search for a variable sharing a bit with, say, `x`
  // through a whole folded chain, which is quadratic.)
  bool mayRead(const ExprRef& e, VarId v) {
    const Node& n = node(e);
    if (!(n.mask & bit(v))) return false;
    return n.many || std::any_of(n.reads.begin(), n.reads.end(), [&](const auto& r) { return r.first == v; });
  }
  // What `e` reads: each variable once, with how often.
  std::vector<std::pair<VarId, int>> readsOf(const ExprRef& e) {
    const Node& n = node(e);
    if (!n.many) return n.reads;
    reads_.clear();
    collectReads(e, reads_);
    return tally(reads_);
  }
  static uint64_t bit(VarId v) { return uint64_t{1} << (static_cast<unsigned>(v) % 64); }

  // How many times `e` reads v as a variable; whether it loads from an array v.
  void countVar(const ExprRef& e, VarId v, int& times, bool& load) {
    if (!mayRead(e, v)) return;
    if (e->op == Op::Var && e->var == v) ++times;
    if (e->op == Op::Load && e->var == v) load = true;
    for (const auto& a : e->args) countVar(a, v, times, load);
  }

  // ir::substitute with only v mapped (to `with`), the same result node for
  // node; subtrees that do not read v are left unvisited.
  ExprRef replaceVar(const ExprRef& e, VarId v, const ExprRef& with) {
    if (!mayRead(e, v)) return e;
    if (e->op == Op::Load) {
      ExprRef index = replaceVar(e->args[0], v, with);
      VarId to = e->var == v && with->op == Op::Var ? with->var : e->var;
      return to == e->var && index == e->args[0] ? e : load(to, index, e->type);
    }
    if (e->op == Op::Var) return e->var == v ? with : e;
    if (e->args.empty()) return e;
    std::vector<ExprRef> args;
    bool changed = false;
    for (const auto& a : e->args) {
      args.push_back(replaceVar(a, v, with));
      changed = changed || args.back() != a;
    }
    return changed ? withArgs(*e, std::move(args)) : e;
  }

  void kill(size_t k) {
    count(k, -1, true);
    dead_[k] = true;
  }

  // After a rewrite: the statements already passed over that it may have made
  // rewritable. Whether a statement can be rewritten depends on
  //   - its own text;
  //   - whether its variable, or the variable it copies, is written once (and
  //     where, and that write's text);
  //   - when its variable is written once, where it is read;
  //   - whether variables are written in the intervals its last look asked
  //     about (watches_): only a write going from such an interval matters,
  //     so a variable written everywhere (an adjoint) does not send every
  //     statement reading it back.
  void settle() {
    for (auto [x, at] : defsGone_) {
      size_t i = static_cast<size_t>(x);
      // Watched intervals around the write that went; stale watches go.
      auto& w = watches_[i];
      size_t kept = 0;
      for (size_t j = 0; j < w.size(); ++j) {
        if (dead_[w[j].site] || looks_[w[j].site] != w[j].look) continue;
        if (w[j].from < at && at < w[j].to) mark(w[j].site);
        w[kept++] = w[j];
      }
      w.resize(kept);
      // Tests of a single write: of the variable itself, or of the variable a
      // statement copies.
      if (nDefs_[i] > 1) continue;
      for (const auto& d : defs_[i]) mark(d.first);
      for (const auto& u : uses_[i]) mark(u.first);
    }
    for (VarId x : usesTouched_) {
      size_t i = static_cast<size_t>(x);
      if (nDefs_[i] == 1) mark(defs_[i].begin()->first);
    }
    for (size_t q : changed_) {
      mark(q);
      const Stmt& t = *sites_[q].stmt;
      if (t.kind != StmtKind::Assign && t.kind != StmtKind::Accumulate) continue;
      size_t i = static_cast<size_t>(t.dst);
      if (nDefs_[i] == 1 && defs_[i].begin()->first == q)
        for (const auto& u : uses_[i]) mark(u.first);
    }
    defsGone_.clear();
    usesTouched_.clear();
    changed_.clear();
  }

  void mark(size_t order) {
    if (order < next_ && !dead_[order]) recheck_.insert(order);
  }

  // Numbers statements as sitesOf does.
  void removeDead(Block& b, size_t& order) {
    std::vector<bool> gone(b.size(), false);
    for (size_t i = 0; i < b.size(); ++i) {
      gone[i] = dead_[order++];
      removeDead(b[i].thenBlock, order);
      removeDead(b[i].elseBlock, order);
    }
    size_t out = 0;
    for (size_t i = 0; i < b.size(); ++i)
      if (!gone[i]) {
        if (out != i) b[out] = std::move(b[i]);
        ++out;
      }
    b.erase(b.begin() + static_cast<long>(out), b.end());
  }

  Function& fn_;
  std::vector<Site> sites_;
  std::vector<size_t> parent_;  // the statement around each, or kNone
  std::vector<bool> dead_;
  // Per variable: site order -> how many times that statement writes / reads it.
  std::vector<std::map<size_t, int>> defs_, uses_;
  std::vector<size_t> nDefs_, nUses_;
  std::vector<bool> addressTaken_;  // passed as a pullback output
  std::unordered_map<const Expr*, Node> nodes_;
  std::vector<size_t> slot_;  // scratch for tally: each variable's place in tallied_, or kNone
  std::vector<std::pair<VarId, int>> tallied_;
  size_t next_ = 0;                 // the scan position: statements from here on are yet to be looked at
  std::set<size_t> recheck_;        // statements before next_ to look at again
  std::vector<VarId> usesTouched_;                  // variables whose reads a rewrite changed
  std::vector<std::pair<VarId, size_t>> defsGone_;  // writes a rewrite removed
  // Intervals a statement's last look asked about writes of a variable in.
  struct Watch {
    size_t from, to, site;
    unsigned look;
  };
  std::vector<std::vector<Watch>> watches_;
  std::vector<unsigned> looks_;  // per statement: how many times it has been looked at
  size_t looking_ = 0;
  std::vector<size_t> changed_;     // statements whose text a rewrite changed
  std::vector<VarId> reads_;
};

// ---- dead code ----------------------------------------------------------------

// Whether writing `v` is seen outside the function (adjoint outputs, output
// arrays) and so is never dead.
bool observable(const Var& v) {
  return v.role == VarRole::AdjointOut || (v.role == VarRole::Param && v.isPointer);
}

// Backward liveness over structured code. Arrays are live as a whole (an
// element write never kills). With `apply`, removes statements whose results
// nothing observable reads.
//
// The live set is one set updated in place, with a log of its changes: a
// branch or a loop body is walked on the set as it stands, and the log undoes
// or merges what it did, so an `if` costs what its branches hold rather than
// a copy of everything live around it.
class Liveness {
 public:
  Liveness(Function& fn, bool& changed)
      : fn_(fn), changed_(changed), live_(fn.vars.size(), false), seen_(fn.vars.size(), 0) {}

  void run() { walk(fn_.body, true); }

 private:
  bool has(VarId v) const { return v >= 0 && live_[static_cast<size_t>(v)]; }
  void insert(VarId v) {
    if (v < 0 || live_[static_cast<size_t>(v)]) return;
    log_.push_back({v, false});
    live_[static_cast<size_t>(v)] = true;
  }
  void erase(VarId v) {
    if (v < 0 || !live_[static_cast<size_t>(v)]) return;
    log_.push_back({v, true});
    live_[static_cast<size_t>(v)] = false;
  }
  void undo(size_t mark) {
    for (; log_.size() > mark; log_.pop_back()) live_[static_cast<size_t>(log_.back().first)] = log_.back().second;
  }
  // The variables changed since `mark`, once each: with their value now
  // (`now`) or before the first change (otherwise).
  std::vector<std::pair<VarId, bool>> changedSince(size_t mark, bool now) {
    ++stamp_;
    std::vector<std::pair<VarId, bool>> out;
    for (size_t i = mark; i < log_.size(); ++i) {
      VarId v = log_[i].first;
      if (seen_[static_cast<size_t>(v)] == stamp_) continue;
      seen_[static_cast<size_t>(v)] = stamp_;
      out.push_back({v, now ? live_[static_cast<size_t>(v)] : log_[i].second});
    }
    return out;
  }
  void readInto(const ExprRef& e) {
    if (!e) return;
    reads_.clear();
    collectReads(e, reads_);
    for (VarId v : reads_) insert(v);
  }

  void walk(Block& b, bool apply) {
    std::vector<bool> gone;
    for (size_t i = b.size(); i-- > 0;) {
      Stmt& s = b[i];
      bool keep = true;
      switch (s.kind) {
        case StmtKind::Return:
          readInto(s.value);
          break;
        case StmtKind::Assign:
        case StmtKind::Accumulate: {
          const Var& v = fn_.var(s.dst);
          if (!observable(v) && !has(s.dst)) {
            keep = false;
            break;
          }
          if (s.kind == StmtKind::Assign && !observable(v) && !v.isArray()) erase(s.dst);
          if (s.kind == StmtKind::Accumulate) insert(s.dst);
          readInto(s.value);
          readInto(s.index);
          break;
        }
        case StmtKind::If: {
          size_t mark = log_.size();
          walk(s.thenBlock, apply);
          std::vector<std::pair<VarId, bool>> afterThen = changedSince(mark, true);
          undo(mark);
          walk(s.elseBlock, apply);
          if (s.thenBlock.empty() && s.elseBlock.empty()) {
            undo(mark);
            keep = false;
            break;
          }
          // Live after either branch: what the else branch left, plus what
          // the then branch made live, plus what it left live that the else
          // branch killed.
          std::vector<std::pair<VarId, bool>> beforeElse = changedSince(mark, false);
          ++stamp_;
          for (const auto& c : afterThen) seen_[static_cast<size_t>(c.first)] = stamp_;
          unsigned thenStamp = stamp_;
          for (const auto& c : afterThen)
            if (c.second) insert(c.first);
          for (const auto& c : beforeElse)
            if (c.second && seen_[static_cast<size_t>(c.first)] != thenStamp) insert(c.first);
          readInto(s.value);
          break;
        }
        case StmtKind::For: {
          // The body runs zero or more times: iterate to a fixed point. The
          // set holds `out` (live at the end of an iteration), which starts
          // as what is live after the loop and only grows; `before` keeps
          // what was live after the loop for each variable `out` has changed.
          size_t start = log_.size();
          std::unordered_map<VarId, bool> before;
          auto liveAfterLoop = [&](VarId v) {
            auto it = before.find(v);
            return it != before.end() ? it->second : has(v);
          };
          // Sets the set (holding `out`) to `out` ∪ (what `in` says): the
          // variables an iteration changed, with their value at its start.
          auto merge = [&](const std::vector<std::pair<VarId, bool>>& in) {
            bool grew = false;
            for (const auto& [v, isLive] : in) {
              bool want = liveAfterLoop(v) || isLive;
              if (want == has(v)) continue;
              before.emplace(v, has(v));
              want ? insert(v) : erase(v);
              grew = true;
            }
            return grew;
          };
          while (true) {
            size_t mark = log_.size();
            walk(s.thenBlock, false);
            std::vector<std::pair<VarId, bool>> in = changedSince(mark, true);
            undo(mark);
            if (!merge(in)) break;
          }
          size_t mark = log_.size();
          walk(s.thenBlock, apply);
          if (s.thenBlock.empty()) {
            undo(start);
            keep = false;
            break;
          }
          std::vector<std::pair<VarId, bool>> in = changedSince(mark, true);
          undo(mark);
          merge(in);
          erase(s.dst);
          for (const auto& a : s.args) readInto(a);
          break;
        }
        case StmtKind::PullbackCall: {
          bool any = std::any_of(s.outs.begin(), s.outs.end(), [&](VarId o) {
            return fn_.var(o).role == VarRole::AdjointOut || has(o);
          });
          if (!any) {
            keep = false;
            break;
          }
          for (VarId o : s.outs) insert(o);
          for (const auto& a : s.args) readInto(a);
          break;
        }
      }
      if (!keep && apply) {
        if (gone.empty()) gone.assign(b.size(), false);
        gone[i] = true;
        changed_ = true;
      }
    }
    if (gone.empty()) return;
    size_t kept = 0;
    for (size_t i = 0; i < b.size(); ++i)
      if (!gone[i]) {
        if (kept != i) b[kept] = std::move(b[i]);
        ++kept;
      }
    b.erase(b.begin() + static_cast<long>(kept), b.end());
  }

  Function& fn_;
  bool& changed_;
  std::vector<bool> live_;                     // by variable
  std::vector<std::pair<VarId, bool>> log_;    // each change: the variable, and whether it was live
  std::vector<unsigned> seen_;                 // scratch for changedSince
  unsigned stamp_ = 0;
  std::vector<VarId> reads_;
};

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
    changed = Propagation(fn).run() || changed;
    Liveness(fn, changed).run();
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
