#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_ledger.hpp"
#include "consult/events_privacy.hpp"
#include "consult/sealing.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"
#include "consult/ledger.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sqlite3.h>
#include <vector>

namespace consult::ledger {

namespace {

std::string show_value(const SQLite::Column& c) {
  if (c.isNull()) return "NULL";
  if (c.isInteger()) return std::to_string(c.getInt64());
  if (c.isFloat()) return fmt::format("{}", c.getDouble());
  std::string s = c.getString();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return "'" + s + "'";
}

bool same_value(const SQLite::Column& a, const SQLite::Column& b) {
  if (a.getType() != b.getType()) return false;
  if (a.isNull()) return true;
  if (a.isInteger()) return a.getInt64() == b.getInt64();
  if (a.isFloat()) return a.getDouble() == b.getDouble();
  return a.getString() == b.getString();
}

/// The columns that identify a row: its rowid, or the primary key of a
/// table WITHOUT ROWID (whose rows are kept in key order, not insertion order).
std::vector<std::string> identity(SQLite::Database& db, const std::string& table) {
  const auto sql = db.execAndGet(
      fmt::format("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = '{}'", table));
  if (sql.getString().find("WITHOUT ROWID") == std::string::npos) return {"rowid"};
  std::vector<std::pair<int, std::string>> pk;
  SQLite::Statement q(db, fmt::format("PRAGMA table_info({})", table));
  while (q.executeStep())
    if (const int at = q.getColumn(5).getInt(); at > 0)
      pk.emplace_back(at, q.getColumn(1).getString());
  std::sort(pk.begin(), pk.end());
  std::vector<std::string> out;
  for (auto& [at, name] : pk)
    out.push_back(std::move(name));
  return out;
}

/// -1, 0 or 1 as the identity of row a orders before, with, after row b.
int order(SQLite::Statement& a, SQLite::Statement& b, int keys) {
  for (int i = 0; i < keys; ++i) {
    const auto x = a.getColumn(i), y = b.getColumn(i);
    if (x.isInteger() && y.isInteger()) {
      if (x.getInt64() != y.getInt64()) return x.getInt64() < y.getInt64() ? -1 : 1;
    } else if (const int c = x.getString().compare(y.getString()); c != 0) {
      return c < 0 ? -1 : 1;
    }
  }
  return 0;
}

std::string describe(SQLite::Statement& q, const std::vector<std::string>& keys) {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i)
    out += fmt::format("{}{}={}", i ? ", " : "", keys[i],
                       q.getColumn(static_cast<int>(i)).getString());
  return out;
}

/// Compares one table of the ledger (`disk`) with the replayed one (`mem`).
bool compare_table(SQLite::Database& disk, SQLite::Database& mem, const std::string& table,
                   VerifyResult& r) {
  const auto keys = identity(disk, table);
  std::string list;
  for (const auto& k : keys)
    list += (list.empty() ? "" : ", ") + k;
  const std::string sql = fmt::format("SELECT {0}, * FROM {1} ORDER BY {0}", list, table);
  SQLite::Statement a(disk, sql);
  SQLite::Statement b(mem, sql);
  const int columns = a.getColumnCount();
  const int n = static_cast<int>(keys.size());
  for (;;) {
    const bool has_a = a.executeStep();
    const bool has_b = b.executeStep();
    if (!has_a && !has_b) return true;
    r.ok = false;
    r.table = table;
    const int o = has_a && has_b ? order(a, b, n) : has_a ? -1 : 1;
    if (o < 0) {
      r.row = describe(a, keys);
      r.problem = i18n::tr(N_("table {} has a row no event created ({})"), table, r.row);
      return false;
    }
    if (o > 0) {
      r.row = describe(b, keys);
      r.problem = i18n::tr(N_("table {} lacks a row the events created ({})"), table, r.row);
      return false;
    }
    for (int i = n; i < columns; ++i) {
      if (!same_value(a.getColumn(i), b.getColumn(i))) {
        r.row = describe(a, keys);
        r.problem = i18n::tr(
            N_("table {}, row {}, column {}: the ledger has {}, the events say {}"), table, r.row,
            a.getColumnName(i), show_value(a.getColumn(i)), show_value(b.getColumn(i)));
        return false;
      }
    }
    r.ok = true;
    r.table.clear();
  }
}

/// Before schema 10 an event was hashed with its personal data in place:
/// the events resealed then (sealed_hash) must still hash to what they did,
/// chained as they were, unless some of their data has been forgotten since;
/// and the ledger.reseal event after them must name exactly those hashes.
bool check_sealed(SQLite::Database& db, const Event& e, Unsealer& unsealer,
                  SQLite::Statement& sealed_q, std::string& prev_old, std::int64_t& seen,
                  hash::Sha256& digest, bool& resealed, VerifyResult& r) {
  auto bad = [&](std::string problem) {
    r.ok = false;
    r.bad_seq = e.seq;
    r.problem = std::move(problem);
    return false;
  };
  if (e.kind == events::kLedgerReseal) {
    const auto p = nlohmann::json::parse(e.payload, nullptr, false);
    const bool ok = !resealed && p.is_object() && p.value("events", std::int64_t{-1}) == seen &&
                    seen == e.seq - 1 && p.value("head", std::string()) == prev_old &&
                    p.value("hashes_sha256", std::string()) == digest.hex();
    resealed = true;
    if (!ok)
      return bad(i18n::tr(N_("event {} ({}): the hashes the events before it had before schema "
                             "10 are not those it recorded (table sealed_hash changed?)"),
                          e.seq, e.kind));
    return true;
  }
  sealed_q.reset();
  sealed_q.bind(1, e.seq);
  if (!sealed_q.executeStep()) return true;
  const std::string old_hash = sealed_q.getColumn(0).getString();
  if (resealed || e.seq != seen + 1)
    return bad(i18n::tr(N_("event {}: table sealed_hash has a hash for it, but it was written "
                           "after the ledger was resealed"),
                        e.seq));
  try {
    const auto before = unsealer.forgotten;
    auto old = e;
    auto payload = unsealer.unseal_text(e.payload, e.seq);
    if (const auto* kind = events::find(e.kind); kind && kind->has_items) {
      hash::Sha256 d;
      SQLite::Statement items(db, "SELECT n, coalesce(key, ''), data FROM event_item "
                                  "WHERE seq = ? ORDER BY n");
      items.bind(1, e.seq);
      while (items.executeStep())
        d.update(item_line(items.getColumn(0).getInt64(), items.getColumn(1).getString(),
                           canonical(unsealer.unseal_text(items.getColumn(2).getString(), e.seq))));
      payload["items_sha256"] = d.hex();
    }
    if (unsealer.forgotten == before) { // nothing forgotten: it must hash as it did
      old.payload = canonical(payload);
      old.prev_hash = prev_old;
      if (event_hash(old) != old_hash)
        return bad(i18n::tr(N_("event {} ({}) no longer hashes to what it did before schema 10 "
                               "(its personal data or table sealed_hash was changed)"),
                            e.seq, e.kind));
    }
  } catch (const std::exception& ex) {
    return bad(i18n::tr(N_("event {} ({}) cannot be read: {}"), e.seq, e.kind, ex.what()));
  }
  prev_old = old_hash;
  ++seen;
  digest.update(sealed_hash_line(e.seq, old_hash));
  return true;
}

/// Every sealed value is referred to by exactly one event and still hashes
/// to its reference, or was erased by the privacy.forget event that says so,
/// and what was left in its place is what that event recorded.
bool check_personal(SQLite::Database& db, const Unsealer& unsealer,
                    const std::map<std::pair<std::int64_t, std::string>,
                                   std::pair<std::int64_t, std::string>>& forgets,
                    std::int64_t sealed_seen, bool resealed, VerifyResult& r) {
  auto bad = [&](std::int64_t seq, std::string problem) {
    r.ok = false;
    r.bad_seq = seq;
    r.table = "personal_value";
    r.problem = std::move(problem);
    return false;
  };
  if (db.execAndGet("SELECT count(*) FROM sealed_hash").getInt64() != sealed_seen ||
      (sealed_seen > 0 && !resealed))
    return bad(0, _("table sealed_hash has hashes that no ledger.reseal event accounts for"));
  if (db.execAndGet("SELECT count(*) FROM personal_value").getInt64() != unsealer.count)
    return bad(0, _("table personal_value has values that no event refers to"));
  SQLite::Statement q(db, "SELECT ref, seq, salt, value, shown, forgotten_seq FROM personal_value");
  std::size_t erased = 0;
  while (q.executeStep()) {
    const std::string ref = q.getColumn(0).getString();
    const std::int64_t seq = q.getColumn(1).getInt64();
    const auto forget = forgets.find({seq, ref});
    if (!q.getColumn(3).isNull()) {
      if (q.getColumn(2).isNull() ||
          seal_ref(q.getColumn(2).getString(), q.getColumn(3).getString()) != ref)
        return bad(seq, i18n::tr(N_("personal data {} of event {} was changed: it no longer "
                                    "matches what the event holds"),
                                 ref.substr(0, 12), seq));
      if (forget != forgets.end())
        return bad(forget->second.first,
                   i18n::tr(N_("event {} erased personal data {} of event {}, but it is still "
                               "there"),
                            forget->second.first, ref.substr(0, 12), seq));
      continue;
    }
    ++erased;
    if (forget == forgets.end() || q.getColumn(5).isNull() ||
        q.getColumn(5).getInt64() != forget->second.first)
      return bad(seq, i18n::tr(N_("personal data {} of event {} was erased without a "
                                  "privacy.forget event that says so"),
                               ref.substr(0, 12), seq));
    if (q.getColumn(4).isNull() ||
        hash::sha256_hex(q.getColumn(4).getString()) != forget->second.second)
      return bad(forget->second.first,
                 i18n::tr(N_("what was left in place of personal data {} of event {} is not "
                             "what event {} recorded"),
                          ref.substr(0, 12), seq, forget->second.first));
  }
  if (erased != forgets.size())
    return bad(0, _("a privacy.forget event lists personal data the ledger does not hold"));
  return true;
}

} // namespace

