// gradc: writes the reverse-mode gradient of marked C++ functions as C++.
//   gradc <source>... -o <out.hpp> [-- <compiler flags>]
//   gradc -p <build-dir> <source> -o <out.hpp>
#include "Driver.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"
#include "llvm/Config/llvm-config.h"

#include <memory>
#include <optional>

namespace {

const char* const kVersion = "0.1.0";

const char* const kOverview =
    "gradc: reverse-mode gradients of C++ functions, as C++\n"
    "\n"
    "  gradc model.cpp -o model.grad.hpp -- -std=c++17 -Iinclude\n"
    "  gradc -p build model.cpp -o model.grad.hpp\n"
    "\n"
    "Everything after '--' is the compiler command line gradc parses the sources with (as for\n"
    "clang++). Without '--', the flags come from a compile_commands.json: the one in the\n"
    "directory given with -p, or else one found above the first source.\n"
    "For each function marked GRADC_GRAD or GRADC_GRAD_WRT(...), the output defines f_grad and\n"
    "f_pullback (see the README); GRADC_JACOBIAN adds f_jvp and f_jacobian, GRADC_HESSIAN adds\n"
    "f_hvp and f_hessian (docs/forward.md).\n";

llvm::cl::OptionCategory category("gradc options");
llvm::cl::list<std::string> sources(llvm::cl::Positional, llvm::cl::desc("<source>..."), llvm::cl::OneOrMore,
                                    llvm::cl::cat(category));
llvm::cl::opt<std::string> output("o", llvm::cl::desc("Output file (- for stdout)"), llvm::cl::value_desc("file"),
                                  llvm::cl::Required, llvm::cl::cat(category));
llvm::cl::opt<std::string> buildPath("p", llvm::cl::desc("Build directory holding compile_commands.json"),
                                     llvm::cl::value_desc("dir"), llvm::cl::cat(category));
enum class Stage { None, Lower, Reverse, Cleanup, Forward };
llvm::cl::opt<Stage> dump("dump", llvm::cl::desc("Print the IR after a stage"), llvm::cl::init(Stage::None),
                          llvm::cl::values(clEnumValN(Stage::Lower, "lower", "after lowering"),
                                           clEnumValN(Stage::Reverse, "reverse", "after the reverse stage"),
                                           clEnumValN(Stage::Cleanup, "cleanup", "after cleanup"),
                                           clEnumValN(Stage::Forward, "forward", "after the forward stage (f_jvp, f_hvp)")),
                          llvm::cl::cat(category));
llvm::cl::opt<std::string> depfile("depfile",
                                   llvm::cl::desc("Also write the output's dependencies (Make syntax), for build systems"),
                                   llvm::cl::value_desc("file"), llvm::cl::cat(category));

llvm::cl::opt<bool> emitCheck("emit-check",
                               llvm::cl::desc("Also write f_gradcheck(<f's parameters>) for each f_grad: central "
                                              "differences of f beside f_grad (include <gradc/check.h>)"),
                               llvm::cl::cat(category));

llvm::cl::opt<std::string> graph("graph",
                                 llvm::cl::desc("Also write each marked function's computation graph (Graphviz DOT): "
                                                "what the reverse sweep tapes, recomputes or keeps"),
                                 llvm::cl::value_desc("file.dot"), llvm::cl::cat(category));

enum class Language { Default, C99 };
llvm::cl::opt<Language> emitLanguage(
    "emit", llvm::cl::desc("The output's language (a .c input always gets C99)"), llvm::cl::init(Language::Default),
    llvm::cl::values(clEnumValN(Language::C99, "c99",
                                "C99 (static inline functions, restrict, <math.h>), for C++ inputs whose marked "
                                "functions use only what C has")),
    llvm::cl::cat(category));

llvm::cl::opt<long> storageBudget(
    "storage-budget",
    llvm::cl::desc("Bytes the reverse sweep of each marked function may keep (tapes, kept states: automatic "
                   "arrays and work buffer); a loop over it is checkpointed (docs/checkpointing.md). "
                   "GRADC_STORAGE_BUDGET(bytes) in a function's body sets its own"),
    llvm::cl::value_desc("bytes"), llvm::cl::init(0), llvm::cl::cat(category));

llvm::cl::opt<long> frameLimit(
    "frame-limit",
    llvm::cl::desc("Bytes of fixed-size arrays f_grad and f_pullback may declare on the stack; above it, the "
                   "largest move to the caller's work buffer (f_grad_work_bytes). 0: no limit"),
    llvm::cl::value_desc("bytes"), llvm::cl::init(64 * 1024), llvm::cl::cat(category));

llvm::cl::opt<long> packAbove(
    "pack-directions-above",
    llvm::cl::desc("f_jacobian and f_hessian sweeps of more directions than this hold each tangent's directions "
                   "in one array, in vectorizable loops (the packed layout); fewer: a copy per direction"),
    llvm::cl::value_desc("directions"), llvm::cl::init(4), llvm::cl::cat(category));

const char* stageName(Stage s) {
  switch (s) {
    case Stage::Lower: return "lower";
    case Stage::Reverse: return "reverse";
    case Stage::Cleanup: return "cleanup";
    case Stage::Forward: return "forward";
    case Stage::None: break;
  }
  return "";
}

// The flags after `--`, else the compilation database of -p, else one found
// above the first source, else no flags at all.
std::unique_ptr<clang::tooling::CompilationDatabase> loadDatabase(
    std::unique_ptr<clang::tooling::CompilationDatabase> afterDashes) {
  if (afterDashes) return afterDashes;
  std::string error;
  if (!buildPath.empty()) {
    if (!llvm::sys::fs::is_directory(buildPath)) {
      llvm::errs() << "gradc: error: -p " << buildPath << ": no such directory\n";
      return nullptr;
    }
    auto db = clang::tooling::CompilationDatabase::loadFromDirectory(buildPath, error);
    if (!db)
      llvm::errs() << "gradc: error: -p " << buildPath << ": no compile_commands.json there (CMake writes one with "
                   << "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)\n";
    return db;
  }
  if (auto db = clang::tooling::CompilationDatabase::autoDetectFromSource(sources.front(), error)) return db;
  return std::make_unique<clang::tooling::FixedCompilationDatabase>(".", std::vector<std::string>{});
}

}  // namespace

