// The tangent sweep shared by f_jvp and f_hvp (forward/Forward.cpp). Private
// to forward/; the stage's interface is Forward.h.
#ifndef GRADC_FORWARD_TANGENTS_H
#define GRADC_FORWARD_TANGENTS_H

#include "ir/IR.h"
#include "rules/Rules.h"

#include <string>
#include <utility>
#include <vector>

namespace gradc::forward {

using namespace ir;

class TangentSweep {
 public:
  // `out` holds the function being built (its variables, a copy of the
  // source's); tangent[v] is set by the caller for inputs and outputs.
  TangentSweep(Function& out, const RuleRegistry& rules) : out_(out), rules_(rules) {
    tangent.assign(out.vars.size(), kNoVar);
    varied_.assign(out.vars.size(), false);
  }

  std::vector<VarId> tangent;  // per variable: its tangent, kNoVar when zero
  std::string error;           // what cannot be differentiated, after sweep() fails

  // Marks what depends on `inputs` (flow-insensitive, like analyses/Activity)
  // and gives each such variable without one a local tangent `t_<name>`.
  void addLocalTangents(const Block& body, const std::vector<VarId>& inputs);

  // The tangent statements before each primal one; false with `error` set.
  bool sweep(const Block& in, Block& out);

  // `t = 0` for each element of an array tangent (a loop), or the scalar.
  void zero(VarId v, int origin, Block& out);

 private:
  // (primal with hoisted subexpressions, tangent or null for zero). `into`:
  // a scalar the statement assigns, which may hold the result a rule reads;
  // `assigned` tells whether the primal assignment was made in `pre`.
  std::pair<ExprRef, ExprRef> lin(const ExprRef& e, Block& pre, int origin, VarId into, bool& assigned);
  ExprRef pushforward(const Rule& rule, const Expr& e, const std::vector<ExprRef>& args,
                      const std::vector<ExprRef>& tangents, const ExprRef& result, int origin, Block& pre);
  void instantiate(const Block& ruleBlock, std::vector<ExprRef>& byVar, VarId target, VarId into, const Type& type,
                   int origin, Block& pre, std::vector<ExprRef>* terms);
  bool variedRead(const ExprRef& e) const;
  const Rule* ruleOf(const Expr& call) const;
  VarId temp(const Type& type);
  ExprRef zeroOf(const Type& t) const;

  Function& out_;
  const RuleRegistry& rules_;
  std::vector<bool> varied_;
  int nextLoop_ = 0;  // a loop id no loop of the body has
};

}  // namespace gradc::forward

#endif  // GRADC_FORWARD_TANGENTS_H
