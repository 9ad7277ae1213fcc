#include "forward/Sweeps.h"

#include "lower/Lower.h"

#include <algorithm>
#include <functional>
#include <map>

namespace gradc::forward {

using namespace ir;

namespace {

Type intType() { return Type::integer("int"); }
ExprRef intConst(long v) { return constant(static_cast<double>(v), intType(), std::to_string(v)); }

int maxLoopId(const Function& fn) {
  int id = -1;
  forEachStmt(fn.body, [&](const Stmt& s) { id = std::max(id, s.loopId); });
  for (const Var& v : fn.vars) id = std::max(id, v.loop);
  return id;
}

void shiftLoops(Block& block, int by) {
  for (Stmt& s : block) {
    if (s.kind == StmtKind::For) s.loopId += by;
    shiftLoops(s.thenBlock, by);
    shiftLoops(s.elseBlock, by);
  }
}

}  // namespace

void scalarsOfDirectionLoops(Function& fn, const std::set<VarId>& scalars, const std::set<int>& loops) {
  std::set<VarId> kept;
  std::map<VarId, int> home;  // the one loop that accesses it
  auto access = [&](VarId v, int loop, bool firstWrite) {
    if (!scalars.count(v)) return;
    auto [at, fresh] = home.emplace(v, loop);
    if (loop < 0 || at->second != loop || (fresh && !firstWrite)) kept.insert(v);
  };
  std::function<void(const Block&, int)> walk = [&](const Block& b, int loop) {
    for (const Stmt& s : b) {
      std::vector<VarId> reads;
      collectReads(s.value, reads);
      collectReads(s.index, reads);
      for (const ExprRef& a : s.args) collectReads(a, reads);
      for (VarId v : reads) access(v, loop, false);
      for (VarId v : s.outs) access(v, -1, false);
      if (s.dst != kNoVar) access(s.dst, loop, s.kind == StmtKind::Assign);
      int inner = s.kind == StmtKind::For && loops.count(s.loopId) ? s.loopId : -1;
      walk(s.thenBlock, inner);
      walk(s.elseBlock, inner);
    }
  };
  walk(fn.body, -1);
  std::set<VarId> demoted;
  for (auto [v, loop] : home)
    if (!kept.count(v)) {
      demoted.insert(v);
      fn.var(v).arraySize = -1;
      fn.var(v).loop = loop;
    }
  std::function<ExprRef(const ExprRef&)> scalar = [&](const ExprRef& e) -> ExprRef {
    if (!e) return e;
    if (e->op == Op::Load && demoted.count(e->var)) return fn.ref(e->var);
    if (e->args.empty()) return e;
    std::vector<ExprRef> args;
    for (const ExprRef& a : e->args) args.push_back(scalar(a));
    return withArgs(*e, std::move(args));
  };
  std::function<void(Block&)> rewrite = [&](Block& b) {
    for (Stmt& s : b) {
      s.value = scalar(s.value);
      if (demoted.count(s.dst)) s.index = nullptr;
      rewrite(s.thenBlock);
      rewrite(s.elseBlock);
    }
  };
  rewrite(fn.body);
}

void appendSweep(Function& out, Function strip) {
  const int shift = maxLoopId(out) + 1;
  std::vector<VarId> to(strip.vars.size(), kNoVar);
  for (size_t v = 0; v < strip.vars.size(); ++v) {
    VarId id = static_cast<VarId>(v);
    if (std::count(out.params.begin(), out.params.end(), id)) continue;  // f's parameters
    if (id == strip.params.back()) {
      to[v] = out.params.back();
      continue;
    }
    Var copy = strip.vars[v];
    if (copy.loop >= 0) copy.loop += shift;
    to[v] = out.addVar(copy);
  }
  renameVars(strip.body, to, out);
  shiftLoops(strip.body, shift);
  if (!out.body.empty() && out.body.back().kind == StmtKind::Return) out.body.pop_back();
  for (Stmt& s : strip.body) out.body.push_back(std::move(s));
}

void symmetrizeMatrix(Function& fn, VarId H, long n) {
  int nextLoop = 0;
  forEachStmt(fn.body, [&](const Stmt& s) { nextLoop = std::max(nextLoop, s.loopId + 1); });
  for (const Var& v : fn.vars) nextLoop = std::max(nextLoop, v.loop + 1);
  auto counter = [&](const char* name, int loop) {
    Var v;
    v.name = name;
    v.type = intType();
    v.loop = loop;
    return fn.addVar(v);
  };
  auto forLoop = [&](VarId i, int loop, ExprRef end) {
    Stmt f;
    f.kind = StmtKind::For;
    f.dst = i;
    f.loopId = loop;
    f.args = {intConst(0), std::move(end), intConst(1)};
    return f;
  };
  const Type t = fn.var(H).type;  // (a copy: addVar below moves the vars)
  int outer = nextLoop++, inner = nextLoop++;
  VarId i = counter("i", outer), j = counter("j", inner);
  Var sum;
  sum.name = "s";
  sum.type = t;
  sum.loop = inner;
  VarId s = fn.addVar(sum);
  auto at = [&](VarId r, VarId c) {
    return binary(Op::Add, binary(Op::Mul, fn.ref(r), intConst(n), intType()), fn.ref(c), intType());
  };
  Stmt inLoop = forLoop(j, inner, fn.ref(i));
  inLoop.thenBlock.push_back(assign(s, binary(Op::Mul, binary(Op::Add, load(H, at(i, j), t), load(H, at(j, i), t), t),
                                               constant(0.5, t, formatLiteral(0.5, t.kind)), t), -1));
  for (auto [r, c] : {std::pair{i, j}, std::pair{j, i}}) {
    Stmt st = assign(H, fn.ref(s), -1);
    st.index = at(r, c);
    inLoop.thenBlock.push_back(std::move(st));
  }
  Stmt outLoop = forLoop(i, outer, intConst(n));
  outLoop.thenBlock.push_back(std::move(inLoop));
  auto ret = fn.body.end();
  if (!fn.body.empty() && fn.body.back().kind == StmtKind::Return) --ret;
  fn.body.insert(ret, std::move(outLoop));
}

}  // namespace gradc::forward
