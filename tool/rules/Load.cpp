#include "rules/Load.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <memory>
#include <string>

namespace gradc {
namespace {

// Whether f's user rule is called rather than inlined: f takes arrays or
// integers, which rule bodies as substituted templates cannot (Rule::called).
bool calledRule(const clang::FunctionDecl* f) {
  return !std::all_of(f->param_begin(), f->param_end(),
                      [](const clang::ParmVarDecl* p) { return p->getType()->isRealFloatingType(); });
}

// "const float* z", "int label", "float* d_z": how the expected signature is printed.
std::string spell(clang::QualType t, const std::string& name) {
  t = t.getUnqualifiedType();
  if (!t->isPointerType()) return t.getAsString() + " " + name;
  clang::QualType e = t->getPointeeType();
  return (e.isConstQualified() ? "const " : "") + e.getUnqualifiedType().getAsString() + "* " + name;
}

// A GRADC_PULLBACK_OF(f) pullback must read void(P..., R d_ret, T* d_p...):
// one adjoint pointer per float/double parameter or array, in order
// (DESIGN.md §3). f takes float/double or integer values and const arrays.
bool userRuleFits(const clang::FunctionDecl* rule, const clang::FunctionDecl* f, Diagnostics& diags) {
  auto input = [](clang::QualType t) {
    if (t->isPointerType()) return t->getPointeeType().isConstQualified() && t->getPointeeType()->isRealFloatingType();
    return t->isRealFloatingType() || t->isIntegerType();
  };
  bool supported = f->getReturnType()->isRealFloatingType() &&
                   std::all_of(f->param_begin(), f->param_end(),
                               [&](const clang::ParmVarDecl* p) { return input(p->getType()); });
  if (!supported) {
    diags.report(rule->getLocation(), Diag::UserRuleTypes, {f->getNameAsString()});
    return false;
  }
  clang::ASTContext& ast = rule->getASTContext();
  std::vector<clang::QualType> want;
  std::vector<std::string> shown;
  auto expect = [&](clang::QualType t, const std::string& name) {
    want.push_back(t.getUnqualifiedType());
    shown.push_back(spell(t, name));
  };
  auto nameOf = [](const clang::ParmVarDecl* p, unsigned k) {
    return p->getName().empty() ? "arg" + std::to_string(k) : p->getNameAsString();
  };
  for (unsigned k = 0; k < f->getNumParams(); ++k) expect(f->getParamDecl(k)->getType(), nameOf(f->getParamDecl(k), k));
  expect(f->getReturnType(), "d_ret");
  for (unsigned k = 0; k < f->getNumParams(); ++k) {
    clang::QualType t = f->getParamDecl(k)->getType();
    if (!takesAdjoint(t)) continue;
    clang::QualType element = t->isPointerType() ? t->getPointeeType() : t;
    expect(ast.getPointerType(element.getUnqualifiedType()), "d_" + nameOf(f->getParamDecl(k), k));
  }
  std::string expected = "void " + rule->getNameAsString() + "(";
  for (size_t i = 0; i < shown.size(); ++i) expected += (i ? ", " : "") + shown[i];
  expected += ")";
  bool fits = rule->getReturnType()->isVoidType() && rule->getNumParams() == want.size();
  for (unsigned i = 0; fits && i < want.size(); ++i)
    fits = ast.hasSameUnqualifiedType(rule->getParamDecl(i)->getType(), want[i]);
  if (!fits) {
    diags.report(rule->getLocation(), Diag::UserRuleSignature,
                 {rule->getNameAsString(), f->getNameAsString(), expected});
    return false;
  }
  const clang::SourceManager& sm = ast.getSourceManager();
  auto inSource = [&](const clang::Decl* d) { return sm.isInMainFile(sm.getExpansionLoc(d->getLocation())); };
  if (inSource(f)) {
    // The forward sweep calls f itself: the generated header must see it.
    diags.report(rule->getLocation(), Diag::UserRuleInSource, {f->getNameAsString()});
    return false;
  }
  if (calledRule(f) && inSource(rule)) {
    diags.report(rule->getLocation(), Diag::UserRulePullbackInSource, {f->getNameAsString(), rule->getNameAsString()});
    return false;
  }
  return true;
}

// A called rule needs no body: the generated code calls it by name.
std::unique_ptr<Rule> calledRuleOf(const clang::FunctionDecl* rule, const clang::FunctionDecl* f) {
  auto r = std::make_unique<Rule>();
  r->name = rule->getNameAsString();
  r->called = true;
  r->decl = rule;
  for (const clang::ParmVarDecl* p : f->parameters()) r->hasAdjoint.push_back(takesAdjoint(p->getType()));
  return r;
}

}  // namespace

std::optional<RuleRegistry> loadRules(const ParsedUnit& unit, LowerEnv& env) {
  RuleRegistry rules;
  for (const clang::FunctionDecl* fd : unit.rules) {
    std::optional<Rule> r = lowerRule(fd, env);
    if (!r) return std::nullopt;
    rules.add(std::make_unique<Rule>(std::move(*r)));
  }
  bool ok = true;
  for (const auto& [pullback, functions] : unit.idioms) {
    // Each overload whose body is `return <expression>;` is a pattern (lowering
    // matches the one whose types are the expression's).
    // Generated code calls it, and never includes the source file: a header's.
    const clang::SourceManager& sm = env.ast.getSourceManager();
    std::vector<const void*> patterns;
    for (const clang::FunctionDecl* f : functions) {
      const clang::FunctionDecl* def = f->getDefinition();
      if (def && sm.isInMainFile(sm.getExpansionLoc(def->getLocation()))) continue;
      const auto* body = def ? llvm::dyn_cast_or_null<clang::CompoundStmt>(def->getBody()) : nullptr;
      const auto* ret = body && body->size() == 1 ? llvm::dyn_cast<clang::ReturnStmt>(body->body_front()) : nullptr;
      if (ret && ret->getRetValue()) patterns.push_back(f);  // canonical: the key of direct calls
    }
    if (patterns.empty()) {
      std::string name;
      for (const auto* attr : pullback->specific_attrs<clang::AnnotateAttr>())
        if (llvm::StringRef a = attr->getAnnotation(); a.consume_front("gradc.idiom:")) name = a.str();
      env.diags.report(pullback->getLocation(), Diag::BadRule,
                       {pullback->getNameAsString(), "GRADC_IDIOM names '" + name +
                                                         "', but no function of that name whose body is `return "
                                                         "<expression>;` is visible here in a header"});
      ok = false;
      continue;
    }
    std::optional<Rule> r = lowerRule(pullback, env);
    if (!r) return std::nullopt;
    r->header = "gradc/math.h";
    rules.addIdiom(std::make_unique<Rule>(std::move(*r)), patterns);
  }
  for (auto [rule, target] : unit.userRules) {
    if (!target) {
      llvm::StringRef name = "";
      for (const auto* attr : rule->specific_attrs<clang::AnnotateAttr>())
        if (llvm::StringRef a = attr->getAnnotation(); a.consume_front("gradc.pullback_of:")) name = a;
      env.diags.report(rule->getLocation(), Diag::UserRuleTarget, {name.str()});
      ok = false;
      continue;
    }
    if (!userRuleFits(rule, target, env.diags)) {
      ok = false;
      continue;
    }
    if (calledRule(target)) {
      rules.addFor(target, calledRuleOf(rule, target));
      continue;
    }
    const clang::FunctionDecl* def = rule->getDefinition();
    if (!def) {
      env.diags.report(rule->getLocation(), Diag::BadRule,
                       {rule->getNameAsString(), "it has no body (a rule for a function of float/double values is inlined)"});
      ok = false;
      continue;
    }
    std::optional<Rule> r = lowerRule(def, env);
    if (!r) return std::nullopt;
    rules.addFor(target, std::make_unique<Rule>(std::move(*r)));
  }
  if (!ok) return std::nullopt;
  return rules;
}

}  // namespace gradc
