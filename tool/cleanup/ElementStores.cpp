#include "cleanup/ElementStores.h"

#include "cleanup/Sites.h"

#include <algorithm>

namespace gradc {

using namespace ir;

namespace {

bool overwrittenLater(const Block& b, size_t i) {
  const Stmt& w = b[i];
  std::vector<VarId> indexVars;
  collectReads(w.index, indexVars);
  for (size_t j = i + 1; j < b.size(); ++j) {
    const Stmt& n = b[j];
    if (n.kind == StmtKind::Assign && n.dst == w.dst && n.index && sameExpr(n.index, w.index) &&
        !reads(n.value, w.dst))
      return true;
    if (cleaning::readsAnywhere(n, w.dst) || cleaning::writesAnyOf(n, indexVars)) return false;
  }
  return false;
}

// `a[i] = e` right after an `a[i] = e` that nothing since has changed: the
// element already holds e (a reverse iteration's undo, then its restore).
// The caller's array (an in-out one) may share storage with another array
// the caller passed: then no store in between may go to one of those (the
// adjoints are restrict, GRADC_RESTRICT: they may).
bool repeatsEarlier(const Function& fn, const Block& b, size_t i) {
  const Stmt& w = b[i];
  if (w.kind != StmtKind::Assign) return false;
  std::vector<VarId> operands = {w.dst};
  collectReads(w.index, operands);
  collectReads(w.value, operands);
  std::vector<VarId> sharing;  // the caller's arrays that may share w.dst's storage
  if (fn.var(w.dst).isPointer)
    for (VarId v = 0; v < static_cast<VarId>(fn.vars.size()); ++v)
      if (fn.var(v).isPointer && fn.var(v).role != VarRole::AdjointOut) sharing.push_back(v);
  for (size_t j = i; j-- > 0;) {
    const Stmt& p = b[j];
    if (p.kind == StmtKind::Assign && p.dst == w.dst && p.index && sameExpr(p.index, w.index) &&
        sameExpr(p.value, w.value) && !reads(p.value, w.dst))
      return true;
    if (cleaning::writesAnyOf(p, operands) || cleaning::writesAnyOf(p, sharing)) return false;
  }
  return false;
}

// `a[i] = e` to a local array that nothing reads afterwards: no statement
// after it reads `a`, and when it sits in a loop over k (one loop, i being
// k), the loop's other reads of `a` are of a[k], each iteration's own
// element, read before the store. The reset of an adjoint element once the
// reverse sweep has consumed it, which hand-written code never does.
// Whether `e` reads `a` only at constant indices other than c.
bool otherConstantElements(const ExprRef& e, VarId a, long c) {
  if (!e) return true;
  if (e->op == Op::Var && e->var == a) return false;
  if (e->op == Op::Load && e->var == a) {
    auto k = integerConstant(e->args[0]);
    if (!k || *k == c) return false;
  }
  return std::all_of(e->args.begin(), e->args.end(), [&](const ExprRef& x) { return otherConstantElements(x, a, c); });
}

// `a[c] = e` at a constant index, in no loop, with every later read of `a`
// one of its other constant elements: the reset of an adjoint element of an
// initializer list (`double y[2] = {y0[0], y0[1]}`) whose other elements the
// reverse sweep still reads.
bool unreadElement(const std::vector<cleaning::Site>& sites, const std::vector<size_t>& reads, const cleaning::Site& store) {
  const Stmt& s = *store.stmt;
  auto c = integerConstant(s.index);
  if (!c) return false;
  for (size_t d = 0; d < store.depth(); ++d)
    if ((*store.path[d].first)[store.path[d].second].kind == StmtKind::For) return false;
  for (size_t r : reads) {
    if (r <= store.order) continue;
    const Stmt& t = *sites[r].stmt;
    bool ok = otherConstantElements(t.value, s.dst, *c) && otherConstantElements(t.index, s.dst, *c) &&
              std::all_of(t.args.begin(), t.args.end(), [&](const ExprRef& x) { return otherConstantElements(x, s.dst, *c); }) &&
              std::count(t.outs.begin(), t.outs.end(), s.dst) == 0 && t.kind != StmtKind::For;
    if (t.kind == StmtKind::Accumulate && t.dst == s.dst) ok = ok && otherConstantElements(load(s.dst, t.index, t.value->type), s.dst, *c);
    if (!ok) return false;
  }
  return true;
}

bool unread(const Function& fn, const std::vector<cleaning::Site>& sites, const cleaning::Usage& use, const cleaning::Site& store) {
  const Stmt& s = *store.stmt;
  const std::vector<size_t>& rs = use.uses[static_cast<size_t>(s.dst)];
  if (std::any_of(rs.begin(), rs.end(), [&](size_t r) { return r > store.order; })) return unreadElement(sites, rs, store);
  const Stmt* loop = nullptr;
  // Loops around the array's declaration give each iteration a fresh array.
  size_t first = 0;
  for (size_t d = 0; d < store.depth(); ++d) {
    const Stmt& around = (*store.path[d].first)[store.path[d].second];
    if (around.kind == StmtKind::For && around.loopId == fn.var(s.dst).loop) first = d + 1;
  }
  for (size_t d = first; d < store.depth(); ++d) {
    const Stmt& around = (*store.path[d].first)[store.path[d].second];
    if (around.kind != StmtKind::For) continue;
    if (loop) return false;  // an outer loop runs the inner one over the same elements again
    loop = &around;
  }
  if (!loop) return true;
  VarId k = loop->dst;
  if (!(s.index->op == Op::Var && s.index->var == k)) return false;
  size_t at = store.order;  // the loop's site: the nearest enclosing statement before the store
  while (sites[at].stmt != loop) --at;
  for (size_t o = at + 1; o < sites[at].end; ++o) {
    const Stmt& t = *sites[o].stmt;
    if (t.dst == k || std::count(t.outs.begin(), t.outs.end(), k)) return false;
    if (o < store.order && !cleaning::readsOnlyElementAt(t, s.dst, k)) return false;
  }
  return true;
}

// A loop that writes every element of `a` before anything reads it: over
// k in [0, n) step 1 with n the array's length, its body stores a[k] from
// a value not reading `a`, reads `a` nowhere else, cannot return and leaves
// k alone.
bool overwritesAll(const Function& fn, const Stmt& loop, VarId a) {
  if (!cleaning::spansArray(fn, loop, a) || !cleaning::counterStays(loop)) return false;
  VarId k = loop.dst;
  bool stores = false, clean = true;
  for (const Stmt& s : loop.thenBlock) {
    bool covers = s.kind == StmtKind::Assign && s.dst == a && s.index && s.index->op == Op::Var &&
                  s.index->var == k && !reads(s.value, a);
    stores = stores || covers;
    if (!covers && cleaning::readsAnywhere(s, a)) clean = false;
  }
  return stores && clean;
}

enum class Next { Read, Overwritten, FallsThrough };

// What comes first from statement `from` of b on: a read of `a` (anywhere
// in a statement, conservatively), a loop overwriting all of it, or the end.
Next firstAfter(const Function& fn, const Block& b, size_t from, VarId a) {
  for (size_t i = from; i < b.size(); ++i) {
    if (overwritesAll(fn, b[i], a)) return Next::Overwritten;
    if (cleaning::readsAnywhere(b[i], a) || std::count(b[i].outs.begin(), b[i].outs.end(), a)) return Next::Read;
  }
  return Next::FallsThrough;
}

// `a[i] = e` to a local array that every path from it overwrites whole
// before reading: the restore of an element a later loop recomputes
// entirely (an array updated in place in each round of an outer loop).
bool overwrittenBeforeRead(const Function& fn, const cleaning::Site& store) {
  VarId a = store.stmt->dst;
  for (size_t d = store.depth() + 1; d-- > 0;) {
    const Block& b = *store.path[d].first;
    size_t at = store.path[d].second;
    Next next = firstAfter(fn, b, at + 1, a);
    if (next == Next::Overwritten) return true;
    if (next == Next::Read) return false;
    if (d == 0) return true;  // the function ends: a local array is gone
    const Stmt& parent = (*store.path[d - 1].first)[store.path[d - 1].second];
    // Another iteration runs the whole body again, the store's own
    // statement included: it must overwrite before it reads, or read nothing.
    if (parent.kind == StmtKind::For && firstAfter(fn, b, 0, a) == Next::Read) return false;
  }
  return true;
}

bool removeUnreadStores(Function& fn) {
  std::vector<cleaning::Site> sites = cleaning::sitesOf(fn);
  const cleaning::Usage use = cleaning::usage(fn, sites);
  std::vector<const cleaning::Site*> gone;
  for (const cleaning::Site& site : sites) {
    const Stmt& s = *site.stmt;
    if (s.kind != StmtKind::Assign || !s.index) continue;
    const Var& v = fn.var(s.dst);
    if (cleaning::isParamLike(v) || v.isPointer || v.isOutput || v.isMember() || !v.isArray()) continue;
    if (unread(fn, sites, use, site) || (v.arraySize > 0 && overwrittenBeforeRead(fn, site)))
      gone.push_back(&site);
  }
  // Deepest first, then back to front: erasing moves what follows in the
  // block, and the blocks nested in it.
  std::stable_sort(gone.begin(), gone.end(), [](const cleaning::Site* a, const cleaning::Site* b) {
    if (a->depth() != b->depth()) return a->depth() > b->depth();
    return a->order > b->order;
  });
  for (const cleaning::Site* g : gone) g->block()->erase(g->block()->begin() + static_cast<long>(g->index()));
  return !gone.empty();
}

bool removeIn(const Function& fn, Block& b) {
  bool changed = false;
  for (Stmt& s : b) {
    changed = removeIn(fn, s.thenBlock) || changed;
    changed = removeIn(fn, s.elseBlock) || changed;
  }
  for (size_t i = b.size(); i-- > 0;) {
    const Stmt& s = b[i];
    bool store = (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && s.index;
    if (!store || fn.var(s.dst).role == VarRole::AdjointOut) continue;
    // (a store to the caller's array is the output, unless the element holds that value already)
    if (fn.var(s.dst).isPointer ? !repeatsEarlier(fn, b, i) : !overwrittenLater(b, i) && !repeatsEarlier(fn, b, i))
      continue;
    b.erase(b.begin() + static_cast<long>(i));
    changed = true;
  }
  return changed;
}

}  // namespace

bool removeOverwrittenStores(Function& fn) {
  bool changed = removeIn(fn, fn.body);
  return removeUnreadStores(fn) || changed;
}

}  // namespace gradc
