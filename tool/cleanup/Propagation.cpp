#include "cleanup/Propagation.h"

#include "cleanup/Sites.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

namespace gradc::cleaning {

using namespace ir;

namespace {

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
    // So is an element read twice by one statement (`s + t0 * t0` is
    // `s + a[i] * a[i]` again: a load costs no more than a register read).
    bool oneUse = nUses_[v] == 1 || (st.value->op == Op::Load && uses.size() == 1);
    if (!foldable(var, fn_) || !oneUse) return false;
    const Site& use = sites_[uses.begin()->first];
    // Forward values stay in the forward sweep, except inside a jointed loop
    // (reverse/Joint.cpp), where the reverse iteration follows at once.
    if ((use.stmt->reverse != st.reverse && s.depth() == 0) || !followsInSameBlock(sites_, s, use.order)) return false;
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
    eraseMarked(b, gone);
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

}  // namespace

bool propagateCopies(Function& fn) { return Propagation(fn).run(); }

}  // namespace gradc::cleaning
