#include "forward/Sweeps.h"

#include "lower/Lower.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

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

bool isZero(const ExprRef& e) { return e->op == Op::Const && e->number == 0; }

// An index a * i + c of counter i (a, c constants), as (a, c).
std::optional<std::pair<long, long>> strided(const ExprRef& e, VarId i) {
  if (e->op == Op::Var && e->var == i) return std::pair{1L, 0L};
  if (e->op != Op::Mul && e->op != Op::Add) return std::nullopt;
  for (int k : {0, 1}) {
    std::optional<long> c = integerConstant(e->args[static_cast<size_t>(k)]);
    const ExprRef& other = e->args[static_cast<size_t>(1 - k)];
    if (!c) continue;
    if (e->op == Op::Mul && other->op == Op::Var && other->var == i) return std::pair{*c, 0L};
    if (e->op == Op::Add)
      if (std::optional<std::pair<long, long>> in = strided(other, i)) return std::pair{in->first, in->second + *c};
  }
  return std::nullopt;
}

}  // namespace

void padDirectionLoops(Function& fn, const std::set<int>& loops, VarId J, long stride) {
  auto touchesJ = [&](const Stmt& t) {
    bool found = t.dst == J;
    for (const ExprRef* e : {&t.value, &t.index})
      if (*e)
        forEachExpr(*e, [&](const Expr& x) { found = found || ((x.op == Op::Var || x.op == Op::Load) && x.var == J); });
    return found;
  };
  std::function<void(Block&)> walk = [&](Block& b) {
    for (Stmt& s : b) {
      if (s.kind != StmtKind::For || !loops.count(s.loopId)) {
        walk(s.thenBlock);
        walk(s.elseBlock);
        continue;
      }
      bool rowsOfJ = false;
      forEachStmt(s.thenBlock, [&](const Stmt& t) { rowsOfJ = rowsOfJ || touchesJ(t); });
      if (!rowsOfJ) {
        s.args[1] = intConst(stride);
        continue;
      }
      forEachStmt(s.thenBlock, [&](const Stmt& t) {
        if (t.dst != kNoVar && t.dst != J && fn.var(t.dst).isArray()) fn.var(t.dst).declaredZeroed = true;
      });
    }
  };
  walk(fn.body);
}

// Whether the body's top level writes every element of output tangent p
// (n elements): at constant indices, or in a counted loop over all of them
// (`out[i]`, or `out[2 * i]` and `out[2 * i + 1]`...), with no return in it.
bool writesEveryElement(const Block& body, VarId p, long n) {
  std::set<long> written;
  for (const Stmt& s : body) {
    if (s.kind == StmtKind::Assign && s.dst == p && s.index)
      if (std::optional<long> at = integerConstant(s.index)) written.insert(*at);
    if (s.kind != StmtKind::For || s.descending || containsReturn(s)) continue;
    std::optional<long> from = integerConstant(s.args[0]), to = integerConstant(s.args[1]),
                        step = integerConstant(s.args[2]);
    if (!from || !to || !step || *from != 0 || *step != 1) continue;
    std::map<long, std::set<long>> residues;  // per stride a: the offsets c in [0, a) written
    for (const Stmt& b : s.thenBlock)
      if (b.kind == StmtKind::Assign && b.dst == p && b.index)
        if (std::optional<std::pair<long, long>> at = strided(b.index, s.dst))
          if (at->first >= 1 && at->second >= 0 && at->second < at->first) residues[at->first].insert(at->second);
    for (const auto& [a, cs] : residues)
      if (static_cast<long>(cs.size()) == a && *to * a >= n) return true;
  }
  return static_cast<long>(written.size()) >= n;
}

// A seed's zeros make whole terms vanish: a tangent known to be zero
// contributes nothing, whatever it multiplies (what a per-column f_jvp
// sweep computes as 0 * x, or NaN when x is infinite).
ExprRef foldZeroTangent(const Expr& e, std::vector<ExprRef> args) {
  const ExprRef zero = constant(0, e.type, formatLiteral(0, e.type.kind));
  switch (e.op) {
    case Op::Mul:
      if (isZero(args[0]) || isZero(args[1])) return e.type.isFloating() ? zero : withArgs(e, std::move(args));
      break;
    case Op::Div:
      if (isZero(args[0]) && e.type.isFloating()) return zero;
      break;
    case Op::Add:
      if (isZero(args[0]) && args[1]->type == e.type) return args[1];
      if (isZero(args[1]) && args[0]->type == e.type) return args[0];
      break;
    case Op::Sub:
      if (isZero(args[1]) && args[0]->type == e.type) return args[0];
      if (isZero(args[0]) && args[1]->type == e.type && e.type.isFloating()) return unary(Op::Neg, args[1], e.type);
      break;
    case Op::Neg:
    case Op::Cast:
      if (isZero(args[0]) && e.type.isFloating()) return zero;
      break;
    case Op::Select:
      if (isZero(args[1]) && isZero(args[2]) && e.type.isFloating()) return zero;
      break;
    default: break;
  }
  return withArgs(e, std::move(args));
}

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
