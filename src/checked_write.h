// Every output goes through here (DESIGN.md section 11): all bytes are
// written or the run fails with exit 5. EAGAIN on a non-blocking descriptor,
// as some CI runners leave stdout, is waited out; EINTR is retried.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "diagnostics.h"

namespace hostgraft {

// 0, or the errno of the write that failed.
int WriteAll(int fd, std::string_view data);
// The pieces one after the other, gathered into as few writev calls as the
// pipe or file takes.
int WriteAll(int fd, std::span<const std::string_view> pieces);

// Writes data to stdout. A failure is an exit-5 error in *diags naming
// `what` ("the output stream", "the lint report") and the reason.
bool WriteStdout(std::string_view data, const std::string& what, Diagnostics* diags);
bool WriteStdout(std::span<const std::string_view> pieces, const std::string& what, Diagnostics* diags);

}  // namespace hostgraft
