// Lowering of statements: blocks, declarations, assignments, if/else and
// early returns (turned into single-exit structured code).
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/Path.h"

#include <cctype>

namespace gradc::lowering {

void Lowerer::bindParam(const cl::ParmVarDecl* p, VarId id) {
  vars_[p] = id;
  defined_.insert(id);
}

bool Lowerer::lowerBody(const cl::CompoundStmt* body) {
  std::vector<Range> cont;  // nothing runs after the body
  copyValueParams(fn_.body);
  bool returns = lowerSeq(Range(body->body_begin(), body->body_end()), &cont, fn_.body);
  if (!returns && fn_.result != kNoVar && !failed_) {
    env_.diags.report(body->getRBracLoc(), Diag::MissingReturn, {fn_.name});
    failed_ = true;
  }
  return !failed_;
}

bool Lowerer::lowerSeq(Range stmts, std::vector<Range>* cont, Block& out) {
  for (auto it = stmts.begin(); it != stmts.end(); ++it) {
    const cl::Stmt* s = *it;
    if (const auto* ret = llvm::dyn_cast<cl::ReturnStmt>(s)) {
      lowerReturn(ret, out);
      return true;
    }
    if (llvm::isa<cl::ContinueStmt>(s)) return true;  // this iteration's path ends here
    if (llvm::isa<cl::BreakStmt>(s)) {
      // The loop's later iterations do nothing (see lowerCountedLoop).
      out.push_back(assign(runningFlags_.back(), constant(0, Type::boolean(), "false"), addOrigin(s)));
      return true;
    }
    if (cont && containsExit(s)) {
      // The rest of this block runs only on paths that do not return: move
      // it into those paths, so the IR keeps a single exit.
      std::vector<Range> inner = *cont;
      inner.push_back(Range(std::next(it), stmts.end()));
      return lowerWithContinuation(s, inner, out);
    }
    lowerStmt(s, out);
    if (failed_) return false;
  }
  if (cont && !cont->empty()) {
    std::vector<Range> rest = *cont;
    Range next = rest.back();
    rest.pop_back();
    return lowerSeq(next, &rest, out);
  }
  return false;
}

bool Lowerer::lowerWithContinuation(const cl::Stmt* s, std::vector<Range>& cont, Block& out) {
  if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(s))
    return lowerSeq(Range(block->body_begin(), block->body_end()), &cont, out);
  if (const auto* ifs = llvm::dyn_cast<cl::IfStmt>(s)) {
    Stmt st = lowerIfHead(ifs, out);
    if (failed_) return false;
    size_t mark = defined_.mark();
    bool thenReturns = lowerBranch(ifs->getThen(), &cont, st.thenBlock);
    std::vector<VarId> definedByThen = defined_.undo(mark);
    bool elseReturns = lowerBranch(ifs->getElse(), &cont, st.elseBlock);
    for (VarId v : definedByThen) defined_.insert(v);
    out.push_back(std::move(st));
    return thenReturns && elseReturns;
  }
  unsupportedStmt(s);
  return false;
}

bool Lowerer::lowerBranch(const cl::Stmt* s, std::vector<Range>* cont, Block& out) {
  if (!s) {
    if (!cont || cont->empty()) return false;
    std::vector<Range> rest = *cont;
    Range next = rest.back();
    rest.pop_back();
    return lowerSeq(next, &rest, out);
  }
  if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(s))
    return lowerSeq(Range(block->body_begin(), block->body_end()), cont, out);
  // A single statement: treat it as a one-statement block.
  cl::Stmt* const one[] = {const_cast<cl::Stmt*>(s)};
  return lowerSeq(Range(one, one + 1), cont, out);
}

void Lowerer::lowerReturn(const cl::ReturnStmt* ret, Block& out) {
  int origin = addOrigin(ret);
  if (currentLoop_ != returnLoop_) {
    env_.diags.report(ret->getBeginLoc(), Diag::UnsupportedStmt, {"'return' inside a loop"});
    failed_ = true;
    return;
  }
  if (!ret->getRetValue()) return;  // void: the path just ends
  if (ret->getRetValue()->getType()->isRecordType()) {
    if (returnStruct_) {
      lowerStructInto(*returnStruct_, ret->getRetValue()->getType(), ret->getRetValue(), origin, out);
      return;
    }
    env_.diags.report(ret->getBeginLoc(), Diag::UnsupportedStmt,
                      {"returning a struct from the differentiated function (return a scalar, or write the "
                       "results through a pointer parameter)"});
    failed_ = true;
    return;
  }
  lowerInto(inlining_.empty() ? fn_.result : returnTarget_, ret->getRetValue(), origin, out);
}

