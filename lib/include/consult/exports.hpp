#pragma once
/// \file
/// Checking an exported file against the ledger: `consult verify --export`.
/// An export's stamp names what it is (minutes of meeting 3, the notice of
/// decision 5, …), its format and whether it is the public version, when it
/// was made and the ledger event it reflects. The check finds that event
/// with that hash in the ledger, regenerates the file with the same stamp
/// from the ledger as it was at that event (its events up to it replayed),
/// and compares the bytes.

#include "consult/config.hpp"
#include "consult/document.hpp"
#include "consult/ledger.hpp"

#include <string>

namespace consult::exports {

struct Check {
  bool ok = false;
  document::Stamp stamp;
  std::string problem;               ///< why it does not match, for people
  std::int64_t first_difference = 0; ///< 1-based line (text) or byte (DOCX) where it differs
};

/// The file `stamp` describes, regenerated from the ledger.
std::string regenerate(ledger::Ledger& ledger, const config::Config& config,
                       const document::Stamp& stamp);

/// Checks an exported file's bytes. Error(data) if it carries no stamp.
Check check(ledger::Ledger& ledger, const config::Config& config, const std::string& bytes);

} // namespace consult::exports
