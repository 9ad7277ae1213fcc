#include "cleanup/Hoist.h"

#include "cleanup/Reuse.h"
#include "cleanup/Sites.h"

#include <algorithm>
#include <set>

namespace gradc::cleaning {

using namespace ir;

namespace {

size_t readsOf(const Block& b, VarId v) {
  size_t n = 0;
  forEachStmt(b, [&](const Stmt& s) {
    n += (s.value && reads(s.value, v)) + (s.index && reads(s.index, v));
    for (const ExprRef& a : s.args) n += reads(a, v);
  });
  return n;
}

size_t writesOf(const Block& b, VarId v) {
  size_t n = 0;
  forEachStmt(b, [&](const Stmt& s) { n += s.dst == v || std::count(s.outs.begin(), s.outs.end(), v); });
  return n;
}

bool hasLoad(const ExprRef& e) {
  bool found = false;
  forEachExpr(e, [&](const Expr& x) { found = found || x.op == Op::Load; });
  return found;
}

class Hoister {
 public:
  explicit Hoister(Function& fn) : fn_(fn) {}

  bool run() {
    walk(fn_.body, -1);
    return changed_;
  }

 private:
  // Moves the invariant calls at the top level of `loop`'s body before it,
  // into `out`. Each is `v = f(args)`, a libm call, v a scalar the loop
  // writes there alone and reads only after it, in the loop alone; nothing
  // the loop writes reaches args.
  void hoistFrom(Stmt& loop, int enclosing, Block& out) {
    const std::set<VarId> written = writtenIn(Block{loop});
    std::set<VarId> readSoFar;
    std::vector<bool> hoisted;
    for (const Stmt& s : loop.thenBlock) {
      bool invariant = s.kind == StmtKind::Assign && !s.index && s.dst != kNoVar && s.value && isLibmCall(*s.value) &&
                       !readSoFar.count(s.dst) && !fn_.var(s.dst).isArray() && !fn_.var(s.dst).isRecord();
      if (invariant) {
        std::vector<VarId> operands;
        collectReads(s.value, operands);
        invariant = std::none_of(operands.begin(), operands.end(), [&](VarId r) { return written.count(r) > 0; }) &&
                    writesOf(loop.thenBlock, s.dst) == 1 &&
                    readsOf(fn_.body, s.dst) == readsOf(loop.thenBlock, s.dst);
      }
      hoisted.push_back(invariant);
      forEachStmt(Block{s}, [&](const Stmt& t) {
        std::vector<VarId> rs;
        collectReads(t.value, rs);
        collectReads(t.index, rs);
        for (const ExprRef& a : t.args) collectReads(a, rs);
        readSoFar.insert(rs.begin(), rs.end());
      });
    }
    if (std::none_of(hoisted.begin(), hoisted.end(), [](bool h) { return h; })) return;
    Block kept;
    for (size_t k = 0; k < loop.thenBlock.size(); ++k) {
      Stmt& s = loop.thenBlock[k];
      if (!hoisted[k]) {
        kept.push_back(std::move(s));
        continue;
      }
      // An element read runs only if the loop does (`exp(a[n - 1])` with n
      // = 0 would read outside a): guarded unless the loop surely runs.
      auto lo = integerConstant(loop.args[0]), hi = integerConstant(loop.args[1]);
      if (hasLoad(s.value) && !(lo && hi && *lo < *hi)) {
        const Type t = s.value->type;
        s.value = select(binary(Op::Lt, loop.args[0], loop.args[1], Type::boolean()), s.value, constant(0, t, t.kind == TypeKind::Float ? "0.0f" : "0.0"));
      }
      fn_.var(s.dst).loop = enclosing;
      out.push_back(std::move(s));
      changed_ = true;
    }
    loop.thenBlock = std::move(kept);
  }

  void walk(Block& block, int enclosing) {
    Block out;
    for (Stmt& s : block) {
      if (s.kind == StmtKind::For) {
        walk(s.thenBlock, s.loopId);  // innermost first: a value may climb several loops
        hoistFrom(s, enclosing, out);
      } else {
        walk(s.thenBlock, enclosing);
        walk(s.elseBlock, enclosing);
      }
      out.push_back(std::move(s));
    }
    block = std::move(out);
  }

  Function& fn_;
  bool changed_ = false;
};

}  // namespace

bool hoistInvariantCalls(Function& fn) { return Hoister(fn).run(); }

}  // namespace gradc::cleaning