int main(int argc, const char** argv) {
  llvm::cl::HideUnrelatedOptions(category);
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream& os) {
    os << "gradc " << kVersion << " (Clang/LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  // `--` and what follows are the compiler's, not ours.
  std::string error;
  auto afterDashes = clang::tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv, error);
  if (!error.empty()) {
    llvm::errs() << "gradc: error: " << error << "\n";
    return 1;
  }
  if (!llvm::cl::ParseCommandLineOptions(argc, argv, kOverview, &llvm::errs())) return 1;
  std::unique_ptr<clang::tooling::CompilationDatabase> db = loadDatabase(std::move(afterDashes));
  if (!db) return 1;

  // LLVM's signal handlers (they remove a half-written output on SIGINT or
  // SIGTERM) are installed here, on the main thread: installed first from the
  // worker, they would swap its alternate signal stack, which
  // AddressSanitizer then fails to unmap when the worker exits.
  llvm::sys::SetInterruptFunction(nullptr);

  gradc::Options options;
  options.sources.assign(sources.begin(), sources.end());
  options.output = output;
  options.dumpStage = stageName(dump);
  options.depfile = depfile;
  options.emitCheck = emitCheck;
  options.graph = graph;
  options.emitC99 = emitLanguage == Language::C99;
  options.storageBudget = storageBudget;
  options.frameLimit = frameLimit;
  options.packAbove = packAbove;
  options.version = kVersion;
  options.executable = llvm::sys::fs::getMainExecutable(argv[0], reinterpret_cast<void*>(&main));
  // The passes recurse over expression trees: one 5,000 terms deep needs
  // more than the default 8 MB (far more under AddressSanitizer). The
  // stack is reserved, not touched, until used.
  constexpr unsigned kStackBytes = 1024u << 20;
  int status = 1;
  llvm::thread worker(std::optional<unsigned>(kStackBytes), [&] { status = gradc::run(*db, options); });
  worker.join();
  return status;
}
