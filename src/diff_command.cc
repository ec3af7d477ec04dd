#include "diff_command.h"

#include "render_command.h"

namespace hostgraft {

int DiffCommand(const Options& options) {
  Diagnostics diags;
  diags.Error(kExitUsage, {}, "diff is not built yet", "use render");
  Report(diags, options.command);
  return kExitUsage;
}

}  // namespace hostgraft
