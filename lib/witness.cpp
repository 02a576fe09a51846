#include "consult/witness.hpp"

#include "consult/agenda.hpp"
#include "consult/document.hpp"
#include "consult/error.hpp"
#include "consult/files.hpp"
#include "consult/i18n.hpp"
#include "consult/sign.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace consult::witness {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// The largest witness read whole: exports with pictures are a few MB.
constexpr std::uintmax_t kMaxWitnessBytes = 256u << 20;

bool is_hash(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::optional<std::int64_t> positive(std::string_view s) {
  if (s.empty() || s.size() > 18 ||
      !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const auto n = std::stoll(std::string(s));
  if (n < 1) return std::nullopt;
  return n;
}

std::string read_all(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxWitnessBytes)
    throw Error(ErrorKind::data,
                i18n::tr(N_("'{}' is too large to be a witness ({} bytes)"), path, size));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ErrorKind::no_input, i18n::tr(N_("cannot open '{}'"), path), {},
                _("check the file names given to --witness"));
  // Read up to the limit only, whatever the size said (a file still growing).
  std::string bytes;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > kMaxWitnessBytes)
      throw Error(ErrorKind::data, i18n::tr(N_("'{}' is too large to be a witness ({} bytes)"),
                                            path, bytes.size()));
  }
  return bytes;
}

/// Replaces the file `path` (following a symbolic link to the real file)
/// with `bytes`, keeping its mode, through the one safe way to write a file.
void replace_file(const std::string& path, const std::string& bytes) {
  std::error_code ec;
  const auto real = fs::canonical(path, ec);
  const std::string target = ec ? path : real.string();
  struct stat st {};
  const unsigned mode = ::stat(target.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
  files::write_file(target, bytes, {{}, mode, true});
}

/// Where top-level statements of a TOML text are: the line of an existing
/// top-level `public_key`, and the offset just after the last top-level
/// statement before the first table header (where a new top-level key goes).
struct TomlLayout {
  std::optional<std::size_t> key_line_start, key_line_end; ///< [start, end) incl. line feed
  std::size_t insert_at = 0;
};

TomlLayout layout(const std::string& t) {
  enum class In { code, comment, basic, literal, ml_basic, ml_literal };
  In in = In::code;
  int depth = 0;              // [ and { open outside strings
  bool line_has_code = false; // this line holds part of a statement
  bool at_line_start = true;  // nothing but blanks yet on this line
  std::size_t line_start = 0;
  TomlLayout out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\n') {
      if (in == In::comment) in = In::code;
      if (in == In::code && depth == 0 && line_has_code) out.insert_at = i + 1;
      line_has_code = false;
      at_line_start = true;
      line_start = i + 1;
      continue;
    }
    switch (in) {
    case In::comment:
      continue;
    case In::basic:
      if (c == '\\')
        ++i;
      else if (c == '"')
        in = In::code;
      continue;
    case In::literal:
      if (c == '\'') in = In::code;
      continue;
    case In::ml_basic:
      if (c == '\\')
        ++i;
      else if (t.compare(i, 3, "\"\"\"") == 0) {
        i += 2;
        in = In::code;
        line_has_code = true; // the statement ends on this line
        at_line_start = false;
      }
      continue;
    case In::ml_literal:
      if (t.compare(i, 3, "'''") == 0) {
        i += 2;
        in = In::code;
        line_has_code = true;
        at_line_start = false;
      }
      continue;
    case In::code:
      break;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (at_line_start && depth == 0) {
      at_line_start = false;
      if (c == '[') return out; // the first table header: top-level keys end here
      if (c != '#') {
        // A top-level key: is it public_key?
        std::size_t k = i;
        const bool quoted = t[k] == '"' || t[k] == '\'';
        if (quoted) ++k;
        if (t.compare(k, 10, "public_key") == 0) {
          k += 10;
          if (quoted && k < t.size() && t[k] == t[i]) ++k;
          while (k < t.size() && (t[k] == ' ' || t[k] == '\t'))
            ++k;
          if (k < t.size() && t[k] == '=') {
            out.key_line_start = line_start;
            const auto nl = t.find('\n', k);
            out.key_line_end = nl == std::string::npos ? t.size() : nl + 1;
          }
        }
      }
    }
    at_line_start = false;
    if (c == '#') {
      in = In::comment;
      continue;
    }
    line_has_code = true;
    if (t.compare(i, 3, "\"\"\"") == 0) {
      in = In::ml_basic;
      i += 2;
    } else if (t.compare(i, 3, "'''") == 0) {
      in = In::ml_literal;
      i += 2;
    } else if (c == '"') {
      in = In::basic;
    } else if (c == '\'') {
      in = In::literal;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  // No table at all: the end of the text (after its last statement's line).
  if (in == In::code && depth == 0 && line_has_code) out.insert_at = t.size();
  return out;
}

std::string describe_stamp(const document::Stamp& s) {
  return i18n::tr(N_("{} {} ({}, {})"), s.kind, s.subject, s.format,
                  s.is_public ? _("public") : _("full"));
}

/// The events of a backup file read without touching it: opened immutable,
/// so no lock, journal or shared-memory file is made beside it.
std::unique_ptr<SQLite::Database> open_immutable(const std::string& path) {
  std::string uri = "file:";
  for (const char ch : fs::absolute(path).string()) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~' || c >= 0x80)
      uri += static_cast<char>(c);
    else
      uri += fmt::format("%{:02X}", static_cast<unsigned>(c));
  }
  uri += "?mode=ro&immutable=1";
  auto db = std::make_unique<SQLite::Database>(uri, SQLite::OPEN_READONLY | SQLite::OPEN_URI);
  // A backup is data from elsewhere, as untrusted as the ledger: its views
  // are not run (one can be made never to end), nor functions from its schema.
  sqlite3* h = db->getHandle();
  sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  return db;
}

Witness read_backup(const std::string& path) {
  Witness w;
  w.file = path;
  w.source = Source::backup;
  try {
    auto db = open_immutable(path);
    if (db->execAndGet("PRAGMA application_id").getInt() != ledger::kApplicationId)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("'{}' is an SQLite file but not a consult ledger"), path), {},
                  _("a backup witness is a file 'consult backup' wrote"));
    SQLite::Statement q(*db, "SELECT seq, hash FROM ledger_head WHERE id = 1");
    if (!q.executeStep() || q.getColumn(0).getInt64() < 1)
      throw Error(ErrorKind::data, i18n::tr(N_("backup '{}' holds no events"), path));
    w.points.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), {}});
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::data,
                i18n::tr(N_("cannot read backup '{}' as a consult ledger: {}"), path, e.what()));
  }
  w.what = i18n::tr(N_("backup, {} events"), w.points.front().seq);
  return w;
}

