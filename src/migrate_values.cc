#include "migrate_values.h"

#include <sstream>

#include <yaml-cpp/yaml.h>

#include "config_reader.h"
#include "edits.h"
#include "stream_reader.h"

namespace hostgraft {
namespace {

constexpr char kOldDns[] = "global.customDNS";

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

}  // namespace

bool ConfigOfValuesText(const std::string& text, const std::string& file, Config* config, Diagnostics* diags) {
  YAML::Node values;
  try {
    values = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diags->Error(kExitUsage, {-1, {}, {}, 0, file}, std::string("not valid YAML: ") + e.what());
    return false;
  }
  return ReadConfig(values, config, diags);
}

bool MigrateValues(const std::string& text, const std::string& file, std::string* out, Diagnostics* diags,
                   const Config* loaded) {
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
  else if (!ConfigOfValuesText(text, file, &old, diags))
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
  if (!ConfigOfValuesText(*out, file, &migrated, &check) || Meaning(migrated) != Meaning(old)) {
    diags->Error(kExitUsage, {-1, {}, {}, 0, file},
                 "internal error: the migrated values do not name the same hosts and certificate paths; nothing was written",
                 "report this with the values file");
    return false;
  }
  return true;
}

}  // namespace hostgraft
