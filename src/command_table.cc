#include "command_table.h"

namespace hostgraft {
namespace {

OptionSpec Choice(std::string name, std::vector<std::string> choices, std::string summary) {
  std::string value;
  for (const std::string& c : choices) value += (value.empty() ? "" : "|") + c;
  return {std::move(name), "", ValueKind::kChoice, value, std::move(choices), std::move(summary)};
}

OptionSpec File(std::string name, std::string summary) {
  return {std::move(name), "", ValueKind::kFile, "FILE", {}, std::move(summary)};
}

OptionSpec Text(std::string name, std::string value, std::string summary) {
  return {std::move(name), "", ValueKind::kText, std::move(value), {}, std::move(summary)};
}

std::vector<CommandSpec> MakeCommands() {
  std::vector<CommandSpec> commands = {
      {.name = "render",
       .summary = "graft the custom hosts onto a rendered stream, stdin to stdout (the default command)",
       .usage = "[render] [options] < rendered.yaml > out.yaml",
       .options = {{"--version", "", ValueKind::kNone, "", {}, "print the version, as hostgraft version does"}},
       .example = "hostgraft render -f values.yaml --secrets files:./secrets < rendered.yaml > out.yaml"},
      {.name = "lint",
       .summary = "report every place a configured custom host is not wired; changes nothing",
       .usage = "lint [options] < rendered.yaml",
       .options = {Choice("--fail-on", {"error", "warning", "never"},
                          "exit 1 on findings at or above this (default: error)"),
                   File("--input", "read FILE instead of stdin; reports point at it")},
       .example = "hostgraft lint -f values.yaml --secrets none --format sarif < grafted.yaml > hostgraft.sarif"},
      {.name = "check-cert",
       .summary = "check a certificate, its key and chain against a host",
       .usage = "check-cert --host H (--bundle F | --cert F [--key F] [--ca F]) [options]",
       .options = {Text("--host", "HOST", "the host the certificate must serve"),
                   File("--bundle", "a secret file holding certificate, key and caCertificate"),
                   File("--cert", "the PEM certificate (with its chain)"),
                   File("--key", "its PEM private key"),
                   File("--ca", "the PEM certificate of the CA that issued it")},
       .example = "hostgraft check-cert --host keycloak.example.com --cert cert.pem --key key.pem --ca ca.pem"},
      {.name = "vault put",
       .summary = "check TLS material, then store it in Vault where render will read it",
       .usage = "vault put --host H --cert F --key F --ca F\n"
                "  (-f VALUES... [--portal officer|citizen] [--registry R] | --path P) [options]",
       .options = {Text("--host", "HOST", "the custom host the certificate is for"),
                   File("--cert", "the PEM certificate (with its chain)"),
                   File("--key", "its PEM private key"),
                   File("--ca", "the PEM certificate of the CA that issued it"),
                   Text("--path", "PATH", "store at this Vault path, not where the values say render reads"),
                   Choice("--portal", {"officer", "citizen"}, "the portal the host is for (default: Keycloak)"),
                   Text("--registry", "NAME", "the registry name for {registry} when the values give none")},
       .example = "hostgraft vault put --host keycloak.example.com --cert cert.pem --key key.pem --ca ca.pem "
                  "-f values.yaml"},
      {.name = "migrate",
       .summary = "rewrite old values into the current shapes, and carry a Route's certificate out",
       .usage = "migrate -f old-values.yaml [--from-route route.yaml --out-dir DIR] > new-values.yaml",
       .options = {File("--from-route", "an OpenShift Route whose TLS material goes to --out-dir"),
                   {"--out-dir", "", ValueKind::kDirectory, "DIR",
                    {}, "a new private directory for certificate.pem, key.pem and ca.pem"}},
       .example = "hostgraft migrate -f old-values.yaml --from-route route.yaml --out-dir tls > new-values.yaml"},
      {.name = "krm",
       .summary = "KRM function: a ResourceList on stdin, the transformed ResourceList on stdout",
       .usage = "krm [options] < resource-list.yaml",
       .example = "hostgraft krm < resource-list.yaml > out.yaml"},
      {.name = "diff",
       .summary = "show what render would change, as a unified diff per resource",
       .usage = "diff [options] < rendered.yaml",
       .example = "hostgraft diff -f values.yaml --secrets none < rendered.yaml"},
      {.name = "version",
       .summary = "print the version and the linked libraries",
       .usage = "version",
       .shared_options = false,
       .example = "hostgraft version"},
      {.name = "help",
       .summary = "print the usage, or the help of one command",
       .usage = "help [COMMAND]",
       .shared_options = false,
       .argument = "COMMAND",
       .argument_kind = ValueKind::kCommand,
       .example = "hostgraft help lint"},
      {.name = "completion",
       .summary = "print the completion script for bash, zsh or fish",
       .usage = "completion bash|zsh|fish",
       .shared_options = false,
       .argument = "SHELL",
       .argument_kind = ValueKind::kChoice,
       .argument_choices = {"bash", "zsh", "fish"},
       .argument_required = true,
       .example = "hostgraft completion fish > ~/.config/fish/completions/hostgraft.fish"},
      // kustomize runs an exec transformer as `plugin CONFIG-FILE`.
      {.name = "kustomize plugin",
       .summary = "kustomize exec transformer: CONFIG.yaml is a config of kind HostGraft",
       .usage = "CONFIG.yaml [options] < resources.yaml",
       .example = "kustomize build --enable-alpha-plugins --enable-exec .",
       .typed = false},
  };
  return commands;
}

}  // namespace

const std::vector<OptionSpec>& SharedOptions() {
  static const std::vector<OptionSpec> shared = {
      {"--values", "-f", ValueKind::kFile, "FILE", {}, "Helm values file (repeatable, merged like Helm)", true},
      {"--set", "", ValueKind::kText, "key.path=value", {}, "override one value (repeatable)", true},
      {"--secrets", "", ValueKind::kSecrets, "vault|files:DIR|none", {},
       "where TLS material comes from (default: vault when VAULT_ADDR is set)"},
      Text("--at", "RFC3339", "the time certificates are judged at (default: now)"),
      {"--verbose", "-v", ValueKind::kNone, "", {}, "decisions and timings on stderr, never secrets"},
      Choice("--format", {"text", "json", "sarif", "junit", "github"},
             "report format of lint and check-cert (default: text)"),
  };
  return shared;
}

const OptionSpec& HelpOption() {
  static const OptionSpec help{"--help", "-h", ValueKind::kNone, "", {}, "print this help"};
  return help;
}

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> commands = MakeCommands();
  return commands;
}

