#include "rules/Rules.h"

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

}  // namespace gradc
