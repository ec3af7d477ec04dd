#include "input_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace hostgraft {

bool ReadInputFile(const std::string& path, const std::string& what, std::string* text, Diagnostics* diags,
                   size_t max_bytes) {
  Location where;
  where.file = path;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    diags->Error(kExitUsage, where, what + " names a directory", "name a file");
    return false;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    diags->Error(kExitUsage, where, what + ": cannot read: " + std::strerror(errno));
    return false;
  }
  text->clear();
  char buf[1 << 16];
  size_t n;
  while (text->size() <= max_bytes && (n = std::fread(buf, 1, sizeof buf, f)) > 0) text->append(buf, n);
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) {
    diags->Error(kExitUsage, where, what + ": cannot read: read error");
    return false;
  }
  if (text->size() > max_bytes) {
    diags->Error(kExitUsage, where, what + ": larger than " + std::to_string(max_bytes >> 20) + " MiB");
    return false;
  }
  return true;
}

}  // namespace hostgraft