void Lowerer::lowerStmt(const cl::Stmt* s, Block& out) {
  if (llvm::isa<cl::NullStmt>(s)) return;
  if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(s)) {
    lowerSeq(Range(block->body_begin(), block->body_end()), nullptr, out);
    return;
  }
  if (const auto* decl = llvm::dyn_cast<cl::DeclStmt>(s)) {
    int origin = addOrigin(s);  // one comment for `double x = a, y = b;`
    for (const cl::Decl* d : decl->decls()) lowerLocalDecl(d, origin, out);
    return;
  }
  if (const auto* ifs = llvm::dyn_cast<cl::IfStmt>(s)) {
    Stmt st = lowerIfHead(ifs, out);
    if (failed_) return;
    size_t mark = defined_.mark();
    lowerBranch(ifs->getThen(), nullptr, st.thenBlock);
    std::vector<VarId> definedByThen = defined_.undo(mark);
    lowerBranch(ifs->getElse(), nullptr, st.elseBlock);
    for (VarId v : definedByThen) defined_.insert(v);
    out.push_back(std::move(st));
    return;
  }
  if (const auto* e = llvm::dyn_cast<cl::Expr>(s)) {
    // std::min(x, 1.0) = ... binds a temporary: the statement is wrapped in cleanups.
    const cl::Expr* inner = e->IgnoreParens();
    if (const auto* ewc = llvm::dyn_cast<cl::ExprWithCleanups>(inner)) inner = ewc->getSubExpr()->IgnoreParens();
    lowerExprStmt(inner, addOrigin(s), out);
    return;
  }
  if (const auto* loop = llvm::dyn_cast<cl::ForStmt>(s)) {
    lowerFor(loop, out);
    return;
  }
  if (const auto* loop = llvm::dyn_cast<cl::WhileStmt>(s)) {
    if (loop->getConditionVariable()) return unsupportedStmt(s);
    lowerWhile(loop, loop->getCond(), loop->getBody(), LoopForm::While, out);
    return;
  }
  if (const auto* loop = llvm::dyn_cast<cl::DoStmt>(s)) {
    lowerWhile(loop, loop->getCond(), loop->getBody(), LoopForm::Do, out);
    return;
  }
  unsupportedStmt(s);
}

void Lowerer::lowerElementWrite(const cl::Expr* lhs, cl::BinaryOperatorKind op, const cl::Expr* rhs,
                                int origin, Block& out) {
  const auto* subscript = llvm::dyn_cast<cl::ArraySubscriptExpr>(lhs);
  auto [array, index] = subscript              ? lowerSubscript(subscript)
                        : isStdArraySubscript(lhs) ? *stdArrayElement(lhs)
                                                   : accessorElement(lhs, out).value_or(std::pair<VarId, ExprRef>{kNoVar, nullptr});
  if (array == kNoVar) return;
  const Type type = fn_.var(array).type;  // a copy: lowering adds variables
  bool plain = op == cl::BO_Assign, add = op == cl::BO_AddAssign, sub = op == cl::BO_SubAssign;
  bool scale = op == cl::BO_MulAssign || op == cl::BO_DivAssign;
  if (!(plain || ((add || sub || scale) && type.isFloating())) || fn_.var(array).pointeeConst) {
    env_.diags.report(lhs->getExprLoc(), Diag::UnsupportedExpr,
                      {"this update of an element of '" + fn_.var(array).name +
                       "' (supported: a[i] = e and a[i] += -= *= /= e on float or double elements)"});
    failed_ = true;
    return;
  }
  ExprRef value = type.isFloating() ? lowerOperand(rhs, out) : lowerPassive(rhs);
  if (!value) return;
  if (value->type != type) value = convert(value, type, out, origin);
  if (sub) value = fn_.ref(materialize(unary(Op::Neg, value, type), out, origin));
  if (scale) {
    // a[i] *= e is a[i] = a[i] * e: an overwrite (analyses/Overwrites saves it).
    ExprRef old = fn_.ref(materialize(load(array, index, type), out, origin));
    value = fn_.ref(materialize(binary(op == cl::BO_MulAssign ? Op::Mul : Op::Div, old, value, type), out, origin));
    plain = true;
  }
  Stmt st = plain ? assign(array, value, origin) : accumulate(array, value, origin);
  st.index = index;
  out.push_back(std::move(st));
}

