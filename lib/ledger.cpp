#include "consult/ledger.hpp"

#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_ledger.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"
#include "consult/sealing.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace consult::ledger {

namespace fs = std::filesystem;

namespace {

bool is_busy(int code) {
  return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED;
}

constexpr const char* kInsertEvent = "INSERT INTO event (seq, at, actor, kind, entity, payload, "
                                     "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

/// Runs `ins` (kInsertEvent) for `e`.
void insert_event(SQLite::Statement& ins, const Event& e) {
  ins.reset();
  ins.bind(1, e.seq);
  ins.bind(2, e.at);
  ins.bind(3, e.actor);
  ins.bind(4, e.kind);
  ins.bind(5, e.entity);
  ins.bind(6, e.payload);
  ins.bind(7, e.prev_hash);
  ins.bind(8, e.hash);
  ins.exec();
}

} // namespace

void rethrow_sqlite(const std::exception& e, const std::string& path) {
  if (const auto* ce = dynamic_cast<const Error*>(&e)) throw *ce;
  if (const auto* se = dynamic_cast<const SQLite::Exception*>(&e)) {
    const int code = se->getExtendedErrorCode();
    if (is_busy(code))
      throw Error(ErrorKind::busy,
                  i18n::tr(N_("ledger '{}' is busy: another consult is writing"), path), {},
                  _("try again in a moment"));
    if ((code & 0xff) == SQLITE_NOTADB)
      throw Error(ErrorKind::data, i18n::tr(N_("'{}' is not a consult ledger"), path), {},
                  _("check --ledger, CONSULT_LEDGER or the config's ledger setting"));
    if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN ||
        (code & 0xff) == SQLITE_PERM)
      throw Error(ErrorKind::cant_create,
                  i18n::tr(N_("cannot write ledger '{}': {}"), path, se->what()), {},
                  _("check the file's and its directory's permissions"));
    if ((code & 0xff) == SQLITE_FULL || (code & 0xff) == SQLITE_IOERR)
      throw Error(ErrorKind::io, i18n::tr(N_("I/O error on ledger '{}': {}"), path, se->what()), {},
                  _("check free disk space; the ledger is unchanged"));
    if ((code & 0xff) == SQLITE_CORRUPT)
      throw Error(ErrorKind::data, i18n::tr(N_("ledger '{}' is corrupt: {}"), path, se->what()), {},
                  _("restore it from a backup"));
    throw Error(ErrorKind::internal, i18n::tr(N_("SQLite error on '{}': {}"), path, se->what()));
  }
  throw Error(ErrorKind::internal, e.what());
}

