// Structs as values: scalar replacement of aggregates in the lowering. A
// struct local `V p{x, y};` becomes one local per scalar member (`p_a`) and one
// local array per array member; a copy is memberwise; a helper returning a
// struct writes its `return` into a struct local of the caller; a by-value
// struct parameter is a copy. The IR never holds a struct value, so the
// analyses and the reverse sweep see plain scalars and arrays.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

#include <algorithm>

namespace gradc::lowering {

namespace {

// `e` without what wraps a struct value: temporaries, no-op casts, trivial copies.
const cl::Expr* structValue(const cl::Expr* e) {
  while (true) {
    e = e->IgnoreParens();
    if (const auto* ic = llvm::dyn_cast<cl::ImplicitCastExpr>(e);
        ic && (ic->getCastKind() == cl::CK_NoOp || ic->getCastKind() == cl::CK_LValueToRValue)) {
      e = ic->getSubExpr();
    } else if (const auto* fc = llvm::dyn_cast<cl::CXXFunctionalCastExpr>(e); fc && fc->getCastKind() == cl::CK_NoOp) {
      e = fc->getSubExpr();
    } else if (const auto* mt = llvm::dyn_cast<cl::MaterializeTemporaryExpr>(e)) {
      e = mt->getSubExpr();
    } else if (const auto* ewc = llvm::dyn_cast<cl::ExprWithCleanups>(e)) {
      e = ewc->getSubExpr();
    } else if (const auto* bt = llvm::dyn_cast<cl::CXXBindTemporaryExpr>(e)) {
      e = bt->getSubExpr();
    } else if (const auto* ce = llvm::dyn_cast<cl::ConstantExpr>(e)) {
      e = ce->getSubExpr();
    } else if (const auto* cc = llvm::dyn_cast<cl::CXXConstructExpr>(e);
               cc && cc->getNumArgs() == 1 && cc->getConstructor()->isCopyOrMoveConstructor() &&
               !cc->getConstructor()->isUserProvided()) {
      e = cc->getArg(0);
    } else {
      return e;
    }
  }
}

bool isStdArray(const cl::RecordDecl* rd) {
  return rd && rd->getQualifiedNameAsString() == "std::array";
}

// A `const std::vector<T>&` parameter is read like a std::array of run-time length (lower/Vectors.cpp).
bool isStdVector(const cl::RecordDecl* rd) {
  return rd && rd->getQualifiedNameAsString() == "std::vector";
}

}  // namespace

// Why a struct cannot be split into its members, or empty: trivially copyable
// structs of scalars, fixed-size arrays of scalars and such structs.
std::string Lowerer::notAValue(const cl::RecordDecl* rd) {
  const auto* cxx = llvm::dyn_cast<cl::CXXRecordDecl>(rd);
  if (rd->isUnion()) return "a union";
  if (cxx && !cxx->hasDefinition()) return "an incomplete type";
  if (cxx && !emptyBasesOnly(cxx)) return "base classes with members or virtual functions";
  if (cxx && cxx->isPolymorphic()) return "virtual functions";
  // (std::pair's assignments are written out, and memberwise.)
  if (cxx && !cxx->isTriviallyCopyable() && !isStdPair(cxx)) return "a user-written copy, move or destructor";
  for (const cl::FieldDecl* f : rd->fields()) {
    cl::QualType t = f->getType().getCanonicalType();
    if (const auto* inner = t->getAsRecordDecl()) {
      std::string why = notAValue(inner);
      if (!why.empty()) return why;
      continue;
    }
    if (t->isArrayType() ? !arrayShape(t) : !scalarType(t))
      return "a member '" + f->getNameAsString() + "' of type '" + f->getType().getAsString() + "'";
  }
  return {};
}

std::string memberSegment(const cl::FieldDecl* f) {
  return isStdArray(f->getParent()) ? ".data()" : "." + f->getNameAsString();
}

std::string memberName(std::string path) {
  for (size_t at; (at = path.find(".data()")) != std::string::npos;) path.erase(at, 7);
  std::replace(path.begin(), path.end(), '.', '_');
  return path;
}

Lowerer::StructRef Lowerer::declareStruct(cl::QualType t, const std::string& name, long count) {
  StructRef ref{kNoVar - 1 - structLocals_++, "", nullptr, count};
  std::function<void(const cl::RecordDecl*, const std::string&)> walk = [&](const cl::RecordDecl* rd,
                                                                          const std::string& path) {
    for (const cl::FieldDecl* f : rd->fields()) {
      std::string p = path + memberSegment(f);
      cl::QualType ft = f->getType().getCanonicalType();
      if (ft->isRecordType()) {
        walk(ft->getAsRecordDecl(), p);
        continue;
      }
      std::string vname = name + memberName(p);
      VarId id;
      if (auto shape = arrayShape(ft); shape && ft->isArrayType()) {
        id = newVar(vname, shape->element, VarRole::Local);
        fn_.var(id).arraySize = shape->size * std::max(count, 1L);
        if (shape->dims.size() > 1 && count == 0) dims_[id] = shape->dims;
      } else {
        id = newVar(vname, *scalarType(ft), VarRole::Local);
        if (count > 0) fn_.var(id).arraySize = count;
      }
      members_[{ref.root, p}] = id;
    }
  };
  walk(t.getCanonicalType()->getAsRecordDecl(), "");
  return ref;
}

void Lowerer::countedLoop(long from, long to, int origin, Block& out,
                          const std::function<void(ExprRef, Block&)>& body) {
  Type intType = Type::integer("int");
  VarId k = newVar("k", intType, VarRole::Temp);
  Stmt loop;
  loop.kind = StmtKind::For;
  loop.dst = k;
  loop.args = {constant(static_cast<double>(from), intType, std::to_string(from)),
               constant(static_cast<double>(to), intType, std::to_string(to)), constant(1, intType, "1")};
  loop.origin = origin;
  loop.loopId = loopCount_++;
  fn_.var(k).loop = loop.loopId;
  int savedLoop = currentLoop_;
  currentLoop_ = loop.loopId;
  body(fn_.ref(k), loop.thenBlock);
  currentLoop_ = savedLoop;
  out.push_back(std::move(loop));
}

void Lowerer::fillArray(VarId dst, long n, const std::function<ExprRef(ExprRef)>& element, int origin, Block& out,
                        ExprRef offset) {
  countedLoop(0, n, origin, out, [&](ExprRef k, Block& body) {
    ExprRef value = element(k);
    if (!value->isAtom()) value = fn_.ref(materialize(value, body, origin));
    Stmt st = assign(dst, value, origin);
    st.index = indexPlus(offset, k);
    body.push_back(std::move(st));
  });
}

bool Lowerer::copyStruct(const StructRef& dst, const StructRef& src, const cl::RecordDecl* rd, int origin, Block& out) {
  for (const cl::FieldDecl* f : rd->fields()) {
    std::string name = memberSegment(f);
    cl::QualType ft = f->getType().getCanonicalType();
    if (ft->isRecordType()) {
      if (!copyStruct(dst.member(name), src.member(name), ft->getAsRecordDecl(), origin, out))
        return false;
      continue;
    }
    // (An element of an array of structs: the member variables hold every
    // element's, element i's at i * the member's size.)
    VarId to = memberAt(dst, f, f->getLocation(), true);
    VarId from = to == kNoVar ? kNoVar : memberAt(src, f, f->getLocation(), true);
    if (from == kNoVar) return false;
    if (from == to && !dst.index && !src.index) continue;  // `p = p`
    const Type et = fn_.var(to).type;
    if (auto shape = arrayShape(ft); shape && ft->isArrayType()) {
      long n = shape->size;
      ExprRef at = src.index ? indexTimes(src.index, n) : nullptr;
      fillArray(to, n, [&](ExprRef k) { return load(from, indexPlus(at, k), et); }, origin, out,
                dst.index ? indexTimes(dst.index, n) : nullptr);
      continue;
    }
    ExprRef value = src.index ? load(from, src.index, et) : fn_.ref(from);
    if (!dst.index) {
      emitAssign(to, value, origin, out);
      continue;
    }
    if (!value->isAtom()) value = fn_.ref(materialize(value, out, origin));
    Stmt st = assign(to, value, origin);
    st.index = dst.index;
    out.push_back(std::move(st));
  }
  return true;
}

namespace {

bool isZero(const cl::Expr* e, cl::ASTContext& ast) {
  e = e->IgnoreImplicit();
  if (llvm::isa<cl::ImplicitValueInitExpr>(e)) return true;
  cl::Expr::EvalResult r;
  return e->EvaluateAsRValue(r, ast) &&
         ((r.Val.isFloat() && r.Val.getFloat().isZero()) || (r.Val.isInt() && r.Val.getInt() == 0));
}

}  // namespace

bool Lowerer::lowerStructInto(const StructRef& dst, cl::QualType t, const cl::Expr* e, int origin, Block& out) {
  const cl::RecordDecl* rd = t.getCanonicalType()->getAsRecordDecl();
  const cl::Expr* v = structValue(e);
  auto reject = [&](const std::string& what) {
    env_.diags.report(v->getExprLoc(), Diag::UnsupportedExpr, {what});
    failed_ = true;
    return false;
  };
  if (auto src = structRef(v)) return copyStruct(dst, *src, rd, origin, out);
  // One member from its initializer (null: value-initialized, zero).
  std::function<bool(const StructRef&, const cl::FieldDecl*, const cl::Expr*)> initMember =
      [&](const StructRef& base, const cl::FieldDecl* f, const cl::Expr* init) -> bool {
    if (const auto* di = llvm::dyn_cast_or_null<cl::CXXDefaultInitExpr>(init)) init = di->getExpr();
    if (init && llvm::isa<cl::ImplicitValueInitExpr>(init)) init = nullptr;
    cl::QualType ft = f->getType().getCanonicalType();
    StructRef sub = base.member(memberSegment(f));
    if (ft->isRecordType()) {
      if (init) return lowerStructInto(sub, ft, init, origin, out);
      for (const cl::FieldDecl* g : ft->getAsRecordDecl()->fields())
        if (!initMember(sub, g, nullptr)) return false;
      return true;
    }
    VarId to = memberAt(base, f, f->getLocation(), true);
    if (to == kNoVar) return false;
    const Type et = fn_.var(to).type;
    ExprRef zero = constant(0, et, et.isFloating() ? formatLiteral(0, et.kind) : "0");
    auto shape = arrayShape(ft);
    if (!shape || !ft->isArrayType()) {
      if (!base.index) {
        if (!init) {
          emitAssign(to, zero, origin, out);
          return true;
        }
        lowerInto(to, init, origin, out);
        return !failed_;
      }
      // Element i of an array of structs: a store at i.
      ExprRef value = !init ? zero : et.isFloating() ? lowerOperand(init, out) : lowerPassive(init);
      if (!value) return false;
      if (value->type != et) value = convert(value, et, out, origin);
      Stmt st = assign(to, value, origin);
      st.index = base.index;
      out.push_back(std::move(st));
      return true;
    }
    const long n = shape->size;
    ExprRef at = base.index ? indexTimes(base.index, n) : nullptr;  // element i's part of the member's array
    const auto* list = init ? llvm::dyn_cast<cl::InitListExpr>(init->IgnoreImplicit()) : nullptr;
    if (init && !list) return reject("initializing the array member '" + f->getNameAsString() + "' from '" + sourceText(init) + "' (use braces or copy the whole struct)");
    if (shape->dims.size() > 1 && list && list->getNumInits() > 0 && !isZero(list, env_.ast))
      return reject("a brace initializer of the 2-D array member '" + f->getNameAsString() + "' (assign its elements)");
    bool allZero = !list || std::all_of(list->begin(), list->end(), [&](const cl::Stmt* s) {
      return isZero(llvm::cast<cl::Expr>(s), env_.ast);
    });
    if (allZero) {
      fillArray(to, n, [&](ExprRef) { return zero; }, origin, out, at);
      return true;
    }
    for (long i = 0; i < n; ++i) {
      const cl::Expr* x = i < static_cast<long>(list->getNumInits()) ? list->getInit(static_cast<unsigned>(i)) : nullptr;
      ExprRef value = !x || isZero(x, env_.ast) ? zero : et.isFloating() ? lowerOperand(x, out) : lowerPassive(x);
      if (!value) return false;
      if (value->type != et) value = convert(value, et, out, origin);
      Stmt st = assign(to, value, origin);
      st.index = indexPlus(at, constant(static_cast<double>(i), Type::integer("int"), std::to_string(i)));
      out.push_back(std::move(st));
    }
    return true;
  };
  if (const auto* list = llvm::dyn_cast<cl::InitListExpr>(v)) {
    if (list->getNumInits() == 1 && list->getInit(0)->getType()->getAsRecordDecl() == rd && !isStdArray(rd))
      return lowerStructInto(dst, t, list->getInit(0), origin, out);  // `V q{p}`
    unsigned i = 0;  // (an aggregate's list starts with its empty bases')
    if (const auto* cxx = llvm::dyn_cast<cl::CXXRecordDecl>(rd)) i = cxx->getNumBases();
    for (const cl::FieldDecl* f : rd->fields()) {
      const cl::Expr* init = i < list->getNumInits() ? list->getInit(i) : nullptr;
      ++i;
      if (!initMember(dst, f, init)) return false;
    }
    return true;
  }
  if (const auto* ce = llvm::dyn_cast<cl::CXXConstructExpr>(v)) {
    const cl::CXXConstructorDecl* ctor = ce->getConstructor();
    if (ce->getNumArgs() != 0 || ctor->isUserProvided()) return lowerConstructor(dst, ce, initMember, origin, out);
    // `V v;`: members with a default initializer get it, the others are unset.
    std::function<bool(const StructRef&, const cl::RecordDecl*)> defaults = [&](const StructRef& base,
                                                                                 const cl::RecordDecl* r) {
      for (const cl::FieldDecl* f : r->fields()) {
        cl::QualType ft = f->getType().getCanonicalType();
        if (f->hasInClassInitializer()) {
          if (!initMember(base, f, f->getInClassInitializer())) return false;
        } else if (ft->isRecordType() && !defaults(base.member(memberSegment(f)), ft->getAsRecordDecl())) {
          return false;
        }
      }
      return true;
    };
    return defaults(dst, rd);
  }
  if (llvm::isa<cl::ImplicitValueInitExpr>(v)) {  // (an array of structs' `= {}`): zeros
    for (const cl::FieldDecl* f : rd->fields())
      if (!initMember(dst, f, nullptr)) return false;
    return true;
  }
  if (const auto* call = llvm::dyn_cast<cl::CallExpr>(v)) {
    if (lowerMakePair(dst, call, initMember)) return !failed_;
    const cl::FunctionDecl* fd = call->getDirectCallee();
    const cl::FunctionDecl* def = nullptr;
    if (fd && dst.index && inlinable(fd, def)) {  // into an element: built apart, then copied
      StructRef tmp = declareStruct(t.getUnqualifiedType(), shortName(fd));
      return lowerStructInto(tmp, t, v, origin, out) && copyStruct(dst, tmp, rd, origin, out);
    }
    if (fd && inlinable(fd, def)) {
      structTarget_ = dst;
      ExprRef r = inlineCall(call, def, out);
      structTarget_.reset();
      return r != nullptr;
    }
  }
  return reject("the struct value '" + sourceText(v) +
                "' (supported: braces, a copy of a struct variable, a call of a function defined in the source)");
}

bool Lowerer::lowerStructDecl(const cl::VarDecl* vd, int origin, Block& out) {
  cl::QualType t = vd->getType();
  if (t->isReferenceType() && t->getPointeeType()->isRecordType() && vd->getInit()) {
    // `const V& r = p;`: another name for p; for a temporary, a copy.
    // (`V& r = a[i];`: element i of the array, i fixed here.)
    if (auto r = structRef(structValue(vd->getInit()))) {
      if (r->index) r->index = fixIndex(r->index, out);
      structs_[vd] = *r;
      return true;
    }
    if (!t->getPointeeType().isConstQualified()) {
      env_.diags.report(vd->getLocation(), Diag::UnsupportedExpr,
                        {"the reference '" + vd->getNameAsString() + "' to a temporary struct"});
      failed_ = true;
      return true;
    }
    t = t->getPointeeType().getUnqualifiedType();
  }
  if (!t->isRecordType()) return false;
  std::string why = notAValue(t.getCanonicalType()->getAsRecordDecl());
  if (!why.empty()) {
    env_.diags.report(vd->getLocation(), Diag::UnsupportedExpr,
                      {"the local '" + vd->getNameAsString() + "' of type '" + t.getAsString() + "', a struct with " +
                       why + " (locals of structs of scalars and fixed-size arrays)"});
    failed_ = true;
    return true;
  }
  StructRef ref = declareStruct(t, vd->getNameAsString());
  if (const cl::Expr* init = vd->getInit()) lowerStructInto(ref, t, init, origin, out);
  structs_[vd] = ref;  // after the initializer: `V v = f(v)` names an outer v there
  return true;
}

bool Lowerer::lowerStructAssign(const cl::Expr* e, int origin, Block& out) {
  // C++'s implicit operator=, or C's built-in struct assignment.
  const auto* op = llvm::dyn_cast<cl::CXXOperatorCallExpr>(e);
  const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e);
  const cl::Expr* lhs = nullptr;
  const cl::Expr* value = nullptr;
  bool builtin = true;  // (not a user-written operator=)
  if (op && op->getOperator() == cl::OO_Equal && op->getNumArgs() == 2) {
    const auto* method = llvm::dyn_cast_or_null<cl::CXXMethodDecl>(op->getDirectCallee());
    lhs = op->getArg(0);
    value = op->getArg(1);
    builtin = method && !method->isUserProvided();
  } else if (bo && bo->getOpcode() == cl::BO_Assign) {
    lhs = bo->getLHS();
    value = bo->getRHS();
  }
  if (!lhs || !lhs->getType()->isRecordType()) return false;
  auto dst = structRef(lhs);
  if (!builtin || !dst || !isLocalRoot(dst->root)) {
    env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr,
                      {"assigning to '" + sourceText(lhs) +
                       "' (struct assignment writes struct locals, with the compiler's own operator=)"});
    failed_ = true;
    return true;
  }
  cl::QualType t = lhs->getType().getUnqualifiedType();
  const cl::RecordDecl* rd = t.getCanonicalType()->getAsRecordDecl();
  const cl::Expr* rhs = structValue(value);
  if (auto src = structRef(rhs)) return copyStruct(*dst, *src, rd, origin, out);
  // The right side may read the destination (`x = step(x, u)`): build it
  // apart, then copy.
  const auto* call = llvm::dyn_cast<cl::CallExpr>(rhs);
  const cl::FunctionDecl* callee = call ? call->getDirectCallee() : nullptr;
  if (dst->index) dst->index = fixIndex(dst->index, out);  // `a[i] = f(i)`: the element of i before f
  StructRef tmp = declareStruct(t, callee && callee->getIdentifier() ? callee->getName().str() : "value");
  if (!lowerStructInto(tmp, t, rhs, origin, out)) return true;
  copyStruct(*dst, tmp, rd, origin, out);
  return true;
}

