#include "consult/clock.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace consult::clock {

namespace {

/// The zone named `zone` in the system's tzdata, or null when there is none
/// (then times are shown in UTC, as the C library does for a zone it cannot
/// find). Why date/tz.h: the C library knows only one zone per process, the
/// TZ variable's, and a library must not set that for the program it is
/// part of; the C++ library of Debian 12 (GCC 12) lacks std::chrono's zones.
/// Each zone file is read once per process, on first use.
///
/// A limit of date/tz.h 3.0: past the last transition a zone file lists
/// (2037 in Debian's tzdata), it keeps that transition's offset instead of
/// following the file's closing rule, so a zone with daylight saving time
/// reads as standard time in later years. China's zones have none.
const date::time_zone* find_zone(const std::string& zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

/// What `zone` says at `t`: its offset, daylight saving and abbreviation.
date::sys_info info_at(Instant t, const std::string& zone) {
  if (const auto* z = find_zone(zone)) return z->get_info(t);
  date::sys_info utc;
  utc.begin = date::sys_seconds::min();
  utc.end = date::sys_seconds::max();
  utc.offset = std::chrono::seconds{0};
  utc.save = std::chrono::minutes{0};
  utc.abbrev = "UTC";
  return utc;
}

/// The local calendar fields of `t` in `zone`.
struct Local {
  Date date;
  std::chrono::hh_mm_ss<std::chrono::seconds> time;
  long offset; ///< seconds east of UTC
};

Local to_local(Instant t, const std::string& zone) {
  const long offset = static_cast<long>(info_at(t, zone).offset.count());
  const auto local = t + std::chrono::seconds{offset};
  const auto days = std::chrono::floor<std::chrono::days>(local);
  return {Date{days}, std::chrono::hh_mm_ss<std::chrono::seconds>{local - days}, offset};
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
  return zone == "UTC" || find_zone(zone) != nullptr;
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
  // Local wall time in `zone`. In a gap (clocks put forward) or an overlap
  // (clocks put back) the offset in force before the change applies, as the
  // C library's mktime does.
  const auto* z = find_zone(zone);
  if (!z) return wall;
  const auto info = z->get_info(date::local_seconds{wall.time_since_epoch()});
  return wall - info.first.offset;
}

std::string format_rfc3339(Instant t, const std::string& zone) {
  const auto l = to_local(t, zone);
  const char sign = l.offset < 0 ? '-' : '+';
  const long abs_off = l.offset < 0 ? -l.offset : l.offset;
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", format_date(l.date), l.time.hours().count(),
                     l.time.minutes().count(), l.time.seconds().count(), sign, abs_off / 3600,
                     (abs_off % 3600) / 60);
}

std::string format_local(Instant t, const std::string& zone) {
  const auto l = to_local(t, zone);
  return fmt::format("{} {:02}:{:02}", format_date(l.date), l.time.hours().count(),
                     l.time.minutes().count());
}

ZoneState zone_state(Instant t, const std::string& zone) {
  const auto info = info_at(t, zone);
  return {static_cast<long>(info.offset.count()), info.save != std::chrono::minutes{0},
          info.abbrev};
}

long utc_offset(Instant t, const std::string& zone) {
  return static_cast<long>(info_at(t, zone).offset.count());
}

Date local_date(Instant t, const std::string& zone) {
  return to_local(t, zone).date;
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
