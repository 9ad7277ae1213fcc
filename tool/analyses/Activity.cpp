#include "analyses/Activity.h"

#include <map>
#include <optional>

namespace gradc {

using namespace ir;

void differentiableReads(const ExprRef& e, std::vector<VarId>& out) {
  if (!e->type.isFloating()) return;
  switch (e->op) {
    case Op::Var:
    case Op::Load: out.push_back(e->var); return;  // an element: the whole array, not the index
    case Op::Const:
    case Op::Global: return;
    case Op::Select:
      differentiableReads(e->args[1], out);
      differentiableReads(e->args[2], out);
      return;
    case Op::Call:
      // Neither a rule nor a marked function: a GRADC_NONDIFF call, or one
      // no floating value reaches (lower/Effects.cpp): a constant.
      if (!e->callee->rule && e->callee->function < 0 && !e->callee->noRule) return;
      for (const auto& a : e->args) differentiableReads(a, out);
      return;
    default:
      for (const auto& a : e->args) differentiableReads(a, out);
  }
}

namespace {

// Marks everything reachable along `edges` from what is marked already.
void reach(const std::vector<std::vector<VarId>>& edges, std::vector<bool>& marked) {
  std::vector<VarId> work;
  for (size_t v = 0; v < marked.size(); ++v)
    if (marked[v]) work.push_back(static_cast<VarId>(v));
  while (!work.empty()) {
    VarId v = work.back();
    work.pop_back();
    for (VarId next : edges[static_cast<size_t>(v)]) {
      if (marked[static_cast<size_t>(next)]) continue;
      marked[static_cast<size_t>(next)] = true;
      work.push_back(next);
    }
  }
}

}  // namespace

namespace {

// What still reaches the result at a point of the body: variables whose
// current value does, and for arrays that do, the elements (constant
// indices) that are written again before anything reads them.
struct Needed {
  std::vector<bool> vars;
  std::map<VarId, std::set<long>> deadElements;

  bool element(VarId a, const std::optional<long>& k) const {
    if (!vars[static_cast<size_t>(a)]) return false;
    auto it = deadElements.find(a);
    return !k || it == deadElements.end() || !it->second.count(*k);
  }
  // Needed on either path: a variable needed on one; an element dead on both.
  void merge(const Needed& o) {
    std::map<VarId, std::set<long>> dead;
    for (size_t v = 0; v < vars.size(); ++v) {
      VarId a = static_cast<VarId>(v);
      const std::set<long>* mine = vars[v] ? find(a) : nullptr;
      const std::set<long>* theirs = o.vars[v] ? o.find(a) : nullptr;
      if (vars[v] && o.vars[v]) {
        if (mine && theirs)
          for (long k : *mine)
            if (theirs->count(k)) dead[a].insert(k);
      } else if (mine || theirs) {
        dead[a] = mine ? *mine : *theirs;
      }
      vars[v] = vars[v] || o.vars[v];
    }
    deadElements = std::move(dead);
    normalize();
  }
  void normalize() {
    for (auto it = deadElements.begin(); it != deadElements.end();)
      it = it->second.empty() ? deadElements.erase(it) : std::next(it);
  }
  const std::set<long>* find(VarId a) const {
    auto it = deadElements.find(a);
    return it == deadElements.end() ? nullptr : &it->second;
  }
  bool operator==(const Needed& o) const { return vars == o.vars && deadElements == o.deadElements; }
};

// Backward over the structured body, like liveness along differentiable
// reads: which assignments' values reach the result.
class Usefulness {
 public:
  explicit Usefulness(const Function& fn) : fn_(fn) {}

  void block(const Block& b, Needed& needed) {
    for (auto it = b.rbegin(); it != b.rend(); ++it) stmt(*it, needed);
  }

  std::set<const Stmt*> useful;

