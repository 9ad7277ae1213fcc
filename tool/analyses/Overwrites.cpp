#include "analyses/Overwrites.h"

#include "clang/AST/Stmt.h"

#include <functional>
#include <map>
#include <set>

namespace gradc {

using namespace ir;

namespace {

struct Access {
  Stmt* stmt;
  ExprRef index;
  std::vector<const Stmt*> loops;  // enclosing For statements, outermost first
  size_t order;                    // position in a pre-order walk
  bool write;
  bool inBranch;                   // under an `if` inside its outermost loop
};

// Whether `rd` may see a value other than the one `w` leaves: it runs
// before `w`, or in a loop around both it reads another iteration's element.
// An array declared in a loop (`owner`) is a new array in each iteration of
// that loop, so the owner's other iterations do not count.
bool conflicts(const Access& w, const Access& rd, int owner) {
  if (rd.order < w.order) return true;
  size_t depth = 0;  // loops around both
  while (depth < w.loops.size() && depth < rd.loops.size() && w.loops[depth] == rd.loops[depth]) ++depth;
  if (depth == 0) return false;
  const Stmt* common = w.loops[depth - 1];
  if (common->loopId == owner) return false;  // another iteration: another array
  // (A whole-array read, with no index, reads every iteration's elements.)
  return !(rd.index && sameExpr(rd.index, w.index) && reads(w.index, common->dst));
}

clang::SourceLocation locationOf(const Function& fn, const Stmt& s) {
  const auto* origin = static_cast<const clang::Stmt*>(fn.origins[static_cast<size_t>(s.origin)].clangStmt);
  return origin->getBeginLoc();
}

// The variables a loop's iterations assign (its counters included).
std::set<VarId> assignedIn(const Stmt& loop) {
  std::set<VarId> out = {loop.dst};
  forEachStmt(loop.thenBlock, [&](const Stmt& s) {
    if (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate || s.kind == StmtKind::For) out.insert(s.dst);
  });
  return out;
}

// Whether `e` can be evaluated before an iteration of `loops[0]` runs: it
// reads only the counters of `loops` and values that loop does not change.
bool fixedBeforeIteration(const ExprRef& e, const std::vector<const Stmt*>& loops, size_t depth) {
  std::set<VarId> changing = assignedIn(*loops[0]);
  for (size_t i = 0; i < depth && i < loops.size(); ++i) changing.erase(loops[i]->dst);
  std::vector<VarId> r;
  collectReads(e, r);
  for (VarId v : r)
    if (changing.count(v)) return false;
  return true;
}

}  // namespace

bool markOverwrites(const Function& fn, Block& body, Diagnostics& diags) {
  std::map<VarId, std::vector<Access>> byArray;
  std::vector<const Stmt*> loops;
  size_t order = 0;
  int branchesInLoop = 0;
  std::function<void(Block&)> walk = [&](Block& b) {
    for (Stmt& st : b) {
      size_t here = order++;
      bool inBranch = branchesInLoop > 0;
      auto noteReads = [&](const ExprRef& e) {
        forEachArrayRead(fn, e, [&](VarId a, const ExprRef& index) {
          byArray[a].push_back({&st, index, loops, here, false, inBranch});
        });
      };
      noteReads(st.value);
      noteReads(st.index);
      for (const auto& a : st.args) noteReads(a);
      if (st.index) byArray[st.dst].push_back({&st, st.index, loops, here, true, inBranch});
      if (st.kind == StmtKind::For) loops.push_back(&st);
      bool branch = st.kind == StmtKind::If && !loops.empty();
      branchesInLoop += branch;
      walk(st.thenBlock);
      walk(st.elseBlock);
      branchesInLoop -= branch;
      if (st.kind == StmtKind::For) loops.pop_back();
    }
  };
  walk(body);

  for (auto& [array, accesses] : byArray) {
    const Var& a = fn.var(array);
    for (const Access& w : accesses) {
      if (!w.write) continue;
      const Access* reader = nullptr;
      for (const Access& rd : accesses)
        if (!rd.write && conflicts(w, rd, a.loop)) reader = reader ? reader : &rd;
      if (!reader) continue;
      // The caller's array: restoring it would undo the function's output.
      if (a.isPointer) {
        diags.report(locationOf(fn, *reader->stmt), Diag::ArrayOverwrite, {a.name});
        return false;
      }
      if (!w.loops.empty()) {
        // Each reverse iteration first puts back the elements its iteration
        // overwrote (so it recomputes from the iteration's starting values):
        // which elements must be known before the iteration runs.
        std::string why;
        if (w.inBranch) why = "inside an 'if' in a loop (write 'a[i] = c ? e : a[i]' instead)";
        bool fixed = fixedBeforeIteration(w.index, w.loops, w.loops.size());
        for (size_t d = 1; d < w.loops.size(); ++d)
          fixed = fixed && fixedBeforeIteration(w.loops[d]->args[0], w.loops, d) &&
                  fixedBeforeIteration(w.loops[d]->args[1], w.loops, d);
        if (!fixed) why = "at an index (or in an inner loop with bounds) computed inside the loop";
        if (!why.empty()) {
          diags.report(locationOf(fn, *w.stmt), Diag::UnsupportedStmt,
                       {"overwriting an element of '" + a.name + "' that was read before, " + why});
          return false;
        }
      }
      w.stmt->overwrites = true;
    }
  }
  return true;
}

}  // namespace gradc