VerifyResult verify(Ledger& ledger) {
  VerifyResult r;
  auto& db = ledger.db();

  // The file itself: SQLite's own check of every page, index and record.
  {
    SQLite::Statement q(db, "PRAGMA integrity_check(20)");
    std::string found;
    while (q.executeStep()) {
      const std::string line = q.getColumn(0).getString();
      if (line == "ok") break;
      found += (found.empty() ? "" : "; ") + line;
    }
    if (!found.empty()) {
      r.ok = false;
      r.problem = i18n::tr(N_("the file is damaged (SQLite's integrity check: {})"), found);
      return r;
    }
  }


  // A scratch database with the same schema, to replay into.
  SQLite::Database mem(":memory:", SQLite::OPEN_READWRITE);
  mem.exec("PRAGMA foreign_keys = ON");
  migrate(mem);
  mem.exec("BEGIN");

  SQLite::Statement q(db, "SELECT seq, at, actor, kind, entity, payload, prev_hash, hash "
                          "FROM event ORDER BY seq");
  std::string prev = kGenesisHash;
  std::int64_t expected = 1;
  std::int64_t item_rows = 0;
  std::optional<clock::Instant> last_time;
  std::string last_at;
  Unsealer unsealer(db);
  // What privacy.forget events erased: reference -> (event, digest of what
  // was left), the last one for each.
  std::map<std::pair<std::int64_t, std::string>, std::pair<std::int64_t, std::string>> forgets;
  // The chain as it was before the ledger was resealed at schema 10.
  Unsealer old_unsealer(db);
  SQLite::Statement sealed_q(db, "SELECT hash FROM sealed_hash WHERE seq = ?");
  std::string prev_old = kGenesisHash;
  std::int64_t sealed_seen = 0;
  hash::Sha256 sealed_digest;
  bool resealed = false;
  while (q.executeStep()) {
    Event e = read_event(q);
    auto bad = [&](std::int64_t seq, std::string problem) {
      r.ok = false;
      r.bad_seq = seq;
      r.problem = std::move(problem);
    };
    for (const auto& [column, value] :
         {std::pair<const char*, const std::string*>{"at", &e.at}, {"actor", &e.actor},
          {"kind", &e.kind}, {"entity", &e.entity}, {"payload", &e.payload},
          {"prev_hash", &e.prev_hash}, {"hash", &e.hash}}) {
      if (!text::valid_utf8(*value)) {
        bad(e.seq, i18n::tr(N_("event {}: its {} is not valid UTF-8"), e.seq, column));
        break;
      }
    }
    if (!r.ok) break;
    if (e.seq != expected) {
      bad(expected, e.seq > expected
                        ? i18n::tr(N_("event {} is missing: event {} follows event {} (deleted?)"),
                                   expected, e.seq, expected - 1)
                        : i18n::tr(N_("event {} is out of sequence (inserted?)"), e.seq));
      break;
    }
    if (e.prev_hash != prev) {
      bad(e.seq, i18n::tr(N_("event {} does not follow event {}: its previous hash differs "
                             "(reordered, inserted or replaced?)"),
                          e.seq, e.seq - 1));
      break;
    }
    const auto when = clock::parse_instant(e.at, ledger.session().zone);
    if (!when) {
      bad(e.seq, i18n::tr(N_("event {} has no valid time ('{}')"), e.seq, text::quote_input(e.at)));
      break;
    }
    if (last_time && *when < *last_time) {
      bad(e.seq, i18n::tr(N_("event {} is dated {}, earlier than event {} before it ({}): the "
                             "log's time went backwards"),
                          e.seq, e.at, e.seq - 1, last_at));
      break;
    }
    last_time = when;
    last_at = e.at;
    if (event_hash(e) != e.hash) {
      bad(e.seq, i18n::tr(N_("event {} ({}) was changed: its contents do not match its hash"),
                          e.seq, e.kind));
      break;
    }
    if (const auto* kind = events::find(e.kind); kind && kind->has_items) {
      // The items attached to the event must be exactly those its hash covers.
      hash::Sha256 digest;
      std::int64_t n = 0;
      SQLite::Statement items(db, "SELECT n, coalesce(key, ''), data FROM event_item "
                                  "WHERE seq = ? ORDER BY n");
      items.bind(1, e.seq);
      bool items_text_ok = true;
      while (items.executeStep()) {
        ++n;
        const std::string key = items.getColumn(1).getString();
        const std::string data = items.getColumn(2).getString();
        items_text_ok = items_text_ok && text::valid_utf8(key) && text::valid_utf8(data);
        digest.update(item_line(items.getColumn(0).getInt64(), key, data));
      }
      if (!items_text_ok) {
        bad(e.seq, i18n::tr(N_("event {} ({}): an attached row is not valid UTF-8"), e.seq,
                            e.kind));
        break;
      }
      item_rows += n;
      if (!items_match(e.payload, n, digest.hex())) {
        bad(e.seq, i18n::tr(N_("event {} ({}): its attached rows were changed, added or "
                               "deleted"),
                            e.seq, e.kind));
        break;
      }
    }
    if (!check_sealed(db, e, old_unsealer, sealed_q, prev_old, sealed_seen, sealed_digest,
                      resealed, r))
      break;
    if (e.kind == events::kPrivacyForget) {
      SQLite::Statement items(db, "SELECT data FROM event_item WHERE seq = ? ORDER BY n");
      items.bind(1, e.seq);
      while (items.executeStep()) {
        const auto d = nlohmann::json::parse(items.getColumn(0).getString(), nullptr, false);
        if (!d.is_object() || !d.contains("ref") || !d["ref"].is_string() ||
            !d.contains("seq") || !d["seq"].is_number_integer() ||
            !d.contains("shown_sha256") || !d["shown_sha256"].is_string()) {
          bad(e.seq, i18n::tr(N_("event {} ({}): an erased value it lists is not readable"),
                              e.seq, e.kind));
          break;
        }
        forgets[{d["seq"].get<std::int64_t>(), d["ref"].get<std::string>()}] = {
            e.seq, d["shown_sha256"].get<std::string>()};
      }
      if (!r.ok) break;
    }
    try {
      events::apply(mem, e, db, unsealer);
    } catch (const std::exception& ex) {
      bad(e.seq, i18n::tr(N_("event {} ({}) cannot be replayed: {}"), e.seq, e.kind, ex.what()));
      break;
    }
    prev = e.hash;
    ++expected;
    ++r.events;
  }
  r.head_hash = prev;
  if (!r.ok) return r;

  // The head recorded beside the log must be the last event.
  SQLite::Statement h(db, "SELECT seq, hash FROM ledger_head WHERE id = 1");
  if (!h.executeStep() || h.getColumn(0).getInt64() != r.events ||
      h.getColumn(1).getString() != prev) {
    r.ok = false;
    r.bad_seq = r.events + 1;
    r.table = "ledger_head";
    r.problem = i18n::tr(N_("the recorded head of the log is not its last event {} "
                            "(events deleted from the end?)"),
                         r.events);
    return r;
  }

  // Items that no event accounts for.
  if (db.execAndGet("SELECT count(*) FROM event_item").getInt64() != item_rows) {
    r.ok = false;
    r.table = "event_item";
    r.problem = _("table event_item has rows that belong to no import event");
    return r;
  }

  if (!check_personal(db, unsealer, forgets, sealed_seen, resealed, r)) return r;

  mem.exec("COMMIT");
  for (const auto& table : projection_tables())
    if (!compare_table(db, mem, table, r)) return r;

  // The schema: exactly what the migrations create, nothing planted (a
  // trigger or check would run as consult writes; a view is never read).
  if (const auto differences = schema_differences(db); !differences.empty()) {
    r.ok = false;
    std::string all;
    for (const auto& d : differences)
      all += (all.empty() ? "" : "; ") + d;
    r.problem = i18n::tr(N_("the schema was changed outside consult: {}"), all);
    return r;
  }
  return r;
}

} // namespace consult::ledger
