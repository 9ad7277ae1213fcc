#include "ir/IR.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <sstream>

namespace gradc::ir {

ExprRef constant(double value, Type type, std::string spelling) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Const;
  e->type = std::move(type);
  e->number = value;
  e->text = std::move(spelling);
  return e;
}

ExprRef varRef(VarId id, Type type) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Var;
  e->type = std::move(type);
  e->var = id;
  return e;
}

ExprRef unary(Op op, ExprRef a, Type type) {
  auto e = std::make_shared<Expr>();
  e->op = op;
  e->type = std::move(type);
  e->args = {std::move(a)};
  return e;
}

ExprRef binary(Op op, ExprRef a, ExprRef b, Type type) {
  auto e = std::make_shared<Expr>();
  e->op = op;
  e->type = std::move(type);
  e->args = {std::move(a), std::move(b)};
  return e;
}

ExprRef select(ExprRef cond, ExprRef a, ExprRef b) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Select;
  e->type = a->type;
  e->args = {std::move(cond), std::move(a), std::move(b)};
  return e;
}

ExprRef cast(ExprRef a, Type to, bool implicit) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Cast;
  e->type = std::move(to);
  e->implicitCast = implicit;
  e->args = {std::move(a)};
  return e;
}

ExprRef call(std::shared_ptr<const Callee> callee, std::vector<ExprRef> args, Type type) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Call;
  e->type = std::move(type);
  e->callee = std::move(callee);
  e->args = std::move(args);
  return e;
}

ExprRef withArgs(const Expr& e, std::vector<ExprRef> args) {
  auto copy = std::make_shared<Expr>(e);
  copy->args = std::move(args);
  return copy;
}

ExprRef load(VarId array, ExprRef index, Type type) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Load;
  e->type = std::move(type);
  e->var = array;
  e->args = {std::move(index)};
  return e;
}

Stmt assign(VarId dst, ExprRef value, int origin) {
  Stmt s;
  s.kind = StmtKind::Assign;
  s.dst = dst;
  s.value = std::move(value);
  s.origin = origin;
  return s;
}

Stmt accumulate(VarId dst, ExprRef value, int origin) {
  Stmt s = assign(dst, std::move(value), origin);
  s.kind = StmtKind::Accumulate;
  return s;
}

const char* opName(Op op) {
  switch (op) {
    case Op::Const: return "const";
    case Op::Var: return "var";
    case Op::Global: return "global";
    case Op::Neg: return "-";
    case Op::Not: return "!";
    case Op::Cast: return "cast";
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Rem: return "%";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::LAnd: return "&&";
    case Op::LOr: return "||";
    case Op::BitAnd: return "&";
    case Op::BitOr: return "|";
    case Op::BitXor: return "^";
    case Op::Shl: return "<<";
    case Op::Shr: return ">>";
    case Op::Select: return "?:";
    case Op::Call: return "call";
    case Op::Load: return "load";
  }
  return "?";
}

bool isComparison(Op op) {
  return op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge || op == Op::Eq ||
         op == Op::Ne;
}

void renameVars(Block& block, const std::vector<VarId>& to, const Function& fn) {
  std::vector<ExprRef> byVar(to.size());
  for (size_t v = 0; v < to.size(); ++v)
    if (to[v] != kNoVar) byVar[v] = fn.ref(to[v]);
  auto re = [&](VarId v) {
    return v != kNoVar && static_cast<size_t>(v) < to.size() && to[static_cast<size_t>(v)] != kNoVar ? to[static_cast<size_t>(v)] : v;
  };
  for (Stmt& st : block) {
    st.dst = re(st.dst);
    if (st.value) st.value = substitute(st.value, byVar);
    if (st.index) st.index = substitute(st.index, byVar);
    for (auto& a : st.args) a = substitute(a, byVar);
    for (auto& o : st.outs) o = re(o);
    renameVars(st.thenBlock, to, fn);
    renameVars(st.elseBlock, to, fn);
  }
}

ExprRef substitute(const ExprRef& e, const std::vector<ExprRef>& byVar) {
  if (e->op == Op::Load) {
    // An array can only be renamed to another array.
    size_t i = static_cast<size_t>(e->var);
    ExprRef index = substitute(e->args[0], byVar);
    VarId to = i < byVar.size() && byVar[i] && byVar[i]->op == Op::Var ? byVar[i]->var : e->var;
    return to == e->var && index == e->args[0] ? e : load(to, index, e->type);
  }
  if (e->op == Op::Var) {
    size_t i = static_cast<size_t>(e->var);
    return i < byVar.size() && byVar[i] ? byVar[i] : e;
  }
  if (e->args.empty()) return e;
  std::vector<ExprRef> args;
  bool changed = false;
  for (const auto& a : e->args) {
    args.push_back(substitute(a, byVar));
    changed = changed || args.back() != a;
  }
  return changed ? withArgs(*e, std::move(args)) : e;
}