/// `SEQ HASH` lines, or JSON objects with `seq` and `hash` one a line;
/// nullopt if any line is neither.
std::optional<std::vector<Point>> read_list(const std::string& bytes) {
  std::vector<Point> points;
  std::size_t from = 0, line = 0;
  while (from < bytes.size()) {
    const auto nl = bytes.find('\n', from);
    const auto end = nl == std::string::npos ? bytes.size() : nl;
    const auto text = text::trim(std::string_view(bytes).substr(from, end - from));
    from = end + 1;
    ++line;
    if (text.empty() || text.front() == '#') continue;
    const auto where = i18n::tr(N_("line {}"), line);
    if (text.front() == '{') {
      const auto j = json::parse(text.begin(), text.end(), nullptr, false);
      if (!j.is_object() || !j.contains("seq") || !j.contains("hash") ||
          !j.at("seq").is_number_integer() || !j.at("hash").is_string() ||
          j.at("seq").get<std::int64_t>() < 1 || !is_hash(j.at("hash").get<std::string>()))
        return std::nullopt;
      points.push_back({j.at("seq").get<std::int64_t>(), j.at("hash").get<std::string>(), where});
      continue;
    }
    const auto blank = text.find_first_of(" \t");
    if (blank == std::string_view::npos) return std::nullopt;
    const auto seq = positive(text.substr(0, blank));
    const auto hash = text::ascii_lower(text::trim(text.substr(blank)));
    if (!seq || !is_hash(hash)) return std::nullopt;
    points.push_back({*seq, hash, where});
  }
  if (points.empty()) return std::nullopt;
  return points;
}

std::string short_hash(const std::string& h) {
  return h.size() > 12 ? h.substr(0, 12) + "…" : h;
}

