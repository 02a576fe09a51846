#include "consult/ics.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace consult;

namespace {
clock::Instant at(const char* text, const char* zone = "Asia/Shanghai") {
  return *clock::parse_instant(text, zone);
}
} // namespace

TEST_CASE("text values are escaped as RFC 5545 says") {
  CHECK(ics::escape("a,b;c\\d") == "a\\,b\\;c\\\\d");
  CHECK(ics::escape("一\n二\r\n三") == "一\\n二\\n三");
  CHECK(ics::escape(std::string("x\x01y")) == "xy");
}

TEST_CASE("lines fold at 75 octets without splitting a UTF-8 character") {
  const std::string short_line = "SUMMARY:议事会";
  CHECK(ics::fold(short_line) == short_line + "\r\n");
  std::string long_line = "DESCRIPTION:";
  for (int i = 0; i < 40; ++i)
    long_line += "漏水"; // 3 octets each
  const auto folded = ics::fold(long_line);
  std::istringstream in(folded);
  std::string line, joined;
  bool first = true;
  while (std::getline(in, line)) {
    REQUIRE(!line.empty());
    CHECK(line.back() == '\r');
    line.pop_back();
    CHECK(line.size() <= 75);
    if (!first) {
      CHECK(line[0] == ' ');
      line.erase(0, 1);
    }
    // A physical line never starts with a UTF-8 continuation byte.
    if (!line.empty()) CHECK((static_cast<unsigned char>(line[0]) & 0xC0) != 0x80);
    joined += line;
    first = false;
  }
  CHECK(joined == long_line);
}

TEST_CASE("stamps are local or UTC") {
  const auto t = at("2026-12-02 19:30");
  CHECK(ics::local_stamp(t, "Asia/Shanghai") == "20261202T193000");
  CHECK(ics::utc_stamp(t) == "20261202T113000Z");
}

TEST_CASE("a VTIMEZONE has one observance per offset change") {
  const auto shanghai =
      ics::vtimezone("Asia/Shanghai", at("2026-12-02 19:30"), at("2026-12-30 19:30"));
  CHECK(shanghai.find("TZID:Asia/Shanghai") != std::string::npos);
  CHECK(shanghai.find("TZOFFSETTO:+0800") != std::string::npos);
  CHECK(shanghai.find("DAYLIGHT") == std::string::npos);
  CHECK(shanghai.find("DTSTART:19700101T000000") != std::string::npos);

  // Berlin changes twice a year: the span 2025-12 .. 2027-12 holds four
  // changes (2026-03-29 01:00Z, 2026-10-25 01:00Z, 2027-03-28, 2027-10-31).
  const auto berlin = ics::vtimezone("Europe/Berlin", at("2026-12-02 19:30", "Europe/Berlin"),
                                     at("2026-12-03 19:30", "Europe/Berlin"));
  std::size_t summers = 0, pos = 0;
  while ((pos = berlin.find("BEGIN:DAYLIGHT", pos)) != std::string::npos) {
    ++summers;
    ++pos;
  }
  CHECK(summers == 2);
  CHECK(berlin.find("DTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200") !=
        std::string::npos);
  CHECK(berlin.find("DTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100") !=
        std::string::npos);
}

TEST_CASE("a calendar holds its events with zone, rules and exceptions") {
  ics::Event e;
  e.uid = "schedule-heping-council@consult";
  e.stamp = at("2026-11-20 09:30");
  e.start = at("2026-12-02 19:30");
  e.end = at("2026-12-02 21:00");
  e.summary = "居民议事会例会";
  e.rrule = "FREQ=WEEKLY;BYDAY=WE";
  e.exdates = {at("2026-12-09 19:30")};
  const auto cal = ics::calendar("和平里社区", "Asia/Shanghai", {e});
  CHECK(cal.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
  CHECK(cal.find("DTSTART;TZID=Asia/Shanghai:20261202T193000\r\n") != std::string::npos);
  CHECK(cal.find("RRULE:FREQ=WEEKLY;BYDAY=WE\r\n") != std::string::npos);
  CHECK(cal.find("EXDATE;TZID=Asia/Shanghai:20261209T193000\r\n") != std::string::npos);
  CHECK(cal.find("DTSTAMP:20261120T013000Z\r\n") != std::string::npos);
  CHECK(cal.size() >= 15);
  CHECK(cal.substr(cal.size() - 15) == "END:VCALENDAR\r\n");
}

TEST_CASE("an event states its revision: SEQUENCE always, LAST-MODIFIED when known") {
  ics::Event e;
  e.uid = "meeting-heping-2-0123456789ab@consult";
  e.stamp = at("2026-11-27 17:00");
  e.start = at("2026-12-09 19:30");
  e.summary = "居民议事会例会";
  const auto first = ics::calendar("和平里社区", "Asia/Shanghai", {e});
  CHECK(first.find("DTSTAMP:20261127T090000Z\r\nSEQUENCE:0\r\n") != std::string::npos);
  CHECK(first.find("LAST-MODIFIED") == std::string::npos);

  e.sequence = 2;
  e.last_modified = at("2026-11-25 08:15");
  e.status = "CANCELLED";
  const auto changed = ics::calendar("和平里社区", "Asia/Shanghai", {e});
  CHECK(changed.find("\r\nSEQUENCE:2\r\nLAST-MODIFIED:20261125T001500Z\r\n") != std::string::npos);
  CHECK(changed.find("\r\nSTATUS:CANCELLED\r\n") != std::string::npos);
  CHECK(changed.find("SEQUENCE:0") == std::string::npos);
}
