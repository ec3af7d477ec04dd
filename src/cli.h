#pragma once

namespace hostgraft {

// Parses argv, runs the command and returns the process exit code.
int Main(int argc, char** argv);

}  // namespace hostgraft
