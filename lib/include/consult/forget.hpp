#pragma once
/// \file
/// Erasing residents' personal data on request or when it has been kept long
/// enough (个人信息保护法 art. 47): `consult forget`. See docs/privacy.md,
/// "Forgetting".
///
/// What is erased is sealed apart from the hash chain (consult/sealing.hpp):
/// the value and its salt are deleted, and what may be kept is left in their
/// place: a name becomes 〔已删除N-K〕 (the same for the same resident within
/// one erasure, so that records still agree with each other), a phone and
/// personal extra columns become empty, a place is cut to the building, free
/// text loses the name, phones, ID numbers and doors. The erasure is an event
/// (privacy.forget: why, by whom, how many residents, which issues, a digest
/// of what was left for each value — nothing personal); the tables are
/// replayed from the events, and the file is rewritten so that the erased
/// bytes are gone from it (secure_delete, checkpoint, VACUUM).

#include "consult/clock.hpp"
#include "consult/ledger.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace consult::forget {

/// What to erase.
struct Request {
  std::vector<std::string> residents; ///< every record naming each, everywhere
  std::vector<std::int64_t> issues;   ///< the records of each issue
  /// The issues closed, rejected or merged more than this many years before
  /// `today` (the configured retain_years).
  std::optional<int> expired_years;
  std::string reason; ///< why (stored sealed: it may name someone)
  std::string login;  ///< the operating system's account
  bool dry_run = false;
  /// Whether a name found in an issue's records under `key` (raised_by,
  /// author, speaker…) is not a resident's (a councillor, a guest, a body
  /// the community lists): those names stay. Unset: every name goes.
  std::function<bool(const std::string& name, const std::string& key)> spare;
};

/// What was erased.
struct Result {
  std::int64_t event_seq = 0;       ///< the privacy.forget event (0: nothing to erase, or a dry run)
  std::int64_t values = 0;          ///< sealed values changed
  std::vector<std::int64_t> issues; ///< issues whose records were erased
  std::int64_t unsealable = 0;      ///< events that hold personal data in place (not erasable)
  bool compacted = false;           ///< the file was rewritten (checkpoint and VACUUM ran)
};

/// Erases what `request` names, in one write (nothing if there is nothing
/// to erase), then rewrites the file. Throws Error(usage) for an empty
/// request or reason, Error(no_input) for an issue that does not exist.
Result forget(ledger::Ledger& ledger, const Request& request, clock::Date today);

/// The name left in place of the K-th resident erased by event `seq`.
std::string erased_name(std::int64_t seq, std::size_t k);

} // namespace consult::forget
