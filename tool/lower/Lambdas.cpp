// Local lambdas, `auto f = [&](double t) { ... };`, called in the function:
// inlined at each call like a helper. A by-reference capture is the
// caller's variable itself (Clang's body refers to it directly); a by-value
// capture is a copy taken where the lambda is written, which the body reads
// instead.
#include "lower/Lowerer.h"

#include "clang/AST/ExprCXX.h"

namespace gradc::lowering {

namespace {

const cl::LambdaExpr* lambdaOf(const cl::Expr* e) {
  if (!e) return nullptr;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const auto* ce = llvm::dyn_cast<cl::CXXConstructExpr>(e); ce && ce->getNumArgs() == 1)
    return lambdaOf(ce->getArg(0));
  return llvm::dyn_cast<cl::LambdaExpr>(e);
}

}  // namespace

bool Lowerer::lowerLambdaDecl(const cl::VarDecl* vd, int origin, Block& out) {
  const cl::CXXRecordDecl* rd = vd->getType()->getAsCXXRecordDecl();
  if (!rd || !rd->isLambda()) return false;
  const cl::LambdaExpr* lambda = lambdaOf(vd->getInit());
  auto reject = [&](cl::SourceLocation loc, const std::string& what) {
    env_.diags.report(loc, Diag::UnsupportedExpr, {what});
    failed_ = true;
    return true;
  };
  if (!lambda || vd->getType()->isReferenceType())
    return reject(vd->getLocation(), "a copy of a lambda (call the lambda by the name it was written with)");
  LambdaCopies info;
  info.lambda = lambda;
  for (const cl::LambdaCapture& c : lambda->captures()) {
    if (c.capturesThis() || c.capturesVLAType() || !c.capturesVariable())
      return reject(c.getLocation(), "this capture (capture local variables, by value or by reference)");
    const auto* captured = llvm::dyn_cast<cl::VarDecl>(c.getCapturedVar());
    if (!captured || captured->isInitCapture())
      return reject(c.getLocation(), "an init-capture '[v = e]' (declare 'v' before the lambda and capture it)");
    if (c.getCaptureKind() != cl::LCK_ByCopy) continue;
    if (lambda->isMutable())
      return reject(c.getLocation(), "a by-value capture of a 'mutable' lambda (capture it by reference: '[&" +
                                         captured->getNameAsString() + "]')");
    if (structArrays_.count(captured))
      return reject(c.getLocation(), "an array of structs captured by value (capture it by reference: '[&" +
                                         captured->getNameAsString() + "]')");
    if (auto s = structs_.find(captured); s != structs_.end()) {
      // A struct local may be written after the lambda is made: the body
      // reads a copy taken here (a parameter's members are never written).
      if (!isLocalRoot(s->second.root)) continue;
      cl::QualType t = captured->getType().getNonReferenceType().getUnqualifiedType();
      StructRef copy = declareStruct(t, captured->getNameAsString());
      if (!copyStruct(copy, s->second, t.getCanonicalType()->getAsRecordDecl(), origin, out)) return true;
      info.structCopies.push_back({captured, copy});
      continue;
    }
    if (moving_.count(captured))  // (its body would read where the pointer is when called, not when written)
      return reject(c.getLocation(), "a pointer that moves, captured by value (capture it by reference: '[&" +
                                         captured->getNameAsString() + "]', or copy what it points to first)");
    auto it = vars_.find(captured);
    if (it != vars_.end() && fn_.var(it->second).isArray())
      return reject(c.getLocation(), "an array captured by value (capture it by reference: '[&" +
                                         captured->getNameAsString() + "]')");
    if (it == vars_.end()) continue;  // not a variable of the IR (a constant): read as written
    const Type t = fn_.var(it->second).type;
    VarId copy = newVar(captured->getNameAsString(), t, VarRole::Local);
    emitAssign(copy, fn_.ref(it->second), origin, out);
    defined_.insert(copy);
    info.copies.push_back({captured, copy});
  }
  lambdas_[vd] = std::move(info);
  return true;
}

std::optional<ExprRef> Lowerer::lowerLambdaCall(const cl::CallExpr* call, Block& out) {
  const auto* op = llvm::dyn_cast<cl::CXXOperatorCallExpr>(call);
  if (!op || op->getOperator() != cl::OO_Call || op->getNumArgs() == 0) return std::nullopt;
  const auto* method = llvm::dyn_cast_or_null<cl::CXXMethodDecl>(op->getDirectCallee());
  if (!method || !method->getParent()->isLambda()) return std::nullopt;
  const cl::Expr* object = op->getArg(0)->IgnoreImplicit()->IgnoreParens();
  LambdaCopies none;
  const LambdaCopies* info = &none;
  std::string name = "lambda";
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(object)) {
    const auto* vd = llvm::dyn_cast<cl::VarDecl>(ref->getDecl());
    auto it = vd ? lambdas_.find(vd) : lambdas_.end();
    if (it == lambdas_.end()) {
      env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                        {"calling the lambda '" + sourceText(object) +
                         "' (call a lambda declared in this function, 'auto f = [&](double t) { ... };')"});
      failed_ = true;
      return nullptr;
    }
    info = &it->second;
    name = vd->getNameAsString();
  } else if (const cl::LambdaExpr* lambda = lambdaOf(object); !lambda || lambda->capture_size() != 0) {
    // ([&] { ... })(): its by-value captures would be copies made here; not yet.
    env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                      {"calling this lambda (give it a name: 'auto f = [&](double t) { ... };', then 'f(x)')"});
    failed_ = true;
    return nullptr;
  }
  const cl::FunctionDecl* def = nullptr;
  if (!method->hasBody(def) || !def) return unsupportedExpr(call);
  lambdaNames_[def->getCanonicalDecl()] = name;
  // The body reads the copies in place of the captured variables.
  std::vector<std::pair<const cl::Decl*, std::optional<VarId>>> saved;
  for (const auto& [captured, copy] : info->copies) {
    auto it = vars_.find(captured);
    saved.push_back({captured, it == vars_.end() ? std::nullopt : std::optional<VarId>(it->second)});
    vars_[captured] = copy;
  }
  std::vector<std::pair<const cl::Decl*, StructRef>> savedStructs;
  for (const auto& [captured, copy] : info->structCopies) {
    savedStructs.push_back({captured, structs_[captured]});
    structs_[captured] = copy;
  }
  ExprRef result = inlineCall(call, def, out, 1);
  for (const auto& [d, r] : savedStructs) structs_[d] = r;
  for (const auto& [d, v] : saved) {
    if (v)
      vars_[d] = *v;
    else
      vars_.erase(d);
  }
  return result;
}

}  // namespace gradc::lowering
