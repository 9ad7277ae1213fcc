// Whether what gradc generated for a translation unit can be written as C99:
// for a C input (whose lowering is the same as C++'s, on Clang's AST), and for
// a C++ input with --emit=c99. A function that cannot (a reference parameter,
// a namespace, a call to std::max) gets an error at its marker, and no output.
#ifndef GRADC_CHECK_C99_H
#define GRADC_CHECK_C99_H

#include "Diagnostics.h"
#include "emit/Dialect.h"
#include "ir/IR.h"
#include "parse/Parse.h"

#include <vector>

namespace gradc {

// unit.marked[i] is the declaration of module.functions[i].
bool writableAsC99(const ir::Module& module, const ParsedUnit& unit, Diagnostics& diags);

// The output's language: C99 for C inputs or with --emit=c99; null (after an
// error) for C and C++ inputs together without --emit=c99.
const Dialect* outputDialect(const std::vector<ir::Module>& modules, bool emitC99);

}  // namespace gradc

#endif  // GRADC_CHECK_C99_H
