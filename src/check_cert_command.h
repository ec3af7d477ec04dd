// hostgraft check-cert: the certificate rules of DESIGN.md section 7 on
// local files, with a report of what the certificate is.
#pragma once

#include "options.h"
#include "report.h"

namespace hostgraft {

// --host H (--bundle F | --cert F [--key F] [--ca F]): a bundle is a secret
// file like the files: store's (certificate, key, caCertificate). Usage
// errors (exit 2) go to *usage and leave the report empty.
struct CheckCertResult {
  FindingsReport report;
  int exit_code = kExitOk;  // 0 accepted, 1 refused, 2 usage
  Diagnostics usage;
};
CheckCertResult CheckCert(const Options& options);

int CheckCertCommand(const Options& options);

}  // namespace hostgraft
