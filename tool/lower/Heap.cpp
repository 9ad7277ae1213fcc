// Heap storage of a size known when gradc runs, and the C memory functions on
// arrays. The generated code never allocates: `double* p = new double(x);` is
// a scalar local that p points to (as `&v` would), `new T[N]`,
// `(T*)malloc(N * sizeof(T))` and `calloc(N, sizeof(T))` with a constant N a
// local array that p views, and `delete p;`, `delete[] p;`, `free(p);` of it
// nothing. A run-time size is refused with the fixed-maximum array or the
// caller's buffer to write instead. `memset(a, 0, bytes)` and `memcpy(dst,
// src, bytes)` between arrays of one element type are element loops; a byte
// count that is not whole elements is refused (and a copy between types is
// refused by fence/Fence.cpp as a bit reinterpretation).
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace gradc::lowering {

namespace {

ExprRef intConst(long n) { return constant(static_cast<double>(n), Type::integer("int"), std::to_string(n)); }

// A call of the C library function `name` (also `std::name`).
const cl::CallExpr* libraryCall(const cl::Expr* e, std::initializer_list<llvm::StringRef> names) {
  const auto* call = llvm::dyn_cast<cl::CallExpr>(e);
  const cl::FunctionDecl* fd = call ? call->getDirectCallee() : nullptr;
  if (!fd || !fd->getIdentifier() || !isLibraryFunction(fd)) return nullptr;
  for (llvm::StringRef n : names)
    if (fd->getName() == n) return call;
  return nullptr;
}

// The allocation a pointer initializer makes, under its casts
// (`(double*)malloc(..)`, `static_cast<double*>(..)`); null if none.
const cl::Expr* allocation(const cl::Expr* e) {
  e = e->IgnoreParenImpCasts();
  while (const auto* ce = llvm::dyn_cast<cl::ExplicitCastExpr>(e)) e = ce->getSubExpr()->IgnoreParenImpCasts();
  if (llvm::isa<cl::CXXNewExpr>(e)) return e;
  return libraryCall(e, {"malloc", "calloc", "realloc", "aligned_alloc"});
}

// Whether `e` is `sizeof(T)` or `sizeof x` of an expression of type T.
bool isSizeOf(const cl::Expr* e, cl::QualType elem, const cl::ASTContext& ast) {
  const auto* s = llvm::dyn_cast<cl::UnaryExprOrTypeTraitExpr>(e->IgnoreParenImpCasts());
  return s && s->getKind() == cl::UETT_SizeOf && ast.hasSameUnqualifiedType(s->getTypeOfArgument(), elem);
}

// A byte count as a count of T elements: a constant (`sizeof(a)`,
// `3 * sizeof(double)`) or `n * sizeof(T)` / `sizeof(T) * n` (then `count`
// is n). False if it is not whole elements, or not of those forms.
struct Elements {
  long constant = -1;
  const cl::Expr* count = nullptr;
};
bool elementsOf(const cl::Expr* bytes, cl::QualType elem, const cl::ASTContext& ast, Elements& n) {
  long size = ast.getTypeSizeInChars(elem).getQuantity();
  bytes = bytes->IgnoreParenImpCasts();
  cl::Expr::EvalResult r;
  if (!bytes->isValueDependent() && bytes->EvaluateAsInt(r, ast)) {
    long b = r.Val.getInt().getExtValue();
    n.constant = b / size;
    return size > 0 && b % size == 0;
  }
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(bytes); bo && bo->getOpcode() == cl::BO_Mul) {
    if (isSizeOf(bo->getRHS(), elem, ast)) n.count = bo->getLHS()->IgnoreParenImpCasts();
    else if (isSizeOf(bo->getLHS(), elem, ast)) n.count = bo->getRHS()->IgnoreParenImpCasts();
  }
  return n.count != nullptr;
}

// The element type of a pointer or array expression (the void* conversion
// of a memcpy argument stripped).
cl::QualType elementType(const cl::Expr* e) {
  cl::QualType t = e->getType();
  if (t->isPointerType()) return t->getPointeeType();
  if (t->isArrayType()) return cl::QualType(t->getArrayElementTypeNoTypeQual(), 0);
  return {};
}

}  // namespace

