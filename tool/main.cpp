// gradc: writes the reverse-mode gradient of marked C++ functions as C++.
//   gradc <source>... -o <out.hpp> [-- <compiler flags>]
//   gradc -p <build-dir> <source> -o <out.hpp>
#include "Driver.h"

#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"

#include <optional>

namespace {

llvm::cl::OptionCategory category("gradc options");
llvm::cl::opt<std::string> output("o", llvm::cl::desc("Output file (- for stdout)"), llvm::cl::value_desc("file"),
                                  llvm::cl::Required, llvm::cl::cat(category));
llvm::cl::opt<std::string> dump("dump", llvm::cl::desc("Print the IR after a stage: lower, reverse or cleanup"),
                                llvm::cl::value_desc("stage"), llvm::cl::cat(category));

llvm::cl::opt<std::string> depfile("depfile",
                                   llvm::cl::desc("Also write the output's dependencies (Make syntax), for build systems"),
                                   llvm::cl::value_desc("file"), llvm::cl::cat(category));

}  // namespace

int main(int argc, const char** argv) {
  auto parser = clang::tooling::CommonOptionsParser::create(argc, argv, category, llvm::cl::OneOrMore,
                                                            "gradc: reverse-mode gradients of C++ functions, as C++\n");
  if (!parser) {
    llvm::errs() << "gradc: error: " << llvm::toString(parser.takeError()) << "\n";
    return 1;
  }
  gradc::Options options;
  options.sources = parser->getSourcePathList();
  options.output = output;
  options.dumpStage = dump;
  options.depfile = depfile;
  options.executable = llvm::sys::fs::getMainExecutable(argv[0], reinterpret_cast<void*>(&main));
  // The passes recurse over expression trees: one 5,000 terms deep needs
  // more than the default 8 MB (far more under AddressSanitizer). The
  // stack is reserved, not touched, until used.
  constexpr unsigned kStackBytes = 1024u << 20;
  int status = 1;
  llvm::thread worker(std::optional<unsigned>(kStackBytes), [&] { status = gradc::run(parser->getCompilations(), options); });
  worker.join();
  return status;
}
