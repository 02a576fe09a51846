#pragma once
/// \file
/// The account books: the community's own (自治账本) and one for each body of
/// its file that keeps one (a building group's 楼组账本) — money raised from
/// residents, donations in money and in kind, and what was spent, disclosed
/// publicly. Amounts are integer fen (分) throughout, never floating point.
/// An entry is never edited: a mistake is cancelled by a reversing entry and
/// the right one added. Books never mix: each has its own balance. See
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
  std::string book;        ///< '' the community's own book, else a body's key
  std::string kind;        ///< income | expense
  std::int64_t amount = 0; ///< fen, > 0; in kind: the estimated value, 0 for none
  std::optional<std::string> quantity; ///< in kind (实物): how many; nullopt: money
  std::string unit;                    ///< in kind: 本, 箱 …
  bool advance = false;                ///< an expense advanced by its party (垫付)
  std::string party;       ///< donor or payee
  bool named = false;      ///< named in public statements: a body, or a donor who chose to be
  std::string purpose;
  std::optional<std::int64_t> issue;
  std::string on_date;                  ///< YYYY-MM-DD
  std::optional<std::int64_t> reverses; ///< the entry this one cancels
  std::string reason;
  std::string at;
  std::int64_t seq = 0;
  bool in_kind() const { return quantity.has_value(); }
  /// The entry's effect on the cash balance, in fen: income +, expense −,
  /// and the opposite for a reversing entry; 0 for an entry in kind.
  std::int64_t signed_amount() const;
  /// signed_amount(), or for an entry in kind its estimated value signed
  /// the same way (0 when none was given).
  std::int64_t signed_value() const;
};

/// "1234.50", "1,234.5", "¥1234.50", "1234" (yuan) → fen; nullopt for
/// anything else, more than two decimals, zero or a negative amount.
std::optional<std::int64_t> parse_amount(std::string_view text);
/// 123450 → "1,234.50"; negative amounts with a leading "-".
std::string format_amount(std::int64_t fen);

struct NewEntry {
  std::string kind;
  std::string amount; ///< as typed; '' for an entry in kind
  std::string book;   ///< a body's key, or '' (or the community's id) for its own book
  /// In kind (实物): the quantity as typed ("30", "2.5"), its unit, and the
  /// estimated value in yuan as typed ('' for none). '' quantity: money.
  std::string quantity, unit, value;
  /// An expense advanced by its party (垫付): recorded even when it takes
  /// the book below zero. Any other expense that would is refused.
  bool advance = false;
  std::string party;
  std::string purpose;
  bool named = false;
  std::optional<std::int64_t> issue{};
  std::optional<clock::Date> date{}; ///< default: today in the community's zone
};

/// The book `key` names in `community`: '' (or the community's id) its own
/// book, else the key of one of its bodies. Throws a usage error naming the
/// books there are for any other key.
std::string book_key(const config::Community& community, const std::string& key);

/// Who keeps book `book` of `community`, for people: the body's name, or
/// the community's for its own book.
std::string book_name(const config::Community& community, const std::string& book);

/// Records an entry. An expense in money that is not an advance is refused
/// when it would take its book's cash balance below zero on its date or on
/// any later date already booked: the error says the balance it would
/// leave, and that --advance records money advanced (垫付).
Entry add(ledger::Ledger& ledger, const config::Community& community, const NewEntry& entry);

/// Cancels entry `id` with a reversing entry (same kind and amount, the
/// opposite effect), dated today; an entry is reversed at most once, and a
/// reversing entry is not reversed.
Entry reverse(ledger::Ledger& ledger, const config::Community& community, std::int64_t id,
              const std::string& reason);

/// Entries of `community` dated within `period` (all if none), by date, then id.
/// Entry `id`, if there is one.
std::optional<Entry> find(ledger::Ledger& ledger, std::int64_t id);

/// Entries of book `book` ('' the community's own).
std::vector<Entry> list(ledger::Ledger& ledger, const std::string& community,
                        const std::optional<clock::Period>& period = std::nullopt,
                        const std::string& book = {});

struct Balance {
  std::int64_t income = 0;  ///< fen, net of reversals
  std::int64_t expense = 0; ///< fen, net of reversals
  std::int64_t balance() const { return income - expense; }
};
/// Cash totals of book `book` ('' the community's own) of entries dated up
/// to and including `upto` (all if none). Entries in kind do not count.
Balance balance(ledger::Ledger& ledger, const std::string& community,
                const std::optional<clock::Date>& upto = std::nullopt,
                const std::string& book = {});

/// A public statement of the period: balance brought forward, every income
/// and expense (parties masked as residents unless recorded as named or
/// listed as organisations; reversals shown as corrections), totals and the
/// balance carried forward. `typed` false: masked as documents stamped
/// before people were recorded by kind were (document::typed_persons);
/// `rules`: the numbers and doors its writer finds in free text
/// (document::text_rules).
///
/// Writer 5 (`writer`, document::renderer_version): the statement of book
/// `book` — a body's is headed with the body's name and signed by it (its
/// `signs`, else its name); entries in kind in a section of their own
/// (quantity, unit, estimated value), outside the cash totals; a balance
/// below zero marked as advanced (垫付). Writers 1 to 4 made the
/// community's own book's statement in money only, as they always did.
std::vector<document::Block> statement(ledger::Ledger& ledger, const config::Community& community,
                                       const clock::Period& period, bool typed = true,
                                       personal::TextRules rules = personal::TextRules::current,
                                       int writer = 5, const std::string& book = {});

/// The statement file for `stamp` (subject "COMMUNITY PERIOD", or
/// "COMMUNITY PERIOD BOOK" for a body's book).
std::string render(ledger::Ledger& ledger, const config::Community& community,
                   const clock::Period& period, const document::Stamp& stamp,
                   const std::string& book = {});

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
