#include "cleanup/Declarations.h"

#include "cleanup/Extent.h"
#include "cleanup/Sites.h"
#include "lower/Lower.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace gradc::cleaning {

using namespace ir;

namespace {

// The innermost block holding every mention, and the index there of the
// statement that holds the first one.
struct Scope {
  Block* block;
  size_t depth;
  size_t index;
};

// `enterable`: the loops a variable may be declared inside: its own loop and
// the loops around that. A variable of the function (or of an outer loop)
// keeps its value across iterations, so it is never declared inside a loop
// it does not belong to, even when only that loop mentions it (an adjoint
// carried from one reverse iteration to the next).
Scope commonScope(const std::vector<Site>& sites, const std::vector<size_t>& mentions,
                  const std::set<int>& enterable) {
  const Site& first = sites[mentions.front()];
  size_t d = 0;
  while (true) {
    bool deeper = true;
    for (size_t o : mentions) {
      const Site& s = sites[o];
      // Going below depth d needs every mention inside the same statement there.
      if (s.depth() <= d || s.path[d] != first.path[d]) deeper = false;
    }
    const Stmt& here = (*first.path[d].first)[first.path[d].second];
    if (here.kind == StmtKind::For && !enterable.count(here.loopId)) deeper = false;
    if (!deeper) break;
    // All mentions sit inside the same statement at depth d; they must also
    // share the branch below it.
    Block* next = first.path[d + 1].first;
    bool sameBranch = true;
    for (size_t o : mentions) sameBranch = sameBranch && sites[o].path[d + 1].first == next;
    if (!sameBranch) break;
    ++d;
  }
  return {first.path[d].first, d, first.path[d].second};
}

ExprRef zeroOf(const Type& t) {
  if (t.kind == TypeKind::Bool) return constant(0, t, "false");
  if (t.kind == TypeKind::Int) return constant(0, t, "0");
  return constant(0, t, formatLiteral(0, t.kind));
}

// `for (k = 0; k < n; ++k) a[k] = 0;` over all of a: what `= {}` on a's
// declaration does.
bool zeroFillsWhole(const Function& fn, const Stmt& s, VarId a) {
  if (!spansArray(fn, s, a) || s.thenBlock.size() != 1) return false;
  const Stmt& fill = s.thenBlock[0];
  return fill.kind == StmtKind::Assign && fill.dst == a && fill.index && fill.index->op == Op::Var &&
         fill.index->var == s.dst && fill.value->op == Op::Const && fill.value->number == 0;
}

// For each loop id, the ids of the loops around it (itself included).
std::map<int, std::set<int>> loopNesting(const Block& body) {
  std::map<int, std::set<int>> nest;
  std::vector<int> stack;
  std::function<void(const Block&)> walk = [&](const Block& b) {
    for (const Stmt& s : b) {
      if (s.kind == StmtKind::For) {
        stack.push_back(s.loopId);
        nest[s.loopId].insert(stack.begin(), stack.end());
      }
      walk(s.thenBlock);
      walk(s.elseBlock);
      if (s.kind == StmtKind::For) stack.pop_back();
    }
  };
  walk(body);
  return nest;
}

std::set<int> enterableLoops(const Var& v, const std::map<int, std::set<int>>& nest) {
  auto it = nest.find(v.loop);
  return it == nest.end() ? std::set<int>{} : it->second;
}

struct Insertion {
  Block* block;
  size_t depth;
  size_t index;
  Stmt stmt;
};

// Deepest blocks first: inserting into a block moves the statements (and so
// the nested blocks) it holds, so no outer block may change before its
// inner ones are done.
void applyInsertions(std::vector<Insertion>& ins) {
  std::stable_sort(ins.begin(), ins.end(), [](const Insertion& a, const Insertion& b) {
    if (a.depth != b.depth) return a.depth > b.depth;
    return a.block != b.block ? a.block < b.block : a.index > b.index;
  });
  for (Insertion& i : ins) i.block->insert(i.block->begin() + static_cast<long>(i.index), std::move(i.stmt));
}

// Gives `v` an explicit start in the innermost block that holds all its
// mentions: the first write becomes its definition when it can, otherwise a
// zero is inserted there. Returns true if `first` already defines v.
template <class OnFirstWrite>
void startVariables(Function& fn, bool (*wanted)(const Var&), OnFirstWrite onFirstWrite,
                    const std::set<VarId>* skip = nullptr) {
  std::vector<Site> sites = sitesOf(fn);
  std::vector<std::vector<size_t>> mentions = usage(fn, sites).mentions();
  std::map<int, std::set<int>> nest = loopNesting(fn.body);
  std::vector<Insertion> ins;
  for (size_t v = 0; v < fn.vars.size(); ++v) {
    if (!wanted(fn.vars[v]) || mentions[v].empty() || (skip && skip->count(static_cast<VarId>(v)))) continue;
    Scope scope = commonScope(sites, mentions[v], enterableLoops(fn.vars[v], nest));
    Site& first = sites[mentions[v].front()];
    Stmt& st = *first.stmt;
    VarId id = static_cast<VarId>(v);
    bool direct = first.depth() == scope.depth;
    bool writes = (st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) && st.dst == id && !st.index &&
                  st.value && !reads(st.value, id);
    if (direct && writes) {
      onFirstWrite(st);
      continue;
    }
    Stmt z = assign(id, zeroOf(fn.var(id).type), (*scope.block)[scope.index].origin);
    z.reverse = (*scope.block)[scope.index].reverse;
    onFirstWrite(z);
    ins.push_back({scope.block, scope.depth, scope.index, std::move(z)});
  }
  applyInsertions(ins);
}

// An adjoint array declared in the function body itself takes the storage of
// an array there of the same type and length whose last mention comes before
// the adjoint's declaration. The adjoint is zeroed or assigned whole before
// it is read, so nothing of the dead array is read. `topArrays`: (array, order of the statement its
// declaration goes before), in that order.
void shareStorage(Function& fn, const std::vector<std::vector<size_t>>& mentions,
                  const std::vector<std::pair<VarId, size_t>>& topArrays) {
  std::set<VarId> taken;  // (shareStorageInPlace may have given some away)
  for (const Var& v : fn.vars)
    if (v.reusesStorageOf != kNoVar) taken.insert(v.reusesStorageOf);
  for (const auto& [a, declaredAt] : topArrays) {
    Var& adj = fn.vars[static_cast<size_t>(a)];
    if (adj.role != VarRole::Adjoint || adj.reusesStorageOf != kNoVar) continue;
    for (const auto& donorEntry : topArrays) {
      VarId b = donorEntry.first;
      const Var& donor = fn.vars[static_cast<size_t>(b)];
      if (b == a || taken.count(b) || donor.type != adj.type || donor.arraySize != adj.arraySize) continue;
      if (mentions[static_cast<size_t>(b)].back() >= declaredAt) continue;
      adj.reusesStorageOf = b;
      taken.insert(b);
      break;
    }
  }
}

// Each loop declares a counter of its own. A loop copied whole shares its
// counter with the original (the reverse sweep's undo loop, beside the loop
// recomputing the same iteration): emit names a variable once, so the copy's
// body could take the counter's name for something else.
void giveLoopsTheirOwnCounters(Function& fn) {
  std::set<VarId> seen;
  std::function<void(Block&)> walk = [&](Block& b) {
    for (Stmt& s : b) {
      if (s.kind == StmtKind::For && !seen.insert(s.dst).second) {
        std::vector<VarId> to(fn.vars.size(), kNoVar);
        Var copy = fn.var(s.dst);
        to[static_cast<size_t>(s.dst)] = fn.addVar(std::move(copy));
        Block loop = {std::move(s)};
        renameVars(loop, to, fn);
        s = std::move(loop[0]);
        seen.insert(s.dst);
      }
      walk(s.thenBlock);
      walk(s.elseBlock);
    }
  };
  walk(fn.body);
}

}  // namespace

