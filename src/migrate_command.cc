#include "migrate_command.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "checked_write.h"
#include "config_reader.h"
#include "edits.h"
#include "input_file.h"
#include "log.h"
#include "options.h"
#include "put_command.h"
#include "render_command.h"
#include "stream_reader.h"
#include "values.h"

namespace hostgraft {
namespace {

constexpr char kOldDns[] = "global.customDNS";

bool IsNull(const Node* n) {
  if (!n) return true;
  if (!n->IsScalar() || n->style != ScalarStyle::kPlain || !n->tag.empty()) return false;
  return n->value.empty() || n->value == "~" || n->value == "null" || n->value == "Null" || n->value == "NULL";
}

// A mapping entry that is present and not null.
const Node* Present(const Node* map, std::string_view key) {
  const Node* n = map && map->IsMap() ? map->Get(key) : nullptr;
  return IsNull(n) ? nullptr : n;
}

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

Value PlainTrue() {
  Value v("true");
  v.plain = true;
  return v;
}

// portals.<p>.customHost from an old global.customDNS entry: a host name,
// or {enabled, host, ...} carried over key by key with enabled first.
Value NewPortalHost(const Node& old) {
  if (old.IsScalar()) return Value::Map({{"enabled", PlainTrue()}, {"host", old.value}});
  const Node* enabled = old.Get("enabled");
  Value out = Value::Map({{"enabled", enabled ? ToValue(*enabled) : PlainTrue()}});
  for (size_t i = 0; i < old.Size(); ++i)
    if (old.KeyAt(i)->Str() != "enabled") out.Add(old.KeyAt(i)->value, ToValue(*old.ValueAt(i)));
  return out;
}

bool ListsHost(const Node* list, const std::string& host) {
  if (!list || !list->IsSeq()) return false;
  for (const Node* item : list->children)
    if (const Node* h = Present(item, "host"); h && h->Str() == host) return true;
  return false;
}

// The hosts and certificate paths render derives from a config: what a
// migration must keep.
std::vector<std::string> Meaning(const Config& c) {
  return {c.CustomKeycloakHost(), c.KeycloakCertificatePath(), c.officer.custom_host,
          c.PortalCertificatePath(c.officer), c.citizen.custom_host, c.PortalCertificatePath(c.citizen)};
}

class Migration {
 public:
  Migration(const Document& doc, const Config& old, const std::string& file, Diagnostics* diags)
      : doc_(doc), root_(*doc.tree().root()), old_(old), file_(file), diags_(diags), edits_(doc) {}

  bool Run() {
    const Node* dns = Present(Present(&root_, "global"), "customDNS");
    Portal(dns, "officer", "officerPortal");
    Portal(dns, "citizen", "citizenPortal");
    // A key added to a mapping and one added to the mapping that holds it
    // can land on the same byte; the inner one has to be spliced first.
    for (auto& [portal, value] : into_portal_) edits_.AddKey(*portal, "customHost", value);
    Keycloak();
    for (auto& [name, value] : into_portals_) edits_.AddKey(*root_.Get("portals"), name, value);
    for (auto& [key, value] : new_root_.entries) edits_.AddKey(root_, key, value);
    RemoveOld();
    return ok_;
  }
  // False when two edits overlap (a bug); nothing is written then.
  bool Text(std::string* out) const {
    if (edits_.empty()) {
      *out = doc_.text;
      return true;
    }
    return edits_.Apply(out);
  }

 private:
  void Error(const std::string& path, std::string message, std::string fix) {
    Location where;
    where.file = file_;
    where.path = path;
    diags_->Error(kExitUsage, where, std::move(message), std::move(fix));
    ok_ = false;
  }

  // The mapping at `key` of `parent` that new keys go under; null (with an
  // error) when the key holds something else, such as null.
  const Node* Section(const Node& parent, std::string_view key, const std::string& path) {
    const Node* n = parent.Get(key);
    if (n && !n->IsMap()) {
      Error(path, "is not a mapping, so the new keys cannot go under it", "write " + path + ": {} or remove the key");
      return nullptr;
    }
    return n;
  }

