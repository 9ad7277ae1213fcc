// Lowering of idioms (GRADC_IDIOM, templates/rules.hpp): an expression that
// has the shape of an idiom function's body, `1.0f / (1.0f + std::exp(-a))`
// for gradc::sigmoid, becomes one call to that function, so the reverse sweep
// applies the idiom's derivative (y (1 - y), from the result alone) instead
// of differentiating exp, + and / one by one and keeping exp's result.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

#include <map>

namespace gradc::lowering {
namespace {

// What an expression computes, without parentheses and implicit conversions.
const cl::Expr* bare(const cl::Expr* e) { return e->IgnoreParenImpCasts(); }

// 1, 1.0 and 1.0f are the same pattern literal.
std::optional<double> literalValue(const cl::Expr* e) {
  if (const auto* fl = llvm::dyn_cast<cl::FloatingLiteral>(e)) return fl->getValueAsApproximateDouble();
  if (const auto* il = llvm::dyn_cast<cl::IntegerLiteral>(e))
    return static_cast<double>(il->getValue().getLimitedValue());
  return std::nullopt;
}

// Matches a user's expression against a pattern, binding the pattern
// function's parameters to the user's subexpressions.
class Matcher {
 public:
  Matcher(cl::ASTContext& ast, const RuleRegistry& rules, cl::QualType type) : ast_(ast), rules_(rules), type_(type) {}

  bool match(const cl::Expr* pattern, const cl::Expr* user) {
    const cl::Expr* p = bare(pattern);
    if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(p))
      if (const auto* param = llvm::dyn_cast<cl::ParmVarDecl>(ref->getDecl())) {
        const cl::Expr* u = user->IgnoreParens();
        if (!sameType(u)) return false;
        auto [it, fresh] = bound.emplace(param, u);
        return fresh || Lowerer::sameValue(ast_, it->second, u);
      }
    const cl::Expr* u = bare(user);
    if (std::optional<double> pv = literalValue(p)) {
      std::optional<double> uv = literalValue(u);
      return uv && *uv == *pv;
    }
    // Every operation in the expression's own type, as in the function: a
    // float exp inside double arithmetic computes something else.
    if (!sameType(u)) return false;
    if (const auto* pu = llvm::dyn_cast<cl::UnaryOperator>(p)) {
      const auto* uu = llvm::dyn_cast<cl::UnaryOperator>(u);
      return uu && uu->getOpcode() == pu->getOpcode() && match(pu->getSubExpr(), uu->getSubExpr());
    }
    if (const auto* pb = llvm::dyn_cast<cl::BinaryOperator>(p)) {
      const auto* ub = llvm::dyn_cast<cl::BinaryOperator>(u);
      return ub && ub->getOpcode() == pb->getOpcode() && match(pb->getLHS(), ub->getLHS()) &&
             match(pb->getRHS(), ub->getRHS());
    }
    if (const auto* pc = llvm::dyn_cast<cl::CallExpr>(p)) {
      const auto* uc = llvm::dyn_cast<cl::CallExpr>(u);
      if (!uc || !sameCallee(pc, uc)) return false;
      for (unsigned i = 0; i < pc->getNumArgs(); ++i)
        if (!match(pc->getArg(i), uc->getArg(i))) return false;
      return true;
    }
    return false;
  }

  std::map<const cl::ParmVarDecl*, const cl::Expr*> bound;

 private:
  bool sameType(const cl::Expr* u) const { return ast_.hasSameUnqualifiedType(u->getType(), type_); }

  // The same function, or functions with the same rule (exp, expf, std::exp).
  bool sameCallee(const cl::CallExpr* p, const cl::CallExpr* u) const {
    const cl::FunctionDecl* pf = p->getDirectCallee();
    const cl::FunctionDecl* uf = u->getDirectCallee();
    if (!pf || !uf || p->getNumArgs() != u->getNumArgs() || llvm::isa<cl::CXXOperatorCallExpr>(p) ||
        llvm::isa<cl::CXXOperatorCallExpr>(u))
      return false;
    if (pf->getCanonicalDecl() == uf->getCanonicalDecl()) return true;
    const Rule* rule = rules_.find(ruleKey(pf), p->getNumArgs());
    return rule && rule == rules_.find(ruleKey(uf), u->getNumArgs());
  }

  cl::ASTContext& ast_;
  const RuleRegistry& rules_;
  cl::QualType type_;
};

}  // namespace

std::optional<ExprRef> Lowerer::lowerIdiom(const cl::Expr* e, Block& out) {
  if (env_.opaqueCalls || env_.rules.idioms().empty()) return std::nullopt;
  std::optional<Type> type = scalarType(e->getType());
  if (!type || !type->isFloating()) return std::nullopt;
  for (const Idiom& idiom : env_.rules.idioms()) {
    const auto* fd = static_cast<const cl::FunctionDecl*>(idiom.function)->getDefinition();
    // The overload whose parameters and result are the expression's type.
    bool fits = fd && env_.ast.hasSameUnqualifiedType(fd->getReturnType(), e->getType()) &&
                fd->getNumParams() == idiom.rule->arity();
    for (const cl::ParmVarDecl* p : fd ? fd->parameters() : llvm::ArrayRef<cl::ParmVarDecl*>())
      fits = fits && env_.ast.hasSameUnqualifiedType(p->getType(), e->getType());
    if (!fits) continue;
    const auto* ret = llvm::cast<cl::ReturnStmt>(llvm::cast<cl::CompoundStmt>(fd->getBody())->body_front());
    Matcher m(env_.ast, env_.rules, e->getType());
    if (!m.match(ret->getRetValue(), e) || m.bound.size() != fd->getNumParams()) continue;
    std::vector<ExprRef> args;
    for (const cl::ParmVarDecl* p : fd->parameters()) {
      ExprRef a = lowerOperand(m.bound.at(p), out);
      if (!a) return ExprRef();
      args.push_back(a);
    }
    auto callee = std::make_shared<Callee>();
    callee->rule = idiom.rule;
    callee->spelling = qualify(namespacesOf(fd->getDeclContext()), fd->getNameAsString());
    return ir::call(callee, std::move(args), *type);
  }
  return std::nullopt;
}

}  // namespace gradc::lowering
