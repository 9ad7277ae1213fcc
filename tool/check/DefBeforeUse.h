// Stage `check`: an internal consistency check of each generated function,
// after cleanup and before emit. Every read must see a value written before
// it on every path: a read of storage nothing wrote (an array declared in a
// reverse loop body and never refilled) would make the gradient garbage
// (NaN), silently. A violation is a gradc bug: the driver reports it as an
// internal error and writes no output.
//
// What counts as written:
//  - parameters, adjoint outputs, the seed, struct members, loop counters;
//  - a scalar after an assignment (an accumulation reads it first);
//  - an array, per declaration instance (one declared in a loop body is fresh
//    each iteration), after any element write, or from its declaration when
//    it is zeroed (`= {}`, arraysStoredUnderIf) or takes another's storage
//    (Var::reusesStorageOf). Arrays are tracked whole, not per element.
// Reads are uses, except a plain copy into the function's own storage (a
// tape saving an element before its first write, and the restore): what was
// never written stays so in the copy, and the use of a copy names the
// original. Copies out to the caller (an output, an adjoint) are uses.
// Paths: both branches of an `if` must write; a loop body is assumed to run
// at least once (a reverse loop runs as often as the forward loop whose tapes
// it reads); a variable written before a loop may be read in the body before
// the body writes it again.
#ifndef GRADC_CHECK_DEFBEFOREUSE_H
#define GRADC_CHECK_DEFBEFOREUSE_H

#include "ir/IR.h"

#include <optional>

namespace gradc {

class Diagnostics;

// The first read (in program order) of a variable no write reaches.
struct UseBeforeDef {
  ir::VarId var = ir::kNoVar;
  int origin = -1;  // the reading statement's origin (Function::origins), -1 if none
};

std::optional<UseBeforeDef> findUseBeforeDef(const ir::Function& fn);

// The lowered source's own reads that no write may reach on some path (a
// select reading `last[0]` in iterations after the one that wrote it: the
// analysis does not follow the condition): each local array so read is
// declared zeroed, so the generated code, which reads it on the same paths,
// reads a defined value, and the check below flags only what gradc added.
void zeroArraysReadUnwritten(ir::Function& source);

// Reports the first violation as an internal error (function, variable, line);
// false if there was one.
bool checkDefBeforeUse(const ir::Function& fn, Diagnostics& diags);

}  // namespace gradc

#endif  // GRADC_CHECK_DEFBEFOREUSE_H
