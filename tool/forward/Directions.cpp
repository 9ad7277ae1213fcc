#include "forward/Directions.h"

#include "lower/Lower.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace gradc::forward {

using namespace ir;

namespace {

Type intType() { return Type::integer("int"); }
ExprRef intConst(long v) { return constant(static_cast<double>(v), intType(), std::to_string(v)); }

class Bundler {
 public:
  // Columns [first, last) of the rows x cols matrix.
  Bundler(const Function& jvp, size_t sourceParams, const std::vector<VarId>& tangents, long rows, long cols,
          FunctionKind kind, long first, long last)
      : in_(jvp), out_(jvp), cols_(cols), first_(first) {
    out_.kind = kind;
    out_.params.assign(jvp.params.begin(), jvp.params.begin() + static_cast<long>(sourceParams));
    role_.assign(jvp.vars.size(), Role::Primal);
    for (VarId t : tangents) role_[static_cast<size_t>(t)] = Role::Local;
    long col = 0, row = 0;
    for (size_t i = sourceParams; i < jvp.params.size(); ++i) {
      VarId p = jvp.params[i];
      const Var& v = jvp.var(p);
      long n = v.isArray() ? v.arraySize : 1;
      if (v.isOutput) {
        role_[static_cast<size_t>(p)] = Role::Output;
        firstRow_[p] = row;
        row += n;
      } else {
        role_[static_cast<size_t>(p)] = Role::Input;
        for (long j = 0; j < n; ++j) directions_.push_back({p, j});
        col += n;
      }
    }
    directions_ = std::vector<Direction>(directions_.begin() + first, directions_.begin() + last);
    // The tangent temporaries and accumulators the sweep made: whatever a
    // statement computes from a tangent is one.
    for (bool changed = true; changed;) {
      changed = false;
      forEachStmt(in_.body, [&](const Stmt& s) {
        if ((s.kind != StmtKind::Assign && s.kind != StmtKind::Accumulate) || s.dst == kNoVar) return;
        if (role_[static_cast<size_t>(s.dst)] != Role::Primal) return;
        if (readsTangent(s.value) || readsTangent(s.index)) {
          role_[static_cast<size_t>(s.dst)] = Role::Local;
          changed = true;
        }
      });
    }
    Var J;
    J.name = freshName(kind == FunctionKind::Hessian ? "H" : "J");
    // Float only if every input and output is (a double is not rounded to float).
    bool allFloat = true;
    for (size_t i = sourceParams; i < jvp.params.size(); ++i)
      allFloat = allFloat && jvp.var(jvp.params[i]).type.kind == TypeKind::Float;
    J.type = Type::floating(allFloat ? TypeKind::Float : TypeKind::Double);
    J.role = VarRole::Param;
    J.isPointer = true;
    J.isOutput = true;
    J.arraySize = rows * cols;
    J_ = out_.addVar(J);
    out_.params.push_back(J_);
    (void)col;
  }

  Function run() {
    copies_.assign(in_.vars.size(), {});
    out_.body = zeroUnwrittenRows();
    seedWrittenInputs(out_.body);
    for (Stmt& st : block(in_.body)) out_.body.push_back(std::move(st));
    // (after the last sweep: before it, H's other columns are not written yet)
    if (out_.kind == FunctionKind::Hessian && first_ + static_cast<long>(directions_.size()) == cols_) symmetrize();
    return std::move(out_);
  }

 private:
  enum class Role { Primal, Local, Input, Output };
  struct Direction {
    VarId param;
    long component;
  };

  // (a temporary hoist() made is primal, and newer than the roles)
  Role roleOf(VarId v) const {
    return static_cast<size_t>(v) < role_.size() ? role_[static_cast<size_t>(v)] : Role::Primal;
  }

  bool readsTangent(const ExprRef& e) const {
    bool found = false;
    if (e)
      forEachExpr(e, [&](const Expr& x) {
        if ((x.op == Op::Var || x.op == Op::Load) && roleOf(x.var) != Role::Primal) found = true;
      });
    return found;
  }

  std::string freshName(const std::string& base) const {
    std::set<std::string> taken;
    for (const Var& v : in_.vars) taken.insert(v.name);
    std::string name = base;
    for (int i = 1; taken.count(name); ++i) name = base + "_" + std::to_string(i);
    return name;
  }

