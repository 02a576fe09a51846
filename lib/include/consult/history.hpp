#pragma once
/// \file
/// The ledger's events as `consult log` shows them: personal data unsealed
/// and, unless revealed, masked — each event's residents (the people its
/// payload names) and the residents of the records it is about, so that a
/// note on a meeting masks the names of whoever raised the issues on its
/// agenda, as `meeting show` does.

#include "consult/config.hpp"
#include "consult/ledger.hpp"

#include <string>
#include <vector>

namespace consult::history {

/// One event as shown.
struct Shown {
  ledger::Event event;        ///< payload: unsealed, masked unless revealed
  std::string stored_payload; ///< what the hash covers, as stored
};

/// `events` (read from `ledger`) as shown. Unless `reveal`, each payload is
/// masked (events::masked_payload) with, besides the residents it names,
/// those of the records its entity is about: an issue's (whoever raised it,
/// its stakeholders), a meeting's (meetings::residents), or the issue of a
/// vote, decision, action or account-book entry (and of a vote or decision
/// taken at a meeting, the meeting's). `config` (may be null)
/// tells members, guests and bodies from residents.
std::vector<Shown> shown(ledger::Ledger& ledger, std::vector<ledger::Event> events, bool reveal,
                         const config::Config* config);

} // namespace consult::history