std::pair<VarId, ExprRef> Lowerer::lowerSubscript(const cl::ArraySubscriptExpr* e) {
  // a[i][j] is (a[i])[j]: collect the indices down to the array.
  std::vector<const cl::Expr*> indices;
  const cl::Expr* base = e;
  while (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(base->IgnoreParenImpCasts())) {
    indices.insert(indices.begin(), sub->getIdx());
    base = sub->getBase();
  }
  base = base->IgnoreParenImpCasts();
  VarId array = kNoVar;
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(base))
    if (auto it = vars_.find(ref->getDecl()); it != vars_.end()) array = it->second;
  if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(base); me && me->getType()->isArrayType()) {
    array = memberVar(me);
    if (array == kNoVar) return {kNoVar, nullptr};
  }
  auto dims = array == kNoVar ? dims_.end() : dims_.find(array);
  size_t rank = dims == dims_.end() ? 1 : dims->second.size();
  if (array == kNoVar || !fn_.var(array).isArray() || indices.size() != rank) {
    env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr,
                      {"indexing '" + sourceText(base) + "' (only arrays and pointer parameters, one index per dimension)"});
    failed_ = true;
    return {kNoVar, nullptr};
  }
  ExprRef index = lowerPassive(indices[0]);
  for (size_t k = 1; index && k < rank; ++k) {
    // Row-major: ((i * M) + j) * K + l.
    ExprRef next = lowerPassive(indices[k]);
    if (!next) return {kNoVar, nullptr};
    long n = dims->second[k];
    index = binary(Op::Add, binary(Op::Mul, index, constant(static_cast<double>(n), index->type, std::to_string(n)), index->type),
                   next, index->type);
  }
  if (!index) return {kNoVar, nullptr};
  return {array, index};
}

namespace {

// A `break` of this loop (not of a loop inside it).
bool breaksOut(const cl::Stmt* s) {
  if (!s) return false;
  if (llvm::isa<cl::BreakStmt>(s)) return true;
  if (llvm::isa<cl::ForStmt>(s) || llvm::isa<cl::WhileStmt>(s) || llvm::isa<cl::DoStmt>(s)) return false;
  for (const cl::Stmt* child : s->children())
    if (breaksOut(child)) return true;
  return false;
}

// n of a GRADC_MAX_TRIPS(n) among the first statements of a loop body.
std::optional<long> maxTrips(const cl::Stmt* body, const cl::ASTContext& ast) {
  const auto* block = llvm::dyn_cast_or_null<cl::CompoundStmt>(body);
  for (const cl::Stmt* s : block ? block->body() : llvm::iterator_range<cl::Stmt* const*>(nullptr, nullptr)) {
    const auto* decl = llvm::dyn_cast<cl::DeclStmt>(s);
    const auto* sa = decl && decl->isSingleDecl() ? llvm::dyn_cast<cl::StaticAssertDecl>(decl->getSingleDecl()) : nullptr;
    const auto* msg = sa ? llvm::dyn_cast_or_null<cl::StringLiteral>(sa->getMessage()) : nullptr;
    if (!msg || msg->getString() != "gradc.max_trips") continue;
    const auto* gt = llvm::dyn_cast<cl::BinaryOperator>(sa->getAssertExpr()->IgnoreParenImpCasts());
    cl::Expr::EvalResult r;
    if (gt && gt->getLHS()->EvaluateAsInt(r, ast)) return r.Val.getInt().getExtValue();
  }
  return std::nullopt;
}

}  // namespace

