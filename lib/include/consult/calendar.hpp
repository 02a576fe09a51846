#pragma once
/// \file
/// Calendar arithmetic for meetings: ISO weeks, recurring schedules, the
/// notice period. Pure functions on dates; no I/O.

#include "consult/clock.hpp"
#include "consult/config.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consult::calendar {

/// An ISO 8601 week: weeks start on Monday; week 1 holds the year's first
/// Thursday, so 2026-12-28 may be in week 53 of 2026 and 2027-01-01 too.
struct Week {
  int year = 0;
  int number = 0;          ///< 1..53
  std::string str() const; ///< "2026-W49"
};

/// The ISO week of a date.
Week week_of(clock::Date d);

/// The Monday of an ISO week; nullopt if the week does not exist (week 53 of
/// a year with 52).
std::optional<clock::Date> monday_of(const Week& w);

/// Parses "this", "next", "last" (relative to `today`) or "YYYY-Www".
std::optional<Week> parse_week(std::string_view text, clock::Date today);

/// Day of the week, 0 = Sunday .. 6 = Saturday (as config weekdays).
int weekday(clock::Date d);

/// The dates from `first` to `last` (inclusive) on which `schedule` meets.
/// A day of the month that a month lacks (the 31st in April, the 30th in
/// February) is skipped, never moved.
std::vector<clock::Date> occurrences(const config::Schedule& schedule, clock::Date first,
                                     clock::Date last);

/// The last date on which an issue may be raised to be on the agenda of a
/// meeting on `meeting`: `notice_days` days before it.
clock::Date notice_cutoff(clock::Date meeting, int notice_days);

/// True if planning on `today` a meeting on `meeting` leaves less than the
/// notice period.
bool inside_notice(clock::Date today, clock::Date meeting, int notice_days);

/// The RFC 5545 RRULE of a schedule: "FREQ=MONTHLY;BYMONTHDAY=6,26" or
/// "FREQ=WEEKLY;BYDAY=WE".
std::string rrule(const config::Schedule& schedule);

} // namespace consult::calendar