std::optional<Lowerer::StructRef> Lowerer::structArgument(const cl::ParmVarDecl* p, const cl::Expr* arg, int origin,
                                                          Block& out) {
  cl::QualType t = p->getType().getNonReferenceType().getUnqualifiedType();
  std::string why = notAValue(t.getCanonicalType()->getAsRecordDecl());
  if (!why.empty()) {
    env_.diags.report(p->getLocation(), Diag::UnsupportedExpr,
                      {"the parameter '" + p->getNameAsString() + "' of type '" + t.getAsString() +
                       "', a struct with " + why + " (structs of scalars and fixed-size arrays)"});
    failed_ = true;
    return std::nullopt;
  }
  StructRef copy = declareStruct(t, p->getNameAsString());
  if (!lowerStructInto(copy, t, arg, origin, out)) return std::nullopt;
  return copy;
}

namespace {

// The std::array a call is made on (`a[i]`, `a.size()`), or null.
const cl::Expr* stdArrayObject(const cl::Expr* e, const char* method) {
  e = e->IgnoreParens();
  if (const auto* op = llvm::dyn_cast<cl::CXXOperatorCallExpr>(e)) {
    if (std::string(method) != "[]" || op->getOperator() != cl::OO_Subscript || op->getNumArgs() != 2) return nullptr;
    const cl::RecordDecl* rd = op->getArg(0)->getType()->getAsRecordDecl();
    return isStdArray(rd) || isStdVector(rd) ? op->getArg(0) : nullptr;
  }
  const auto* mc = llvm::dyn_cast<cl::CXXMemberCallExpr>(e);
  const cl::CXXMethodDecl* md = mc ? mc->getMethodDecl() : nullptr;
  if (!md || md->getName() != method) return nullptr;
  const cl::Expr* obj = mc->getImplicitObjectArgument();
  const cl::RecordDecl* rd = obj->getType()->getAsRecordDecl();
  return isStdArray(rd) || isStdVector(rd) ? obj : nullptr;
}

}  // namespace

