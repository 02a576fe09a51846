#pragma once
/// \file
/// Dates, instants and the community's local time.
///
/// Instants are seconds since the epoch (UTC). They are shown in a time zone
/// (an IANA name such as "Asia/Shanghai", read from the system's tzdata).
/// `--now` / `CONSULT_NOW` fix "now" so that output is reproducible.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace consult::clock {

using Instant = std::chrono::sys_seconds;
using Date = std::chrono::year_month_day;

inline constexpr const char* kDefaultZone = "Asia/Shanghai";

/// True if `zone` names a time zone the system knows.
bool known_zone(const std::string& zone);

/// Parses a calendar date `YYYY-MM-DD` (also `YYYY/MM/DD` and `YYYY.MM.DD`);
/// nullopt if it is not a real date.
std::optional<Date> parse_date(std::string_view text);

/// `YYYY-MM-DD`.
std::string format_date(Date d);

/// Parses an instant: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or with `T`, in
/// `zone` unless it ends in `Z` or an offset such as `+08:00`.
std::optional<Instant> parse_instant(std::string_view text, const std::string& zone);

/// RFC 3339 in `zone` with its offset: `2026-11-21T09:30:00+08:00`.
std::string format_rfc3339(Instant t, const std::string& zone);

/// `YYYY-MM-DD HH:MM` in `zone`.
std::string format_local(Instant t, const std::string& zone);

/// What a zone says at an instant.
struct ZoneState {
  long offset = 0;    ///< seconds east of UTC (Asia/Shanghai: 28800)
  bool dst = false;   ///< daylight saving time in force
  std::string abbrev; ///< e.g. "CST"
};
ZoneState zone_state(Instant t, const std::string& zone);

/// The offset from UTC of `zone` at `t`, in seconds east (Asia/Shanghai: 28800).
long utc_offset(Instant t, const std::string& zone);

/// The calendar date of `t` in `zone`.
Date local_date(Instant t, const std::string& zone);

/// A span of days, both ends included, as reports and statements name them.
struct Period {
  Date from;
  Date to;
  std::string text; ///< as given: "2026", "2026-Q3", "2026-11", "2026-11-01..2026-11-15"
};

/// Parses a year (2026), a quarter (2026-Q3), a month (2026-11), a day
/// (2026-11-21) or FROM..TO (dates); nullopt otherwise or if FROM is after TO.
std::optional<Period> parse_period(std::string_view text);

/// Now: the system clock, or the fixed instant if one is given.
class Clock {
public:
  Clock() = default;
  explicit Clock(Instant fixed) : fixed_(fixed) {}
  Instant now() const;
  bool fixed() const noexcept { return fixed_.has_value(); }

private:
  std::optional<Instant> fixed_;
};

} // namespace consult::clock