bool Lowerer::lowerHeapDecl(const cl::VarDecl* vd, int origin, Block& out) {
  const cl::Expr* init = vd->getInit();
  if (!vd->getType()->isPointerType() || !init) return false;
  const cl::Expr* alloc = allocation(init);
  if (!alloc) return false;
  const std::string name = vd->getNameAsString();
  const std::string text = sourceText(alloc);
  cl::QualType elemType = vd->getType()->getPointeeType();
  auto reject = [&](const std::string& what) {
    env_.diags.report(alloc->getBeginLoc(), Diag::UnsupportedExpr, {what});
    failed_ = true;
    return true;
  };
  auto elem = scalarType(elemType);
  if (!elem)
    return reject("'" + text + "', heap storage of '" + elemType.getAsString() +
                  "' (declare a local instead: '" + elemType.getAsString() + " " + name + ";')");
  const std::string elemName = elemType.getUnqualifiedType().getAsString();
  const auto* newExpr = llvm::dyn_cast<cl::CXXNewExpr>(alloc);
  const auto* call = llvm::dyn_cast<cl::CallExpr>(alloc);
  std::string fn = call ? call->getDirectCallee()->getName().str() : "";
  if (fn == "realloc" || fn == "aligned_alloc")
    return reject("'" + fn + "' (the generated code never allocates: declare a local array of a fixed maximum "
                  "length, '" + elemName + " " + name + "[kMax];')");
  if (newExpr && (newExpr->getNumPlacementArgs() > 0 || !newExpr->getOperatorNew()->isReplaceableGlobalAllocationFunction()))
    return reject("'" + text + "', a placement or class-specific 'new' (declare a local: '" + elemName + " " + name +
                  ";')");
  // The pointer stays on its storage: `delete p`, `free(p)` and element
  // accesses read it; moving it, or taking its address, is refused.
  if (!onlyReadIn(bodyOf(vd), vd))
    return reject("the heap pointer '" + name + "', which the function moves, reassigns or takes the address of " +
                  "(allocate into a local array, '" + elemName + " " + name + "[N];', and index it)");
  long count = 1;
  bool array = false, zeroed = fn == "calloc";
  const cl::Expr* value = nullptr;  // `new double(x)`: x
  auto runtimeSize = [&] {
    env_.diags.report(alloc->getBeginLoc(), Diag::HeapRuntimeSize, {text, elemName, name});
    failed_ = true;
    return true;
  };
  if (newExpr) {
    array = newExpr->isArray();
    if (array) {
      cl::Expr::EvalResult r;
      const cl::Expr* size = *newExpr->getArraySize();
      if (size->isValueDependent() || !size->EvaluateAsInt(r, env_.ast)) return runtimeSize();
      count = r.Val.getInt().getExtValue();
    }
    if (const cl::Expr* i = newExpr->getInitializer()) {
      if (const auto* list = llvm::dyn_cast<cl::InitListExpr>(i); list && list->getNumInits() <= 1)
        i = list->getNumInits() == 1 ? list->getInit(0) : nullptr, zeroed = !i;
      else if (const auto* paren = llvm::dyn_cast<cl::ParenListExpr>(i); paren && paren->getNumExprs() == 1)
        i = paren->getExpr(0);
      if (i && (llvm::isa<cl::ImplicitValueInitExpr>(i) || llvm::isa<cl::CXXScalarValueInitExpr>(i)))
        i = nullptr, zeroed = true;
      if (i && (array || llvm::isa<cl::InitListExpr>(i) || llvm::isa<cl::ParenListExpr>(i)))
        return reject("the initializer of '" + text + "' (write the values into the elements after it)");
      value = i;
    }
  } else {
    Elements n;
    const cl::Expr* bytes = call->getArg(fn == "calloc" ? 1 : 0);
    bool whole = elementsOf(bytes, elemType, env_.ast, n);
    if (fn == "calloc") {  // calloc(count, size): a constant count of whole elements
      cl::Expr::EvalResult r;
      const cl::Expr* c = call->getArg(0);
      if (!whole || n.constant < 0) whole = false;
      else if (c->isValueDependent() || !c->EvaluateAsInt(r, env_.ast)) return runtimeSize();
      else n.constant *= r.Val.getInt().getExtValue();
    }
    if (!whole)
      return reject("'" + text + "', whose byte count is not a whole number of '" + elemName + "' elements (write '" +
                    fn + "(N * sizeof(" + elemName + "))')");
    if (n.constant < 0) return runtimeSize();
    count = n.constant;
    array = count != 1;
  }
  if (count < 1) return reject("'" + text + "', an allocation of no element");
  heap_[vd] = newExpr ? (newExpr->isArray() ? HeapKind::NewArray : HeapKind::New) : HeapKind::Malloc;
  const Type type = *elem;
  ExprRef zero = type.isFloating() ? constant(0, type, formatLiteral(0, type.kind)) : constant(0, type, "0");
  if (!array) {
    // `*p`, `p[0]`, `f(p)` are this local (lower/Views.cpp's scalar pointers).
    VarId id = newVar(name + "_value", type, VarRole::Local);
    vars_.erase(vd);
    views_.erase(vd);
    scalarPointers_[vd] = id;
    if (value) {
      if (!hoistEffects(value, value, true, origin, out)) return true;
      lowerInto(id, value, origin, out);
    } else if (zeroed) {
      emitAssign(id, zero, origin, out);
    }
    return true;
  }
  VarId id = newVar(name + "_storage", type, VarRole::Local);
  fn_.var(id).arraySize = count;
  View v;
  v.array = id;
  bindView(vd, v);
  if (zeroed) fillArray(id, count, [&](ExprRef) { return zero; }, origin, out);
  return true;
}

