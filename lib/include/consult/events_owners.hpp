#pragma once
/// \file
/// The owners family of the event catalogue: the owners' roster (房号, 业主, 面积) of a community.

#include <string_view>

namespace consult::events {

inline constexpr std::string_view kOwnersImport = "owners.import";

} // namespace consult::events
