#include "cleanup/Simplify.h"

#include "cleanup/Sites.h"
#include "lower/Lower.h"

#include <algorithm>
#include <cmath>

namespace gradc::cleaning {

using namespace ir;

namespace {

bool isConst(const ExprRef& e, double v) { return e->op == Op::Const && e->number == v; }

bool powerOfTwo(double v) {
  int exp = 0;
  return std::isfinite(v) && std::fabs(std::frexp(v, &exp)) == 0.5;
}

// c1 * (c2 * x), the constants on either side, one of them a power of two:
// the product (c1 c2) x, which rounds the same (scaling by 2^k is exact).
// Only in the reverse sweep: it differs where c2 x alone would overflow.
ExprRef foldScalings(const Expr& x, const ExprRef& a, const ExprRef& b) {
  const ExprRef& outer = a->op == Op::Const ? a : b;
  const ExprRef& inner = a->op == Op::Const ? b : a;
  if (outer->op != Op::Const || inner->op != Op::Mul || inner->type != x.type) return nullptr;
  const ExprRef& c = inner->args[0]->op == Op::Const ? inner->args[0] : inner->args[1];
  const ExprRef& rest = inner->args[0]->op == Op::Const ? inner->args[1] : inner->args[0];
  if (c->op != Op::Const || (!powerOfTwo(outer->number) && !powerOfTwo(c->number))) return nullptr;
  double product = outer->number * c->number;
  if (!std::isfinite(product) || product == 0) return nullptr;
  return binary(Op::Mul, constant(product, x.type, formatLiteral(product, x.type.kind)), rest, x.type);
}

// `adjoint`: the expression is in the reverse sweep, where a zero adjoint
// times anything is taken as zero (the contribution is exactly zero even where
// a local partial is infinite); the forward sweep keeps IEEE semantics.
ExprRef simplifyExpr(const ExprRef& e, bool adjoint) {
  if (e->args.empty()) return e;
  std::vector<ExprRef> args;
  bool changed = false;
  for (const auto& a : e->args) {
    args.push_back(simplifyExpr(a, adjoint));
    changed = changed || args.back() != a;
  }
  ExprRef x = changed ? withArgs(*e, args) : e;
  if (x->op == Op::Neg && x->type.kind == TypeKind::Int && x->type.spelling == "int") {
    // -(-n) is n, -(-1) is 1 (the source's `-(-1) * x`), as for floating values.
    if (args[0]->op == Op::Neg) return args[0]->args[0];
    if (args[0]->op == Op::Const && args[0]->number < 0 && args[0]->number > -2147483647.0)
      return constant(-args[0]->number, x->type, std::to_string(static_cast<long long>(-args[0]->number)));
  }
  if (!x->type.isFloating()) return x;
  const ExprRef& a = args[0];
  auto makeConst = [&](double v) {
    if (x->type.kind == TypeKind::Float) v = static_cast<float>(v);
    return constant(v, x->type, formatLiteral(v, x->type.kind));
  };
  switch (x->op) {
    case Op::Neg:
      if (a->op == Op::Neg) return a->args[0];
      if (a->op == Op::Const) return makeConst(-a->number);
      return x;
    case Op::Cast:
      if (a->op == Op::Const) return makeConst(a->number);
      return x;
    case Op::Mul:
      if (adjoint && (isConst(a, 0) || isConst(args[1], 0))) return makeConst(0);
      if (isConst(args[1], 1) && a->type == x->type) return a;
      if (isConst(a, 1) && args[1]->type == x->type) return args[1];
      if (isConst(args[1], -1)) return simplifyExpr(unary(Op::Neg, a, x->type), adjoint);
      if (isConst(a, -1)) return simplifyExpr(unary(Op::Neg, args[1], x->type), adjoint);
      if (a->op == Op::Neg) return simplifyExpr(unary(Op::Neg, binary(Op::Mul, a->args[0], args[1], x->type), x->type), adjoint);
      if (adjoint)
        if (ExprRef folded = foldScalings(*x, a, args[1])) return simplifyExpr(folded, adjoint);
      break;
    case Op::Div:
      if (adjoint && isConst(a, 0)) return makeConst(0);
      if (isConst(args[1], 1) && a->type == x->type) return a;
      if (a->op == Op::Neg) return simplifyExpr(unary(Op::Neg, binary(Op::Div, a->args[0], args[1], x->type), x->type), adjoint);
      break;
    case Op::Add:
      if (isConst(args[1], 0) && a->type == x->type) return a;
      if (isConst(a, 0) && args[1]->type == x->type) return args[1];
      if (args[1]->op == Op::Neg) return binary(Op::Sub, a, args[1]->args[0], x->type);
      break;
    case Op::Sub:
      if (isConst(args[1], 0) && a->type == x->type) return a;
      if (isConst(a, 0)) return simplifyExpr(unary(Op::Neg, args[1], x->type), adjoint);
      if (args[1]->op == Op::Neg) return binary(Op::Add, a, args[1]->args[0], x->type);
      break;
    default:
      return x;
  }
  if (x->args.size() == 2 && a->op == Op::Const && args[1]->op == Op::Const) {
    double l = a->number, r = args[1]->number;
    switch (x->op) {
      case Op::Add: return makeConst(l + r);
      case Op::Sub: return makeConst(l - r);
      case Op::Mul: return makeConst(l * r);
      case Op::Div: return r != 0 ? makeConst(l / r) : x;
      default: break;
    }
  }
  return x;
}

}  // namespace

bool simplify(Block& b) {
  bool changed = false;
  for (Stmt& s : b) {
    if (s.value) {
      ExprRef v = simplifyExpr(s.value, s.reverse && !s.recompute);
      changed = changed || v != s.value;
      s.value = v;
    }
    for (auto& a : s.args) {
      ExprRef v = simplifyExpr(a, s.reverse && !s.recompute);
      changed = changed || v != a;
      a = v;
    }
    changed = simplify(s.thenBlock) || changed;
    changed = simplify(s.elseBlock) || changed;
  }
  // `v = 0; ...; v += e` is `v = e` when nothing between mentions v. (The
  // zero goes at the end, with what follows; the statement after a zero that
  // goes is not looked at in this round.)
  std::vector<bool> gone(b.size(), false);
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i].kind != StmtKind::Assign || b[i].index || !b[i].value || !isConst(b[i].value, 0) ||
        !b[i].value->type.isFloating())
      continue;
    VarId v = b[i].dst;
    for (size_t j = i + 1; j < b.size(); ++j) {
      if (b[j].kind == StmtKind::Accumulate && b[j].dst == v && !b[j].index && !reads(b[j].value, v)) {
        b[j].kind = StmtKind::Assign;
        gone[i] = true;
        ++i;
        changed = true;
        break;
      }
      if (mentionsAnywhere(b[j], v)) break;
    }
  }
  // Adding an exact zero to an adjoint, or assigning a variable to itself,
  // does nothing.
  size_t kept = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    const Stmt& s = b[i];
    bool addsZero = s.reverse && !s.recompute && s.kind == StmtKind::Accumulate && isConst(s.value, 0);
    bool selfCopy = s.kind == StmtKind::Assign && !s.index && s.value && s.value->op == Op::Var && s.value->var == s.dst;
    if (addsZero || selfCopy) {
      changed = true;
      continue;
    }
    if (gone[i]) continue;
    if (kept != i) b[kept] = std::move(b[i]);
    ++kept;
  }
  b.erase(b.begin() + static_cast<long>(kept), b.end());
  return changed;
}

}  // namespace gradc::cleaning