/// Opens a connection. Each Ledger's connection is used by one thread at a
/// time, so SQLite's per-connection mutex is left out (OPEN_NOMUTEX); and
/// SQLite's count of its own memory use, which takes a global mutex on every
/// allocation, is turned off before the first connection. Together they were
/// a tenth of an import's time in SQLite.
namespace {
std::unique_ptr<SQLite::Database> open_database(const std::string& path, int flags) {
  static std::once_flag setup;
  std::call_once(setup, [] {
    // Refused (SQLITE_MISUSE) if something initialised SQLite first: harmless.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
  auto db = std::make_unique<SQLite::Database>(path, flags | SQLite::OPEN_NOMUTEX);
  sqlite3* h = db->getHandle();
  // A ledger file is data, not code. Its views are never read (consult does
  // not use them); functions with side effects may not run from its schema;
  // and its schema cannot be edited through this connection (a migration
  // step that must, lifts this for itself).
  sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  return db;
}

/// `path` as an SQLite URI for a file that cannot change while it is read
/// (read-only storage): no locks, no write-ahead log or its index created.
std::string immutable_uri(const std::string& path) {
  std::string out = "file:";
  for (const char c : fs::absolute(path).string()) {
    if (c == '%' || c == '?' || c == '#')
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else
      out += c;
  }
  return out + "?mode=ro&immutable=1";
}

bool cannot_open(const std::exception& e) {
  const auto* se = dynamic_cast<const SQLite::Exception*>(&e);
  if (!se) return false;
  const int code = se->getErrorCode() & 0xff;
  return code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM;
}

} // namespace

std::unique_ptr<SQLite::Database> open_read_only(const std::string& path) {
  try {
    auto db = open_database(path, SQLite::OPEN_READONLY);
    // A ledger in WAL mode is only read once its index (-shm) is open or made:
    // that is the first thing that fails on read-only storage.
    db->execAndGet("SELECT count(*) FROM sqlite_schema");
    return db;
  } catch (const std::exception& e) {
    if (!cannot_open(e)) throw;
    std::error_code ec;
    const auto wal = fs::file_size(path + "-wal", ec);
    if (!ec && wal > 0)
      throw Error(ErrorKind::io,
                  i18n::tr(N_("cannot read '{}': its last changes are still in '{}-wal', which "
                              "cannot be read where it is (read-only storage?)"),
                           path, path),
                  {}, _("copy the file and its -wal file to writable storage and read the copy"));
    if (::access(path.c_str(), R_OK) != 0) throw;
    // Read-only storage, or a directory this user cannot write: nothing
    // else can be writing the file, so it is read as it is, without locks.
    auto db = open_database(immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    db->execAndGet("SELECT count(*) FROM sqlite_schema");
    return db;
  }
}

void migrate(SQLite::Database& db) {
  int version = db.execAndGet("PRAGMA user_version").getInt();
  for (const auto& m : migrations()) {
    if (m.version <= version) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      // Re-read inside the lock: another process may have migrated meanwhile.
      version = db.execAndGet("PRAGMA user_version").getInt();
      if (m.version > version) {
        if (*m.sql) db.exec(m.sql);
        if (m.step) {
          // A step may edit recorded SQL (writable_schema), which defensive
          // mode forbids: lifted for the step alone.
          sqlite3* h = db.getHandle();
          int defensive = 0;
          sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
          sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
          struct Restore {
            sqlite3* h;
            int on;
            ~Restore() { sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, on, nullptr); }
          } restore{h, defensive};
          m.step(db);
        }
        db.exec(fmt::format("PRAGMA user_version = {}", m.version));
      }
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  }
}

bool Ledger::init(const std::string& path, const Session& session) {
  bool created = false;
  try {
    std::error_code ec;
    if (!fs::exists(path, ec) || fs::file_size(path, ec) == 0) {
      // Create the file ourselves with mode 0600: it holds personal data.
      const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
      if (fd < 0)
        throw Error(ErrorKind::cant_create,
                    i18n::tr(N_("cannot create ledger '{}': {}"), path, std::strerror(errno)), {},
                    _("check that the directory exists and is writable"));
      ::fchmod(fd, 0600);
      ::close(fd);
      created = true;
    }
    Ledger l;
    l.path_ = path;
    l.session_ = session;
    l.db_ = open_database(path, SQLite::OPEN_READWRITE);
    l.configure();
    const auto app = l.db_->execAndGet("PRAGMA application_id").getInt();
    const auto tables = l.db_->execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
    if (app == 0 && tables == 0) {
      l.db_->exec("PRAGMA journal_mode = WAL");
      l.db_->exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
      migrate(*l.db_);
      l.write([&] {
        l.append(events::kLedgerInit, "ledger", events::LedgerInit{latest_version()}.to_json());
      });
      created = true;
    } else {
      l.check_identity(Access::write);
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, path);
  }
  return created;
}

Ledger::Ledger(const std::string& path, Access access, Session session)
    : path_(path), session_(std::move(session)) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw Error(ErrorKind::no_input, i18n::tr(N_("ledger '{}' does not exist"), path), {},
                _("create it with 'consult init', or point --ledger or CONSULT_LEDGER at it"));
  try {
    db_ = access == Access::write ? open_database(path, SQLite::OPEN_READWRITE)
                                  : open_read_only(path);
    configure();
    check_identity(access);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, path);
  }
}

Ledger::~Ledger() = default;

std::unique_ptr<Ledger> Ledger::in_memory(Session session) {
  std::unique_ptr<Ledger> l(new Ledger());
  l->path_ = ":memory:";
  l->session_ = std::move(session);
  l->db_ = open_database(":memory:", SQLite::OPEN_READWRITE);
  l->configure();
  l->db_->exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
  migrate(*l->db_);
  l->write([&] {
    l->append(events::kLedgerInit, "ledger", events::LedgerInit{latest_version()}.to_json());
  });
  return l;
}

