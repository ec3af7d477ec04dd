// hostgraft: grafts custom DNS names and checked TLS material onto rendered
// Kubernetes manifests. This file only hands argv to the command dispatcher.
#include "cli.h"

int main(int argc, char** argv) { return hostgraft::Main(argc, argv); }
