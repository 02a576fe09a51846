#include "consult/rules.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

using namespace consult;
using namespace consult::rules;

namespace {
Threshold at_least(std::int64_t n, std::int64_t d) {
  return {{n, d}, Bound::at_least};
}
Threshold more_than(std::int64_t n, std::int64_t d) {
  return {{n, d}, Bound::more_than};
}
} // namespace

TEST_CASE("以上 includes the bound, 过半数 does not") {
  // At least 2/3 (以上) of 11 seats: 22/3 = 7.33 → 8; of 9: exactly 6.
  CHECK(needed(11, at_least(2, 3)) == 8);
  CHECK(needed(9, at_least(2, 3)) == 6);
  CHECK(needed(12, at_least(2, 3)) == 8);
  // More than half (过半数): of 10 → 6, of 11 → 6, of 1 → 1, of 2 → 2.
  CHECK(needed(10, more_than(1, 2)) == 6);
  CHECK(needed(11, more_than(1, 2)) == 6);
  CHECK(needed(1, more_than(1, 2)) == 1);
  CHECK(needed(2, more_than(1, 2)) == 2);
  // At least 3/4 of 8 → 6, of 9 → 7 (27/4 = 6.75).
  CHECK(needed(8, at_least(3, 4)) == 6);
  CHECK(needed(9, at_least(3, 4)) == 7);
  // Unanimity: all of them. More than all: impossible (base + 1).
  CHECK(needed(7, at_least(1, 1)) == 7);
  CHECK(needed(7, more_than(1, 1)) == 8);
}

TEST_CASE("meets agrees with needed at every count") {
  for (std::int64_t base = 1; base <= 60; ++base)
    for (const auto& t : {at_least(2, 3), more_than(1, 2), at_least(3, 4), more_than(2, 3)})
      for (std::int64_t count = 0; count <= base; ++count) {
        CAPTURE(base);
        CAPTURE(count);
        // The definition, in exact rationals: count/base against num/den.
        const auto lhs = count * t.share.den, rhs = base * t.share.num;
        const bool expected = t.bound == Bound::at_least ? lhs >= rhs : lhs > rhs;
        CHECK(meets(count, base, t) == expected);
      }
}

TEST_CASE("a tie fails a majority; an empty base meets nothing") {
  CHECK_FALSE(meets(5, 10, more_than(1, 2)));
  CHECK(meets(6, 10, more_than(1, 2)));
  CHECK_FALSE(meets(0, 0, more_than(1, 2)));
  CHECK_FALSE(meets(0, 0, at_least(2, 3)));
}

TEST_CASE("weighted thresholds on areas in hundredths of m², exactly") {
  // 8,012.40 of 10,230.55 m² (78.3%) is at least 2/3.
  CHECK(meets_weighted(801240, 1023055, at_least(2, 3)));
  // Exactly 2/3 meets 以上; exactly 1/2 does not meet 过半数.
  CHECK(meets_weighted(20000, 30000, at_least(2, 3)));
  CHECK_FALSE(meets_weighted(19999, 30000, at_least(2, 3)));
  CHECK_FALSE(meets_weighted(15000, 30000, more_than(1, 2)));
  CHECK(meets_weighted(15001, 30000, more_than(1, 2)));
  // No overflow with large areas and fine fractions.
  CHECK(meets_weighted(7'500'000'000'000, 10'000'000'000'000, at_least(3, 4)));
  CHECK_FALSE(meets_weighted(7'499'999'999'999, 10'000'000'000'000, at_least(3, 4)));
}

TEST_CASE("the quorum statement gives its arithmetic") {
  const auto q = quorum(7, 11, at_least(2, 3));
  CHECK_FALSE(q.quorate);
  CHECK(q.needed == 8);
  CHECK(q.reason == "7 of 11 seats present; needs ≥ 2/3 = 8; not quorate");
  CHECK(quorum(8, 11, at_least(2, 3)).reason == "8 of 11 seats present; needs ≥ 2/3 = 8; quorate");
  CHECK(quorum(6, 11, more_than(1, 2)).quorate);
}

TEST_CASE("composition requirements are counted by seat") {
  const std::vector<Requirement> required = {{"women", 1}, {"committee", 2}};
  CHECK(composition_shortfalls(required, {{"committee", 2}, {"women", 1}}).empty());
  const auto s = composition_shortfalls(required, {{"committee", 1}, {"committee", 0}});
  REQUIRE(s.size() == 2);
  CHECK(s[0].seat == "women");
  CHECK(s[0].label == "women");
  CHECK(s[1].required == 2);
  CHECK(s[1].present == 1);
}

TEST_CASE("composition requirements name what is missing") {
  auto c = test::community();
  c.council.seats.push_back({"women", "妇女代表", 1, 1, {{"吴丽华", "", {}, {}}}});
  c.rules.require_present = {{"women", 1}};
  CHECK(composition_shortfalls(c, {{"committee", 2}, {"women", 1}}).empty());
  const auto s = composition_shortfalls(c, {{"committee", 2}});
  REQUIRE(s.size() == 1);
  CHECK(s[0].label == "妇女代表");
  CHECK(s[0].required == 1);
  CHECK(s[0].present == 0);
}

