#pragma once
/// \file
/// The action family of the event catalogue: what a decision asks to be done,
/// and its progress — the permanent names and payload types of action.add,
/// action.progress and action.done. The writer (lib/actions.cpp) and the
/// projector (lib/projection_action.cpp) both go through these types.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace consult::events {

inline constexpr std::string_view kActionAdd = "action.add";
inline constexpr std::string_view kActionProgress = "action.progress";
inline constexpr std::string_view kActionDone = "action.done";

/// action.add: an action item that carries out an approved decision.
struct ActionAdd {
  std::int64_t id = 0;
  std::int64_t decision = 0;
  std::int64_t issue = 0; ///< the decision's issue
  std::string community;
  std::string owner; ///< who carries it out
  std::string what;
  std::string due; ///< YYYY-MM-DD

  std::string entity() const;
  nlohmann::json to_json() const;
  static ActionAdd from_json(const nlohmann::json& p);
};

/// action.progress and action.done (the same shape): a progress line, and
/// the state the action is in after it.
struct ActionProgress {
  std::int64_t id = 0;       ///< the action
  std::int64_t progress = 0; ///< the progress line's own id
  int percent = 0;
  std::string note;
  std::string status;  ///< open, started or done
  std::string done_on; ///< YYYY-MM-DD once done, else ''

  std::string entity() const;
  nlohmann::json to_json() const;
  static ActionProgress from_json(const nlohmann::json& p);
};

} // namespace consult::events
