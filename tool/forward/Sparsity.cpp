// Dependence analysis for the sparse Jacobian and Hessian (docs/forward.md).
//
// The function is executed abstractly: each floating value (each element of
// an array of known length) holds the set of input components it may depend
// on, and integers their value when it is known. Loops whose bounds are known
// run iteration by iteration, so `r[i] = x[i-1] - 2*x[i] + x[i+1]` gives row
// i exactly; an index that is not known writes every element (weakly) and
// reads their union; a condition not known runs both branches and joins
// them; a loop of unknown trip count iterates to a fixpoint. Anything else
// (or too much work) makes the pattern dense: it may over-approximate,
// never miss a nonzero.
#include "forward/Sparsity.h"

#include "llvm/ADT/BitVector.h"

#include <algorithm>
#include <map>
#include <optional>

namespace gradc {

using namespace ir;

namespace {

using Bits = llvm::BitVector;
constexpr long kBudget = 20'000'000;  // statement x cell steps before giving up (dense)

struct State {
  std::vector<std::vector<Bits>> cells;   // per variable: one set per element (one for a scalar)
  std::vector<std::optional<long>> ints;  // per variable: a known integer value
  Bits returned;                          // what a `return e` may have returned

  bool join(const State& o) {  // this |= o; whether anything changed
    bool changed = false;
    for (size_t v = 0; v < cells.size(); ++v)
      for (size_t k = 0; k < cells[v].size(); ++k) {
        Bits before = cells[v][k];
        cells[v][k] |= o.cells[v][k];
        changed = changed || before != cells[v][k];
      }
    for (size_t v = 0; v < ints.size(); ++v)
      if (ints[v] && ints[v] != o.ints[v]) ints[v].reset(), changed = true;
    Bits before = returned;
    returned |= o.returned;
    return changed || before != returned;
  }
};

class Analysis {
 public:
  Analysis(const Function& fn, int columns) : fn_(fn), columns_(columns) {
    st_.cells.resize(fn.vars.size());
    st_.ints.resize(fn.vars.size());
    st_.returned = Bits(columns);
    for (size_t v = 0; v < fn.vars.size(); ++v) {
      const Var& var = fn.vars[v];
      if (var.isRecord() || var.isMember() || var.elementRef) unsupported_ = "'" + var.name + "' is a struct or a reference";
      // An array of unknown length is one summary cell (every write weak).
      size_t n = length(static_cast<VarId>(v)) >= 0 ? static_cast<size_t>(length(static_cast<VarId>(v))) : 1;
      st_.cells[v].assign(var.type.isFloating() ? n : 0, Bits(columns));
      if (var.role == VarRole::Adjoint && var.loop >= 0) loopAdjoints_[var.loop].push_back(static_cast<VarId>(v));
    }
  }

  // Sets input p's components to columns col, col + 1, ...
  void seed(VarId p, int col) {
    for (Bits& b : st_.cells[static_cast<size_t>(p)]) b.set(static_cast<unsigned>(col++));
  }

  // Runs the body; false (with why()) if the pattern must be dense.
  bool run() {
    if (!unsupported_.empty()) return false;
    exec(fn_.body);
    if (exited_) st_.join(*exited_);
    return unsupported_.empty() && steps_ <= kBudget;
  }

  std::string why() const { return steps_ > kBudget ? "the function takes too many steps to follow" : unsupported_; }
  const std::vector<Bits>& cells(VarId v) const { return st_.cells[static_cast<size_t>(v)]; }
  const Bits& returned() const { return st_.returned; }

 private:
  // Elements of an array (a gradient `T* d_p` has its input's), 1 for a
  // scalar, -1 when known only at run time.
  long length(VarId v) const {
    const Var& var = fn_.var(v);
    if (!var.isArray()) return 1;
    if (var.arraySize >= 0) return var.arraySize;
    if (var.role == VarRole::AdjointOut && var.primal != kNoVar) {
      const Var& p = fn_.var(var.primal);
      return p.isArray() ? p.arraySize : 1;
    }
    return -1;
  }
  bool exact(VarId v) const { return length(v) >= 0; }

