#pragma once
/// \file
/// The vote family of the event catalogue: a vote from its opening to its close.

#include <string_view>

namespace consult::events {

inline constexpr std::string_view kVoteOpen = "vote.open";
inline constexpr std::string_view kVoteCast = "vote.cast";
inline constexpr std::string_view kVoteTally = "vote.tally";
inline constexpr std::string_view kVoteExtend = "vote.extend";
inline constexpr std::string_view kVoteClose = "vote.close";

} // namespace consult::events
