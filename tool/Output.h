// The files a run reads and writes: checks on the paths before Clang runs,
// and writing the header and the depfile so that a failed or interrupted run
// leaves nothing behind.
#ifndef GRADC_OUTPUT_H
#define GRADC_OUTPUT_H

#include <string>
#include <vector>

namespace gradc {

struct Options;

// Inputs must be regular files and no output may replace one of them;
// paths with control characters are refused. Prints the error.
bool checkPaths(const Options& options);

// `out: in1 in2 ...` in Make syntax, which Ninja and Make both read.
std::string depfileText(const std::string& output, const std::vector<std::string>& inputs);

// "-" is standard output. A regular file (or a new path) is written next to
// its target and renamed over it, and the temporary is removed on SIGINT or
// SIGTERM; a FIFO or a device is written into, never replaced.
bool writeOutput(const std::string& path, const std::string& text);

}  // namespace gradc

#endif  // GRADC_OUTPUT_H