const CommandSpec* FindCommand(const std::string& name) {
  for (const CommandSpec& c : Commands())
    if (c.name == name) return &c;
  return nullptr;
}

std::vector<const OptionSpec*> OptionsOf(const CommandSpec& command) {
  std::vector<const OptionSpec*> all;
  for (const OptionSpec& o : command.options) all.push_back(&o);
  if (command.shared_options)
    for (const OptionSpec& o : SharedOptions()) all.push_back(&o);
  all.push_back(&HelpOption());
  return all;
}

const OptionSpec* FindOption(const CommandSpec& command, const std::string& name) {
  for (const OptionSpec* o : OptionsOf(command))
    if (o->name == name || (!o->short_name.empty() && o->short_name == name)) return o;
  return nullptr;
}

std::vector<std::string> CommandWords() {
  std::vector<std::string> words;
  for (const CommandSpec& c : Commands()) {
    if (!c.typed) continue;
    std::string first = c.name.substr(0, c.name.find(' '));
    if (words.empty() || words.back() != first) words.push_back(first);
  }
  return words;
}

std::string JoinWords(const std::vector<std::string>& words, const std::string& conjunction) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i)
    out += (i == 0 ? "" : i + 1 == words.size() ? " " + conjunction + " " : ", ") + words[i];
  return out;
}

}  // namespace hostgraft