bool sameExpr(const ExprRef& a, const ExprRef& b) {
  if (a->op != b->op || a->var != b->var || a->number != b->number || a->text != b->text ||
      a->args.size() != b->args.size() || a->callee != b->callee)
    return false;
  for (size_t i = 0; i < a->args.size(); ++i)
    if (!sameExpr(a->args[i], b->args[i])) return false;
  return true;
}

std::optional<long> integerConstant(const ExprRef& e) {
  if (e->op == Op::Const || (e->op == Op::Global && e->knownValue)) return static_cast<long>(e->number);
  if (e->op == Op::Cast && e->type.kind == TypeKind::Int) return integerConstant(e->args[0]);  // (unsigned)0
  if (e->args.size() != 2 || (e->op != Op::Add && e->op != Op::Sub && e->op != Op::Mul)) return std::nullopt;
  auto a = integerConstant(e->args[0]), b = integerConstant(e->args[1]);
  if (!a || !b) return std::nullopt;
  return e->op == Op::Add ? *a + *b : e->op == Op::Sub ? *a - *b : *a * *b;
}

namespace {

// `e` as `counter + c` (casts of integers ignored): c.
std::optional<long> counterOffset(const ExprRef& e, VarId counter) {
  if (e->op == Op::Cast && e->type.kind == TypeKind::Int && !e->args.empty()) return counterOffset(e->args[0], counter);
  if (e->op == Op::Var && e->var == counter) return 0;
  if (e->op == Op::Add && e->args.size() == 2)
    if (auto c = integerConstant(e->args[1]))
      if (auto base = counterOffset(e->args[0], counter)) return *base + *c;
  return std::nullopt;
}

// A top-level loop counting up by one, without a return in it.
bool countedUp(const Stmt& s) {
  if (s.kind != StmtKind::For || s.descending || containsReturn(s) || s.args.size() < 3) return false;
  std::optional<long> step = integerConstant(s.args[2]);
  return step && *step == 1;
}

}  // namespace

bool readsIncoming(const Function& fn, VarId v, bool accumulates) {
  std::set<long> written;
  // (bounds the body never assigns: equal expressions, equal values)
  std::set<VarId> assigned;
  forEachStmt(fn.body, [&](const Stmt& s) {
    if (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate || s.kind == StmtKind::For) assigned.insert(s.dst);
  });
  auto fixedBounds = [&](const Stmt& loop) {
    std::vector<VarId> r;
    collectReads(loop.args[0], r);
    collectReads(loop.args[1], r);
    return std::none_of(r.begin(), r.end(), [&](VarId x) { return assigned.count(x) > 0; });
  };
  // Loops whose body writes v[counter + c] unconditionally at its top:
  // (loop, c). A later loop over the same bounds reading v[counter + c] reads
  // what they wrote.
  std::vector<std::pair<const Stmt*, long>> sweeps;
  auto writtenBefore = [&](const Expr& x, const Stmt* loop) {
    if (std::optional<long> at = integerConstant(x.args[0])) return written.count(*at) > 0;
    if (!loop) return false;
    std::optional<long> c = counterOffset(x.args[0], loop->dst);
    return c && std::any_of(sweeps.begin(), sweeps.end(), [&](const auto& w) {
             return w.second == *c && sameExpr(w.first->args[0], loop->args[0]) &&
                    sameExpr(w.first->args[1], loop->args[1]);
           });
  };
  for (const Stmt& top : fn.body) {
    const Block one{top};  // (forEachStmt walks a block: statements compared by address in it)
    const Stmt* loop = countedUp(one[0]) ? &one[0] : nullptr;
    bool found = false;
    forEachStmt(one, [&](const Stmt& s) {
      if (accumulates && s.kind == StmtKind::Accumulate && s.dst == v) found = true;
      // (only the loop's own counter indexes what it covers: not an inner loop's statement)
      const Stmt* at = loop && std::any_of(loop->thenBlock.begin(), loop->thenBlock.end(),
                                           [&](const Stmt& b) { return &b == &s; })
                           ? loop
                           : nullptr;
      auto look = [&](const ExprRef& e) {
        forEachExpr(e, [&](const Expr& x) {
          if (x.op == Op::Load && x.var == v) found = found || !writtenBefore(x, at);
        });
      };
      if (s.value) look(s.value);
      if (s.index) look(s.index);
      for (const ExprRef& a : s.args) look(a);
    });
    if (found) return true;
    if (top.kind == StmtKind::Assign && top.dst == v && top.index)
      if (std::optional<long> at = integerConstant(top.index)) written.insert(*at);
    if (loop && fixedBounds(top))  // (&top, not the copy `one`, which this iteration ends)
      for (const Stmt& b : top.thenBlock)
        if (b.kind == StmtKind::Assign && b.dst == v && b.index)
          if (std::optional<long> c = counterOffset(b.index, top.dst)) sweeps.push_back({&top, *c});
  }
  return false;
}