std::unique_ptr<Ledger> Ledger::as_of(std::int64_t seq) {
  std::unique_ptr<Ledger> l(new Ledger());
  l->path_ = ":memory:";
  l->session_ = session_;
  l->db_ = open_database(":memory:", SQLite::OPEN_READWRITE);
  l->configure();
  l->db_->exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
  migrate(*l->db_);
  auto& to = *l->db_;
  to.exec("BEGIN");
  SQLite::Statement q(*db_, "SELECT seq, at, actor, kind, entity, payload, prev_hash, hash "
                            "FROM event WHERE seq <= ? ORDER BY seq");
  q.bind(1, seq);
  SQLite::Statement ins(to, kInsertEvent);
  SQLite::Statement items(*db_, "SELECT n, key, data FROM event_item WHERE seq = ? ORDER BY n");
  SQLite::Statement add(to, "INSERT INTO event_item (seq, n, key, data) VALUES (?, ?, ?, ?)");
  // What is replayed must be what was recorded: each event follows the one
  // before it and matches its hash, and its attached rows match the digest
  // its payload holds. Otherwise a document regenerated from an edited event
  // would "match" a document edited the same way.
  auto changed = [&](const Event& e) {
    return Error(ErrorKind::data,
                 i18n::tr(N_("event {} ({}) was changed: its contents do not match its hash"),
                          e.seq, e.kind),
                 {}, _("run 'consult verify' for the whole finding"));
  };
  std::string prev = kGenesisHash;
  std::int64_t expected = 1;
  Event last;
  Unsealer unsealer(*db_);
  while (q.executeStep()) {
    Event e = read_event(q);
    if (e.seq != expected || e.prev_hash != prev || event_hash(e) != e.hash) throw changed(e);
    prev = e.hash;
    ++expected;
    insert_event(ins, e);
    if (const auto* kind = events::find(e.kind); kind && kind->has_items) {
      items.reset();
      items.bind(1, e.seq);
      hash::Sha256 digest;
      std::int64_t n = 0;
      while (items.executeStep()) {
        ++n;
        digest.update(item_line(items.getColumn(0).getInt64(),
                                items.getColumn(1).isNull() ? std::string()
                                                            : items.getColumn(1).getString(),
                                items.getColumn(2).getString()));
        add.reset();
        add.bind(1, e.seq);
        add.bind(2, items.getColumn(0).getInt64());
        if (items.getColumn(1).isNull())
          add.bind(3);
        else
          add.bind(3, items.getColumn(1).getString());
        add.bind(4, items.getColumn(2).getString());
        add.exec();
      }
      if (!items_match(e.payload, n, digest.hex())) throw changed(e);
    }
    events::apply(to, e, *db_, unsealer);
    last = std::move(e);
  }
  // The personal data of those events, as it now is (erased data stays
  // erased in a ledger made again as it was).
  SQLite::Statement values(*db_, "SELECT ref, seq, salt, value, shown, forgotten_seq "
                                 "FROM personal_value WHERE seq <= ?");
  values.bind(1, seq);
  SQLite::Statement put(to, "INSERT INTO personal_value (ref, seq, salt, value, shown, "
                            "forgotten_seq) VALUES (?, ?, ?, ?, ?, ?)");
  while (values.executeStep()) {
    put.reset();
    for (int i = 0; i < 6; ++i) {
      const auto c = values.getColumn(i);
      if (c.isNull())
        put.bind(i + 1);
      else if (c.isInteger())
        put.bind(i + 1, c.getInt64());
      else
        put.bind(i + 1, c.getString());
    }
    put.exec();
  }
  SQLite::Statement head(to, "UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1");
  head.bind(1, last.seq);
  head.bind(2, last.hash);
  head.exec();
  to.exec("COMMIT");
  return l;
}

void Ledger::configure() {
  db_->setBusyTimeout(session_.busy_timeout_ms);
  db_->exec("PRAGMA foreign_keys = ON");
  // A public record: every commit reaches the disk before consult says so.
  db_->exec("PRAGMA synchronous = FULL");
}

