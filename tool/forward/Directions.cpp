#include "forward/Directions.h"

#include "forward/LinearForms.h"
#include "forward/Sweeps.h"
#include "lower/Lower.h"

#include <algorithm>
#include <functional>
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
          FunctionKind kind, long first, long last, bool packed, bool padded = false,
          const std::map<VarId, Factor>& factored = {})
      : in_(jvp),
        out_(jvp),
        cols_(cols),
        first_(first),
        width_(last - first),
        stride_(padded ? paddedWidth(last - first, vectorLanes(jvp, sourceParams)) : last - first),
        packed_(packed),
        factored_(factored),
        forms_(jvp, [this](VarId v) { return roleOf(v) != Role::Primal; }, factored_, survey_) {
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
        firstCol_[p] = col;
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
    nextLoop_ = nextLoopId();
  }

  // Whether packing keeps every access an element access: local tangents
  // are scalars or arrays of known length, none read whole (passed to a call).
  bool packable() const {
    bool ok = true;
    for (size_t v = 0; v < role_.size(); ++v) {
      const Var& x = in_.vars[v];
      if (role_[v] == Role::Local && (x.isRecord() || x.isMember() || x.isPointer || x.elementRef ||
                                      x.arraySize == kRuntimeSize || x.reusesStorageOf != kNoVar))
        ok = false;
    }
    auto wholeArray = [&](const ExprRef& e) {
      forEachExpr(e, [&](const Expr& x) {
        if (x.op == Op::Var && roleOf(x.var) != Role::Primal && in_.var(x.var).isArray()) ok = false;
      });
    };
    forEachStmt(in_.body, [&](const Stmt& s) {
      wholeArray(s.value);
      wholeArray(s.index);
      for (const ExprRef& a : s.args) wholeArray(a);
      for (VarId o : s.outs)
        if (o != kNoVar && roleOf(o) != Role::Primal) ok = false;
    });
    return ok;
  }

  // The elements of the local tangent arrays, per direction.
  long tangentArrayElements() const {
    long n = 0;
    for (size_t v = 0; v < role_.size(); ++v)
      if (role_[v] == Role::Local && in_.vars[v].arraySize > 0) n += in_.vars[v].arraySize;
    return n;
  }

  // The stride of a padded sweep: D rounded up to whole vectors of `lanes`.
  static long paddedWidth(long width, long lanes) { return (width + lanes - 1) / lanes * lanes; }

  // The lanes of a kVectorBytes vector of J's type (float when every input
  // and output is).
  static long vectorLanes(const Function& jvp, size_t sourceParams) {
    bool allFloat = true;
    for (size_t i = sourceParams; i < jvp.params.size(); ++i)
      allFloat = allFloat && jvp.var(jvp.params[i]).type.kind == TypeKind::Float;
    return kVectorBytes / (allFloat ? 4 : 8);
  }

  Function run() {
    copies_.assign(in_.vars.size(), {});
    out_.body = zeroUnwrittenRows();
    seedWrittenInputs(out_.body);
    for (Stmt& st : block(in_.body)) out_.body.push_back(std::move(st));
    if (packed_) scalarsOfLoops();
    if (packed_ && stride_ != width_) padDirectionLoops(out_, directionLoops_, J_, stride_);
    out_.directionWidth = width_;
    out_.directionStride = stride_;
    // (after the last sweep: before it, H's other columns are not written yet)
    if (out_.kind == FunctionKind::Hessian && first_ + static_cast<long>(directions_.size()) == cols_)
      symmetrizeMatrix(out_, J_, cols_);
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
  // Packed, the one array of all columns: `t_s` becomes `t_s[D]`, `t_a[N]`
  // becomes `t_a[N * S]`, column d of element i at i * S + d (S: D, or D
  // padded to whole vectors).
  VarId copy(VarId v, size_t k) {
    std::vector<VarId>& c = copies_[static_cast<size_t>(v)];
    if (c.empty())
      for (size_t d = 0; d < (packed_ ? 1 : directions_.size()); ++d) {
        Var cv = in_.var(v);
        if (cv.role == VarRole::Param) {  // (a scalar input's tangent the body assigns)
          cv.role = VarRole::Local;
          cv.isConstParam = false;
          cv.primal = kNoVar;
        }
        if (packed_)
          cv.arraySize = (cv.isArray() ? cv.arraySize : 1) * stride_;
        else if (cv.role != VarRole::Temp)
          cv.name += "_c" + std::to_string(first_ + static_cast<long>(d));
        c.push_back(out_.addVar(cv));
      }
    return c[packed_ ? 0 : k];
  }

  // Packed: the element of column d (the direction loop's counter) of a
  // local tangent's element `index` (null for a scalar).
  ExprRef packedIndex(const ExprRef& index) const {
    ExprRef d = out_.ref(direction_);
    if (!index) return d;
    std::optional<long> at = integerConstant(index);
    ExprRef base = at ? intConst(*at * stride_) : binary(Op::Mul, index, intConst(stride_), intType());
    return at && *at == 0 ? d : binary(Op::Add, base, d, intType());
  }

  // J's element for output tangent p's element `index` in column k.
  // (Packed: column first_ + d.)
  ExprRef jIndex(VarId p, const ExprRef& index, size_t k) const {
    ExprRef row = index ? index : intConst(0);
    long first = firstRow_.at(p);
    long col = first_ + (packed_ ? 0 : static_cast<long>(k));
    ExprRef at;
    if (std::optional<long> r = integerConstant(row)) {
      at = intConst((first + *r) * cols_ + col);
    } else {
      if (first) row = binary(Op::Add, intConst(first), row, intType());
      at = binary(Op::Mul, row, intConst(cols_), intType());
      if (col) at = binary(Op::Add, at, intConst(col), intType());
    }
    if (!packed_) return at;
    if (std::optional<long> c = integerConstant(at); c && *c == 0) return out_.ref(direction_);
    return binary(Op::Add, at, out_.ref(direction_), intType());
  }

  // Input tangent p's element `index` in column k: 1 on its own component, else 0.
  // Packed: 1 in column d if the element's column is first_ + d.
  ExprRef seed(VarId p, const ExprRef& index, size_t k, const Type& type) const {
    auto lit = [&](int v) { return constant(v, type, formatLiteral(v, type.kind)); };
    if (packed_) {
      const Var& v = in_.var(p);
      long from = firstCol_.at(p) - first_, n = v.isArray() ? v.arraySize : 1;
      if (from + n <= 0 || from >= width_) return lit(0);  // (none of its columns is in this sweep)
      ExprRef col = index ? index : intConst(0);
      if (std::optional<long> at = integerConstant(col)) {
        if (*at + from < 0 || *at + from >= width_) return lit(0);
        col = intConst(*at + from);
      } else if (from) {
        col = binary(from > 0 ? Op::Add : Op::Sub, col, intConst(from > 0 ? from : -from), intType());
      }
      return select(binary(Op::Eq, out_.ref(direction_), col, Type::boolean()), lit(1), lit(0));
    }
    const Direction& d = directions_[k];
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
          if (index) return load(copy(e->var, k), packed_ ? packedIndex(index) : index, e->type);
          if (zeros_.count(copy(e->var, k))) return constant(0, e->type, formatLiteral(0, e->type.kind));
          return packed_ ? load(copy(e->var, k), packedIndex(nullptr), e->type) : out_.ref(copy(e->var, k));
        case Role::Input: return seed(e->var, index, k, e->type);
        case Role::Output: return load(J_, jIndex(e->var, index, k), e->type);
      }
    }
    if (e->args.empty()) return e;
    std::vector<ExprRef> args;
    for (const ExprRef& a : e->args) args.push_back(expr(a, k));
    return foldZeroTangent(*e, std::move(args));
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
      if (packed_) {
        Stmt loop = directionLoop();
        ExprRef value = seed(p, nullptr, 0, in_.var(p).type);
        role_[v] = Role::Local;
        Stmt st = assign(copy(p, 0), value, -1);
        st.index = packedIndex(nullptr);
        loop.thenBlock.push_back(std::move(st));
        directionLoops_.insert(loop.loopId);
        out.push_back(std::move(loop));
        continue;
      }
      std::vector<ExprRef> seeds;
      for (size_t k = 0; k < directions_.size(); ++k) seeds.push_back(seed(p, nullptr, k, in_.var(p).type));
      role_[v] = Role::Local;
      for (size_t k = 0; k < directions_.size(); ++k) out.push_back(assign(copy(p, k), seeds[k], -1));
    }
  }

  // J's rows of output components f may leave unwritten are zero (the
  // component does not change): f_jvp leaves those tangents as they are.
  Block zeroUnwrittenRows() {
    Block out;
    if (first_ != 0) return out;  // (the first sweep zeroes the whole rows)
    for (auto [p, first] : firstRow_) {
      const Var& v = in_.var(p);
      long n = v.isArray() ? v.arraySize : 1;
      if (writesEveryElement(in_.body, p, n)) continue;
      int loop = nextLoop_++;
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

  static bool isZero(const ExprRef& e) { return e->op == Op::Const && e->number == 0; }

  // A temporary `t = e` appended to `pre` (before the direction loop or the
  // column copies), read in e's place.
  ExprRef computedBefore(const ExprRef& e, Block& pre, int origin) {
    Var t;
    t.name = "t";
    t.type = e->type;
    t.role = VarRole::Temp;
    t.loop = loops_.empty() ? -1 : loops_.back();
    VarId id = out_.addVar(t);
    pre.push_back(assign(id, e, origin));
    return out_.ref(id);
  }

  // Hoists the calls a tangent statement evaluates on primal values alone
  // (`std::cos(t1)` in `t_x[0] * std::cos(t1) * t0`) into a temporary before
  // its copies, so each is evaluated once, not once per column.
  ExprRef hoist(const ExprRef& e, Block& pre, int origin) {
    if (!e || e->args.empty()) return e;
    bool call = false;
    forEachExpr(e, [&](const Expr& x) { call = call || x.op == Op::Call; });
    if (!call) return e;
    if (!readsTangent(e) && e->type.isFloating()) return computedBefore(e, pre, origin);
    std::vector<ExprRef> args;
    for (const ExprRef& a : e->args) args.push_back(hoist(a, pre, origin));
    return withArgs(*e, std::move(args));
  }

  // Packed: see scalarsOfDirectionLoops.
  void scalarsOfLoops() {
    std::set<VarId> scalars;
    for (size_t v = 0; v < copies_.size(); ++v)
      if (!copies_[v].empty() && !in_.vars[v].isArray()) scalars.insert(copies_[v][0]);
    scalarsOfDirectionLoops(out_, scalars, directionLoops_);
  }

  bool isTangent(const Stmt& s) const {
    return (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && s.dst != kNoVar &&
           role_[static_cast<size_t>(s.dst)] != Role::Primal;
  }

  // Packed: `for (int d = 0; d < D; ++d)`, its counter the one expr() reads.
  Stmt directionLoop() {
    int loop = nextLoop_++;
    Var counter;
    counter.name = "d";
    counter.type = intType();
    counter.loop = loop;
    direction_ = out_.addVar(counter);
    Stmt f;
    f.kind = StmtKind::For;
    f.dst = direction_;
    f.loopId = loop;
    f.args = {intConst(0), intConst(width_), intConst(1)};
    return f;
  }

  // Tangent statement s for column k (packed: for the loop's column d),
  // `value` its value with the calls on primal values hoisted.
  void tangentStmt(const Stmt& s, const ExprRef& value, size_t k, Block& out) {
    Stmt c = s;
    c.value = expr(value, k);
    if (role_[static_cast<size_t>(s.dst)] == Role::Output) {
      c.dst = J_;
      c.index = jIndex(s.dst, expr(s.index, k), k);
    } else {
      c.dst = copy(s.dst, k);
      c.index = expr(s.index, k);
      if (packed_) c.index = packedIndex(c.index);
      if (s.kind == StmtKind::Accumulate && isZero(c.value)) return;  // adds nothing
      // A scalar set to zero reads as zero until it is written again.
      bool zero = !s.index && !in_.var(s.dst).isArray() && s.kind == StmtKind::Assign && isZero(c.value);
      if (zero)
        zeros_.insert(c.dst);
      else
        zeros_.erase(c.dst);
    }
    out.push_back(std::move(c));
  }

  static bool isAssignment(const Stmt& s) {
    return (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && s.dst != kNoVar;
  }

  // Packed: the run of assignments from in[i] as one direction loop of its
  // tangent statements after its primal ones (and the calls hoisted out of
  // the tangent statements), in order. A tangent statement reads no value a
  // primal one after it writes (the run ends before such a primal one), so
  // each reads what it read in place. Returns where the run ends.
  size_t packedRun(const Block& in, size_t i, Block& out) {
    std::optional<Stmt> loop;
    std::vector<VarId> read;  // what the run's tangent statements read
    forms_.startRun();
    for (; i < in.size() && isAssignment(in[i]); ++i) {
      const Stmt& s = in[i];
      if (!isTangent(s)) {
        if (std::count(read.begin(), read.end(), s.dst)) break;
        out.push_back(s);
        continue;
      }
      collectReads(s.value, read);
      collectReads(s.index, read);
      if (!loop) loop = directionLoop();
      std::optional<Form> form = forms_.formOf(s.value);
      auto factor = factored_.find(s.dst);
      if (!form)
        tangentStmt(s, hoist(s.value, out, s.origin), 0, loop->thenBlock);
      else if (factor != factored_.end() && s.kind == StmtKind::Assign && form->terms.size() == 1)
        factoredWrite(s, form->terms[0], factor->second, out, loop->thenBlock);
      else
        tangentStmt(s, RunForms::rebuild(*form, s.value->type, coefficientHoister(out, s.origin)), 0, loop->thenBlock);
      forms_.wrote(s, form);
    }
    if (loop) dropAssignments(forms_.substitutedAway(), loop->thenBlock);
    if (loop && !loop->thenBlock.empty()) {
      directionLoops_.insert(loop->loopId);
      out.push_back(std::move(*loop));
    }
    direction_ = kNoVar;
    return i;
  }

  // A coefficient of a regrouped tangent statement, computed once before
  // the direction loop into a temporary (it reads primal values only, which
  // no statement of the run writes after a tangent statement read them).
  std::function<ExprRef(const ExprRef&)> coefficientHoister(Block& pre, int origin) {
    return [this, &pre, origin](const ExprRef& read) {
      ExprRef coef = hoist(read, pre, origin);  // (its calls shared with the primal statements')
      return coef->isAtom() ? coef : computedBefore(coef, pre, origin);
    };
  }

  // Factored T's write `T[i] = c * u`: `C[i] = c` before the direction loop,
  // `H[i] = u` in it (unless the array it shares H with just wrote it).
  void factoredWrite(const Stmt& s, const Term& term, const Factor& factor, Block& pre, Block& body) {
    Stmt c = assign(factor.coefficients, hoist(RunForms::signedCoefficient(term, s.value->type), pre, s.origin),
                    s.origin);
    c.index = s.index;
    pre.push_back(std::move(c));
    if (factor.sharesWith != kNoVar) return;
    Stmt h = s;
    h.dst = factor.history;
    tangentStmt(h, term.read, 0, body);
  }

  // The assignments of the scalars whose every read a run substituted.
  void dropAssignments(const std::set<VarId>& away, Block& body) {
    std::set<VarId> copies;
    for (VarId v : away)
      for (VarId c : copies_[static_cast<size_t>(v)]) copies.insert(c);
    body.erase(std::remove_if(body.begin(), body.end(),
                              [&](const Stmt& st) { return st.kind == StmtKind::Assign && copies.count(st.dst); }),
               body.end());
  }

  Block block(const Block& in) {
    Block out;
    for (size_t i = 0; i < in.size(); ++i) {
      const Stmt& s = in[i];
      if (!isTangent(s) && !(packed_ && isAssignment(s))) {
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
      if (packed_) {
        i = packedRun(in, i, out) - 1;
        continue;
      }
      ExprRef value = directions_.size() > 1 ? hoist(s.value, out, s.origin) : s.value;
      for (size_t k = 0; k < directions_.size(); ++k) tangentStmt(s, value, k, out);
    }
    return out;
  }

  const Function& in_;
  Function out_;
  long cols_, first_, width_, stride_;
  bool packed_;
  VarId J_ = kNoVar, direction_ = kNoVar;  // (packed: the counter of the direction loop being built)
  int nextLoop_ = 0;
  std::map<VarId, long> firstCol_;  // per input: its first column
  std::set<int> directionLoops_;
  std::vector<Role> role_;
  std::vector<Direction> directions_;
  std::map<VarId, long> firstRow_;
  std::vector<std::vector<VarId>> copies_;
  std::vector<int> loops_;
  std::set<VarId> zeros_;  // copies of temporaries that hold a zero tangent
  const std::map<VarId, Factor> factored_;
  FactorSurvey survey_;
  RunForms forms_;

 public:
  const FactorSurvey& survey() const { return survey_; }
};

}  // namespace

namespace {

// Strip after strip: each sweep computes f again with its own locals (and
// loop ids), writes its columns of the matrix; the last one returns.
Function bySweeps(const Function& fn, size_t sourceParams, const std::vector<VarId>& tangents, long rows, long cols,
                  FunctionKind kind, long packAbove) {
  const Bundler probe(fn, sourceParams, tangents, rows, cols, kind, 0, 1, true);
  const bool packed = cols > packAbove && probe.packable();
  // Packed, the frame holds every tangent array D times: D up to
  // kMaxPackedDirections while that stays within kPackedFrameElements (or
  // within what the cloned layout's kMaxDirections copies would hold).
  long most = kMaxDirections;
  if (packed)
    most = std::clamp(kPackedFrameElements / std::max(probe.tangentArrayElements(), 1L), kMaxDirections,
                      kMaxPackedDirections);
  const long sweeps = (cols + most - 1) / most, width = (cols + sweeps - 1) / sweeps;
  // Padded to whole vectors while the frame stays within bounds.
  const long elements = probe.tangentArrayElements();
  const long padded = Bundler::paddedWidth(width, Bundler::vectorLanes(fn, sourceParams));
  const bool pad = packed && elements * padded <= std::max(kPackedFrameElements, elements * width);
  auto runSweeps = [&](const Function& from, const std::vector<VarId>& locals, const std::map<VarId, Factor>& plan,
                     std::set<VarId>& violations) {
    Function out;
    for (long first = 0; first < cols; first += width) {
      Bundler b(from, sourceParams, locals, rows, cols, kind, first, std::min(first + width, cols), packed, pad, plan);
      Function part = b.run();
      violations.insert(b.survey().violations.begin(), b.survey().violations.end());
      if (first == 0) out = std::move(part);
      else appendSweep(out, std::move(part));
    }
    out.directionSweeps = sweeps;
    out.packedDirections = packed;
    return out;
  };
  if (!packed) {
    std::set<VarId> none;
    return runSweeps(fn, tangents, {}, none);
  }
  // Packed: the tangent arrays a sweep that factors none finds factorable,
  // narrowed until a sweep keeps every one of them factored.
  Bundler surveyor(fn, sourceParams, tangents, rows, cols, kind, 0, std::min(width, cols), packed, pad);
  surveyor.run();
  const FactorSurvey survey = surveyor.survey();
  std::set<VarId> chosen = factorable(fn, survey);
  for (;;) {
    Factoring f = factoring(fn, tangents, chosen, survey);
    std::set<VarId> violations;
    Function out = runSweeps(f.fn, f.tangents, f.plan, violations);
    if (violations.empty()) return out;
    for (VarId v : violations) chosen.erase(v);
  }
}

}  // namespace

bool bundlesDirections(long cols) { return cols <= kMaxDirections * kMaxDirectionSweeps; }

Function jacobianByDirections(const Function& jvp, size_t sourceParams, const std::vector<VarId>& tangents, long rows,
                              long cols, long packAbove) {
  return bySweeps(jvp, sourceParams, tangents, rows, cols, FunctionKind::Jacobian, packAbove);
}

Function hessianByDirections(const Function& hvp, size_t sourceParams, const std::vector<VarId>& tangents, long n,
                             long packAbove) {
  return bySweeps(hvp, sourceParams, tangents, n, n, FunctionKind::Hessian, packAbove);
}

}  // namespace gradc::forward
