// Scratch arrays declared before the loop that uses them: `double xc[D];
// for (i ...) { for (j ...) xc[j] = x[i][j] - mu[j]; ... reads xc ... }` is
// the same program as declaring xc inside the loop when every iteration
// writes each element before it reads it. Later stages decide jointing,
// taping and which overwrites to save from where a variable lives
// (Var::loop): an array owned by an outer scope looks carried from one
// iteration to the next. This pass moves such an array into the innermost
// loop holding all its uses, so that the generated code does not depend on
// where a declaration sits (the array form of lower/Scratch.cpp).
//
// "Written before read" is shown per iteration with intervals of indices:
// an unconditional `a[c] = ...` covers [c, c+1); a loop `for (j = lo; j < hi;
// ++j) a[j + k] = ...` (the write unconditional in its body) covers
// [lo + k, hi + k) once it has run, and a[j + k] within its own iteration. A
// read must fall in a covered interval, its index ranging over the loops
// around it. Bounds are compared as `symbol + constant` (the same symbol,
// constants ordered), after integer copies (`int n_1 = n;` of an inlined
// helper) are replaced by what they copy. Anything else keeps the array
// where it was declared.
#include "lower/Lower.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace gradc {

using namespace ir;

namespace {

// symbol + offset; a null symbol is the constant `offset`.
struct Affine {
  ExprRef symbol;
  long offset = 0;
};

bool sameSymbol(const Affine& a, const Affine& b) {
  return (!a.symbol && !b.symbol) || (a.symbol && b.symbol && sameExpr(a.symbol, b.symbol));
}

// a <= b, when it can be told.
bool atMost(const Affine& a, const Affine& b) { return sameSymbol(a, b) && a.offset <= b.offset; }

Affine plus(Affine a, long k) {
  a.offset += k;
  return a;
}

struct Interval {
  Affine lo, hi;  // [lo, hi)
};

struct OpenLoop {
  VarId counter;
  Affine lo, hi;
};

class Coverage {
 public:
  Coverage(const Function& fn, VarId array, std::vector<ExprRef> copies)
      : fn_(fn), array_(array), copies_(std::move(copies)) {}

  // Whether every iteration of `loop` writes each element of the array before reading it.
  bool holdsIn(const Stmt& loop) {
    open_.push_back({loop.dst, affine(loop.args[0]), affine(loop.args[1])});
    boundWrites(loop.thenBlock);
    std::vector<Interval> covered;
    walk(loop.thenBlock, covered);
    return ok_;
  }
  // A read relied on "no write reaches it": compilers cannot see that it
  // happens only when the element was written, and warn.
  bool readsUnwritten() const { return readsUnwritten_; }

 private:
  Affine affine(const ExprRef& e0) const {
    ExprRef e = substitute(e0, copies_);
    while (e->op == Op::Cast && e->type.kind == TypeKind::Int && !e->args.empty()) e = e->args[0];
    if (auto c = integerConstant(e)) return {nullptr, *c};
    if ((e->op == Op::Add || e->op == Op::Sub) && e->args.size() == 2) {
      if (auto k = integerConstant(e->args[1])) return plus(affine(e->args[0]), e->op == Op::Add ? *k : -*k);
      if (auto k = integerConstant(e->args[0]); k && e->op == Op::Add) return plus(affine(e->args[1]), *k);
    }
    return {e, 0};
  }

  const OpenLoop* openCounter(const Affine& a) const {
    if (!a.symbol || a.symbol->op != Op::Var) return nullptr;
    for (const OpenLoop& l : open_)
      if (l.counter == a.symbol->var) return &l;
    return nullptr;
  }

  // The least and greatest value `a` takes over the open loops' counters.
  Affine least(const Affine& a, int depth = 0) const {
    const OpenLoop* l = openCounter(a);
    return l && depth < 8 ? least(plus(l->lo, a.offset), depth + 1) : a;
  }
  Affine greatest(const Affine& a, int depth = 0) const {
    const OpenLoop* l = openCounter(a);
    return l && depth < 8 ? greatest(plus(l->hi, a.offset - 1), depth + 1) : a;
  }

