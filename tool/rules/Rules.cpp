#include "rules/Rules.h"

#include "lower/Lower.h"

namespace gradc {

void RuleRegistry::add(std::unique_ptr<Rule> rule) {
  // Later rules win: user rules are added after the built-in ones.
  for (const std::string& key : rule->keys) byKey_[{key, rule->arity()}] = rule.get();
  rules_.push_back(std::move(rule));
}

const Rule* RuleRegistry::find(const std::string& name, size_t arity) const {
  auto it = byKey_.find({name, arity});
  return it == byKey_.end() ? nullptr : it->second;
}

void RuleRegistry::addFor(const void* function, std::unique_ptr<Rule> rule) {
  byFunction_[function] = rule.get();
  rules_.push_back(std::move(rule));
}

void RuleRegistry::addIdiom(std::unique_ptr<Rule> rule, const std::vector<const void*>& functions) {
  for (const void* f : functions) {
    idioms_.push_back({rule.get(), f});
    byFunction_.emplace(f, rule.get());  // a user's GRADC_PULLBACK_OF of it stays first
  }
  rules_.push_back(std::move(rule));
}

const Rule* RuleRegistry::findFor(const void* function) const {
  auto it = byFunction_.find(function);
  return it == byFunction_.end() ? nullptr : it->second;
}

const char* operatorRuleKey(ir::Op op, size_t arity) {
  switch (op) {
    case ir::Op::Add: return "operator+";
    case ir::Op::Sub: return "operator-";
    case ir::Op::Mul: return "operator*";
    case ir::Op::Div: return "operator/";
    case ir::Op::Neg: return arity == 1 ? "operator-" : nullptr;
    default: return nullptr;
  }
}

ir::ExprRef retypeRule(const ir::ExprRef& e, const ir::Type& to) {
  if (to.kind == ir::TypeKind::Double) return e;
  auto copy = std::make_shared<ir::Expr>(*e);
  if (copy->type.kind == ir::TypeKind::Double) {
    copy->type = to;
    if (copy->op == ir::Op::Const) copy->text = formatLiteral(copy->number, to.kind);
  }
  for (auto& a : copy->args) a = retypeRule(a, to);
  return copy;
}

}  // namespace gradc