// `for (int k = 0; k < extent; ++k) a[k] = 0;`, placed like `decl`. It goes
// before decl in the insertion list: insertions at one index end up in
// reverse order.
Stmt zeroFill(Function& fn, VarId a, const ExprRef& extent, const Stmt& decl, int loopId) {
  Var k;
  k.name = "k";
  k.type = Type::integer("int");
  k.role = VarRole::Local;
  k.loop = loopId;
  const VarId counter = fn.addVar(std::move(k));
  Stmt loop;
  loop.kind = StmtKind::For;
  loop.dst = counter;
  loop.loopId = loopId;
  loop.args = {constant(0, fn.var(counter).type, "0"), extent, constant(1, fn.var(counter).type, "1")};
  loop.origin = decl.origin;
  loop.reverse = decl.reverse;
  Stmt zero = assign(a, zeroOf(fn.var(a).type), decl.origin);
  zero.index = fn.ref(counter);
  zero.reverse = decl.reverse;
  loop.thenBlock.push_back(std::move(zero));
  return loop;
}

void materializeAdjointZeros(Function& fn) {
  startVariables(fn, [](const Var& v) { return v.role == VarRole::Adjoint && !v.isArray(); },
                 [](Stmt& s) { s.kind = StmtKind::Assign; });  // 0 + e == e
}