// Only counted loops: the reverse sweep runs them backwards, so their bounds
// and step must be known without running them.
void Lowerer::lowerFor(const cl::ForStmt* loop, Block& out) {
  auto reject = [&](const std::string& why) {
    env_.diags.report(loop->getForLoc(), Diag::UnsupportedStmt,
                      {"this loop (" + why + "; write 'for (int i = lo; i < hi; ++i)')"});
    failed_ = true;
  };
  const auto* init = llvm::dyn_cast_or_null<cl::DeclStmt>(loop->getInit());
  const auto* counter = init && init->isSingleDecl() ? llvm::dyn_cast<cl::VarDecl>(init->getSingleDecl()) : nullptr;
  if (!counter || !counter->getInit() || !counter->getType()->isIntegerType())
    return reject("the loop must declare one integer counter");
  // `i < hi && more`: counted, stopping early when `more` turns false.
  const auto* cond = llvm::dyn_cast_or_null<cl::BinaryOperator>(loop->getCond() ? loop->getCond()->IgnoreParens() : nullptr);
  const cl::Expr* stop = nullptr;
  if (cond && cond->getOpcode() == cl::BO_LAnd) {
    stop = cond->getRHS();
    cond = llvm::dyn_cast<cl::BinaryOperator>(cond->getLHS()->IgnoreParens());
  }
  const auto* condLhs = cond ? llvm::dyn_cast<cl::DeclRefExpr>(cond->getLHS()->IgnoreParenImpCasts()) : nullptr;
  if (!cond || !condLhs || condLhs->getDecl() != counter ||
      (cond->getOpcode() != cl::BO_LT && cond->getOpcode() != cl::BO_LE))
    return reject("the condition must be 'i < hi' or 'i <= hi', optionally followed by '&& ...'");
  long step = 0;
  const cl::Expr* inc = loop->getInc() ? loop->getInc()->IgnoreParens() : nullptr;
  if (const auto* u = llvm::dyn_cast_or_null<cl::UnaryOperator>(inc); u && u->isIncrementOp()) {
    step = 1;
  } else if (const auto* ca = llvm::dyn_cast_or_null<cl::CompoundAssignOperator>(inc);
             ca && ca->getOpcode() == cl::BO_AddAssign) {
    cl::Expr::EvalResult r;
    if (ca->getRHS()->EvaluateAsInt(r, env_.ast)) step = r.Val.getInt().getExtValue();
  }
  if (step <= 0) return reject("the step must be ++i or i += a positive constant");
  if (counter->getType()->isUnsignedIntegerType() && step != 1)
    return reject("an unsigned counter must step by 1: the reverse loop counts down to the lower bound");

  int origin = addOrigin(loop, "for (" + sourceText(init) + " " + sourceText(loop->getCond()) + "; " +
                                   sourceText(inc) + ")");
  auto type = scalarType(counter->getType());
  ExprRef lo = lowerPassive(counter->getInit());
  ExprRef hi = lowerPassive(cond->getRHS());
  if (!lo || !hi) return;
  if (cond->getOpcode() == cl::BO_LE) hi = binary(Op::Add, hi, constant(1, *type, "1"), *type);

  Stmt st;
  st.kind = StmtKind::For;
  st.loopId = loopCount_++;
  st.origin = origin;
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  st.dst = newVar(counter->getNameAsString(), *type, VarRole::Local);
  currentLoop_ = outer;
  vars_[counter] = st.dst;
  st.args = {lo, hi, constant(static_cast<double>(step), *type, std::to_string(step))};
  lowerCountedLoop(std::move(st), loop->getBody(), stop, LoopForm::For, out);
}

void Lowerer::lowerWhile(const cl::Stmt* loop, const cl::Expr* cond, const cl::Stmt* body, LoopForm form,
                         Block& out) {
  std::optional<long> trips = maxTrips(body, env_.ast);
  if (!trips) {
    env_.diags.report(loop->getBeginLoc(), Diag::UnsupportedStmt,
                      {std::string("a '") + (form == LoopForm::Do ? "do" : "while") +
                       "' loop without 'GRADC_MAX_TRIPS(n);' as the first statement of its body (the "
                       "reverse sweep keeps storage for every trip; or write 'for (int i = 0; i < n && "
                       "cond; ++i)')"});
    failed_ = true;
    return;
  }
  std::string head = form == LoopForm::Do ? "do ... while (" : "while (";
  Stmt st;
  st.kind = StmtKind::For;
  st.loopId = loopCount_++;
  st.origin = addOrigin(loop, head + sourceText(cond) + ")");
  Type intType = Type::integer("int");
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  st.dst = newVar("trip", intType, VarRole::Temp);
  currentLoop_ = outer;
  st.args = {constant(0, intType, "0"), constant(static_cast<double>(*trips), intType, std::to_string(*trips)),
             constant(1, intType, "1")};
  VarId running = lowerCountedLoop(std::move(st), body, cond, form, out);
  if (failed_) return;
  // Still running after n trips: the source would go on, so the computed
  // value is not the function's. Give up (NaN, no gradient) rather than be wrong.
  int origin = addOrigin(loop, head + sourceText(cond) + ") ran more than " + std::to_string(*trips) +
                                   " trips (GRADC_MAX_TRIPS)");
  ExprRef more = lowerPassive(cond);
  if (!more) return;
  VarId overrun = newVar("overrun", Type::boolean(), VarRole::Temp);
  out.push_back(assign(overrun, binary(Op::LAnd, fn_.ref(running), more, Type::boolean()), origin));
  defined_.insert(overrun);
  Stmt check;
  check.kind = StmtKind::If;
  check.value = fn_.ref(overrun);
  check.origin = origin;
  Stmt giveUp;
  giveUp.kind = StmtKind::Return;  // without a value: abandon (see ir::StmtKind::Return)
  giveUp.origin = origin;
  check.thenBlock.push_back(std::move(giveUp));
  out.push_back(std::move(check));
}

