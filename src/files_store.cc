#include "files_store.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "bounded_read.h"
#include "diagnostics.h"
#include "yaml_reader.h"
#include "yaml_resolve.h"

namespace hostgraft {
namespace {

SecretResult Failure(int exit_code, std::string message, std::string fix = {}) {
  return {std::nullopt, SecretError{exit_code, std::move(message), std::move(fix)}};
}

const char* NodeKind(yaml_event_type_t type) {
  switch (type) {
    case YAML_SEQUENCE_START_EVENT: return "a list";
    case YAML_MAPPING_START_EVENT: return "a mapping";
    case YAML_ALIAS_EVENT: return "an alias";
    default: return "not a string";
  }
}

bool IsKnownField(std::string_view key) { return key == "certificate" || key == "key" || key == "caCertificate"; }

// How a message names a field: a known field by its name, any other key as
// "a field", since a key is part of the file's contents and a hostile or
// mistaken file can put anything there (DESIGN.md section 11).
std::string FieldName(const std::string& key) {
  return IsKnownField(key) ? "field " + key : "a field";
}

}  // namespace

SecretResult ParseSecretFile(const std::string& file, const std::string& text) {
  const std::string fix = "a secret file is one mapping of string fields: certificate, key, caCertificate";
  auto bad = [&](int line, const std::string& what, const std::string& how) {
    return Failure(kExitSecretStore, "secret file " + file + ", line " + std::to_string(line) + ": " + what, how);
  };
  YamlReadOptions options;
  options.may_quote = IsKnownField;
  YamlReader r(text, options);
  // Called where Next() failed: at those places only an error stops it.
  auto broken = [&] { return bad(r.error()->line, r.error()->message, r.error()->fix); };
  // Stream start, then the first document or the end of an empty stream.
  if (!r.Next() || !r.Next()) return broken();
  if (r.type() == YAML_STREAM_END_EVENT) return Failure(kExitSecretStore, "secret file " + file + " is empty", fix);
  if (!r.Next()) return broken();
  if (r.type() != YAML_MAPPING_START_EVENT) return bad(r.line(), "the document is not a mapping of fields", fix);
  SecretFields fields;
  // Messages name a field only when it is a known one, and never quote a
  // value: the file holds a private key.
  while (true) {
    if (!r.Next()) return broken();
    if (r.type() == YAML_MAPPING_END_EVENT) break;
    if (r.type() != YAML_SCALAR_EVENT) return bad(r.line(), std::string("a key is ") + NodeKind(r.type()), fix);
    std::string key(r.scalar());
    const std::string name = FieldName(key);
    if (!r.Next()) return broken();
    if (r.type() != YAML_SCALAR_EVENT) return bad(r.line(), name + " is " + NodeKind(r.type()) + ", not a string", fix);
    if (r.event().data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        ResolvePlainScalar(r.scalar()).type == ScalarType::kNull)
      return bad(r.line(), name + " has no value", fix);
    fields[key] = r.scalar();
  }
  // The document end, then the stream end: a second document is the reader's error.
  if (!r.Next() || !r.Next()) return broken();
  return {std::move(fields), std::nullopt};
}

std::map<std::string, SecretResult> FilesStore::Read(const std::vector<std::string>& paths) {
  std::map<std::string, SecretResult> results;
  for (const std::string& path : paths)
    if (!results.count(path)) results[path] = ReadOne(path);
  return results;
}

SecretResult FilesStore::ReadOne(const std::string& path) const {
  if (std::string problem = SecretPathProblem(path); !problem.empty())
    return Failure(kExitUsage, "secret path \"" + path + "\" " + problem, "use a relative path like registry-kv/cluster/domains/HOST");
  namespace fs = std::filesystem;
  const std::vector<std::string> candidates{dir_ + "/" + path + ".yaml", dir_ + "/" + path + ".json"};
  // Whatever is at a candidate name counts as found, so a directory, a FIFO
  // or a dangling link is refused by name instead of reported missing.
  std::vector<std::string> found;
  for (const std::string& c : candidates) {
    struct stat st;
    if (lstat(c.c_str(), &st) == 0) {
      found.push_back(c);
    } else if (errno != ENOENT && errno != ENOTDIR) {
      return Failure(kExitSecretStore, "secret " + path + ": " + c + " cannot be read: " + std::strerror(errno));
    }
  }
  if (found.empty())
    return Failure(kExitSecretStore, "no secret " + path + " in " + Describe() + ": looked for " + candidates[0] + " and " + candidates[1],
                   "create one of them with the fields certificate, key and caCertificate");
  if (found.size() > 1)
    return Failure(kExitSecretStore, "secret " + path + " is ambiguous: both " + found[0] + " and " + found[1] + " exist",
                   "remove one of them");
  const std::string& file = found[0];
  const std::string stays = "a files: secret is a regular file inside " + dir_ +
                            " (a symbolic link to one inside it, as Kubernetes Secret volumes use, is fine)";
  auto refuse = [&](const std::string& what) {
    return Failure(kExitSecretStore, "secret " + path + ": " + file + " " + what, stays);
  };

  // The secret never leaves its store (DESIGN.md section 11): every link on
  // the way, DIR's own included, is resolved, and the file it names must be
  // inside the resolved DIR.
  std::error_code ec;
  fs::path store = fs::canonical(dir_, ec);
  if (ec) return refuse("cannot be resolved: the store directory " + dir_ + " " + ec.message());
  fs::path target = fs::canonical(file, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) return refuse("is a symbolic link to a file that does not exist");
    if (ec == std::errc::too_many_symbolic_link_levels) return refuse("is a symbolic link loop");
    return refuse("cannot be resolved: " + ec.message());
  }
  const std::string inside = store.native() == "/" ? "/" : store.native() + "/";
  if (target.native().compare(0, inside.size(), inside) != 0)
    return refuse("leads outside " + Describe() + " through a symbolic link (to " + target.native() + ")");

  // Only a regular file is read, and a FIFO or device is never opened: it
  // could block the run or have effects of its own.
  struct stat st;
  if (stat(target.c_str(), &st) != 0) return refuse(std::string("cannot be read: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return refuse("is a directory, not a secret file");
  if (const char* kind = FileKindProblem(st.st_mode)) return refuse(kind);
  if (static_cast<uintmax_t>(st.st_size) > kMaxSecretFileBytes)
    return Failure(kExitSecretStore, "secret file " + file + " is " + std::to_string(st.st_size) +
                                         " bytes; a secret file may be at most " + std::to_string(kMaxSecretFileBytes) +
                                         " bytes (1 MiB)");
  // The resolved name holds no link, so no_follow refuses one swapped in
  // since; the read itself is bounded and refuses anything but a regular file.
  std::string text;
  if (std::optional<std::string> problem =
          ReadFileBounded(target.native(), kMaxSecretFileBytes, &text, FileKinds::kRegularOnly, /*no_follow=*/true))
    return refuse(*problem);
  return ParseSecretFile(file, text);
}

}  // namespace hostgraft
