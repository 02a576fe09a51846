// consult forget: residents' personal data erased (consult/forget.hpp,
// docs/privacy.md "Forgetting").

#include "consult/forget.hpp"

#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_privacy.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"
#include "consult/personal.hpp"
#include "consult/sealing.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

namespace consult::forget {

using nlohmann::json;

namespace {

constexpr const char* kErasedMark = "〔已删除";

bool is_erased(const std::string& s) {
  return s.rfind(kErasedMark, 0) == 0;
}

/// The references an event's payload or row holds.
void refs_in(const json& j, std::vector<std::string>& out) {
  if (j.is_array()) {
    for (const auto& x : j)
      refs_in(x, out);
    return;
  }
  if (!j.is_object()) return;
  if (ledger::holds_ref(j)) out.push_back(j["personal"].get<std::string>());
  for (const auto& [k, v] : j.items())
    if (!ledger::sealed_apart_never(k)) refs_in(v, out);
}

using Spare = std::function<bool(const std::string&, const std::string&)>;

/// Names recorded in the fields for people (`key`: the one they are under,
/// "" outside them), but those `spare` keeps.
void names_in(const json& v, const std::string& key, std::set<std::string>& out,
              const Spare& spare) {
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    if (!key.empty() && !s.empty() && !is_erased(s) && !(spare && spare(s, key))) out.insert(s);
  } else if (v.is_array()) {
    for (const auto& x : v)
      names_in(x, key, out, spare);
  } else if (v.is_object()) {
    for (const auto& [k, x] : v.items())
      names_in(x, ledger::person_key(k) ? k : key, out, spare);
  }
}

/// Whether the contacts and place in `fields` are those of one of
/// `targets`: the record's own person (whoever raised it, the voter, the
/// owner, the donor, the speaker, the author) is one of them. A
/// stakeholder or a proxy named in it has no contact there.
bool names_any(const json& fields, const std::map<std::string, std::string>& targets) {
  static const std::set<std::string> kOwnKeys = {"raised_by", "name",   "voter",  "party",
                                                 "owner",     "author", "speaker"};
  std::set<std::string> names;
  for (const auto& [k, v] : fields.items())
    if (kOwnKeys.count(k)) names_in(v, k, names, {});
  for (const auto& n : names)
    if (targets.count(n)) return true;
  return false;
}

/// `v` with every string equal to a target replaced by its erased name.
void replace_names(json& v, const std::map<std::string, std::string>& targets) {
  if (v.is_string()) {
    if (const auto it = targets.find(v.get<std::string>()); it != targets.end()) v = it->second;
  } else if (v.is_structured()) {
    for (auto& x : v)
      replace_names(x, targets);
  }
}

std::string scrub_text(std::string s, const std::map<std::string, std::string>& targets,
                       bool about) {
  for (const auto& [name, erased] : targets) {
    (void)erased;
    for (std::size_t at = s.find(name); at != std::string::npos;
         at = s.find(name, at + std::string_view("〔已删除〕").size())) {
      s.replace(at, name.size(), "〔已删除〕");
    }
  }
  // The text of a record about the resident: phones, ID numbers and doors
  // go too, whoever they belong to.
  if (about) s = personal::mask_in_text(s, {});
  return s;
}

/// What is left of one sealed value's `fields` once `targets` are erased.
/// `about`: the value records the erased residents (or the erased issue).
json erase(json fields, const std::map<std::string, std::string>& targets, bool about) {
  for (auto& [k, v] : fields.items()) {
    if (ledger::person_key(k)) {
      replace_names(v, targets);
    } else if (ledger::free_text_key(k)) {
      if (v.is_string()) v = scrub_text(v.get<std::string>(), targets, about);
    } else if (!about) {
      continue;
    } else if (k == "phone" && v.is_string()) {
      v = "";
    } else if (k == "place" && v.is_string()) {
      v = personal::mask_place(v.get<std::string>());
    } else if (k == "extra" && v.is_object()) {
      for (auto& [header, cell] : v.items())
        if (cell.is_string() &&
            personal::classify_column(header, {cell.get<std::string>()}) != personal::Field::none)
          cell = "";
    }
  }
  return fields;
}

/// A name as canonical JSON writes it inside a string (for searching the
/// stored values).
std::string json_inner(const std::string& s) {
  std::string out;
  ledger::put_json_string(out, s);
  return out.substr(1, out.size() - 2);
}

/// The projection tables emptied and replayed from the events, personal data
/// as it now is.
void rebuild(ledger::Ledger& ledger) {
  auto& db = ledger.db();
  db.exec("PRAGMA defer_foreign_keys = ON");
  const auto& tables = ledger::projection_tables();
  for (auto it = tables.rbegin(); it != tables.rend(); ++it)
    db.exec("DELETE FROM \"" + *it + "\"");
  ledger::Unsealer unsealer(db);
  SQLite::Statement q(db, fmt::format("SELECT {} FROM event ORDER BY seq", ledger::kEventColumns));
  while (q.executeStep())
    events::apply(db, ledger::read_event(q), db, unsealer);
}

clock::Date years_before(clock::Date today, int years) {
  auto y = today.year() - std::chrono::years(years);
  clock::Date d{y, today.month(), today.day()};
  if (!d.ok()) d = clock::Date{y, today.month(), std::chrono::day(28)};
  return d;
}

} // namespace