bool Lowerer::isStdArraySubscript(const cl::Expr* e) { return stdArrayObject(e, "[]") != nullptr; }

std::optional<std::pair<VarId, ExprRef>> Lowerer::stdArrayElement(const cl::Expr* e) {
  const cl::Expr* obj = stdArrayObject(e, "[]");
  if (!obj) return std::nullopt;
  std::optional<VarId> array = stdArrayData(obj);  // the array itself
  if (!array) {  // (never for a std::array or a vector: said, not dropped)
    unsupportedExpr(e);
    return std::pair<VarId, ExprRef>{kNoVar, nullptr};
  }
  if (*array == kNoVar) return std::pair<VarId, ExprRef>{kNoVar, nullptr};
  // `x[2]`, not `x[static_cast<unsigned long>(2)]`: operator[] takes a size_t.
  const cl::Expr* i = llvm::cast<cl::CXXOperatorCallExpr>(e->IgnoreParens())->getArg(1);
  if (const auto* ic = llvm::dyn_cast<cl::ImplicitCastExpr>(i->IgnoreParens());
      ic && ic->getCastKind() == cl::CK_IntegralCast && ic->getSubExpr()->getType()->isIntegerType())
    i = ic->getSubExpr();
  ExprRef index = lowerPassive(i);
  if (!index) return std::pair<VarId, ExprRef>{kNoVar, nullptr};
  return std::pair<VarId, ExprRef>{*array, index};
}

