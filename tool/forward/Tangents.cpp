#include "forward/Tangents.h"

#include "analyses/Activity.h"
#include "lower/Lower.h"

#include <algorithm>

namespace gradc::forward {

ExprRef TangentSweep::zeroOf(const Type& t) const { return constant(0, t, formatLiteral(0, t.kind)); }

VarId TangentSweep::temp(const Type& type) {
  Var v;
  v.name = "t";
  v.type = type;
  v.role = VarRole::Temp;
  VarId id = out_.addVar(v);
  tangent.push_back(kNoVar);
  varied_.push_back(false);
  return id;
}

// A call's rule. Calls inside rule bodies (`std::cos` in sin's pullback,
// `lg(x)` in lg's user rule, which f_hvp differentiates again) were lowered
// without one: a user rule is found by the callee's declaration, as lowering
// finds it (first), a built-in one by name. A call with none (GRADC_NONDIFF)
// is a constant.
const Rule* TangentSweep::ruleOf(const Expr& call) const {
  if (call.callee->rule || call.callee->function >= 0) return call.callee->rule;
  if (const Rule* user = call.callee->decl ? rules_.findFor(call.callee->decl) : nullptr)
    return user->called ? nullptr : user;  // (a called rule has no body to push forward)
  std::string name = call.callee->spelling;
  for (const char* prefix : {"std::", "::"})
    if (name.rfind(prefix, 0) == 0) name = name.substr(std::string(prefix).size());
  return rules_.find(name, call.args.size());
}

// Like analyses/Activity's differentiableReads, with the calls of rule bodies.
bool TangentSweep::variedRead(const ExprRef& e) const {
  if (!e->type.isFloating()) return false;
  switch (e->op) {
    case Op::Var:
    case Op::Load: return varied_[static_cast<size_t>(e->var)];
    case Op::Const:
    case Op::Global: return false;
    case Op::Select: return variedRead(e->args[1]) || variedRead(e->args[2]);
    case Op::Call:
      // A library call without a rule is a constant while its arguments are;
      // with a varied argument it is varied, and lin() says it has no rule
      // (a user rule's body calling a helper that has none: taken for a
      // constant, it would give hv = 0).
      break;
    default: break;
  }
  return std::any_of(e->args.begin(), e->args.end(), [&](const ExprRef& a) { return variedRead(a); });
}

void TangentSweep::addLocalTangents(const Block& body, const std::vector<VarId>& inputs) {
  for (VarId v : inputs) varied_[static_cast<size_t>(v)] = true;
  forEachStmt(body, [&](const Stmt& s) { nextLoop_ = std::max(nextLoop_, s.loopId + 1); });
  for (const Var& v : out_.vars) nextLoop_ = std::max(nextLoop_, v.loop + 1);
  for (bool changed = true; changed;) {
    changed = false;
    forEachStmt(body, [&](const Stmt& s) {
      if ((s.kind != StmtKind::Assign && s.kind != StmtKind::Accumulate) || s.dst == kNoVar) return;
      const Var& d = out_.var(s.dst);
      if (!d.type.isFloating() || d.constant || varied_[static_cast<size_t>(s.dst)] || !variedRead(s.value)) return;
      varied_[static_cast<size_t>(s.dst)] = true;
      changed = true;
    });
  }
  size_t n = out_.vars.size();
  for (size_t v = 0; v < n; ++v) {
    if (!varied_[v] || tangent[v] != kNoVar) continue;
    const Var p = out_.vars[v];  // (a copy: addVar grows the table)
    Var t;
    t.type = p.type;
    t.loop = p.loop;
    t.arraySize = p.arraySize;
    t.declaredZeroed = p.declaredZeroed;  // (read where its primal is: under a moving pointer's selector)
    // A temporary's tangent is a temporary (folded back by cleanup). Other
    // scalars start at zero: a variable the body updates (`x = x * w`) reads
    // its tangent before writing it. An adjoint's tangent starts at zero as
    // the adjoint does.
    if (p.role == VarRole::Temp) {
      t.name = "t";
      t.role = VarRole::Temp;
    } else {
      t.name = "t_" + p.name;
      t.role = p.isArray() && p.role != VarRole::Adjoint ? VarRole::Local : VarRole::Adjoint;
    }
    tangent[v] = out_.addVar(t);
  }
  tangent.resize(out_.vars.size(), kNoVar);
  varied_.resize(out_.vars.size(), false);
}

void TangentSweep::zero(VarId v, int origin, Block& out) {
  const Var& var = out_.var(v);
  if (!var.isArray()) {
    out.push_back(assign(v, zeroOf(var.type), origin));
    return;
  }
  int loopId = nextLoop_++;
  Var k;
  k.name = "k";
  k.type = Type::integer("int");
  k.role = VarRole::Local;
  k.loop = loopId;
  VarId counter = out_.addVar(k);
  tangent.push_back(kNoVar);
  varied_.push_back(false);
  Type i = Type::integer("int");
  Stmt loop;
  loop.kind = StmtKind::For;
  loop.dst = counter;
  loop.loopId = loopId;
  loop.origin = origin;
  loop.args = {constant(0, i, "0"), constant(static_cast<double>(var.arraySize), i, std::to_string(var.arraySize)),
               constant(1, i, "1")};
  Stmt z = assign(v, zeroOf(var.type), origin);
  z.index = varRef(counter, i);
  loop.thenBlock.push_back(z);
  out.push_back(loop);
}

std::pair<ExprRef, ExprRef> TangentSweep::lin(const ExprRef& e, Block& pre, int origin, VarId into, bool& assigned) {
  if (!e->type.isFloating() || !variedRead(e)) return {e, nullptr};
  switch (e->op) {
    case Op::Var: {
      VarId t = tangent[static_cast<size_t>(e->var)];
      return {e, t == kNoVar ? nullptr : out_.ref(t)};
    }
    case Op::Load: {
      VarId t = tangent[static_cast<size_t>(e->var)];
      return {e, t == kNoVar ? nullptr : load(t, e->args[0], e->type)};
    }
    case Op::Cast: {
      bool unused = false;
      auto [p, t] = lin(e->args[0], pre, origin, kNoVar, unused);
      return {withArgs(*e, {p}), t ? cast(t, e->type, false) : nullptr};
    }
    case Op::Select: {
      bool unused = false;
      auto [p1, t1] = lin(e->args[1], pre, origin, kNoVar, unused);
      auto [p2, t2] = lin(e->args[2], pre, origin, kNoVar, unused);
      ExprRef t = (t1 || t2) ? select(e->args[0], t1 ? t1 : zeroOf(e->type), t2 ? t2 : zeroOf(e->type)) : nullptr;
      return {withArgs(*e, {e->args[0], p1, p2}), t};
    }
    default: break;
  }
  const Rule* rule = nullptr;
  if (e->op == Op::Call) {
    if (e->callee->function >= 0 || (e->callee->rule && e->callee->rule->called)) {
      error = "a call to '" + e->callee->spelling +
              "' (a marked function, or a rule on arrays): forward mode has no pushforward for it yet";
      return {e, nullptr};
    }
    rule = ruleOf(*e);
  } else if (const char* key = operatorRuleKey(e->op, e->args.size())) {
    rule = rules_.find(key, e->args.size());
  }
  if (!rule) {
    error = e->op == Op::Call ? "a call to '" + e->callee->spelling +
                                    "' on a value that varies, with no rule forward mode can find (a user rule's body "
                                    "calls it: give it a GRADC_PULLBACK_OF rule of float/double parameters)"
                              : std::string("the operation '") + opName(e->op) + "' on floating values (no rule)";
    return {e, nullptr};
  }
  std::vector<ExprRef> args, tangents;
  for (const ExprRef& a : e->args) {
    bool unused = false;
    auto [p, t] = lin(a, pre, origin, kNoVar, unused);
    if (!p->isAtom() && p->type.isFloating()) {
      VarId h = temp(p->type);
      pre.push_back(assign(h, p, origin));
      p = out_.ref(h);
    }
    args.push_back(p);
    tangents.push_back(t);
  }
  ExprRef primal = withArgs(*e, args);
  // `a * a`: the square's rule, one term (2a t_a) where the product's makes two.
  bool square = e->op == Op::Mul && e->args[0]->op == Op::Var && e->args[1]->op == Op::Var &&
                e->args[0]->var == e->args[1]->var;
  if (const Rule* sq = square ? rules_.find("a*a", 1) : nullptr)
    return {primal, pushforward(*sq, *e, {args[0]}, {tangents[0]}, primal, origin, pre)};
  if (rule->resultParam != kNoVar) {
    VarId y = into != kNoVar ? into : temp(e->type);
    pre.push_back(assign(y, primal, origin));
    assigned = into != kNoVar;
    primal = out_.ref(y);
  }
  return {primal, pushforward(*rule, *e, args, tangents, primal, origin, pre)};
}

// One term per varied operand: the pullback with its seed replaced by the
// operand's tangent, keeping only the accumulation into that operand.
ExprRef TangentSweep::pushforward(const Rule& rule, const Expr& e, const std::vector<ExprRef>& args,
                                  const std::vector<ExprRef>& tangents, const ExprRef& result, int origin,
                                  Block& pre) {
  const Function& body = rule.body;
  std::vector<ExprRef> terms;
  bool branches = false;
  forEachStmt(body.body, [&](const Stmt& s) { branches = branches || s.kind == StmtKind::If; });
  VarId acc = kNoVar;
  for (size_t k = 0; k < args.size(); ++k) {
    if (!tangents[k]) continue;
    std::vector<ExprRef> byVar(body.vars.size());
    for (size_t j = 0; j < args.size(); ++j) byVar[static_cast<size_t>(rule.primalParams[j])] = args[j];
    if (rule.resultParam != kNoVar) byVar[static_cast<size_t>(rule.resultParam)] = result;
    byVar[static_cast<size_t>(rule.seedParam)] = tangents[k];
    if (branches && acc == kNoVar) {
      // Conditions (fabs, fmax): the terms are added up in an accumulator.
      Var a;
      a.name = "t";
      a.type = e.type;
      a.role = VarRole::Adjoint;
      acc = out_.addVar(a);
      tangent.push_back(kNoVar);
      varied_.push_back(false);
    }
    instantiate(body.body, byVar, rule.adjointParams[k], acc, e.type, origin, pre, branches ? nullptr : &terms);
  }
  if (acc != kNoVar) return out_.ref(acc);
  ExprRef sum;
  for (const ExprRef& t : terms) sum = sum ? binary(Op::Add, sum, t, e.type) : t;
  return sum;
}

void TangentSweep::instantiate(const Block& ruleBlock, std::vector<ExprRef>& byVar, VarId target, VarId into,
                               const Type& type, int origin, Block& pre, std::vector<ExprRef>* terms) {
  for (const Stmt& rs : ruleBlock) {
    if (rs.kind == StmtKind::If) {
      Stmt st;
      st.kind = StmtKind::If;
      st.origin = origin;
      st.value = substitute(retypeRule(rs.value, type), byVar);
      instantiate(rs.thenBlock, byVar, target, into, type, origin, st.thenBlock, terms);
      instantiate(rs.elseBlock, byVar, target, into, type, origin, st.elseBlock, terms);
      if (!st.thenBlock.empty() || !st.elseBlock.empty()) pre.push_back(std::move(st));
      continue;
    }
    ExprRef value = substitute(retypeRule(rs.value, type), byVar);
    if (rs.kind == StmtKind::Accumulate) {
      if (rs.dst != target) continue;  // another operand's term
      if (value->type != type) value = cast(value, type, false);
      if (terms)
        terms->push_back(value);
      else
        pre.push_back(accumulate(into, value, origin));
    } else {
      // A rule local: a fresh temporary per instance.
      VarId v = temp(value->type);
      byVar[static_cast<size_t>(rs.dst)] = out_.ref(v);
      pre.push_back(assign(v, value, origin));
    }
  }
}

bool TangentSweep::sweep(const Block& in, Block& out) {
  for (const Stmt& s : in) {
    switch (s.kind) {
      case StmtKind::Assign:
      case StmtKind::Accumulate: {
        VarId td = s.dst == kNoVar ? kNoVar : tangent[static_cast<size_t>(s.dst)];
        if (td == kNoVar) {
          out.push_back(s);
          break;
        }
        // The statement's value may hold its result for a rule (`y = exp(x)`
        // then `t_y = t_x * y`) when it does not read what it overwrites.
        bool scalar = !s.index && !out_.var(s.dst).isArray();
        VarId into = scalar && s.kind == StmtKind::Assign && !reads(s.value, s.dst) ? s.dst : kNoVar;
        Block pre;
        bool assigned = false;
        auto [p, t] = lin(s.value, pre, s.origin, into, assigned);
        if (!error.empty()) return false;
        for (Stmt& st : pre) out.push_back(std::move(st));
        // The tangent before the primal: it reads the values the primal overwrites.
        if (t || s.kind == StmtKind::Assign) {
          Stmt ts = s.kind == StmtKind::Assign ? assign(td, t ? t : zeroOf(s.value->type), s.origin)
                                               : accumulate(td, t, s.origin);
          ts.index = s.index;
          ts.overwrites = false;
          ts.declares = false;
          out.push_back(std::move(ts));
        }
        if (!assigned) {
          Stmt ps = s;
          ps.value = p;
          out.push_back(std::move(ps));
        }
        break;
      }
      case StmtKind::If: {
        Stmt f = s;
        f.thenBlock.clear();
        f.elseBlock.clear();
        if (!sweep(s.thenBlock, f.thenBlock) || !sweep(s.elseBlock, f.elseBlock)) return false;
        out.push_back(std::move(f));
        break;
      }
      case StmtKind::For: {
        Stmt f = s;
        f.thenBlock.clear();
        if (!sweep(s.thenBlock, f.thenBlock)) return false;
        out.push_back(std::move(f));
        break;
      }
      case StmtKind::Return:
      case StmtKind::Effect:
        out.push_back(s);
        break;
      case StmtKind::PullbackCall:
        error = "a call to '" + s.callee->pullbackName() +
                "' (the gradient of a marked function, or of a rule on arrays): forward mode has no pushforward "
                "for it yet";
        return false;
    }
  }
  return true;
}

}  // namespace gradc::forward