void Ledger::check_identity(Access access) {
  const auto app = db_->execAndGet("PRAGMA application_id").getInt();
  const auto version = db_->execAndGet("PRAGMA user_version").getInt();
  if (app != kApplicationId) {
    const auto tables = db_->execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
    if (app == 0 && tables == 0)
      throw Error(ErrorKind::no_input,
                  i18n::tr(N_("'{}' is an empty file, not a ledger yet"), path_), {},
                  _("create the ledger with 'consult init'"));
    throw Error(ErrorKind::data, i18n::tr(N_("'{}' is not a consult ledger"), path_), {},
                _("check --ledger, CONSULT_LEDGER or the config's ledger setting"));
  }
  if (version > latest_version())
    throw Error(
        ErrorKind::data,
        i18n::tr(N_("ledger '{}' has schema version {}, newer than this consult knows ({})"), path_,
                 version, latest_version()),
        {}, _("install a newer consult; this one will not touch the ledger"));
  if (version < latest_version()) {
    // A schema already the latest under an older number: the number was
    // changed outside consult, and migrating would fail on tables that exist.
    if (schema_digest(read_schema(*db_)) == kSchemaDigest)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("ledger '{}' says it has schema version {}, but its schema is that "
                              "of version {}: its version number was changed outside consult"),
                           path_, version, latest_version()),
                  {},
                  _("nothing was written; restore the ledger from a backup (do not run 'consult "
                    "init' on it)"));
    if (access == Access::read)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("ledger '{}' has schema version {}; this consult needs {}"), path_,
                           version, latest_version()),
                  {}, _("upgrade it with 'consult init' (the events are kept)"));
    try {
      migrate(*db_);
    } catch (const SQLite::Exception& e) {
      if (is_busy(e.getExtendedErrorCode())) throw;
      // A step that cannot run on this file: its schema is not the one its
      // version number says.
      throw Error(ErrorKind::data,
                  i18n::tr(N_("cannot upgrade ledger '{}' from schema version {}: {}"), path_,
                           version, e.what()),
                  {},
                  _("its schema is not what its version number says: it was changed outside "
                    "consult; nothing was written, restore the ledger from a backup"));
    }
  }
  if (access == Access::write) check_schema();
}

void Ledger::check_schema() {
  // The recorded SQL of every table, index, trigger and view is what the
  // migrations made: a trigger, check or index planted in the file would run
  // as consult writes, so nothing is written to a ledger whose schema differs.
  if (schema_digest(read_schema(*db_)) == kSchemaDigest) return;
  const auto differences = schema_differences(*db_);
  if (differences.empty()) return; // the written-out digest is behind the migrations
  throw Error(ErrorKind::data,
              i18n::tr(N_("ledger '{}' was changed outside consult: {}"), path_,
                       differences.front()),
              {},
              _("nothing was written; run 'consult verify' for the whole finding and restore "
                "the ledger from a backup"));
}

int Ledger::schema_version() {
  return db_->execAndGet("PRAGMA user_version").getInt();
}

std::optional<std::int64_t> Ledger::upgraded_after(int version) {
  if (schema_version() < version) return std::nullopt;
  SQLite::Statement q(*db_, "SELECT after_seq FROM schema_upgrade WHERE version = ?");
  q.bind(1, version);
  if (!q.executeStep())
    throw Error(ErrorKind::data,
                i18n::tr(N_("the ledger is at schema {} but does not record when it was brought "
                            "to schema {}"),
                         schema_version(), version),
                {}, _("run 'consult verify'; restore the ledger from a backup"));
  return q.getColumn(0).getInt64();
}

void Ledger::write(const std::function<void()>& fn) {
  if (depth_ > 0) {
    fn();
    return;
  }
  try {
    db_->exec("BEGIN IMMEDIATE");
  } catch (const std::exception& e) {
    rethrow_sqlite(e, path_);
  }
  ++depth_;
  try {
    fn();
    db_->exec("COMMIT");
    --depth_;
  } catch (...) {
    --depth_;
    try {
      db_->exec("ROLLBACK");
    } catch (...) {
      // The transaction is already gone (SQLite rolls back on some errors).
    }
    try {
      throw;
    } catch (const std::exception& e) {
      rethrow_sqlite(e, path_);
    }
    // Anything else (a caller's own signal to abandon the work) passes through.
  }
}

