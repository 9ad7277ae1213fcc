#include "analyses/Overwrites.h"

#include "clang/AST/Stmt.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
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
  std::vector<bool> branchWithin;  // per enclosing loop: under an `if` inside that loop's body
  bool branchAroundLoop = false;   // an `if` inside the outermost loop holds the innermost one
};

// `e` as `counter + c` (a constant c, casts of integers ignored): c.
std::optional<long> offsetFrom(const ExprRef& e, VarId counter) {
  if (!e) return std::nullopt;
  if (e->op == Op::Cast && e->type.kind == TypeKind::Int && !e->args.empty()) return offsetFrom(e->args[0], counter);
  if (e->op == Op::Var && e->var == counter) return 0;
  auto constantOf = [](const ExprRef& k) -> std::optional<long> {
    if (k->op != Op::Const || k->type.kind != TypeKind::Int) return std::nullopt;
    return static_cast<long>(k->number);
  };
  if ((e->op == Op::Add || e->op == Op::Sub) && e->args.size() == 2) {
    auto base = offsetFrom(e->args[0], counter);
    auto k = constantOf(e->args[1]);
    if (base && k) return e->op == Op::Add ? *base + *k : *base - *k;
    if (e->op == Op::Add)
      if (auto k0 = constantOf(e->args[0]))
        if (auto b1 = offsetFrom(e->args[1], counter)) return *k0 + *b1;
  }
  return std::nullopt;
}