  // The copy of local tangent v for column k: `t_s` becomes `t_s_c0`, `t_s_c1`...
  VarId copy(VarId v, size_t k) {
    std::vector<VarId>& c = copies_[static_cast<size_t>(v)];
    if (c.empty())
      for (size_t d = 0; d < directions_.size(); ++d) {
        Var cv = in_.var(v);
        if (cv.role == VarRole::Param) {  // (a scalar input's tangent the body assigns)
          cv.role = VarRole::Local;
          cv.isConstParam = false;
          cv.primal = kNoVar;
        }
        if (cv.role != VarRole::Temp) cv.name += "_c" + std::to_string(first_ + static_cast<long>(d));
        c.push_back(out_.addVar(cv));
      }
    return c[k];
  }

  // J's element for output tangent p's element `index` in column k.
  ExprRef jIndex(VarId p, const ExprRef& index, size_t k) const {
    ExprRef row = index ? index : intConst(0);
    long first = firstRow_.at(p);
    long col = first_ + static_cast<long>(k);
    if (std::optional<long> at = integerConstant(row)) return intConst((first + *at) * cols_ + col);
    if (first) row = binary(Op::Add, intConst(first), row, intType());
    ExprRef at = binary(Op::Mul, row, intConst(cols_), intType());
    return col ? binary(Op::Add, at, intConst(col), intType()) : at;
  }

  // Input tangent p's element `index` in column k: 1 on its own component, else 0.
  ExprRef seed(VarId p, const ExprRef& index, size_t k, const Type& type) const {
    const Direction& d = directions_[k];
    auto lit = [&](int v) { return constant(v, type, formatLiteral(v, type.kind)); };
    if (d.param != p) return lit(0);
    if (!index) return lit(1);
    if (std::optional<long> at = integerConstant(index)) return lit(*at == d.component ? 1 : 0);
    return select(binary(Op::Eq, index, intConst(d.component), Type::boolean()), lit(1), lit(0));
  }

  ExprRef expr(const ExprRef& e, size_t k) {
    if (!e) return e;
    if (e->op == Op::Var || e->op == Op::Load) {
      Role r = roleOf(e->var);
      ExprRef index = e->op == Op::Load ? expr(e->args[0], k) : nullptr;
      switch (r) {
        case Role::Primal: break;
        case Role::Local:
          if (index) return load(copy(e->var, k), index, e->type);
          if (zeros_.count(copy(e->var, k))) return constant(0, e->type, formatLiteral(0, e->type.kind));
          return out_.ref(copy(e->var, k));
        case Role::Input: return seed(e->var, index, k, e->type);
        case Role::Output: return load(J_, jIndex(e->var, index, k), e->type);
      }
    }
    if (e->args.empty()) return e;
    std::vector<ExprRef> args;
    for (const ExprRef& a : e->args) args.push_back(expr(a, k));
    return foldZero(*e, std::move(args));
  }

  void forgetZerosWrittenIn(const Stmt& compound) {
    for (const Block* b : {&compound.thenBlock, &compound.elseBlock})
      forEachStmt(*b, [&](const Stmt& s) {
        if (s.dst != kNoVar && static_cast<size_t>(s.dst) < copies_.size())
          for (VarId c : copies_[static_cast<size_t>(s.dst)]) zeros_.erase(c);
      });
  }

  // A scalar input the body assigns (`y -= x` makes `t_y = t_y - t_x`): its
  // tangent is a local per column, starting at the column's seed, not the
  // seed itself wherever it is read.
  void seedWrittenInputs(Block& out) {
    for (size_t v = 0; v < role_.size(); ++v) {
      VarId p = static_cast<VarId>(v);
      if (role_[v] != Role::Input || in_.var(p).isArray()) continue;
      bool written = false;
      forEachStmt(in_.body, [&](const Stmt& st) { written = written || st.dst == p; });
      if (!written) continue;
      std::vector<ExprRef> seeds;
      for (size_t k = 0; k < directions_.size(); ++k) seeds.push_back(seed(p, nullptr, k, in_.var(p).type));
      role_[v] = Role::Local;
      for (size_t k = 0; k < directions_.size(); ++k) out.push_back(assign(copy(p, k), seeds[k], -1));
    }
  }

