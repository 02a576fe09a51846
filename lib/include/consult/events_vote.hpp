#pragma once
/// \file
/// The vote family of the event catalogue: a vote from its opening to its
/// close — the permanent names and payload types of vote.open, vote.cast,
/// vote.tally, vote.extend and vote.close. The writer (lib/votes.cpp) and the
/// projector (lib/projection_vote.cpp) both go through these types.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consult::events {

inline constexpr std::string_view kVoteOpen = "vote.open";
inline constexpr std::string_view kVoteCast = "vote.cast";
inline constexpr std::string_view kVoteTally = "vote.tally";
inline constexpr std::string_view kVoteExtend = "vote.extend";
inline constexpr std::string_view kVoteClose = "vote.close";

/// "vote:42".
std::string vote_entity(std::int64_t id);

/// Counts per option: option -> votes (an object of integers in the payload).
using VoteCounts = std::map<std::string, std::int64_t>;

/// vote.open: a question put to the vote, and who may vote on it.
struct VoteOpen {
  /// A member present who may vote, or the proxy who came in a member's place.
  struct Voter {
    std::string name;
    std::optional<std::string> proxy; ///< present only for a member voting by proxy
  };

  std::int64_t id = 0;
  std::string community;
  std::optional<std::int64_t> meeting; ///< written as null for an owners' vote without one
  std::int64_t issue = 0;
  std::string question;
  std::vector<std::string> options; ///< in the order they were given
  std::string method, profile;
  std::int64_t matter = 0;     ///< civil-code-278: the matter of art. 278 (1..9); else 0
  std::string electorate;      ///< roster, headcount or attendance
  std::int64_t members = 0;    ///< seats, entitled residents or owners
  std::int64_t eligible = 0;   ///< those who may vote
  std::int64_t area_total = 0; ///< roster: the owners' area, hundredths of m²; else 0
  /// attendance: who may vote; empty for the other electorates. Absent from
  /// payloads that predate it, and written back absent.
  std::optional<std::vector<Voter>> voters;
  std::string closes_at;    ///< RFC 3339, or '' when the vote has no closing time
  std::optional<int> round; ///< at a meeting: the agenda item's consultation round

  std::string entity() const;
  nlohmann::json to_json() const;
  static VoteOpen from_json(const nlohmann::json& p);
};

/// vote.cast: one named ballot (written or roll-call).
struct VoteCast {
  std::int64_t id = 0; ///< the vote
  std::string voter;   ///< the member, or the owner by name
  std::string choice;
  std::optional<std::vector<std::string>> units; ///< owners' votes: the owner's units
  std::optional<std::int64_t> area;              ///< owners' votes: their area, hundredths of m²

  std::string entity() const;
  nlohmann::json to_json() const;
  static VoteCast from_json(const nlohmann::json& p);
};

/// vote.tally: the counts of a show of hands or a secret ballot.
struct VoteTally {
  std::int64_t id = 0;
  VoteCounts counts; ///< every option, 0 where nobody chose it

  std::string entity() const;
  nlohmann::json to_json() const;
  static VoteTally from_json(const nlohmann::json& p);
};

/// vote.extend: a later closing time, and why.
struct VoteExtend {
  std::int64_t id = 0;
  std::string closes_at; ///< the new closing time, RFC 3339
  std::string before;    ///< the closing time it replaces ('' when there was none)
  std::string reason;

  std::string entity() const;
  nlohmann::json to_json() const;
  static VoteExtend from_json(const nlohmann::json& p);
};

/// vote.close: the final counts and the result; the decision it records
/// follows as decision.record with the id named here.
struct VoteClose {
  std::int64_t id = 0;
  VoteCounts counts;
  std::string result; ///< approved or rejected
  std::string reason;
  std::int64_t decision = 0;

  std::string entity() const;
  nlohmann::json to_json() const;
  static VoteClose from_json(const nlohmann::json& p);
};

} // namespace consult::events
