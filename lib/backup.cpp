#include "consult/backup.hpp"

#include "consult/error.hpp"
#include "consult/files.hpp"
#include "consult/i18n.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <thread>
#include <unistd.h>

namespace consult::ledger {

namespace fs = std::filesystem;

namespace {

/// Creates `path` empty with mode 0600 (a ledger holds personal data).
void create_private(const std::string& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    throw Error(ErrorKind::cant_create,
                i18n::tr(N_("cannot create '{}': {}"), path, std::strerror(errno)), {},
                _("check that the directory exists and is writable"));
  ::close(fd);
}

/// Copies every page of `from` into `to` in one step — one read transaction
/// of `from`, so one consistent snapshot — waiting while `to` is locked by
/// others, up to `timeout_ms`.
void copy_pages(SQLite::Database& to, SQLite::Database& from, int timeout_ms,
                const std::string& what) {
  SQLite::Backup b(to, from);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const int rc = b.executeStep(-1);
    if (rc == SQLITE_DONE) return;
    if (std::chrono::steady_clock::now() > deadline)
      throw Error(ErrorKind::busy, i18n::tr(N_("'{}' stayed busy: nothing was copied"), what), {},
                  _("try again when the other writer has finished"));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

/// Removes a file and the WAL and shared-memory files beside it.
void remove_all(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(path + suffix, ec);
}

} // namespace

Copied backup(Ledger& ledger, const std::string& path) {
  std::error_code ec;
  if (fs::exists(path, ec))
    throw Error(ErrorKind::cant_create, i18n::tr(N_("'{}' already exists"), path), {},
                _("a backup never overwrites a file: choose a new name"));
  // The copy is made in a private temporary file beside `path` (SQLite
  // writes it by name), never over the ledger, and put in place only if
  // nothing has taken the name meanwhile.
  files::Writer file(path, {files::ledger_files(ledger.path()), files::kPrivate, false});
  const std::string part = file.temp_path();
  struct Cleanup {
    std::string path;
    bool keep = false;
    ~Cleanup() {
      if (!keep) remove_all(path);
    }
  } cleanup{part};
  Copied out;
  try {
    {
      SQLite::Database to(part, SQLite::OPEN_READWRITE);
      copy_pages(to, ledger.db(), ledger.session().busy_timeout_ms, ledger.path());
      to.exec("PRAGMA journal_mode = WAL");
    }
    Ledger copy(part, Access::read, ledger.session());
    const auto r = verify(copy);
    if (!r.ok)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("the copy of '{}' does not verify: {}"), ledger.path(), r.problem),
                  {}, _("run 'consult verify' on the ledger; no backup was written"));
    out = {r.events, r.head_hash};
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, part);
  }
  // Reading the copy left an empty write-ahead log and its index beside it.
  if (fs::file_size(part + "-wal", ec) == 0) {
    fs::remove(part + "-wal", ec);
    fs::remove(part + "-shm", ec);
  }
  file.commit();
  cleanup.keep = true;
  return out;
}

Copied restore(const std::string& ledger_path, const std::string& backup_path, bool force,
               const Session& session) {
  std::error_code ec;
  if (!fs::exists(backup_path, ec))
    throw Error(ErrorKind::no_input, i18n::tr(N_("backup '{}' does not exist"), backup_path));
  for (const auto& f : files::ledger_files(ledger_path))
    if (files::same_file(backup_path, f.path))
      throw Error(ErrorKind::cant_create,
                  i18n::tr(N_("cannot restore from '{}': it is the ledger '{}' itself"),
                           backup_path, f.path),
                  {}, _("give the backup file to restore from; the ledger is unchanged"));
  Copied out;
  {
    Ledger b(backup_path, Access::read, session);
    const auto r = verify(b);
    if (!r.ok)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("backup '{}' does not verify: {}"), backup_path, r.problem), {},
                  _("the ledger is unchanged; restore an earlier backup"));
    out = {r.events, r.head_hash};
  }
  const bool exists = fs::exists(ledger_path, ec) && fs::file_size(ledger_path, ec) > 0;
  if (exists && !force) {
    std::string now;
    try {
      Ledger current(ledger_path, Access::read, session);
      now = i18n::tr(N_("it has {} events"), current.event_count());
    } catch (const Error& e) {
      now = e.what();
    }
    throw Error(ErrorKind::usage,
                i18n::tr(N_("ledger '{}' exists ({}); the backup has {} events"), ledger_path, now,
                         out.events),
                "--force",
                _("add --force to replace it (events after the backup are lost); keep a copy "
                  "first with 'consult backup'"));
  }
  if (!exists) {
    remove_all(ledger_path);
    create_private(ledger_path);
  }
  try {
    // The backup may be on read-only storage (a write-protected stick, a
    // read-only mount of the archive).
    const auto from_db = open_read_only(backup_path);
    auto& from = *from_db;
    SQLite::Database to(ledger_path, SQLite::OPEN_READWRITE);
    to.setBusyTimeout(session.busy_timeout_ms);
    copy_pages(to, from, session.busy_timeout_ms, ledger_path);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, ledger_path);
  }
  return out;
}

} // namespace consult::ledger