bool Lowerer::lowerHeapRelease(const cl::Expr* e) {
  e = e->IgnoreParens();
  const cl::Expr* ptr = nullptr;
  HeapKind kind;
  std::string how;
  if (const auto* del = llvm::dyn_cast<cl::CXXDeleteExpr>(e)) {
    ptr = del->getArgument();
    kind = del->isArrayForm() ? HeapKind::NewArray : HeapKind::New;
    how = del->isArrayForm() ? "delete[]" : "delete";
  } else if (const cl::CallExpr* call = libraryCall(e, {"free"}); call && call->getNumArgs() == 1) {
    ptr = call->getArg(0);
    kind = HeapKind::Malloc;
    how = "free";
  } else {
    return false;
  }
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(ptr->IgnoreParenImpCasts());
  auto it = ref ? heap_.find(ref->getDecl()) : heap_.end();
  if (it == heap_.end()) {
    env_.diags.report(e->getBeginLoc(), Diag::UnsupportedExpr,
                      {"'" + sourceText(e) + "', which releases storage this function did not allocate where the "
                       "pointer is declared (release a pointer declared as 'double* p = new double[N];' or '= "
                       "(double*)malloc(N * sizeof(double));', with a constant N)"});
    failed_ = true;
    return true;
  }
  if (it->second != kind) {
    const char* made = it->second == HeapKind::New ? "'new'" : it->second == HeapKind::NewArray ? "'new[]'" : "'malloc'";
    const char* want = it->second == HeapKind::New ? "delete" : it->second == HeapKind::NewArray ? "delete[]" : "free";
    env_.diags.report(e->getBeginLoc(), Diag::UnsupportedExpr,
                      {"'" + sourceText(e) + "', which releases storage made by " + made + " with '" + how +
                       "' (undefined behavior: release it with '" + want + "')"});
    failed_ = true;
  }
  return true;  // the storage is a local: nothing to release
}

