#include "reverse/Reverse.h"

#include "reverse/Builder.h"

#include "analyses/Overwrites.h"
#include "cleanup/Cleanup.h"
#include "lower/Lower.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <cassert>
#include <functional>
#include <map>
#include <set>

namespace gradc {

// Where `origin` calls `spelling` (`std::lgamma`), for a diagnostic; else where it starts.
static clang::SourceLocation callIn(const clang::Stmt* origin, const std::string& spelling) {
  std::string base = spelling.substr(spelling.rfind(':') == std::string::npos ? 0 : spelling.rfind(':') + 1);
  std::vector<const clang::Stmt*> work{origin};
  while (!work.empty()) {
    const clang::Stmt* st = work.back();
    work.pop_back();
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(st))
      if (const clang::FunctionDecl* fd = call->getDirectCallee(); fd && fd->getName() == base) return call->getExprLoc();
    for (const clang::Stmt* child : st->children())
      if (child) work.push_back(child);
  }
  return origin->getBeginLoc();
}


using namespace ir;

namespace {

const char* operatorKey(Op op, size_t arity) {
  switch (op) {
    case Op::Add: return "operator+";
    case Op::Sub: return "operator-";
    case Op::Mul: return "operator*";
    case Op::Div: return "operator/";
    case Op::Neg: return arity == 1 ? "operator-" : nullptr;
    default: return nullptr;
  }
}

// Rebuilds a rule expression for the call's floating type: the rule is
// written in double, the call may be float.
// Comparisons (bool) are descended into too: `x > 0.0` on a float x must
// compare with 0.0f, or float code promotes to double.
ExprRef retype(const ExprRef& e, const Type& to) {
  if (to.kind == TypeKind::Double) return e;
  auto copy = std::make_shared<Expr>(*e);
  if (copy->type.kind == TypeKind::Double) {
    copy->type = to;
    if (copy->op == Op::Const) copy->text = formatLiteral(copy->number, to.kind);
  }
  for (auto& a : copy->args) a = retype(a, to);
  return copy;
}

}  // namespace

