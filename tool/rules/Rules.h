// The registry of derivative rules (DESIGN.md §3). Rules are compilable
// pullbacks in templates/rules.hpp (and, later, user rules); gradc parses them
// with the user's code, lowers each body to IR once, and the reverse stage
// inlines them by substituting variables.
#ifndef GRADC_RULES_RULES_H
#define GRADC_RULES_RULES_H

#include "ir/IR.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gradc {

struct Rule {
  std::string name;                 // the pullback's name, e.g. "exp_pullback"
  std::vector<std::string> keys;    // callee names it differentiates
  std::string math;                 // the comment above the rule, e.g. "d/dx exp(x) = exp(x)"
  ir::Function body;                // lowered in double; retyped when instantiated
  std::vector<ir::VarId> primalParams;
  ir::VarId resultParam = ir::kNoVar;
  ir::VarId seedParam = ir::kNoVar;
  std::vector<ir::VarId> adjointParams;  // AdjointOut vars, one per primal param

  // A user rule for a function taking arrays or integers is called, not
  // inlined: its body may loop over the arrays, or live in another file.
  // The call passes the primal arguments, the seed, then one adjoint per
  // parameter that has one (`hasAdjoint`, in order).
  bool called = false;
  const void* decl = nullptr;           // the pullback's clang::FunctionDecl (opaque: named by lowering)
  std::vector<bool> hasAdjoint;         // per primal parameter

  size_t arity() const { return called ? hasAdjoint.size() : primalParams.size(); }

  // The runtime header generated code includes when it calls the rule's
  // function: gradc/math.h for idioms (GRADC_IDIOM), whose calls lowering
  // makes in place of the expression they compute; the built-in ones live
  // there (a user's is visible through the source's own includes).
  std::string header;
};

// An idiom: an expression a model writes inline (1/(1+exp(-x))), recognised
// in lowering by the body of `function` (an opaque clang::FunctionDecl,
// `return <pattern>;`) and replaced by a call to it, differentiated by `rule`.
struct Idiom {
  const Rule* rule = nullptr;
  const void* function = nullptr;
};

class RuleRegistry {
 public:
  void add(std::unique_ptr<Rule> rule);
  // The rule for a callee name (std:: stripped, or "operator*") with that many arguments.
  const Rule* find(const std::string& name, size_t arity) const;
  // A user rule (GRADC_PULLBACK_OF) for one function, canonical declaration.
  void addFor(const void* function, std::unique_ptr<Rule> rule);
  const Rule* findFor(const void* function) const;
  // An idiom's rule, with the functions (overloads) whose bodies are its
  // patterns: a direct call to one of them uses the rule too.
  void addIdiom(std::unique_ptr<Rule> rule, const std::vector<const void*>& functions);
  const std::vector<Idiom>& idioms() const { return idioms_; }
  size_t size() const { return rules_.size(); }

 private:
  std::vector<std::unique_ptr<Rule>> rules_;
  std::map<std::pair<std::string, size_t>, const Rule*> byKey_;
  std::map<const void*, const Rule*> byFunction_;
  std::vector<Idiom> idioms_;
};

// The key of an arithmetic operator's rule ("operator*"); null for other ops.
const char* operatorRuleKey(ir::Op op, size_t arity);

// A rule expression (rules are written in double) rebuilt for a call of
// another floating type: literals and comparisons too, so float code never
// promotes to double.
ir::ExprRef retypeRule(const ir::ExprRef& e, const ir::Type& to);

}  // namespace gradc

#endif  // GRADC_RULES_RULES_H
