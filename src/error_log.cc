#include "error_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <optional>

#include "checked_write.h"
#include "rfc3339.h"

namespace hostgraft {
namespace {

std::string Reason(const std::string& what) { return what + ": " + std::strerror(errno); }

// The directory of the default log is ours: created 0700, tightened to 0700
// when an older release made it 0755. A directory named through
// HOSTGRAFT_ERROR_LOG (say /tmp) is the user's and left as it is.
std::optional<std::string> PrepareDirectory(const std::filesystem::path& dir, bool ours) {
  struct stat st;
  if (lstat(dir.c_str(), &st) != 0) {
    std::error_code ec;
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Reason("cannot create " + dir.string());
    return std::nullopt;
  }
  if (ours && S_ISDIR(st.st_mode) && st.st_uid == geteuid() && (st.st_mode & 077) != 0) chmod(dir.c_str(), 0700);
  return std::nullopt;
}

// Opens the log for appending, 0600, never through a symbolic link.
int OpenLog(const std::string& path) {
  return open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
}

std::optional<std::string> Append(const std::string& path, const std::string& entry, bool ours) {
  std::filesystem::path p(path);
  if (std::optional<std::string> e = PrepareDirectory(p.has_parent_path() ? p.parent_path() : ".", ours)) return e;
  int fd = OpenLog(path);
  if (fd < 0) return errno == ELOOP ? std::string("it is a symbolic link") : Reason("cannot open it");
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return std::string("it is not a regular file");
  }
  if (st.st_uid == geteuid() && (st.st_mode & 077) != 0) fchmod(fd, 0600);
  if (static_cast<size_t>(st.st_size) + entry.size() > kErrorLogCap) {
    close(fd);
    if (rename(path.c_str(), (path + ".1").c_str()) != 0) return Reason("cannot rotate it");
    if ((fd = OpenLog(path)) < 0) return Reason("cannot open it");
  }
  int error = WriteAll(fd, entry);
  close(fd);
  if (error) return std::string("cannot write it: ") + std::strerror(error);
  return std::nullopt;
}

}  // namespace

std::string ErrorLogPath() {
  if (const char* p = std::getenv("HOSTGRAFT_ERROR_LOG"); p && *p) return p;
  std::string state;
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) state = x;
  else if (const char* h = std::getenv("HOME"); h && *h) state = std::string(h) + "/.local/state";
  else return {};
  return state + "/hostgraft/last-error.log";
}

void AppendToErrorLog(const Diagnostics& diags, const std::string& command) {
  std::string errors;
  for (const Diagnostic& d : diags.all())
    if (d.severity == Severity::kError) errors += "hostgraft: " + FormatDiagnostic(d) + "\n";
  if (errors.empty()) return;
  std::string path = ErrorLogPath();
  if (path.empty()) return;
  const char* named = std::getenv("HOSTGRAFT_ERROR_LOG");
  std::string entry = "=== " + FormatRfc3339(std::time(nullptr)) + " hostgraft " + command + " (exit " +
                      std::to_string(diags.exit_code()) + ")\n" + errors;
  if (std::optional<std::string> problem = Append(path, entry, !(named && *named)))
    std::fputs(("hostgraft: warning: cannot write the error log " + path + ": " + *problem +
                "\n  fix: set HOSTGRAFT_ERROR_LOG to a file this user can write\n")
                   .c_str(),
               stderr);
}

}  // namespace hostgraft
