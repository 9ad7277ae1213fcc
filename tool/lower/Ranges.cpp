// Whole-array statements: a range-based `for` over an array of constant
// length or a std::array is the counted loop over its elements (by value: a
// local copied from element i at the top of each trip; by reference: element
// i itself, as `double& e = v[i];` would be), and std::array's `a.fill(v)` a
// loop of assignments.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace gradc::lowering {

namespace {

ExprRef intConst(long n) { return constant(static_cast<double>(n), Type::integer("int"), std::to_string(n)); }

// N of a std::array<T, N> type; -1 for any other type.
long stdArrayLength(cl::QualType t) {
  const auto* rd = llvm::dyn_cast_or_null<cl::ClassTemplateSpecializationDecl>(t->getAsRecordDecl());
  if (!rd || rd->getQualifiedNameAsString() != "std::array" || rd->getTemplateArgs().size() < 2) return -1;
  return rd->getTemplateArgs()[1].getAsIntegral().getExtValue();
}

}  // namespace

void Lowerer::lowerRangeFor(const cl::CXXForRangeStmt* loop, Block& out) {
  const cl::Expr* range = loop->getRangeInit();
  const cl::VarDecl* var = loop->getLoopVariable();
  const std::string name = var->getNameAsString();
  auto reject = [&](const std::string& what) {
    env_.diags.report(loop->getForLoc(), Diag::UnsupportedStmt,
                      {"a range-based 'for' " + what + " (over arrays of a constant length and std::arrays; "
                       "otherwise write a counted 'for': 'for (int i = 0; i < n; ++i)' reading 'v[i]')"});
    failed_ = true;
  };
  if (loop->getInit()) return reject("with an init-statement");
  // The array and its length.
  cl::QualType rt = range->getType().getNonReferenceType();
  VarId array = kNoVar;
  ExprRef offset;
  long n = -1;
  if (auto shape = arrayShape(rt); shape && rt->isConstantArrayType()) {
    if (shape->dims.size() > 1) return reject("over the rows of a 2-D array");
    auto v = viewOf(range);
    if (failed_) return;
    if (!v || !v->alternatives.empty() || v->element) return reject("over '" + sourceText(range) + "'");
    array = v->array, offset = v->offset, n = shape->size;
  } else if (long len = stdArrayLength(rt); len >= 0) {
    std::optional<VarId> data = stdArrayData(range);
    if (!data || *data == kNoVar) return;  // (reported)
    array = *data, n = len;
  } else {
    return reject("over '" + sourceText(range) + "' of type '" + rt.getAsString() + "'");
  }
  cl::QualType vt = var->getType();
  auto elem = scalarType(vt.getNonReferenceType());
  const Type arrayType = fn_.var(array).type;  // a copy: lowering adds variables
  if (!elem || (vt->isReferenceType() && *elem != arrayType))
    return reject("with the loop variable '" + name + "' of type '" + vt.getAsString() + "'");
  if (vt->isReferenceType() && !vt.getNonReferenceType().isConstQualified() && fn_.var(array).pointeeConst)
    return reject("writing the read-only '" + sourceText(range) + "'");

  Stmt st;
  st.kind = StmtKind::For;
  st.loopId = loopCount_++;
  st.origin = addOrigin(loop, "for (" + vt.getAsString() + " " + name + " : " + sourceText(range) + ")");
  Type intType = Type::integer("int");
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  st.dst = newVar(name + "_i", intType, VarRole::Temp);
  ExprRef at = indexPlus(offset, fn_.ref(st.dst));
  if (vt->isReferenceType()) {
    View v;
    v.array = array;
    v.offset = at;
    v.element = true;
    bindView(var, v);
  } else {
    VarId e = newVar(name, *elem, VarRole::Local);
    bindVar(var, e);
    ExprRef value = load(array, at, arrayType);
    if (*elem != arrayType) value = convert(value, *elem, loopPrologue_, st.origin);
    loopPrologue_.push_back(assign(e, value, st.origin));
  }
  currentLoop_ = outer;
  st.args = {intConst(0), intConst(n), intConst(1)};
  fixedVars_.insert(st.dst);
  // The body as a counted form's, after the element copy (loopPrologue_).
  static const CountedForm plain;
  const CountedForm* saved = form_;
  form_ = &plain;
  lowerCountedLoop(std::move(st), loop->getBody(), nullptr, LoopForm::For, out);
  form_ = saved;
  loopPrologue_.clear();
}

bool Lowerer::lowerArrayFill(const cl::Expr* e, int origin, Block& out) {
  const auto* mc = llvm::dyn_cast<cl::CXXMemberCallExpr>(e->IgnoreParens());
  const cl::CXXMethodDecl* md = mc ? mc->getMethodDecl() : nullptr;
  if (!md || md->getName() != "fill" || mc->getNumArgs() != 1) return false;
  const cl::Expr* obj = mc->getImplicitObjectArgument();
  long n = stdArrayLength(obj->getType());
  if (n < 0) return false;
  std::optional<VarId> array = stdArrayData(obj);
  if (!array || *array == kNoVar) return true;  // (reported)
  const Type type = fn_.var(*array).type;  // a copy: lowering adds variables
  // The value is evaluated once, before the loop, as fill's parameter is.
  const cl::Expr* arg = mc->getArg(0);
  ExprRef value = type.isFloating() && isFloating(arg) ? lowerOperand(arg, out) : lowerPassive(arg);
  if (!value) return true;
  if (value->type != type) value = convert(value, type, out, origin);
  if (!value->isAtom()) value = fn_.ref(materialize(value, out, origin));
  fillArray(*array, n, [&](ExprRef) { return value; }, origin, out);
  return true;
}

}  // namespace gradc::lowering
