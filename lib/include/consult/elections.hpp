#pragma once
/// \file
/// Elections of persons (docs/bodies.md, "Elections"): candidates for N seats
/// of a body — 等额 when there are as many candidates as seats, 差额 when
/// more — by secret or written ballot or a show of hands, counted by tellers
/// under scrutineers' eyes; winners by the rule (more than half of the
/// ballots cast, or the most votes), ties at the last seat stated and left
/// unfilled, never broken silently. Those elected join the body from the
/// first day of their term (members_of), as if the community file listed them.

#include "consult/config.hpp"
#include "consult/ledger.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace consult::elections {

struct Candidate {
  std::string name;
  bool write_in = false;
  std::optional<std::int64_t> votes; ///< once tallied
  bool elected = false;
  bool tied = false;
};

struct Election {
  std::int64_t id = 0;
  std::string community, body, seat, role;
  std::optional<std::int64_t> meeting;
  std::string title;
  int seats = 1;
  std::string method, rule;
  std::int64_t electorate = 0;
  std::string since, until;
  std::vector<Candidate> candidates; ///< in ballot order, then names written in
  std::vector<std::string> tellers, scrutineers;
  std::string status; ///< open | tallied | closed
  std::optional<std::int64_t> issued, returned, invalid;
  std::string result; ///< '' | elected | partly | failed
  int unfilled = 0;
  std::string reason;
  std::string at, updated_at;

  /// 等额 (as many candidates as seats) or 差额 (more).
  bool contested() const;
};

struct OpenRequest {
  std::string body;                      ///< a body of the community
  std::string seat{};                    ///< the council: its seat category
  std::string role{};                    ///< the office, e.g. 楼组长
  std::optional<std::int64_t> meeting{}; ///< a meeting of that body, planned
  std::string title{};
  int seats = 1;
  std::vector<std::string> candidates{};
  std::string method = "secret";
  std::string rule = "majority";
  std::optional<std::int64_t> electorate{}; ///< default: the body's entitled or members
  std::optional<clock::Date> since{};       ///< default: the day after the election
  std::optional<clock::Date> until{};
  std::vector<std::string> tellers{}, scrutineers{};
};

Election open(ledger::Ledger& ledger, const config::Community& community, const OpenRequest& r);

struct TallyRequest {
  std::optional<std::int64_t> issued{};
  std::int64_t returned = 0;
  std::int64_t invalid = 0;
  /// "name=votes" for each candidate (all of them), and names written in.
  std::vector<std::pair<std::string, std::int64_t>> counts{};
};

Election tally(ledger::Ledger& ledger, std::int64_t id, const TallyRequest& r);

/// The outcome of counted ballots under `rule` (pure: the law's arithmetic).
struct Outcome {
  std::string result; ///< elected | partly | failed
  std::vector<std::string> elected, tied;
  int unfilled = 0;
  std::string reason;
};
Outcome count(const Election& e);

/// Closes a tallied election: those elected join the body from `since`.
Election close(ledger::Ledger& ledger, std::int64_t id);

std::optional<Election> find(ledger::Ledger& ledger, std::int64_t id);
Election get(ledger::Ledger& ledger, std::int64_t id);
std::vector<Election> list(ledger::Ledger& ledger, const std::string& community = {});

/// Those elected to `community`'s bodies (closed elections), as members with
/// their term, added to the body (or the council's seat) they were elected
/// to. Commands call it once the ledger is open, so that an elected head is
/// due at the building group's next meeting.
void add_members(ledger::Ledger& ledger, config::Community& community);

nlohmann::json to_json(const Election& e);

} // namespace consult::elections
