#pragma once
/// \file
/// The action family of the event catalogue: what a decision asks to be done, and its progress.

#include <string_view>

namespace consult::events {

inline constexpr std::string_view kActionAdd = "action.add";
inline constexpr std::string_view kActionProgress = "action.progress";
inline constexpr std::string_view kActionDone = "action.done";

} // namespace consult::events
