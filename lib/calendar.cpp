#include "consult/calendar.hpp"

#include "consult/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace consult::calendar {

using namespace std::chrono;

std::string Week::str() const {
  return fmt::format("{:04}-W{:02}", year, number);
}

int weekday(clock::Date d) {
  return static_cast<int>(year_month_weekday{sys_days{d}}.weekday().c_encoding());
}

Week week_of(clock::Date d) {
  const sys_days day{d};
  // The Thursday of the same ISO week decides the year.
  const int iso_dow = (weekday(d) + 6) % 7; // Monday = 0
  const sys_days thursday = day - days{iso_dow} + days{3};
  const year_month_day t{thursday};
  const sys_days jan1{t.year() / January / 1};
  return {static_cast<int>(t.year()), static_cast<int>((thursday - jan1).count() / 7 + 1)};
}

std::optional<clock::Date> monday_of(const Week& w) {
  if (w.number < 1 || w.number > 53) return std::nullopt;
  // January 4th is always in week 1.
  const clock::Date jan4{year{w.year} / January / 4};
  const int iso_dow = (weekday(jan4) + 6) % 7;
  const sys_days monday = sys_days{jan4} - days{iso_dow} + weeks{w.number - 1};
  const clock::Date m{monday};
  if (week_of(m).year != w.year) return std::nullopt; // week 53 of a 52-week year
  return m;
}

std::optional<Week> parse_week(std::string_view text, clock::Date today) {
  const auto t = text::ascii_lower(text::trim(text));
  auto shifted = [&](int by) { return week_of(clock::Date{sys_days{today} + weeks{by}}); };
  if (t == "this") return shifted(0);
  if (t == "next") return shifted(1);
  if (t == "last") return shifted(-1);
  // YYYY-Www
  if (t.size() == 8 && t[4] == '-' && t[5] == 'w') {
    int y = 0, n = 0;
    for (int i = 0; i < 4; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[static_cast<std::size_t>(i)])))
        return std::nullopt;
      y = y * 10 + (t[static_cast<std::size_t>(i)] - '0');
    }
    for (int i = 6; i < 8; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[static_cast<std::size_t>(i)])))
        return std::nullopt;
      n = n * 10 + (t[static_cast<std::size_t>(i)] - '0');
    }
    const Week w{y, n};
    if (!monday_of(w)) return std::nullopt;
    return w;
  }
  return std::nullopt;
}

std::vector<clock::Date> occurrences(const config::Schedule& s, clock::Date first,
                                     clock::Date last) {
  std::vector<clock::Date> out;
  for (sys_days d{first}; d <= sys_days{last}; d += days{1}) {
    const clock::Date date{d};
    const bool hit =
        s.days_of_month.empty()
            ? std::find(s.weekdays.begin(), s.weekdays.end(), weekday(date)) != s.weekdays.end()
            : std::find(s.days_of_month.begin(), s.days_of_month.end(),
                        static_cast<int>(static_cast<unsigned>(date.day()))) !=
                  s.days_of_month.end();
    if (hit) out.push_back(date);
  }
  return out;
}

clock::Date notice_cutoff(clock::Date meeting, int notice_days) {
  return clock::Date{sys_days{meeting} - days{notice_days}};
}

bool inside_notice(clock::Date today, clock::Date meeting, int notice_days) {
  return sys_days{meeting} - sys_days{today} < days{notice_days};
}

std::string rrule(const config::Schedule& s) {
  if (!s.days_of_month.empty()) {
    auto d = s.days_of_month;
    std::sort(d.begin(), d.end());
    std::string days;
    for (int x : d)
      days += (days.empty() ? "" : ",") + std::to_string(x);
    return "FREQ=MONTHLY;BYMONTHDAY=" + days;
  }
  static const char* const kDays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  auto w = s.weekdays;
  std::sort(w.begin(), w.end());
  std::string days;
  for (int x : w)
    days += (days.empty() ? "" : ",") + std::string(kDays[x]);
  return "FREQ=WEEKLY;BYDAY=" + days;
}

} // namespace consult::calendar
