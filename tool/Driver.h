// The pipeline, as a straight list of stages (DESIGN.md §2):
//   parse -> fence -> lower -> activity -> reverse -> cleanup -> check -> emit
// Each stage is one folder of tool/. `--dump=<stage>` prints the IR after it.
#ifndef GRADC_DRIVER_H
#define GRADC_DRIVER_H

#include "clang/Tooling/CompilationDatabase.h"

#include <string>
#include <vector>

namespace gradc {

struct Options {
  std::vector<std::string> sources;
  std::string output;     // "-" for stdout
  std::string dumpStage;  // lower, reverse, cleanup or forward; empty for none
  std::string depfile;    // Make-syntax dependencies of the output; empty for none
  bool emitCheck = false;  // --emit-check: f_gradcheck beside each f_grad
  std::string graph;       // --graph: the computation graphs in DOT; empty for none
  bool emitC99 = false;    // --emit=c99: C99 output for C++ inputs too (a C input always gets it)
  long storageBudget = 0;  // --storage-budget: bytes each reverse sweep may keep (0: no limit)
  long frameLimit = 64 * 1024;  // --frame-limit: bytes of arrays on f_grad's stack (0: no limit)
  long packAbove = 4;           // --pack-directions-above: wider sweeps use the packed layout
  std::string version = "0.1.0";
  std::string executable;  // argv[0] resolved, to find the runtime headers installed beside it
};

// Runs gradc; returns the process exit status (0 ok, 1 user error).
int run(const clang::tooling::CompilationDatabase& db, const Options& options);

}  // namespace gradc

#endif  // GRADC_DRIVER_H
