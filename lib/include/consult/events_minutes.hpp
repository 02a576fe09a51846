#pragma once
/// \file
/// The minutes family of the event catalogue: minutes approved and amended.

#include <string_view>

namespace consult::events {

inline constexpr std::string_view kMinutesApprove = "minutes.approve";
inline constexpr std::string_view kMinutesAmend = "minutes.amend";

} // namespace consult::events
