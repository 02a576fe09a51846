#pragma once
/// \file
/// The ledger: one SQLite file holding an append-only, hash-chained event log
/// and the tables projected from it. See docs/schema.md.
///
/// Every change is one `BEGIN IMMEDIATE` transaction (Ledger::write) that
/// appends one or more events (Ledger::append); appending an event applies it
/// to the tables, so the tables are always exactly what the events say.

#include "consult/clock.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace consult::ledger {

/// `PRAGMA application_id` of a consult ledger: "Cnsl".
inline constexpr std::int32_t kApplicationId = 0x436e736c;

/// The hash before the first event.
inline const std::string kGenesisHash(64, '0');

/// One event of the log.
struct Event {
  std::int64_t seq = 0;
  std::string at; ///< RFC 3339 with offset
  std::string actor;
  std::string kind;    ///< e.g. "issue.add"
  std::string entity;  ///< e.g. "issue:42"
  std::string payload; ///< canonical JSON
  std::string prev_hash;
  std::string hash;
};

/// The SHA-256 of an event: over the canonical JSON array
/// `[seq, at, actor, kind, entity, payload, prev_hash]`.
std::string event_hash(const Event& e);

/// Canonical JSON text: keys sorted, no white space, UTF-8 unescaped.
std::string canonical(const nlohmann::json& j);

/// The schema versions this build knows, oldest first.
struct Migration {
  int version;
  const char* name;
  const char* sql;                           ///< run first ("" for none)
  void (*step)(SQLite::Database&) = nullptr; ///< then this, for what SQL alone cannot say
};
const std::vector<Migration>& migrations();

/// The schema version this build writes.
int latest_version();

/// The tables projected from events, in the order verify compares them.
const std::vector<std::string>& projection_tables();

/// Applies one event to the projection tables of `db` (no event row is written).
/// Items attached to the event (event_item) are read from `items`, or from
/// `db` when it is null. Throws consult::Error for an unknown event kind.
void apply(SQLite::Database& db, const Event& e, SQLite::Database* items = nullptr);

/// An issue as an import item (an issue.import event's item) or an issue.add
/// payload describes it.
struct IssueItem {
  std::int64_t id = 0;
  std::string community, title, body, channel, category, place, raised_by, phone;
  std::string raised_on;                    ///< YYYY-MM-DD
  std::int64_t row = 0;                     ///< its line in the imported file (items only)
  std::string channel_text, category_text;  ///< the original value when it mapped to no key
  std::map<std::string, std::string> extra; ///< other columns of the row: header -> value
  std::string time;                         ///< HH:MM if the file gave one
  std::vector<std::string> stakeholders;
  std::string priority = "normal"; ///< issue.add only: items are always "normal"

  /// Reads an item's data or an issue.add payload.
  static IssueItem from_json(const nlohmann::json& p);

  /// The item's data as the import stores it: byte for byte what
  /// canonical() gives for the same object, written without building one.
  /// `priority` is not part of an item.
  std::string item_json() const;

  /// item_json() in two parts either side of the id's digits, for writing
  /// the rest before the id is known: data = head + id + tail.
  std::pair<std::string, std::string> item_json_parts() const;
};

/// Turns the items of an issue.import event into issue rows, one at a time.
/// The projector uses it when it replays the event; an import uses it as it
/// reads rows, so the tables are the same either way.
class ImportProjector {
public:
  ImportProjector(SQLite::Database& db, std::int64_t seq, std::string at);
  ~ImportProjector();
  ImportProjector(const ImportProjector&) = delete;
  ImportProjector& operator=(const ImportProjector&) = delete;
  /// Inserts the issue an item describes.
  void add(const IssueItem& item);
  /// Writes the month tallies of the issues added (report_month), counted in
  /// memory so that an import of many rows updates each tally once.
  void finish();

  /// The issue-row writer, shared with the projection of issue.add (defined
  /// in projection.cpp).
  struct Statements;

private:
  std::unique_ptr<Statements> q_;
  std::int64_t seq_;
  std::string at_;
  /// (community, month, figure, key) -> issues
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::int64_t> tallies_;
};

