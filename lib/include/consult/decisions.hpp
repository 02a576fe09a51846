#pragma once
/// \file
/// Decisions on issues: recorded when a vote closes (lib/votes) or when a
/// meeting decides without a vote (lib/meetings), read by actions, minutes,
/// notices and reports. Below both meetings and votes: it knows neither.

#include "consult/config.hpp"
#include "consult/ledger.hpp"
#include "consult/people.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace consult::decisions {

/// A decision on an issue.
struct Decision {
  std::int64_t id = 0;
  std::string community;
  std::int64_t issue = 0;
  std::optional<std::int64_t> vote;
  std::optional<std::int64_t> meeting;
  std::string result; ///< approved | rejected
  std::string text;
  std::string profile;
  std::string reason;
  std::string on_date;
  std::string at;
  std::int64_t seq = 0;
};

/// Records a decision (a decision.record event) dated today in the
/// community's zone. Call inside a write. Returns its id.
std::int64_t record(ledger::Ledger& ledger, const config::Community& community, const Decision& d);

struct Filter {
  std::string community;
  std::optional<std::int64_t> issue;
  std::string result; ///< approved | rejected | ''
  std::int64_t limit = 0;
};
/// Decisions, by id.
std::vector<Decision> list(ledger::Ledger& ledger, const Filter& filter);
std::optional<Decision> find(ledger::Ledger& ledger, std::int64_t id);
/// As find(); throws Error(data) "decision N does not exist".
Decision get(ledger::Ledger& ledger, std::int64_t id);

/// The decision as JSON (`consult decision show --json`).
nlohmann::json to_json(const Decision& d);

/// Decision `d` as staff see it unless `reveal`: its text and reasoning with
/// the residents of its issue (issues::residents) and any phone, ID-card
/// number or door masked; `more`: residents besides (those of the meeting
/// it was taken at, meetings::residents, as its minutes mask them).
Decision shown(ledger::Ledger& ledger, const people::Directory& who, const Decision& d,
               bool reveal, const std::vector<std::string>& more = {});


} // namespace consult::decisions