bool Lowerer::lowerMemoryCall(const cl::Expr* e, int origin, Block& out) {
  const cl::CallExpr* call = libraryCall(e->IgnoreParens(), {"memset", "memcpy", "memmove"});
  if (!call || call->getNumArgs() != 3) return false;
  const std::string fn = call->getDirectCallee()->getName().str();
  auto reject = [&](const cl::Expr* at, const std::string& what) {
    env_.diags.report(at->getExprLoc(), Diag::UnsupportedExpr, {what});
    failed_ = true;
    return true;
  };
  const cl::Expr* dst = call->getArg(0)->IgnoreParenImpCasts();
  const cl::Expr* src = fn == "memset" ? nullptr : call->getArg(1)->IgnoreParenImpCasts();
  cl::QualType elemType = elementType(dst);
  auto elem = elemType.isNull() ? std::nullopt : scalarType(elemType);
  const std::string loop = fn == "memset" ? "'for (int i = 0; i < n; ++i) a[i] = 0;'"
                                          : "'for (int i = 0; i < n; ++i) dst[i] = src[i];'";
  if (!elem || (src && (elementType(src).isNull() ||
                        !env_.ast.hasSameUnqualifiedType(elementType(src), elemType))))
    return reject(call, "'" + fn + "' between other than arrays of one scalar type (write the loop: " + loop + ")");
  const std::string elemName = elemType.getUnqualifiedType().getAsString();
  Elements n;
  if (!elementsOf(call->getArg(2), elemType, env_.ast, n))
    return reject(call->getArg(2), "'" + fn + "' of '" + sourceText(call->getArg(2)) +
                                       "' bytes, which is not a whole number of '" + elemName + "' elements (write 'n * sizeof(" +
                                       elemName + ")', or the loop: " + loop + ")");
  if (fn == "memset") {
    cl::Expr::EvalResult r;
    const cl::Expr* byte = call->getArg(1);
    if (byte->isValueDependent() || !byte->EvaluateAsInt(r, env_.ast) || r.Val.getInt() != 0)
      return reject(byte, "'memset' to a byte other than 0, which sets bits rather than values (write the loop: " +
                              loop + ")");
  }
  // One scalar (`memcpy(&y, &x, sizeof x)`): an assignment.
  if (VarId to = pointedScalar(dst); to != kNoVar) {
    const Type type = fn_.var(to).type;  // a copy: lowering adds variables
    ExprRef value = type.isFloating() ? constant(0, type, formatLiteral(0, type.kind)) : constant(0, type, "0");
    if (src) {
      VarId from = pointedScalar(src);
      std::optional<View> el = from == kNoVar ? viewOf(src) : std::nullopt;
      if (failed_) return true;
      if (from != kNoVar) value = fn_.ref(from);
      else if (el && el->alternatives.empty()) value = load(el->array, el->offset ? el->offset : intConst(0), type);
      else value = nullptr;
    }
    if (n.constant != 1 || !value)
      return reject(call, "'" + fn + "' into the scalar '" + sourceText(dst) + "' of other than one element (write " +
                              "the assignment)");
    emitAssign(to, value, origin, out);
    return true;
  }
  auto dstView = viewOf(dst);
  if (failed_) return true;
  std::optional<View> srcView;
  if (src) {
    srcView = viewOf(src);
    if (failed_) return true;
  }
  if (!dstView || !dstView->alternatives.empty() || dstView->element || (src && (!srcView || !srcView->alternatives.empty())))
    return reject(call, "passing '" + sourceText(!dstView ? dst : src) + "' to '" + fn + "' (" + kArrayOrView + ")");
  if (fn_.var(dstView->array).pointeeConst)
    return reject(dst, "'" + fn + "' into the read-only '" + sourceText(dst) + "'");
  if (srcView && srcView->array == dstView->array)
    return reject(call, "'" + fn + "' within one array (write the loop: " + loop + ")");
  // The count, fixed before the loop (the reverse sweep reads the bound again).
  ExprRef count = n.count ? lowerPassive(n.count) : intConst(n.constant);
  if (!count) return true;
  if (count->type != Type::integer("int")) count = cast(count, Type::integer("int"), false);  // (`size_t n`)
  if (!count->isAtom()) count = fn_.ref(materialize(count, out, origin));
  const Type type = *elem;
  Type intType = Type::integer("int");
  Stmt st;
  st.kind = StmtKind::For;
  st.loopId = loopCount_++;
  st.origin = origin;
  st.dst = newVar("k", intType, VarRole::Temp);
  fn_.var(st.dst).loop = st.loopId;
  st.args = {intConst(0), count, intConst(1)};
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  ExprRef k = fn_.ref(st.dst);
  ExprRef value = type.isFloating() ? constant(0, type, formatLiteral(0, type.kind)) : constant(0, type, "0");
  if (srcView) value = fn_.ref(materialize(load(srcView->array, indexPlus(srcView->offset, k), type), st.thenBlock, origin));
  Stmt write = assign(dstView->array, value, origin);
  write.index = indexPlus(dstView->offset, k);
  st.thenBlock.push_back(std::move(write));
  currentLoop_ = outer;
  out.push_back(std::move(st));
  return true;
}

}  // namespace gradc::lowering
