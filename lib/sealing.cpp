// Personal data sealed apart from the hash chain: see consult/sealing.hpp
// and docs/privacy.md ("Forgetting").

#include "consult/sealing.hpp"

#include "consult/error.hpp"
#include "consult/event.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"

#include <fmt/format.h>

#include <array>
#include <random>
#include <sys/random.h>

namespace consult::ledger {

using nlohmann::json;

namespace {

bool named_role(const json& role) {
  return role.is_string() && (role == "member" || role == "guest" || role == "body");
}

} // namespace

bool free_text_key(const std::string& key) {
  // "detail" (a guest's body, a member's role as typed), "online" (a
  // meeting's link and its text), and a vote's "choice" and "option" (as
  // typed: 张三方案) were added after the first sealed ledgers: in events
  // written before, they stay in the chain as they were.
  static const char* const kKeys[] = {"title",  "body",   "text",         "note",     "purpose",
                                      "what",   "venue",  "reason",       "comment",  "answer",
                                      "outcome_note",     "question",     "matter",   "detail",
                                      "online", "choice", "option"};
  for (const char* k : kKeys)
    if (key == k) return true;
  return false;
}

bool person_key(const std::string& key) {
  static const char* const kKeys[] = {"raised_by", "speaker",      "voter",   "proxy", "author",
                                      "chair",     "recorder",     "by",      "party", "name",
                                      "for",       "stakeholders", "proxies", "owner"};
  for (const char* k : kKeys)
    if (key == k) return true;
  return false;
}

bool sealed_apart_never(const std::string& key) {
  return key == "config";
}

bool personal_key(const json& object, const std::string& key) {
  // Numbers, flags and nulls are never personal (a comment's number, a
  // tally's count for).
  const auto& value = object[key];
  if (value.is_number() || value.is_boolean() || value.is_null()) return false;
  if (free_text_key(key)) return value.is_string();
  static const char* const kPeople[] = {"raised_by", "speaker", "voter",  "proxy",   "author",
                                        "chair",     "recorder", "by",    "phone",   "place",
                                        "units",     "unit",      "owner",  "stakeholders", "proxies", "extra"};
  for (const char* k : kPeople)
    if (key == k) return true;
  // A vote's options as typed and its counts by them ({"张三方案": 6}, or
  // [{option, count}] in minutes): sealed whole.
  if (key == "options") return value.is_array();
  if (key == "counts") return value.is_object() || value.is_array();
  // A proxy's {name, for}: whom the proxy stands for (a vote's tally has
  // numbers under "for").
  if (key == "for") return value.is_string();
  if (key == "party")
    return !(object.contains("named") && object["named"].is_boolean() &&
             object["named"].get<bool>());
  if (key == "name") {
    const auto role = object.find("role");
    return role == object.end() || !named_role(*role);
  }
  return false;
}

namespace {

bool is_hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (const char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string random_salt() {
  std::array<unsigned char, 16> bytes{};
  if (::getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
    std::random_device rd;
    for (auto& b : bytes)
      b = static_cast<unsigned char>(rd());
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(32);
  for (const unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0x0f];
  }
  return out;
}

void split_into(json& j, std::vector<Sealed>& out) {
  if (j.is_array()) {
    for (auto& x : j)
      split_into(x, out);
    return;
  }
  if (!j.is_object()) return;
  json fields = json::object();
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (sealed_apart_never(it.key())) continue;
    if (personal_key(j, it.key()))
      fields[it.key()] = it.value();
    else
      split_into(it.value(), out);
  }
  if (fields.empty()) return;
  for (const auto& [k, v] : fields.items())
    j.erase(k);
  out.push_back(seal(canonical(fields)));
  j["personal"] = out.back().ref;
}

} // namespace

std::string seal_ref(const std::string& salt, const std::string& value) {
  hash::Sha256 d;
  d.update(salt);
  d.update("\n");
  d.update(value);
  return d.hex();
}

Sealed seal(std::string value) {
  Sealed s;
  s.salt = random_salt();
  s.ref = seal_ref(s.salt, value);
  s.value = std::move(value);
  return s;
}

bool holds_ref(const json& j) {
  if (!j.is_object()) return false;
  const auto it = j.find("personal");
  return it != j.end() && it->is_string() && is_hex64(it->get_ref<const std::string&>());
}

json split(const json& payload, std::vector<Sealed>& out) {
  json j = payload;
  split_into(j, out);
  return j;
}

void store_sealed(SQLite::Database& db, std::int64_t seq, const std::vector<Sealed>& sealed) {
  if (sealed.empty()) return;
  SQLite::Statement q(db, "INSERT INTO personal_value (ref, seq, salt, value) VALUES (?, ?, ?, ?)");
  for (const auto& s : sealed) {
    q.reset();
    q.bind(1, s.ref);
    q.bind(2, seq);
    q.bind(3, s.salt);
    q.bind(4, s.value);
    q.exec();
  }
}

Unsealer::Unsealer(SQLite::Database& db) : db_(db) {}
Unsealer::~Unsealer() = default;

json Unsealer::unseal(const json& j, std::int64_t seq) {
  json out = j;
  walk(out, seq);
  return out;
}

json Unsealer::unseal_text(const std::string& text, std::int64_t seq) {
  json j = json::parse(text);
  walk(j, seq);
  return j;
}

void Unsealer::walk(json& j, std::int64_t seq) {
  if (j.is_array()) {
    for (auto& x : j)
      walk(x, seq);
    return;
  }
  if (!j.is_object()) return;
  for (auto& [k, v] : j.items())
    if (!sealed_apart_never(k)) walk(v, seq);
  if (!holds_ref(j)) return;
  if (!q_)
    q_ = std::make_unique<SQLite::Statement>(
        db_, "SELECT value, shown FROM personal_value WHERE seq = ? AND ref = ?");
  const std::string ref = j["personal"].get<std::string>();
  q_->reset();
  q_->bind(1, seq);
  q_->bind(2, ref);
  if (!q_->executeStep())
    throw Error(ErrorKind::data,
                i18n::tr(N_("personal data {} that an event refers to is missing from the ledger"),
                         ref.substr(0, 12)),
                {}, _("run 'consult verify'; restore the ledger from a backup"));
  const bool kept = !q_->getColumn(0).isNull();
  const std::string text = kept ? q_->getColumn(0).getString()
                                : (q_->getColumn(1).isNull() ? std::string("{}")
                                                             : q_->getColumn(1).getString());
  json fields = json::parse(text, nullptr, false);
  if (!fields.is_object())
    throw Error(ErrorKind::data,
                i18n::tr(N_("personal data {} in the ledger is not readable"), ref.substr(0, 12)),
                {}, _("run 'consult verify'; restore the ledger from a backup"));
  j.erase("personal");
  for (auto& [k, v] : fields.items())
    j[k] = std::move(v);
  ++count;
  if (!kept) ++forgotten;
}

} // namespace consult::ledger
