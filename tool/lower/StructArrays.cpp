// Local arrays of structs (`Mat4 absolute[kBones];`) as structure of arrays:
// one local array per scalar member (`absolute_x[N]`) and one per array
// member holding every element's (`absolute_v[N * 16]`, element i's at
// i * 16). An element `a[i]` is a StructRef with an index: its members are
// elements of those arrays, so the analyses (overwrites, def-before-use) see
// plain local arrays. Copies in and out are memberwise (lower/Values.cpp);
// a helper's const reference and a const method's `this` name the element
// itself (lower/Inline.cpp).
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

#include <algorithm>

namespace gradc::lowering {

namespace {

// Whether default-initializing an rd writes anything: a member (or a
// member's member) with a default member initializer.
bool hasDefaults(const cl::RecordDecl* rd) {
  for (const cl::FieldDecl* f : rd->fields()) {
    if (f->hasInClassInitializer()) return true;
    const auto* inner = f->getType().getCanonicalType()->getAsRecordDecl();
    if (inner && hasDefaults(inner)) return true;
  }
  return false;
}

}  // namespace

bool Lowerer::lowerStructArrayDecl(const cl::VarDecl* vd, int origin, Block& out) {
  cl::QualType type = vd->getType();
  if (!type->isArrayType() || !type->getBaseElementTypeUnsafe()->isRecordType()) return false;
  const std::string name = vd->getNameAsString();
  const cl::ConstantArrayType* at = env_.ast.getAsConstantArrayType(type);
  if (!at) return false;  // (variable length: reported as any local array)
  cl::QualType elem = at->getElementType();
  std::string why;
  const std::string structName = type->getBaseElementTypeUnsafe()->getAsRecordDecl()->getNameAsString();
  if (!elem->isRecordType())
    why = "it has more than one dimension (declare '" + structName + " " + name + "[N * M]' and index it 'i * M + j')";
  else if (elem->getAsRecordDecl()->getQualifiedNameAsString() == "std::array")
    why = "its elements are std::array (declare 'double " + name + "[N][M]')";
  else if (std::string not_ = notAValue(elem->getAsRecordDecl()); !not_.empty())
    why = "its elements are structs with " + not_;
  if (!why.empty()) {
    env_.diags.report(vd->getLocation(), Diag::StructArrayLocal, {name, type.getAsString(), why});
    failed_ = true;
    return true;
  }
  const long n = static_cast<long>(at->getSize().getZExtValue());
  StructRef array = declareStruct(elem, name, n);
  Type intType = Type::integer("int");
  auto element = [&](long i) {
    StructRef e = array;
    e.index = constant(static_cast<double>(i), intType, std::to_string(i));
    return e;
  };
  // Elements from..N-1 from the same initializer: by a loop over them
  // (unless only one or two).
  auto eachElement = [&](long from, const cl::Expr* x) {
    if (n - from <= 2) {
      for (long i = from; i < n; ++i)
        if (!lowerStructInto(element(i), elem, x, origin, out)) return false;
      return true;
    }
    bool ok = true;
    countedLoop(from, n, origin, out, [&](ExprRef k, Block& body) {
      StructRef e = array;
      e.index = k;
      ok = lowerStructInto(e, elem, x, origin, body);
    });
    return ok;
  };
  const cl::Expr* init = vd->getInit();
  if (init) init = init->IgnoreImplicit();
  const auto* list = llvm::dyn_cast_or_null<cl::InitListExpr>(init);
  if (list && list->getNumInits() == 0 && list->hasArrayFiller() &&
      llvm::isa<cl::ImplicitValueInitExpr>(list->getArrayFiller())) {
    // `S a[N] = {}`: every member array zero-filled, one loop each.
    for (const auto& [key, var] : members_) {
      if (key.first != array.root) continue;
      const Type et = fn_.var(var).type;
      ExprRef zero = constant(0, et, et.isFloating() ? formatLiteral(0, et.kind) : "0");
      fillArray(var, fn_.var(var).arraySize, [&](ExprRef) { return zero; }, origin, out);
    }
  } else if (list) {
    // `S a[N] = {{..}, {..}}`: element by element, the rest from the filler.
    long given = std::min(n, static_cast<long>(list->getNumInits()));
    for (long i = 0; i < given; ++i)
      if (!lowerStructInto(element(i), elem, list->getInit(static_cast<unsigned>(i)), origin, out)) return true;
    if (given < n && list->hasArrayFiller() && !eachElement(given, list->getArrayFiller())) return true;
  } else if (const auto* ce = llvm::dyn_cast_or_null<cl::CXXConstructExpr>(init)) {
    // `S a[N];`: each element default-initialized (members with a default
    // initializer get it, the others are unset).
    if (hasDefaults(elem->getAsRecordDecl()) && !eachElement(0, ce)) return true;
  } else if (init) {
    env_.diags.report(init->getExprLoc(), Diag::UnsupportedExpr,
                      {"this initializer of the array of structs '" + name +
                       "' (supported: none, '= {}', '= {{..}, {..}}')"});
    failed_ = true;
    return true;
  }
  structArrays_[vd] = array;  // after the initializer, as for a struct local
  return true;
}

std::optional<Lowerer::View> Lowerer::memberOfElement(const cl::MemberExpr* me) {
  const auto* field = llvm::dyn_cast<cl::FieldDecl>(me->getMemberDecl());
  if (!field || me->getType()->isRecordType() || !isElementMember(me)) return std::nullopt;
  auto base = structRef(me->getBase());
  View v;
  if (!base || !base->index) {
    v.array = kNoVar;
    return failed_ ? std::optional<View>(v) : std::nullopt;
  }
  v.array = memberAt(*base, field, me->getExprLoc(), true);
  if (v.array == kNoVar) return v;
  cl::QualType t = field->getType();
  auto shape = arrayShape(t);
  if (shape && t->isArrayType()) {
    v.offset = indexTimes(base->index, shape->size);  // element i's part
    if (shape->dims.size() > 1) v.dims = shape->dims;
  } else {
    v.offset = base->index;
    v.element = true;
  }
  return v;
}

bool Lowerer::isElementMember(const cl::Expr* e) const {
  // Down the member chain `a[i].b.x` to `a[i]`; or `this` of an accessor
  // inlined on such an element (accessorElement), or a helper's const
  // reference parameter bound to one.
  const auto* me = llvm::dyn_cast<cl::MemberExpr>(e->IgnoreParens());
  if (!me || me->getType()->isRecordType()) return false;
  const cl::Expr* base = me->getBase()->IgnoreParenImpCasts();
  while (const auto* inner = llvm::dyn_cast<cl::MemberExpr>(base)) base = inner->getBase()->IgnoreParenImpCasts();
  if (llvm::isa<cl::CXXThisExpr>(base)) return !self_.empty() && self_.back().index;
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(base)) {  // a helper's `const S& p` bound to `a[i]`
    auto it = structs_.find(ref->getDecl());
    return it != structs_.end() && it->second.index;
  }
  const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(base);
  const auto* ref = sub ? llvm::dyn_cast<cl::DeclRefExpr>(sub->getBase()->IgnoreParenImpCasts()) : nullptr;
  return ref && structArrays_.count(ref->getDecl());
}

ExprRef Lowerer::fixIndex(const ExprRef& index, Block& out) {
  ExprRef fixed = captureOffset(index, "at", out);
  return fixed ? fixed : constant(0, Type::integer("int"), "0");
}

}  // namespace gradc::lowering