  std::optional<long> integer(const ExprRef& e) const {
    if (!e) return std::nullopt;
    const Expr& x = *e;
    if (x.type.isFloating() && x.op != Op::Const) return std::nullopt;
    auto arg = [&](size_t k) { return integer(x.args[k]); };
    switch (x.op) {
      case Op::Const: return x.type.isFloating() ? std::nullopt : std::optional<long>(static_cast<long>(x.number));
      case Op::Global:
        return x.knownValue && x.args.empty() ? std::optional<long>(static_cast<long>(x.number)) : std::nullopt;
      case Op::Var: return st_.ints[static_cast<size_t>(x.var)];
      case Op::Cast: return x.args[0]->type.isFloating() ? std::nullopt : arg(0);
      case Op::Neg: return arg(0) ? std::optional<long>(-*arg(0)) : std::nullopt;
      case Op::Not: return arg(0) ? std::optional<long>(!*arg(0)) : std::nullopt;
      case Op::Select: {
        std::optional<long> c = arg(0);
        return c ? arg(*c ? 1 : 2) : std::nullopt;
      }
      default: break;
    }
    if (x.args.size() != 2) return std::nullopt;
    std::optional<long> a = arg(0), b = arg(1);
    if (x.op == Op::LAnd && ((a && !*a) || (b && !*b))) return 0;
    if (x.op == Op::LOr && ((a && *a) || (b && *b))) return 1;
    if (!a || !b) return std::nullopt;
    switch (x.op) {
      case Op::Add: return *a + *b;
      case Op::Sub: return *a - *b;
      case Op::Mul: return *a * *b;
      case Op::Div: return *b ? std::optional<long>(*a / *b) : std::nullopt;
      case Op::Rem: return *b ? std::optional<long>(*a % *b) : std::nullopt;
      case Op::Lt: return *a < *b;
      case Op::Le: return *a <= *b;
      case Op::Gt: return *a > *b;
      case Op::Ge: return *a >= *b;
      case Op::Eq: return *a == *b;
      case Op::Ne: return *a != *b;
      case Op::LAnd: return *a && *b;
      case Op::LOr: return *a || *b;
      case Op::BitAnd: return *a & *b;
      case Op::BitOr: return *a | *b;
      case Op::BitXor: return *a ^ *b;
      case Op::Shl: return *b >= 0 && *b < 32 ? std::optional<long>(*a << *b) : std::nullopt;
      case Op::Shr: return *b >= 0 && *b < 32 ? std::optional<long>(*a >> *b) : std::nullopt;
      default: return std::nullopt;
    }
  }

  // The element `index` selects in v, or nullopt for any (unknown or out of range).
  std::optional<size_t> element(VarId v, const ExprRef& index) const {
    const auto& c = st_.cells[static_cast<size_t>(v)];
    if (!exact(v)) return std::nullopt;
    if (!index) return c.size() == 1 ? std::optional<size_t>(0) : std::nullopt;
    std::optional<long> k = integer(index);
    if (!k || *k < 0 || static_cast<size_t>(*k) >= c.size()) return std::nullopt;
    return static_cast<size_t>(*k);
  }

  Bits all(VarId v) {
    steps_ += static_cast<long>(st_.cells[static_cast<size_t>(v)].size());
    Bits out(columns_);
    for (const Bits& b : st_.cells[static_cast<size_t>(v)]) out |= b;
    return out;
  }

  // The input components a floating expression may depend on.
  Bits deps(const ExprRef& e) {
    Bits out(columns_);
    if (e && e->type.isFloating()) collect(*e, out);  // (an integer has no derivative)
    return out;
  }

  void collect(const Expr& x, Bits& out) {
    ++steps_;
    if (x.op == Op::Var) {
      if (!st_.cells[static_cast<size_t>(x.var)].empty()) out |= all(x.var);
      return;
    }
    if (x.op == Op::Load) {
      if (st_.cells[static_cast<size_t>(x.var)].empty()) return;
      std::optional<size_t> k = element(x.var, x.args[0]);
      out |= k ? st_.cells[static_cast<size_t>(x.var)][*k] : all(x.var);
      return;
    }
    if (x.op == Op::Global || x.op == Op::Const) return;
    if (x.op == Op::Select)  // a known condition: only its branch is evaluated (`i > 0 ? u[i - 1] : 0.0`)
      if (std::optional<long> c = integer(x.args[0])) return collect(*x.args[*c ? 1 : 2], out);
    for (const ExprRef& a : x.args)
      if (a->type.isFloating() || a->op == Op::Call || a->op == Op::Var) collect(*a, out);
  }