std::string erased_name(std::int64_t seq, std::size_t k) {
  return fmt::format("{}{}-{}〕", kErasedMark, seq, k);
}

Result forget(ledger::Ledger& ledger, const Request& request, clock::Date today) {
  if (request.residents.empty() && request.issues.empty() && !request.expired_years)
    throw Error(ErrorKind::usage, _("nothing to forget: name a resident or an issue"), {},
                _("give --resident NAME, --issue ID or --expired"));
  if (request.reason.empty() && !request.dry_run)
    throw Error(ErrorKind::usage, _("a reason is required: the erasure is recorded with it"), {},
                _("give --reason, e.g. --reason \"本人申请删除（个人信息保护法第四十七条）\""));
  for (const auto& r : request.residents)
    if (r.empty() || is_erased(r))
      throw Error(ErrorKind::usage, _("--resident needs a resident's name"), {},
                  _("give the name as it was recorded"));
  if (request.expired_years && *request.expired_years < 1)
    throw Error(ErrorKind::config, _("[privacy] retain_years must be at least 1"), {},
                _("set it in the configuration's [privacy] section"));

  Result result;
  auto& db = ledger.db();
  db.exec("PRAGMA secure_delete = ON");
  struct DryRun {};
  try {
    ledger.write([&] {
      const std::int64_t seq = ledger.next_seq();
      // The issues.
      std::set<std::int64_t> issues(request.issues.begin(), request.issues.end());
      for (const auto id : issues) {
        SQLite::Statement q(db, "SELECT 1 FROM issue WHERE id = ?");
        q.bind(1, id);
        if (!q.executeStep())
          throw Error(ErrorKind::no_input, i18n::tr(N_("issue {} does not exist"), id), {},
                      _("check the number with 'consult issue list'; nothing was erased"));
      }
      if (request.expired_years) {
        const auto cutoff = clock::format_date(years_before(today, *request.expired_years));
        SQLite::Statement q(db, R"sql(
          SELECT id FROM issue WHERE CASE status WHEN 'closed' THEN closed_on
            WHEN 'rejected' THEN rejected_on WHEN 'merged' THEN merged_on END < ?)sql");
        q.bind(1, cutoff);
        while (q.executeStep())
          issues.insert(q.getColumn(0).getInt64());
      }
      // The sealed values of each issue's records: its events, and its row
      // of an import.
      std::map<std::string, std::int64_t> issue_refs; // ref -> issue
      for (const auto id : issues) {
        std::vector<std::string> refs;
        for (const auto& e : ledger.events(fmt::format("issue:{}", id)))
          refs_in(json::parse(e.payload), refs);
        SQLite::Statement imp(db, "SELECT import_seq FROM issue WHERE id = ?");
        imp.bind(1, id);
        if (imp.executeStep() && !imp.getColumn(0).isNull()) {
          SQLite::Statement rows(db, "SELECT data FROM event_item WHERE seq = ? AND "
                                     "instr(data, ?) > 0");
          rows.bind(1, imp.getColumn(0).getInt64());
          rows.bind(2, fmt::format("\"id\":{},", id));
          while (rows.executeStep()) {
            const auto row = json::parse(rows.getColumn(0).getString());
            if (row.value("id", std::int64_t{0}) == id) refs_in(row, refs);
          }
        }
        for (auto& r : refs)
          issue_refs.emplace(std::move(r), id);
      }

      // Current fields of each value concerned.
      SQLite::Statement get(db, "SELECT coalesce(value, shown) FROM personal_value WHERE ref = ?");
      auto fields_of = [&](const std::string& ref) {
        get.reset();
        get.bind(1, ref);
        if (!get.executeStep())
          throw Error(ErrorKind::data,
                      i18n::tr(N_("personal data {} that an event refers to is missing from the "
                                  "ledger"),
                               ref.substr(0, 12)),
                      {}, _("run 'consult verify'; restore the ledger from a backup"));
        return json::parse(get.getColumn(0).getString());
      };

      // Whom to erase: the residents named, and everyone the issues' own
      // records name.
      std::set<std::string> names(request.residents.begin(), request.residents.end());
      std::map<std::string, json> current;
      for (const auto& [ref, id] : issue_refs) {
        (void)id;
        auto f = fields_of(ref);
        for (const auto& [k, v] : f.items())
          if (ledger::person_key(k)) names_in(v, k, names, request.spare);
        current.emplace(ref, std::move(f));
      }
      std::map<std::string, std::string> targets;
      std::size_t k = 0;
      for (const auto& n : names)
        targets.emplace(n, erased_name(seq, ++k));

      // Values elsewhere that name the residents or mention them.
      std::set<std::string> about_refs;
      for (const auto& [ref, id] : issue_refs) {
        (void)id;
        about_refs.insert(ref);
      }
      SQLite::Statement find(db, "SELECT ref, coalesce(value, shown) FROM personal_value "
                                 "WHERE instr(coalesce(value, shown), ?) > 0");
      for (const auto& r : request.residents) {
        find.reset();
        find.bind(1, json_inner(r));
        while (find.executeStep()) {
          const auto ref = find.getColumn(0).getString();
          if (current.count(ref)) continue;
          current.emplace(ref, json::parse(find.getColumn(1).getString()));
        }
      }

      // What is left of each.
      std::map<std::string, std::string> changed; // ref -> shown
      for (const auto& [ref, f] : current) {
        const bool about = about_refs.count(ref) || names_any(f, targets);
        const auto left = erase(f, targets, about);
        if (left == f && !about_refs.count(ref)) continue;
        // A value of an issue erased is erased even when nothing in it
        // changes: its salt goes, so no one can test a guess against it.
        SQLite::Statement was(db, "SELECT value IS NULL, shown FROM personal_value WHERE ref = ?");
        was.bind(1, ref);
        was.executeStep();
        const std::string shown = ledger::canonical(left);
        if (was.getColumn(0).getInt() == 1 && was.getColumn(1).getString() == shown) continue;
        changed.emplace(ref, shown);
      }
      std::set<std::int64_t> touched;
      for (const auto& [ref, id] : issue_refs)
        if (changed.count(ref)) touched.insert(id);
      result.issues.assign(touched.begin(), touched.end());
      result.values = static_cast<std::int64_t>(changed.size());
      if (changed.empty()) throw DryRun{}; // nothing to erase: nothing written
      if (request.dry_run) throw DryRun{};

      SQLite::Statement put(db, "UPDATE personal_value SET salt = NULL, value = NULL, shown = ?, "
                                "forgotten_seq = ? WHERE ref = ?");
      hash::Sha256 digest;
      std::int64_t n = 0;
      for (const auto& [ref, shown] : changed) {
        put.reset();
        put.bind(1, shown);
        put.bind(2, seq);
        put.bind(3, ref);
        put.exec();
        const std::string data = ledger::canonical(
            json{{"ref", ref}, {"shown_sha256", hash::sha256_hex(shown)}});
        ledger.add_item(seq, ++n, {}, data);
        digest.update(ledger::item_line(n, {}, data));
      }
      events::PrivacyForget p;
      p.reason = request.reason;
      p.login = request.login;
      p.residents = static_cast<std::int64_t>(request.residents.size());
      p.issues = result.issues;
      if (request.expired_years) p.retain_years = *request.expired_years;
      p.values = n;
      p.items = n;
      p.items_sha256 = digest.hex();
      const auto e = ledger.append(events::kPrivacyForget, p.entity(), p.to_json());
      if (e.seq != seq)
        throw Error(ErrorKind::internal, "privacy.forget got another number than its items");
      result.event_seq = seq;
      rebuild(ledger);
    });
  } catch (const DryRun&) {
  }
  if (result.event_seq == 0) return result;

  // The erased bytes out of the file: the write-ahead log folded in and
  // emptied, then the whole file rewritten without free pages.
  try {
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.exec("VACUUM");
    SQLite::Statement cp(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    cp.executeStep();
    result.compacted = cp.getColumn(0).getInt() == 0;
  } catch (const std::exception&) {
    result.compacted = false; // another consult is reading: done at the next forget
  }
  return result;
}

} // namespace consult::forget