namespace reversal {

std::optional<Function> ReverseBuilder::build() {
  out_ = src_;
  out_.kind = FunctionKind::Pullback;
  out_.body.clear();
  adjoint_.assign(src_.vars.size(), kNoVar);
  Block body = src_.body;
  if (!markOverwrites(src_, body, env_.diags)) return std::nullopt;
  forEachStmt(body, [&](const Stmt& s) {
    if (s.index && s.overwrites) overwrittenArrays_.insert(s.dst);
  });
  for (VarId a : overwrittenArrays_)
    if (src_.var(a).isPointer && src_.var(a).role == VarRole::Param) out_.restoredArrays.push_back(a);

  bool isVoid = src_.result == kNoVar;
  if (!isVoid) {
    Var seed;
    seed.name = "d_ret";
    seed.type = src_.returnType;
    seed.role = VarRole::Seed;
    seedVar_ = out_.addVar(seed);
    out_.params.push_back(seedVar_);
  }

  // Adjoint pointers, in signature order: one per differentiated input (a
  // gradient, accumulated) and one per output (a seed, read then zeroed).
  std::vector<std::pair<VarId, VarId>> finalAdds;  // (out pointer, local adjoint)
  auto adjointPointer = [&](VarId p) {
    const Var& pv = src_.var(p);
    Var v;
    v.name = "d_" + pv.name;
    v.type = pv.type;
    v.role = VarRole::AdjointOut;
    v.primal = p;
    v.isPointer = pv.isPointer || pv.isRecord();
    v.declaredDims = pv.declaredDims;  // `double d_A[2][3]` for `const double A[2][3]`
    return out_.addVar(v);
  };
  // The differentiated parameters, a struct's floating members in its place.
  // One adjoint per differentiated parameter, a struct's floating members
  // through its `S* d_s`; each gets its adjoint pointer in signature order.
  auto addLeaf = [&](VarId p, VarId root) {
    const Var pv = src_.var(p);  // a copy: adjointPointer grows the table
    VarId out = adjointPointer(p);
    if (root != kNoVar) {
      Var& ov = out_.var(out);
      ov.memberRoot = root;
      ov.memberPath = pv.memberPath;
      ov.memberRank = pv.memberRank;
    } else {
      out_.params.push_back(out);
    }
    // A scalar parameter the body overwrites needs a local adjoint (it is
    // reset at the overwrite); the caller's accumulator gets the total. So
    // does one read in a loop: its sum stays in a register, not in memory
    // the compiler must assume the tapes may alias.
    bool local = !pv.isPointer && (overwritten(p) || readInLoop(p));
    adjoint_[static_cast<size_t>(p)] = local ? localAdjoint(p) : out;
    if (local) finalAdds.push_back({out, adjoint_[static_cast<size_t>(p)]});
  };
  for (VarId p : src_.params) {
    const Var& pv = src_.var(p);
    bool wrt = std::count(src_.wrt.begin(), src_.wrt.end(), p) > 0;
    // (A struct's members the body writes are outputs, like `double* y`:
    // seeded whether or not the struct is differentiated.)
    auto seeded = [&](VarId m) {
      const Var& mv = src_.var(m);
      return mv.memberRoot == p && mv.type.isFloating() && (wrt || mv.isOutput);
    };
    bool outputMembers = false;
    for (VarId m = 0; m < static_cast<VarId>(src_.vars.size()); ++m) outputMembers = outputMembers || seeded(m);
    if (!wrt && !(pv.isOutput && pv.type.isFloating()) && !outputMembers) continue;
    if (!pv.isRecord()) {
      addLeaf(p, kNoVar);
      continue;
    }
    VarId root = adjointPointer(p);  // `S* d_s`
    out_.params.push_back(root);
    for (VarId m = 0; m < static_cast<VarId>(src_.vars.size()); ++m)
      if (seeded(m)) addLeaf(m, root);
  }

  Block forward, reverse;
  int endOrigin = body.empty() ? -1 : body.back().origin;
  if (!isVoid) {
    assert(!body.empty() && body.back().kind == StmtKind::Return);
    body.pop_back();
  }
  for (const Stmt& s : body)
    if (s.kind == StmtKind::For) topLevelLoops_.insert(s.loopId);
  useless_ = uselessDefinitions(src_, body);
  findScaledSquares(body);
  sweep(body, forward, reverse);
  if (failed_) return std::nullopt;

  out_.body = std::move(forward);
  if (!isVoid && act_.active(src_.result)) {
    Stmt seedStmt = assign(adjointOf(src_.result), out_.ref(seedVar_), endOrigin);
    seedStmt.reverse = true;
    out_.body.push_back(seedStmt);
  }
  for (auto& st : reverse) out_.body.push_back(std::move(st));
  for (auto [out, local] : finalAdds) {
    Stmt st = accumulate(out, out_.ref(local), endOrigin);
    st.reverse = true;
    out_.body.push_back(st);
  }
  joinLoops(out_, joints_);
  forEachStmt(out_.body, [&](const Stmt& s) {
    if (s.kind == StmtKind::For && s.reverse && plannedJoints_.count(s.loopId)) refused_.insert(s.loopId);
  });
  return std::move(out_);
}

bool ReverseBuilder::readInLoop(VarId v) const {
  bool found = false;
  forEachStmt(src_.body, [&](const Stmt& loop) {
    if (loop.kind != StmtKind::For || found) return;
    forEachStmt(loop.thenBlock, [&](const Stmt& s) { found = found || (s.value && reads(s.value, v)); });
  });
  return found;
}

bool ReverseBuilder::overwritten(VarId v) const {
  bool found = false;
  forEachStmt(src_.body, [&](const Stmt& s) { found = found || (s.kind == StmtKind::Assign && s.dst == v); });
  return found;
}

VarId ReverseBuilder::localAdjoint(VarId v) {
  Var a;
  a.name = "d_" + src_.var(v).name;
  a.type = src_.var(v).type;
  a.role = VarRole::Adjoint;
  a.primal = v;
  a.arraySize = src_.var(v).arraySize;
  a.loop = src_.var(v).loop;
  return out_.addVar(a);
}

VarId ReverseBuilder::adjointOf(VarId v) {
  VarId& a = adjoint_[static_cast<size_t>(v)];
  if (a == kNoVar) a = localAdjoint(v);
  return a;
}

VarId ReverseBuilder::newVar(const std::string& name, const Type& type, VarRole role) {
  Var v;
  v.name = name;
  v.type = type;
  v.role = role;
  v.loop = loops_.empty() ? -1 : loops_.back().id;  // values kept within one iteration
  return out_.addVar(v);
}

void ReverseBuilder::sweep(const Block& block, Block& fwd, Block& rev) {
  std::vector<Block> parts;
  for (const Stmt& s : block) {
    Block r;
    switch (s.kind) {
      case StmtKind::Assign:
      case StmtKind::Accumulate:
        if (s.index && s.overwrites) {
          sweepElementOverwrite(s, fwd, r);
          break;
        }
        if (s.index) {
          // The element keeps this value to the end (analyses/Overwrites):
          // nothing is saved.
          fwd.push_back(s);
          reverseElementWrite(s, r);
          break;
        }
        sweepScalarAssign(s, fwd, r);
        break;
      case StmtKind::If: {
        Stmt f = s;
        f.thenBlock.clear();
        f.elseBlock.clear();
        Stmt b = f;
        b.reverse = true;
        // The loop body's outermost `if`: its overwrites' elements are saved before it.
        Block before;
        Block* const outer = branchSaves_;
        if (!loops_.empty() && !outer) branchSaves_ = &before;
        sweep(s.thenBlock, f.thenBlock, b.thenBlock);
        sweep(s.elseBlock, f.elseBlock, b.elseBlock);
        branchSaves_ = outer;
        for (Stmt& save : before) fwd.push_back(std::move(save));
        fwd.push_back(std::move(f));
        if (!b.thenBlock.empty() || !b.elseBlock.empty()) r.push_back(std::move(b));
        break;
      }
      case StmtKind::For:
        sweepLoop(s, fwd, r);
        break;
      case StmtKind::Return:  // abandon: the forward sweep gives up before any adjoint is written
      case StmtKind::Effect:  // once, as written; no derivative
        fwd.push_back(s);
        break;
      case StmtKind::PullbackCall:
        assert(false && "lowered bodies hold no pullback calls");
    }
    parts.push_back(std::move(r));
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it)
    for (auto& s : *it) rev.push_back(std::move(s));
}

void ReverseBuilder::sweepScalarAssign(const Stmt& s, Block& fwd, Block& r) {
  VarId saved = kNoVar;
  if (s.overwrites) {
    // Keep the value this assignment destroys; cleanup drops the copy if
    // the reverse sweep never reads it.
    saved = newVar(src_.var(s.dst).name + "_old", src_.var(s.dst).type, VarRole::Saved);
    fwd.push_back(assign(saved, out_.ref(s.dst), s.origin));
  }
  fwd.push_back(s);
  reverseAssign(s, saved, r);
}

void ReverseBuilder::reverseElementWrite(const Stmt& s, Block& r) {
  VarId a = s.dst;
  if (!act_.active(a)) {
    // An output that does not depend on the differentiated inputs: its seed
    // is consumed all the same (read-then-zeroed contract, DESIGN.md §1).
    VarId seed = adjoint_[static_cast<size_t>(a)];
    if (s.kind == StmtKind::Assign && src_.var(a).isOutput && seed != kNoVar) {
      Stmt zero = assign(seed, constant(0, out_.var(seed).type, formatLiteral(0, out_.var(seed).type.kind)), s.origin);
      zero.index = s.index;
      emit(r, std::move(zero));
    }
    return;
  }
  VarId da = adjointOf(a);
  ExprRef seed = load(da, s.index, out_.var(da).type);
  const ExprRef& v = s.value;
  // A value written again before anything useful reads it (see
  // reverseAssign): its adjoint element is zero already (reset by the later
  // write's reverse, or never accumulated into).
  if (useless_.count(&s)) return;
  if (v->op == Op::Var && act_.active(v->var)) {
    emit(r, accumulate(adjointOf(v->var), seed, s.origin));
  } else {
    requirePassive(v, s);
  }
  if (s.kind == StmtKind::Assign) {
    Stmt zero = assign(da, constant(0, out_.var(da).type, formatLiteral(0, out_.var(da).type.kind)), s.origin);
    zero.index = s.index;
    emit(r, std::move(zero));
  }
}

void ReverseBuilder::emit(Block& r, Stmt s) {
  s.reverse = true;
  r.push_back(std::move(s));
}

void ReverseBuilder::reverseAssign(const Stmt& s, VarId saved, Block& r) {
  VarId v = s.dst;
  // The reverse sweep must see the value each use saw: undo the overwrite.
  if (saved != kNoVar) emit(r, assign(v, out_.ref(saved), s.origin));
  if (!act_.active(v)) return;
  const Expr& e = *s.value;
  if (e.op == Op::Var && e.var == v) return;  // `t = +t`: no change, the adjoint passes through
  VarId dv = adjointOf(v);
  // A value that never reaches the result has a zero adjoint: nothing flows
  // back (zero times an infinite partial would be NaN), but an overwrite
  // still starts the earlier value's adjoint afresh.
  if (useless_.count(&s)) {
    if (s.overwrites) emit(r, assign(dv, constant(0, out_.var(dv).type, formatLiteral(0, out_.var(dv).type.kind)), s.origin));
    return;
  }
  switch (e.op) {
    case Op::Var:
      if (e.var != v && act_.active(e.var)) emit(r, accumulate(adjointOf(e.var), out_.ref(dv), s.origin));
      break;
    case Op::Cast:
      // d/dx (T)x = 1, in the operand's type.
      if (e.args[0]->op == Op::Var && act_.active(e.args[0]->var))
        emit(r, accumulate(adjointOf(e.args[0]->var), cast(out_.ref(dv), e.args[0]->type, false), s.origin));
      break;
    case Op::Const:
    case Op::Global:
      break;
    case Op::Load:
      // t = a[i]:  d_a[i] += d_t
      if (act_.active(e.var)) {
        Stmt st = accumulate(adjointOf(e.var), out_.ref(dv), s.origin);
        st.index = e.args[0];
        emit(r, std::move(st));
      }
      break;
    case Op::Call:
      // Neither a rule nor a marked function: a constant (GRADC_NONDIFF, or a
      // call no floating value reaches, `std::numeric_limits<T>::infinity()`).
      if (!e.callee->rule && e.callee->function < 0 && !e.callee->noRule) break;
      if (e.callee->noRule) {  // an active argument reaches a function with no rule
        const auto* origin = static_cast<const clang::Stmt*>(src_.origins[static_cast<size_t>(s.origin)].clangStmt);
        env_.diags.report(callIn(origin, e.callee->spelling), Diag::UnmarkedCallee, {e.callee->spelling});
        failed_ = true;
      } else if (e.callee->function >= 0 || e.callee->rule->called)
        pullbackCall(s, dv, r);
      else
        applyRule(*e.callee->rule, s, e.args, dv, r);
      break;
    default: {
      // 1/b, a*a and c*a*a have rules of their own: no division, one accumulation.
      auto sq = scaledSquares_.find(v);
      auto operand = [&](size_t k, VarId x) { return e.args[k]->op == Op::Var && e.args[k]->var == x; };
      if (sq != scaledSquares_.end() && e.op == Op::Mul &&
          ((operand(0, sq->second.scaled) && operand(1, sq->second.base)) ||
           (operand(1, sq->second.scaled) && operand(0, sq->second.base)))) {
        if (const Rule* rule = env_.rules.find("c*a*a", 2)) {
          applyRule(*rule, s, {sq->second.factor, src_.ref(sq->second.base)}, dv, r);
          break;
        }
      }
      if (const Rule* shape = shapeRule(e)) {
        applyRule(*shape, s, {e.args.back()}, dv, r);
        break;
      }
      const char* key = operatorKey(e.op, e.args.size());
      const Rule* rule = key ? env_.rules.find(key, e.args.size()) : nullptr;
      assert(rule && "lowering only makes operators that have rules");
      applyRule(*rule, s, e.args, dv, r);
    }
  }
  // The value before an overwrite is a different value: its adjoint starts
  // from zero.
  if (s.overwrites) emit(r, assign(dv, constant(0, out_.var(dv).type, formatLiteral(0, out_.var(dv).type.kind)), s.origin));
}

void ReverseBuilder::findScaledSquares(const Block& b) {
  auto varOf = [](const ExprRef& x) { return x->op == Op::Var ? x->var : kNoVar; };
  auto product = [&](const Stmt& st) {
    return st.kind == StmtKind::Assign && !st.index && st.value->op == Op::Mul && st.value->type.isFloating();
  };
  for (size_t i = 0; i < b.size(); ++i) {
    findScaledSquares(b[i].thenBlock);
    findScaledSquares(b[i].elseBlock);
    // t is a temporary: assigned here only, so u's statement sees this t.
    if (i == 0 || !product(b[i - 1]) || !product(b[i]) || src_.var(b[i - 1].dst).role != VarRole::Temp) continue;
    const Expr& scaled = *b[i - 1].value;
    const Expr& square = *b[i].value;
    VarId t = b[i - 1].dst;
    // u = t * a or a * t
    VarId a = varOf(square.args[0]) == t ? varOf(square.args[1]) : varOf(square.args[0]);
    bool usesT = varOf(square.args[0]) == t || varOf(square.args[1]) == t;
    if (!usesT || a == kNoVar || a == t || !act_.active(a) || square.type != scaled.type) continue;
    // t = c * a or a * c, c an operand other than a
    const ExprRef& c = varOf(scaled.args[0]) == a ? scaled.args[1] : scaled.args[0];
    bool hasA = varOf(scaled.args[0]) == a || varOf(scaled.args[1]) == a;
    if (hasA && c->isAtom() && varOf(c) != a) scaledSquares_[b[i].dst] = {t, a, c};
  }
}

const Rule* ReverseBuilder::shapeRule(const Expr& e) const {
  const char* key = nullptr;
  if (e.op == Op::Div && e.args[0]->op == Op::Const && e.args[0]->number == 1.0)
    key = "1/b";
  else if (e.op == Op::Mul && e.args[0]->op == Op::Var && e.args[1]->op == Op::Var && e.args[0]->var == e.args[1]->var)
    key = "a*a";
  return key ? env_.rules.find(key, 1) : nullptr;
}

void ReverseBuilder::applyRule(const Rule& rule, const Stmt& s, const std::vector<ExprRef>& args, VarId dv, Block& r) {
  const Expr& e = *s.value;
  const Function& body = rule.body;
  std::vector<ExprRef> byVar(body.vars.size());
  std::vector<VarId> target(body.vars.size(), kNoVar);
  for (size_t k = 0; k < rule.arity(); ++k) {
    byVar[static_cast<size_t>(rule.primalParams[k])] = args[k];
    const ExprRef& arg = args[k];
    if (arg->op == Op::Var && act_.active(arg->var))
      target[static_cast<size_t>(rule.adjointParams[k])] = adjointOf(arg->var);
    else
      requirePassive(arg, s);
  }
  if (rule.resultParam != kNoVar) byVar[static_cast<size_t>(rule.resultParam)] = out_.ref(s.dst);
  byVar[static_cast<size_t>(rule.seedParam)] = out_.ref(dv);
  // Rule locals become fresh temporaries of the call's type.
  for (size_t i = 0; i < body.vars.size(); ++i) {
    VarRole role = body.vars[i].role;
    if (role == VarRole::Temp || role == VarRole::Local) {
      Type t = body.vars[i].type.kind == TypeKind::Double ? e.type : body.vars[i].type;
      byVar[i] = out_.ref(newVar(body.vars[i].name, t, VarRole::Temp));
    }
  }
  instantiate(body.body, byVar, target, e.type, s.origin, r);
}

void ReverseBuilder::instantiate(const Block& ruleBlock, const std::vector<ExprRef>& byVar, const std::vector<VarId>& target, const Type& type, int origin, Block& r) {
  for (const Stmt& rs : ruleBlock) {
    if (rs.kind == StmtKind::If) {
      Stmt st;
      st.kind = StmtKind::If;
      st.origin = origin;
      st.reverse = true;
      st.value = substitute(retype(rs.value, type), byVar);
      instantiate(rs.thenBlock, byVar, target, type, origin, st.thenBlock);
      instantiate(rs.elseBlock, byVar, target, type, origin, st.elseBlock);
      r.push_back(std::move(st));
      continue;
    }
    ExprRef value = substitute(retype(rs.value, type), byVar);
    if (rs.kind == StmtKind::Accumulate) {
      VarId t = target[static_cast<size_t>(rs.dst)];
      if (t == kNoVar) continue;  // inactive operand
      if (out_.var(t).type != value->type) value = cast(value, out_.var(t).type, false);
      emit(r, accumulate(t, value, origin));
    } else {
      emit(r, assign(byVar[static_cast<size_t>(rs.dst)]->var, value, origin));
    }
  }
}

void ReverseBuilder::requirePassive(const ExprRef& arg, const Stmt& s) {
  std::vector<VarId> deps;
  differentiableReads(arg, deps);
  for (VarId d : deps) {
    if (!act_.active(d)) continue;
    const auto* origin = static_cast<const clang::Stmt*>(src_.origins[static_cast<size_t>(s.origin)].clangStmt);
    env_.diags.report(origin->getBeginLoc(), Diag::Internal, {"an active operand is not a variable"});
    failed_ = true;
    return;
  }
}

void ReverseBuilder::pullbackCall(const Stmt& s, VarId dv, Block& r) {
  const Expr& e = *s.value;
  // A marked callee's pullback takes adjoints for its wrt parameters; a
  // called rule's for its float/double parameters and arrays.
  const Function* callee =
      e.callee->function >= 0 ? &env_.functions.at(static_cast<size_t>(e.callee->function)) : nullptr;
  auto takesAdjoint = [&](size_t k) {
    if (!callee) return static_cast<bool>(e.callee->rule->hasAdjoint.at(k));
    return std::find(callee->wrt.begin(), callee->wrt.end(), callee->params[k]) != callee->wrt.end();
  };
  const auto* origin = static_cast<const clang::Stmt*>(src_.origins[static_cast<size_t>(s.origin)].clangStmt);
  Stmt call;
  call.kind = StmtKind::PullbackCall;
  call.callee = e.callee;
  call.args = e.args;
  call.args.push_back(out_.ref(dv));
  call.origin = s.origin;
  for (size_t k = 0; k < e.args.size(); ++k) {
    const ExprRef& arg = e.args[k];
    bool wrt = takesAdjoint(k);
    bool active = arg->op == Op::Var && act_.active(arg->var);
    if (!active) requirePassive(arg, s);
    if (active && !wrt) {
      assert(callee && "a rule takes an adjoint for every floating argument");
      env_.diags.report(origin->getBeginLoc(), Diag::CalleeNotWrt, {callee->name, callee->var(callee->params[k]).name});
      failed_ = true;
      return;
    }
    if (!wrt) continue;
    if (active) {
      call.outs.push_back(adjointOf(arg->var));
      continue;
    }
    // The pullback wants an adjoint for an input that is constant here: a
    // scratch one, as long as the input (a local array, for an array).
    Type type = callee ? callee->var(callee->params[k]).type : arg->type;
    bool array = arg->op == Op::Var && src_.var(arg->var).isArray();
    long length = array ? src_.var(arg->var).arraySize : -1;
    if (array && length < 0) {
      env_.diags.report(origin->getBeginLoc(), Diag::UnsupportedExpr,
                        {"a call to '" + e.callee->spelling + "' with '" + src_.var(arg->var).name +
                         "', which is constant here: the rule still wants an adjoint array for it, and gradc can "
                         "size one only for a local array (copy it into one, or differentiate with respect to it),"});
      failed_ = true;
      return;
    }
    VarId unused = newVar("d_unused", type, VarRole::Adjoint);
    out_.var(unused).arraySize = length;
    call.outs.push_back(unused);
  }
  emit(r, std::move(call));
}

}  // namespace reversal