void collectReads(const ExprRef& e, std::vector<VarId>& out) {
  forEachExpr(e, [&](const Expr& x) {
    if (x.op == Op::Var || x.op == Op::Load) out.push_back(x.var);
  });
}

void walkScopes(const Function& fn, const std::function<void(VarId)>& declare, const std::function<void(VarId)>& use,
                const std::function<void(VarId)>& leave) {
  auto useAll = [&](const ExprRef& e) {
    forEachExpr(e, [&](const Expr& x) {
      if (x.op == Op::Var || x.op == Op::Load) use(x.var);
    });
  };
  std::vector<VarId> open;  // declared in the open blocks, innermost last
  auto close = [&](size_t mark) {
    for (; open.size() > mark; open.pop_back()) leave(open.back());
  };
  std::function<void(const Block&)> walk = [&](const Block& b) {
    size_t mark = open.size();
    for (const Stmt& s : b) {
      for (const ExprRef& a : s.args) useAll(a);
      useAll(s.value);
      useAll(s.index);
      if (s.kind == StmtKind::Assign && s.declares) {
        if (fn.var(s.dst).reusesStorageOf != kNoVar) use(fn.var(s.dst).reusesStorageOf);
        declare(s.dst);
        open.push_back(s.dst);
      }
      size_t inner = open.size();
      if (s.kind == StmtKind::For) {
        declare(s.dst);
        open.push_back(s.dst);
      } else if (s.dst != kNoVar) {
        use(s.dst);
      }
      for (VarId o : s.outs) use(o);
      walk(s.thenBlock);
      walk(s.elseBlock);
      close(inner);
    }
    close(mark);
  };
  walk(fn.body);
}

bool reads(const ExprRef& e, VarId v) {
  bool found = false;
  forEachExpr(e, [&](const Expr& x) { found = found || ((x.op == Op::Var || x.op == Op::Load) && x.var == v); });
  return found;
}

namespace {

void dumpExpr(const Function& f, const ExprRef& e, std::ostream& os) {
  switch (e->op) {
    case Op::Const: os << (e->text.empty() ? std::to_string(e->number) : e->text); return;
    case Op::Var: os << f.var(e->var).name; return;
    case Op::Load:
      os << f.var(e->var).name << "[";
      dumpExpr(f, e->args[0], os);
      os << "]";
      return;
    case Op::Global:
      os << e->text;
      for (const auto& index : e->args) {
        os << "[";
        dumpExpr(f, index, os);
        os << "]";
      }
      return;
    case Op::Call: os << e->callee->spelling; break;
    case Op::Cast: os << "(" << e->type.spelling << ")"; break;
    default: os << opName(e->op); break;
  }
  os << "(";
  for (size_t i = 0; i < e->args.size(); ++i) {
    if (i) os << ", ";
    dumpExpr(f, e->args[i], os);
  }
  os << ")";
}

void dumpBlock(const Function& f, const Block& b, int depth, std::ostream& os) {
  std::string pad(static_cast<size_t>(depth) * 2, ' ');
  for (const Stmt& s : b) {
    os << pad;
    switch (s.kind) {
      case StmtKind::Assign:
      case StmtKind::Accumulate:
        os << f.var(s.dst).name;
        if (s.index) {
          os << "[";
          dumpExpr(f, s.index, os);
          os << "]";
        }
        os << (s.kind == StmtKind::Assign ? " = " : " += ");
        if (s.value)
          dumpExpr(f, s.value, os);
        else
          os << "<declared>";
        if (s.overwrites) os << "   [overwrites]";
        os << "\n";
        break;
      case StmtKind::Return:
        os << "return ";
        if (s.value)
          dumpExpr(f, s.value, os);
        else
          os << "<abandon>";
        os << "\n";
        break;
      case StmtKind::If:
        os << "if ";
        dumpExpr(f, s.value, os);
        os << "\n";
        dumpBlock(f, s.thenBlock, depth + 1, os);
        if (!s.elseBlock.empty()) {
          os << pad << "else\n";
          dumpBlock(f, s.elseBlock, depth + 1, os);
        }
        break;
      case StmtKind::For:
        os << (s.reverse ? "for-reverse " : "for ") << f.var(s.dst).name << " in [";
        dumpExpr(f, s.args[0], os);
        os << ", ";
        dumpExpr(f, s.args[1], os);
        os << ") step ";
        dumpExpr(f, s.args[2], os);
        os << "\n";
        dumpBlock(f, s.thenBlock, depth + 1, os);
        break;
      case StmtKind::Effect:
        os << "effect " << s.callee->spelling << "(";
        for (const auto& a : s.args) {
          dumpExpr(f, a, os);
          os << ", ";
        }
        os << ")\n";
        break;
      case StmtKind::PullbackCall:
        os << s.callee->pullbackName() << "(";
        for (const auto& a : s.args) {
          dumpExpr(f, a, os);
          os << ", ";
        }
        for (VarId o : s.outs) os << "&" << (o == kNoVar ? "_" : f.var(o).name) << " ";
        os << ")\n";
        break;
    }
  }
}

}  // namespace

