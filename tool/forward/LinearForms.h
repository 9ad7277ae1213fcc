// A run of packed tangent statements (forward/Directions.cpp) as linear
// forms: every tangent is a sum of tangent reads times primal coefficients.
// Two things follow, both about the work done per direction:
//  - regrouping: a tangent statement is written as one term per distinct
//    tangent it reads, the coefficients computed once before the direction
//    loop (`t_x0 = t_jx[b] + t_cs[b] * a - t_sn[b] * c` feeding
//    `J[..] = t_x0 * w + ...` becomes `J[..] = t_jx[b] * c0 + t_th[b] * c1 + ...`),
//    with the run's single-use tangent temporaries substituted;
//  - factoring: a tangent array each element of which is written as one
//    tangent times a primal coefficient (`t_cs[k] = -sin(angle) * t_angle`)
//    is kept as that coefficient (a primal array, one value per element) and
//    the tangent it scales (a history array): T[i] == C[i] * H[i] at all times.
//    Arrays scaling the same tangent share one history (t_cs and t_sn of one
//    angle), and a read T[e] regroups with the others reading H[e].
// Private to forward/.
#ifndef GRADC_FORWARD_LINEARFORMS_H
#define GRADC_FORWARD_LINEARFORMS_H

#include "ir/IR.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace gradc::forward {

struct Term {
  ir::ExprRef read;  // a tangent: a scalar, or an element `T[i]`
  ir::ExprRef coef;  // primal; null for 1
  bool negated = false;
  ir::VarId source = ir::kNoVar;  // the tangent variable the statement read (T for a factored T's history)
};

struct Form {
  std::vector<Term> terms;
  std::set<ir::VarId> reads;  // the tangent variables the statement reads, substituted ones' reads included
};

// A factored tangent array: T[i] == coefficients[i] * history[i].
struct Factor {
  ir::VarId history = ir::kNoVar;
  ir::VarId coefficients = ir::kNoVar;
  ir::VarId sharesWith = ir::kNoVar;  // the array whose write of the history this one's write follows
};

// What one pass over the function's packed runs found about factoring.
struct FactorSurvey {
  std::map<ir::VarId, int> candidateWrites;  // per tangent array: its writes of one term and a coefficient
  std::map<ir::VarId, int> linearReads;      // per tangent variable: its reads inside linear forms
  std::map<ir::VarId, ir::VarId> shares;     // T2 -> T1: T2's one write scales what T1's just wrote
  std::map<ir::VarId, ir::VarId> scales;     // per tangent array: the tangent its last candidate write scales
  std::set<ir::VarId> violations;            // factored arrays the run could not keep factored
};

class RunForms {
 public:
  // `isTangent`: whether a variable is a tangent (an input's, an output's or
  // a local one); what the pass finds goes to `survey`.
  RunForms(const ir::Function& fn, std::function<bool(ir::VarId)> isTangent, const std::map<ir::VarId, Factor>& factored,
           FactorSurvey& survey);

  void startRun();

  // A tangent statement's value as a form, the run's temporaries substituted;
  // nullopt when it is not linear (a select, a cast, a tangent times a tangent).
  std::optional<Form> formOf(const ir::ExprRef& value);

  // After tangent statement `s` (with its form, if any) is emitted: the forms
  // reading what it writes are stale; a scalar written once gets its form.
  void wrote(const ir::Stmt& s, const std::optional<Form>& form);

  // The scalar tangents every read of which the run substituted: their
  // assignments are dead.
  std::set<ir::VarId> substitutedAway() const;

  // `form` as an expression of `type`: its terms summed, each coefficient
  // that is not a variable or a constant computed once by `hoist`.
  static ir::ExprRef rebuild(const Form& form, const ir::Type& type,
                             const std::function<ir::ExprRef(const ir::ExprRef&)>& hoist);

  // A term's coefficient, its sign included (1 for none).
  static ir::ExprRef signedCoefficient(const Term& t, const ir::Type& type);

 private:
  struct Local {
    Form form;
    size_t position;  // the run statement that assigned it
  };
  struct CandidateWrite {
    ir::VarId array;
    ir::ExprRef index, read;
    ir::VarId source;
    size_t position;
  };

  std::optional<Form> build(const ir::ExprRef& e, std::map<ir::VarId, int>& substituted);
  bool substitutable(ir::VarId v, const Form& f) const;
  bool writtenSince(ir::VarId v, size_t position) const;
  bool readSince(ir::VarId v, size_t position) const;

  const ir::Function& fn_;
  std::function<bool(ir::VarId)> isTangent_;
  const std::map<ir::VarId, Factor>& factored_;
  FactorSurvey& survey_;
  std::vector<int> writes_, reads_;  // per variable, in the whole function
  std::map<ir::VarId, Local> locals_;  // this run's scalars written once, by their form
  std::map<ir::VarId, int> substituted_;  // per scalar: its reads replaced by its form (whole function)
  std::vector<std::pair<ir::VarId, std::set<ir::VarId>>> history_;  // this run: per statement, what it wrote and read
  std::vector<CandidateWrite> candidates_;  // this run's single-term writes of arrays
  std::set<ir::VarId> definedInRun_;         // scalars this run gave a form
};

// The tangent arrays of `fn` whose every write is one tangent times a
// coefficient and whose every read is inside a linear form, as `survey`
// found them.
std::set<ir::VarId> factorable(const ir::Function& fn, const FactorSurvey& survey);

struct Factoring {
  ir::Function fn;                  // f_jvp with the histories and coefficient arrays added
  std::vector<ir::VarId> tangents;  // its local tangents, the histories included
  std::map<ir::VarId, Factor> plan;
};

// The arrays `chosen` factored: per array, a coefficient array `d<a>_d<u>`
// and a history `t_<u>_at_<a>` of the tangent u it scales, or the history of
// the array it shares one with.
Factoring factoring(const ir::Function& fn, const std::vector<ir::VarId>& tangents, const std::set<ir::VarId>& chosen,
                    const FactorSurvey& survey);

// Per variable of `fn`: its writes (assignments, accumulations) and its reads
// (every occurrence in a value, an index, a condition, an argument).
void countAccesses(const ir::Function& fn, std::vector<int>& writes, std::vector<int>& reads);

}  // namespace gradc::forward

#endif  // GRADC_FORWARD_LINEARFORMS_H