  // Whether the body's top level writes every element of output tangent p
  // (n elements): at constant indices, or in a counted loop over all of them.
  bool writesAll(VarId p, long n) const {
    std::set<long> written;
    for (const Stmt& s : in_.body) {
      if (s.kind == StmtKind::Assign && s.dst == p && s.index)
        if (std::optional<long> at = integerConstant(s.index)) written.insert(*at);
      if (s.kind != StmtKind::For || s.descending) continue;
      std::optional<long> from = integerConstant(s.args[0]), to = integerConstant(s.args[1]),
                          step = integerConstant(s.args[2]);
      if (!from || !to || !step || *from != 0 || *step != 1 || *to < n) continue;
      for (const Stmt& b : s.thenBlock)
        if (b.kind == StmtKind::Assign && b.dst == p && b.index && b.index->op == Op::Var && b.index->var == s.dst)
          return true;
    }
    return static_cast<long>(written.size()) >= n;
  }

  // J's rows of output components f may leave unwritten are zero (the
  // component does not change): f_jvp leaves those tangents as they are.
  Block zeroUnwrittenRows() {
    Block out;
    if (first_ != 0) return out;  // (the first sweep zeroes the whole rows)
    for (auto [p, first] : firstRow_) {
      const Var& v = in_.var(p);
      long n = v.isArray() ? v.arraySize : 1;
      if (writesAll(p, n)) continue;
      int loop = nextLoopId();
      Var counter;
      counter.name = "k";
      counter.type = intType();
      counter.loop = loop;
      VarId k = out_.addVar(counter);
      Stmt f;
      f.kind = StmtKind::For;
      f.dst = k;
      f.loopId = loop;
      f.args = {intConst(first * cols_), intConst((first + n) * cols_), intConst(1)};
      Stmt z = assign(J_, constant(0, out_.var(J_).type, formatLiteral(0, out_.var(J_).type.kind)), -1);
      z.index = out_.ref(k);
      f.thenBlock.push_back(std::move(z));
      out.push_back(std::move(f));
    }
    return out;
  }

  int nextLoopId() {
    int next = 0;
    forEachStmt(in_.body, [&](const Stmt& s) { next = std::max(next, s.loopId + 1); });
    for (const Var& v : out_.vars) next = std::max(next, v.loop + 1);
    forEachStmt(out_.body, [&](const Stmt& s) { next = std::max(next, s.loopId + 1); });
    return next;
  }

  // Before the final return: H = (H + H^T) / 2, so H is exactly symmetric
  // (forward over reverse gives H's columns, equal to its rows only up to rounding).
  void symmetrize() {
    int nextLoop = 0;
    forEachStmt(out_.body, [&](const Stmt& s) { nextLoop = std::max(nextLoop, s.loopId + 1); });
    for (const Var& v : out_.vars) nextLoop = std::max(nextLoop, v.loop + 1);
    auto counter = [&](const char* name, int loop) {
      Var v;
      v.name = name;
      v.type = intType();
      v.loop = loop;
      return out_.addVar(v);
    };
    auto forLoop = [&](VarId i, int loop, ExprRef end) {
      Stmt f;
      f.kind = StmtKind::For;
      f.dst = i;
      f.loopId = loop;
      f.args = {intConst(0), std::move(end), intConst(1)};
      return f;
    };
    const Type t = out_.var(J_).type;  // (a copy: addVar below moves the vars)
    int outer = nextLoop++, inner = nextLoop++;
    VarId i = counter("i", outer), j = counter("j", inner);
    Var sum;
    sum.name = "s";
    sum.type = t;
    sum.loop = inner;
    VarId s = out_.addVar(sum);
    auto at = [&](VarId r, VarId c) {
      return binary(Op::Add, binary(Op::Mul, out_.ref(r), intConst(cols_), intType()), out_.ref(c), intType());
    };
    Stmt inLoop = forLoop(j, inner, out_.ref(i));
    inLoop.thenBlock.push_back(assign(s, binary(Op::Mul, binary(Op::Add, load(J_, at(i, j), t), load(J_, at(j, i), t), t),
                                                 constant(0.5, t, formatLiteral(0.5, t.kind)), t), -1));
    for (auto [r, c] : {std::pair{i, j}, std::pair{j, i}}) {
      Stmt st = assign(J_, out_.ref(s), -1);
      st.index = at(r, c);
      inLoop.thenBlock.push_back(std::move(st));
    }
    Stmt outLoop = forLoop(i, outer, intConst(cols_));
    outLoop.thenBlock.push_back(std::move(inLoop));
    auto ret = out_.body.end();
    if (!out_.body.empty() && out_.body.back().kind == StmtKind::Return) --ret;
    out_.body.insert(ret, std::move(outLoop));
  }

