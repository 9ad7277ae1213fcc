// Lowering of tables: local arrays with initializers (`T a[N] = {...}`,
// `const` and `constexpr` ones, 2-D ones) and file-level constants, scalars
// and arrays, read by name (those of the main file re-emitted into the output).
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

namespace gradc::lowering {

namespace {

// The source text of a constant table's value: `{1.0, 2.0}` or `{{..}, {..}}`.
// False for anything but numbers.
bool tableText(const cl::APValue& v, const Type& type, std::string& out) {
  if (v.isFloat() || v.isInt()) {
    out += v.isFloat() ? formatLiteral(v.getFloat().convertToDouble(), type.kind)
                       : std::to_string(v.getInt().getExtValue());
    return true;
  }
  if (!v.isArray()) return false;
  out += "{";
  for (unsigned i = 0; i < v.getArrayInitializedElts(); ++i) {
    if (i) out += ", ";
    if (!tableText(v.getArrayInitializedElt(i), type, out)) return false;
  }
  return out += "}", true;  // (the elements after the initialized ones are zero, as in the source)
}

// Whether a file-level variable is read-only: `const T x`, `constexpr T a[N]`,
// `static const T a[N][M]` (an array's const sits on its elements).
bool isReadOnly(const cl::VarDecl* vd, cl::ASTContext& ast) {
  return vd->getType().isConstQualified() || ast.getBaseElementType(vd->getType()).isConstQualified();
}

}  // namespace

std::optional<ExprRef> Lowerer::globalElement(const cl::ArraySubscriptExpr* e, const Type& type) {
  std::vector<const cl::Expr*> indices;
  const cl::Expr* base = e;
  while (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(base->IgnoreParenImpCasts())) {
    indices.insert(indices.begin(), sub->getIdx());
    base = sub->getBase();
  }
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(base->IgnoreParenImpCasts());
  const auto* vd = ref ? llvm::dyn_cast<cl::VarDecl>(ref->getDecl()) : nullptr;
  if (!vd || !vd->hasGlobalStorage() || vars_.count(vd) || !vd->getType()->isArrayType()) return std::nullopt;
  auto shape = arrayShape(vd->getType());
  if (!shape || shape->dims.size() != indices.size()) return std::nullopt;  // (reported by lowerSubscript)
  ExprRef table = lowerGlobal(vd, ref, type, shape->dims);
  if (!table) return nullptr;
  std::vector<ExprRef> args;
  for (const cl::Expr* i : indices) {
    ExprRef index = lowerPassive(i);
    if (!index) return nullptr;
    args.push_back(index);
  }
  return withArgs(*table, std::move(args));
}

ExprRef Lowerer::lowerGlobal(const cl::VarDecl* vd, const cl::DeclRefExpr* ref, const Type& type,
                             const std::vector<long>& dims) {
  const cl::SourceManager& sm = env_.ast.getSourceManager();
  bool inMainFile = sm.isInMainFile(sm.getExpansionLoc(vd->getLocation()));
  auto e = std::make_shared<Expr>();
  e->op = Op::Global;
  e->type = type;
  std::vector<std::string> ns = namespacesOf(vd->getDeclContext());
  if (!isReadOnly(vd, env_.ast)) {
    // Read as an input that is not differentiated, by its own name, at run
    // time (never its initial value). Writes are refused where they are;
    // lowerBody refuses the read if a call could change it during the call.
    if (!(vd->hasGlobalStorage() && !vd->isStaticLocal()) || vd->getTLSKind() != cl::VarDecl::TLS_None) {
      env_.diags.report(ref->getExprLoc(), Diag::MutableGlobal, {vd->getNameAsString(), type.spelling});
      failed_ = true;
      return nullptr;
    }
    mutableReads_.push_back({ref->getExprLoc(), vd->getNameAsString(), type.spelling});
    e->text = qualify(ns, vd->getNameAsString());
    if (inMainFile && !vd->isStaticDataMember()) {
      GlobalConst gc;
      gc.name = vd->getNameAsString();
      gc.namespaces = ns;
      gc.type = type;
      gc.dims = dims;
      gc.external = true;
      auto& list = *env_.constants;
      bool known = false;
      for (const auto& c : list) known = known || (c.name == gc.name && c.namespaces == gc.namespaces);
      if (!known) list.push_back(gc);
    }
    return e;
  }
  const cl::APValue* value = vd->evaluateValue();
  if (value && (value->isInt() || value->isFloat())) {
    e->knownValue = true;  // lets loop trip counts like `i < N` be constants
    e->number = value->isInt() ? static_cast<double>(value->getInt().getExtValue())
                               : value->getFloat().convertToDouble();
  }
  if (!inMainFile) {
    e->text = qualify(ns, vd->getNameAsString());
    return e;
  }
  GlobalConst gc;
  gc.name = vd->getNameAsString();
  gc.namespaces = ns;
  gc.type = type;
  gc.dims = dims;
  gc.home = env_.constantsHome;
  bool numbers = value && (dims.empty() ? value->isFloat() || value->isInt() : value->isArray()) &&
                 tableText(*value, type, gc.valueText);
  if (!numbers) {
    env_.diags.report(ref->getExprLoc(), Diag::UnsupportedExpr,
                      {"constant '" + vd->getNameAsString() + "' whose value is not a compile-time number" +
                       (dims.empty() ? "" : " table")});
    failed_ = true;
    return nullptr;
  }
  auto& list = *env_.constants;
  bool known = false;
  for (const auto& c : list) known = known || (c.name == gc.name && c.namespaces == gc.namespaces);
  if (!known) list.push_back(gc);
  std::vector<std::string> srcNs = ns;
  srcNs.push_back(env_.constantsHome);
  e->text = qualify(srcNs, gc.name);
  return e;
}

bool Lowerer::globalsStayPut() {
  if (mutableReads_.empty() || opaqueCall_.empty()) return true;
  const std::string& opaque = opaqueCall_;
  const GlobalRead& r = mutableReads_.front();
  env_.diags.report(r.loc, Diag::UnsupportedExpr,
                    {"reading the mutable global '" + r.name + "' in a function that also calls '" + opaque +
                     "', which could change it while the gradient runs (pass it as a parameter: 'f(..., " + r.type +
                     " " + r.name + ")', or make it a constant)"});
  return false;
}

namespace {

// The initializers of a `T a[N]...` local, flattened row-major: nullptr for
// an element the list leaves to zero. False for a shape gradc does not read.
bool flatInits(const cl::Expr* init, const std::vector<long>& dims, size_t rank, std::vector<const cl::Expr*>& out) {
  long count = 1;
  for (size_t k = rank; k < dims.size(); ++k) count *= dims[k];
  init = init ? init->IgnoreImplicit() : nullptr;
  if (!init || llvm::isa<cl::ImplicitValueInitExpr>(init)) {
    out.insert(out.end(), static_cast<size_t>(count), nullptr);
    return true;
  }
  if (rank == dims.size()) {
    if (llvm::isa<cl::InitListExpr>(init)) return false;  // `{x}` around a scalar
    out.push_back(init);
    return true;
  }
  const auto* list = llvm::dyn_cast<cl::InitListExpr>(init);
  if (!list) return false;  // a string literal, a copy of another array
  for (long i = 0; i < dims[rank]; ++i) {
    const cl::Expr* sub = static_cast<unsigned>(i) < list->getNumInits() ? list->getInit(static_cast<unsigned>(i)) : nullptr;
    if (!flatInits(sub, dims, rank + 1, out)) return false;
  }
  return true;
}

bool isZero(const cl::Expr* e, cl::ASTContext& ast) {
  cl::Expr::EvalResult r;
  return !e || (!e->isValueDependent() && e->EvaluateAsRValue(r, ast) &&
                ((r.Val.isFloat() && r.Val.getFloat().isZero() && !r.Val.getFloat().isNegative()) ||
                 (r.Val.isInt() && r.Val.getInt() == 0)));
}

}  // namespace

// `T a[N];`, `T a[N] = {}` (zero-filled by a loop, so the IR has one kind of
// array write), `T a[N] = {e0, e1}` and `T a[R][C] = {{..}, {..}}`: one
// element write per initializer, zeros for the rest.
void Lowerer::lowerLocalArray(const cl::VarDecl* vd, const ArrayShape& shape, int origin, Block& out) {
  VarId id = newVar(vd->getName().str(), shape.element, VarRole::Local);
  fn_.var(id).arraySize = shape.size;
  vars_[vd] = id;
  if (shape.dims.size() > 1) dims_[id] = shape.dims;
  const cl::Expr* init = vd->getInit();
  if (!init) return;
  std::vector<const cl::Expr*> inits;
  if (!flatInits(init, shape.dims, 0, inits) || static_cast<long>(inits.size()) != shape.size) {
    env_.diags.report(init->getExprLoc(), Diag::UnsupportedExpr,
                      {"this array initializer (supported: '= {}' and braced lists of values, '{{..}, {..}}' for "
                       "2-D arrays)"});
    failed_ = true;
    return;
  }
  const Type type = shape.element;
  ExprRef zero = type.isFloating() ? constant(0, type, formatLiteral(0, type.kind)) : constant(0, type, "0");
  // The explicit values, one write each; the zeros after the last one by a
  // loop (unless only one or two).
  size_t last = 0;
  for (size_t i = 0; i < inits.size(); ++i)
    if (!isZero(inits[i], env_.ast)) last = i + 1;
  size_t zerosFrom = last == 0 || inits.size() - last > 2 ? last : inits.size();
  Type intType = Type::integer("int");
  for (size_t i = 0; i < zerosFrom; ++i) {
    ExprRef value = zero;
    if (inits[i]) {
      value = type.isFloating() && isFloating(inits[i]) ? lowerOperand(inits[i], out) : lowerPassive(inits[i]);
      if (!value) return;
      if (value->type != type) value = convert(value, type, out, origin);
    }
    Stmt st = assign(id, value, origin);
    st.index = constant(static_cast<double>(i), intType, std::to_string(i));
    out.push_back(std::move(st));
  }
  if (zerosFrom == inits.size()) return;
  VarId k = newVar("k", intType, VarRole::Temp);
  Stmt loop;
  loop.kind = StmtKind::For;
  loop.dst = k;
  loop.args = {constant(static_cast<double>(zerosFrom), intType, std::to_string(zerosFrom)),
               constant(static_cast<double>(shape.size), intType, std::to_string(shape.size)), constant(1, intType, "1")};
  loop.origin = origin;
  loop.loopId = loopCount_++;
  fn_.var(k).loop = loop.loopId;
  Stmt fill = assign(id, zero, origin);
  fill.index = fn_.ref(k);
  loop.thenBlock.push_back(std::move(fill));
  out.push_back(std::move(loop));
}

}  // namespace gradc::lowering
