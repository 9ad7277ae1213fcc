#include "cleanup/LoopOrder.h"

#include <algorithm>
#include <map>
#include <set>

namespace gradc {

using namespace ir;

namespace {

std::set<int> loopsWithin(const Stmt& loop) {
  std::set<int> inner = {loop.loopId};
  forEachStmt(loop.thenBlock, [&](const Stmt& st) {
    if (st.kind == StmtKind::For) inner.insert(st.loopId);
  });
  return inner;
}

bool isAdjoint(const Var& v) { return v.role == VarRole::Adjoint || v.role == VarRole::AdjointOut; }

// Everything the iterations of one loop read and write of what lives outside
// an iteration, with the indices of array accesses.
struct Footprint {
  std::map<VarId, std::vector<ExprRef>> arrayReads, arrayWrites;
  std::set<VarId> scalarReads, accumulated, assigned;
};

class Checker {
 public:
  Checker(const Function& fn, const Stmt& loop) : fn_(fn), loop_(loop), inner_(loopsWithin(loop)) {}

  // After independent(): the outside scalars each iteration restores. Run
  // forwards, the loop leaves them at the last iteration's values, not the first's.
  std::set<VarId> restoredOutside;

  bool independent() {
    if (wholeArrays_) return false;
    // Scalars assigned outside the iteration are fine only when the
    // iteration assigns them before it reads them: restored carried values.
    // Those are the leading unconditional assignments of the body.
    std::set<VarId> restored;
    std::vector<VarId> readSoFar;  // (`d_t = d_m; d_m = c ? d_t : 0` reads d_m first)
    for (const Stmt& s : loop_.thenBlock) {
      if (s.kind != StmtKind::Assign || s.index) break;
      collectReads(s.value, readSoFar);
      if (std::count(readSoFar.begin(), readSoFar.end(), s.dst)) break;
      restored.insert(s.dst);
    }
    walk(loop_.thenBlock);
    for (VarId v : fp_.assigned)
      if (!restored.count(v)) return false;
    restoredOutside = fp_.assigned;
    // A sum may be added to in any order, if no iteration reads it.
    for (VarId v : fp_.accumulated)
      if (fp_.scalarReads.count(v) || fp_.assigned.count(v)) return false;
    for (const auto& [array, writes] : fp_.arrayWrites) {
      const Var& a = fn_.var(array);
      auto rd = fp_.arrayReads.find(array);
      bool read = rd != fp_.arrayReads.end();
      if (a.role == VarRole::Saved) {
        if (!allOwn(writes) || (read && !allOwn(rd->second))) return false;
        continue;
      }
      if (!isAdjoint(a)) return false;  // a restore of a primal array: order matters
      // Adjoint sums: any order; read or reset only at this iteration's own element.
      if (read || !onlyAccumulated_.count(array))
        if (!allOwn(writes) || (read && !allOwn(rd->second))) return false;
    }
    return true;
  }

 private:
  bool outside(VarId v) const { return !inner_.count(fn_.var(v).loop); }

  // Every index is the same expression of this loop's counter.
  bool allOwn(const std::vector<ExprRef>& indices) const {
    for (const ExprRef& i : indices)
      if (!reads(i, loop_.dst) || !sameExpr(i, indices.front())) return false;
    return true;
  }

  void noteReads(const ExprRef& e) {
    forEachArrayRead(fn_, e, [&](VarId a, const ExprRef& index) {
      if (!outside(a)) return;
      if (index) fp_.arrayReads[a].push_back(index);
      else wholeArrays_ = true;
    });
    forEachExpr(e, [&](const Expr& x) {
      if (x.op == Op::Var && outside(x.var) && !fn_.var(x.var).isArray()) fp_.scalarReads.insert(x.var);
    });
  }

  void walk(const Block& b) {
    for (const Stmt& s : b) {
      if (s.value) noteReads(s.value);
      if (s.index) noteReads(s.index);
      for (const auto& a : s.args) noteReads(a);
      if ((s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && outside(s.dst)) {
        if (s.index) {
          fp_.arrayWrites[s.dst].push_back(s.index);
          if (s.kind == StmtKind::Assign) onlyAccumulated_.erase(s.dst), assignedArrays_.insert(s.dst);
          else if (!assignedArrays_.count(s.dst)) onlyAccumulated_.insert(s.dst);
        } else {
          (s.kind == StmtKind::Assign ? fp_.assigned : fp_.accumulated).insert(s.dst);
        }
      }
      if (s.kind == StmtKind::PullbackCall)
        for (const auto& a : s.args)
          if (a->op == Op::Var && fn_.var(a->var).isArray() && outside(a->var)) wholeArrays_ = true;
      for (VarId o : s.outs)
        if (outside(o)) {
          if (fn_.var(o).isArray()) wholeArrays_ = true;
          fp_.accumulated.insert(o);  // pullbacks add into their outputs
        }
      walk(s.thenBlock);
      walk(s.elseBlock);
    }
  }

  const Function& fn_;
  const Stmt& loop_;
  std::set<int> inner_;
  Footprint fp_;
  std::set<VarId> onlyAccumulated_, assignedArrays_;
  // A called rule reads or adds into whole arrays: which elements is not
  // known, so the iterations keep their order.
  bool wholeArrays_ = false;
};

bool readsVar(const Stmt& s, VarId v) {
  bool found = (s.value && reads(s.value, v)) || (s.index && reads(s.index, v));
  for (const auto& a : s.args) found = found || reads(a, v);
  forEachStmt(s.thenBlock, [&](const Stmt& t) { found = found || readsVar(t, v); });
  forEachStmt(s.elseBlock, [&](const Stmt& t) { found = found || readsVar(t, v); });
  return found;
}

// Where a statement stands: its block, its position, the statement owning
// the block (null for the function body).
struct Place {
  const Block* block;
  size_t pos;
  const Stmt* owner;
};

// Whether v may be read after the statement at path.back() before it is
// assigned again. Conservative: past the end of a loop body the next
// iteration may read it, unless v is that loop's own variable.
bool liveAfter(const Function& fn, VarId v, const std::vector<Place>& path) {
  for (size_t level = path.size(); level-- > 0;) {
    const Place& p = path[level];
    for (size_t i = p.pos + 1; i < p.block->size(); ++i) {
      const Stmt& st = (*p.block)[i];
      if (readsVar(st, v)) return true;
      if (st.kind == StmtKind::Assign && !st.index && st.dst == v) return false;
    }
    if (!p.owner) return false;
    if (p.owner->kind == StmtKind::For) return fn.var(v).loop != p.owner->loopId;
  }
  return false;
}

void visit(const Function& fn, Block& b, std::vector<Place>& path, const Stmt* owner) {
  for (size_t i = 0; i < b.size(); ++i) {
    Stmt& s = b[i];
    path.push_back({&b, i, owner});
    if (s.kind == StmtKind::For && s.descending && s.reverse) {  // (a source loop counting down keeps its order)
      Checker checker(fn, s);
      bool forwards = checker.independent();
      for (VarId v : checker.restoredOutside) forwards = forwards && !liveAfter(fn, v, path);
      if (forwards) s.descending = false;
    }
    visit(fn, s.thenBlock, path, &s);
    visit(fn, s.elseBlock, path, &s);
    path.pop_back();
  }
}

}  // namespace

void runIndependentReverseLoopsForwards(Function& fn) {
  std::vector<Place> path;
  visit(fn, fn.body, path, nullptr);
}

}  // namespace gradc
