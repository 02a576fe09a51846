#include "consult/clock.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

namespace consult::clock {

namespace {

/// Makes `zone` the zone of the C library's local-time functions. Why not
/// std::chrono::zoned_time: the C++ library of Debian 12 (GCC 12) lacks it.
/// Why not restore TZ afterwards: tzset() re-reads the zone file on every
/// change, which made each event cost a file read; consult uses one zone at
/// a time, so switching only when the zone changes is both simple and fast.
void use_zone(const std::string& zone) {
  static std::string current;
  if (zone == current) return;
  ::setenv("TZ", zone.c_str(), 1);
  ::tzset();
  current = zone;
}

std::tm to_tm(Instant t, const std::string& zone, long& offset) {
  use_zone(zone);
  const std::time_t tt = t.time_since_epoch().count();
  std::tm tm{};
  ::localtime_r(&tt, &tm);
  offset = tm.tm_gmtoff;
  return tm;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

} // namespace

bool known_zone(const std::string& zone) {
  if (zone.empty() || zone.find("..") != std::string::npos || zone.front() == '/') return false;
  if (zone == "UTC") return true;
  std::error_code ec;
  return std::filesystem::is_regular_file("/usr/share/zoneinfo/" + zone, ec);
}

std::optional<Date> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || !digits(text, 0, 4, y) || !digits(text, 5, 2, m) ||
      !digits(text, 8, 2, d))
    return std::nullopt;
  const char sep = text[4];
  if ((sep != '-' && sep != '/' && sep != '.') || text[7] != sep) return std::nullopt;
  const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_date(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::optional<Instant> parse_instant(std::string_view text, const std::string& zone) {
  const auto date = parse_date(text.substr(0, std::min<std::size_t>(10, text.size())));
  if (!date) return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  std::size_t pos = 10;
  if (pos < text.size()) {
    if (text[pos] != ' ' && text[pos] != 'T') return std::nullopt;
    if (!digits(text, pos + 1, 2, hh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, mm))
      return std::nullopt;
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!digits(text, pos + 1, 2, ss)) return std::nullopt;
      pos += 3;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  const auto days = std::chrono::sys_days{*date};
  const auto wall = Instant{days.time_since_epoch() + std::chrono::hours{hh} +
                            std::chrono::minutes{mm} + std::chrono::seconds{ss}};
  const auto rest = text.substr(pos);
  if (rest == "Z" || rest == "z") return wall;
  if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh = 0, om = 0;
    if (!digits(rest, 1, 2, oh) || !digits(rest, 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    const auto offset = std::chrono::hours{oh} + std::chrono::minutes{om};
    return rest[0] == '+' ? wall - offset : wall + offset;
  }
  if (!rest.empty()) return std::nullopt;
  // Local wall time in `zone`.
  use_zone(zone);
  std::tm tm{};
  tm.tm_year = static_cast<int>(date->year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(date->month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(date->day()));
  tm.tm_hour = hh;
  tm.tm_min = mm;
  tm.tm_sec = ss;
  tm.tm_isdst = -1;
  const std::time_t tt = ::mktime(&tm);
  if (tt == static_cast<std::time_t>(-1)) return std::nullopt;
  return Instant{std::chrono::seconds{tt}};
}

std::string format_rfc3339(Instant t, const std::string& zone) {
  long offset = 0;
  const std::tm tm = to_tm(t, zone, offset);
  const char sign = offset < 0 ? '-' : '+';
  const long abs_off = offset < 0 ? -offset : offset;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign,
                     abs_off / 3600, (abs_off % 3600) / 60);
}

std::string format_local(Instant t, const std::string& zone) {
  long offset = 0;
  const std::tm tm = to_tm(t, zone, offset);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min);
}

ZoneState zone_state(Instant t, const std::string& zone) {
  long offset = 0;
  const std::tm tm = to_tm(t, zone, offset);
  return {offset, tm.tm_isdst > 0, tm.tm_zone ? std::string(tm.tm_zone) : std::string()};
}

long utc_offset(Instant t, const std::string& zone) {
  long offset = 0;
  to_tm(t, zone, offset);
  return offset;
}

Date local_date(Instant t, const std::string& zone) {
  long offset = 0;
  const std::tm tm = to_tm(t, zone, offset);
  return Date{std::chrono::year{tm.tm_year + 1900},
              std::chrono::month{static_cast<unsigned>(tm.tm_mon + 1)},
              std::chrono::day{static_cast<unsigned>(tm.tm_mday)}};
}

std::optional<Period> parse_period(std::string_view text) {
  using namespace std::chrono;
  const std::string t(text);
  auto number = [](std::string_view s, int& out) {
    if (s.empty() || s.size() > 4) return false;
    out = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  auto last_day = [](int y, unsigned m) {
    return Date{year{y} / month{m} / std::chrono::last}.day();
  };
  int y = 0, n = 0;
  if (const auto dots = t.find(".."); dots != std::string::npos) {
    const auto from = parse_date(t.substr(0, dots));
    const auto to = parse_date(t.substr(dots + 2));
    if (!from || !to || sys_days(*from) > sys_days(*to)) return std::nullopt;
    return Period{*from, *to, t};
  }
  if (t.size() == 4 && number(t, y) && y >= 1900)
    return Period{year{y} / January / 1, year{y} / December / 31, t};
  if (t.size() == 7 && t[4] == '-' && (t[5] == 'Q' || t[5] == 'q') && number(t.substr(0, 4), y) &&
      number(t.substr(6), n) && n >= 1 && n <= 4 && y >= 1900) {
    const auto first = static_cast<unsigned>(3 * n - 2), last = static_cast<unsigned>(3 * n);
    return Period{year{y} / month{first} / 1, year{y} / month{last} / last_day(y, last), t};
  }
  if (t.size() == 7 && t[4] == '-' && number(t.substr(0, 4), y) && number(t.substr(5), n) &&
      n >= 1 && n <= 12 && y >= 1900) {
    const auto m = static_cast<unsigned>(n);
    return Period{year{y} / month{m} / 1, year{y} / month{m} / last_day(y, m), t};
  }
  if (const auto d = parse_date(t); d && t.size() == 10) return Period{*d, *d, t};
  return std::nullopt;
}

Instant Clock::now() const {
  if (fixed_) return *fixed_;
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace consult::clock
