#pragma once
/// \file
/// The figures officials ask for, per community or across a street, for a
/// period. Every figure is defined once in docs/reports.md with the SQL that
/// computes it, so that anyone can check it with the sqlite3 shell.
///
/// Dates are local dates: an issue's `raised_on`, a meeting's `local_date`,
/// and for a step of an issue (accepted, decided, resolved, …) the date of
/// its event (the first ten characters of the event's `at`).

#include "consult/clock.hpp"
#include "consult/ledger.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace consult::reports {

struct Figures {
  std::int64_t meetings_held = 0;                       ///< closed meetings dated in the period
  std::int64_t meetings_cancelled = 0;                  ///< cancelled meetings dated in the period
  std::map<std::string, std::int64_t> meetings_by_kind; ///< held, by kind key
  std::int64_t issues_raised = 0;                       ///< raised_on in the period
  std::map<std::string, std::int64_t> raised_by_channel;
  std::map<std::string, std::int64_t> raised_by_category;
  std::int64_t accepted = 0, rejected = 0, merged = 0, escalated = 0, decided = 0, resolved = 0,
               closed = 0;            ///< issues with that step dated in the period
  std::int64_t raised_and_solved = 0; ///< of those raised, resolved or closed by the period's end
  std::optional<double> median_days;  ///< raised → resolved, of those resolved in the period
  std::optional<std::int64_t> p90_days;
  std::optional<double> rounds_per_decided;
  std::int64_t open_older = 0;      ///< open now, raised more than `older_days` before the end
  std::int64_t overdue_actions = 0; ///< not done now, due before the period's end
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> attendance; ///< seat → present, due
  std::int64_t ratings = 0;
  std::optional<double> satisfaction; ///< mean of the ratings in the period
  std::int64_t rating_counts[5] = {0, 0, 0, 0, 0};
  std::int64_t votes_held = 0, votes_passed = 0;
  std::int64_t fund_income = 0, fund_expense = 0; ///< fen, net of reversals

  /// The share of issues raised in the period solved by its end, in tenths
  /// of a percent (e.g. 667 = 66.7 %); nullopt if none were raised.
  std::optional<std::int64_t> resolution_permille() const;
};

struct Options {
  std::vector<std::string> communities; ///< empty: all in the ledger
  clock::Period period;
  int older_days = 30; ///< "open issues older than N days"
};

/// The figures of each community (by id), and their sum ("" key: all).
std::map<std::string, Figures> compute(ledger::Ledger& ledger, const Options& options);

/// All figures as JSON (amounts as yuan strings, rates with one decimal).
nlohmann::json to_json(const Figures& f);

} // namespace consult::reports
