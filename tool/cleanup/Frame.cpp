#include "cleanup/Frame.h"

#include "cleanup/Declarations.h"
#include "cleanup/Extent.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

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

// The arrays declared in fn's body (each declaration statement counts once).
std::vector<VarId> declaredArrays(const Function& fn) {
  std::vector<VarId> out;
  std::set<VarId> seen;
  forEachStmt(fn.body, [&](const Stmt& s) {
    if (s.kind == StmtKind::Assign && s.declares && inFrame(fn.var(s.dst)) && seen.insert(s.dst).second)
      out.push_back(s.dst);
  });
  return out;
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

long arrayFrameBytes(const Function& fn) {
  long bytes = 0;
  for (VarId v : declaredArrays(fn)) bytes += bytesOfArray(fn.var(v));
  return bytes;
}

bool moveLargeArraysToWork(Function& fn, long limit) {
  long bytes = arrayFrameBytes(fn);
  if (limit <= 0 || bytes <= limit) return false;
  std::vector<VarId> candidates = declaredArrays(fn);
  const std::set<VarId> stay = pinned(fn);
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(), [&](VarId v) { return stay.count(v); }),
                   candidates.end());
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](VarId a, VarId b) { return bytesOfArray(fn.var(a)) > bytesOfArray(fn.var(b)); });
  std::set<VarId> moved;
  std::map<VarId, ExprRef> extents;
  const Type intType = Type::integer("int");
  for (VarId v : candidates) {
    if (bytes <= limit) break;
    const long n = fn.var(v).arraySize;
    ExprRef extent = usedExtent(fn, v);
    extents[v] = extent ? extent : constant(static_cast<double>(n), intType, std::to_string(n));
    bytes -= bytesOfArray(fn.var(v));
    moved.insert(v);
  }
  if (moved.empty()) return false;
  // (Not the arrays emit zeroes only to quiet -Wmaybe-uninitialized: a
  // pointer into the buffer draws no such warning.)
  std::set<VarId> zeroed;
  for (VarId v : moved)
    if (fn.var(v).declaredZeroed) zeroed.insert(v);
  int nextLoop = nextLoopId(fn);
  replaceDeclarations(fn, fn.body, moved, zeroed, extents, nextLoop);
  for (VarId v : moved) {
    const long n = fn.var(v).arraySize;
    fn.var(v).arraySize = kRuntimeSize;
    fn.var(v).loop = -1;  // one buffer slot for every iteration
    fn.runtimeTapes.push_back({v, constant(static_cast<double>(n), intType, std::to_string(n))});
  }
  return true;
}

}  // namespace gradc::cleaning
