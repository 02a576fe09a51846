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