VarId Lowerer::lowerCountedLoop(Stmt st, const cl::Stmt* body, const cl::Expr* stop, LoopForm form, Block& out) {
  const Type boolType = Type::boolean();
  VarId running = kNoVar;
  if (stop || breaksOut(body)) {
    running = newVar("running", boolType, VarRole::Local);
    out.push_back(assign(running, constant(1, boolType, "true"), st.origin));
    defined_.insert(running);
  }
  size_t mark = defined_.mark();
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  defined_.insert(st.dst);
  runningFlags_.push_back(running);
  Block* bodyOut = &st.thenBlock;
  Stmt guard;
  if (running != kNoVar) {
    // cond = running && stop (a do loop tests `stop` from its second trip on).
    ExprRef go = fn_.ref(running);
    if (stop) {
      ExprRef more = lowerPassive(stop);
      if (!more) return running;
      if (form == LoopForm::Do)
        more = binary(Op::LOr, binary(Op::Eq, fn_.ref(st.dst), constant(0, fn_.var(st.dst).type, "0"), boolType),
                      more, boolType);
      go = binary(Op::LAnd, go, more, boolType);
    }
    VarId c = newVar("cond", boolType, VarRole::Temp);
    st.thenBlock.push_back(assign(c, go, st.origin));
    if (stop) st.thenBlock.push_back(assign(running, fn_.ref(c), st.origin));
    defined_.insert(c);
    guard.kind = StmtKind::If;
    guard.value = fn_.ref(c);
    guard.origin = st.origin;
    bodyOut = &guard.thenBlock;
  }
  if (containsReturn(body)) {
    env_.diags.report(body->getBeginLoc(), Diag::UnsupportedStmt, {"'return' inside a loop"});
    failed_ = true;
  } else {
    // Like a function body: `continue` and `break` end a path, and what
    // follows them in the iteration moves into the paths that go on.
    std::vector<Range> endOfIteration;
    lowerBranch(body, &endOfIteration, *bodyOut);
  }
  if (running != kNoVar) st.thenBlock.push_back(std::move(guard));
  runningFlags_.pop_back();
  currentLoop_ = outer;
  for (VarId v : defined_.undo(mark))
    if (fn_.var(v).loop != st.loopId) defined_.insert(v);  // carried or outer: keeps its value
  if (failed_) return running;

  // The bounds are read again by the reverse sweep: nothing in the body may change them.
  std::vector<VarId> boundReads;
  collectReads(st.args[0], boundReads);
  collectReads(st.args[1], boundReads);
  bool changed = false;
  forEachStmt(st.thenBlock, [&](const Stmt& s) {
    if (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate)
      changed = changed || std::count(boundReads.begin(), boundReads.end(), s.dst) || s.dst == st.dst;
  });
  if (changed) {
    env_.diags.report(body->getBeginLoc(), Diag::UnsupportedStmt,
                      {"a loop whose body changes its counter or a bound"});
    failed_ = true;
    return running;
  }
  out.push_back(std::move(st));
  return running;
}

Stmt Lowerer::lowerIfHead(const cl::IfStmt* ifs, Block& out) {
  Stmt st;
  st.kind = StmtKind::If;
  if (ifs->getInit() || ifs->getConditionVariable() || ifs->isConsteval()) {
    unsupportedStmt(ifs);
    return st;
  }
  st.origin = addOrigin(ifs->getCond(), "if (" + sourceText(ifs->getCond()) + ")");
  ExprRef cond = lowerPassive(ifs->getCond());
  if (!cond) return st;
  // Branch decisions live in a bool the reverse sweep reads again.
  VarId c = newVar("cond", Type::boolean(), VarRole::Temp);
  out.push_back(assign(c, cond, st.origin));
  defined_.insert(c);
  st.value = fn_.ref(c);
  return st;
}

