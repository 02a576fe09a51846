#pragma once
/// \file
/// Public notices (公示): a decision with its vote and actions, open for a
/// disclosure period; the results of a period (meetings held, decisions,
/// matters solved, residents' ratings). Always the public version:
/// residents' personal data masked. See docs/minutes.md.

#include "consult/clock.hpp"
#include "consult/config.hpp"
#include "consult/document.hpp"
#include "consult/ledger.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace consult::notices {

/// The notice of decision `id`, disclosed for `days` days from the day of
/// the stamp. `typed` false: masked as documents stamped before people were
/// recorded by kind were (document::typed_persons); `rules`: the numbers
/// and doors its writer finds in free text (document::text_rules); `by_body`:
/// signed by the body that decided (document::signed_by_body) — the owners'
/// assembly for an owners' vote or its meeting, a building group for its
/// own — with objections to the place its file names; else, as writers 1
/// to 3 signed every notice, by the residents' committee.
std::vector<document::Block> decision(ledger::Ledger& ledger, const config::Community& community,
                                      std::int64_t id, int days, const std::string& issued_on,
                                      bool typed = true,
                                      personal::TextRules rules = personal::TextRules::current,
                                      bool by_body = true);

/// The results of `period` in `community`. `typed` false: as writer 1 made
/// them, titles and decisions as recorded; `rules` as for decision().
std::vector<document::Block> results(ledger::Ledger& ledger, const config::Community& community,
                                     const clock::Period& period, bool typed = true,
                                     personal::TextRules rules = personal::TextRules::current);

/// The notice file for `stamp`: kind decision-notice (subject "DECISION
/// DAYS") or results-notice (subject "COMMUNITY PERIOD").
std::string render(ledger::Ledger& ledger, const config::Config& config,
                   const document::Stamp& stamp);

/// Disclosure periods accepted, in days.
inline constexpr int kMaxDays = 90;

} // namespace consult::notices
