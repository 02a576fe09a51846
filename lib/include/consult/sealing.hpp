#pragma once
/// \file
/// Personal data kept out of what the hash chain covers, so that it can be
/// erased (`consult forget`) while `consult verify` still passes.
///
/// From schema 10, an event's payload (and each row attached to it) holds,
/// in every object that records personal data or free text, one key
/// `"personal"` whose value is a *reference*: the SHA-256 of a random salt
/// and the canonical JSON of that object's personal fields. The fields
/// themselves, with their salt, are kept in table `personal_value` under the
/// reference. The chain covers the reference, so a value cannot be changed
/// unseen (its salt and value must still hash to it); erasing a value and
/// its salt leaves the reference, and the erasure is itself an event
/// (privacy.forget) that records, for each reference, a digest of what is
/// left in its place. Reading an event puts the fields back (unseal).
///
/// Which keys are personal is said once, by key (events::personal_key):
/// names of residents, phones, places, imported extra columns, free text.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace consult::ledger {

/// Whether key `key` of the payload object `object` holds personal data or
/// free text, sealed apart from what the hash chain covers (below): residents' names in the fields for people (whoever
/// raised an issue, stakeholders, speakers, voters, proxies, authors,
/// chairs, recorders, approvers, donors not named, a `name` whose recorded
/// role is not member, guest or body), phones, places, an owner's units,
/// imported extra columns, and every free text (titles, bodies, notes,
/// reasons…). Members, guests and bodies with their role are not.
bool personal_key(const nlohmann::json& object, const std::string& key);

/// Whether `key` holds free text someone typed (a title, a body, a note, a
/// reason…).
bool free_text_key(const std::string& key);

/// Whether `key` names people (whoever raised an issue, stakeholders,
/// speakers, voters, proxies, authors, chairs, recorders, approvers, donors,
/// owners, a `name`).
bool person_key(const std::string& key);

/// Keys under which no personal data is looked for (a community's
/// configuration: its council, named).
bool sealed_apart_never(const std::string& key);

/// One object's personal fields, sealed.
struct Sealed {
  std::string ref;   ///< SHA-256 (hex) of salt, LF, value
  std::string salt;  ///< 32 hex digits, random
  std::string value; ///< canonical JSON object of the fields
};

/// The reference of `value` under `salt`.
std::string seal_ref(const std::string& salt, const std::string& value);

/// `value` (canonical JSON) sealed under a new random salt.
Sealed seal(std::string value);

/// Whether `j` is an object holding a reference under "personal".
bool holds_ref(const nlohmann::json& j);

/// `payload` with the personal fields of each of its objects moved into one
/// sealed value each (appended to `out`), the object keeping its reference
/// under "personal". An object with no personal field is left as it is.
nlohmann::json split(const nlohmann::json& payload, std::vector<Sealed>& out);

/// Stores sealed values held by event `seq` (inside a write).
void store_sealed(SQLite::Database& db, std::int64_t seq, const std::vector<Sealed>& sealed);

/// Puts the personal fields back into payloads read from a ledger: the
/// value, or what a privacy.forget left in its place.
class Unsealer {
public:
  explicit Unsealer(SQLite::Database& db);
  ~Unsealer();
  Unsealer(const Unsealer&) = delete;
  Unsealer& operator=(const Unsealer&) = delete;

  /// `j`, the payload or a row of event `seq`, with every reference
  /// replaced by its fields. Throws Error(data) for a reference the ledger
  /// does not hold for that event.
  nlohmann::json unseal(const nlohmann::json& j, std::int64_t seq);
  /// The same for a payload or row as stored (text).
  nlohmann::json unseal_text(const std::string& text, std::int64_t seq);

  /// How many references were unsealed so far, and how many of them had
  /// been forgotten.
  std::int64_t count = 0;
  std::int64_t forgotten = 0;

private:
  void walk(nlohmann::json& j, std::int64_t seq);
  SQLite::Database& db_;
  std::unique_ptr<SQLite::Statement> q_;
};

/// Schema 10's step: seals the personal data of the events written before
/// (from the first to the last event under schema_upgrade's after_seq for
/// version 10), rewrites their payloads and rows, and chains them again. Each
/// old hash is kept in sealed_hash, and a ledger.reseal event after them
/// records their number, the last one and the digest of them all, so that
/// stamps and witnesses of the old chain still check. Refuses (Error data),
/// changing nothing, a log whose old chain does not verify. An event whose
/// payload would not read back byte for byte is left as it was (its data
/// then cannot be forgotten).
void reseal(SQLite::Database& db);

/// The line each old hash contributes to ledger.reseal's hashes_sha256:
/// seq, TAB, hash, LF.
std::string sealed_hash_line(std::int64_t seq, const std::string& hash);

} // namespace consult::ledger
