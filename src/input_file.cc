#include "input_file.h"

#include "bounded_read.h"

namespace hostgraft {

bool ReadInputFile(const std::string& path, const std::string& what, std::string* text, Diagnostics* diags,
                   size_t max_bytes) {
  std::optional<std::string> problem = ReadFileBounded(path, max_bytes ? max_bytes : InputLimitBytes(), text);
  if (!problem) return true;
  Location where;
  where.file = path;
  diags->Error(kExitUsage, where, what + " " + *problem,
               problem->rfind("is a", 0) == 0 ? "name a readable file" : "");
  return false;
}

}  // namespace hostgraft