  static bool within(const Interval& r, const std::vector<Interval>& covered) {
    return std::any_of(covered.begin(), covered.end(),
                       [&](const Interval& c) { return atMost(c.lo, r.lo) && atMost(r.hi, c.hi); });
  }

  // One past the greatest index each write of the array may reach.
  void boundWrites(const Block& block) {
    for (const Stmt& s : block) {
      if (s.dst == array_ && s.index) writeEnds_.push_back(plus(greatest(affine(s.index)), 1));
      if (s.kind == StmtKind::For) open_.push_back({s.dst, affine(s.args[0]), affine(s.args[1])});
      boundWrites(s.thenBlock);
      boundWrites(s.elseBlock);
      if (s.kind == StmtKind::For) open_.pop_back();
    }
  }

  void read(const ExprRef& index, const std::vector<Interval>& covered) {
    Affine i = affine(index);
    if (within({i, plus(i, 1)}, covered)) return;
    Interval range{least(i), plus(greatest(i), 1)};
    if (within(range, covered)) return;
    // `m = a[0]` after `for (k = 0; k < n; ++k) a[k] = ...`: a[0] is written
    // unless n < 1, and then no write reaches it (each stays below n): the
    // element is indeterminate wherever the array is declared.
    bool unwrittenBeyond = std::any_of(covered.begin(), covered.end(), [&](const Interval& c) {
      return atMost(c.lo, range.lo) && std::all_of(writeEnds_.begin(), writeEnds_.end(), [&](const Affine& end) {
               return atMost(end, c.hi);
             });
    });
    if (!unwrittenBeyond) ok_ = false;
    readsUnwritten_ = true;
  }

  void expr(const ExprRef& e, const std::vector<Interval>& covered) {
    if (!e || !ok_) return;
    if (e->op == Op::Var && e->var == array_) ok_ = false;  // the whole array: a call reads any element
    if (e->op == Op::Load && e->var == array_) read(e->args[0], covered);
    for (const ExprRef& a : e->args) expr(a, covered);
  }

  // Adds [lo, hi) to what is covered, merged with an interval it meets:
  // [a, b) and [c, d) with a <= c <= b <= d cover [a, d); so do [a, b) and
  // [b, d) whatever the order of the bounds (an empty part only widens them).
  static void add(std::vector<Interval>& covered, Interval iv) {
    auto same = [](const Affine& x, const Affine& y) { return sameSymbol(x, y) && x.offset == y.offset; };
    auto joins = [&](const Interval& first, const Interval& second) {
      return same(first.hi, second.lo) ||
             (atMost(first.lo, second.lo) && atMost(second.lo, first.hi) && atMost(first.hi, second.hi));
    };
    for (bool merged = true; merged;) {
      merged = false;
      for (auto it = covered.begin(); it != covered.end(); ++it) {
        if (atMost(it->lo, iv.lo) && atMost(iv.hi, it->hi)) return;  // already covered
        if (joins(*it, iv)) iv.lo = it->lo;
        else if (joins(iv, *it)) iv.hi = it->hi;
        else continue;
        covered.erase(it);
        merged = true;
        break;
      }
    }
    covered.push_back(iv);
  }

  bool mentionsCounter(const Affine& a, VarId counter) const { return a.symbol && reads(a.symbol, counter); }