  void Keycloak() {
    const std::string& k = old_.keycloak_custom_host;
    if (k.empty() || k == old_.keycloak_default_host) return;
    bool from_old = StartsWith(old_.keycloak_custom_host_source, kOldDns);
    if (!root_.Get("keycloak")) {
      Value section = Value::Map({{"customHosts", Value::List({Value::Map({{"host", k}})})}});
      section.Add("customHost", k);
      new_root_.Add("keycloak", section);
      return;
    }
    const Node* keycloak = Section(root_, "keycloak", "keycloak");
    if (!keycloak) return;
    const Node* list = Present(keycloak, "customHosts");
    if (!list)
      edits_.AddKey(*keycloak, "customHosts", Value::List({Value::Map({{"host", k}})}));
    else if (from_old && !ListsHost(list, k))
      edits_.AppendItem(*list, Value::Map({{"host", k}}));
    if (from_old && !Present(keycloak, "customHost")) edits_.AddKey(*keycloak, "customHost", k);
  }

  void Portal(const Node* dns, const std::string& name, const char* old_key) {
    const Node* old = Present(dns, old_key);
    if (!old) return;
    const std::string old_path = std::string(kOldDns) + "." + old_key;
    const Node* portals = root_.Get("portals") ? Section(root_, "portals", "portals") : nullptr;
    if (root_.Get("portals") && !portals) return;
    const std::string path = "portals." + name;
    const Node* portal = portals && portals->Get(name) ? Section(*portals, name, path) : nullptr;
    if (portals && portals->Get(name) && !portal) return;
    for (const char* shape : {"customHost", "customDns"}) {
      if (!Present(portal, shape)) continue;
      // The new shape is there: the old entry must not say anything else.
      const ::hostgraft::Portal* p = old_.PortalByName(name);
      if (StartsWith(p->source, kOldDns))
        Error(old_path, "sets host " + p->custom_host + " while " + path + "." + shape + " is disabled",
              "remove " + old_path + ", or enable " + path + "." + shape);
      return;
    }
    Value host = NewPortalHost(*old);
    if (portal)
      into_portal_.emplace_back(portal, host);
    else if (portals)
      into_portals_.emplace_back(name, Value::Map({{"customHost", host}}));
    else
      NewPortals().Add(name, Value::Map({{"customHost", host}}));
  }

  Value& NewPortals() {
    for (auto& [key, value] : new_root_.entries)
      if (key == "portals") return value;
    new_root_.Add("portals", Value::Map());
    return new_root_.entries.back().second;
  }

  // global.customDNS goes once its entries are carried over; so does global
  // when nothing else is in it. Keys hostgraft does not know stay.
  void RemoveOld() {
    const Node* global = Present(&root_, "global");
    if (!global || !global->IsMap() || global->KeyIndex("customDNS") < 0) return;
    const Node* dns = global->Get("customDNS");
    static const char* const kKnown[] = {"officerPortal", "citizenPortal", "keycloak"};
    if (dns->IsMap()) {
      std::vector<size_t> known;
      for (const char* key : kKnown)
        if (int i = dns->KeyIndex(key); i >= 0) known.push_back(i);
      if (known.size() < dns->Size()) {
        edits_.RemoveKeys(*dns, known);
        return;
      }
    }
    if (global->Size() > 1)
      edits_.RemoveKeys(*global, {static_cast<size_t>(global->KeyIndex("customDNS"))});
    else
      edits_.RemoveKeys(root_, {static_cast<size_t>(root_.KeyIndex("global"))});
  }

