// Lowering of struct parameters: `const Dense& L` is not a value of the IR;
// each member the body reads (`L.W`, `L.b`, `L.alpha`) becomes a variable of
// its own, an array or a scalar parameter bound at the top of the generated
// function. Its adjoint is the same member of `Dense* d_L`.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace gradc::lowering {

namespace {

// Why gradc cannot read a struct's members, or empty: scalars, fixed-size
// arrays of scalars and structs of those only.
std::string unreadable(const cl::RecordDecl* rd) {
  if (rd->isUnion()) return "a union";
  if (const auto* cxx = llvm::dyn_cast<cl::CXXRecordDecl>(rd)) {
    if (!cxx->hasDefinition()) return "an incomplete type";
    if (!emptyBasesOnly(cxx)) return "a class with base classes that have members or virtual functions";
    if (cxx->isPolymorphic()) return "a class with virtual functions";
  }
  for (const cl::FieldDecl* f : rd->fields()) {
    cl::QualType t = f->getType().getCanonicalType();
    while (const auto* at = llvm::dyn_cast<cl::ConstantArrayType>(t.getTypePtr())) t = at->getElementType().getCanonicalType();
    if (t->isReferenceType() || t->isPointerType()) return "a member '" + f->getNameAsString() + "' that is a pointer or reference";
    if (const auto* inner = t->getAsRecordDecl()) {
      std::string why = unreadable(inner);
      if (!why.empty()) return why;
      continue;
    }
    if (!scalarType(t)) return "a member '" + f->getNameAsString() + "' of type '" + t.getAsString() + "'";
  }
  return {};
}

}  // namespace

}  // namespace gradc::lowering

namespace gradc {

std::string generatedBaseName(const clang::FunctionDecl* fd) {
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fd);
  if (!method) return fd->getNameAsString();
  std::string name = method->getOverloadedOperator() == clang::OO_Call ? "call" : fd->getNameAsString();
  for (const clang::DeclContext* dc = method->getParent(); dc && dc->isRecord(); dc = dc->getParent())
    name = llvm::cast<clang::RecordDecl>(dc)->getNameAsString() + "_" + name;
  return name;
}

namespace {

// The member of `*this` an lvalue names (`a`, `this->v[i]`, `(*this).s.x`), or null.
const clang::MemberExpr* ownMember(const clang::Expr* e) {
  const clang::MemberExpr* outermost = nullptr;
  for (e = e->IgnoreParenImpCasts();;) {
    if (const auto* sub = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
      e = sub->getBase()->IgnoreParenImpCasts();
    } else if (const auto* me = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (!outermost) outermost = me;
      e = me->getBase()->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(e)) return outermost;
    } else if (const auto* uo = llvm::dyn_cast<clang::UnaryOperator>(e); uo && uo->getOpcode() == clang::UO_Deref) {
      e = uo->getSubExpr()->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(e)) return outermost;
    } else {
      return nullptr;
    }
  }
}

}  // namespace

const clang::MemberExpr* writtenMember(const clang::Stmt* s) {
  if (!s || llvm::isa<clang::LambdaExpr>(s)) return nullptr;
  const clang::Expr* target = nullptr;
  if (const auto* bo = llvm::dyn_cast<clang::BinaryOperator>(s); bo && bo->isAssignmentOp())
    target = bo->getLHS();
  else if (const auto* uo = llvm::dyn_cast<clang::UnaryOperator>(s); uo && uo->isIncrementDecrementOp())
    target = uo->getSubExpr();
  else if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s); oc && oc->isAssignmentOp())
    target = oc->getArg(0);
  if (target)
    if (const clang::MemberExpr* me = ownMember(target)) return me;
  for (const clang::Stmt* child : s->children())
    if (const clang::MemberExpr* me = writtenMember(child)) return me;
  return nullptr;
}

}  // namespace gradc

