#include "consult/clock.hpp"

#include <doctest/doctest.h>

using namespace consult::clock;

TEST_CASE("parse_date accepts real dates only") {
  CHECK(parse_date("2026-11-21").has_value());
  CHECK(parse_date("2026/11/21").has_value());
  CHECK(parse_date("2024-02-29").has_value());
  CHECK_FALSE(parse_date("2026-02-29").has_value());
  CHECK_FALSE(parse_date("2026-13-01").has_value());
  CHECK_FALSE(parse_date("2026-1-1").has_value());
  CHECK_FALSE(parse_date("2026-11/21").has_value());
  CHECK_FALSE(parse_date("").has_value());
  CHECK(format_date(*parse_date("2026.03.05")) == "2026-03-05");
}

TEST_CASE("instants are read in the community's zone unless an offset is given") {
  const auto local = parse_instant("2026-11-21 09:30", "Asia/Shanghai");
  REQUIRE(local);
  CHECK(format_rfc3339(*local, "UTC") == "2026-11-21T01:30:00+00:00");
  CHECK(format_rfc3339(*local, "Asia/Shanghai") == "2026-11-21T09:30:00+08:00");
  const auto z = parse_instant("2026-11-21T01:30:00Z", "Asia/Shanghai");
  REQUIRE(z);
  CHECK(*z == *local);
  const auto off = parse_instant("2026-11-21T09:30:00+08:00", "UTC");
  REQUIRE(off);
  CHECK(*off == *local);
  CHECK(parse_instant("2026-11-21", "Asia/Shanghai").has_value());
  CHECK_FALSE(parse_instant("2026-11-21 25:00", "Asia/Shanghai").has_value());
  CHECK_FALSE(parse_instant("yesterday", "Asia/Shanghai").has_value());
  CHECK_FALSE(parse_instant("2026-11-21 09:30 extra", "Asia/Shanghai").has_value());
}

TEST_CASE("the local date depends on the zone") {
  const auto t = parse_instant("2026-11-21T17:00:00Z", "UTC");
  REQUIRE(t);
  CHECK(format_date(local_date(*t, "UTC")) == "2026-11-21");
  CHECK(format_date(local_date(*t, "Asia/Shanghai")) == "2026-11-22");
  CHECK(format_local(*t, "Asia/Shanghai") == "2026-11-22 01:00");
}

TEST_CASE("known zones come from tzdata") {
  CHECK(known_zone("Asia/Shanghai"));
  CHECK(known_zone("UTC"));
  CHECK_FALSE(known_zone("Mars/Olympus"));
  CHECK_FALSE(known_zone("../../etc/passwd"));
}

TEST_CASE("a fixed clock is fixed") {
  const auto t = *parse_instant("2026-11-21 10:00", "Asia/Shanghai");
  Clock c(t);
  CHECK(c.fixed());
  CHECK(c.now() == t);
  CHECK_FALSE(Clock().fixed());
}