// Decisions under the named profiles, at and around each boundary, from the
// rules' own words.
namespace {
config::Profile builtin(const char* key) {
  return *config::find_profile(test::community(), key);
}
Count votes(std::int64_t members, std::int64_t present, std::int64_t yes, std::int64_t no,
            std::int64_t abstain = 0) {
  Count c;
  c.members = members;
  c.present = present;
  c.yes = yes;
  c.no = no;
  c.abstain = abstain;
  return c;
}
} // namespace

TEST_CASE("majorities: a tie fails; abstentions are not votes cast") {
  const auto cast = builtin("majority-cast");
  CHECK_FALSE(decide(cast, votes(11, 11, 5, 5, 1)).approved); // tie
  CHECK(decide(cast, votes(11, 11, 6, 5)).approved);
  CHECK(decide(cast, votes(12, 12, 4, 3, 5)).approved); // 4 of 7 cast
  const auto present = builtin("majority-present");
  CHECK(decide(present, votes(11, 11, 6, 5)).approved);          // more than half of 11: 6
  CHECK_FALSE(decide(present, votes(11, 10, 5, 0, 5)).approved); // 5 of 10 is half
  const auto members = builtin("majority-members");
  CHECK_FALSE(decide(members, votes(11, 8, 5, 3)).approved); // needs 6 of 11 members
  CHECK(decide(members, votes(11, 8, 6, 2)).approved);
  // The quorum of these profiles: more than half of the members.
  const auto d = decide(present, votes(10, 5, 5, 0));
  CHECK_FALSE(d.quorate);
  CHECK_FALSE(d.approved);
  CHECK(d.reason == "rejected: 5 of 10 seats present; needs > 1/2 = 6; not quorate");
  // Nobody there, or everyone abstaining: nothing passes.
  CHECK_FALSE(decide(present, votes(10, 0, 0, 0)).quorate);
  CHECK_FALSE(decide(cast, votes(10, 10, 0, 0, 10)).approved);
  CHECK_FALSE(decide(members, votes(0, 0, 0, 0)).approved);
}

TEST_CASE("two-thirds, three-quarters, unanimity and consensus") {
  const auto two = builtin("two-thirds");
  CHECK(decide(two, votes(9, 9, 6, 3)).approved);       // exactly 2/3 (以上)
  CHECK_FALSE(decide(two, votes(9, 9, 5, 4)).approved); // one short
  CHECK(decide(two, votes(9, 9, 7, 2)).approved);       // one over
  CHECK(decide(two, votes(10, 10, 7, 3)).approved);     // 6.67 → 7
  CHECK_FALSE(decide(two, votes(10, 10, 6, 4)).approved);
  const auto three = builtin("three-quarters");
  CHECK(decide(three, votes(8, 8, 6, 2)).approved);       // exactly 3/4
  CHECK_FALSE(decide(three, votes(8, 8, 5, 3)).approved); // one short
  CHECK(decide(three, votes(8, 8, 7, 1)).approved);       // one over
  CHECK_FALSE(decide(three, votes(9, 9, 6, 3)).approved); // needs 7 (6.75)
  const auto all = builtin("unanimous");
  CHECK(decide(all, votes(7, 7, 7, 0)).approved);
  CHECK_FALSE(decide(all, votes(7, 7, 6, 0, 1)).approved);
  const auto consensus = builtin("consensus");
  auto c = votes(7, 6, 0, 0);
  CHECK(decide(consensus, c).approved);
  c.objection = true;
  const auto d = decide(consensus, c);
  CHECK_FALSE(d.approved);
  CHECK(d.reason.find("an objection was recorded") != std::string::npos);
}

TEST_CASE("residents' meeting and village representatives, by the law's words") {
  const auto residents = builtin("residents-meeting");
  // More than half of those entitled present (过半数): 600 of 1200 is not.
  CHECK_FALSE(decide(residents, votes(1200, 600, 600, 0)).quorate);
  // More than half of those present agree: of 601 present, 301.
  CHECK(decide(residents, votes(1200, 601, 301, 300)).approved);
  const auto d = decide(residents, votes(1200, 601, 300, 301));
  CHECK_FALSE(d.approved);
  CHECK(d.reason == "rejected: 300 of 601 present agree; needs > 1/2 = 301; "
                    "601 of 1200 entitled present; needs > 1/2 = 601; quorate");
  const auto village = builtin("village-representatives");
  CHECK(decide(village, votes(30, 20, 11, 9)).quorate); // exactly 2/3 present (以上)
  CHECK_FALSE(decide(village, votes(30, 19, 19, 0)).quorate);
  CHECK_FALSE(decide(village, votes(30, 20, 10, 10)).approved); // a tie fails
}

