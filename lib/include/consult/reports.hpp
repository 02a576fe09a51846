#pragma once
/// \file
/// The figures officials ask for, per community or across a street, for a
/// period. Every figure is defined once in docs/reports.md with the SQL that
/// computes it, so that anyone can check it with the sqlite3 shell.
///
/// Dates are local dates: an issue's `raised_on`, a meeting's `local_date`,
/// and for a step of an issue the date it first reached that status
/// (`accepted_on`, `decided_on`, `resolved_on`, …: the date of the event, in
/// the ledger's zone). A past period's figures therefore never move.
///
/// Each figure is an index lookup per community; figures of several
/// communities (or ledgers) are sums, and the median and percentile come
/// from the summed histogram of days, so memory does not grow with the ledger.

#include "consult/clock.hpp"
#include "consult/ledger.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace consult::reports {

/// Which groups of figures a row has: a row of one category has no
/// meetings, a row of one meeting kind no issues.
enum class Groups { all, issues, meetings };

struct Figures {
  Groups groups = Groups::all;
  std::int64_t meetings_held = 0;                       ///< closed meetings dated in the period
  std::int64_t meetings_cancelled = 0;                  ///< cancelled meetings dated in the period
  std::map<std::string, std::int64_t> meetings_by_kind; ///< held, by kind key
  std::int64_t issues_raised = 0;                       ///< raised_on in the period
  std::map<std::string, std::int64_t> raised_by_channel;
  std::map<std::string, std::int64_t> raised_by_category;
  /// Of the issues raised under `other`, the words their import came with
  /// (channel_text / category_text) → issues: what matched no key.
  std::map<std::string, std::int64_t> other_channel_texts, other_category_texts;
  std::int64_t accepted = 0, rejected = 0, merged = 0, escalated = 0, decided = 0, resolved = 0,
               closed = 0;            ///< issues that first reached that status in the period
  std::int64_t raised_and_solved = 0; ///< of those raised, resolved or closed by the period's end
  std::int64_t rounds_of_decided = 0; ///< consultation rounds of the decided issues, summed
  std::map<std::int64_t, std::int64_t> days_to_resolve; ///< days raised → resolved: issues
  std::int64_t open_older = 0;      ///< open now, raised more than `older_days` before the end
  std::int64_t overdue_actions = 0; ///< not done now, due before the earlier of today and the end
  /// The council's members at its meetings: seat → present, due.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> attendance;
  /// Every body's members at its meetings: body key → present, due. An
  /// informal meeting (no body) has no members due and counts nowhere.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> attendance_by_body;
  std::int64_t ratings = 0;
  std::int64_t rating_counts[5] = {0, 0, 0, 0, 0};
  std::int64_t votes_held = 0, votes_passed = 0;
  /// The community's own account book in money, fen, net of reversals: a
  /// body's book (a building group's) and entries in kind are not the
  /// community's money and are not summed (they have their statements).
  std::int64_t fund_income = 0, fund_expense = 0;

  /// Adds another community's figures (the groups must match).
  Figures& operator+=(const Figures& other);

  bool has_issues() const { return groups != Groups::meetings; }
  bool has_meetings() const { return groups != Groups::issues; }
  bool has_fund() const { return groups == Groups::all; }

  /// The share of issues raised in the period solved by its end, in tenths
  /// of a percent (e.g. 667 = 66.7 %); nullopt if none were raised.
  std::optional<std::int64_t> resolution_permille() const;
  /// Median days raised → resolved (the mean of the middle two of an even count).
  std::optional<double> median_days() const;
  /// 90th percentile, nearest rank: the smallest value with ≥ 90 % at or below it.
  std::optional<std::int64_t> p90_days() const;
  std::optional<double> rounds_per_decided() const;
  std::optional<double> satisfaction() const; ///< mean of the ratings
  /// Council members present of those due, over every seat, in tenths of a
  /// percent rounded half up; nullopt if none were due.
  std::optional<std::int64_t> attendance_permille() const;
};

/// Rows by a dimension other than community or month.
enum class Dimension { none, category, channel, kind };

struct Options {
  std::vector<std::string> communities; ///< empty: all in the ledgers
  clock::Period period;
  int older_days = 30;                   ///< "open issues older than N days"
  Dimension dimension = Dimension::none; ///< figures of its group, by its values
  /// For whole months of the whole selection, read the monthly tallies
  /// (report_month); false: count every figure from the rows, as the SQL of
  /// docs/reports.md does (the tests compare the two).
  bool use_tallies = true;
  /// The date the report is made (the community's local date): actions are
  /// counted overdue as of the earlier of it and the period's end, so a
  /// period still running never counts an action that is not yet due.
  /// Unset: as of the period's end.
  std::optional<clock::Date> today;
};

struct Report {
  std::map<std::string, Figures> communities; ///< by community id
  std::map<std::string, Figures> by_key;      ///< by the dimension's value, if any
  Figures all;                                ///< their sum
};

/// The figures of each selected community of the ledgers, read together: a
/// street office's one file per community. A community found in two ledgers
/// is refused (a copy sent twice would be counted twice).
Report compute(const std::vector<ledger::Ledger*>& ledgers, const Options& options);

/// The name of each community the ledgers serve, as their ledgers keep it
/// (id → name), so that a street office's report names 工农一村 beside
/// gongnong1 without the community files.
std::map<std::string, std::string> community_names(const std::vector<ledger::Ledger*>& ledgers);
Report compute(ledger::Ledger& ledger, const Options& options);

/// All figures of the row's groups as JSON (amounts as yuan strings, rates
/// with one decimal), with the council's overall `attendance_rate`.
nlohmann::json to_json(const Figures& f);

/// One row of a report: the figures of a community, a month (YYYY-MM) or a
/// value of the dimension; key "" for the whole selection.
struct Row {
  std::string key;
  Figures f;
};

/// The dimension `by` names ("category", "channel" or "kind"); none for
/// anything else ("", "community", "month").
Dimension dimension_of(const std::string& by);

/// The figures of each month of `options.period`, the first and last month
/// cut to the period.
std::vector<Row> monthly(const std::vector<ledger::Ledger*>& ledgers, Options options);

/// The rows of a report: one per community (`by` "community"), per month
/// ("month") or per value of `options.dimension` ("category", "channel",
/// "kind"), then the whole selection (key "") last; "" gives that one alone.
/// `whole` is compute(ledgers, options).
std::vector<Row> rows(const std::vector<ledger::Ledger*>& ledgers, const Options& options,
                      const std::string& by, const Report& whole);

/// A row as a line of `consult report --json`: to_json() of its figures,
/// the period (text, from, to) and, under the key `by` if not empty, the
/// row's key (null for the whole selection).
nlohmann::json to_json(const Row& row, const clock::Period& period, const std::string& by);

/// Every scalar figure, in the order of docs/reports.md: its to_json() key
/// and its label (marked with N_, not yet translated).
const std::vector<std::pair<const char*, const char*>>& figure_labels();

/// A figure's label, translated; "open_older" names `older` days.
std::string figure_label(const std::string& key, int older);

} // namespace consult::reports