void Lowerer::lowerLocalDecl(const cl::Decl* d, int origin, Block& out) {
  const auto* vd = llvm::dyn_cast<cl::VarDecl>(d);
  if (!vd) {
    if (llvm::isa<cl::TypedefNameDecl>(d) || llvm::isa<cl::StaticAssertDecl>(d)) return;
    env_.diags.report(d->getLocation(), Diag::UnsupportedStmt, {"this declaration"});
    failed_ = true;
    return;
  }
  if (vd->isStaticLocal() || vd->hasExternalStorage()) {
    env_.diags.report(vd->getLocation(), Diag::UnsupportedStmt,
                      {"a static or extern local variable"});
    failed_ = true;
    return;
  }
  if (lowerStructDecl(vd, origin, out)) return;
  if (auto shape = arrayShape(vd->getType()); shape && shape->size >= 0) {
    lowerLocalArray(vd, *shape, origin, out);
    return;
  }
  auto type = scalarType(vd->getType());
  if (!type) {
    reportType(vd->getType(), vd->getName().str(), vd->getLocation());
    return;
  }
  VarId id = newVar(vd->getName().str(), *type, VarRole::Local);
  vars_[vd] = id;
  if (const cl::Expr* init = vd->getInit()) lowerInto(id, init, origin, out);
}

// `T a[N];` or `T a[N] = {};` (zero-filled by a loop, so the IR has one kind
// of array write).
void Lowerer::lowerLocalArray(const cl::VarDecl* vd, const ArrayShape& shape, int origin, Block& out) {
  VarId id = newVar(vd->getName().str(), shape.element, VarRole::Local);
  fn_.var(id).arraySize = shape.size;
  vars_[vd] = id;
  if (shape.dims.size() > 1) dims_[id] = shape.dims;
  const cl::Expr* init = vd->getInit();
  if (!init) return;
  const auto* list = llvm::dyn_cast<cl::InitListExpr>(init->IgnoreImplicit());
  bool zeros = list != nullptr;
  for (unsigned i = 0; list && i < list->getNumInits(); ++i) {
    const cl::Expr* e = list->getInit(i)->IgnoreImplicit();
    cl::Expr::EvalResult r;
    bool zero = llvm::isa<cl::ImplicitValueInitExpr>(e) ||
                (e->EvaluateAsRValue(r, env_.ast) &&
                 ((r.Val.isFloat() && r.Val.getFloat().isZero()) || (r.Val.isInt() && r.Val.getInt() == 0)));
    zeros = zeros && zero;
  }
  if (!zeros) {
    env_.diags.report(init->getExprLoc(), Diag::UnsupportedExpr,
                      {"an array initializer other than '= {}'"});
    failed_ = true;
    return;
  }
  Type intType = Type::integer("int");
  VarId k = newVar("k", intType, VarRole::Temp);
  Stmt loop;
  loop.kind = StmtKind::For;
  loop.dst = k;
  loop.args = {constant(0, intType, "0"), constant(static_cast<double>(shape.size), intType, std::to_string(shape.size)),
               constant(1, intType, "1")};
  loop.origin = origin;
  loop.loopId = loopCount_++;
  fn_.var(k).loop = loop.loopId;
  Stmt fill = assign(id, constant(0, shape.element, formatLiteral(0, shape.element.kind)), origin);
  fill.index = fn_.ref(k);
  loop.thenBlock.push_back(std::move(fill));
  out.push_back(std::move(loop));
}