std::optional<ExprRef> Lowerer::stdArraySize(const cl::Expr* e) {
  const cl::Expr* obj = stdArrayObject(e, "size");
  if (!obj) return std::nullopt;
  if (isStdVector(obj->getType()->getAsRecordDecl())) {
    const VectorParam* v = vectorParam(obj);
    return v ? fn_.ref(v->size) : nullptr;
  }
  const auto* rd = llvm::cast<cl::ClassTemplateSpecializationDecl>(obj->getType()->getAsRecordDecl());
  long n = rd->getTemplateArgs()[1].getAsIntegral().getExtValue();
  auto t = scalarType(e->getType());
  return constant(static_cast<double>(n), t ? *t : Type::integer("unsigned long"), std::to_string(n));
}

std::optional<VarId> Lowerer::stdArrayData(const cl::Expr* e) {
  const cl::Expr* obj = stdArrayObject(e, "data");
  const cl::RecordDecl* whole = e->IgnoreParenImpCasts()->getType()->getAsRecordDecl();
  if (!obj) obj = isStdArray(whole) || isStdVector(whole) ? e : nullptr;
  if (!obj) return std::nullopt;
  if (isStdVector(obj->getType()->getAsRecordDecl())) {
    const VectorParam* v = vectorParam(obj);
    return v ? v->data : kNoVar;
  }
  auto base = structRef(structValue(obj));
  const cl::RecordDecl* rd = obj->getType()->getAsRecordDecl();
  if (!base || rd->field_empty()) {
    env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr,
                      {"using the std::array '" + sourceText(obj) +
                       "' here (std::array locals and helpers' std::array parameters; store a returned one in a "
                       "local first)"});
    failed_ = true;
    return kNoVar;
  }
  return memberAt(*base, *rd->field_begin(), e->getExprLoc());
}

