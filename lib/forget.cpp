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
#include <cstring>
#include <map>
#include <set>

namespace consult::forget {

using nlohmann::json;

namespace {

constexpr const char* kErasedMark = "〔已删除";

/// A sealed value: the event that holds it and its reference.
using Key = std::pair<std::int64_t, std::string>;

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

/// The names one field holds, as byte spans: joint owners or raisers
/// (马淑芬、杜永强, 张三/李四) are each a name; one name is itself.
std::vector<std::pair<std::size_t, std::size_t>> joint_names(const std::string& s) {
  static const char* const kSeparators[] = {"、", "，", ",", "/", "／", "；", ";", "|", "｜"};
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0, i = 0;
  auto add = [&](std::size_t end) {
    std::size_t a = start, b = end;
    while (a < b && s[a] == ' ')
      ++a;
    while (b > a && s[b - 1] == ' ')
      --b;
    if (b > a) out.emplace_back(a, b - a);
  };
  while (i < s.size()) {
    std::size_t sep = 0;
    for (const char* x : kSeparators)
      if (s.compare(i, std::strlen(x), x) == 0) {
        sep = std::strlen(x);
        break;
      }
    if (sep == 0) {
      ++i;
      continue;
    }
    add(i);
    i += sep;
    start = i;
  }
  add(s.size());
  return out;
}

/// Names recorded in the fields for people (`key`: the one they are under,
/// "" outside them), but those `spare` keeps.
void names_in(const json& v, const std::string& key, std::set<std::string>& out,
              const Spare& spare) {
  if (v.is_string()) {
    const auto whole = v.get<std::string>();
    if (key.empty()) return;
    for (const auto& [at, n] : joint_names(whole)) {
      const auto s = whole.substr(at, n);
      if (!is_erased(s) && !(spare && spare(s, key))) out.insert(s);
    }
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
/// owner, the donor, the speaker, the author) is one of them, as a
/// resident. A stakeholder or a proxy named in it has no contact there.
bool names_any(const json& fields, const std::map<std::string, std::string>& targets,
               const Spare& spare) {
  static const std::set<std::string> kOwnKeys = {"raised_by", "name",   "voter",  "party",
                                                 "owner",     "author", "speaker"};
  std::set<std::string> names;
  for (const auto& [k, v] : fields.items())
    if (kOwnKeys.count(k)) names_in(v, k, names, spare);
  for (const auto& n : names)
    if (targets.count(n)) return true;
  return false;
}

/// What one erasure replaces.
struct Erasure {
  std::map<std::string, std::string> targets; ///< a resident's name -> the mark left for it
  /// Other residents' names that hold a target's (王芳芳 for 王芳): kept whole.
  std::vector<std::string> longer;
  /// The targets' own phones, ID numbers and doors, as recorded: replaced
  /// wherever someone wrote them.
  std::vector<std::string> contacts;
  /// The digits of the targets' own phones and ID numbers.
  std::vector<std::string> numbers;
  Spare spare; ///< councillors, guests, bodies: their names stay
};

constexpr std::string_view kErasedText = "〔已删除〕";

/// `v`, held under the person key `key`, with every string equal to a
/// target replaced by its mark, but where the field holds a councillor, a
/// guest or a body of that name.
void replace_names(json& v, const std::string& key, const Erasure& e) {
  if (v.is_string()) {
    // Each of joint names (马淑芬、杜永强) on its own: the target's mark, the
    // others as they were.
    const auto whole = v.get<std::string>();
    std::string out;
    std::size_t last = 0;
    for (const auto& [at, n] : joint_names(whole)) {
      const auto name = whole.substr(at, n);
      out += whole.substr(last, at - last);
      const auto it = e.targets.find(name);
      out += it != e.targets.end() && !(e.spare && e.spare(name, key)) ? it->second : name;
      last = at + n;
    }
    out += whole.substr(last);
    v = out;
  } else if (v.is_array()) {
    for (auto& x : v)
      replace_names(x, key, e);
  } else if (v.is_object()) {
    for (auto& [k, x] : v.items())
      replace_names(x, ledger::person_key(k) ? k : key, e);
  }
}

std::size_t utf8_length(unsigned char c) {
  return c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 1;
}

/// Free text with the targets' names and contacts erased; other residents'
/// longer names that hold a target's stay whole. A text that names a target
/// or is the target's own loses every phone, ID number and door as well.
std::string scrub_text(const std::string& s, const Erasure& e, bool about, bool numbered = false) {
  std::vector<std::string> names;
  for (const auto& [name, mark] : e.targets) {
    (void)mark;
    // A name a councillor, guest or body also bears is theirs in free text.
    if (!(e.spare && e.spare(name, "speaker"))) names.push_back(name);
  }
  auto longest_first = [](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  };
  longest_first(names);
  std::vector<std::string> keep = e.longer, contacts = e.contacts;
  longest_first(keep);
  longest_first(contacts);
  auto at = [&](std::size_t i, const std::string& w) {
    return !w.empty() && s.compare(i, w.size(), w) == 0;
  };
  std::string out;
  out.reserve(s.size());
  bool mentioned = false;
  for (std::size_t i = 0; i < s.size();) {
    bool done = false;
    for (const auto& w : keep)
      if (at(i, w)) {
        out += w;
        i += w.size();
        done = true;
        break;
      }
    for (std::size_t k = 0; !done && k < names.size(); ++k)
      if (at(i, names[k])) {
        // A vote's option keeps the resident's numbered mark, so that two
        // options naming two residents stay two options.
        out += numbered ? e.targets.at(names[k]) : std::string(kErasedText);
        i += names[k].size();
        done = mentioned = true;
      }
    for (std::size_t k = 0; !done && k < contacts.size(); ++k)
      if (at(i, contacts[k])) {
        out += kErasedText;
        i += contacts[k].size();
        done = true;
      }
    if (!done) {
      const auto n = std::min(utf8_length(static_cast<unsigned char>(s[i])), s.size() - i);
      out.append(s, i, n);
      i += n;
    }
  }
  // The resident's own record: every phone and ID number in its text goes,
  // and doors are cut to the building. Elsewhere only the resident's own
  // numbers go, however they were written (139-1234-5678, +86, full-width
  // digits); other residents' numbers stay as they were.
  (void)mentioned;
  return personal::erase_numbers_in_text(out, about ? std::vector<std::string>{} : e.numbers,
                                         about);
}

/// What is left of one sealed value's `fields` once the erasure's targets
/// are erased. `about`: the value is the erased residents' own record (or
/// the erased issue's).
json erase(json fields, const Erasure& e, bool about) {
  for (auto& [k, v] : fields.items()) {
    if (ledger::person_key(k)) {
      replace_names(v, k, e);
    } else if ((k == "choice" || k == "option") && v.is_string()) {
      v = scrub_text(v.get<std::string>(), e, about, true);
    } else if (ledger::free_text_key(k)) {
      if (v.is_string()) v = scrub_text(v.get<std::string>(), e, about);
    } else if (k == "options" && v.is_array()) {
      // A vote's options as typed, and its counts by them: the same text
      // scrubbed alike, so that they still match.
      for (auto& o : v)
        if (o.is_string()) o = scrub_text(o.get<std::string>(), e, about, true);
    } else if (k == "counts" && v.is_object()) {
      json scrubbed = json::object();
      for (const auto& [option, n] : v.items())
        scrubbed[scrub_text(option, e, about, true)] = n;
      v = std::move(scrubbed);
    } else if (k == "counts" && v.is_array()) {
      for (auto& c : v)
        if (c.is_object() && c.contains("option") && c["option"].is_string())
          c["option"] = scrub_text(c["option"].get<std::string>(), e, about, true);
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

/// The contacts recorded in a resident's own record: phones (and each
/// number of a cell holding several), a place down to the door, personal
/// extra columns.
void contacts_in(const json& fields, std::set<std::string>& out) {
  for (const auto& [k, v] : fields.items()) {
    if (k == "phone" && v.is_string() && !v.get<std::string>().empty()) {
      const auto phone = v.get<std::string>();
      out.insert(phone);
      std::string digits;
      for (const char c : phone + " ") {
        if (c >= '0' && c <= '9') {
          digits += c;
        } else {
          if (digits.size() >= 7) out.insert(digits);
          digits.clear();
        }
      }
    } else if (k == "place" && v.is_string()) {
      const auto place = v.get<std::string>();
      if (!place.empty() && personal::mask_place(place) != place) out.insert(place);
    } else if (k == "extra" && v.is_object()) {
      for (const auto& [header, cell] : v.items())
        if (cell.is_string() && cell.get<std::string>().size() >= 6 &&
            personal::classify_column(header, {cell.get<std::string>()}) != personal::Field::none)
          out.insert(cell.get<std::string>());
    }
  }
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
  for (const auto& r : request.residents)
    if (request.spare && request.spare(r, "raised_by"))
      throw Error(ErrorKind::data,
                  i18n::tr(N_("'{}' is one of the community's organisations: a body's name is "
                              "public, not a resident's personal data"),
                           r),
                  {}, _("check the name; nothing was erased"));
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
      std::map<Key, std::int64_t> issue_refs; // (event, ref) -> issue
      for (const auto id : issues) {
        std::vector<Key> refs;
        for (const auto& e : ledger.events(fmt::format("issue:{}", id))) {
          std::vector<std::string> in;
          refs_in(json::parse(e.payload), in);
          for (auto& r : in)
            refs.emplace_back(e.seq, std::move(r));
        }
        SQLite::Statement imp(db, "SELECT import_seq FROM issue WHERE id = ?");
        imp.bind(1, id);
        if (imp.executeStep() && !imp.getColumn(0).isNull()) {
          SQLite::Statement rows(db, "SELECT data FROM event_item WHERE seq = ? AND "
                                     "instr(data, ?) > 0");
          rows.bind(1, imp.getColumn(0).getInt64());
          rows.bind(2, fmt::format("\"id\":{},", id));
          while (rows.executeStep()) {
            const auto row = json::parse(rows.getColumn(0).getString());
            std::vector<std::string> in;
            if (row.value("id", std::int64_t{0}) == id) refs_in(row, in);
            for (auto& r : in)
              refs.emplace_back(imp.getColumn(0).getInt64(), std::move(r));
          }
        }
        for (auto& r : refs)
          issue_refs.emplace(std::move(r), id);
      }

      // Current fields of each value concerned.
      SQLite::Statement get(db, "SELECT coalesce(value, shown) FROM personal_value "
                                "WHERE seq = ? AND ref = ?");
      auto fields_of = [&](const Key& key) {
        const auto& [at, ref] = key;
        get.reset();
        get.bind(1, at);
        get.bind(2, ref);
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
      std::map<Key, json> current;
      for (const auto& [ref, id] : issue_refs) {
        (void)id;
        auto f = fields_of(ref);
        for (const auto& [k, v] : f.items())
          if (ledger::person_key(k)) names_in(v, k, names, request.spare);
        current.emplace(ref, std::move(f));
      }
      Erasure erasure;
      erasure.spare = request.spare;
      std::size_t k = 0;
      for (const auto& n : names)
        erasure.targets.emplace(n, erased_name(seq, ++k));

      // Values elsewhere that name the residents or mention them.
      std::set<Key> about_refs;
      for (const auto& [ref, id] : issue_refs) {
        (void)id;
        about_refs.insert(ref);
      }
      SQLite::Statement find(db, "SELECT seq, ref, coalesce(value, shown) FROM personal_value "
                                 "WHERE instr(coalesce(value, shown), ?) > 0");
      auto find_all = [&](const std::string& text) {
        find.reset();
        find.bind(1, json_inner(text));
        while (find.executeStep()) {
          Key key{find.getColumn(0).getInt64(), find.getColumn(1).getString()};
          if (current.count(key)) continue;
          current.emplace(std::move(key), json::parse(find.getColumn(2).getString()));
        }
      };
      for (const auto& r : request.residents)
        find_all(r);
      // The residents' own records, and the phones, ID numbers and doors
      // recorded in them: erased wherever someone wrote them too.
      std::set<std::string> contacts;
      for (const auto& [ref, f] : current)
        if (about_refs.count(ref) || names_any(f, erasure.targets, request.spare)) {
          about_refs.insert(ref);
          contacts_in(f, contacts);
        }
      for (const auto& c : contacts)
        find_all(c);
      for (const auto& c : contacts) {
        std::string digits;
        for (const char ch : c)
          if (ch >= '0' && ch <= '9') digits += ch;
        if (digits.size() >= 7) {
          erasure.numbers.push_back(digits);
          // Written any way (139-1234-5678, full-width digits): looked for
          // by its last four digits, matched digit by digit.
          const auto tail = digits.substr(digits.size() - 4);
          find_all(tail);
          std::string wide;
          for (const char ch : tail)
            wide += std::string("０１２３４５６７８９").substr(static_cast<std::size_t>(ch - '0') * 3, 3);
          find_all(wide);
        } else {
          erasure.contacts.push_back(c); // a door, a name-like extra cell: as written
        }
      }
      // Other residents whose names hold an erased one (王芳芳 for 王芳).
      std::set<std::string> longer;
      for (const auto& [ref, f] : current) {
        std::set<std::string> recorded;
        names_in(f, "", recorded, {});
        for (const auto& [fk, fv] : f.items())
          if (ledger::person_key(fk)) names_in(fv, fk, recorded, {});
        for (const auto& n : recorded)
          for (const auto& [t, mark] : erasure.targets)
            if (n != t && n.find(t) != std::string::npos && !erasure.targets.count(n))
              longer.insert(n);
      }
      erasure.longer.assign(longer.begin(), longer.end());

      // What is left of each.
      std::map<Key, std::string> changed; // -> shown
      SQLite::Statement was(db, "SELECT value IS NULL, shown FROM personal_value "
                                "WHERE seq = ? AND ref = ?");
      for (const auto& [ref, f] : current) {
        const bool about = about_refs.count(ref) > 0;
        const auto left = erase(f, erasure, about);
        const bool own_issue = issue_refs.count(ref) > 0;
        if (left == f && !own_issue) continue;
        // A value of an issue erased is erased even when nothing in it
        // changes: its salt goes, so no one can test a guess against it.
        was.reset();
        was.bind(1, ref.first);
        was.bind(2, ref.second);
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
                                "forgotten_seq = ? WHERE seq = ? AND ref = ?");
      hash::Sha256 digest;
      std::int64_t n = 0;
      for (const auto& [ref, shown] : changed) {
        put.reset();
        put.bind(1, shown);
        put.bind(2, seq);
        put.bind(3, ref.first);
        put.bind(4, ref.second);
        put.exec();
        const std::string data = ledger::canonical(json{
            {"seq", ref.first}, {"ref", ref.second}, {"shown_sha256", hash::sha256_hex(shown)}});
        ledger.add_item(seq, ++n, {}, data);
        digest.update(ledger::item_line(n, {}, data));
      }
      events::PrivacyForget p;
      // The reason may name whom it erases: it loses them too.
      p.reason = scrub_text(request.reason, erasure, true);
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
  if (request.dry_run) return result;
  // The erased bytes out of the file: the write-ahead log folded in and
  // emptied, then the whole file rewritten without free pages. When nothing
  // was erased now, an earlier erasure that another reader kept from
  // finishing is finished here.
  try {
    bool done = false;
    {
      SQLite::Statement cp(db, "PRAGMA wal_checkpoint(TRUNCATE)");
      cp.executeStep();
      done = cp.getColumn(0).getInt() == 0;
    }
    if (result.event_seq > 0 || db.execAndGet("PRAGMA freelist_count").getInt64() > 0) {
      db.exec("VACUUM");
      SQLite::Statement again(db, "PRAGMA wal_checkpoint(TRUNCATE)");
      again.executeStep();
      done = again.getColumn(0).getInt() == 0;
      again.reset();
    }
    result.compacted = done;
  } catch (const std::exception&) {
    result.compacted = false; // another consult is reading: finished by the next forget
  }
  return result;
}

} // namespace consult::forget
