#include "forward/LinearForms.h"

#include "lower/Lower.h"

#include <algorithm>

namespace gradc::forward {

using namespace ir;

namespace {

ExprRef one(const Type& t) { return constant(1, t, formatLiteral(1, t.kind)); }

bool isConstant(const ExprRef& e) { return e->op == Op::Const || (e->op == Op::Global && e->args.empty()); }

// A coefficient that is a product with a literal zero (a rule's `0.0 * x`):
// its term adds nothing.
bool isZeroCoefficient(const ExprRef& c) {
  if (!c) return false;
  if (c->op == Op::Const) return c->number == 0;
  if (c->op == Op::Neg) return isZeroCoefficient(c->args[0]);
  if (c->op == Op::Mul) return isZeroCoefficient(c->args[0]) || isZeroCoefficient(c->args[1]);
  return false;
}

// What build() saw, committed only when the whole value is linear.
struct Pending {
  std::map<VarId, int> substituted, reads;
};

void scale(Form& f, Op op, const ExprRef& by, const Type& type) {
  for (Term& t : f.terms)
    t.coef = t.coef ? binary(op, t.coef, by, type) : op == Op::Mul ? by : binary(Op::Div, one(type), by, type);
}

// Adds b's terms to a's, one term per distinct tangent read.
void merge(Form& a, const Form& b, bool subtract, const Type& type) {
  for (Term tb : b.terms) {
    tb.negated = tb.negated != subtract;
    auto same = std::find_if(a.terms.begin(), a.terms.end(), [&](const Term& ta) { return sameExpr(ta.read, tb.read); });
    if (same == a.terms.end()) {
      a.terms.push_back(tb);
      continue;
    }
    ExprRef ca = same->coef ? same->coef : one(type), cb = tb.coef ? tb.coef : one(type);
    same->coef = binary(same->negated == tb.negated ? Op::Add : Op::Sub, ca, cb, type);
  }
  a.reads.insert(b.reads.begin(), b.reads.end());
}

}  // namespace

void countAccesses(const Function& fn, std::vector<int>& writes, std::vector<int>& reads) {
  writes.assign(fn.vars.size(), 0);
  reads.assign(fn.vars.size(), 0);
  auto count = [&](const ExprRef& e) {
    forEachExpr(e, [&](const Expr& x) {
      if (x.op == Op::Var || x.op == Op::Load) ++reads[static_cast<size_t>(x.var)];
    });
  };
  forEachStmt(fn.body, [&](const Stmt& s) {
    if ((s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate) && s.dst != kNoVar)
      ++writes[static_cast<size_t>(s.dst)];
    for (VarId o : s.outs)
      if (o != kNoVar) ++writes[static_cast<size_t>(o)];
    count(s.value);
    count(s.index);
    for (const ExprRef& a : s.args) count(a);
  });
}

RunForms::RunForms(const Function& fn, std::function<bool(VarId)> isTangent, const std::map<VarId, Factor>& factored,
                   FactorSurvey& survey)
    : fn_(fn), isTangent_(std::move(isTangent)), factored_(factored), survey_(survey) {
  countAccesses(fn, writes_, reads_);
}

void RunForms::startRun() {
  locals_.clear();
  history_.clear();
  candidates_.clear();
  definedInRun_.clear();
}

bool RunForms::substitutable(VarId v, const Form& f) const {
  const Var& x = fn_.var(v);
  return !x.isArray() && x.role != VarRole::Param && writes_[static_cast<size_t>(v)] == 1 &&
         (reads_[static_cast<size_t>(v)] == 1 || f.terms.size() <= 1);
}

std::optional<Form> RunForms::formOf(const ExprRef& value) {
  Pending seen;
  std::function<std::optional<Form>(const ExprRef&)> build = [&](const ExprRef& e) -> std::optional<Form> {
    bool tangent = false;
    forEachExpr(e, [&](const Expr& x) { tangent = tangent || ((x.op == Op::Var || x.op == Op::Load) && isTangent_(x.var)); });
    if (!tangent) {
      if (e->op == Op::Const && e->number == 0) return Form{};
      return std::nullopt;  // (a tangent has no constant part; whatever this is, it is left as written)
    }
    const auto& a = e->args;
    switch (e->op) {
      case Op::Var: {
        ++seen.reads[e->var];
        auto at = locals_.find(e->var);
        if (at != locals_.end() && substitutable(e->var, at->second.form)) {
          ++seen.substituted[e->var];
          return at->second.form;
        }
        Form f;
        f.terms.push_back({e, nullptr, false, e->var});
        f.reads.insert(e->var);
        return f;
      }
      case Op::Load: {
        ++seen.reads[e->var];
        Form f;
        f.reads.insert(e->var);
        auto fac = factored_.find(e->var);
        if (fac == factored_.end())
          f.terms.push_back({e, nullptr, false, e->var});
        else
          f.terms.push_back({load(fac->second.history, a[0], e->type), load(fac->second.coefficients, a[0], e->type),
                             false, e->var});
        return f;
      }
      case Op::Neg: {
        std::optional<Form> f = build(a[0]);
        if (f)
          for (Term& t : f->terms) t.negated = !t.negated;
        return f;
      }
      case Op::Add:
      case Op::Sub: {
        std::optional<Form> l = build(a[0]), r = build(a[1]);
        if (!l || !r || a[0]->type != e->type || a[1]->type != e->type) return std::nullopt;
        merge(*l, *r, e->op == Op::Sub, e->type);
        return l;
      }
      case Op::Mul:
      case Op::Div: {
        bool leftTangent = false;
        forEachExpr(a[0], [&](const Expr& x) {
          leftTangent = leftTangent || ((x.op == Op::Var || x.op == Op::Load) && isTangent_(x.var));
        });
        if (e->op == Op::Div && !leftTangent) return std::nullopt;
        const ExprRef& factor = leftTangent ? a[1] : a[0];
        if (factor->type != e->type) return std::nullopt;
        bool factorTangent = false;
        forEachExpr(factor, [&](const Expr& x) {
          factorTangent = factorTangent || ((x.op == Op::Var || x.op == Op::Load) && isTangent_(x.var));
        });
        if (factorTangent) return std::nullopt;  // (a tangent times a tangent: not linear)
        std::optional<Form> f = build(leftTangent ? a[0] : a[1]);
        if (f) scale(*f, e->op, factor, e->type);
        return f;
      }
      default: return std::nullopt;
    }
  };
  std::optional<Form> f = build(value);
  if (!f) return f;
  f->terms.erase(std::remove_if(f->terms.begin(), f->terms.end(), [](const Term& t) { return isZeroCoefficient(t.coef); }),
                 f->terms.end());
  for (auto [v, n] : seen.substituted) substituted_[v] += n;
  for (auto [v, n] : seen.reads) survey_.linearReads[v] += n;
  return f;
}

bool RunForms::writtenSince(VarId v, size_t position) const {
  for (size_t q = position + 1; q + 1 < history_.size(); ++q)
    if (history_[q].first == v) return true;
  return false;
}

bool RunForms::readSince(VarId v, size_t position) const {
  for (size_t q = position + 1; q < history_.size(); ++q)
    if (history_[q].second.count(v)) return true;
  return false;
}

void RunForms::wrote(const Stmt& s, const std::optional<Form>& form) {
  const VarId dst = s.dst;
  std::set<VarId> read;
  if (form) {
    read = form->reads;
  } else {
    std::vector<VarId> all;
    collectReads(s.value, all);
    for (VarId v : all)
      if (isTangent_(v)) read.insert(v);
    for (VarId v : read)
      if (factored_.count(v)) survey_.violations.insert(v);  // (read outside a linear form)
  }
  const size_t position = history_.size();
  history_.push_back({dst, read});
  for (auto it = locals_.begin(); it != locals_.end();)
    it = it->first == dst || it->second.form.reads.count(dst) ? locals_.erase(it) : std::next(it);
  const Var& x = fn_.var(dst);
  const bool assigns = s.kind == StmtKind::Assign && form.has_value();
  if (assigns && !s.index && !x.isArray() && writes_[static_cast<size_t>(dst)] == 1) {
    locals_[dst] = {*form, position};
    definedInRun_.insert(dst);
  }
  const bool oneTerm = assigns && form->terms.size() == 1 && form->terms[0].coef && !isConstant(form->terms[0].coef);
  auto fac = factored_.find(dst);
  if (fac != factored_.end() && !oneTerm) survey_.violations.insert(dst);
  if (!oneTerm || !s.index || !x.isArray()) return;
  CandidateWrite w{dst, s.index, form->terms[0].read, form->terms[0].source, position};
  ++survey_.candidateWrites[dst];
  survey_.scales[dst] = w.source;
  // Whether w scales what `prev` wrote: the same element of the same tangent,
  // unchanged since, and w's array not read in between (its coefficient is
  // not written yet while the history already is).
  auto follows = [&](const CandidateWrite& prev) {
    return prev.array != dst && sameExpr(prev.index, w.index) && sameExpr(prev.read, w.read) &&
           !writtenSince(w.source, prev.position) && !readSince(dst, prev.position) &&
           writes_[static_cast<size_t>(prev.array)] == 1 && writes_[static_cast<size_t>(dst)] == 1;
  };
  if (fac != factored_.end() && fac->second.sharesWith != kNoVar) {
    auto prev = std::find_if(candidates_.rbegin(), candidates_.rend(),
                             [&](const CandidateWrite& c) { return c.array == fac->second.sharesWith; });
    if (prev == candidates_.rend() || !follows(*prev)) survey_.violations.insert(dst);
  }
  for (auto prev = candidates_.rbegin(); prev != candidates_.rend(); ++prev)
    if (follows(*prev)) {
      auto root = survey_.shares.find(prev->array);
      survey_.shares[dst] = root != survey_.shares.end() ? root->second : prev->array;
      break;
    }
  candidates_.push_back(w);
}

std::set<VarId> RunForms::substitutedAway() const {
  std::set<VarId> away;
  for (VarId v : definedInRun_) {
    auto at = substituted_.find(v);
    int n = at == substituted_.end() ? 0 : at->second;
    if (n == reads_[static_cast<size_t>(v)]) away.insert(v);
  }
  return away;
}

ExprRef RunForms::signedCoefficient(const Term& t, const Type& type) {
  ExprRef c = t.coef ? t.coef : one(type);
  return t.negated ? unary(Op::Neg, c, type) : c;
}

ExprRef RunForms::rebuild(const Form& form, const Type& type, const std::function<ExprRef(const ExprRef&)>& hoist) {
  ExprRef sum;
  for (const Term& t : form.terms) {
    ExprRef product = t.read;
    if (t.coef) product = binary(Op::Mul, t.read, isConstant(t.coef) || t.coef->op == Op::Var ? t.coef : hoist(t.coef), type);
    if (!sum)
      sum = t.negated ? unary(Op::Neg, product, type) : product;
    else
      sum = binary(t.negated ? Op::Sub : Op::Add, sum, product, type);
  }
  return sum ? sum : constant(0, type, formatLiteral(0, type.kind));
}

std::set<VarId> factorable(const Function& fn, const FactorSurvey& survey) {
  std::vector<int> writes, reads;
  countAccesses(fn, writes, reads);
  std::set<VarId> out;
  for (auto [t, n] : survey.candidateWrites) {
    const Var& v = fn.var(t);
    auto linear = survey.linearReads.find(t);
    size_t at = static_cast<size_t>(t);
    if (v.role == VarRole::Param || v.isPointer || v.arraySize <= 0 || n != writes[at] || reads[at] == 0 ||
        linear == survey.linearReads.end() || linear->second != reads[at])
      continue;
    out.insert(t);
  }
  return out;
}

Factoring factoring(const Function& fn, const std::vector<VarId>& tangents, const std::set<VarId>& chosen,
                    const FactorSurvey& survey) {
  Factoring f{fn, tangents, {}};
  auto bare = [](const std::string& n) { return n.rfind("t_", 0) == 0 ? n.substr(2) : n; };
  for (bool sharing : {false, true})
    for (VarId t : chosen) {
      auto shares = survey.shares.find(t);
      VarId root = shares != survey.shares.end() && chosen.count(shares->second) ? shares->second : kNoVar;
      if ((root != kNoVar) != sharing) continue;
      const Var array = f.fn.var(t);
      const std::string scaled = f.fn.var(survey.scales.at(t)).name, of = bare(array.name);
      Factor factor;
      factor.sharesWith = root;
      if (root == kNoVar) {
        Var h = array;
        h.name = scaled + "_at_" + of;
        factor.history = f.fn.addVar(h);
        f.tangents.push_back(factor.history);
      } else {
        factor.history = f.plan.at(root).history;
      }
      Var c = array;
      c.name = "d" + of + "_d" + bare(scaled);
      factor.coefficients = f.fn.addVar(c);
      f.plan[t] = factor;
    }
  return f;
}

}  // namespace gradc::forward