  void walk(const Block& block, std::vector<Interval>& covered) {
    for (const Stmt& s : block) {
      if (!ok_) return;
      if (std::count(s.outs.begin(), s.outs.end(), array_)) ok_ = false;
      if (s.kind == StmtKind::For) {
        for (const ExprRef& a : s.args) expr(a, covered);
        if (s.dst == array_) ok_ = false;
        open_.push_back({s.dst, affine(s.args[0]), affine(s.args[1])});
        std::vector<Interval> inner = covered;
        walk(s.thenBlock, inner);
        const OpenLoop loop = open_.back();
        open_.pop_back();
        // After the loop: what every iteration wrote at `counter + k`.
        auto step = integerConstant(s.args[2]);
        if (step && *step == 1)
          for (const Stmt& w : s.thenBlock)
            if (w.kind == StmtKind::Assign && w.dst == array_ && w.index) {
              Affine at = affine(w.index);
              if (at.symbol && at.symbol->op == Op::Var && at.symbol->var == loop.counter &&
                  !mentionsCounter(loop.lo, loop.counter) && !mentionsCounter(loop.hi, loop.counter))
                add(covered, {plus(loop.lo, at.offset), plus(loop.hi, at.offset)});
            }
        continue;
      }
      expr(s.value, covered);
      expr(s.index, covered);
      for (const ExprRef& a : s.args) expr(a, covered);
      if (s.kind == StmtKind::If) {
        std::vector<Interval> thenCovered = covered, elseCovered = covered;
        walk(s.thenBlock, thenCovered);
        walk(s.elseBlock, elseCovered);
        continue;
      }
      if (s.dst != array_) continue;
      if (!s.index) {
        ok_ = false;
        continue;
      }
      if (s.kind == StmtKind::Accumulate) read(s.index, covered);
      else if (s.kind == StmtKind::Assign) add(covered, {affine(s.index), plus(affine(s.index), 1)});
    }
  }

  const Function& fn_;
  VarId array_;
  std::vector<ExprRef> copies_;
  std::vector<OpenLoop> open_;
  std::vector<Affine> writeEnds_;
  bool ok_ = true;
  bool readsUnwritten_ = false;
};

// The For statements around each statement mentioning `a`, outermost first.
void loopsAroundUses(const Block& block, VarId a, std::vector<const Stmt*>& loops,
                     std::vector<std::vector<const Stmt*>>& out) {
  for (const Stmt& s : block) {
    bool uses = s.dst == a || std::count(s.outs.begin(), s.outs.end(), a);
    auto mention = [&](const ExprRef& e) {
      forEachExpr(e, [&](const Expr& x) { uses = uses || ((x.op == Op::Var || x.op == Op::Load) && x.var == a); });
    };
    mention(s.value);
    mention(s.index);
    for (const ExprRef& e : s.args) mention(e);
    if (uses) out.push_back(loops);
    if (s.kind == StmtKind::For) loops.push_back(&s);
    loopsAroundUses(s.thenBlock, a, loops, out);
    loopsAroundUses(s.elseBlock, a, loops, out);
    if (s.kind == StmtKind::For) loops.pop_back();
  }
}

}  // namespace

void localizeScratchArrays(Function& fn) {
  std::vector<int> writes;
  const std::vector<ExprRef> copies = stableIntegerCopies(fn, writes);
  // (Not arraysDeclaredZeroed: it counts every array stored under an if, and a
  // loop with a break or return has its whole body under the `if (running)`
  // its lowering adds. Coverage already keeps a write under a branch from
  // covering a read outside it.)
  for (size_t v = 0; v < fn.vars.size(); ++v) {
    Var& var = fn.vars[v];
    const VarId a = static_cast<VarId>(v);
    if (var.role != VarRole::Local || !var.isArray() || var.isPointer || var.arraySize <= 0 || var.isMember() ||
        var.isReference || var.reusesStorageOf != kNoVar || var.declaredZeroed)
      continue;
    std::vector<const Stmt*> loops;
    std::vector<std::vector<const Stmt*>> uses;
    loopsAroundUses(fn.body, a, loops, uses);
    if (uses.empty()) continue;
    // The innermost loop holding every use.
    std::vector<const Stmt*> common = uses.front();
    for (const auto& u : uses) {
      size_t k = 0;
      while (k < common.size() && k < u.size() && common[k] == u[k]) ++k;
      common.resize(k);
    }
    if (common.empty() || common.back()->loopId == var.loop) continue;
    const Stmt& loop = *common.back();
    Coverage coverage(fn, a, copies);
    if (!coverage.holdsIn(loop)) continue;
    var.loop = loop.loopId;
    var.declaredZeroed = coverage.readsUnwritten();  // declared `= {}`: no -Wmaybe-uninitialized
  }
}

}  // namespace gradc
