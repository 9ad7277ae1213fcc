#include "cleanup/InPlace.h"

#include "cleanup/Declarations.h"
#include "cleanup/Sites.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <set>

namespace gradc::cleaning {

using namespace ir;

namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

// A fixed-length array of the function's own, outside any loop.
bool localArray(const Var& v) {
  return v.arraySize > 0 && !v.isPointer && !v.isRecord() && !v.isMember() && !isParamLike(v) && v.loop == -1;
}

bool atElement(const Stmt& s, VarId k) { return s.index && s.index->op == Op::Var && s.index->var == k; }

bool mentionedBefore(const Block& body, size_t at, VarId v) {
  return std::any_of(body.begin(), body.begin() + static_cast<long>(at), [&](const Stmt& s) { return mentionsAnywhere(s, v); });
}

// The loop's one mention of `a`: `a[k] += v` at the top of its body, v not
// reading a, over every k of the array once. Null if it is not that loop.
Stmt* soleElementSum(const Function& fn, Stmt& loop, VarId a) {
  if (!spansArray(fn, loop, a) || !counterStays(loop)) return nullptr;
  Stmt* sum = nullptr;
  for (Stmt& s : loop.thenBlock) {
    if (!mentionsAnywhere(s, a)) continue;
    bool element = s.kind == StmtKind::Accumulate && s.dst == a && atElement(s, loop.dst) && !reads(s.value, a);
    if (!element || sum) return nullptr;
    sum = &s;
  }
  return sum;
}

// `a[i] += e` reading `a` nowhere else: it commutes with other sums into a.
bool scatteredSum(const Stmt& s, VarId a) {
  return s.kind == StmtKind::Accumulate && s.dst == a && s.index && !reads(s.index, a) && !reads(s.value, a);
}

// In the loop over k, the first statement of the body mentioning `a`
// assigns a[k] from a value not reading a, and every mention is of a[k]:
// that statement's index, or kNone.
size_t firstElementStore(const Function& fn, const Stmt& loop, VarId a) {
  if (!spansArray(fn, loop, a) || !counterStays(loop)) return kNone;
  VarId k = loop.dst;
  bool elementwise = true;
  forEachStmt(loop.thenBlock, [&](const Stmt& s) {
    bool writes = (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && s.dst == a;
    if (!readsOnlyElementAt(s, a, k) || (writes && !atElement(s, k))) elementwise = false;
  });
  if (!elementwise) return kNone;
  for (size_t i = 0; i < loop.thenBlock.size(); ++i) {
    const Stmt& s = loop.thenBlock[i];
    if (!mentionsAnywhere(s, a)) continue;
    return s.kind == StmtKind::Assign && s.dst == a && !reads(s.value, a) ? i : kNone;
  }
  return kNone;
}

// The loop only reads b, as b[k], and not after statement `upTo` of its body.
bool readUpTo(const Stmt& loop, VarId b, size_t upTo) {
  VarId k = loop.dst;
  for (size_t i = 0; i < loop.thenBlock.size(); ++i) {
    const Stmt& s = loop.thenBlock[i];
    if (!mentionsAnywhere(s, b)) continue;
    if (i > upTo || writesAnyOf(s, {b}) || !readsOnlyElementAt(s, b, k)) return false;
    bool elementwise = true;
    auto check = [&](const Stmt& t) { elementwise = elementwise && readsOnlyElementAt(t, b, k); };
    forEachStmt(s.thenBlock, check);
    forEachStmt(s.elseBlock, check);
    if (!elementwise) return false;
  }
  return true;
}

// After the loop at `at`, b is only read, as single elements b[i] in
// statements of the body itself, i not changed from the loop on and no
// return on the way: each read can move before the loop.
bool laterReadsHoistable(const Block& body, size_t at, VarId b) {
  for (size_t j = at + 1; j < body.size(); ++j) {
    const Stmt& s = body[j];
    if (!mentionsAnywhere(s, b)) continue;
    if (s.kind == StmtKind::If || s.kind == StmtKind::For || writesAnyOf(s, {b})) return false;
    bool elements = true;
    std::vector<VarId> indexVars;
    auto check = [&](const ExprRef& e) {
      forEachExpr(e, [&](const Expr& x) {
        if (x.op == Op::Var && x.var == b) elements = false;
        if (x.op == Op::Load && x.var == b) collectReads(x.args[0], indexVars);
      });
    };
    check(s.value);
    check(s.index);
    for (const ExprRef& a : s.args) check(a);
    if (!elements || std::count(indexVars.begin(), indexVars.end(), b)) return false;
    for (size_t i = at; i < j; ++i)
      if (writesAnyOf(body[i], indexVars) || containsReturn(body[i])) return false;
  }
  return true;
}

ExprRef replaceLoads(const ExprRef& e, VarId b, const std::function<ExprRef(const ExprRef&)>& scalarFor) {
  if (!e) return e;
  if (e->op == Op::Load && e->var == b) return scalarFor(e->args[0]);
  std::vector<ExprRef> args;
  bool changed = false;
  for (const ExprRef& a : e->args) {
    args.push_back(replaceLoads(a, b, scalarFor));
    changed = changed || args.back() != a;
  }
  return changed ? withArgs(*e, std::move(args)) : e;
}

// Moves the reads of b after the loop at `at` into scalars assigned just
// before it (`float z_label = z[label];`). Returns how many it inserted.
size_t hoistLaterReads(Function& fn, size_t at, VarId b) {
  std::vector<std::pair<ExprRef, VarId>> hoisted;  // index -> its scalar
  std::vector<Stmt> reads;
  for (size_t j = at + 1; j < fn.body.size(); ++j) {
    Stmt& s = fn.body[j];
    auto scalarFor = [&](const ExprRef& index) {
      for (const auto& [i, v] : hoisted)
        if (sameExpr(i, index)) return fn.ref(v);
      Var scalar;
      const Var& array = fn.var(b);
      scalar.name = array.name + "_" + (index->op == Op::Var ? fn.var(index->var).name : std::string("at"));
      scalar.type = array.type;
      scalar.role = VarRole::Saved;  // a value the loop's stores destroy
      VarId v = fn.addVar(std::move(scalar));
      hoisted.push_back({index, v});
      reads.push_back(assign(v, load(b, index, fn.var(b).type), s.origin));
      reads.back().reverse = fn.body[at].reverse;
      return fn.ref(v);
    };
    s.value = replaceLoads(s.value, b, scalarFor);
    s.index = replaceLoads(s.index, b, scalarFor);
    for (ExprRef& a : s.args) a = replaceLoads(a, b, scalarFor);
  }
  fn.body.insert(fn.body.begin() + static_cast<long>(at), std::make_move_iterator(reads.begin()),
                 std::make_move_iterator(reads.end()));
  return reads.size();
}

}  // namespace

void startAdjointArraysByAssignment(Function& fn) {
  Block& body = fn.body;
  for (size_t v = 0; v < fn.vars.size(); ++v) {
    VarId a = static_cast<VarId>(v);
    if (fn.vars[v].role != VarRole::Adjoint || !localArray(fn.vars[v])) continue;
    std::vector<size_t> sums;  // top-level `a[i] += e` before the loop
    Stmt* loopSum = nullptr;
    size_t at = 0;
    for (; at < body.size(); ++at) {
      if (!mentionsAnywhere(body[at], a)) continue;
      if ((loopSum = soleElementSum(fn, body[at], a)) || !scatteredSum(body[at], a)) break;
      sums.push_back(at);
    }
    if (!loopSum) continue;
    // A sum moves past everything up to the loop: none of it may change what the sum reads.
    bool movable = std::all_of(sums.begin(), sums.end(), [&](size_t i) {
      std::vector<VarId> operands;
      collectReads(body[i].index, operands);
      collectReads(body[i].value, operands);
      for (size_t j = i + 1; j <= at; ++j)
        if (writesAnyOf(body[j], operands)) return false;
      return true;
    });
    if (!movable) continue;
    loopSum->kind = StmtKind::Assign;
    fn.vars[v].startsAssigned = true;
    std::vector<Stmt> moved;
    std::vector<bool> gone(body.size(), false);
    for (size_t i : sums) {
      moved.push_back(body[i]);
      gone[i] = true;
    }
    eraseMarked(body, gone);
    size_t after = at - sums.size() + 1;
    body.insert(body.begin() + static_cast<long>(after), moved.begin(), moved.end());
  }
}

void shareStorageInPlace(Function& fn) {
  std::set<VarId> taken;
  for (const Var& v : fn.vars)
    if (v.reusesStorageOf != kNoVar) taken.insert(v.reusesStorageOf);
  for (size_t at = 0; at < fn.body.size(); ++at) {
    if (fn.body[at].kind != StmtKind::For) continue;
    for (size_t av = 0; av < fn.vars.size(); ++av) {
      VarId a = static_cast<VarId>(av);
      if (!localArray(fn.vars[av]) || fn.vars[av].reusesStorageOf != kNoVar) continue;
      // An adjoint array is zeroed whole where it is declared (unless its
      // first loop assigns it): that would clear the donor before the loop
      // reads it (fuzz seed 700016: a tape read as zeros, a wrong gradient).
      if (fn.vars[av].role == VarRole::Adjoint && !fn.vars[av].startsAssigned) continue;
      if (!mentionsAnywhere(fn.body[at], a) || mentionedBefore(fn.body, at, a)) continue;
      size_t store = firstElementStore(fn, fn.body[at], a);
      if (store == kNone) continue;
      for (size_t bv = 0; bv < fn.vars.size(); ++bv) {
        VarId b = static_cast<VarId>(bv);
        const Var& donor = fn.vars[bv];
        if (b == a || taken.count(b) || !localArray(donor) || donor.type != fn.vars[av].type ||
            donor.arraySize != fn.vars[av].arraySize || !mentionedBefore(fn.body, at, b))
          continue;
        if (!readUpTo(fn.body[at], b, store) || !laterReadsHoistable(fn.body, at, b)) continue;
        // a is declared in the body, before the loop: b must be in scope there.
        if (!declaredInBody(fn, b)) continue;
        at += hoistLaterReads(fn, at, b);
        fn.vars[av].reusesStorageOf = b;
        taken.insert(b);
        break;
      }
    }
  }
}

}  // namespace gradc::cleaning