TEST_CASE("owners' joint decision (Civil Code art. 278): double majority by area and head") {
  const auto owners = builtin("civil-code-278");
  Count c;
  c.members = 500; // owners by head on the roster
  c.area_total = *parse_area("10230.55");
  c.present = 400; // owners taking part
  c.area_participating = *parse_area("8012.40");

  // Matter 4 (engaging a property company): more than half of the area and of
  // the owners taking part.
  c.yes = 201;
  c.area_yes = 400621; // 4,006.21 m²: more than half of 8,012.40
  auto d = decide(owners, c, 4);
  CHECK(d.quorate);
  CHECK(d.approved);
  CHECK(d.reason.rfind("approved: area 8,012.40 of 10,230.55 m² taking part (78.3%) ≥ 2/3; "
                       "owners 400 of 500 taking part (80.0%) ≥ 2/3; area 4,006.21 of "
                       "8,012.40 m² agree (50.0%) meets > 1/2; ",
                       0) == 0);
  c.area_yes = 400620; // exactly half: not more than half
  CHECK_FALSE(decide(owners, c, 4).approved);
  c.area_yes = 400621;
  c.yes = 200; // exactly half of the owners
  CHECK_FALSE(decide(owners, c, 4).approved);

  // Matter 7 (rebuilding): at least 3/4 of each.
  c.yes = 300;         // exactly 3/4 of 400
  c.area_yes = 600930; // exactly 3/4 of 8,012.40 m²
  CHECK(decide(owners, c, 7).approved);
  c.area_yes = 600929;
  CHECK_FALSE(decide(owners, c, 7).approved);
  c.area_yes = 600930;
  c.yes = 299;
  CHECK_FALSE(decide(owners, c, 7).approved);
  c.yes = 400;
  c.area_yes = 801240;
  CHECK(decide(owners, c, 6).approved);
  CHECK(decide(owners, c, 8).approved);

  // Taking part: at least 2/3 of the area and 2/3 of the owners.
  Count p;
  p.members = 3;
  p.present = 2;
  p.area_total = 300000;
  p.area_participating = 200000; // exactly 2/3
  p.yes = 2;
  p.area_yes = 200000;
  CHECK(decide(owners, p, 1).quorate);
  p.area_participating = 199999;
  CHECK_FALSE(decide(owners, p, 1).quorate);
  p.area_participating = 200000;
  p.present = 1; // 1 of 3 owners
  CHECK_FALSE(decide(owners, p, 1).quorate);

  // Nobody took part; a matter the article does not have.
  CHECK_FALSE(decide(owners, Count{}, 4).approved);
  CHECK(decide(owners, c, 10).reason.find("matters 1 to 9") != std::string::npos);
  CHECK_FALSE(decide(owners, c, 0).approved);
}

TEST_CASE("areas are exact decimals") {
  CHECK(parse_area("10.1") == 1010);
  CHECK(parse_area("10.10") == 1010);
  CHECK(parse_area("0.05") == 5);
  CHECK(parse_area("88") == 8800);
  CHECK_FALSE(parse_area("10.101"));
  CHECK_FALSE(parse_area("-1"));
  CHECK_FALSE(parse_area("1."));
  CHECK_FALSE(parse_area(""));
  CHECK_FALSE(parse_area("12a"));
  std::int64_t sum = 0;
  for (int i = 0; i < 20; ++i)
    sum += *parse_area("10.10");
  CHECK(format_area(sum) == "202.00");
  CHECK(format_area(801240) == "8,012.40");
  CHECK(format_area(123456789) == "1,234,567.89");
  CHECK(format_area(5) == "0.05");
}

TEST_CASE("built-in profiles: the law's thresholds, word for word") {
  // 城市居民委员会组织法 art. 9: more than half of those entitled attend;
  // more than half of those present decide.
  const auto residents = builtin_profile("residents-meeting");
  CHECK(residents.quorum.str() == "1/2");
  CHECK_FALSE(residents.quorum_inclusive);
  CHECK(residents.threshold.str() == "1/2");
  CHECK(residents.threshold_of == "present");
  CHECK_FALSE(residents.threshold_inclusive);
  // Village representatives: at least 2/3 present; more than half of them agree.
  const auto village = builtin_profile("village-representatives");
  CHECK(village.quorum.str() == "2/3");
  CHECK(village.quorum_inclusive);
  CHECK(village.threshold.str() == "1/2");
  CHECK_FALSE(village.threshold_inclusive);
  // 民法典 art. 278: at least 2/3 by head take part.
  const auto owners = builtin_profile("civil-code-278");
  CHECK(owners.quorum.str() == "2/3");
  CHECK(owners.quorum_inclusive);
  for (const auto& name : builtin_profiles()) {
    CHECK(is_builtin_profile(name));
    CHECK(builtin_profile(name).key == name);
  }
}

TEST_CASE("regression: an unknown profile name is a configuration error, not the Civil Code's") {
  CHECK_FALSE(is_builtin_profile("civil-code"));
  CHECK(test::kind_of([] { builtin_profile("civil-code"); }) == ErrorKind::config);
  try {
    builtin_profile("civil-code");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "unknown rule profile 'civil-code'");
    CHECK(e.hint().find("majority-cast") != std::string::npos);
    CHECK(e.hint().find("civil-code-278") != std::string::npos);
  }
  CHECK(exit_status(ErrorKind::config) == 78);
}
