// Lowering of calls into the user's own functions: the callee's body is
// lowered in place, in the caller's IR, so its loops, arrays and locals get
// the same analyses and reverse sweep as code written in the caller (what a
// hand-written backprop of a layered model looks like: one fused function).
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace gradc::lowering {

bool Lowerer::inlinable(const cl::FunctionDecl* fd, const cl::FunctionDecl*& def) const {
  if (!fd->hasBody(def) || !def) return false;
  // libm and libstdc++ define some math inline: those have rules.
  return !isLibraryFunction(def);
}

VarId Lowerer::wholeArray(const cl::Expr* arg) {
  // std::array: its storage (lower/Values.cpp).
  if (auto data = stdArrayData(arg->IgnoreParenImpCasts())) return *data != kNoVar && dims_.count(*data) ? kNoVar : *data;
  // `a`, `s.W`, `&a[0]`, or a pointer bound to one of them.
  auto v = viewOf(arg);
  // (A `double& out` parameter's one element is not an array the callee can take.)
  if (!v || v->element || !v->dims.empty() || !v->alternatives.empty() || dims_.count(v->array) || fn_.var(v->array).elementRef) return kNoVar;
  if (auto c = v->offset ? integerConstant(v->offset) : std::optional<long>(0); !c || *c != 0) return kNoVar;
  return v->array;
}

ExprRef Lowerer::inlineCall(const cl::CallExpr* call, const cl::FunctionDecl* def, Block& out, unsigned firstArg) {
  const std::string name = def->getQualifiedNameAsString();
  // A struct-valued call's result goes where the caller set (lower/Values.cpp).
  std::optional<StructRef> target = structTarget_;
  structTarget_.reset();
  if (std::count(inlining_.begin(), inlining_.end(), def->getCanonicalDecl()) ||
      def->getCanonicalDecl() == env_.current) {
    env_.diags.report(call->getExprLoc(), Diag::Recursion, {name});
    failed_ = true;
    return nullptr;
  }
  // A member function of a struct parameter: `this` is that struct.
  std::optional<StructRef> self;
  std::optional<StructRef> elementSelf;  // an element of an array of structs the call writes back
  if (const auto* method = llvm::dyn_cast<cl::CXXMethodDecl>(def); method && !method->getParent()->isLambda()) {
    const auto* mc = llvm::dyn_cast<cl::CXXMemberCallExpr>(call);
    if (mc && !method->isStatic() && !method->isVirtual()) self = structRef(mc->getImplicitObjectArgument());
    if (llvm::isa<cl::CXXOperatorCallExpr>(call) && !method->isStatic() && !method->isVirtual()) {
      self = structRef(call->getArg(0));
      firstArg = 1;
    }
    if (!self && !method->isStatic()) {  // (a static member is a plain function: `Mat4::identity()`)
      env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                        {"calling '" + name + "' (member functions are called on struct parameters and struct locals only)"});
      failed_ = true;
      return nullptr;
    }
    if (self && self->index) {
      // On an element of an array of structs: `a[i](r, c)` through an
      // accessor is that element's member element; a const method reads the
      // element in place (at the index of the call); a non-const one works
      // on a copy of the element, stored back after the call.
      if (accessorBody(call)) {
        auto el = accessorElement(call, out);
        if (!el || el->first == kNoVar) return nullptr;
        return fn_.ref(materialize(load(el->first, el->second, fn_.var(el->first).type), out, currentOrigin_));
      }
      self->index = fixIndex(self->index, out);
      if (!method->isConst()) {
        elementSelf = self;
        self = declareStruct(env_.ast.getRecordType(method->getParent()), "self");
        if (!copyStruct(*self, *elementSelf, method->getParent(), currentOrigin_, out)) return nullptr;
      }
    }
  }
  // Each call is a copy of the callee: a function calling another twice, ten
  // levels down, would be a thousand copies. Past the budget, the user marks
  // the callee (its callers then call its pullback).
  constexpr int kMaxInlinedCalls = 1024;
  if (++inlinedCalls_ > kMaxInlinedCalls) {
    env_.diags.report(call->getExprLoc(), Diag::InlineBudget, {std::to_string(kMaxInlinedCalls), name});
    failed_ = true;
    return nullptr;
  }
  if (def->isVariadic() || call->getNumArgs() != def->getNumParams() + firstArg) {
    env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                      {"calling '" + name + "' (variadic functions and default arguments)"});
    failed_ = true;
    return nullptr;
  }
  bool isVoid = def->getReturnType()->isVoidType();
  // `double& operator()(int r, int c)` read as a value (lowerCall is reached
  // for values only; writes through it go by accessorElement).
  auto rt = scalarType(def->getReturnType()->isLValueReferenceType() ? def->getReturnType().getNonReferenceType()
                                                                      : def->getReturnType());
  bool structResult = def->getReturnType()->isRecordType();
  if (structResult && !target) {
    env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                      {"using the struct that '" + name + "' returns inside an expression (store it in a local first: "
                       "`auto v = " + def->getNameAsString() + "(...);`)"});
    failed_ = true;
    return nullptr;
  }
  if (!isVoid && !rt && !structResult) return reportType(def->getReturnType(), "the result of '" + name + "'", call->getExprLoc());
  // GRADC_NONDIFF: evaluated, but a constant to the gradient. Its result is
  // all it may give back: a write through a parameter would carry a gradient.
  bool nondiff = false;
  for (const cl::FunctionDecl* redecl : def->redecls())
    for (const auto* attr : redecl->specific_attrs<cl::AnnotateAttr>()) nondiff = nondiff || attr->getAnnotation() == "gradc.nondiff";
  // (One a header declares is called by name instead: lower/Effects.cpp.)
  if (nondiff && !nondiffTakesInputsOnly(call)) return nullptr;
  if (nondiff && isVoid) {
    env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                      {"calling GRADC_NONDIFF '" + name + "', which returns nothing, from the source file (the "
                       "generated header calls such a function by name: declare it in a header the source "
                       "includes)"});
    failed_ = true;
    return nullptr;
  }
  if (nondiff) {
    // A struct result or a non-const method's writes would carry gradients.
    const auto* method = llvm::dyn_cast<cl::CXXMethodDecl>(def);
    if (structResult || (method && !method->isStatic() && !method->isConst())) {
      env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                        {"calling GRADC_NONDIFF '" + name + "', which returns a struct or is a non-const method "
                         "(a GRADC_NONDIFF function returns its result and takes inputs only)"});
      failed_ = true;
      return nullptr;
    }
  }

  // Arguments are evaluated in the caller before the body runs.
  int origin = currentOrigin_;
  std::vector<std::pair<const cl::Decl*, VarId>> boundVars;
  std::vector<std::pair<const cl::Decl*, StructRef>> boundStructs;
  std::vector<std::pair<const cl::Decl*, View>> boundViews;
  std::vector<std::pair<const cl::Decl*, VarId>> boundScalars;
  for (unsigned k = 0; k < def->getNumParams(); ++k) {
    const cl::ParmVarDecl* p = def->getParamDecl(k);
    const cl::Expr* argument = call->getArg(k + firstArg);
    const cl::Expr* arg = argument->IgnoreParenImpCasts();
    cl::QualType pt = p->getType();
    auto fail = [&](const std::string& what) -> ExprRef {
      env_.diags.report(argument->getExprLoc(), Diag::UnsupportedExpr,
                        {"passing '" + sourceText(argument) + "' to parameter '" + p->getNameAsString() +
                         "' of '" + name + "' (" + what + ")"});
      failed_ = true;
      return nullptr;
    };
    cl::QualType pointee = pt->isReferenceType() ? pt->getPointeeType()
                           : pt->isPointerType() ? pt->getPointeeType() : cl::QualType();
    std::optional<StructRef> argRef = !pointee.isNull() && pointee->isRecordType() ? structRef(arg) : std::nullopt;
    if (pt->isRecordType() ||
        (pt->isReferenceType() && pointee->isRecordType() && pointee.isConstQualified() && !argRef)) {
      // By value, or a temporary by const reference: a copy.
      auto copy = structArgument(p, argument, origin, out);
      if (!copy) return nullptr;
      boundStructs.push_back({p, *copy});
      continue;
    }
    if (!pointee.isNull() && pointee->isRecordType()) {
      auto ref = argRef;
      if (ref && ref->index && pt->isReferenceType()) {
        // An element of an array of structs by reference: the element itself
        // (writes land in it, writes to it through another name are seen),
        // at the index of the call.
        ref->index = fixIndex(ref->index, out);
        boundStructs.push_back({p, *ref});
        continue;
      }
      if (ref && ref->index)
        return fail("an element of an array of structs goes to a reference or by value, not to a pointer (the "
                    "helper could step to another element): take 'S& p' or pass the array's members");
      const auto* whole = llvm::dyn_cast<cl::DeclRefExpr>(arg);
      if (!ref && whole && structArrays_.count(whole->getDecl()))
        return fail("a local array of structs is not passed whole; pass its elements, 'a[i]', or keep the "
                    "members in arrays of their own");
      if (!ref) return fail("pass a struct parameter or one of its struct members");
      boundStructs.push_back({p, *ref});
      continue;
    }
    // `const char* what` given a string literal: printed as it is (lower/Effects.cpp).
    strings_.erase(p);
    if (std::optional<std::string> text = stringArgument(arg); text && pt->isPointerType()) {
      strings_[p] = *text;
      continue;
    }
    if (VarId scalar = pt->isPointerType() ? pointedScalar(arg) : kNoVar; scalar != kNoVar) {
      if (scalarType(pt->getPointeeType()) != fn_.var(scalar).type) return fail("the types differ");
      boundScalars.push_back({p, scalar});
      continue;
    }
    if (pt->isPointerType() || pt->isArrayType()) {
      // The callee's pointer names the caller's elements: `p[i]` is an element
      // of the caller's array (at off + i), and writes through it land there.
      auto view = captureView(arg, p->getNameAsString() + "_off", out);
      if (failed_) return nullptr;
      cl::QualType elem = pt->getPointeeType();
      while (elem->isArrayType()) elem = cl::QualType(elem->getArrayElementTypeNoTypeQual(), 0);
      auto t = scalarType(elem);
      if (!view || !t || t->kind == TypeKind::Bool) return fail(kArrayOrView);
      if (*t != fn_.var(view->array).type) return fail("the element types differ");
      auto d = dims_.find(view->array);
      if (!view->offset && view->alternatives.empty() && (d == dims_.end() ? view->dims.empty() : d->second == view->dims))
        boundVars.push_back({p, view->array});
      else
        boundViews.push_back({p, *view});
      continue;
    }
    auto t = scalarType(pt.getNonReferenceType());
    if (!t) return reportType(pt, p->getNameAsString(), p->getLocation());
    if (pt->isReferenceType()) {
      // `double& y`: the callee writes the caller's variable, or element.
      // `const double& y` given one is that variable too, not a copy: the
      // callee may change it through another name (`addsq(a, a)`).
      const bool writable = !pt.getNonReferenceType().isConstQualified();
      const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(arg);
      auto it = ref ? vars_.find(ref->getDecl()) : vars_.end();
      if (VarId scalar = derefScalar(arg); scalar != kNoVar) {
        boundVars.push_back({p, scalar});
        continue;
      }
      if (namesElement(arg) || llvm::isa<cl::ArraySubscriptExpr>(arg)) {
        auto el = elementOf(arg);
        if (!el) return nullptr;
        View v;
        v.array = el->first;
        v.offset = captureOffset(el->second, p->getNameAsString() + "_at", out);
        if (!v.offset) v.offset = constant(0, Type::integer("int"), "0");
        v.element = true;
        boundViews.push_back({p, v});
        continue;
      }
      if (it != vars_.end() && !fn_.var(it->second).isArray() && (!fn_.var(it->second).isMember() || !writable)) {
        boundVars.push_back({p, it->second});
        continue;
      }
      // A struct local's member (`inc(s.x)`, `s.update(s.x)`), or a parameter's to read.
      if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(arg); me && me->getType()->isArithmeticType())
        if (auto base = structRef(me->getBase()); base && !base->index && (isLocalRoot(base->root) || !writable)) {
          VarId member = memberVar(me);
          if (member == kNoVar) return nullptr;
          boundVars.push_back({p, member});
          continue;
        }
      if (writable) return fail("a non-const reference takes a local variable, a struct local's member or an array element");
    }
    // An integer variable nothing writes (`d`, a loop counter), for a parameter
    // the callee only reads: the caller's variable, not a copy made in the
    // loop, so the callee's loop bounds (`for (i < n)`) stay fixed there.
    if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(arg); ref && !t->isFloating() && !pt->isReferenceType()) {
      auto it = vars_.find(ref->getDecl());
      if (it != vars_.end() && fn_.var(it->second).type == *t && !fn_.var(it->second).isArray() &&
          !fn_.var(it->second).isMember() && fixedWhileInScope(fn_.ref(it->second)) && onlyReadIn(def->getBody(), p)) {
        boundVars.push_back({p, it->second});
        continue;
      }
    }
    VarId copy = newVar(p->getNameAsString(), *t, VarRole::Local);
    fn_.var(copy).loop = currentLoop_;
    if (t->isFloating()) {
      lowerInto(copy, argument, origin, out);
    } else {
      ExprRef v = lowerPassive(argument);
      if (!v) return nullptr;
      emitAssign(copy, v, origin, out);
    }
    if (failed_) return nullptr;
    boundVars.push_back({p, copy});
  }

  VarId result = kNoVar;
  if (!isVoid && !structResult) {
    result = newVar(shortName(def), *rt, VarRole::Local);
    fn_.var(result).loop = currentLoop_;
    fn_.var(result).constant = nondiff;
  }
  // The callee's parameters are bound for the body only; the same callee
  // inlined again later binds them anew.
  for (auto& [d, v] : boundVars) {
    bindVar(d, v);
    defined_.insert(v);
  }
  for (auto& [d, v] : boundViews) bindView(d, v);
  for (auto& [d, v] : boundScalars) {
    vars_.erase(d);
    views_.erase(d);
    scalarPointers_[d] = v;
  }
  for (auto& [d, r] : boundStructs) structs_[d] = r;
  if (self) self_.push_back(*self);
  VarId savedTarget = returnTarget_;
  std::optional<StructRef> savedStruct = returnStruct_;
  returnStruct_ = structResult ? target : std::nullopt;
  int savedReturnLoop = returnLoop_;
  VarId savedReturned = returnedFlag_, savedValue = returnValue_;
  returnedFlag_ = returnValue_ = kNoVar;
  returnTarget_ = result;
  returnLoop_ = currentLoop_;
  env_.diags.enterCall(def->getNameAsString(), inlining_.empty() ? fn_.name : inlining_.back()->getNameAsString(),
                       call->getExprLoc());
  inlining_.push_back(def->getCanonicalDecl());
  const auto* body = llvm::cast<cl::CompoundStmt>(def->getBody());
  std::vector<Range> cont;
  bool returns = lowerSeq(Range(body->body_begin(), body->body_end()), &cont, out);
  inlining_.pop_back();
  env_.diags.leaveCall();
  if (self) self_.pop_back();
  returnTarget_ = savedTarget;
  returnStruct_ = savedStruct;
  returnLoop_ = savedReturnLoop;
  returnedFlag_ = savedReturned;
  returnValue_ = savedValue;
  currentOrigin_ = origin;
  if (failed_) return nullptr;
  if (elementSelf && !copyStruct(*elementSelf, *self, llvm::cast<cl::CXXMethodDecl>(def)->getParent(), origin, out))
    return nullptr;
  if (!isVoid && !returns) {
    env_.diags.report(body->getRBracLoc(), Diag::MissingReturn, {name});
    failed_ = true;
    return nullptr;
  }
  if (isVoid || structResult) return constant(0, Type::integer("int"), "0");
  defined_.insert(result);
  return fn_.ref(result);
}

}  // namespace gradc::lowering