/// The first event whose hash differs between a backup and the ledger, or
/// that one of them lacks; 0 if they agree as far as the backup goes.
std::int64_t first_difference(ledger::Ledger& ledger, const std::string& backup) {
  try {
    auto db = open_immutable(backup);
    SQLite::Statement a(*db, "SELECT seq, hash FROM event ORDER BY seq");
    SQLite::Statement b(ledger.db(), "SELECT seq, hash FROM event ORDER BY seq");
    std::int64_t expected = 1;
    while (a.executeStep()) {
      if (!b.executeStep() || a.getColumn(0).getInt64() != expected ||
          b.getColumn(0).getInt64() != expected ||
          a.getColumn(1).getString() != b.getColumn(1).getString())
        return expected;
      ++expected;
    }
  } catch (const std::exception&) {
    // Read a moment ago; if it cannot be read again, the finding stands without it.
  }
  return 0;
}

} // namespace

// ------------------------------------------------------------------- keys

std::string default_key_path(const config::Community& community) {
  if (community.source.empty()) return community.id + ".key";
  return (fs::path(community.source).parent_path() / (community.id + ".key")).string();
}

std::string public_key_line(const std::string& public_key) {
  return fmt::format("public_key = \"{}\"", public_key);
}

std::string with_public_key(const std::string& toml_text, const std::string& name,
                            const std::string& public_key, bool replace) {
  const auto before = config::parse_community(toml_text, name);
  const auto where = layout(toml_text);
  const std::string line = public_key_line(public_key) + "\n";
  std::string text;
  if (where.key_line_start) {
    if (!replace)
      throw Error(ErrorKind::cant_create,
                  i18n::tr(N_("community file '{}' has a public key already"), name), {},
                  _("add --force to replace it (checkpoints signed with the old key will no "
                    "longer verify)"));
    text =
        toml_text.substr(0, *where.key_line_start) + line + toml_text.substr(*where.key_line_end);
  } else {
    std::string head = toml_text.substr(0, where.insert_at);
    if (!head.empty() && head.back() != '\n') head += '\n';
    text = head + line + toml_text.substr(where.insert_at);
  }
  // What the file says now must be what it said, and the key.
  bool same = false;
  try {
    const auto after = config::parse_community(text, name);
    same = after.public_key == public_key && config::to_json(after) == config::to_json(before);
  } catch (const Error&) {
    same = false;
  }
  if (!same)
    throw Error(ErrorKind::config,
                i18n::tr(N_("cannot place the public key in '{}' without changing what else it "
                            "says"),
                         name),
                {},
                i18n::tr(N_("add this line by hand before the file's first [table]: {}"),
                         public_key_line(public_key)));
  return text;
}

KeyInit init_key(const config::Community& community, const std::string& key_path, bool force,
                 bool write_config) {
  if (!force && !community.public_key.empty())
    throw Error(ErrorKind::cant_create,
                i18n::tr(N_("community '{}' has a public key already ({})"), community.id,
                         community.source),
                {},
                _("add --force to make a new pair (checkpoints signed with the old key will no "
                  "longer verify against the new one: keep the old public key with them)"));
  std::error_code ec;
  if (!force && fs::exists(fs::symlink_status(key_path, ec)))
    throw Error(ErrorKind::cant_create, i18n::tr(N_("key file '{}' already exists"), key_path), {},
                _("a key is never replaced by accident: add --force to make a new one (every "
                  "checkpoint signed with the old key then fails to verify), or choose another "
                  "file with --key"));
  const auto pair = sign::generate();
  KeyInit out;
  out.key_path = key_path;
  out.public_key = pair.public_key;
  out.line = public_key_line(pair.public_key);
  out.replaced = !community.public_key.empty();
  std::string text;
  if (write_config) {
    if (community.source.empty())
      throw Error(ErrorKind::config,
                  i18n::tr(N_("community '{}' was not read from a file"), community.id));
    std::ifstream in(community.source, std::ios::binary);
    if (!in)
      throw Error(ErrorKind::config,
                  i18n::tr(N_("cannot read community file '{}'"), community.source));
    std::ostringstream ss;
    ss << in.rdbuf();
    text = with_public_key(ss.str(), community.source, pair.public_key, force);
  }
  sign::write_private_key(key_path, pair.private_pem, force);
  if (write_config) {
    replace_file(community.source, text);
    out.config_path = community.source;
  }
  return out;
}

// ------------------------------------------------------------ checkpoints

std::string Checkpoint::statement() const {
  return fmt::format("{}\ncommunity: {}\nname: {}\nevent: {}\nhash: {}\nat: {}\nkey: {}\n",
                     kCheckpointHeader, community, name, seq, hash, at, key);
}

std::string Checkpoint::text() const {
  return statement() + "signature: " + signature + "\n";
}