void Lowerer::lowerExprStmt(const cl::Expr* e, int origin, Block& out) {
  if (lowerStructAssign(e, origin, out)) return;
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e)) {
    if (const cl::Expr* lhs = bo->getLHS()->IgnoreParens();
        llvm::isa<cl::ArraySubscriptExpr>(lhs) || isStdArraySubscript(lhs) || accessorBody(lhs)) {
      lowerElementWrite(lhs, bo->getOpcode(), bo->getRHS(), origin, out);
      return;
    }
    if (bo->getOpcode() == cl::BO_Assign) {
      VarId dst = assignedVar(bo->getLHS());
      if (dst != kNoVar) lowerInto(dst, bo->getRHS(), origin, out);
      return;
    }
    if (const auto* ca = llvm::dyn_cast<cl::CompoundAssignOperator>(bo)) {
      lowerCompoundAssign(ca, origin, out);
      return;
    }
  }
  if (const auto* call = llvm::dyn_cast<cl::CallExpr>(e)) {
    // `layer(W, x, h);`: a function writing through its parameters.
    const cl::FunctionDecl* fd = call->getDirectCallee();
    const cl::FunctionDecl* def = nullptr;
    if (fd && !llvm::isa<cl::CXXOperatorCallExpr>(call) && inlinable(fd, def)) {
      inlineCall(call, def, out);
      return;
    }
  }
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e); uo && uo->isIncrementDecrementOp()) {
    VarId dst = assignedVar(uo->getSubExpr());
    if (dst == kNoVar) return;
    const Type t = fn_.var(dst).type;  // a copy: lowering adds variables
    ExprRef one = t.isFloating() ? constant(1, t, formatLiteral(1, t.kind)) : constant(1, t, "1");
    emitAssign(dst, binary(uo->isIncrementOp() ? Op::Add : Op::Sub, fn_.ref(dst), one, t), origin,
               out);
    return;
  }
  env_.diags.report(e->getExprLoc(), Diag::UnsupportedStmt,
                    {"an expression statement that is not an assignment"});
  failed_ = true;
}

void Lowerer::lowerCompoundAssign(const cl::CompoundAssignOperator* ca, int origin, Block& out) {
  VarId dst = assignedVar(ca->getLHS());
  if (dst == kNoVar) return;
  Op op = binaryOp(ca->getOpcode());
  if (op == Op::Const) {
    unsupportedExpr(ca);
    return;
  }
  auto compType = scalarType(ca->getComputationResultType());
  if (!compType) {
    unsupportedExpr(ca);
    return;
  }
  const Type dstType = fn_.var(dst).type;  // a copy: lowering adds variables
  ExprRef rhs = compType->isFloating() ? lowerOperand(ca->getRHS(), out) : lowerPassive(ca->getRHS());
  if (!rhs) return;
  ExprRef lhs = fn_.ref(dst);
  if (dstType != *compType) lhs = convert(lhs, *compType, out, origin);
  ExprRef value = binary(op, lhs, rhs, *compType);
  if (*compType != dstType) {
    // `float x; x += 1.0` computes in double, then converts back.
    value = fn_.ref(materialize(value, out, origin));
    value = cast(value, dstType, true);
  }
  emitAssign(dst, value, origin, out);
}

VarId Lowerer::assignedVar(const cl::Expr* lhs) {
  lhs = lhs->IgnoreParens();
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(lhs)) {
    auto it = vars_.find(ref->getDecl());
    if (it != vars_.end()) return it->second;
  }
  // A scalar member of a struct local (parameters' members are read-only).
  if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(lhs); me && !me->getType()->isArrayType())
    if (auto base = structRef(me->getBase()); base && isLocalRoot(base->root)) return memberVar(me);
  env_.diags.report(lhs->getExprLoc(), Diag::UnsupportedExpr,
                    {"assigning to '" + sourceText(lhs) + "'"});
  failed_ = true;
  return kNoVar;
}

std::string Lowerer::qualify(const std::vector<std::string>& ns, const std::string& name) const {
  const auto& here = fn_.namespaces;
  bool prefix = ns.size() >= here.size() && std::equal(here.begin(), here.end(), ns.begin());
  std::string q = prefix ? "" : "::";
  for (size_t i = prefix ? here.size() : 0; i < ns.size(); ++i) q += ns[i] + "::";
  return q + name;
}

VarId Lowerer::newVar(std::string name, Type type, VarRole role) {
  Var v;
  v.name = std::move(name);
  v.type = std::move(type);
  v.role = role;
  v.loop = currentLoop_;
  return fn_.addVar(std::move(v));
}

int Lowerer::addOrigin(const cl::Stmt* s, std::string text) {
  const cl::SourceManager& sm = env_.ast.getSourceManager();
  Origin o;
  cl::SourceLocation loc = sm.getExpansionLoc(s->getBeginLoc());
  o.line = sm.getExpansionLineNumber(loc);
  o.column = sm.getExpansionColumnNumber(loc);
  o.text = text.empty() ? sourceText(s) : std::move(text);
  o.clangStmt = s;
  if (!inlining_.empty()) {
    o.inlined = inlining_.back()->getNameAsString();
    if (!sm.isInMainFile(loc)) o.inlined = llvm::sys::path::filename(sm.getFilename(loc)).str() + ", " + o.inlined;
  }
  fn_.origins.push_back(std::move(o));
  currentOrigin_ = static_cast<int>(fn_.origins.size() - 1);
  return currentOrigin_;
}