  static bool isZero(const ExprRef& e) { return e->op == Op::Const && e->number == 0; }

  // A seed's zeros make whole terms vanish: a tangent known to be zero
  // contributes nothing, whatever it multiplies (what a per-column f_jvp
  // sweep computes as 0 * x, or NaN when x is infinite).
  static ExprRef foldZero(const Expr& e, std::vector<ExprRef> args) {
    const ExprRef zero = constant(0, e.type, formatLiteral(0, e.type.kind));
    switch (e.op) {
      case Op::Mul:
        if (isZero(args[0]) || isZero(args[1])) return e.type.isFloating() ? zero : withArgs(e, std::move(args));
        break;
      case Op::Div:
        if (isZero(args[0]) && e.type.isFloating()) return zero;
        break;
      case Op::Add:
        if (isZero(args[0]) && args[1]->type == e.type) return args[1];
        if (isZero(args[1]) && args[0]->type == e.type) return args[0];
        break;
      case Op::Sub:
        if (isZero(args[1]) && args[0]->type == e.type) return args[0];
        if (isZero(args[0]) && args[1]->type == e.type && e.type.isFloating()) return unary(Op::Neg, args[1], e.type);
        break;
      case Op::Neg:
      case Op::Cast:
        if (isZero(args[0]) && e.type.isFloating()) return zero;
        break;
      case Op::Select:
        if (isZero(args[1]) && isZero(args[2]) && e.type.isFloating()) return zero;
        break;
      default: break;
    }
    return withArgs(e, std::move(args));
  }

  // Hoists the calls a tangent statement evaluates on primal values alone
  // (`std::cos(t1)` in `t_x[0] * std::cos(t1) * t0`) into a temporary before
  // its copies, so each is evaluated once, not once per column.
  ExprRef hoist(const ExprRef& e, Block& pre, int origin) {
    if (!e || e->args.empty()) return e;
    bool call = false;
    forEachExpr(e, [&](const Expr& x) { call = call || x.op == Op::Call; });
    if (!call) return e;
    if (!readsTangent(e) && e->type.isFloating()) {
      Var t;
      t.name = "t";
      t.type = e->type;
      t.role = VarRole::Temp;
      t.loop = loops_.empty() ? -1 : loops_.back();
      VarId id = out_.addVar(t);
      pre.push_back(assign(id, e, origin));
      return out_.ref(id);
    }
    std::vector<ExprRef> args;
    for (const ExprRef& a : e->args) args.push_back(hoist(a, pre, origin));
    return withArgs(*e, std::move(args));
  }