json Checkpoint::to_json() const {
  return {{"community", community}, {"name", name}, {"event", seq},
          {"hash", hash},           {"at", at},     {"key", key},
          {"signature", signature}};
}

namespace {

void require_public_key(const config::Community& community) {
  if (community.public_key.empty())
    throw Error(ErrorKind::config,
                i18n::tr(N_("community '{}' has no public key, so no one could check its "
                            "checkpoints"),
                         community.id),
                community.source,
                _("make its key with 'consult key init', or add the public_key line it printed "
                  "to the community file"));
}

void require_own_key(const config::Community& community, const std::string& key) {
  if (key != community.public_key)
    throw Error(ErrorKind::config,
                i18n::tr(N_("the private key is not community '{}''s: its public half is not the "
                            "public_key of {}"),
                         community.id, community.source),
                "--key", _("give the key file 'consult key init' wrote for this community"));
}

} // namespace

std::string signing_key(const config::Community& community, const std::string& key_path) {
  require_public_key(community);
  auto pem = sign::read_private_key(key_path);
  require_own_key(community, sign::public_key_of(pem));
  return pem;
}

Checkpoint take(ledger::Ledger& ledger, const config::Community& community,
                const std::string& private_pem) {
  require_public_key(community);
  const auto key = sign::public_key_of(private_pem);
  require_own_key(community, key);
  const auto head = ledger.head();
  if (!head) throw Error(ErrorKind::data, _("the ledger has no events to take a checkpoint of"));
  Checkpoint cp;
  cp.community = community.id;
  cp.name = std::string(text::trim(text::one_line(community.name)));
  cp.seq = head->seq;
  cp.hash = head->hash;
  cp.at = ledger.now_text();
  cp.key = key;
  cp.signature = sign::sign(private_pem, cp.statement());
  return cp;
}

std::optional<Checkpoint> parse_checkpoint(const std::string& bytes, const std::string& name) {
  std::vector<std::string> lines;
  {
    std::size_t from = 0;
    while (from <= bytes.size()) {
      const auto nl = bytes.find('\n', from);
      const auto end = nl == std::string::npos ? bytes.size() : nl;
      std::string_view line = std::string_view(bytes).substr(from, end - from);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
      lines.emplace_back(line);
      if (nl == std::string::npos) break;
      from = nl + 1;
    }
  }
  std::size_t i = 0;
  while (i < lines.size() && lines[i].empty())
    ++i;
  // A UTF-8 byte order mark, as some editors write one.
  if (i < lines.size() && lines[i].rfind("\xEF\xBB\xBF", 0) == 0) lines[i].erase(0, 3);
  if (i >= lines.size() || lines[i] != kCheckpointHeader) return std::nullopt;
  auto bad = [&](std::size_t line, const std::string& what) {
    return Error(ErrorKind::data, what, fmt::format("{}:{}", name, line + 1),
                 _("a checkpoint is read exactly as 'consult checkpoint' wrote it"));
  };
  Checkpoint cp;
  const std::vector<std::string> order = {"community", "name", "event",    "hash",
                                          "at",        "key",  "signature"};
  std::size_t next = 0; // the field expected next
  for (++i; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (line.empty()) continue;
    if (next == order.size()) throw bad(i, _("nothing may follow a checkpoint's signature"));
    const auto colon = line.find(':');
    if (colon == std::string::npos)
      throw bad(i, i18n::tr(N_("expected the field '{}' here, found '{}'"), order[next],
                            text::one_line(line)));
    const std::string field = line.substr(0, colon);
    if (field != order[next])
      throw bad(i,
                std::find(order.begin(), order.end(), field) == order.end()
                    ? i18n::tr(N_("'{}' is not a field of a checkpoint"), text::quote_input(field))
                    : i18n::tr(N_("expected the field '{}' here, found '{}'"), order[next],
                               text::quote_input(field)));
    std::string value(text::trim(std::string_view(line).substr(colon + 1)));
    if (field == "community") {
      cp.community = value;
    } else if (field == "name") {
      cp.name = value;
    } else if (field == "event") {
      const auto n = positive(value);
      if (!n) throw bad(i, i18n::tr(N_("'{}' is not an event number"), text::quote_input(value)));
      cp.seq = *n;
    } else if (field == "hash") {
      if (!is_hash(value))
        throw bad(i, i18n::tr(N_("'{}' is not an event hash"), text::quote_input(value)));
      cp.hash = value;
    } else if (field == "at") {
      cp.at = value;
    } else if (field == "key") {
      cp.key = value;
    } else {
      cp.signature = value;
    }
    ++next;
  }
  if (next < order.size())
    throw bad(lines.size() - 1, i18n::tr(N_("the checkpoint lacks the field '{}'"), order[next]));
  return cp;
}

