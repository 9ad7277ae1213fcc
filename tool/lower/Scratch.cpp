// Scratch scalars declared before the loop that uses them: `double t;
// for (...) { t = ...; total += f(t); }` is the same program as declaring t
// inside the loop, since every iteration writes t before it reads it. The
// later stages decide jointing, taping and recomputation from where a
// variable lives (Var::loop): a scalar owned by an outer scope looks carried
// from one iteration to the next and forces a tape or a reverse loop. This
// pass moves such a scalar into the innermost loop holding all its uses, so
// that the generated code does not depend on where a declaration sits.
#include "lower/Lower.h"

#include <algorithm>
#include <map>
#include <vector>

namespace gradc {

using namespace ir;

namespace {

struct Use {
  std::vector<Stmt*> loops;  // enclosing For statements, outermost first
  Stmt* stmt = nullptr;      // the statement (a For: its header, not its body)
  bool read = false;
};

void collect(Block& block, std::vector<Stmt*>& loops, std::map<VarId, std::vector<Use>>& uses) {
  for (Stmt& s : block) {
    auto note = [&](VarId v, bool read) { uses[v].push_back({loops, &s, read}); };
    auto noteReads = [&](const ExprRef& e) {
      std::vector<VarId> vs;
      collectReads(e, vs);
      for (VarId v : vs) note(v, true);
    };
    noteReads(s.value);
    noteReads(s.index);
    for (const ExprRef& a : s.args) noteReads(a);
    for (VarId o : s.outs)
      if (o != kNoVar) note(o, true);
    if (s.dst != kNoVar) note(s.dst, s.kind != StmtKind::Assign || s.index != nullptr);
    if (s.kind == StmtKind::For) {
      loops.push_back(&s);
      collect(s.thenBlock, loops, uses);
      loops.pop_back();
    } else {
      collect(s.thenBlock, loops, uses);
      collect(s.elseBlock, loops, uses);
    }
  }
}

bool mentions(const Stmt& s, VarId v) {
  bool found = false;
  forEachStmt(Block{s}, [&](const Stmt& t) {
    if (t.dst == v || (t.value && reads(t.value, v)) || (t.index && reads(t.index, v))) found = true;
    for (const ExprRef& a : t.args) found = found || reads(a, v);
    for (VarId o : t.outs) found = found || o == v;
  });
  return found;
}

bool inside(const Use& u, const Stmt* loop) {
  for (const Stmt* l : u.loops)
    if (l == loop) return true;
  return false;
}

// Removes the statements in `dead` from a block and the blocks within it.
void erase(Block& block, const std::vector<const Stmt*>& dead) {
  Block kept;
  for (Stmt& s : block) {
    if (std::find(dead.begin(), dead.end(), &s) != dead.end()) continue;
    erase(s.thenBlock, dead);
    erase(s.elseBlock, dead);
    kept.push_back(std::move(s));
  }
  block = std::move(kept);
}

}  // namespace

void localizeScratchScalars(Function& fn) {
  std::map<VarId, std::vector<Use>> uses;
  std::vector<Stmt*> loops;
  collect(fn.body, loops, uses);
  std::vector<VarId> counters;
  forEachStmt(fn.body, [&](const Stmt& s) {
    if (s.kind == StmtKind::For) counters.push_back(s.dst);
  });

  std::vector<const Stmt*> dead;
  for (auto& [v, list] : uses) {
    Var& var = fn.var(v);
    if ((var.role != VarRole::Local && var.role != VarRole::Temp) || var.isArray() || var.isRecord() ||
        var.isMember() || var.isReference || v == fn.result ||
        std::find(counters.begin(), counters.end(), v) != counters.end())
      continue;
    // The innermost loop holding every read (and every write but plain
    // stores outside it, which nothing reads if the loop writes first).
    std::vector<Stmt*> common;
    bool first = true;
    for (const Use& u : list) {
      if (!u.read) continue;
      if (first) common = u.loops;
      first = false;
      size_t k = 0;
      while (k < common.size() && k < u.loops.size() && common[k] == u.loops[k]) ++k;
      common.resize(k);
    }
    if (common.empty()) continue;
    Stmt* loop = common.back();
    if (loop->loopId == var.loop) continue;
    std::vector<const Stmt*> outside;
    for (const Use& u : list)
      if (!inside(u, loop)) outside.push_back(u.stmt);
    // Every iteration writes v whole before anything reads it: the first
    // statement of the body that mentions v is `v = <value without v>`.
    const Stmt* firstWrite = nullptr;
    for (const Stmt& s : loop->thenBlock) {
      if (!mentions(s, v)) continue;
      if (s.kind == StmtKind::Assign && s.dst == v && !s.index && !reads(s.value, v)) firstWrite = &s;
      break;
    }
    if (!firstWrite) continue;
    var.loop = loop->loopId;
    const_cast<Stmt*>(firstWrite)->overwrites = false;  // a fresh value each iteration
    dead.insert(dead.end(), outside.begin(), outside.end());
  }
  if (!dead.empty()) erase(fn.body, dead);
}

}  // namespace gradc
