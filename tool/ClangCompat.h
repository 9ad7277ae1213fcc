// The one place that knows about Clang API differences between versions.
// gradc is built and tested against Clang 19.
#ifndef GRADC_CLANGCOMPAT_H
#define GRADC_CLANGCOMPAT_H

#include "clang/Basic/Version.h"
#include "clang/Lex/PPCallbacks.h"

#include <functional>
#include <string>

namespace gradc {

// Reports each #include directive as (spelling, angled, resolved path, search path).
class IncludeCallbacks : public clang::PPCallbacks {
 public:
  using Handler = std::function<void(clang::SourceLocation hashLoc, llvm::StringRef fileName,
                                     bool angled, llvm::StringRef resolved, llvm::StringRef searchPath)>;
  explicit IncludeCallbacks(Handler h) : handler_(std::move(h)) {}

#if CLANG_VERSION_MAJOR >= 19
  void InclusionDirective(clang::SourceLocation hashLoc, const clang::Token&, llvm::StringRef fileName,
                          bool isAngled, clang::CharSourceRange, clang::OptionalFileEntryRef file,
                          llvm::StringRef searchPath, llvm::StringRef, const clang::Module*, bool,
                          clang::SrcMgr::CharacteristicKind) override {
    handler_(hashLoc, fileName, isAngled, file ? file->getName() : llvm::StringRef(), searchPath);
  }
#else
#error "gradc needs Clang 19 or later"
#endif

 private:
  Handler handler_;
};

}  // namespace gradc

#endif  // GRADC_CLANGCOMPAT_H