void Lowerer::copyValueParams(Block& out) {
  for (const cl::ParmVarDecl* p : valueParams_) {
    cl::QualType t = p->getType().getUnqualifiedType();
    StructRef param = structs_[p];
    std::string why = notAValue(t.getCanonicalType()->getAsRecordDecl());
    if (!why.empty()) {
      env_.diags.report(p->getLocation(), Diag::UnsupportedExpr,
                        {"the by-value parameter '" + p->getNameAsString() + "', a struct with " + why +
                         " (pass it by const reference)"});
      failed_ = true;
      continue;
    }
    StructRef local = declareStruct(t, p->getNameAsString());
    copyStruct(local, param, t.getCanonicalType()->getAsRecordDecl(), -1, out);
    structs_[p] = local;
  }
}

const cl::ArraySubscriptExpr* Lowerer::accessorBody(const cl::Expr* e) {
  const auto* call = llvm::dyn_cast<cl::CallExpr>(e->IgnoreParens());
  const auto* method = call ? llvm::dyn_cast_or_null<cl::CXXMethodDecl>(call->getDirectCallee()) : nullptr;
  const cl::FunctionDecl* def = nullptr;
  if (!method || method->isStatic() || !method->getReturnType()->isLValueReferenceType() || !method->hasBody(def))
    return nullptr;
  for (const cl::ParmVarDecl* p : def->parameters())
    if (!p->getType()->isIntegerType()) return nullptr;
  const auto* body = llvm::dyn_cast<cl::CompoundStmt>(def->getBody());
  const auto* ret = body && body->size() == 1 ? llvm::dyn_cast<cl::ReturnStmt>(body->body_front()) : nullptr;
  const cl::Expr* value = ret && ret->getRetValue() ? ret->getRetValue()->IgnoreParens() : nullptr;
  const auto* sub = value ? llvm::dyn_cast<cl::ArraySubscriptExpr>(value) : nullptr;
  const auto* me = sub ? llvm::dyn_cast<cl::MemberExpr>(sub->getBase()->IgnoreParenImpCasts()) : nullptr;
  return me && llvm::isa<cl::CXXThisExpr>(me->getBase()->IgnoreParenImpCasts()) ? sub : nullptr;
}