std::string Lowerer::sourceText(const cl::Stmt* s) const {
  const cl::SourceManager& sm = env_.ast.getSourceManager();
  cl::CharSourceRange range = cl::CharSourceRange::getTokenRange(
      sm.getExpansionRange(s->getSourceRange()).getAsRange());
  std::string text = cl::Lexer::getSourceText(range, sm, env_.ast.getLangOpts()).str();
  // One line, single spaces: it goes into a comment.
  std::string flat;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !flat.empty();
      continue;
    }
    if (space) flat += ' ';
    space = false;
    flat += c;
  }
  return flat;
}

std::vector<std::string> Lowerer::namespacesOf(const cl::DeclContext* dc) const {
  std::vector<std::string> ns;
  for (; dc && !dc->isTranslationUnit(); dc = dc->getParent())
    if (const auto* n = llvm::dyn_cast<cl::NamespaceDecl>(dc)) ns.insert(ns.begin(), n->getNameAsString());
  return ns;
}

ExprRef Lowerer::reportType(cl::QualType t, const std::string& what, cl::SourceLocation loc) {
  env_.diags.report(loc, Diag::UnsupportedType, {t.getAsString(), what});
  failed_ = true;
  return nullptr;
}

ExprRef Lowerer::unsupportedExpr(const cl::Expr* e) {
  env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr, {"'" + sourceText(e) + "'"});
  failed_ = true;
  return nullptr;
}

ExprRef Lowerer::sideEffect(const cl::Expr* e) {
  env_.diags.report(e->getExprLoc(), Diag::SideEffect);
  failed_ = true;
  return nullptr;
}

void Lowerer::unsupportedStmt(const cl::Stmt* s) {
  // Clang's class name, in words: LabelStmt -> "a label statement".
  std::string cls = s->getStmtClassName(), words;
  cls = cls.substr(0, cls.size() - (llvm::StringRef(cls).ends_with("Stmt") ? 4 : 0));
  auto upper = [&](size_t i) { return i < cls.size() && std::isupper(static_cast<unsigned char>(cls[i])); };
  for (size_t i = 0; i < cls.size(); ++i) {
    // A word starts at an upper-case letter after a lower-case one, or at the
    // last capital of an acronym (CXXForRange -> cxx for range).
    if (i > 0 && upper(i) && (!upper(i - 1) || (i + 1 < cls.size() && !upper(i + 1)))) words += ' ';
    words += static_cast<char>(std::tolower(static_cast<unsigned char>(cls[i])));
  }
  bool vowel = !words.empty() && std::string("aeiou").find(words[0]) != std::string::npos;
  std::string what = (vowel ? "an " : "a ") + words + " statement";
  env_.diags.report(s->getBeginLoc(), Diag::UnsupportedStmt, {what});
  failed_ = true;
}

bool Lowerer::lowerRuleBody(const cl::CompoundStmt* body) {
  for (const cl::Stmt* s : body->body()) {
    const auto* ca = llvm::dyn_cast<cl::CompoundAssignOperator>(s);
    if (ca && ca->getOpcode() == cl::BO_AddAssign) {
      const auto* deref = llvm::dyn_cast<cl::UnaryOperator>(ca->getLHS()->IgnoreParens());
      const cl::DeclRefExpr* ref =
          deref && deref->getOpcode() == cl::UO_Deref
              ? llvm::dyn_cast<cl::DeclRefExpr>(deref->getSubExpr()->IgnoreParenImpCasts())
              : nullptr;
      const auto* p = ref ? llvm::dyn_cast<cl::ParmVarDecl>(ref->getDecl()) : nullptr;
      if (p && adjointParams_.count(p)) {
        int origin = addOrigin(s);
        // Never differentiated: keep the rule's expression whole.
        ExprRef v = lowerPassive(ca->getRHS());
        if (!v) return false;
        fn_.body.push_back(accumulate(adjointParams_[p], v, origin));
        continue;
      }
    }
    lowerStmt(s, fn_.body);
    if (failed_) return false;
  }
  return !failed_;
}

}  // namespace gradc::lowering
