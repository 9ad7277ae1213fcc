#include "emit/Dialect.h"

#include <set>

namespace gradc {

using namespace ir;

namespace {

// <math.h>'s double functions; each has a float twin named with an `f`.
const std::set<std::string>& mathFunctions() {
  static const std::set<std::string> names = {
      "exp",  "exp2",  "expm1", "log",   "log2",  "log10", "log1p", "sqrt",  "cbrt",  "pow",  "hypot",
      "sin",  "cos",   "tan",   "asin",  "acos",  "atan",  "atan2", "sinh",  "cosh",  "tanh", "asinh",
      "acosh", "atanh", "erf",  "erfc",  "tgamma", "lgamma", "fabs", "fmax",  "fmin",  "floor", "ceil",
      "round", "trunc", "fmod", "copysign", "fdim", "fma", "remainder", "rint", "nearbyint"};
  return names;
}

// C99's classification macros: type-generic, an int result, no `f` twin.
bool classificationMacro(const std::string& name) {
  static const std::set<std::string> names = {"isnan", "isinf", "isfinite", "isnormal", "signbit"};
  return names.count(name) > 0;
}

std::string withoutStd(const std::string& s) { return s.rfind("std::", 0) == 0 ? s.substr(5) : s; }

}  // namespace

const Dialect& Dialect::cxx() {
  static const Dialect d(false);
  return d;
}

const Dialect& Dialect::c99() {
  static const Dialect d(true);
  return d;
}

std::string Dialect::qualified(const std::string& name) const {
  if (!c_) return name;
  std::string out = name;
  for (size_t at; (at = out.find("::")) != std::string::npos;) out.replace(at, 2, "_");
  return out;
}

std::string Dialect::include(const std::string& spelling, bool angled) const {
  if (!c_ || !angled || spelling.find('.') != std::string::npos) return spelling;
  static const std::set<std::string> twins = {"cassert", "cfloat", "climits", "cmath",  "cstdbool",
                                              "cstddef", "cstdint", "cstdio",  "cstdlib", "cstring"};
  return twins.count(spelling) ? spelling.substr(1) + ".h" : "";
}

std::string Dialect::callee(const Expr& call) const {
  const std::string& s = call.callee->spelling;
  if (!c_) return s;
  std::string base = withoutStd(s);
  if (base == "abs" && call.type.isFloating()) base = "fabs";  // std::abs(float)
  if (mathFunctions().count(base) && call.type.kind == TypeKind::Float) return base + "f";
  return base;
}

std::string whyNotC99(const Function& fn) {
  if (!fn.namespaces.empty()) return "it is in namespace '" + fn.namespaces.front() + "' (C has no namespaces)";
  if (!fn.templateArgs.empty()) return "it is an instantiation of a template";
  for (VarId p : fn.params)
    if (fn.var(p).isReference)
      return "its parameter '" + fn.var(p).name + "' is a reference (take a pointer)";
  std::string why;
  auto look = [&](const Expr& e) {
    if (!why.empty() || e.op != Op::Call || e.callee->function >= 0) return;
    std::string base = withoutStd(e.callee->spelling);
    bool math = mathFunctions().count(base) || classificationMacro(base) || (base == "abs" && e.type.isFloating()) ||
                (base.size() > 1 && base.back() == 'f' && mathFunctions().count(base.substr(0, base.size() - 1)));
    if (base.find("::") != std::string::npos || (e.callee->spelling != base && !math) ||
        (base.rfind("hypot", 0) == 0 && e.args.size() != 2))
      why = "it calls '" + e.callee->spelling + "', which C does not have";
  };
  forEachStmt(fn.body, [&](const Stmt& s) {
    for (const ExprRef* e : {&s.value, &s.index})
      if (*e) forEachExpr(*e, look);
    for (const ExprRef& a : s.args) forEachExpr(a, look);
    if (why.empty() && s.callee && s.callee->spelling.find("::") != std::string::npos)
      why = "it calls '" + s.callee->spelling + "', which C does not have";
  });
  return why;
}

}  // namespace gradc
