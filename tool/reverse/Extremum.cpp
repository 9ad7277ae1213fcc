// Running maxima and minima: `for (i) if (x[i] > m) m = x[i];`. Taping m
// at every iteration (n values, a work buffer for a run-time n) is what a
// generic carried loop needs; here only the last iteration that took the
// branch passes an adjoint on (every earlier one's value of m is replaced,
// its adjoint is zero), so the forward loop notes that iteration's index
// (`m_at`, one int) and the reverse sweep runs that one iteration's reverse:
//   if (m_at >= 0) { int i = m_at; <the iteration's values>; d_x[i] += d_m; d_m = 0; }
// With no such iteration, d_m flows on to m's value before the loop.
#include "reverse/Builder.h"

#include <algorithm>

namespace gradc::reversal {

namespace {

// Plain scalar assignments only: values of this iteration, nothing stored,
// nothing carried but the extremum.
bool plainScalars(const Block& b) {
  return std::all_of(b.begin(), b.end(), [](const Stmt& s) { return s.kind == StmtKind::Assign && !s.index; });
}

}  // namespace

bool ReverseBuilder::sweepRunningExtremum(const Stmt& loop, Block& fwd, Block& r) {
  const Block& body = loop.thenBlock;
  std::vector<VarId> carried = carriedBy(loop);
  if (carried.size() != 1 || !act_.active(carried[0]) || body.empty()) return false;
  const VarId m = carried[0];
  const Stmt& update = body.back();
  if (update.kind != StmtKind::If || !update.elseBlock.empty() || update.thenBlock.empty() ||
      !plainScalars(update.thenBlock) || update.thenBlock.back().dst != m)
    return false;
  Block before(body.begin(), body.end() - 1);
  if (!plainScalars(before)) return false;
  // m written once, as the branch's last statement; read nowhere after it.
  size_t writes = 0;
  forEachStmt(body, [&](const Stmt& s) { writes += s.dst == m ? 1 : 0; });
  if (writes != 1) return false;
  // m's old value reaches nothing but comparisons (the branch's condition, a
  // bool): `if (k != 1) y = 0.5 * std::sin(y) + x[k];` carries an adjoint
  // through every iteration (fuzz seed 1009, f8).
  bool readElsewhere = false;
  forEachStmt(body, [&](const Stmt& s) {
    bool comparison = &s == &update || (s.kind == StmtKind::Assign && s.dst != kNoVar &&
                                        out_.var(s.dst).type.kind == TypeKind::Bool);
    if (s.value && !comparison && reads(s.value, m)) readElsewhere = true;
    if (s.index && reads(s.index, m)) readElsewhere = true;
    for (const ExprRef& a : s.args) readElsewhere = readElsewhere || reads(a, m);
  });
  if (readElsewhere) return false;

  const int enclosing = loops_.empty() ? -1 : loops_.back().id;
  auto lo = loop.args[0], hi = loop.args[1], step = loop.args[2];
  loops_.push_back({loop.loopId, loop.origin, loop.dst, lo, step, -1, tripCount(lo, hi, step, -1)});
  Block fbody, rbody;
  sweep(body, fbody, rbody);
  loops_.pop_back();

  const Type counterType = out_.var(loop.dst).type;
  VarId at = newVar(src_.var(m).name + "_at", counterType, VarRole::Saved);
  out_.var(at).loop = enclosing;
  out_.var(at).origin = loop.origin;
  fwd.push_back(assign(at, constant(-1, counterType, "-1"), loop.origin));
  Stmt f = loop;
  f.thenBlock = fbody;
  Stmt note = assign(at, out_.ref(loop.dst), update.thenBlock.back().origin);
  note.overwrites = true;
  f.thenBlock.back().thenBlock.push_back(note);
  fwd.push_back(std::move(f));
  if (rbody.empty()) return true;

  // The reverse of that one iteration: its values again (not the update,
  // m already holds its result), then its statements' reverse with the
  // branch taken.
  Stmt b;
  b.kind = StmtKind::If;
  b.value = binary(Op::Ge, out_.ref(at), constant(0, counterType, "0"), Type::boolean());
  b.origin = loop.origin;
  b.reverse = true;
  Stmt counter = assign(loop.dst, out_.ref(at), loop.origin);
  counter.reverse = counter.recompute = true;
  b.thenBlock.push_back(counter);
  Block replay(fbody.begin(), fbody.end() - 1);
  // and the values the update computes in its branch, which that iteration
  // took (`if (e > m) m = std::sin(y + 0.5 * i);` computes y + 0.5 * i there)
  if (fbody.back().kind == StmtKind::If)
    for (const Stmt& st : fbody.back().thenBlock)
      if (st.dst != m) replay.push_back(st);
  for (Stmt& st : recompute(replay, out_, loopsWithin(loop))) b.thenBlock.push_back(std::move(st));
  for (Stmt& st : rbody) {
    if (st.kind == StmtKind::If && sameExpr(st.value, update.value))
      for (Stmt& t : st.thenBlock) b.thenBlock.push_back(std::move(t));
    else
      b.thenBlock.push_back(std::move(st));
  }
  Block reversed = {std::move(b)};
  const VarId first = static_cast<VarId>(out_.vars.size());
  renameLocals(reversed, loopsWithin(loop));
  for (VarId v = first; v < static_cast<VarId>(out_.vars.size()); ++v) out_.var(v).loop = enclosing;
  r.push_back(std::move(reversed[0]));
  return true;
}

}  // namespace gradc::reversal