namespace {

void substituteAll(Block& block, const std::vector<ExprRef>& byVar) {
  for (Stmt& s : block) {
    if (s.value) s.value = substitute(s.value, byVar);
    for (auto& a : s.args) a = substitute(a, byVar);
    substituteAll(s.thenBlock, byVar);
    substituteAll(s.elseBlock, byVar);
  }
}

// The map is made once: one per nested block was quadratic in long functions.
void replaceVar(Block& block, VarId v, const ExprRef& with) {
  std::vector<ExprRef> byVar(static_cast<size_t>(v) + 1);
  byVar[static_cast<size_t>(v)] = with;
  substituteAll(block, byVar);
}

}  // namespace

std::optional<Function> buildPullback(const Function& fn, const Activity& activity, const ReverseEnv& env) {
  // A loop expected to be jointed keeps one iteration's values; if join()
  // refuses it after all, build again with it split (full tapes).
  // Kept values (reverse/Loops.cpp) must not be what gives f_grad a work
  // buffer: if no other tape is left there, build again recomputing them.
  std::set<int> split;
  bool keepInWork = true;
  for (;;) {
    reversal::ReverseBuilder builder(fn, activity, env, split, keepInWork);
    std::optional<Function> pullback = builder.build();
    const std::set<int> refused = pullback ? builder.refusedJoints() : std::set<int>{};
    if (!refused.empty()) {
      split.insert(refused.begin(), refused.end());
    } else if (pullback && builder.keptInWork() &&
               (builder.onlyKeptInWork(cleanup(*pullback)) ||
                // (f_grad exists only for a function returning a value: a void one's pullback has no seed)
                (fn.result != kNoVar && builder.onlyKeptInWork(cleanup(gradFromPullback(*pullback)))))) {
      keepInWork = false;
    } else {
      return pullback;
    }
  }
}

Function gradFromPullback(const Function& pullback) {
  Function g = pullback;
  g.kind = FunctionKind::Grad;
  auto seed = std::find_if(g.params.begin(), g.params.end(),
                           [&](VarId id) { return g.var(id).role == VarRole::Seed; });
  assert(seed != g.params.end());
  VarId seedVar = *seed;
  g.params.erase(seed);
  replaceVar(g.body, seedVar, constant(1, g.returnType, formatLiteral(1, g.returnType.kind)));
  Stmt ret;
  ret.kind = StmtKind::Return;
  ret.value = g.ref(g.result);
  g.body.push_back(ret);
  return g;
}

Function primalOf(const Function& fn) {
  Function p = fn;
  p.kind = FunctionKind::Primal;
  p.wrt.clear();
  return p;
}

}  // namespace gradc