  const Document& doc_;
  const Node& root_;
  const Config& old_;
  std::string file_;
  Diagnostics* diags_;
  Edits edits_;
  std::vector<std::pair<const Node*, Value>> into_portal_;   // customHost for portals.<p>
  std::vector<std::pair<std::string, Value>> into_portals_;  // portals.<p> sections
  Value new_root_ = Value::Map();  // sections to add at the top level
  bool ok_ = true;
};

bool OnlyComments(const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    size_t start = line.find_first_not_of(" \t\r");
    if (start != std::string::npos && line[start] != '#') return false;
  }
  return true;
}

bool ConfigOf(const std::string& text, const std::string& file, Config* config, Diagnostics* diags) {
  YAML::Node values;
  try {
    values = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diags->Error(kExitUsage, {-1, {}, {}, 0, file}, std::string("not valid YAML: ") + e.what());
    return false;
  }
  return ReadConfig(values, config, diags);
}

// The splice work on values text. `loaded`: the configuration render
// reads from the same file (LoadValues), when the caller has it; else it is
// read here from the text, once the reader has checked it.
bool MigrateRead(const std::string& text, const std::string& file, const Config* loaded, std::string* out,
                 Diagnostics* diags) {
  // Nothing but comments: nothing to migrate (and no document to read).
  if (OnlyComments(text)) {
    *out = text;
    return true;
  }
  // The tree with byte positions the edits need. Values are a configuration,
  // so what this reader refuses is a usage error (exit 2) naming the file.
  Stream stream;
  Diagnostics read;
  bool ok = ReadStream(text, ReadLimits{}, &stream, &read);
  for (Diagnostic d : read.all()) {
    if (d.severity == Severity::kError) d.exit_code = kExitUsage;
    d.where.file = file;
    d.where.document = -1;
    if (d.severity == Severity::kError)
      diags->Error(d.exit_code, d.where, d.message, d.fix);
    else if (d.severity == Severity::kWarning)
      diags->Warning(d.where, d.message, d.fix);
    else
      diags->Info(d.where, d.message);
  }
  if (!ok) return false;
  int documents = 0;
  for (const Document& doc : stream.documents) documents += doc.has_node;
  if (documents > 1) {
    diags->Error(kExitUsage, {-1, {}, {}, 0, file}, "a values file holds one YAML document; this one holds " +
                                                       std::to_string(documents), "migrate each document on its own");
    return false;
  }
  Config old;
  if (loaded)
    old = *loaded;
  else if (!ConfigOf(text, file, &old, diags))
    return false;
  out->clear();
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !doc.tree().root()->IsMap()) {
      *out += doc.text;
      continue;
    }
    Migration migration(doc, old, file, diags);
    std::string text;
    if (!migration.Run()) return false;
    if (!migration.Text(&text)) {
      diags->Error(kExitUsage, {doc.index, {}, {}, doc.first_line, file},
                   "internal error: the edits of these values overlap; nothing was written");
      return false;
    }
    *out += text;
  }
  Config migrated;
  Diagnostics check;
  if (!ConfigOf(*out, file, &migrated, &check) || Meaning(migrated) != Meaning(old)) {
    diags->Error(kExitUsage, {-1, {}, {}, 0, file},
                 "internal error: the migrated values do not name the same hosts and certificate paths; nothing was written",
                 "report this with the values file");
    return false;
  }
  return true;
}

}  // namespace

bool MigrateValues(const std::string& text, const std::string& file, std::string* out, Diagnostics* diags) {
  return MigrateRead(text, file, nullptr, out, diags);
}

namespace {

// The TLS material of the one Route in a file that carries some.
struct RouteTls {
  std::string resource, host, namespace_;
  std::string certificate, key, ca_certificate;
};

bool ReadRouteTls(const std::string& file, RouteTls* route, Diagnostics* diags) {
  std::string text;
  Stream stream;
  if (!ReadInputFile(file, "--from-route", &text, diags) || !ReadStream(std::move(text), ReadLimits{}, &stream, diags))
    return false;
  int found = 0;
  for (const Document& doc : stream.documents) {
    if (!doc.has_node || !doc.Is("route.openshift.io", "Route")) continue;
    const Node* tls = doc.tree().root()->At("spec.tls");
    const Node* certificate = Present(tls, "certificate");
    if (!certificate || !certificate->IsScalar()) continue;
    if (++found > 1) continue;
    const Node* host = doc.tree().root()->At("spec.host");
    route->resource = doc.Resource();
    route->host = host && host->IsScalar() ? host->value : "";
    route->namespace_ = doc.namespace_;
    route->certificate = certificate->value;
    if (const Node* key = Present(tls, "key")) route->key = key->Str();
    if (const Node* ca = Present(tls, "caCertificate")) route->ca_certificate = ca->Str();
  }
  Location where;
  where.file = file;
  if (found != 1) {
    diags->Error(kExitUsage, where,
                 found ? std::to_string(found) + " Routes carry a certificate; migrate takes one at a time"
                       : "no Route with spec.tls.certificate",
                 found ? "put each Route in its own file and run migrate once per Route"
                       : "export the Route that serves the custom host: oc get route NAME -o yaml");
    return false;
  }
  if (route->host.empty() || route->key.empty()) {
    diags->Error(kExitUsage, where, route->resource + " has no " + (route->host.empty() ? "spec.host" : "spec.tls.key"),
                 "export the Route that serves the custom host with its TLS key");
    return false;
  }
  return true;
}

// Which of the configured custom hosts the Route serves: "" for Keycloak,
// else the portal name.
bool RoleOf(const Config& config, const RouteTls& route, std::string* portal, Diagnostics* diags) {
  portal->clear();
  if (route.host == config.CustomKeycloakHost()) return true;
  for (const KeycloakHost& listed : config.keycloak_custom_hosts)
    if (listed.host == route.host) return true;
  for (const Portal* p : {&config.officer, &config.citizen}) {
    if (p->custom_host != route.host) continue;
    *portal = p->name;
    return true;
  }
  diags->Error(kExitUsage, {-1, route.resource, "spec.host", 0, {}},
               "the Route serves " + route.host + ", which the values name as no custom host",
               "set it as keycloak.customHost or a portal's customHost, or pass the Route of a configured host");
  return false;
}

// --out-dir (DESIGN.md section 11): the Route's private key goes into files
// created new (O_EXCL, O_NOFOLLOW, mode 0600) in a directory owned by the
// caller that nobody else can read or write. The directory is opened once
// and checked through its descriptor, and every file is created relative to
// it, so swapping the path after the check changes nothing.
class PrivateDirectory {
 public:
  ~PrivateDirectory() {
    if (fd_ >= 0) close(fd_);
  }

