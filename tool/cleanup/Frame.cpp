#include "cleanup/Frame.h"

#include "cleanup/Declarations.h"
#include "cleanup/Extent.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>

namespace gradc::cleaning {

using namespace ir;

namespace {

long bytesOfArray(const Var& v) { return v.arraySize * bytesOf(v.type); }

// Arrays the frame holds: local fixed-size arrays, not a parameter's elements
// nor a struct member's.
bool inFrame(const Var& v) {
  return v.isArray() && v.arraySize > 0 && !v.isPointer && !v.isReference && !v.isMember() && v.role != VarRole::Param;
}

// Arrays that cannot become a pointer into the buffer: passed whole (a rule's
// `const T (&a)[N]` parameter, a pullback call's outputs), or sharing storage.
std::set<VarId> pinned(const Function& fn) {
  std::set<VarId> out;
  auto whole = [&](const ExprRef& e) {
    forEachExpr(e, [&](const Expr& x) {
      if (x.op == Op::Var && fn.var(x.var).isArray()) out.insert(x.var);
    });
  };
  forEachStmt(fn.body, [&](const Stmt& s) {
    whole(s.value);
    whole(s.index);
    for (const ExprRef& a : s.args) whole(a);
    out.insert(s.outs.begin(), s.outs.end());
    if (s.kind == StmtKind::Assign && !s.index && !s.declares && s.dst != kNoVar) out.insert(s.dst);
  });
  for (size_t v = 0; v < fn.vars.size(); ++v)
    if (fn.vars[v].reusesStorageOf != kNoVar) {
      out.insert(static_cast<VarId>(v));
      out.insert(fn.vars[v].reusesStorageOf);
    }
  return out;
}

// The deepest nest of declarations: a block's arrays, plus the most any one
// statement's branch or body declares (sibling scopes, the forward loop's
// body and the reverse loop's, share stack slots: g++ and clang++ overlap
// them). `path`: the arrays of that nest.
long nestBytes(const Function& fn, const Block& block, const std::set<VarId>& moved, std::vector<VarId>* path) {
  long bytes = 0, deepest = 0;
  std::vector<VarId> inner;
  for (const Stmt& s : block) {
    if (s.kind == StmtKind::Assign && s.declares && inFrame(fn.var(s.dst)) && !moved.count(s.dst)) {
      bytes += bytesOfArray(fn.var(s.dst));
      if (path) path->push_back(s.dst);
    }
    for (const Block* b : {&s.thenBlock, &s.elseBlock}) {
      std::vector<VarId> nested;
      long n = nestBytes(fn, *b, moved, path ? &nested : nullptr);
      if (n > deepest) {
        deepest = n;
        inner = std::move(nested);
      }
    }
  }
  if (path) path->insert(path->end(), inner.begin(), inner.end());
  return bytes + deepest;
}

int nextLoopId(const Function& fn) {
  int next = 0;
  forEachStmt(fn.body, [&](const Stmt& s) { next = std::max(next, s.loopId + 1); });
  for (const Var& v : fn.vars) next = std::max(next, v.loop + 1);
  return next;
}

// Each declaration of a moved array: gone, or a zero fill where it zeroed.
void replaceDeclarations(Function& fn, Block& block, const std::set<VarId>& moved, const std::set<VarId>& zeroed,
                         const std::map<VarId, ExprRef>& extents, int& nextLoop) {
  Block out;
  for (Stmt& s : block) {
    replaceDeclarations(fn, s.thenBlock, moved, zeroed, extents, nextLoop);
    replaceDeclarations(fn, s.elseBlock, moved, zeroed, extents, nextLoop);
    if (s.kind != StmtKind::Assign || !s.declares || !moved.count(s.dst)) {
      out.push_back(std::move(s));
      continue;
    }
    if (s.value || zeroed.count(s.dst)) out.push_back(zeroFill(fn, s.dst, extents.at(s.dst), s, nextLoop++));
  }
  block = std::move(out);
}

}  // namespace

long arrayFrameBytes(const Function& fn) { return nestBytes(fn, fn.body, {}, nullptr); }

namespace {

// The arrays to move so that fn's frame fits `limit`, chosen one by one.
std::set<VarId> arraysPastLimit(const Function& fn, long limit) {
  std::set<VarId> moved;
  if (limit <= 0 || arrayFrameBytes(fn) <= limit) return moved;
  const std::set<VarId> stay = pinned(fn);
  // Fewest mentions first among equals: an array read in one loop costs
  // less as a pointer (whose aliasing the compiler cannot rule out) than
  // one every stage reads.
  std::map<VarId, int> mentions;
  forEachStmt(fn.body, [&](const Stmt& s) {
    ++mentions[s.dst];
    for (const ExprRef* e : {&s.value, &s.index})
      forEachExpr(*e, [&](const Expr& x) {
        if (x.op == Op::Load) ++mentions[x.var];
      });
  });
  for (;;) {
    std::vector<VarId> path;
    if (nestBytes(fn, fn.body, moved, &path) <= limit) break;
    path.erase(std::remove_if(path.begin(), path.end(), [&](VarId v) { return stay.count(v); }), path.end());
    if (path.empty()) break;
    moved.insert(*std::min_element(path.begin(), path.end(), [&](VarId a, VarId b) {
      long ba = bytesOfArray(fn.var(a)), bb = bytesOfArray(fn.var(b));
      return ba != bb ? ba > bb : mentions[a] < mentions[b];
    }));
  }
  return moved;
}

void moveToWork(Function& fn, const std::set<VarId>& moved) {
  if (moved.empty()) return;
  const Type intType = Type::integer("int");
  std::map<VarId, ExprRef> extents;
  // (Not the arrays emit zeroes only to quiet -Wmaybe-uninitialized: a
  // pointer into the buffer draws no such warning.)
  std::set<VarId> zeroed;
  for (VarId v : moved) {
    const long n = fn.var(v).arraySize;
    ExprRef extent = usedExtent(fn, v);
    extents[v] = extent ? extent : constant(static_cast<double>(n), intType, std::to_string(n));
    if (fn.var(v).declaredZeroed) zeroed.insert(v);
  }
  int nextLoop = nextLoopId(fn);
  replaceDeclarations(fn, fn.body, moved, zeroed, extents, nextLoop);
  for (VarId v : moved) {
    const long n = fn.var(v).arraySize;
    fn.var(v).arraySize = kRuntimeSize;
    fn.var(v).loop = -1;  // one buffer slot for every iteration
    fn.runtimeTapes.push_back({v, constant(static_cast<double>(n), intType, std::to_string(n))});
  }
}

// An array across forms: f_grad and f_pullback come from one IR, so their
// arrays match by name, length and role.
std::string keyOf(const Var& v) {
  return v.name + "#" + std::to_string(v.arraySize) + "#" + std::to_string(static_cast<int>(v.role));
}

}  // namespace

void limitFrames(const std::vector<Function*>& forms, long limit) {
  std::set<std::string> keys;  // what any form moves, every form moves
  for (Function* f : forms)
    for (VarId v : arraysPastLimit(*f, limit)) keys.insert(keyOf(f->var(v)));
  if (keys.empty()) return;
  std::vector<std::set<VarId>> moved(forms.size());
  for (size_t i = 0; i < forms.size(); ++i) {
    const Function& f = *forms[i];
    const std::set<VarId> stay = pinned(f);
    std::vector<VarId> declared;
    forEachStmt(f.body, [&](const Stmt& s) {
      if (s.kind == StmtKind::Assign && s.declares && inFrame(f.var(s.dst)) && !stay.count(s.dst)) declared.push_back(s.dst);
    });
    for (VarId v : declared)
      if (keys.count(keyOf(f.var(v)))) moved[i].insert(v);
    // Both take a buffer or neither does (one signature for the caller):
    // a form with none of the others' arrays moves its largest.
    if (moved[i].empty() && !declared.empty())
      moved[i].insert(*std::max_element(declared.begin(), declared.end(), [&](VarId a, VarId b) {
        return bytesOfArray(f.var(a)) < bytesOfArray(f.var(b));
      }));
  }
  bool everyForm = std::all_of(moved.begin(), moved.end(), [](const std::set<VarId>& m) { return !m.empty(); });
  if (!everyForm) return;  // (a form with no array at all: all stay on the stack)
  for (size_t i = 0; i < forms.size(); ++i) moveToWork(*forms[i], moved[i]);
}

}  // namespace gradc::cleaning