std::string Ledger::now_text() const {
  return clock::format_rfc3339(session_.clock.now(), session_.zone);
}

Event Ledger::append(std::string_view kind, const std::string& entity,
                     const nlohmann::json& payload) {
  return append_impl(kind, entity, payload, now_text(), true);
}

Event Ledger::append_applied(std::string_view kind, const std::string& entity,
                             const nlohmann::json& payload, const std::string& at) {
  return append_impl(kind, entity, payload, at, false);
}

Event Ledger::append_impl(std::string_view kind, const std::string& entity,
                          const nlohmann::json& payload, const std::string& at, bool project) {
  if (depth_ == 0)
    throw Error(ErrorKind::internal, "Ledger::append called outside a write transaction");
  if (!events::find(kind))
    throw Error(ErrorKind::internal,
                fmt::format("event kind '{}' is not in the event catalogue", std::string(kind)));
  Event e;
  SQLite::Statement head(*db_, "SELECT seq, hash, at FROM event ORDER BY seq DESC LIMIT 1");
  if (head.executeStep()) {
    e.seq = head.getColumn(0).getInt64() + 1;
    e.prev_hash = head.getColumn(1).getString();
    // The log's time only moves forward: an event dated before the last one
    // would let a backdated clock reopen what a deadline closed.
    const std::string last = head.getColumn(2).getString();
    const auto then = clock::parse_instant(last, session_.zone);
    const auto now = clock::parse_instant(at, session_.zone);
    if (!now)
      throw Error(ErrorKind::internal, fmt::format("event time '{}' is not RFC 3339", at));
    if (then && *now < *then)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("the time {} is earlier than that of the last event {} ({}): the "
                              "ledger's time only moves forward"),
                           at, e.seq - 1, last),
                  {},
                  _("check the computer's clock, or --now and CONSULT_NOW; nothing was written"));
  } else {
    e.seq = 1;
    e.prev_hash = kGenesisHash;
  }
  e.at = at;
  e.actor = session_.actor;
  e.kind = kind;
  e.entity = entity;
  bool text_ok = true;
  std::vector<Sealed> sealed;
  try {
    e.payload = canonical(split(payload, sealed));
  } catch (const nlohmann::json::type_error&) { // strict: a string that is not UTF-8
    text_ok = false;
  }
  if (!text::valid_utf8(e.actor))
    throw Error(ErrorKind::usage, _("the name of who is recording (--as, CONSULT_ACTOR) is not "
                                    "valid UTF-8"),
                {}, _("give the name in UTF-8; nothing was written"));
  if (!text_ok || !text::valid_utf8(e.entity) || !text::valid_utf8(e.payload))
    throw Error(ErrorKind::data,
                i18n::tr(N_("the text of event {} ({}) is not valid UTF-8"), e.seq, e.kind), {},
                _("give the text in UTF-8; nothing was written"));
  e.hash = event_hash(e);

  SQLite::Statement ins(*db_, kInsertEvent);
  insert_event(ins, e);
  store_sealed(*db_, e.seq, sealed);
  SQLite::Statement upd(*db_, "UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1");
  upd.bind(1, e.seq);
  upd.bind(2, e.hash);
  upd.exec();
  if (project) events::apply_payload(*db_, e, payload);
  return e;
}

Event read_event(SQLite::Statement& q) {
  Event e;
  e.seq = q.getColumn(0).getInt64();
  e.at = q.getColumn(1).getString();
  e.actor = q.getColumn(2).getString();
  e.kind = q.getColumn(3).getString();
  e.entity = q.getColumn(4).getString();
  e.payload = q.getColumn(5).getString();
  e.prev_hash = q.getColumn(6).getString();
  e.hash = q.getColumn(7).getString();
  return e;
}

std::optional<Event> Ledger::head() {
  SQLite::Statement q(*db_,
                      fmt::format("SELECT {} FROM event ORDER BY seq DESC LIMIT 1", kEventColumns));
  if (!q.executeStep()) return std::nullopt;
  return read_event(q);
}