bool signed_by(const Checkpoint& checkpoint, const std::string& public_key) {
  return sign::verify(public_key, checkpoint.statement(), checkpoint.signature);
}

// -------------------------------------------------------------- witnesses

const char* source_name(Source source) {
  switch (source) {
  case Source::checkpoint:
    return "checkpoint";
  case Source::document:
    return "document";
  case Source::agenda:
    return "agenda";
  case Source::backup:
    return "backup";
  case Source::list:
    return "list";
  }
  return "list";
}

Witness read(const std::string& path, const std::string& ledger_path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw Error(ErrorKind::no_input, i18n::tr(N_("witness '{}' does not exist"), path), {},
                _("check the file names given to --witness"));
  // Only a regular file is read (a link is followed to one): a device such
  // as /dev/zero never ends, and a pipe may never say anything.
  if (struct stat st {}; ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    throw Error(ErrorKind::no_input,
                i18n::tr(N_("witness '{}' is not a regular file"), path), {},
                _("a witness is a file: a checkpoint, an export or notice, an agenda, a backup, "
                  "a list of 'SEQ HASH' lines"));
  if (!ledger_path.empty() && fs::equivalent(path, ledger_path, ec))
    throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is the ledger itself"), path), "--witness",
                _("a witness is a copy held elsewhere: a backup, a checkpoint, a notice"));
  // A backup: an SQLite file, read as a ledger (its first 16 bytes say so).
  {
    std::ifstream in(path, std::ios::binary);
    char magic[16] = {};
    in.read(magic, sizeof magic);
    if (in.gcount() == 16 && std::memcmp(magic, "SQLite format 3", 16) == 0)
      return read_backup(path);
  }
  const auto bytes = read_all(path);
  Witness w;
  w.file = path;
  if (auto cp = parse_checkpoint(bytes, path)) {
    w.source = Source::checkpoint;
    w.what = i18n::tr(N_("checkpoint of {} taken {}"), cp->community, cp->at);
    w.points.push_back({cp->seq, cp->hash, {}});
    w.checkpoint = std::move(*cp);
    return w;
  }
  if (const auto stamp = document::read_stamp(bytes)) {
    if (stamp->seq < 1 || !is_hash(stamp->hash))
      throw Error(ErrorKind::data, i18n::tr(N_("the stamp of '{}' names no ledger event"), path));
    w.source = Source::document;
    w.what = describe_stamp(*stamp);
    w.points.push_back({stamp->seq, stamp->hash, {}});
    return w;
  }
  if (const auto stamp = agenda::read_stamp(bytes)) {
    if (stamp->seq < 1 || !is_hash(stamp->hash))
      throw Error(ErrorKind::data, i18n::tr(N_("the stamp of '{}' names no ledger event"), path));
    w.source = Source::agenda;
    w.what = i18n::tr(N_("agenda of meeting {}"), stamp->meeting);
    w.points.push_back({stamp->seq, stamp->hash, {}});
    return w;
  }
  if (auto points = read_list(bytes)) {
    w.source = Source::list;
    w.what = i18n::tr(N_("list of {} event(s)"), points->size());
    w.points = std::move(*points);
    return w;
  }
  throw Error(ErrorKind::data, i18n::tr(N_("'{}' witnesses no ledger event"), path), {},
              _("a witness is a checkpoint, an export, notice or statement, an agenda, a "
                "backup, or a list of 'SEQ HASH' lines"));
}

json Finding::to_json() const {
  json j = {{"file", file},
            {"source", source_name(source)},
            {"what", what},
            {"seq", point.seq},
            {"hash", point.hash},
            {"ok", ok()},
            {"status", status == Status::agrees        ? "agrees"
                       : status == Status::differs     ? "differs"
                       : status == Status::beyond_head ? "beyond-head"
                                                       : "bad-signature"},
            {"ledger_hash", ledger_hash.empty() ? json(nullptr) : json(ledger_hash)},
            {"head", head},
            {"problem", problem}};
  if (!point.where.empty()) j["where"] = point.where;
  if (first_difference) j["first_difference"] = first_difference;
  return j;
}

