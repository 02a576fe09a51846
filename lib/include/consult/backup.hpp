#pragma once
/// \file
/// Backups of the ledger through SQLite's online backup API: a consistent
/// copy taken while others go on writing, checked with `verify` before it is
/// kept; and restoring one, which refuses a file that does not verify.

#include "consult/ledger.hpp"

#include <cstdint>
#include <string>

namespace consult::ledger {

struct Copied {
  std::int64_t events = 0; ///< events in the copy
  std::string head;        ///< hash of its last event
};

/// Copies the ledger to `path`, a new file (mode 0600). The copy is one
/// snapshot of the ledger however busy it is, written under a temporary name
/// beside `path` (files::Writer) and renamed into place only once it
/// verifies. Error(cant_create) if `path` exists, is the ledger or cannot be
/// written; nothing is left behind on failure.
Copied backup(Ledger& ledger, const std::string& path);

/// Replaces the ledger at `ledger_path` (created if missing) with the backup
/// at `backup_path`. The backup must be a consult ledger of this schema that
/// verifies: otherwise Error(data) and the ledger is untouched (and
/// Error(cant_create) if `backup_path` is the ledger itself). An existing
/// ledger is replaced only with `force` (its events after the backup are
/// lost). Other processes wait for the copy (the busy timeout) and see the
/// restored ledger after it.
Copied restore(const std::string& ledger_path, const std::string& backup_path, bool force,
               const Session& session);

} // namespace consult::ledger
