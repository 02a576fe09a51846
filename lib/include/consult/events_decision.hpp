#pragma once
/// \file
/// The decision family of the event catalogue: decision.record, a decision
/// taken by a vote or by a meeting without one.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace consult::events {

inline constexpr std::string_view kDecisionRecord = "decision.record";

/// decision.record.
struct DecisionRecord {
  std::int64_t id = 0;
  std::string community;
  std::int64_t issue = 0;
  std::optional<std::int64_t> vote;    ///< written as null when there was none
  std::optional<std::int64_t> meeting; ///< written as null when there was none
  std::string result;                  ///< approved or rejected
  std::string text, profile, reason;
  std::string on_date; ///< YYYY-MM-DD, the community's date

  std::string entity() const;
  nlohmann::json to_json() const;
  static DecisionRecord from_json(const nlohmann::json& p);
};

} // namespace consult::events