 private:
  void stmt(const Stmt& s, Needed& needed) {
    switch (s.kind) {
      case StmtKind::Assign:
      case StmtKind::Accumulate: {
        const Var& v = fn_.var(s.dst);
        std::optional<long> k = s.index ? integerConstant(s.index) : std::nullopt;
        bool isNeeded = v.type.isFloating() && !v.constant && needed.element(s.dst, k);
        if (s.kind == StmtKind::Assign) {
          if (!v.isArray())
            needed.vars[static_cast<size_t>(s.dst)] = false;
          else if (k && needed.vars[static_cast<size_t>(s.dst)])
            needed.deadElements[s.dst].insert(*k);  // (an element of an unneeded array is dead already)
        }
        if (!isNeeded) return;
        useful.insert(&s);
        reads(s.value, needed);
        return;
      }
      case StmtKind::If: {
        Needed other = needed;
        block(s.thenBlock, needed);
        block(s.elseBlock, other);
        needed.merge(other);
        return;
      }
      case StmtKind::For: {
        // What an iteration needs at its end: what follows the loop, and what
        // the next iteration needs at its start. It only grows: a fixed point.
        const Needed after = needed;
        Needed end = after;
        for (;;) {
          Needed start = end;
          block(s.thenBlock, start);
          start.merge(after);  // (normalized: empty sets dropped)
          end.normalize();
          if (start == end) break;
          end = std::move(start);
        }
        needed = end;  // (zero trips: what follows; else the first iteration's start)
        return;
      }
      case StmtKind::Return:  // abandon: conservatively, nothing changes
      case StmtKind::PullbackCall:
      case StmtKind::Effect:  // reads values, differentiates none
        return;
    }
  }

  // What `e` reads differentiably is needed: an element read revives that
  // element, any other read of an array the whole array.
  void reads(const ExprRef& e, Needed& needed) {
    std::vector<VarId> vars;
    differentiableReads(e, vars);
    for (VarId r : vars) needed.vars[static_cast<size_t>(r)] = true;
    forEachExpr(e, [&](const Expr& x) {
      if (x.op == Op::Load) {
        auto k = integerConstant(x.args[0]);
        auto it = needed.deadElements.find(x.var);
        if (it != needed.deadElements.end()) k ? void(it->second.erase(*k)) : it->second.clear();
      } else if (x.op == Op::Var && fn_.var(x.var).isArray()) {
        needed.deadElements.erase(x.var);
      }
    });
  }

  const Function& fn_;
};

}  // namespace

std::set<const Stmt*> uselessDefinitions(const Function& fn, const Block& body) {
  Needed needed;
  needed.vars.assign(fn.vars.size(), false);
  if (fn.result != kNoVar) needed.vars[static_cast<size_t>(fn.result)] = true;
  for (size_t v = 0; v < fn.vars.size(); ++v)  // (output parameters, and members of struct parameters)
    if (fn.vars[v].isOutput) needed.vars[v] = true;
  Usefulness u(fn);
  u.block(body, needed);
  std::set<const Stmt*> useless;
  forEachStmt(body, [&](const Stmt& s) {
    bool writes = s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate;
    if (writes && !u.useful.count(&s)) useless.insert(&s);
  });
  return useless;
}

Activity analyzeActivity(const Function& fn) {
  Activity act;
  act.varied.assign(fn.vars.size(), false);
  act.useful.assign(fn.vars.size(), false);
  for (VarId p : fn.wrt) act.varied[static_cast<size_t>(p)] = true;
  for (size_t v = 0; v < fn.vars.size(); ++v)  // a differentiated struct's members
    if (fn.vars[v].isMember() && fn.vars[v].type.isFloating() && act.varied[static_cast<size_t>(fn.vars[v].memberRoot)])
      act.varied[v] = true;
  if (fn.result != kNoVar) act.useful[static_cast<size_t>(fn.result)] = true;
  for (size_t v = 0; v < fn.vars.size(); ++v)  // (output parameters, and members of struct parameters)
    if (fn.vars[v].isOutput) act.useful[v] = true;

  // Each assignment is an edge from what it reads to what it writes. Varied
  // flows forward along the edges, useful backward: both are reachability, so
  // a graph search finds them in linear time (a fixed point over the statements
  // took one sweep per link of a long chain: quadratic).
  std::vector<std::vector<VarId>> readers(fn.vars.size()), sources(fn.vars.size());
  forEachStmt(fn.body, [&](const Stmt& s) {
    bool writes = s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate;
    if (!writes || !fn.var(s.dst).type.isFloating()) return;
    if (fn.var(s.dst).constant) return;  // GRADC_NONDIFF: the gradient stops here
    std::vector<VarId> srcs;
    differentiableReads(s.value, srcs);
    for (VarId v : srcs) {
      readers[static_cast<size_t>(v)].push_back(s.dst);
      sources[static_cast<size_t>(s.dst)].push_back(v);
    }
  });
  reach(readers, act.varied);
  reach(sources, act.useful);
  return act;
}

}  // namespace gradc
