// How an IR expression prints as C++: precedence and parentheses (none that
// -Wparentheses would ask for), implicit conversions left to the compiler,
// and signs folded so that no `--` or `+ -` ever appears.
#ifndef GRADC_EMIT_EXPRESSIONS_H
#define GRADC_EMIT_EXPRESSIONS_H

#include "emit/Dialect.h"
#include "ir/IR.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gradc {

// -(-x) is x, exactly (IEEE negation only flips the sign).
const ir::Expr& withoutDoubleNegation(const ir::Expr& e);

class ExprPrinter {
 public:
  // `names`: each variable's printed name (filled in by the caller later is fine).
  ExprPrinter(const ir::Function& fn, const std::vector<std::string>& names, const Dialect& dialect = Dialect::cxx())
      : fn_(fn), names_(names), dialect_(dialect) {}

  // Prints `e` for a context that needs precedence at least `need`.
  std::string expr(const ir::Expr& e, int need) const;
  // a[i], or ps[i].x for a member of an array of structs.
  std::string element(ir::VarId array, const std::string& index) const;

 private:
  const std::string& name(ir::VarId id) const { return names_[static_cast<size_t>(id)]; }
  std::string negation(const ir::Expr& operand) const;
  std::optional<std::pair<const char*, std::string>> signFolded(const ir::Expr& e) const;
  std::string operand(const ir::Expr& parent, const ir::Expr& e, const ir::Expr& sibling, int need) const;
  std::string exprText(const ir::Expr& e) const;

  const ir::Function& fn_;
  const std::vector<std::string>& names_;
  const Dialect& dialect_;
};

}  // namespace gradc

#endif  // GRADC_EMIT_EXPRESSIONS_H