  // Creates dir 0700, or opens an existing one that passes the checks.
  bool Open(const std::string& dir, Diagnostics* diags) {
    dir_ = dir;
    Location where;
    where.file = dir;
    if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      diags->Error(kExitUsage, where, std::string("--out-dir: cannot create the directory: ") + std::strerror(errno));
      return false;
    }
    fd_ = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat st;
    if (fd_ < 0 || fstat(fd_, &st) != 0) {
      int error = errno;
      diags->Error(kExitUsage, where,
                   error == ENOTDIR ? std::string("--out-dir: not a directory")
                                    : std::string("--out-dir: cannot open the directory: ") + std::strerror(error),
                   "name a new directory; hostgraft creates it private");
      return false;
    }
    if (st.st_uid != geteuid()) {
      diags->Error(kExitUsage, where,
                   "--out-dir: the directory belongs to another user (uid " + std::to_string(st.st_uid) +
                       ", not " + std::to_string(geteuid()) + "), and private keys go into it",
                   "name a new directory; hostgraft creates it private");
      return false;
    }
    // Read access would let others list the names only (the files are
    // 0600), but a private key's directory is private: any group or other
    // bit is refused, as an ACL entry shows in the group bits.
    if (st.st_mode & 077) {
      diags->Error(kExitUsage, where, "--out-dir: the directory is open to other users, and private keys go into it",
                   "name a new directory, or chmod 700 " + dir);
      return false;
    }
    return true;
  }

