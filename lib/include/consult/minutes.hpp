#pragma once
/// \file
/// Minutes of a meeting: the record form a secretary files — who came by
/// seat category, the quorum, each item's origin, round, opinions, votes,
/// decision and actions, and signature lines — as Markdown, printable HTML,
/// DOCX or JSON. Minutes are a draft until approved; approved minutes are
/// the snapshot taken then and are locked, corrections being amendments
/// appended below. `--public` masks residents' personal data. See
/// docs/minutes.md.

#include "consult/config.hpp"
#include "consult/document.hpp"
#include "consult/ledger.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace consult::minutes {

/// The meeting as its minutes record it, from the ledger as it stands: a
/// JSON document in which every person carries a role (member, guest,
/// stakeholder, resident, owner) so that a public version can mask residents.
/// `typed` false: the record as documents stamped before people were
/// recorded by kind have it (document::typed_persons), for verifying them.
nlohmann::json record(ledger::Ledger& ledger, const config::Community& community,
                      std::int64_t meeting, bool typed = true);

struct Amendment {
  int n = 0;
  std::string text;
  std::string by;
  std::string at;
  std::int64_t seq = 0;
};

struct State {
  bool approved = false;
  std::vector<std::string> approved_by;
  std::string approved_at;
  std::int64_t seq = 0;    ///< the minutes.approve event
  nlohmann::json document; ///< the record as approved
  std::vector<Amendment> amendments;
};

State state(ledger::Ledger& ledger, std::int64_t meeting);

/// `st` as staff see it unless `reveal` (`consult minutes show`): those who
/// approved or amended the minutes named if members or bodies, else masked;
/// the amendments' text with the meeting's residents (meetings::residents),
/// those approvers and amenders, and any phone, ID-card number or door
/// masked.
State shown(ledger::Ledger& ledger, const config::Community& community, std::int64_t meeting,
            const State& st, bool reveal);

/// Approves the minutes of a closed meeting: the record is stored as it is
/// now and locked. Refused for a meeting not closed, or minutes approved.
State approve(ledger::Ledger& ledger, const config::Community& community, std::int64_t meeting,
              const std::vector<std::string>& by);

/// Appends an amendment to approved minutes (drafts are corrected in the
/// ledger itself, before approval).
State amend(ledger::Ledger& ledger, std::int64_t meeting, const std::string& text,
            const std::string& by);

/// The minutes as document blocks: the approved snapshot (with the
/// amendments recorded up to `upto_seq`) or the draft from `record`;
/// residents masked when `is_public`.
/// `writer`: the document writer (document::writer_of); from 4 on, the
/// minutes of a meeting of residents list the body's members beside the
/// heads, and heads recorded by name when no headcount was taken.
std::vector<document::Block> blocks(const nlohmann::json& record, const State& state,
                                    bool is_public, std::int64_t upto_seq, bool typed = true,
                                    int writer = 0);

/// The exported file for `stamp` (its format, public flag, time and
/// ledger event): what `consult minutes export` writes and what
/// `consult verify --export` regenerates to compare.
std::string render(ledger::Ledger& ledger, const config::Community& community, std::int64_t meeting,
                   const document::Stamp& stamp);

/// A stamp for an export made now: the ledger's last event and the clock.
document::Stamp stamp_now(ledger::Ledger& ledger, const std::string& kind,
                          const std::string& subject, const std::string& format, bool is_public,
                          const std::string& zone);

} // namespace consult::minutes
