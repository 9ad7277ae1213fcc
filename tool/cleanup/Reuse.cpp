#include "cleanup/Reuse.h"

#include "cleanup/Sites.h"

#include <algorithm>
#include <functional>
#include <set>
#include <string>

namespace gradc::cleaning {

using namespace ir;

namespace {

}  // namespace

bool isLibmCall(const Expr& e) {
  if (e.op != Op::Call || !e.callee) return false;
  static const std::set<std::string> names = {"exp",  "exp2", "expm1", "log",  "log2", "log10", "log1p",
                                              "sin",  "cos",  "tan",   "asin", "acos", "atan",  "atan2",
                                              "sinh", "cosh", "tanh",  "sqrt", "cbrt", "pow",   "hypot",
                                              "erf",  "erfc"};
  std::string name = e.callee->spelling;
  if (name.rfind("std::", 0) == 0) name = name.substr(5);
  if (name.find(':') != std::string::npos) return false;
  if (!names.count(name) && name.size() > 1 && name.back() == 'f') name.pop_back();  // expf, sinf
  return names.count(name) > 0;
}

namespace {

bool sameCall(const Expr& a, const Expr& b) {
  if (a.op != Op::Call || b.op != Op::Call || a.callee->spelling != b.callee->spelling || a.type != b.type ||
      a.args.size() != b.args.size())
    return false;
  for (size_t i = 0; i < a.args.size(); ++i)
    if (!sameExpr(a.args[i], b.args[i])) return false;
  return true;
}

bool readsAny(const ExprRef& e, const std::set<VarId>& vars) {
  std::vector<VarId> r;
  collectReads(e, r);
  return std::any_of(r.begin(), r.end(), [&](VarId v) { return vars.count(v) > 0; });
}

struct Available {
  VarId holder;  // a scalar holding the call's value
  ExprRef call;
  // Set for a value a branch computed: it holds where `condition` again has
  // this truth value (the reverse sweep's `if (cond0)` repeating the forward
  // sweep's), as long as nothing the condition reads is written.
  ExprRef condition;
  bool branch = true;
  long serial = 0;  // when it became available: later ones are newer
};

class Reuser {
 public:
  explicit Reuser(Function& fn) : fn_(fn) {}

  bool run() {
    std::vector<Available> avail;
    walk(fn_.body, avail);
    return changed_;
  }

 private:
  ExprRef replace(const ExprRef& e, const std::vector<Available>& avail) {
    if (!e) return e;
    if (isLibmCall(*e))
      for (const Available& a : avail)
        if (!a.condition && sameCall(*e, *a.call)) {
          changed_ = true;
          return varRef(a.holder, fn_.var(a.holder).type);
        }
    std::vector<ExprRef> args;
    bool differs = false;
    for (const ExprRef& x : e->args) {
      args.push_back(replace(x, avail));
      differs = differs || args.back() != x;
    }
    return differs ? withArgs(*e, std::move(args)) : e;
  }

  static void kill(std::vector<Available>& avail, const std::set<VarId>& written) {
    avail.erase(std::remove_if(avail.begin(), avail.end(),
                               [&](const Available& a) {
                                 if (written.count(a.holder)) return true;
                                 std::vector<VarId> reads;
                                 collectReads(a.call, reads);
                                 if (a.condition) collectReads(a.condition, reads);
                                 return std::any_of(reads.begin(), reads.end(), [&](VarId r) { return written.count(r) > 0; });
                               }),
                avail.end());
  }

  void walk(Block& block, std::vector<Available>& avail) {
    for (Stmt& s : block) {
      s.value = replace(s.value, avail);
      s.index = replace(s.index, avail);
      for (ExprRef& a : s.args) a = replace(a, avail);
      const std::set<VarId> written = writtenIn(Block{s});
      if (s.kind == StmtKind::For) {
        std::vector<Available> inner = avail;
        kill(inner, written);  // a later iteration sees the body's writes
        walk(s.thenBlock, inner);
      } else if (s.kind == StmtKind::If) {
        std::vector<Available> inThen = entering(avail, s.value, true), inElse = entering(avail, s.value, false);
        const long firstNew = serial_;
        walk(s.thenBlock, inThen);
        walk(s.elseBlock, inElse);
        kill(avail, written);
        // What each branch made available holds after it, under its condition
        // (only what it made: copying all would grow the list with every if,
        // quadratic over a 10,000-statement function, hostile.statements_10000).
        for (auto [branch, values] : {std::pair{true, &inThen}, std::pair{false, &inElse}})
          for (const Available& a : *values)
            if (!a.condition && a.serial >= firstNew && !readsAny(s.value, written))
              avail.push_back({a.holder, a.call, s.value, branch, serial_++});
        continue;
      }
      kill(avail, written);
      if (s.kind != StmtKind::Assign || s.index || s.dst == kNoVar || !s.value || !isLibmCall(*s.value)) continue;
      const Var& dst = fn_.var(s.dst);
      if (!dst.isArray() && !dst.isRecord() && !reads(s.value, s.dst) && dst.type == s.value->type)
        avail.push_back({s.dst, s.value, nullptr, true, serial_++});
    }
  }

  // What a branch of `if (condition)` starts with: the unconditional values,
  // and those an earlier branch of the same condition and truth value left.
  static std::vector<Available> entering(const std::vector<Available>& avail, const ExprRef& condition, bool branch) {
    std::vector<Available> out;
    for (const Available& a : avail)
      if (!a.condition)
        out.push_back(a);
      else if (a.branch == branch && sameExpr(a.condition, condition))
        out.push_back({a.holder, a.call, nullptr, true, a.serial});
    return out;
  }

  Function& fn_;
  bool changed_ = false;
  long serial_ = 0;
};

}  // namespace

bool reuseCallResults(Function& fn) { return Reuser(fn).run(); }

}  // namespace gradc::cleaning