namespace gradc::lowering {

bool Lowerer::bindSelf(const cl::CXXMethodDecl* method, VarId root) {
  const std::string name = method->getQualifiedNameAsString();
  std::string why = unreadable(method->getParent());
  if (!why.empty()) {
    env_.diags.report(method->getLocation(), Diag::UnsupportedStruct,
                      {"this", method->getParent()->getNameAsString(), why});
    failed_ = true;
    return false;
  }
  // Its gradient reads the object as `const S& self`: a write would be lost.
  if (const cl::MemberExpr* me = writtenMember(method->getBody())) {
    std::string member = me->getMemberDecl()->getNameAsString();  // (`in.v` for `this->in.v[1] = ..`)
    for (auto* b = llvm::dyn_cast<cl::MemberExpr>(me->getBase()->IgnoreParenImpCasts()); b;
         b = llvm::dyn_cast<cl::MemberExpr>(b->getBase()->IgnoreParenImpCasts()))
      member = b->getMemberDecl()->getNameAsString() + "." + member;
    env_.diags.report(me->getExprLoc(), Diag::MemberWritten, {name, member});
    failed_ = true;
    return false;
  }
  self_.push_back(StructRef{root, "", nullptr, 0});
  return true;
}

bool Lowerer::bindStructParam(const cl::ParmVarDecl* p, VarId root) {
  bool byValue = p->getType()->isRecordType();
  cl::QualType pointee = byValue ? p->getType() : p->getType()->getPointeeType();
  std::string why = unreadable(pointee->getAsRecordDecl());
  if (!why.empty()) {
    env_.diags.report(p->getLocation(), Diag::UnsupportedStruct, {p->getNameAsString(), p->getType().getAsString(), why});
    failed_ = true;
    return false;
  }
  // (A struct of the source file is named by the header, which is then
  // included after its definition: emit/File.cpp says so, and checks its size.)
  structs_[p] = {root, "", nullptr, 0};
  if (byValue) valueParams_.push_back(p);
  return true;
}

std::optional<Lowerer::StructRef> Lowerer::structRef(const cl::Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(e)) {  // `a[i]` of a local array of structs
    const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(sub->getBase()->IgnoreParenImpCasts());
    auto it = ref ? structArrays_.find(ref->getDecl()) : structArrays_.end();
    if (it == structArrays_.end()) return std::nullopt;
    ExprRef index = lowerPassive(sub->getIdx());
    if (!index) return std::nullopt;
    StructRef element = it->second;
    element.index = index;
    return element;
  }
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e)) {
    auto it = structs_.find(ref->getDecl());
    if (it == structs_.end()) return std::nullopt;
    return it->second;
  }
  if (llvm::isa<cl::CXXThisExpr>(e)) {
    if (self_.empty()) return std::nullopt;
    return self_.back();
  }
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e);
      uo && (uo->getOpcode() == cl::UO_Deref || uo->getOpcode() == cl::UO_AddrOf))
    return structRef(uo->getSubExpr());
  if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(e); me && me->getType()->isRecordType()) {
    const auto* field = llvm::dyn_cast<cl::FieldDecl>(me->getMemberDecl());
    auto base = field ? structRef(me->getBase()) : std::nullopt;
    if (!base) return std::nullopt;
    base->path += memberSegment(field);
    return base;
  }
  return std::nullopt;
}

VarId Lowerer::memberVar(const cl::MemberExpr* me) {
  auto base = structRef(me->getBase());
  const auto* field = llvm::dyn_cast<cl::FieldDecl>(me->getMemberDecl());
  if (!base || !field) {
    env_.diags.report(me->getExprLoc(), Diag::UnsupportedExpr,
                      {"the member access '" + sourceText(me) +
                       "' (members of struct parameters and struct locals only; store a call's result in a local first: "
                       "`V v = mk(x); v.a`)"});
    failed_ = true;
    return kNoVar;
  }
  return memberAt(*base, field, me->getExprLoc());
}

