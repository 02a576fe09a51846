#pragma once
/// \file
/// The fund family of the event catalogue: the community's own account book —
/// the permanent names of fund.add and fund.reverse and their payload type
/// (one shape for both). The writer (lib/fund.cpp) and the projector
/// (lib/projection_fund.cpp) both go through it.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace consult::events {

inline constexpr std::string_view kFundAdd = "fund.add";
inline constexpr std::string_view kFundReverse = "fund.reverse";

/// fund.add and fund.reverse: an entry of an account book. A reversal
/// repeats the entry it undoes (kind, amount, party, book, …) and names it.
/// The keys book, quantity, unit and advance came with schema 12 and are
/// written only when set: an entry written before reads as the community's
/// own book, in money, not advanced.
struct FundEntry {
  std::int64_t id = 0;
  std::string community;
  std::string kind;        ///< income or expense
  std::int64_t amount = 0; ///< fen, > 0; in kind: the estimated value, 0 for none
  std::string party;       ///< the donor or the payee
  bool named = false;      ///< the donor chose to be named in public statements
  std::string purpose;
  std::optional<std::int64_t> issue;    ///< written as null when there is none
  std::string date;                     ///< YYYY-MM-DD
  std::optional<std::int64_t> reverses; ///< fund.reverse: the entry undone; null otherwise
  std::string reason;                   ///< fund.reverse: why; '' otherwise
  std::optional<std::string> book;      ///< a body's key; absent: the community's own book
  std::optional<std::string> quantity;  ///< in kind: how many ("30"); absent: money
  std::optional<std::string> unit;      ///< in kind: 本, 箱 …
  std::optional<bool> advance;          ///< an expense advanced by its party (垫付)

  std::string entity() const;
  nlohmann::json to_json() const;
  static FundEntry from_json(const nlohmann::json& p);
};

} // namespace consult::events