std::optional<std::pair<VarId, ExprRef>> Lowerer::accessorElement(const cl::Expr* e, Block& out) {
  const cl::ArraySubscriptExpr* sub = accessorBody(e);
  if (!sub) return std::nullopt;
  const auto* call = llvm::cast<cl::CallExpr>(e->IgnoreParens());
  const auto* method = llvm::cast<cl::CXXMethodDecl>(call->getDirectCallee());
  const cl::FunctionDecl* def = nullptr;
  method->hasBody(def);
  unsigned first = llvm::isa<cl::CXXOperatorCallExpr>(call) ? 1 : 0;
  const cl::Expr* object = first ? call->getArg(0) : llvm::cast<cl::CXXMemberCallExpr>(call)->getImplicitObjectArgument();
  auto self = structRef(object);
  if (!self || call->getNumArgs() != def->getNumParams() + first) {
    env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr,
                      {"writing through '" + sourceText(e) + "' (on a struct local, with every argument given)"});
    failed_ = true;
    return std::pair<VarId, ExprRef>{kNoVar, nullptr};
  }
  // The integer parameters are copies, as when the accessor is inlined.
  for (unsigned k = 0; k < def->getNumParams(); ++k) {
    const cl::ParmVarDecl* p = def->getParamDecl(k);
    ExprRef v = lowerPassive(call->getArg(k + first));
    if (!v) return std::pair<VarId, ExprRef>{kNoVar, nullptr};
    VarId copy = newVar(p->getNameAsString(), *scalarType(p->getType()), VarRole::Local);
    emitAssign(copy, v, currentOrigin_, out);
    vars_[p] = copy;
  }
  self_.push_back(*self);
  auto element = lowerSubscript(sub);
  self_.pop_back();
  return element;
}

}  // namespace gradc::lowering
