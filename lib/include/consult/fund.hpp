#pragma once
/// \file
/// The community's own account book: money raised from residents, donations,
/// and what was spent, disclosed publicly. Amounts are integer fen (分)
/// throughout, never floating point. An entry is never edited: a mistake is
/// cancelled by a reversing entry and the right one added. See
/// docs/minutes.md.

#include "consult/clock.hpp"
#include "consult/config.hpp"
#include "consult/document.hpp"
#include "consult/ledger.hpp"
#include "consult/people.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace consult::fund {

struct Entry {
  std::int64_t id = 0;
  std::string community;
  std::string kind;        ///< income | expense
  std::int64_t amount = 0; ///< fen, > 0
  std::string party;       ///< donor or payee
  bool named = false;      ///< named in public statements: a body, or a donor who chose to be
  std::string purpose;
  std::optional<std::int64_t> issue;
  std::string on_date;                  ///< YYYY-MM-DD
  std::optional<std::int64_t> reverses; ///< the entry this one cancels
  std::string reason;
  std::string at;
  std::int64_t seq = 0;
  /// The entry's effect on the balance, in fen: income +, expense −, and
  /// the opposite for a reversing entry.
  std::int64_t signed_amount() const;
};

/// "1234.50", "1,234.5", "¥1234.50", "1234" (yuan) → fen; nullopt for
/// anything else, more than two decimals, zero or a negative amount.
std::optional<std::int64_t> parse_amount(std::string_view text);
/// 123450 → "1,234.50"; negative amounts with a leading "-".
std::string format_amount(std::int64_t fen);

struct NewEntry {
  std::string kind;
  std::string amount; ///< as typed
  std::string party;
  std::string purpose;
  bool named = false;
  std::optional<std::int64_t> issue{};
  std::optional<clock::Date> date{}; ///< default: today in the community's zone
};

Entry add(ledger::Ledger& ledger, const config::Community& community, const NewEntry& entry);

/// Cancels entry `id` with a reversing entry (same kind and amount, the
/// opposite effect), dated today; an entry is reversed at most once, and a
/// reversing entry is not reversed.
Entry reverse(ledger::Ledger& ledger, const config::Community& community, std::int64_t id,
              const std::string& reason);

/// Entries of `community` dated within `period` (all if none), by date, then id.
/// Entry `id`, if there is one.
std::optional<Entry> find(ledger::Ledger& ledger, std::int64_t id);

std::vector<Entry> list(ledger::Ledger& ledger, const std::string& community,
                        const std::optional<clock::Period>& period = std::nullopt);

struct Balance {
  std::int64_t income = 0;  ///< fen, net of reversals
  std::int64_t expense = 0; ///< fen, net of reversals
  std::int64_t balance() const { return income - expense; }
};
/// Totals of entries dated up to and including `upto` (all if none).
Balance balance(ledger::Ledger& ledger, const std::string& community,
                const std::optional<clock::Date>& upto = std::nullopt);

/// A public statement of the period: balance brought forward, every income
/// and expense (parties masked as residents unless recorded as named or
/// listed as organisations; reversals shown as corrections), totals and the
/// balance carried forward. `typed` false: masked as documents stamped
/// before people were recorded by kind were (document::typed_persons);
/// `rules`: the numbers and doors its writer finds in free text
/// (document::text_rules).
std::vector<document::Block> statement(ledger::Ledger& ledger, const config::Community& community,
                                       const clock::Period& period, bool typed = true,
                                       personal::TextRules rules = personal::TextRules::current);

/// The statement file for `stamp` (subject "COMMUNITY PERIOD").
std::string render(ledger::Ledger& ledger, const config::Community& community,
                   const clock::Period& period, const document::Stamp& stamp);

/// An entry of the account book as JSON (amounts in yuan). The party is
/// masked unless `reveal` or the entry is named (a donor who asked to be).
nlohmann::json to_json(const Entry& entry, const people::Directory& who, bool reveal);

/// `entries` as staff see them unless `reveal`: purposes and reasons with
/// the residents among the parties and those of the issues the entries are
/// for, and any phone, ID-card number or door, masked. Parties are left to
/// to_json() and people::Directory::shown().
std::vector<Entry> shown(ledger::Ledger& ledger, const people::Directory& who,
                         std::vector<Entry> entries, bool reveal);

} // namespace consult::fund