  // False, naming each, when any of the names exists: key files are never
  // overwritten, and all of them are checked before any is written.
  bool AllFree(const std::vector<std::string>& names, Diagnostics* diags) const {
    bool ok = true;
    for (const std::string& name : names) {
      struct stat st;
      if (fstatat(fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        Exists(name, st.st_mode, diags);
        ok = false;
      }
    }
    return ok;
  }

  // Creates name with data, mode 0600. A write that fails is exit 5 and the
  // file is removed (with RemoveWritten, every file of the run).
  bool Write(const std::string& name, const std::string& data, Diagnostics* diags) {
    const std::string path = dir_ + "/" + name;
    int fd = openat(fd_, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      int error = errno;
      struct stat st;
      if (error == EEXIST && fstatat(fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        Exists(name, st.st_mode, diags);
      } else {
        diags->Error(kExitWriteFailed, At(path), std::string("cannot create the file: ") + std::strerror(error));
      }
      return false;
    }
    written_.push_back(name);
    int error = fchmod(fd, 0600) == 0 ? WriteAll(fd, data) : errno;
    if (close(fd) != 0 && error == 0) error = errno;
    if (error != 0) {
      diags->Error(kExitWriteFailed, At(path), std::string("cannot write the file: ") + std::strerror(error),
                   "check the space and limits of the file system of --out-dir; no file of this run was left there");
      return false;
    }
    return true;
  }

  // Removes the files this run created, so a failed run leaves none behind
  // (a later run would refuse them).
  void RemoveWritten() {
    for (const std::string& name : written_) unlinkat(fd_, name.c_str(), 0);
    written_.clear();
  }

 private:
  static Location At(const std::string& path) {
    Location where;
    where.file = path;
    return where;
  }
  void Exists(const std::string& name, mode_t mode, Diagnostics* diags) const {
    const char* what = S_ISLNK(mode) ? "a symbolic link" : S_ISDIR(mode) ? "a directory" : S_ISREG(mode) ? "a file" : "a special file";
    diags->Error(kExitUsage, At(dir_ + "/" + name),
                 std::string("already exists (") + what + "); migrate creates the key files new and never writes into an "
                 "existing one",
                 "remove it, or choose another --out-dir");
  }

  std::string dir_;
  int fd_ = -1;
  std::vector<std::string> written_;
};

// A word the shell reads back as itself.
std::string ShellWord(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+-") ==
                        std::string::npos)
    return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Writes the Route's material into out_dir; *command is the vault put line.
bool CarryRoute(const std::string& new_values, const Options& options, std::string* command, Diagnostics* diags) {
  const std::string file = options.Flag("--from-route");
  const std::string dir = options.Flag("--out-dir");
  RouteTls route;
  Config config;
  std::string portal, path;
  PrivateDirectory out;
  if (!ReadRouteTls(file, &route, diags) || !ConfigOf(new_values, options.values_files[0], &config, diags) ||
      !RoleOf(config, route, &portal, diags) ||
      !CertificatePathFor(config, route.host, portal, config.registry.empty() ? route.namespace_ : "", &path, diags) ||
      !out.Open(dir, diags))
    return false;
  const std::string cert = dir + "/certificate.pem", key = dir + "/key.pem", ca = dir + "/ca.pem";
  // All of them new, or none written.
  std::vector<std::pair<std::string, const std::string*>> files{{"certificate.pem", &route.certificate}, {"key.pem", &route.key}};
  if (!route.ca_certificate.empty()) files.push_back({"ca.pem", &route.ca_certificate});
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.first);
  if (!out.AllFree(names, diags)) return false;
  for (const auto& [name, data] : files) {
    if (!out.Write(name, *data, diags)) {
      out.RemoveWritten();
      return false;
    }
  }
  if (route.ca_certificate.empty()) {
    diags->Warning({-1, route.resource, "spec.tls.caCertificate", 0, file},
                   "the Route has no caCertificate, and vault put needs the CA that issued the certificate",
                   "put the issuing CA's PEM certificate in " + ca + " before running the vault put command");
  }
  *command = "hostgraft vault put --host " + ShellWord(route.host) + " --cert " + ShellWord(cert) + " --key " +
             ShellWord(key) + " --ca " + ShellWord(ca) + (portal.empty() ? "" : " --portal " + portal) + " --path " +
             ShellWord(path) + "\n";
  return true;
}

bool Migrate(const Options& options, std::string* out, std::string* command, Diagnostics* diags) {
  bool ok = true;
  if (options.values_files.size() != 1) {
    diags->Error(kExitUsage, {}, "migrate takes exactly one -f file, the old values",
                 "hostgraft migrate -f old-values.yaml > new-values.yaml");
    ok = false;
  }
  if (!options.sets.empty()) {
    diags->Error(kExitUsage, {}, "migrate rewrites a file and takes no --set",
                 "hostgraft migrate -f old-values.yaml > new-values.yaml");
    ok = false;
  }
  if (options.Has("--from-route") != options.Has("--out-dir")) {
    diags->Error(kExitUsage, {}, "--from-route and --out-dir go together",
                 "hostgraft migrate -f old.yaml --from-route route.yaml --out-dir DIR");
    ok = false;
  }
  if (!ok) return false;
  // First the way render reads values (LoadValues, then the configuration),
  // so a malformed or mistyped file gets render's message and exit code;
  // then its bytes again, for the edits.
  const std::string& file = options.values_files[0];
  YAML::Node values;
  Config old;
  std::string text;
  if (!LoadValues({file}, {}, &values, diags) || !ConfigFromValues(values, &old, diags) ||
      !ReadInputFile(file, "-f", &text, diags) || !MigrateRead(text, file, &old, out, diags))
    return false;
  return !options.Has("--from-route") || CarryRoute(*out, options, command, diags);
}

}  // namespace

int MigrateCommand(const std::vector<std::string>& args) {
  Options options;
  options.command = "migrate";
  Diagnostics diags;
  std::string out, command;
  bool ok = ParseOptions(args, {"--from-route", "--out-dir"}, {}, &options, &diags);
  SetVerbose(options.verbose);
  ok = ok && Migrate(options, &out, &command, &diags) && WriteStdout(out, "the migrated values", &diags);
  Report(diags, options.command);
  if (!ok) return diags.exit_code() ? diags.exit_code() : kExitUsage;
  if (!command.empty())
    std::fputs(("hostgraft: to store the Route's certificate in Vault, run:\n" + command).c_str(), stderr);
  return kExitOk;
}

}  // namespace hostgraft
