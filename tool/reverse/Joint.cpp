// Jointed loops: a top-level loop whose iterations only add to running sums
// (`total += loss_i`) gets each iteration's reverse right after the
// iteration, inside the forward loop, instead of a reverse loop that
// recomputes every iteration later. The adjoint of a running sum is the same
// in every iteration, so the reverse iteration needs nothing the rest of the
// function computes after the loop, except that adjoint: the reverse-sweep
// statements it comes from are hoisted before the loop when nothing there
// depends on the loop. This is how backprop over a data set is written by
// hand: one pass over each sample, its values still in registers.
#include "reverse/Builder.h"

#include <algorithm>
#include <functional>
#include <set>

namespace gradc::reversal {

namespace {

// What a statement (with what it contains) does to variables. A sum added
// to with `+=` only is not read: such statements may run in any order.
struct Effects {
  std::set<VarId> reads, writes, sums;

  void add(const Stmt& s) {
    auto read = [&](const ExprRef& e) {
      std::vector<VarId> vs;
      collectReads(e, vs);
      reads.insert(vs.begin(), vs.end());
    };
    read(s.value);
    read(s.index);
    for (const auto& a : s.args) read(a);
    if (s.kind == StmtKind::Accumulate) sums.insert(s.dst);
    if (s.kind == StmtKind::Assign || s.kind == StmtKind::For) writes.insert(s.dst);
    for (VarId o : s.outs)
      if (o != kNoVar) sums.insert(o);
    for (const Stmt& t : s.thenBlock) add(t);
    for (const Stmt& t : s.elseBlock) add(t);
  }
  void add(const Block& b) {
    for (const Stmt& s : b) add(s);
  }
  void add(const Effects& o) {
    reads.insert(o.reads.begin(), o.reads.end());
    writes.insert(o.writes.begin(), o.writes.end());
    sums.insert(o.sums.begin(), o.sums.end());
  }
  // Drops what `keep` rejects (variables private to one iteration).
  template <class Keep>
  Effects only(Keep keep) const {
    Effects e;
    for (VarId v : reads) if (keep(v)) e.reads.insert(v);
    for (VarId v : writes) if (keep(v)) e.writes.insert(v);
    for (VarId v : sums) if (keep(v)) e.sums.insert(v);
    return e;
  }
};

bool meets(const std::set<VarId>& a, const std::set<VarId>& b) {
  return std::any_of(a.begin(), a.end(), [&](VarId v) { return b.count(v) > 0; });
}

// Whether running a then b gives what b then a gives.
bool commute(const Effects& a, const Effects& b) {
  return !meets(a.writes, b.reads) && !meets(a.writes, b.writes) && !meets(a.writes, b.sums) &&
         !meets(b.writes, a.reads) && !meets(b.writes, a.sums) && !meets(a.sums, b.reads) && !meets(b.sums, a.reads);
}

Effects effectsOf(const Stmt& s) {
  Effects e;
  e.add(s);
  return e;
}

// A running sum's adjoint passes through each reverse iteration of its
// loop unchanged (`d_t += d_E; d_E = 0; d_E += d_t`): the loop reads it, and
// other statements may move across the loop as if it never wrote it.
Effects passingThrough(Effects e, const std::vector<VarId>& sumAdjoints) {
  for (VarId v : sumAdjoints) {
    e.writes.erase(v);
    e.sums.erase(v);
  }
  return e;
}

const JointLoop* runningSumLoop(const std::vector<JointLoop>& joints, const Stmt& s) {
  if (s.kind != StmtKind::For || !s.reverse) return nullptr;
  for (const JointLoop& j : joints)
    if (j.loopId == s.loopId) return &j;
  return nullptr;
}

size_t find(const Block& body, int loopId, bool reverse) {
  for (size_t i = 0; i < body.size(); ++i)
    if (body[i].kind == StmtKind::For && body[i].loopId == loopId && body[i].reverse == reverse) return i;
  return body.size();
}

// Joins one loop if it can; false leaves `fn` as it was.
bool join(Function& fn, const JointLoop& joint, const std::vector<JointLoop>& joints) {
  Block& body = fn.body;
  size_t f = find(body, joint.loopId, false), r = find(body, joint.loopId, true);
  if (f >= body.size() || r >= body.size() || r < f || containsReturn(body[f])) return false;

  std::set<int> inner = {joint.loopId};
  forEachStmt(body[f].thenBlock, [&](const Stmt& s) {
    if (s.kind == StmtKind::For) inner.insert(s.loopId);
  });
  auto outside = [&](VarId v) { return !inner.count(fn.var(v).loop); };
  auto shared = [&](VarId v) { return outside(v) && fn.var(v).role != VarRole::Saved; };  // tapes: one slot per iteration
  const std::set<VarId> sums(joint.carried.begin(), joint.carried.end());
  const std::set<VarId> sumAdjoints(joint.sumAdjoints.begin(), joint.sumAdjoints.end());

  // The reverse iteration reads the forward one's values in place; it must
  // not read a running sum (it would see the sum after, not before, the
  // iteration), and across iterations it may only add to what is outside
  // (and pass a sum's adjoint through unchanged).
  Effects rev;
  rev.add(joint.reverseIteration);
  if (meets(rev.reads, sums)) return false;
  Effects across = rev.only([&](VarId v) { return shared(v) && !sumAdjoints.count(v); });
  if (!across.writes.empty() || meets(across.reads, across.sums)) return false;
  Effects fwdIteration;
  fwdIteration.add(body[f].thenBlock);
  if (!commute(across, fwdIteration.only(shared))) return false;

  // Statements between the loops move before the loop when the reverse
  // iteration depends on them (the sums' adjoints); the others stay, and must
  // not care that the reverse iteration now runs before them.
  Effects moving = passingThrough(rev, joint.sumAdjoints);
  std::vector<bool> hoisted(body.size(), false);
  for (size_t k = r; k-- > f + 1;) {
    if (containsReturn(body[k])) return false;  // an abandon writes no gradient
    Effects e = effectsOf(body[k]);
    if (const JointLoop* sums = runningSumLoop(joints, body[k])) e = passingThrough(e, sums->sumAdjoints);
    if (commute(e, moving)) continue;
    hoisted[k] = true;
    moving.add(e);
  }
  Effects hoistedEffects;
  for (size_t k = f + 1; k < r; ++k)
    if (hoisted[k]) hoistedEffects.add(effectsOf(body[k]));
  if (!commute(hoistedEffects, effectsOf(body[f]))) return false;

  // After the reverse loop the running sums held their values before the
  // loop (restored); now they keep their final values: nothing may read them.
  for (size_t k = r + 1; k < body.size(); ++k)
    if (meets(effectsOf(body[k]).reads, sums)) return false;

  Block joined;
  for (size_t k = 0; k < f; ++k) joined.push_back(std::move(body[k]));
  for (size_t k = f + 1; k < r; ++k)
    if (hoisted[k]) joined.push_back(std::move(body[k]));
  Stmt loop = std::move(body[f]);
  for (const Stmt& s : joint.reverseIteration) loop.thenBlock.push_back(s);
  joined.push_back(std::move(loop));
  for (size_t k = f + 1; k < r; ++k)
    if (!hoisted[k]) joined.push_back(std::move(body[k]));
  for (size_t k = r + 1; k < body.size(); ++k) joined.push_back(std::move(body[k]));
  body = std::move(joined);
  return true;
}

}  // namespace

bool ReverseBuilder::isRunningSum(const Stmt& loop, VarId v) const {
  auto readsOf = [](const Stmt& s, VarId x) {
    size_t n = (s.value && ir::reads(s.value, x)) + (s.index && ir::reads(s.index, x));
    for (const auto& a : s.args) n += ir::reads(a, x);
    return n;
  };
  auto count = [&](const Block& b, VarId x) {
    size_t n = 0;
    forEachStmt(b, [&](const Stmt& s) { n += readsOf(s, x); });
    return n;
  };
  size_t reads = count(loop.thenBlock, v), updates = 0;
  bool ok = true;
  // Each update is `t = v + e` (or e + v, v - e), then `v = t` later in the
  // same block, outside inner loops, with t read nowhere else.
  std::function<void(const Block&)> walk = [&](const Block& b) {
    for (size_t k = 0; k < b.size() && ok; ++k) {
      const Stmt& set = b[k];
      if (set.kind == StmtKind::If) {
        walk(set.thenBlock);
        walk(set.elseBlock);
        continue;
      }
      auto writes = [&](const Stmt& s) { return (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && s.dst == v; };
      bool writesV = writes(set);
      forEachStmt(set.thenBlock, [&](const Stmt& s) { writesV = writesV || writes(s); });
      if (!writesV) continue;
      ok = set.kind == StmtKind::Assign && !set.index && set.dst == v && set.value->op == Op::Var;
      if (!ok) return;
      VarId t = set.value->var;
      size_t j = k;
      while (j-- > 0 && !(b[j].kind == StmtKind::Assign && b[j].dst == t && !b[j].index)) {
      }
      ok = j < k;
      if (!ok) return;
      const Expr& e = *b[j].value;
      auto isV = [&](const ExprRef& a) { return a->op == Op::Var && a->var == v; };
      ok = ((e.op == Op::Add && (isV(e.args[0]) != isV(e.args[1]))) || (e.op == Op::Sub && isV(e.args[0]) && !isV(e.args[1]))) &&
           readsOf(b[j], v) == 1 && count(loop.thenBlock, t) == 1 && e.type == src_.var(v).type;
      ++updates;
    }
  };
  walk(loop.thenBlock);
  return ok && updates > 0 && reads == updates;
}

std::optional<std::vector<VarId>> ReverseBuilder::jointCarried(const Stmt& loop, bool localOverwrites) const {
  std::set<int> inner = loopsWithin(loop);
  bool simple = true;
  forEachStmt(loop.thenBlock, [&](const Stmt& s) {
    if (s.kind == StmtKind::Return) simple = false;
    // Elements written for later: their adjoints come from later statements.
    // An array of the iteration's own written over (`proj[0] *= L`) is
    // not: the reverse iteration puts its elements back as it goes, as a
    // function body's reverse does.
    if (!s.index) return;
    const bool own = inner.count(src_.var(s.dst).loop) > 0;
    if (!own || (s.overwrites && !localOverwrites)) simple = false;
  });
  if (!simple) return std::nullopt;
  std::vector<VarId> carried = carriedBy(loop);
  for (VarId v : carried)
    if (act_.active(v) && !isRunningSum(loop, v)) return std::nullopt;
  return carried;
}

void joinLoops(Function& fn, const std::vector<JointLoop>& joints) {
  for (const JointLoop& joint : joints)
    if (joint.worthJoining) join(fn, joint, joints);
}

}  // namespace gradc::reversal
