// Packaging: the .deb that `cpack -G DEB` builds, unpacked into a temporary
// root with dpkg -x, runs from there; the man page is clean roff.
#include <catch2/catch.hpp>

#include <filesystem>

#include "host_support.h"

using namespace hostgraft::test;

namespace {

std::string BuildDeb() {
  std::string out = TempDir();
  RunResult r = RunIn(BuildDir(), {"cpack", "-G", "DEB", "-B", out}, {}, {}, 110);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (const auto& entry : std::filesystem::directory_iterator(out))
    if (entry.path().extension() == ".deb") return entry.path().string();
  FAIL("cpack made no .deb in " << out);
  return {};
}

}  // namespace

TEST_CASE("package: the .deb installs into a root and runs from there", "[package][slow]") {
  std::string deb = BuildDeb();
  RunResult depends = RunProgram({"dpkg-deb", "-f", deb, "Depends"});
  for (const char* lib : {"libyaml-0-2", "libyaml-cpp0.7", "libssl3", "libcurl4"})
    CHECK(depends.out.find(lib) != std::string::npos);

  std::string root = TempDir();
  REQUIRE(RunProgram({"dpkg", "-x", deb, root}).exit_code == 0);
  std::string bin = root + "/usr/bin/hostgraft";
  RunResult version = RunProgram({bin, "version"}, {}, {{"HOSTGRAFT_VAULT_MODULE", ""}});
  REQUIRE(version.exit_code == 0);
  CHECK(version.out.rfind("hostgraft 0.1.0\n", 0) == 0);
  // The Vault client is found relative to the binary.
  CHECK(version.out.find("vault client " + root + "/usr/lib/hostgraft/hostgraft-vault.so\n") != std::string::npos);

  CHECK(std::filesystem::exists(root + "/usr/share/man/man1/hostgraft.1"));
  CHECK(ReadFile(root + "/usr/share/bash-completion/completions/hostgraft") ==
        ReadFile(Source("completions/hostgraft.bash")));
  // The Helm plugin directory: plugin.yaml and bin/hostgraft, a symlink to
  // the installed binary that finds the same Vault client.
  std::string plugin = root + "/usr/share/hostgraft/helm-plugin";
  CHECK(ReadFile(plugin + "/plugin.yaml") == ReadFile(Source("plugin.yaml")));
  REQUIRE(std::filesystem::is_symlink(plugin + "/bin/hostgraft"));
  CHECK(std::filesystem::read_symlink(plugin + "/bin/hostgraft") == "../../../../bin/hostgraft");
  CHECK(RunProgram({plugin + "/bin/hostgraft", "version"}).out == version.out);

  // The installed binary renders the bundled example.
  RunResult render = RunProgram({bin, "-f", Source("testdata/registry/values-platform.yaml"), "-f",
                                 Source("testdata/registry/values-registry.yaml"), "--secrets",
                                 "files:" + Source("testdata/registry/secrets"), "--at", "2026-06-01T00:00:00Z"},
                                ReadFile(Source("testdata/registry/helm3.yaml")),
                                {{"HOSTGRAFT_ERROR_LOG", TempDir() + "/error.log"}});
  CHECK(render.exit_code == 0);
  CHECK(render.out == ReadFile(Source("testdata/registry/expected/helm3.yaml")));
}

TEST_CASE("package: the man page is clean roff", "[package]") {
  RunResult r = RunProgram({"groff", "-z", "-man", "-ww", Source("docs/hostgraft.1")}, {}, {{"LC_ALL", "C.UTF-8"}});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  std::string page = ReadFile(Source("docs/hostgraft.1"));
  for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH ENVIRONMENT",
                              ".SH EXIT STATUS", ".SH EXAMPLES"})
    CHECK(page.find(section) != std::string::npos);
  CHECK(page.find("HOSTGRAFT_ERROR_LOG") != std::string::npos);
}

TEST_CASE("package: bash completion offers the commands and formats", "[package]") {
  std::string script = "source " + Source("completions/hostgraft.bash") +
                       "\nCOMP_WORDS=(hostgraft r); COMP_CWORD=1; _hostgraft; echo \"${COMPREPLY[*]}\""
                       "\nCOMP_WORDS=(hostgraft lint --format s); COMP_CWORD=3; _hostgraft; echo \"${COMPREPLY[*]}\"";
  RunResult r = RunProgram({"bash", "-c", script});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "render\nsarif\n");
}