VarId Lowerer::memberAt(const StructRef& base, const cl::FieldDecl* field, cl::SourceLocation loc, bool element) {
  std::string path = base.path + memberSegment(field);
  if (base.index && !element) {  // (the variable holds every element's member: never one element's)
    env_.diags.report(loc, Diag::UnsupportedExpr,
                      {"the member '" + path.substr(1) + "' of an element of an array of structs here (read or "
                       "write it as 'a[i]" + path + "', or copy the element into a local: 'auto t = a[i];')"});
    failed_ = true;
    return kNoVar;
  }
  if (auto it = members_.find({base.root, path}); it != members_.end()) {
    if (fn_.var(it->second).elementRef) {  // (lower/OutputMembers.cpp)
      env_.diags.report(loc, Diag::UnsupportedExpr,
                        {"reading the member '" + path.substr(1) + "' of '" + fn_.var(base.root).name +
                         "', which the function writes (an output: keep the value in a local and read that)"});
      failed_ = true;
      return kNoVar;
    }
    return it->second;
  }
  if (isLocalRoot(base.root)) {  // a struct local's members are all made with it
    env_.diags.report(loc, Diag::UnsupportedExpr, {"the member '" + path.substr(1) + "' of this struct"});
    failed_ = true;
    return kNoVar;
  }
  const Var root = fn_.var(base.root);  // a copy: newVar grows the table
  std::string name = root.name + memberName(path);
  cl::QualType t = field->getType();
  Var v;
  v.name = name;
  v.role = VarRole::Param;
  v.memberRoot = base.root;
  v.memberPath = path;
  if (auto shape = arrayShape(t); shape && t->isArrayType() && !shape->dims.empty()) {  // (not `T a[]`)
    v.type = shape->element;
    v.isPointer = true;
    v.pointeeConst = true;  // members are read, never written
    v.memberRank = static_cast<int>(shape->dims.size());
  } else if (auto st = scalarType(t)) {
    v.type = *st;
    v.isConstParam = true;
  } else {
    reportType(t, path.substr(1), loc);
    return kNoVar;
  }
  VarId id = fn_.addVar(v);
  if (v.memberRank > 1) dims_[id] = arrayShape(t)->dims;
  members_[{base.root, path}] = id;
  defined_.insert(id);
  return id;
}

std::optional<ExprRef> Lowerer::elementMember(const cl::MemberExpr* me) {
  const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(me->getBase()->IgnoreParenImpCasts());
  const auto* ref = sub ? llvm::dyn_cast<cl::DeclRefExpr>(sub->getBase()->IgnoreParenImpCasts()) : nullptr;
  auto it = ref ? structs_.find(ref->getDecl()) : structs_.end();
  if (it == structs_.end() || !it->second.path.empty() || isLocalRoot(it->second.root) ||
      !fn_.var(it->second.root).isPointer)
    return std::nullopt;
  auto t = scalarType(me->getType());
  if (!t) {
    env_.diags.report(me->getExprLoc(), Diag::UnsupportedExpr,
                      {"the member '" + sourceText(me) + "' of an array of structs (scalar members only)"});
    failed_ = true;
    return ExprRef();
  }
  VarId root = it->second.root;
  std::string path = "." + me->getMemberDecl()->getNameAsString();
  auto found = members_.find({root, "[]" + path});
  VarId id;
  if (found != members_.end()) {
    id = found->second;
  } else {
    Var v;
    v.name = fn_.var(root).name + "_" + me->getMemberDecl()->getNameAsString();
    v.type = *t;
    v.role = VarRole::Param;
    v.isPointer = true;
    v.pointeeConst = true;
    v.memberRoot = root;
    v.memberPath = path;
    v.memberRank = kElementMember;
    id = fn_.addVar(v);
    members_[{root, "[]" + path}] = id;
    defined_.insert(id);
  }
  ExprRef index = lowerPassive(sub->getIdx());
  if (!index) return ExprRef();
  return load(id, index, *t);
}

ExprRef Lowerer::lowerMember(const cl::MemberExpr* me) {
  if (std::optional<ExprRef> e = elementMember(me)) return *e;
  if (auto v = memberOfElement(me)) {  // `a[i].x` of a local array of structs
    if (v->array == kNoVar) return nullptr;
    if (v->element) return load(v->array, v->offset, fn_.var(v->array).type);
  }
  VarId v = memberVar(me);
  return v == kNoVar ? nullptr : fn_.ref(v);
}

}  // namespace gradc::lowering