  Block block(const Block& in) {
    Block out;
    for (const Stmt& s : in) {
      bool tangent = (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && s.dst != kNoVar &&
                     role_[static_cast<size_t>(s.dst)] != Role::Primal;
      if (!tangent) {
        Stmt c = s;
        if (s.kind == StmtKind::For) loops_.push_back(s.loopId);
        forgetZerosWrittenIn(s);  // (a loop's next iteration, or a branch not taken)
        c.thenBlock = block(s.thenBlock);
        // The else branch starts from the state before the if, not after its
        // then branch (a zero the then branch set made `t_x = t_x` in the else
        // branch `t_x_c0 = 0.0`: a wrong f_hessian, fuzz campaign seed 800282).
        forgetZerosWrittenIn(s);
        c.elseBlock = block(s.elseBlock);
        forgetZerosWrittenIn(s);
        if (s.kind == StmtKind::For) loops_.pop_back();
        out.push_back(std::move(c));
        continue;
      }
      ExprRef value = directions_.size() > 1 ? hoist(s.value, out, s.origin) : s.value;
      for (size_t k = 0; k < directions_.size(); ++k) {
        Stmt c = s;
        c.value = expr(value, k);
        if (role_[static_cast<size_t>(s.dst)] == Role::Output) {
          c.dst = J_;
          c.index = jIndex(s.dst, expr(s.index, k), k);
        } else {
          c.dst = copy(s.dst, k);
          c.index = expr(s.index, k);
          if (s.kind == StmtKind::Accumulate && isZero(c.value)) continue;  // adds nothing
          // A scalar set to zero reads as zero until it is written again.
          bool zero = !s.index && !in_.var(s.dst).isArray() && s.kind == StmtKind::Assign && isZero(c.value);
          if (zero)
            zeros_.insert(c.dst);
          else
            zeros_.erase(c.dst);
        }
        out.push_back(std::move(c));
      }
    }
    return out;
  }

  const Function& in_;
  Function out_;
  long cols_, first_;
  VarId J_ = kNoVar;
  std::vector<Role> role_;
  std::vector<Direction> directions_;
  std::map<VarId, long> firstRow_;
  std::vector<std::vector<VarId>> copies_;
  std::vector<int> loops_;
  std::set<VarId> zeros_;
  std::map<VarId, int> assignments_;  // per scalar: Assigns + 2 per Accumulate  // copies of temporaries that hold a zero tangent  // the For statements around the statement being copied
};

}  // namespace

namespace {

int maxLoopId(const Function& fn) {
  int id = -1;
  forEachStmt(fn.body, [&](const Stmt& s) { id = std::max(id, s.loopId); });
  for (const Var& v : fn.vars) id = std::max(id, v.loop);
  return id;
}

void shiftLoops(Block& block, int by) {
  for (Stmt& s : block) {
    if (s.kind == StmtKind::For) s.loopId += by;
    shiftLoops(s.thenBlock, by);
    shiftLoops(s.elseBlock, by);
  }
}

// Strip after strip: each sweep computes f again with its own locals (and
// loop ids), writes its columns of the matrix; the last one returns.
Function bySweeps(const Function& fn, size_t sourceParams, const std::vector<VarId>& tangents, long rows, long cols,
                  FunctionKind kind) {
  const long sweeps = directionSweeps(cols), width = (cols + sweeps - 1) / sweeps;
  Function out = Bundler(fn, sourceParams, tangents, rows, cols, kind, 0, std::min(width, cols)).run();
  const VarId matrix = out.params.back();
  for (long first = width; first < cols; first += width) {
    Function strip = Bundler(fn, sourceParams, tangents, rows, cols, kind, first, std::min(first + width, cols)).run();
    const int shift = maxLoopId(out) + 1;
    std::vector<VarId> to(strip.vars.size(), kNoVar);
    for (size_t v = 0; v < strip.vars.size(); ++v) {
      VarId id = static_cast<VarId>(v);
      if (std::count(out.params.begin(), out.params.end(), id)) continue;  // f's parameters
      if (id == strip.params.back()) {
        to[v] = matrix;
        continue;
      }
      Var copy = strip.vars[v];
      if (copy.loop >= 0) copy.loop += shift;
      to[v] = out.addVar(copy);
    }
    renameVars(strip.body, to, out);
    shiftLoops(strip.body, shift);
    if (!out.body.empty() && out.body.back().kind == StmtKind::Return) out.body.pop_back();
    for (Stmt& s : strip.body) out.body.push_back(std::move(s));
  }
  return out;
}

}  // namespace

long directionSweeps(long cols) { return cols <= kMaxDirections ? 1 : (cols + kMaxDirections - 1) / kMaxDirections; }

Function jacobianByDirections(const Function& jvp, size_t sourceParams, const std::vector<VarId>& tangents, long rows,
                              long cols) {
  return bySweeps(jvp, sourceParams, tangents, rows, cols, FunctionKind::Jacobian);
}

Function hessianByDirections(const Function& hvp, size_t sourceParams, const std::vector<VarId>& tangents, long n) {
  return bySweeps(hvp, sourceParams, tangents, n, n, FunctionKind::Hessian);
}

}  // namespace gradc::forward
