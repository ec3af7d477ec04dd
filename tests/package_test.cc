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
  // The completion scripts (the binary's own output, kept so by the cli
  // test) where each shell looks for them, and the schemas editors read.
  CHECK(ReadFile(root + "/usr/share/bash-completion/completions/hostgraft") ==
        ReadFile(Source("completions/hostgraft.bash")));
  CHECK(ReadFile(root + "/usr/share/zsh/vendor-completions/_hostgraft") == ReadFile(Source("completions/hostgraft.zsh")));
  CHECK(ReadFile(root + "/usr/share/fish/vendor_completions.d/hostgraft.fish") ==
        ReadFile(Source("completions/hostgraft.fish")));
  for (const char* schema : {"hostgraft-values.schema.json", "hostgraft-plugin-config.schema.json"})
    CHECK(ReadFile(root + "/usr/share/hostgraft/schemas/" + schema) == ReadFile(Source(std::string("schemas/") + schema)));
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
