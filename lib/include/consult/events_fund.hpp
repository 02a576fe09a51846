#pragma once
/// \file
/// The fund family of the event catalogue: the community's own account book.

#include <string_view>

namespace consult::events {

inline constexpr std::string_view kFundAdd = "fund.add";
inline constexpr std::string_view kFundReverse = "fund.reverse";

} // namespace consult::events