std::string dump(const Function& f) {
  std::ostringstream os;
  os << "function " << f.name << "(";
  for (size_t i = 0; i < f.params.size(); ++i)
    os << (i ? ", " : "") << f.var(f.params[i]).type.spelling << " " << f.var(f.params[i]).name;
  os << ")\n";
  dumpBlock(f, f.body, 1, os);
  return os.str();
}

bool containsReturn(const Stmt& s) {
  bool found = s.kind == StmtKind::Return;
  forEachStmt(s.thenBlock, [&](const Stmt& t) { found = found || t.kind == StmtKind::Return; });
  forEachStmt(s.elseBlock, [&](const Stmt& t) { found = found || t.kind == StmtKind::Return; });
  return found;
}

std::set<VarId> arraysStoredUnderIf(const Block& body) {
  std::set<VarId> out;
  std::function<void(const Block&, bool)> walk = [&](const Block& b, bool underIf) {
    for (const Stmt& s : b) {
      if (underIf && s.index && s.kind == StmtKind::Assign) out.insert(s.dst);
      bool inner = underIf || s.kind == StmtKind::If;
      walk(s.thenBlock, inner);
      walk(s.elseBlock, inner);
    }
  };
  walk(body, false);
  return out;
}

long bytesOf(const Type& t) {
  switch (t.kind) {
    case TypeKind::Double: return 8;
    case TypeKind::Float: return 4;
    case TypeKind::Bool: return 1;
    case TypeKind::Int: {
      const std::string& s = t.spelling;
      bool wide = s.find("long") != std::string::npos || s.find("64") != std::string::npos ||
                  s.find("size_t") != std::string::npos;
      return wide ? 8 : 4;
    }
    default: return 8;
  }
}

std::set<VarId> arraysDeclaredZeroed(const Function& fn) {
  std::set<VarId> out = arraysStoredUnderIf(fn.body);
  for (size_t v = 0; v < fn.vars.size(); ++v)
    if (fn.vars[v].declaredZeroed) out.insert(static_cast<VarId>(v));
  return out;
}

std::vector<ExprRef> stableIntegerCopies(const Function& fn, std::vector<int>& writes) {
  writes.assign(fn.vars.size(), 0);
  std::vector<ExprRef> def(fn.vars.size());
  std::vector<bool> mixed(fn.vars.size(), false);
  forEachStmt(fn.body, [&](const Stmt& s) {
    if (s.dst == kNoVar) return;
    size_t d = static_cast<size_t>(s.dst);
    ++writes[d];
    if (s.kind != StmtKind::Assign || s.index || !s.value) mixed[d] = true;
    else if (!def[d]) def[d] = s.value;
    else if (!sameExpr(def[d], s.value)) mixed[d] = true;
    for (VarId o : s.outs)
      if (o != kNoVar) ++writes[static_cast<size_t>(o)], mixed[static_cast<size_t>(o)] = true;
  });
  std::vector<ExprRef> out(fn.vars.size());
  for (size_t v = 0; v < fn.vars.size(); ++v) {
    const Var& var = fn.vars[v];
    if (mixed[v] || !def[v] || var.isArray() || var.type.kind != TypeKind::Int) continue;
    std::vector<VarId> rs;
    collectReads(def[v], rs);
    bool stable = std::all_of(rs.begin(), rs.end(), [&](VarId r) {
      return writes[static_cast<size_t>(r)] == 0 && !fn.var(r).isArray();
    });
    if (stable) out[v] = def[v];
  }
  return out;
}

std::vector<const Stmt*> derivedCounters(const Stmt& loop, const Block& scope, std::set<VarId> changing) {
  changing.erase(loop.dst);
  std::vector<const Stmt*> out;
  for (const Stmt& s : loop.thenBlock) {
    if (s.kind != StmtKind::Assign || s.index || s.value->type.kind != TypeKind::Int) break;
    int writes = 0;
    forEachStmt(scope, [&](const Stmt& w) { writes += w.dst == s.dst && w.kind != StmtKind::If; });
    std::vector<VarId> r;
    collectReads(s.value, r);
    if (writes != 1 || std::any_of(r.begin(), r.end(), [&](VarId v) { return changing.count(v) > 0; })) break;
    changing.erase(s.dst);
    out.push_back(&s);
  }
  return out;
}

}  // namespace gradc::ir