std::vector<Event> Ledger::events(const std::string& entity, std::int64_t after_seq,
                                  std::int64_t limit) {
  std::string sql = fmt::format("SELECT {} FROM event WHERE seq > ?", kEventColumns);
  if (!entity.empty()) sql += " AND entity = ?";
  sql += " ORDER BY seq";
  if (limit > 0) sql += fmt::format(" LIMIT {}", limit);
  SQLite::Statement q(*db_, sql);
  q.bind(1, after_seq);
  if (!entity.empty()) q.bind(2, entity);
  std::vector<Event> out;
  while (q.executeStep())
    out.push_back(read_event(q));
  return out;
}

std::int64_t Ledger::next_seq() {
  return db_->execAndGet("SELECT coalesce(max(seq), 0) + 1 FROM event").getInt64();
}

std::int64_t Ledger::next_id(Counter what) {
  if (depth_ == 0)
    throw Error(ErrorKind::internal, "Ledger::next_id called outside a write transaction");
  // Each table's id is its INTEGER PRIMARY KEY, so max(id) is one step down
  // its b-tree. Written out per table: the table name is never built from
  // anything but this list.
  const char* sql = nullptr;
  switch (what) {
  case Counter::issue:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM issue";
    break;
  case Counter::comment:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM issue_comment";
    break;
  case Counter::feedback:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM issue_feedback";
    break;
  case Counter::meeting:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM meeting";
    break;
  case Counter::note:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM meeting_note";
    break;
  case Counter::vote:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM vote";
    break;
  case Counter::decision:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM decision";
    break;
  case Counter::action:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM action";
    break;
  case Counter::progress:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM action_progress";
    break;
  case Counter::fund:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM fund_entry";
    break;
  case Counter::election:
    sql = "SELECT coalesce(max(id), 0) + 1 FROM election";
    break;
  }
  return db_->execAndGet(sql).getInt64();
}

bool Ledger::has_item_key(const std::string& key) {
  if (!key_query_)
    key_query_ =
        std::make_unique<SQLite::Statement>(*db_, "SELECT 1 FROM event_item WHERE key = ?");
  key_query_->reset();
  key_query_->bind(1, key);
  return key_query_->executeStep();
}

bool Ledger::add_item(std::int64_t seq, std::int64_t n, const std::string& key,
                      const std::string& data) {
  if (depth_ == 0)
    throw Error(ErrorKind::internal, "Ledger::add_item called outside a write transaction");
  // One probe of the key's index: the insert itself, ignored on a duplicate key.
  if (!item_insert_)
    item_insert_ = std::make_unique<SQLite::Statement>(
        *db_, "INSERT INTO event_item (seq, n, key, data) VALUES (?, ?, ?, ?) "
              "ON CONFLICT DO NOTHING");
  auto& q = *item_insert_;
  q.reset();
  q.bind(1, seq);
  q.bind(2, n);
  if (key.empty())
    q.bind(3);
  else
    q.bindNoCopy(3, key);
  q.bindNoCopy(4, data);
  return q.exec() == 1;
}

std::string item_line(std::int64_t n, const std::string& key, const std::string& data) {
  // Tabs and line feeds cannot occur in a hex key or in canonical JSON, so the
  // line is unambiguous without escaping `data` a second time.
  std::string line = std::to_string(n);
  line.reserve(line.size() + key.size() + data.size() + 3);
  line += '\t';
  line += key;
  line += '\t';
  line += data;
  line += '\n';
  return line;
}

bool items_match(const std::string& payload, std::int64_t n, const std::string& sha256_hex) {
  const auto j = nlohmann::json::parse(payload, nullptr, false);
  if (!j.is_object()) return false;
  const auto items = j.find("items");
  const auto sha = j.find("items_sha256");
  return items != j.end() && items->is_number_integer() && items->get<std::int64_t>() == n &&
         sha != j.end() && sha->is_string() && sha->get<std::string>() == sha256_hex;
}

nlohmann::json Ledger::payload_of(const Event& e) {
  Unsealer unsealer(*db_);
  return unsealer.unseal_text(e.payload, e.seq);
}

std::optional<std::string> Ledger::sealed_hash(std::int64_t seq) {
  SQLite::Statement q(*db_, "SELECT hash FROM sealed_hash WHERE seq = ?");
  q.bind(1, seq);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getString();
}

std::int64_t Ledger::event_count() {
  return db_->execAndGet("SELECT count(*) FROM event").getInt64();
}

} // namespace consult::ledger