bool stepsUpByOne(const Stmt& loop) {
  if (loop.descending || loop.args.size() < 3 || !loop.args[2] || loop.args[2]->op != Op::Const ||
      loop.args[2]->number != 1)
    return false;
  bool counterWritten = false;  // (counted loops never do; checked all the same)
  forEachStmt(loop.thenBlock, [&](const Stmt& s) {
    counterWritten = counterWritten || ((s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && s.dst == loop.dst);
  });
  return !counterWritten;
}

// Whether every element `rd` reads is one that `w` wrote in an earlier
// iteration of their loop and never writes again: `w` writes `a[i + c]` in a
// loop counting i up by one, not under a branch, not in an inner loop, with
// no loop around; `rd` reads `a[i + d]`, d < c, or `a[j]`, j the counter of
// an inner loop running `j < i + e`, e <= c. (Later iterations write
// `a[i' + c]`, i' > i: past what this one reads.) The reverse sweep then sees
// the value the read saw.
bool readsBehind(const Access& w, const Access& rd, size_t depth) {
  if (depth != 1 || w.loops.size() != 1 || w.inBranch || !rd.index) return false;
  const Stmt& loop = *w.loops[0];
  if (!stepsUpByOne(loop)) return false;
  auto c = offsetFrom(w.index, loop.dst);
  if (!c) return false;
  if (auto d = offsetFrom(rd.index, loop.dst)) return *d < *c;
  ExprRef at = rd.index;
  while (at->op == Op::Cast && at->type.kind == TypeKind::Int && !at->args.empty()) at = at->args[0];
  if (at->op != Op::Var) return false;
  for (size_t k = 1; k < rd.loops.size(); ++k) {
    const Stmt& inner = *rd.loops[k];
    if (inner.dst != at->var) continue;
    bool up = !inner.args[2] || (inner.args[2]->op == Op::Const && inner.args[2]->number > 0);
    auto e = offsetFrom(inner.args[1], loop.dst);
    return up && e && *e <= *c;
  }
  return false;
}

// Whether `rd` may see a value other than the one `w` leaves: it runs
// before `w`, or in a loop around both it reads another iteration's element.
// An array declared in a loop (`owner`) is a new array in each iteration of
// that loop, so the owner's other iterations do not count.
bool conflicts(const Access& w, const Access& rd, int owner) {
  size_t depth = 0;  // loops around both
  while (depth < w.loops.size() && depth < rd.loops.size() && w.loops[depth] == rd.loops[depth]) ++depth;
  if (readsBehind(w, rd, depth)) return false;
  if (rd.order < w.order) return true;
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
// An integer a loop's first statements assign from its counter and such
// values, and nothing else in `loops[0]` assigns (the run-time stride's
// `t = lo + t_trip * b`), is as fixed as the counter.
bool fixedBeforeIteration(const ExprRef& e, const std::vector<const Stmt*>& loops, size_t depth) {
  std::set<VarId> changing = assignedIn(*loops[0]);
  auto fixed = [&](const ExprRef& x) {
    std::vector<VarId> r;
    collectReads(x, r);
    return std::none_of(r.begin(), r.end(), [&](VarId v) { return changing.count(v) > 0; });
  };
  for (size_t i = 0; i < depth && i < loops.size(); ++i) {
    changing.erase(loops[i]->dst);
    for (const Stmt* s : derivedCounters(*loops[i], loops[0]->thenBlock, changing)) changing.erase(s->dst);
  }
  return fixed(e);
}

}  // namespace

bool markOverwrites(const Function& fn, Block& body, Diagnostics& diags) {
  std::map<VarId, std::vector<Access>> byArray;
  std::vector<const Stmt*> loops;
  size_t order = 0;
  int branchesInLoop = 0;
  std::vector<int> branchesAtLoop;  // per loop in `loops`: branchesInLoop when it was entered
  std::function<void(Block&)> walk = [&](Block& b) {
    for (Stmt& st : b) {
      size_t here = order++;
      bool inBranch = branchesInLoop > 0;
      std::vector<bool> within;
      for (int at : branchesAtLoop) within.push_back(branchesInLoop > at);
      auto noteReads = [&](const ExprRef& e) {
        forEachArrayRead(fn, e, [&](VarId a, const ExprRef& index) {
          byArray[a].push_back({&st, index, loops, here, false, inBranch, within});
        });
      };
      noteReads(st.value);
      noteReads(st.index);
      for (const auto& a : st.args) noteReads(a);
      if (st.index) {
        byArray[st.dst].push_back({&st, st.index, loops, here, true, inBranch, within});
        byArray[st.dst].back().branchAroundLoop = !branchesAtLoop.empty() && branchesAtLoop.back() > branchesAtLoop.front();
      }
      if (st.kind == StmtKind::For) {
        loops.push_back(&st);
        branchesAtLoop.push_back(branchesInLoop);
      }
      bool branch = st.kind == StmtKind::If && !loops.empty();
      branchesInLoop += branch;
      walk(st.thenBlock);
      walk(st.elseBlock);
      branchesInLoop -= branch;
      if (st.kind == StmtKind::For) {
        loops.pop_back();
        branchesAtLoop.pop_back();
      }
    }
  };
  walk(body);

  for (auto& [array, accesses] : byArray) {
    const Var& a = fn.var(array);
    auto saved = [&](const Access& w) {
      return std::any_of(accesses.begin(), accesses.end(), [&](const Access& rd) { return !rd.write && conflicts(w, rd, a.loop); });
    };
    // A differentiated array of the caller (in-out: its values at the call
    // are inputs) has every write saved and put back: the reverse sweep
    // leaves it as it was at the call, not half undone. An output array of
    // the caller cannot be put back: that would undo the function's output.
    const bool inOut = a.isPointer && std::count(fn.wrt.begin(), fn.wrt.end(), array) > 0 &&
                       std::any_of(accesses.begin(), accesses.end(), [&](const Access& w) { return w.write && saved(w); });
    for (const Access& w : accesses) {
      if (!w.write || !(inOut || saved(w))) continue;
      if (a.isPointer && !inOut) {
        const Access* reader = &*std::find_if(accesses.begin(), accesses.end(),
                                              [&](const Access& rd) { return !rd.write && conflicts(w, rd, a.loop); });
        diags.report(locationOf(fn, *reader->stmt), Diag::ArrayOverwrite, {a.name});
        return false;
      }
      if (!w.loops.empty()) {
        // Each reverse iteration first puts back the elements its iteration
        // overwrote (so it recomputes from the iteration's starting values):
        // which elements must be known before the iteration runs.
        std::string why;
        // A loop's reverse iteration puts back what its iteration overwrote,
        // under an `if` too (its element saved before the loop body's
        // outermost `if`, reverse/Loops.cpp), but not what an inner loop under
        // an `if` overwrote: there the array must be a new one in each
        // iteration (declared in the loop).
        for (size_t d = 0; d < w.loops.size(); ++d) {
          size_t home = 0;  // the loops around the array's declaration
          while (home < w.loops.size() && w.loops[home]->loopId != a.loop) ++home;
          if (w.branchWithin[d] && w.branchAroundLoop && (home == w.loops.size() || home < d))
            why = "in a loop under an 'if' in a loop (write 'a[i] = c ? e : a[i]' instead)";
        }
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
