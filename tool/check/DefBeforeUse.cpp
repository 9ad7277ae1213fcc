// A forward must-be-written analysis over the structured IR (see the header
// for what counts as a write).
#include "check/DefBeforeUse.h"

#include "Diagnostics.h"
#include "emit/Emit.h"

#include "clang/AST/Stmt.h"

#include <map>
#include <set>
#include <vector>

namespace gradc {

using namespace ir;

namespace {

// What is written on every path to a point. `dead`: no path reaches it
// (after a return); it writes everything, so it meets as the identity.
struct State {
  std::vector<char> written;
  std::map<VarId, VarId> copiedFrom;  // unwritten copies: what they copy (for the message)
  bool dead = false;

  bool operator==(const State& o) const { return dead == o.dead && (dead || written == o.written); }
};

State meet(const State& a, const State& b) {
  if (a.dead) return b;
  if (b.dead) return a;
  State m = a;
  for (size_t v = 0; v < m.written.size(); ++v) m.written[v] = a.written[v] && b.written[v];
  m.copiedFrom.insert(b.copiedFrom.begin(), b.copiedFrom.end());
  return m;
}

class Checker {
 public:
  explicit Checker(const Function& fn) : fn_(fn), zeroed_(arraysDeclaredZeroed(fn)) {}

  std::optional<UseBeforeDef> run() {
    State entry;
    entry.written.assign(fn_.vars.size(), 0);
    for (size_t v = 0; v < fn_.vars.size(); ++v) {
      // (A tape written under an `if` is read under the same condition.)
      entry.written[v] = isGiven(fn_.vars[v]) || zeroed_.count(static_cast<VarId>(v)) > 0;
    }
    block(fn_.body, entry, true);
    return found_;
  }

 private:
  void read(VarId v, const State& s, const Stmt& at, bool report) {
    if (!report || found_ || s.dead || s.written[static_cast<size_t>(v)]) return;
    auto root = s.copiedFrom.find(v);
    found_ = UseBeforeDef{root == s.copiedFrom.end() ? v : root->second, at.origin};
  }

  // A plain copy into the function's own storage (`a_tape[s] = a[i]` saving
  // an element before its first write, `a[i] = a_tape[s]` putting it back):
  // moving a value is not using it. What was never written stays so in the
  // copy, and a later use of the copy names the original.
  std::optional<VarId> copied(const Stmt& st) const {
    const Expr* v = st.value.get();
    if (!v || isGiven(fn_.var(st.dst))) return std::nullopt;
    if (v->op == Op::Load || (v->op == Op::Var && !fn_.var(v->var).isArray())) return v->var;
    return std::nullopt;
  }

  void copy(VarId from, VarId to, State& s) const {
    const size_t f = static_cast<size_t>(from), t = static_cast<size_t>(to);
    // (An element copied in: the array holds the elements it held besides.)
    bool whole = !fn_.var(to).isArray();
    if (s.written[f]) {
      s.written[t] = 1;
      if (whole) s.copiedFrom.erase(to);
      return;
    }
    if (whole) s.written[t] = 0;
    if (!s.written[t]) {
      auto root = s.copiedFrom.find(from);
      s.copiedFrom[to] = root == s.copiedFrom.end() ? from : root->second;
    }
  }

  static bool isGiven(const Var& v) {
    return v.role == VarRole::Param || v.role == VarRole::AdjointOut || v.role == VarRole::Seed;
  }

  void readExpr(const ExprRef& e, const State& s, const Stmt& at, bool report) {
    forEachExpr(e, [&](const Expr& x) {
      if (x.op == Op::Var || x.op == Op::Load) read(x.var, s, at, report);
    });
  }

  State block(const Block& b, State s, bool report) {
    for (const Stmt& st : b) s = stmt(st, std::move(s), report);
    return s;
  }

