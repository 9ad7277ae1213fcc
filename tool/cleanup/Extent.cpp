#include "cleanup/Extent.h"

#include "cleanup/Sites.h"

#include <algorithm>
#include <climits>
#include <functional>
#include <map>

namespace gradc::cleaning {

using namespace ir;

ExprRef usedExtent(const Function& fn, VarId a) {
  const long size = fn.var(a).arraySize;
  if (size <= 0) return nullptr;
  std::vector<int> writes;
  const std::vector<ExprRef> copies = stableIntegerCopies(fn, writes);
  // Bound in terms of never-written variables.
  std::function<ExprRef(const ExprRef&)> stable = [&](const ExprRef& e) -> ExprRef {
    ExprRef s = substitute(e, copies);
    std::vector<VarId> rs;
    collectReads(s, rs);
    for (VarId r : rs)
      if (writes[static_cast<size_t>(r)] != 0 || fn.var(r).isArray()) return nullptr;
    return s;
  };

  bool ok = true;
  long constExtent = 0;         // from a[c]
  ExprRef bound;                // hi, shared by every a[k + c]
  long offset = LONG_MIN;       // the largest c
  std::vector<const Stmt*> loops;
  auto access = [&](const ExprRef& index) {
    if (!ok) return;
    if (auto c = integerConstant(index)) {
      constExtent = std::max(constExtent, *c + 1);
      return;
    }
    VarId k = kNoVar;
    long c = 0;
    if (index->op == Op::Var) {
      k = index->var;
    } else if ((index->op == Op::Add || index->op == Op::Sub) && index->args[0]->op == Op::Var) {
      auto cc = integerConstant(index->args[1]);
      if (!cc) return void(ok = false);
      k = index->args[0]->var;
      c = index->op == Op::Add ? *cc : -*cc;
    } else {
      return void(ok = false);
    }
    auto loop = std::find_if(loops.rbegin(), loops.rend(), [&](const Stmt* l) { return l->dst == k; });
    if (loop == loops.rend() || !counterStays(**loop)) return void(ok = false);
    auto step = integerConstant((*loop)->args[2]);
    ExprRef hi = stable((*loop)->args[1]);
    if (hi && hi->op == Op::Add && integerConstant(hi->args[1])) {  // n + 1: n, one further
      c += *integerConstant(hi->args[1]);
      hi = hi->args[0];
    }
    if (!step || *step <= 0 || !hi) return void(ok = false);
    if (auto h = integerConstant(hi)) {  // a loop of constant length
      constExtent = std::max(constExtent, *h + std::max(c, 0L));
      return;
    }
    if (bound && !sameExpr(bound, hi)) return void(ok = false);
    bound = hi;
    offset = std::max(offset, c);
  };
  std::function<void(const ExprRef&)> expr = [&](const ExprRef& e) {
    if (!e || !ok) return;
    if (e->op == Op::Var && e->var == a) return void(ok = false);  // whole
    if (e->op == Op::Load && e->var == a) access(e->args[0]);
    for (const ExprRef& x : e->args) expr(x);
  };
  std::function<void(const Block&)> walk = [&](const Block& b) {
    for (const Stmt& s : b) {
      if (s.dst == a && !s.declares) {  // (a declaration touches no element: its zeroing is the question)
        if (!s.index || s.kind == StmtKind::For) return void(ok = false);
        access(s.index);
      }
      if (std::count(s.outs.begin(), s.outs.end(), a)) ok = false;
      expr(s.value);
      expr(s.index);
      for (const ExprRef& x : s.args) expr(x);
      if (s.kind == StmtKind::For) loops.push_back(&s);
      walk(s.thenBlock);
      walk(s.elseBlock);
      if (s.kind == StmtKind::For) loops.pop_back();
    }
  };
  walk(fn.body);
  if (!ok || (!bound && constExtent == 0)) return nullptr;
  const Type t = Type::integer("int");
  if (!bound) return constExtent < size ? constant(static_cast<double>(constExtent), t, std::to_string(constExtent)) : nullptr;
  // (offset >= 0: k + c < hi + c; offset < 0: k - c < hi.)
  ExprRef e = bound;
  if (offset > 0) e = binary(Op::Add, e, constant(static_cast<double>(offset), t, std::to_string(offset)), t);
  if (auto c = integerConstant(e); c && *c + 0 >= size) return nullptr;
  if (constExtent > 0) {
    ExprRef ce = constant(static_cast<double>(constExtent), t, std::to_string(constExtent));
    e = select(binary(Op::Gt, e, ce, Type::boolean()), e, ce);
  }
  return e;
}

}  // namespace gradc::cleaning