/// The line an event item contributes to its event's `items_sha256`:
/// n, TAB, key, TAB, data, LF.
std::string item_line(std::int64_t n, const std::string& key, const std::string& data);

/// Who is writing and when "now" is.
struct Session {
  std::string actor = "unknown";
  clock::Clock clock;
  std::string zone = clock::kDefaultZone;
  int busy_timeout_ms = 15000; ///< how long a writer waits for another
};

enum class Access { read, write };

class Ledger {
public:
  /// Creates a new ledger at `path` (mode 0600) or, if it is already a consult
  /// ledger, brings it to the latest schema. Returns true if it was created.
  static bool init(const std::string& path, const Session& session);

  /// Opens an existing ledger. Throws no_input if it does not exist, data if
  /// it is not a consult ledger or is newer than this build.
  Ledger(const std::string& path, Access access, Session session);
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  /// An in-memory ledger with the latest schema (for tests).
  static std::unique_ptr<Ledger> in_memory(Session session);

  SQLite::Database& db() { return *db_; }
  const std::string& path() const { return path_; }
  const Session& session() const { return session_; }
  int schema_version();

  /// Runs `fn` in one BEGIN IMMEDIATE transaction: commits if it returns,
  /// rolls back if it throws. SQLITE_BUSY after the busy timeout becomes
  /// Error(busy). Nested calls join the outer transaction.
  void write(const std::function<void()>& fn);

  /// Appends an event (inside write()) and applies it to the tables.
  Event append(const std::string& kind, const std::string& entity, const nlohmann::json& payload);

  /// Appends an event whose effect on the tables the caller has already made,
  /// with the same code the projector runs (an import's ImportProjector), at
  /// the time `at` it gave that code.
  Event append_applied(const std::string& kind, const std::string& entity,
                       const nlohmann::json& payload, const std::string& at);

  /// Now, as event times are written (RFC 3339 in the session's zone).
  std::string now_text() const;

  /// The last event, if any.
  std::optional<Event> head();

  /// Events, oldest first: all, or those of one entity (e.g. "issue:42"),
  /// optionally only after `after_seq`, at most `limit` (0: no limit).
  std::vector<Event> events(const std::string& entity = {}, std::int64_t after_seq = 0,
                            std::int64_t limit = 0);

  /// Number of events.
  std::int64_t event_count();

  /// The sequence number the next appended event will get (inside write()).
  std::int64_t next_seq();

  /// Attaches an item to the event about to be appended with number
  /// next_seq() (inside write()). Returns false, writing nothing, if an item
  /// with the same non-empty `key` exists (e.g. a row imported before).
  bool add_item(std::int64_t seq, std::int64_t n, const std::string& key, const std::string& data);

  /// True if an item with this key exists.
  bool has_item_key(const std::string& key);

private:
  Ledger() = default;
  Event append_impl(const std::string& kind, const std::string& entity,
                    const nlohmann::json& payload, const std::string& at, bool project);
  void configure();
  void check_identity(Access access);

  std::string path_;
  Session session_;
  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<SQLite::Statement> key_query_;
  std::unique_ptr<SQLite::Statement> item_insert_;
  int depth_ = 0;
};

/// Runs the migrations from the current version to the latest, each in its own
/// transaction with its version bump.
void migrate(SQLite::Database& db);

/// Translates a SQLite failure into a consult::Error with the ledger's path.
[[noreturn]] void rethrow_sqlite(const std::exception& e, const std::string& path);

} // namespace consult::ledger

namespace consult::ledger {

/// The outcome of checking a ledger.
struct VerifyResult {
  bool ok = true;
  std::int64_t events = 0;  ///< events checked
  std::string head_hash;    ///< hash of the last good event
  std::int64_t bad_seq = 0; ///< first bad event, 0 if the log is intact
  std::string table;        ///< first table that disagrees with the events
  std::string row;          ///< its row, e.g. "id=42"
  std::string problem;      ///< what is wrong, for people
};

/// Recomputes the hash chain and replays every event into a scratch database,
/// then compares each projection table with the ledger's, row by row.
/// Stops at the first problem.
VerifyResult verify(Ledger& ledger);

} // namespace consult::ledger