Finding check_point(ledger::Ledger& ledger, const Point& point) {
  Finding f;
  f.point = point;
  const auto head = ledger.head();
  f.head = head ? head->seq : 0;
  SQLite::Statement q(ledger.db(), "SELECT hash FROM event WHERE seq = ?");
  q.bind(1, point.seq);
  if (!q.executeStep()) {
    f.status = Status::beyond_head;
    f.problem = i18n::tr(N_("the ledger ends at event {}, before event {}: events were deleted "
                            "from its end"),
                         f.head, point.seq);
    return f;
  }
  f.ledger_hash = q.getColumn(0).getString();
  // A witness taken before the ledger was resealed at schema 10 holds the
  // event's hash of then (kept in sealed_hash, bound by ledger.reseal).
  if (f.ledger_hash != point.hash && ledger.sealed_hash(point.seq) == point.hash)
    f.ledger_hash = point.hash;
  if (f.ledger_hash == point.hash) {
    f.status = Status::agrees;
    return f;
  }
  f.status = Status::differs;
  f.problem = i18n::tr(N_("the ledger's event {} has hash {}, the witness says {}"), point.seq,
                       short_hash(f.ledger_hash), short_hash(point.hash));
  return f;
}

bool Result::ok() const {
  return first_failure() == nullptr;
}

const Finding* Result::first_failure() const {
  for (const auto& f : findings)
    if (!f.ok()) return &f;
  return nullptr;
}

std::int64_t Result::agreed_before_failure() const {
  const auto* bad = first_failure();
  if (!bad || bad->status == Status::bad_signature) return 0;
  std::int64_t best = 0;
  for (const auto& f : findings)
    if (f.ok() && f.point.seq < bad->point.seq) best = std::max(best, f.point.seq);
  return best;
}

std::string Result::failure_message() const {
  const auto* bad = first_failure();
  if (!bad) return {};
  if (bad->status == Status::bad_signature)
    return i18n::tr(N_("checkpoint '{}' is not what its community signed: {}"), bad->file,
                    bad->problem);
  std::string out = i18n::tr(N_("the ledger was rewritten at or before event {}, which '{}' "
                                "witnessed: {}"),
                             bad->point.seq, bad->file, bad->problem);
  if (const auto agreed = agreed_before_failure())
    out += i18n::tr(N_(" (events up to {} agree with the witnesses)"), agreed);
  return out;
}

Result check(ledger::Ledger& ledger, const config::Config* config,
             const std::vector<Witness>& witnesses) {
  Result r;
  for (const auto& w : witnesses) {
    auto fill = [&](Finding f) {
      f.file = w.file;
      f.source = w.source;
      f.what = w.what;
      return f;
    };
    if (w.checkpoint) {
      const auto& cp = *w.checkpoint;
      const auto* community = config ? config->find(cp.community) : nullptr;
      if (!community)
        throw Error(ErrorKind::config,
                    i18n::tr(N_("cannot check checkpoint '{}': community '{}' is not in the "
                                "configuration"),
                             w.file, cp.community),
                    {}, _("its public key is read from the community's file: pass --config"));
      if (community->public_key.empty())
        throw Error(ErrorKind::config,
                    i18n::tr(N_("cannot check checkpoint '{}': community '{}' has no public key"),
                             w.file, cp.community),
                    community->source,
                    _("add the public_key line 'consult key init' printed to the community file"));
      std::string problem;
      if (cp.key != community->public_key)
        problem =
            i18n::tr(N_("it names another key ({}) than the public key of {} ({})"),
                     short_hash(cp.key), community->source, short_hash(community->public_key));
      else if (!signed_by(cp, community->public_key))
        problem = _("its signature does not match its text, so it was altered after it was "
                    "signed, or forged");
      if (!problem.empty()) {
        Finding f;
        f.point = w.points.front();
        f.status = Status::bad_signature;
        f.problem = std::move(problem);
        r.findings.push_back(fill(std::move(f)));
        continue;
      }
    }
    for (const auto& p : w.points) {
      auto f = fill(check_point(ledger, p));
      if (!f.ok() && w.source == Source::backup) {
        f.first_difference = first_difference(ledger, w.file);
        if (f.first_difference)
          f.problem += i18n::tr(N_("; event {} is the first that differs from the backup"),
                                f.first_difference);
      }
      r.findings.push_back(std::move(f));
    }
  }
  return r;
}

} // namespace consult::witness
