// Lowering of `switch` on an integer: an if/else chain on the value. Each
// arm runs the statements from its label to the end of the switch body
// (fallthrough) or to a `break`, which ends the arm's path like the end of
// the switch; the statements after the switch follow.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

#include <algorithm>
#include <functional>

namespace gradc::lowering {

namespace {

// A case label below `s` that is not directly in the switch body (inside a
// block, an if or a loop of the switch: Duff's device); nested switches
// keep their own.
const cl::SwitchCase* nestedLabel(const cl::Stmt* s) {
  if (!s || llvm::isa<cl::SwitchStmt>(s) || llvm::isa<cl::LambdaExpr>(s)) return nullptr;
  if (const auto* sc = llvm::dyn_cast<cl::SwitchCase>(s)) return sc;
  for (const cl::Stmt* child : s->children())
    if (const cl::SwitchCase* sc = nestedLabel(child)) return sc;
  return nullptr;
}

}  // namespace

bool Lowerer::lowerSwitch(const cl::SwitchStmt* sw, std::vector<Range>* cont, Block& out) {
  if (sw->getInit()) {
    lowerStmt(sw->getInit(), out);
    if (failed_) return false;
  }
  if (const cl::DeclStmt* cv = sw->getConditionVariableDeclStmt()) {
    lowerStmt(cv, out);
    if (failed_) return false;
  }
  // The body as one list of statements, their labels peeled off.
  std::vector<cl::Stmt*> flat;
  std::vector<std::vector<const cl::SwitchCase*>> labels;
  auto add = [&](cl::Stmt* s) {
    std::vector<const cl::SwitchCase*> ls;
    while (auto* sc = llvm::dyn_cast<cl::SwitchCase>(s)) {
      ls.push_back(sc);
      s = sc->getSubStmt();
    }
    flat.push_back(s);
    labels.push_back(std::move(ls));
  };
  cl::Stmt* body = const_cast<cl::Stmt*>(sw->getBody());
  if (auto* block = llvm::dyn_cast<cl::CompoundStmt>(body))
    for (cl::Stmt* s : block->body()) add(s);
  else
    add(body);
  for (size_t i = 0; i < flat.size(); ++i) {
    if (const cl::SwitchCase* sc = nestedLabel(flat[i])) {
      env_.diags.report(sc->getKeywordLoc(), Diag::UnsupportedStmt,
                        {"a 'case' or 'default' label inside a block, an if or a loop of the switch (Duff's "
                         "device; put every label directly in the switch's braces)"});
      failed_ = true;
      return false;
    }
    bool labelled = std::any_of(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                [](const auto& l) { return !l.empty(); });
    if (!labelled && !llvm::isa<cl::NullStmt>(flat[i])) {
      env_.diags.report(flat[i]->getBeginLoc(), Diag::UnsupportedStmt,
                        {"a statement before the switch's first 'case' label (it never runs; remove it)"});
      failed_ = true;
      return false;
    }
  }
  int origin = addOrigin(sw, "switch (" + sourceText(sw->getCond()) + ")");
  auto type = scalarType(sw->getCond()->getType());
  if (!type || type->isFloating()) {
    unsupportedStmt(sw);
    return false;
  }
  ExprRef value = lowerPassive(sw->getCond());
  if (!value) return false;
  VarId v = materialize(value, out, origin);  // evaluated once, as C++ does

  // The arms: where each starts in `flat`, the cases that enter it; the
  // default's arm is tried last (its own cases enter it all the same).
  const Type b = Type::boolean();
  auto num = [&](const llvm::APSInt& k) {
    return constant(static_cast<double>(k.getExtValue()), *type, std::to_string(k.getExtValue()));
  };
  struct Arm {
    size_t start;
    ExprRef test;
  };
  std::vector<Arm> arms;
  long defaultStart = -1;
  for (size_t i = 0; i < flat.size(); ++i) {
    if (labels[i].empty()) continue;
    ExprRef test;
    bool isDefault = false;
    for (const cl::SwitchCase* sc : labels[i]) {
      const auto* cs = llvm::dyn_cast<cl::CaseStmt>(sc);
      if (!cs) {
        isDefault = true;
        continue;
      }
      ExprRef t = binary(Op::Eq, fn_.ref(v), num(cs->getLHS()->EvaluateKnownConstInt(env_.ast)), b);
      if (cs->caseStmtIsGNURange())  // `case lo ... hi:`
        t = binary(Op::LAnd, binary(Op::Ge, fn_.ref(v), num(cs->getLHS()->EvaluateKnownConstInt(env_.ast)), b),
                   binary(Op::Le, fn_.ref(v), num(cs->getRHS()->EvaluateKnownConstInt(env_.ast)), b), b);
      test = test ? binary(Op::LOr, test, t, b) : t;
    }
    if (isDefault)
      defaultStart = static_cast<long>(i);
    else
      arms.push_back({i, test});
  }

  switchOuter_.push_back({breakLeavesSwitch_, switchCont_, switchContSize_});
  breakLeavesSwitch_ = true;
  switchCont_ = cont;
  switchContSize_ = cont ? cont->size() : 0;
  auto from = [&](size_t start) { return Range(flat.data() + start, flat.data() + flat.size()); };
  std::function<bool(size_t, Block&)> chain = [&](size_t k, Block& blk) -> bool {
    if (k == arms.size()) {
      if (defaultStart >= 0) return lowerSeq(from(static_cast<size_t>(defaultStart)), cont, blk);
      return lowerBranch(nullptr, cont, blk);  // no label matches: the body is skipped
    }
    VarId c = newVar("cond", b, VarRole::Temp);
    blk.push_back(assign(c, arms[k].test, origin));
    defined_.insert(c);
    Stmt st;
    st.kind = StmtKind::If;
    st.value = fn_.ref(c);
    st.origin = origin;
    size_t mark = defined_.mark();
    bool thenReturns = lowerSeq(from(arms[k].start), cont, st.thenBlock);
    std::vector<VarId> definedByThen = defined_.undo(mark);
    bool elseReturns = !failed_ && chain(k + 1, st.elseBlock);
    for (VarId d : definedByThen) defined_.insert(d);
    blk.push_back(std::move(st));
    return thenReturns && elseReturns;
  };
  bool returns = chain(0, out);
  SwitchFrame outer = switchOuter_.back();
  switchOuter_.pop_back();
  breakLeavesSwitch_ = outer.breakLeaves;
  switchCont_ = outer.cont;
  switchContSize_ = outer.contSize;
  return returns && !failed_;
}

}  // namespace gradc::lowering
