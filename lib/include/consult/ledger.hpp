#pragma once
/// \file
/// The ledger: one SQLite file holding an append-only, hash-chained event log
/// and the tables projected from it. See docs/schema.md.
///
/// Every change is one `BEGIN IMMEDIATE` transaction (Ledger::write) that
/// appends one or more events (Ledger::append); appending an event applies it
/// to the tables, so the tables are always exactly what the events say.

#include "consult/clock.hpp"
#include "consult/event.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace consult::ledger {

/// `PRAGMA application_id` of a consult ledger: "Cnsl".
inline constexpr std::int32_t kApplicationId = 0x436e736c;

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

/// One object of a ledger's schema as `sqlite_schema` lists it (its page
/// number left out: that differs between files with the same schema).
struct SchemaObject {
  std::string type;  ///< table, index, trigger or view
  std::string name;
  std::string table; ///< the table it belongs to
  std::string sql;   ///< its SQL as SQLite recorded it ("" for an automatic index)
  bool operator==(const SchemaObject&) const = default;
};

/// The objects of `db`'s schema, ordered by type and name.
std::vector<SchemaObject> read_schema(SQLite::Database& db);

/// The schema of a ledger of the latest version: what the migrations create,
/// built once per process in a scratch database. Consult takes the SQL it
/// runs from here, never from a ledger file.
const std::vector<SchemaObject>& expected_schema();

/// SHA-256 of a schema's objects, in order.
std::string schema_digest(const std::vector<SchemaObject>& schema);

/// The digest of expected_schema(), written out in schema.cpp so that
/// opening a ledger to write does not have to build the schema first; a
/// unit test keeps it equal to the digest of what the migrations create.
extern const char* const kSchemaDigest;

/// How `db`'s schema differs from the expected one, for people (each extra,
/// missing or altered table, index, trigger or view); empty if it does not.
std::vector<std::string> schema_differences(SQLite::Database& db);

/// The tables projected from events, in the order verify compares them.
const std::vector<std::string>& projection_tables();

/// The line an event item contributes to its event's `items_sha256`:
/// n, TAB, key, TAB, data, LF.
std::string item_line(std::int64_t n, const std::string& key, const std::string& data);

/// Whether an event's payload says it has `n` attached rows whose item
/// lines hash to `sha256_hex`; false for any payload that is not such an
/// object (a forged one included), never an exception.
bool items_match(const std::string& payload, std::int64_t n, const std::string& sha256_hex);

/// What the ledger numbers: each gets its next id from Ledger::next_id.
enum class Counter {
  issue,
  comment,  ///< issue_comment
  feedback, ///< issue_feedback
  meeting,
  note, ///< meeting_note
  vote,
  decision,
  action,
  progress, ///< action_progress
  fund,     ///< fund_entry
  election,
};

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

  /// This ledger as it was just after event `seq`: its events up to that one
  /// (with their attached rows) replayed into a scratch in-memory ledger, so
  /// that a document can be made again exactly as it was then.
  std::unique_ptr<Ledger> as_of(std::int64_t seq);

  SQLite::Database& db() { return *db_; }
  const std::string& path() const { return path_; }
  const Session& session() const { return session_; }
  int schema_version();

  /// The last event written before the ledger was brought to schema
  /// `version` (0 when it was made at that schema or later), or nullopt if
  /// it is not there yet. Recorded from schema 9 on (table schema_upgrade).
  std::optional<std::int64_t> upgraded_after(int version);

  /// Runs `fn` in one BEGIN IMMEDIATE transaction: commits if it returns,
  /// rolls back if it throws. SQLITE_BUSY after the busy timeout becomes
  /// Error(busy). Nested calls join the outer transaction.
  void write(const std::function<void()>& fn);

  /// Appends an event (inside write()) and applies it to the tables through
  /// its projector. `kind` is a name from the event catalogue
  /// (consult/events.hpp); an unknown one is refused before anything is
  /// written.
  Event append(std::string_view kind, const std::string& entity, const nlohmann::json& payload);

  /// Appends an event whose effect on the tables the caller has already made,
  /// with the same code the projector runs (an import's ImportProjector), at
  /// the time `at` it gave that code.
  Event append_applied(std::string_view kind, const std::string& entity,
                       const nlohmann::json& payload, const std::string& at);

  /// Now, as event times are written (RFC 3339 in the session's zone).
  std::string now_text() const;

  /// The last event, if any.
  std::optional<Event> head();

  /// Events, oldest first: all, or those of one entity (e.g. "issue:42"),
  /// optionally only after `after_seq`, at most `limit` (0: no limit).
  std::vector<Event> events(const std::string& entity = {}, std::int64_t after_seq = 0,
                            std::int64_t limit = 0);

  /// The payload of `e` as it was written: its personal data unsealed (or,
  /// once forgotten, what was left in its place), for showing.
  nlohmann::json payload_of(const Event& e);

  /// The hash event `seq` had before the ledger was resealed at schema 10
  /// (table sealed_hash), if it was written before: stamps and witnesses
  /// taken then name that one.
  std::optional<std::string> sealed_hash(std::int64_t seq);

  /// Number of events.
  std::int64_t event_count();

  /// The sequence number the next appended event will get (inside write()).
  std::int64_t next_seq();

  /// The id the next record of `what` gets: one more than the highest so
  /// far (inside write(), so that no other writer takes it meanwhile).
  std::int64_t next_id(Counter what);

  /// Attaches an item to the event about to be appended with number
  /// next_seq() (inside write()). Returns false, writing nothing, if an item
  /// with the same non-empty `key` exists (e.g. a row imported before).
  bool add_item(std::int64_t seq, std::int64_t n, const std::string& key, const std::string& data);

  /// True if an item with this key exists.
  bool has_item_key(const std::string& key);

private:
  Ledger() = default;
  Event append_impl(std::string_view kind, const std::string& entity, const nlohmann::json& payload,
                    const std::string& at, bool project);
  void configure();
  void check_identity(Access access);
  void check_schema();

  std::string path_;
  Session session_;
  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<SQLite::Statement> key_query_;
  std::unique_ptr<SQLite::Statement> item_insert_;
  int depth_ = 0;
};

/// The columns of an event row, in the order read_event reads them.
inline constexpr const char* kEventColumns =
    "seq, at, actor, kind, entity, payload, prev_hash, hash";

/// The event in the current row of `q`, which selected kEventColumns.
Event read_event(SQLite::Statement& q);

/// Runs the migrations from the current version to the latest, each in its own
/// transaction with its version bump.
void migrate(SQLite::Database& db);

/// Opens a database file to read. On read-only storage (or in a directory
/// this user cannot write), where SQLite cannot make a WAL ledger's index
/// file, it is read as an unchanging file; Error(io) if its write-ahead log
/// holds changes that cannot be read there.
std::unique_ptr<SQLite::Database> open_read_only(const std::string& path);

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
