// The names visible at one point of the generated code, as emit's name
// assignment walks the nested scopes. Opening a scope costs nothing and
// closing it drops the names taken inside, so a long function's many `if`
// bodies do not copy everything declared before them; and each numbered
// sequence (t0, t1...; s_old, s_old_1...) remembers how far it is taken, so
// finding the next free name does not rescan the sequence from its start.
#ifndef GRADC_EMIT_NAMES_H
#define GRADC_EMIT_NAMES_H

#include "ir/IR.h"

#include <cstddef>
#include <map>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gradc {

class VisibleNames {
 public:
  bool taken(const std::string& name) const { return taken_.count(name) > 0 || kept_.count(name) > 0; }
  void take(const std::string& name);

  // The first free name of a sequence, taken: base0, base1... when numbered,
  // else base, base_1, base_2... `forever`: no scope's close() frees it
  // (a name unique in the whole function).
  std::string takeFirstFree(const std::string& base, bool numbered, bool forever = false);

  // Scopes: close(open()) forgets the names taken in between.
  size_t open() const { return log_.size(); }
  void close(size_t mark);

 private:
  using Sequence = std::pair<std::string, bool>;  // base, numbered
  static std::string candidate(const Sequence& seq, long k);
  // After a name is dropped: every sequence holding it may start lower again.
  void forget(const std::string& name);

  std::unordered_set<std::string> taken_;
  std::unordered_set<std::string> kept_;  // taken for good
  std::vector<std::string> log_;  // the names taken, in order: what close() undoes
  std::map<Sequence, long> firstMaybeFree_;  // every candidate below it is taken
};

// A check of the names given (by VarId): walking the function's scopes as
// C++ does, the first variable whose declaration meets a visible variable of
// the same name (a redeclaration, or a shadow that would hide it), or kNoVar.
// Naming avoids this by construction; emit renames what this finds rather
// than print code that does not compile or reads the wrong variable.
ir::VarId firstNameClash(const ir::Function& fn, const std::vector<std::string>& names);

// A 2-D array parameter (Var::declaredDims) as declared, `[2][3]` or
// `[][4]`, and a pointer to its first element, `&A[0][0]`; for any other
// variable, "" and `name`.
std::string declaredDimsSuffix(const ir::Var& v);
// The declarator of such a parameter: `A[2][3]`, `(&A)[2][3]`.
std::string shapedDeclarator(const ir::Var& v, const std::string& name);
std::string firstElement(const ir::Var& v, const std::string& name);

}  // namespace gradc

#endif  // GRADC_EMIT_NAMES_H