  State stmt(const Stmt& st, State s, bool report) {
    if (s.dead) return s;
    auto write = [&](VarId v) { s.written[static_cast<size_t>(v)] = 1; };
    switch (st.kind) {
      case StmtKind::Assign:
        readExpr(st.index, s, st, report);
        if (std::optional<VarId> from = copied(st)) {
          if (st.value->op == Op::Load) readExpr(st.value->args[0], s, st, report);
          copy(*from, st.dst, s);
          return s;
        }
        readExpr(st.value, s, st, report);
        s.copiedFrom.erase(st.dst);
        if (st.declares && fn_.var(st.dst).isArray()) {
          // A new instance: garbage unless zeroed or another's storage.
          const Var& a = fn_.var(st.dst);
          s.written[static_cast<size_t>(st.dst)] = st.value || zeroed_.count(st.dst) || a.reusesStorageOf != kNoVar;
        } else {
          write(st.dst);
        }
        return s;
      case StmtKind::Accumulate:
        readExpr(st.value, s, st, report);
        readExpr(st.index, s, st, report);
        read(st.dst, s, st, report);
        write(st.dst);
        return s;
      case StmtKind::If: {
        readExpr(st.value, s, st, report);
        State t = block(st.thenBlock, s, report);
        return meet(t, block(st.elseBlock, s, report));
      }
      case StmtKind::Return:
        readExpr(st.value, s, st, report);
        s.dead = true;
        return s;
      case StmtKind::Effect:
        for (const ExprRef& a : st.args) readExpr(a, s, st, report);
        return s;
      case StmtKind::PullbackCall:
        for (const ExprRef& a : st.args) readExpr(a, s, st, report);
        for (VarId o : st.outs)
          if (o != kNoVar) {
            read(o, s, st, report);  // the callee adds to *o
            write(o);
          }
        return s;
      case StmtKind::For:
        return loop(st, std::move(s), report);
    }
    return s;
  }

  // The body's entry is met over the loop's entry and its back edge; the
  // loop's exit is the body's end (at least one iteration runs).
  State loop(const Stmt& st, State s, bool report) {
    for (const ExprRef& a : st.args) readExpr(a, s, st, report);
    s.written[static_cast<size_t>(st.dst)] = 1;
    State head = s;
    for (int guard = 0; guard < 64; ++guard) {
      State next = meet(s, block(st.thenBlock, head, false));
      if (next == head) break;
      head = std::move(next);
    }
    State end = block(st.thenBlock, head, report);
    return end.dead ? head : end;
  }

  const Function& fn_;
  const std::set<VarId> zeroed_;
  std::optional<UseBeforeDef> found_;
};

}  // namespace

std::optional<UseBeforeDef> findUseBeforeDef(const Function& fn) { return Checker(fn).run(); }

void zeroArraysReadUnwritten(Function& source) {
  for (size_t guard = 0; guard < source.vars.size(); ++guard) {
    std::optional<UseBeforeDef> bad = findUseBeforeDef(source);
    if (!bad) return;
    Var& v = source.var(bad->var);
    if (v.role != VarRole::Local || !v.isArray() || v.isPointer || v.declaredZeroed) return;
    v.declaredZeroed = true;
  }
}

bool checkDefBeforeUse(const Function& fn, Diagnostics& diags) {
  std::optional<UseBeforeDef> bad = findUseBeforeDef(fn);
  if (!bad) return true;
  clang::SourceLocation loc;
  unsigned line = fn.sourceLine;
  if (bad->origin >= 0) {
    const Origin& o = fn.origins[static_cast<size_t>(bad->origin)];
    if (o.clangStmt) loc = static_cast<const clang::Stmt*>(o.clangStmt)->getBeginLoc();
    if (o.line) line = o.line;
  }
  diags.report(loc, Diag::Internal,
               {"'" + generatedName(fn) + "' would read '" + fn.var(bad->var).name + "' (line " +
                std::to_string(line) + ") before anything writes it"});
  return false;
}

}  // namespace gradc