  void write(VarId v, const ExprRef& index, const Bits& d, bool add) {
    auto& c = st_.cells[static_cast<size_t>(v)];
    if (c.empty()) return;
    std::optional<size_t> k = element(v, index);
    steps_ += static_cast<long>(k ? 1 : c.size());
    if (!k) {
      for (Bits& b : c) b |= d;  // any element: each keeps what it had, or gets d
    } else if (add) {
      c[*k] |= d;
    } else {
      c[*k] = d;
    }
  }

  void exec(const Block& block) {
    for (const Stmt& s : block) {
      if (steps_ > kBudget || !unsupported_.empty()) return;
      exec(s);
    }
  }

  void exec(const Stmt& s) {
    ++steps_;
    switch (s.kind) {
      case StmtKind::Assign:
      case StmtKind::Accumulate: {
        const Var& v = fn_.var(s.dst);
        if (!v.type.isFloating()) {
          auto& known = st_.ints[static_cast<size_t>(s.dst)];
          std::optional<long> value = integer(s.value);
          if (v.isArray()) return;  // (an integer array's elements are never known)
          known = s.kind == StmtKind::Assign ? value : known && value ? std::optional<long>(*known + *value) : std::nullopt;
          return;
        }
        write(s.dst, s.index, deps(s.value), s.kind == StmtKind::Accumulate);
        return;
      }
      case StmtKind::If: {
        std::optional<long> c = integer(s.value);
        if (c) return exec(*c ? s.thenBlock : s.elseBlock);
        steps_ += static_cast<long>(st_.cells.size());
        State before = st_;
        exec(s.thenBlock);
        std::swap(before, st_);  // st_: the state before, `before`: after then
        exec(s.elseBlock);
        st_.join(before);
        return;
      }
      case StmtKind::Return:  // (the outputs as they are here are f's too)
        if (s.value) st_.returned |= deps(s.value);
        if (exited_) exited_->join(st_);
        else exited_ = st_;
        return;
      case StmtKind::PullbackCall: {  // each out may get anything the arguments depend on
        Bits d(columns_);
        for (const ExprRef& a : s.args) collect(*a, d);
        for (VarId o : s.outs)
          if (o != kNoVar) write(o, nullptr, d, true);
        return;
      }
      case StmtKind::For: return loop(s);
      case StmtKind::Effect: return;
    }
  }

  void loop(const Stmt& s) {
    size_t i = static_cast<size_t>(s.dst);
    std::optional<long> from = integer(s.args[0]), to = integer(s.args[1]), step = integer(s.args[2]);
    if (from && to && step && *step > 0) {  // known trip count: one iteration at a time
      long n = *to > *from ? (*to - *from + *step - 1) / *step : 0;
      for (long k = 0; k < n && steps_ <= kBudget && unsupported_.empty(); ++k) {
        st_.ints[i] = *from + (s.descending ? n - 1 - k : k) * *step;
        freshIteration(s.loopId);
        exec(s.thenBlock);
      }
      st_.ints[i].reset();
      return;
    }
    // Unknown trip count: zero or more iterations, any counter value; the
    // state grows (union) until one more iteration adds nothing.
    forgetIntegers(s.thenBlock);
    st_.ints[i].reset();
    for (bool changed = true; changed && steps_ <= kBudget && unsupported_.empty();) {
      State before = st_;
      freshIteration(s.loopId);
      exec(s.thenBlock);
      st_.ints[i].reset();
      std::swap(before, st_);
      changed = st_.join(before);
    }
  }

  // A local adjoint of a loop's iteration (Var::loop) starts at zero in each.
  void freshIteration(int loop) {
    for (VarId v : loopAdjoints_[loop]) {
      steps_ += static_cast<long>(st_.cells[static_cast<size_t>(v)].size());
      for (Bits& b : st_.cells[static_cast<size_t>(v)]) b.reset();
    }
  }

  void forgetIntegers(const Block& b) {
    forEachStmt(b, [&](const Stmt& s) {
      if (s.dst != kNoVar && (s.kind == StmtKind::Assign || s.kind == StmtKind::For)) st_.ints[static_cast<size_t>(s.dst)].reset();
    });
  }

