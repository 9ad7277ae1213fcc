#include "Output.h"

#include "Driver.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace gradc {

namespace {

bool reportWriteError(const std::string& path, const std::string& why) {
  llvm::errs() << "gradc: error: cannot write '" << path << "': " << why << "\n";
  return false;
}

// Writes text to an open stream; false (with the error printed) if it failed.
bool writeAll(llvm::raw_fd_ostream& os, const std::string& path, const std::string& text) {
  os << text;
  os.close();
  if (!os.has_error()) return true;
  std::string why = os.error().message();
  os.clear_error();
  return reportWriteError(path, why);
}

}  // namespace

std::string depfileText(const std::string& output, const std::vector<std::string>& inputs) {
  auto escape = [](const std::string& path) {
    std::string e;
    for (char c : path) {
      if (c == ' ' || c == '#') e += '\\';
      if (c == '$') e += '$';
      e += c;
    }
    return e;
  };
  std::string text = escape(output) + ":";
  std::vector<std::string> sorted = inputs;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (const std::string& in : sorted) text += " \\\n  " + escape(in);
  return text + "\n";
}

bool writeOutput(const std::string& path, const std::string& text) {
  if (path == "-") {
    llvm::outs() << text;
    llvm::outs().flush();
    return true;
  }
  std::error_code ec;
  llvm::sys::fs::file_status st;
  if (!llvm::sys::fs::status(path, st) && llvm::sys::fs::exists(st) && !llvm::sys::fs::is_regular_file(st)) {
    if (llvm::sys::fs::is_directory(st)) return reportWriteError(path, "it is a directory");
    // A FIFO, a terminal, /dev/null: the reader is waiting on that very file.
    llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Append);
    if (ec) return reportWriteError(path, ec.message());
    return writeAll(os, path, text);
  }
  std::string tmp = path + ".tmp." + std::to_string(llvm::sys::Process::getProcessId());
  llvm::sys::RemoveFileOnSignal(tmp);  // before the file exists: no window for a signal
  llvm::raw_fd_ostream os(tmp, ec);
  if (ec) {
    llvm::sys::DontRemoveFileOnSignal(tmp);
    return reportWriteError(path, ec.message());
  }
  bool ok = writeAll(os, path, text);
  if (ok && (ec = llvm::sys::fs::rename(tmp, path))) ok = reportWriteError(path, ec.message());
  if (!ok) llvm::sys::fs::remove(tmp);
  llvm::sys::DontRemoveFileOnSignal(tmp);
  return ok;
}

bool checkPaths(const Options& options) {
  // Generated comments and depfiles quote paths on one line: a line break in
  // a file name would end the comment and make the rest of the name code.
  std::vector<const std::string*> all = {&options.output, &options.depfile, &options.graph};
  for (const std::string& src : options.sources) all.push_back(&src);
  for (const std::string* path : all)
    if (std::any_of(path->begin(), path->end(), [](char c) { return c >= 0 && c < 0x20; })) {
      llvm::errs() << "gradc: error: the path '" << llvm::StringRef(*path).rtrim() << "' contains a line break or "
                   << "another control character; rename the file\n";
      return false;
    }
  // A FIFO or /dev/zero as an input would hang or exhaust memory.
  for (const std::string& src : options.sources) {
    llvm::sys::fs::file_status st;
    if (llvm::sys::fs::status(src, st) || !llvm::sys::fs::exists(st)) {
      llvm::errs() << "gradc: error: cannot read '" << src << "': no such file\n";
      return false;
    }
    if (!llvm::sys::fs::is_regular_file(st)) {
      llvm::errs() << "gradc: error: cannot read '" << src << "': "
                   << (llvm::sys::fs::is_directory(st) ? "it is a directory" : "not a regular file") << "\n";
      return false;
    }
  }
  for (const std::string* out : {&options.output, &options.depfile, &options.graph}) {
    if (out->empty() || *out == "-") continue;
    for (const std::string& src : options.sources) {
      bool same = false;
      if (!llvm::sys::fs::equivalent(src, *out, same) && same) {
        llvm::errs() << "gradc: error: the output '" << *out << "' is the input '" << src
                     << "'; refusing to overwrite it\n";
        return false;
      }
    }
  }
  if (!options.depfile.empty() && options.depfile == options.output) {
    llvm::errs() << "gradc: error: --depfile and -o name the same file '" << options.output << "'\n";
    return false;
  }
  return true;
}

}  // namespace gradc
