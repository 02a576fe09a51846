#include "consult/ics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace consult::ics {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    switch (ch) {
    case '\\':
      out += "\\\\";
      break;
    case ';':
      out += "\\;";
      break;
    case ',':
      out += "\\,";
      break;
    case '\r':
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
      break;
    case '\n':
      out += "\\n";
      break;
    default:
      // Other control characters are not allowed in TEXT; drop them.
      if (static_cast<unsigned char>(ch) >= 0x20 || ch == '\t') out += ch;
    }
  }
  return out;
}

std::string fold(std::string_view line) {
  std::string out;
  std::size_t room = 75; // the first physical line; continuations lose one to the space
  while (line.size() > room) {
    std::size_t cut = room;
    // Never split a UTF-8 sequence: back up over continuation bytes.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
      --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    room = 74;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

namespace {

std::string stamp(clock::Instant t, long offset, bool utc) {
  const auto local = t + std::chrono::seconds(offset);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(local - day);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}{}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                     utc ? "Z" : "");
}

std::string offset_text(long seconds) {
  const char sign = seconds < 0 ? '-' : '+';
  const long a = seconds < 0 ? -seconds : seconds;
  if (a % 60 != 0) return fmt::format("{}{:02}{:02}{:02}", sign, a / 3600, a / 60 % 60, a % 60);
  return fmt::format("{}{:02}{:02}", sign, a / 3600, a / 60 % 60);
}

void prop(std::string& out, std::string_view name, std::string_view value) {
  out += fold(std::string(name) + ":" + std::string(value));
}

} // namespace

std::string local_stamp(clock::Instant t, const std::string& zone) {
  return stamp(t, clock::utc_offset(t, zone), false);
}

std::string utc_stamp(clock::Instant t) {
  return stamp(t, 0, true);
}

std::string vtimezone(const std::string& zone, clock::Instant from, clock::Instant to) {
  using namespace std::chrono;
  // Observances from a year before the first event to a year after the last:
  // the offset in force at the start, then every change, each found to the
  // second by bisection between two days that differ.
  const auto begin = from - days(366);
  const auto end = to + days(366);
  struct Change {
    clock::Instant at;
    long before;
    clock::ZoneState after;
  };
  std::vector<Change> changes;
  auto state = clock::zone_state(begin, zone);
  const auto first = state;
  for (auto t = begin + days(1); t <= end; t += days(1)) {
    const auto next = clock::zone_state(t, zone);
    if (next.offset == state.offset && next.dst == state.dst) continue;
    auto lo = t - days(1), hi = t; // state at lo, next at hi
    while (hi - lo > seconds(1)) {
      const auto mid = lo + (hi - lo) / 2;
      const auto s = clock::zone_state(mid, zone);
      if (s.offset == state.offset && s.dst == state.dst)
        lo = mid;
      else
        hi = mid;
    }
    changes.push_back({hi, state.offset, next});
    state = next;
  }
  std::string out;
  prop(out, "BEGIN", "VTIMEZONE");
  prop(out, "TZID", zone);
  auto observance = [&](clock::Instant at, long before, const clock::ZoneState& s) {
    const char* kind = s.dst ? "DAYLIGHT" : "STANDARD";
    prop(out, "BEGIN", kind);
    // DTSTART is the local time of the onset, read in the offset before it.
    prop(out, "DTSTART", stamp(at, before, false));
    prop(out, "TZOFFSETFROM", offset_text(before));
    prop(out, "TZOFFSETTO", offset_text(s.offset));
    if (!s.abbrev.empty()) prop(out, "TZNAME", s.abbrev);
    prop(out, "END", kind);
  };
  // The first observance from the start of that day (1970 for a zone that
  // never changed in the span, as Asia/Shanghai).
  observance(changes.empty() ? clock::Instant(seconds(-first.offset))
                             : floor<days>(begin + seconds(first.offset)) - seconds(first.offset),
             first.offset, first);
  for (const auto& c : changes)
    observance(c.at, c.before, c.after);
  prop(out, "END", "VTIMEZONE");
  return out;
}

std::string calendar(const std::string& name, const std::string& zone,
                     const std::vector<Event>& events) {
  std::string out;
  prop(out, "BEGIN", "VCALENDAR");
  prop(out, "VERSION", "2.0");
  prop(out, "PRODID", "-//consult//consult " CONSULT_VERSION "//EN");
  prop(out, "CALSCALE", "GREGORIAN");
  prop(out, "METHOD", "PUBLISH");
  prop(out, "X-WR-CALNAME", escape(name));
  prop(out, "X-WR-TIMEZONE", zone);
  if (!events.empty()) {
    auto lo = events.front().start, hi = events.front().start;
    for (const auto& e : events) {
      lo = std::min(lo, e.start);
      hi = std::max(hi, e.end.value_or(e.start));
    }
    out += vtimezone(zone, lo, hi);
  }
  const std::string tz = ";TZID=" + zone;
  for (const auto& e : events) {
    prop(out, "BEGIN", "VEVENT");
    prop(out, "UID", e.uid);
    prop(out, "DTSTAMP", utc_stamp(e.stamp));
    prop(out, "SEQUENCE", std::to_string(e.sequence));
    if (e.last_modified) prop(out, "LAST-MODIFIED", utc_stamp(*e.last_modified));
    prop(out, "DTSTART" + tz, local_stamp(e.start, zone));
    if (e.end) prop(out, "DTEND" + tz, local_stamp(*e.end, zone));
    if (!e.rrule.empty()) prop(out, "RRULE", e.rrule);
    if (!e.exdates.empty()) {
      std::string list;
      for (const auto& x : e.exdates)
        list += (list.empty() ? "" : ",") + local_stamp(x, zone);
      prop(out, "EXDATE" + tz, list);
    }
    prop(out, "SUMMARY", escape(e.summary));
    if (!e.location.empty()) prop(out, "LOCATION", escape(e.location));
    if (!e.description.empty()) prop(out, "DESCRIPTION", escape(e.description));
    if (!e.url.empty()) prop(out, "URL", e.url);
    if (!e.categories.empty()) prop(out, "CATEGORIES", escape(e.categories));
    prop(out, "STATUS", e.status);
    prop(out, "END", "VEVENT");
  }
  prop(out, "END", "VCALENDAR");
  return out;
}

} // namespace consult::ics