void placeDeclarations(Function& fn) {
  giveLoopsTheirOwnCounters(fn);
  // Loop counters are declared by their loop.
  std::set<VarId> counters;
  forEachStmt(fn.body, [&](const Stmt& s) {
    if (s.kind == StmtKind::For) counters.insert(s.dst);
  });
  std::vector<Site> sites = sitesOf(fn);
  std::vector<std::vector<size_t>> mentions = usage(fn, sites).mentions();
  std::map<int, std::set<int>> nest = loopNesting(fn.body);
  std::vector<size_t> topOrder;  // the order of each statement of the body itself
  for (const Site& s : sites)
    if (s.depth() == 0) topOrder.push_back(s.order);
  std::vector<Insertion> ins;
  std::vector<std::pair<VarId, size_t>> topArrays;  // declared in the body itself, and where
  std::vector<std::pair<Stmt*, Stmt>> zeroFills;     // a zero-fill loop, and the declaration replacing it
  int nextLoop = 0;
  forEachStmt(fn.body, [&](const Stmt& s) { nextLoop = std::max(nextLoop, s.loopId + 1); });
  const size_t declared = fn.vars.size();  // (zero fills add their counters)
  for (size_t v = 0; v < declared; ++v) {
    const Var var = fn.vars[v];
    // Runtime-length tapes live in the caller's work buffer (see emit).
    if (!var.isArray() || isParamLike(var) || mentions[v].empty() || var.arraySize == kRuntimeSize) continue;
    // An array is declared before its first use; adjoint arrays start at
    // zero unless a loop assigns them whole first.
    Scope scope = commonScope(sites, mentions[v], enterableLoops(var, nest));
    Stmt d;
    d.kind = StmtKind::Assign;
    d.dst = static_cast<VarId>(v);
    d.declares = true;
    if (var.role == VarRole::Adjoint && !var.startsAssigned) d.value = zeroOf(var.type);
    d.origin = (*scope.block)[scope.index].origin;
    d.reverse = (*scope.block)[scope.index].reverse;
    if (scope.depth == 0 && !var.isMember()) topArrays.push_back({static_cast<VarId>(v), topOrder[scope.index]});
    Stmt& first = (*scope.block)[scope.index];
    if (zeroFillsWhole(fn, first, static_cast<VarId>(v))) {
      // `T a[N] = {};` then its zero-fill loop: the declaration zeroes it.
      d.value = zeroOf(var.type);
      zeroFills.push_back({&first, std::move(d)});
      continue;
    }
    // Declared in a loop, an adjoint zeroes only the elements the code can
    // touch, each iteration (`double d_k[1024]` used for k < n). Not a small
    // one: `= {}` is a few vector stores, the loop a call to memset (GMM's
    // d_xcentered[64] at d = 2 took 25% longer).
    constexpr long kMinFilledBytes = 2048;
    const long bytes = var.arraySize * (var.type.kind == TypeKind::Float ? 4 : 8);
    ExprRef extent =
        scope.depth > 0 && d.value && bytes >= kMinFilledBytes ? usedExtent(fn, static_cast<VarId>(v)) : nullptr;
    if (extent) {
      d.value = nullptr;
      ins.push_back({scope.block, scope.depth, scope.index, zeroFill(fn, static_cast<VarId>(v), extent, d, nextLoop++)});
      counters.insert(ins.back().stmt.dst);
    }
    ins.push_back({scope.block, scope.depth, scope.index, std::move(d)});
  }
  std::sort(topArrays.begin(), topArrays.end(), [](auto& x, auto& y) { return x.second < y.second; });
  shareStorage(fn, mentions, topArrays);
  for (auto& [loop, declaration] : zeroFills) *loop = std::move(declaration);  // (in place: no index moves)
  applyInsertions(ins);
  startVariables(fn, [](const Var& v) { return !isParamLike(v) && !v.isArray(); },
                 [](Stmt& s) { s.declares = true; }, &counters);
}

bool declaredInBody(Function& fn, VarId v) {
  std::vector<Site> sites = sitesOf(fn);
  std::vector<size_t> mentions = usage(fn, sites).mentions()[static_cast<size_t>(v)];
  if (mentions.empty()) return false;
  return commonScope(sites, mentions, enterableLoops(fn.var(v), loopNesting(fn.body))).depth == 0;
}

VarId usedOutOfScope(const Function& fn) {
  // Given by the caller or bound at the top: in scope everywhere.
  std::vector<int> visible(fn.vars.size(), 0);  // declarations in scope
  for (size_t v = 0; v < fn.vars.size(); ++v) visible[v] = isParamLike(fn.vars[v]) || fn.vars[v].isMember();
  for (const auto& tape : fn.runtimeTapes) visible[static_cast<size_t>(tape.first)] = 1;
  VarId bad = kNoVar;
  walkScopes(
      fn, [&](VarId v) { ++visible[static_cast<size_t>(v)]; },
      [&](VarId v) {
        if (bad == kNoVar && !visible[static_cast<size_t>(v)]) bad = v;
      },
      [&](VarId v) { --visible[static_cast<size_t>(v)]; });
  return bad;
}

}  // namespace gradc::cleaning
