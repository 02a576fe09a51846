#pragma once
/// \file
/// The election family of the event catalogue (since schema 13): elections of
/// persons to a body — a building group's head, two seats of the owners'
/// committee. The permanent names of election.open, election.tally and
/// election.close and their payload types; the writer (lib/elections.cpp)
/// and the projector (lib/projection_election.cpp) both go through them.
/// Names (candidates, tellers, scrutineers, those elected) are objects
/// {"name": …}, so that they are sealed apart from the chain and can be
/// forgotten (consult/sealing.hpp).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consult::events {

inline constexpr std::string_view kElectionOpen = "election.open";
inline constexpr std::string_view kElectionTally = "election.tally";
inline constexpr std::string_view kElectionClose = "election.close";

/// election.open: who stands for how many seats of which body, how the
/// ballots are cast and counted, who counts and who watches.
struct ElectionOpen {
  std::int64_t id = 0;
  std::string community;
  std::string body;                    ///< the body the winners join
  std::string seat;                    ///< the council's seat category, '' for other bodies
  std::string role;                    ///< the office, e.g. 楼组长; '' : member
  std::optional<std::int64_t> meeting; ///< the meeting that holds it, null when none
  std::string title;
  int seats = 1;
  std::string method;          ///< secret | written | show-of-hands
  std::string rule;            ///< majority | plurality
  std::int64_t electorate = 0; ///< those entitled to vote; 0: not known
  std::string since, until;    ///< the winners' term: YYYY-MM-DD; until '' : open-ended
  std::vector<std::string> candidates, tellers, scrutineers;

  std::string entity() const; ///< "election:ID"
  nlohmann::json to_json() const;
  static ElectionOpen from_json(const nlohmann::json& p);
};

/// election.tally: the ballots as the tellers counted them.
struct ElectionTally {
  std::int64_t id = 0;
  std::int64_t issued = 0;   ///< ballots handed out (show of hands: those present)
  std::int64_t returned = 0; ///< ballots cast: those who voted
  std::int64_t invalid = 0;  ///< spoilt ballots, among those returned
  struct Count {
    std::string name;
    std::int64_t votes = 0;
    bool write_in = false; ///< a name written in, not on the list (另选他人)
  };
  std::vector<Count> counts;

  nlohmann::json to_json() const;
  static ElectionTally from_json(const nlohmann::json& p);
};

/// election.close: who was elected by the rule, who tied for the last
/// seats (not elected: the tie is stated, never resolved silently), how
/// many seats stay empty.
struct ElectionClose {
  std::int64_t id = 0;
  std::string result; ///< elected | partly | failed
  std::vector<std::string> elected, tied;
  int unfilled = 0;
  std::string reason; ///< the count against the rule, in words

  nlohmann::json to_json() const;
  static ElectionClose from_json(const nlohmann::json& p);
};

} // namespace consult::events
