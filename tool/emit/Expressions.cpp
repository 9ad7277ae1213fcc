#include "emit/Expressions.h"

#include "lower/Lower.h"

#include <cctype>
#include <cmath>

namespace gradc {

using namespace ir;

namespace {

int precedence(const Expr& e) {
  switch (e.op) {
    case Op::Select: return 1;
    case Op::LOr: return 2;
    case Op::LAnd: return 3;
    case Op::BitOr: return 4;
    case Op::BitXor: return 5;
    case Op::BitAnd: return 6;
    case Op::Eq:
    case Op::Ne: return 7;
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: return 8;
    case Op::Shl:
    case Op::Shr: return 9;
    case Op::Add:
    case Op::Sub: return 10;
    case Op::Mul:
    case Op::Div:
    case Op::Rem: return 11;
    case Op::Neg:
    case Op::Not: return 12;
    case Op::Const: return e.number < 0 ? 12 : 14;
    default: return 14;
  }
}

bool looksNumeric(const std::string& s) {
  return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.');
}

// `a || b && c`, `a & b == c`, `a << b + c`: correct without parentheses, but
// -Wparentheses warns, and generated code must compile at -Werror.
bool warnsWithoutParens(const Expr& parent, const Expr& child) {
  if (child.args.size() != 2 || child.op == Op::Select || child.op == Op::Call || child.op == parent.op) return false;
  auto isBitwise = [](Op o) { return o == Op::BitAnd || o == Op::BitOr || o == Op::BitXor; };
  switch (parent.op) {
    case Op::LOr: return child.op == Op::LAnd;
    case Op::BitAnd:
    case Op::BitOr:
    case Op::BitXor: return true;
    case Op::Shl:
    case Op::Shr: return child.op == Op::Add || child.op == Op::Sub;
    default: return isComparison(parent.op) && (isComparison(child.op) || isBitwise(child.op));
  }
}

// An implicit integer-to-floating conversion that C++ will redo by itself.
bool isImplicitIntToFloat(const Expr& e) {
  return e.op == Op::Cast && e.implicitCast && e.type.isFloating() && !e.args[0]->type.isFloating();
}

}  // namespace

const Expr& withoutDoubleNegation(const Expr& e) {
  const Expr* x = &e;
  while (x->op == Op::Neg && x->args[0]->op == Op::Neg) x = x->args[0]->args[0].get();
  return *x;
}

// a[i], or ps[i].x for a member of an array of structs.
std::string ExprPrinter::element(VarId array, const std::string& index) const {
  const Var& v = fn_.var(array);
  if (v.memberRank == kElementMember) return name(v.memberRoot) + "[" + index + "]" + v.memberPath;
  if (v.elementRef) return name(array);  // `double& out`: its one element
  return name(array) + "[" + index + "]";
}

// Prints `e` for a context that needs precedence at least `need`.
std::string ExprPrinter::expr(const Expr& e, int need) const {
  const Expr& x = withoutDoubleNegation(e);
  std::string s = exprText(x);
  return precedence(x) < need ? "(" + s + ")" : s;
}

// What a negation prints: never `--` (a decrement) or `-+`. A negative
// literal loses its sign: -(-1.0) is 1.0.
std::string ExprPrinter::negation(const Expr& operand) const {
  std::string s = expr(operand, 12);
  if (operand.op == Op::Const && s.size() > 1 && s[0] == '-') return s.substr(1);
  return s[0] == '-' || s[0] == '+' ? "-(" + s + ")" : "-" + s;
}

// `a + -b` is `a - b`, and `a - -1.0` is `a + 1.0`: the same operation
// (IEEE defines a - b as a + (-b)), without a sign after an operator.
// Returns the flipped operator and the right operand's text, or nothing.
std::optional<std::pair<const char*, std::string>> ExprPrinter::signFolded(const Expr& e) const {
  if (e.op != Op::Add && e.op != Op::Sub) return std::nullopt;
  const char* flipped = e.op == Op::Add ? "-" : "+";
  const Expr* r = &withoutDoubleNegation(*e.args[1]);
  // (an int operand the implicit conversion of operand() prints bare)
  if (isImplicitIntToFloat(*r) && e.args[0]->type.isFloating() && !isImplicitIntToFloat(*e.args[0]))
    r = &withoutDoubleNegation(*r->args[0]);
  const Expr& rhs = *r;
  if (rhs.op == Op::Neg) return std::make_pair(flipped, expr(*rhs.args[0], precedence(e) + 1));
  // (not INT_MIN: its magnitude is no int)
  if (rhs.op == Op::Const && std::signbit(rhs.number) && (rhs.type.isFloating() || rhs.number > -2147483647.0)) {
    std::string s = exprText(rhs);
    if (s.size() > 1 && s[0] == '-') return std::make_pair(flipped, s.substr(1));
  }
  return std::nullopt;
}

std::string ExprPrinter::operand(const Expr& parent, const Expr& e, const Expr& sibling, int need) const {
  if (isImplicitIntToFloat(e) && sibling.type.isFloating() && !isImplicitIntToFloat(sibling))
    return expr(*e.args[0], need);
  return warnsWithoutParens(parent, e) ? "(" + exprText(e) + ")" : expr(e, need);
}

std::string ExprPrinter::exprText(const Expr& e) const {
  switch (e.op) {
    case Op::Const:
      if (looksNumeric(e.text) || e.text == "true" || e.text == "false") return e.text;
      if (e.type.isFloating()) return formatLiteral(e.number, e.type.kind);
      return std::to_string(static_cast<long long>(e.number));
    case Op::Var: return name(e.var);
    case Op::Load: return element(e.var, expr(*e.args[0], 0));
    case Op::Global: {
      std::string s = dialect_.qualified(e.text);
      for (const auto& index : e.args) s += "[" + expr(*index, 0) + "]";
      return s;
    }
    case Op::Neg: return negation(*e.args[0]);
    case Op::Not: return "!" + expr(*e.args[0], 12);
    case Op::Cast: return dialect_.cast(e.type.spelling, expr(*e.args[0], dialect_.castOperandPrecedence()));
    case Op::Select:
      return expr(*e.args[0], 2) + " ? " + expr(*e.args[1], 2) + " : " + expr(*e.args[2], 1);
    case Op::Call: {
      std::string s = dialect_.callee(e) + (e.callee->function >= 0 ? "_primal" : "") + "(";
      for (size_t i = 0; i < e.args.size(); ++i) s += (i ? ", " : "") + expr(*e.args[i], 0);
      return s + ")";
    }
    default: {
      int p = precedence(e);
      if (auto folded = signFolded(e))
        return operand(e, *e.args[0], *e.args[1], p) + " " + folded->first + " " + folded->second;
      return operand(e, *e.args[0], *e.args[1], p) + " " + opName(e.op) + " " + operand(e, *e.args[1], *e.args[0], p + 1);
    }
  }
}

}  // namespace gradc