  const Function& fn_;
  int columns_;
  State st_;
  long steps_ = 0;
  std::string unsupported_;
  std::map<int, std::vector<VarId>> loopAdjoints_;
  std::optional<State> exited_;  // the states where a `return` left, joined
};

long components(const Function& fn, VarId p) { return fn.var(p).isArray() ? fn.var(p).arraySize : 1; }

Pattern densePattern(size_t rows, int cols, std::string why) {
  Pattern p;
  std::vector<int> all(static_cast<size_t>(cols));
  for (int c = 0; c < cols; ++c) all[static_cast<size_t>(c)] = c;
  p.rows.assign(rows, all);
  p.note = std::move(why);
  return p;
}

std::vector<int> columnsOf(const Bits& b) {
  std::vector<int> out;
  for (int c : b.set_bits()) out.push_back(c);
  return out;
}

}  // namespace

Pattern jacobianPattern(const Function& fn) {
  int cols = 0;
  for (VarId p : fn.wrt) cols += static_cast<int>(components(fn, p));
  size_t rows = fn.result != kNoVar ? 1 : 0;
  for (VarId p : fn.params)
    if (fn.var(p).isOutput && fn.var(p).type.isFloating()) rows += static_cast<size_t>(fn.var(p).arraySize);
  Analysis a(fn, cols);
  int col = 0;
  for (VarId p : fn.wrt) a.seed(p, col), col += static_cast<int>(components(fn, p));
  if (!a.run()) return densePattern(rows, cols, a.why());
  Pattern out;
  for (VarId p : fn.params)
    if (fn.var(p).isOutput && fn.var(p).type.isFloating())
      for (const Bits& b : a.cells(p)) out.rows.push_back(columnsOf(b));
  if (fn.result != kNoVar) {
    Bits last = a.returned();
    for (const Bits& b : a.cells(fn.result)) last |= b;
    out.rows.push_back(columnsOf(last));
  }
  return out;
}

Pattern hessianPattern(const Function& pullback) {
  const Function& fn = pullback;
  int n = 0;
  for (VarId p : fn.wrt) n += static_cast<int>(components(fn, p));
  Analysis a(fn, n);
  int col = 0;
  for (VarId p : fn.wrt) a.seed(p, col), col += static_cast<int>(components(fn, p));
  if (!a.run()) return densePattern(static_cast<size_t>(n), n, a.why());
  std::vector<Bits> rows;
  for (VarId p : fn.wrt) {
    auto d = std::find_if(fn.params.begin(), fn.params.end(), [&](VarId q) {
      return fn.var(q).role == VarRole::AdjointOut && fn.var(q).primal == p;
    });
    if (d == fn.params.end() || a.cells(*d).size() != static_cast<size_t>(components(fn, p)))
      return densePattern(static_cast<size_t>(n), n, "the gradient of '" + fn.var(p).name + "' was not found");
    for (const Bits& b : a.cells(*d)) rows.push_back(b);
  }
  for (size_t r = 0; r < rows.size(); ++r)  // symmetric: H_ij and H_ji are the same number
    for (int c : rows[r].set_bits()) rows[static_cast<size_t>(c)].set(static_cast<unsigned>(r));
  Pattern out;
  for (const Bits& b : rows) out.rows.push_back(columnsOf(b));
  return out;
}

std::vector<int> colourColumns(const std::vector<std::vector<int>>& rows, int cols) {
  std::vector<std::vector<int>> rowsOf(static_cast<size_t>(cols));
  for (size_t r = 0; r < rows.size(); ++r)
    for (int c : rows[r]) rowsOf[static_cast<size_t>(c)].push_back(static_cast<int>(r));
  std::vector<int> colour(static_cast<size_t>(cols), -1);
  for (int c = 0; c < cols; ++c) {
    std::vector<bool> taken;
    for (int r : rowsOf[static_cast<size_t>(c)])
      for (int other : rows[static_cast<size_t>(r)]) {
        int k = colour[static_cast<size_t>(other)];
        if (k < 0) continue;
        if (taken.size() <= static_cast<size_t>(k)) taken.resize(static_cast<size_t>(k) + 1);
        taken[static_cast<size_t>(k)] = true;
      }
    int k = 0;
    while (static_cast<size_t>(k) < taken.size() && taken[static_cast<size_t>(k)]) ++k;
    colour[static_cast<size_t>(c)] = k;
  }
  return colour;
}

}  // namespace gradc
