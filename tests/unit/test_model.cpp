#include "consult/model.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>

using namespace consult::model;
using S = IssueStatus;
using A = IssueAction;

TEST_CASE("the issue life cycle follows three up, three down") {
  // The whole table, written out: every (status, action) pair not listed is refused.
  const std::map<std::pair<S, A>, S> allowed = {
      {{S::collected, A::accept}, S::accepted},     {{S::collected, A::reject}, S::rejected},
      {{S::collected, A::merge}, S::merged},        {{S::collected, A::escalate}, S::escalated},
      {{S::accepted, A::consult}, S::consulting},   {{S::accepted, A::reject}, S::rejected},
      {{S::accepted, A::merge}, S::merged},         {{S::accepted, A::escalate}, S::escalated},
      {{S::consulting, A::consult}, S::consulting}, {{S::consulting, A::decide}, S::decided},
      {{S::consulting, A::reject}, S::rejected},    {{S::consulting, A::merge}, S::merged},
      {{S::consulting, A::escalate}, S::escalated}, {{S::decided, A::implement}, S::implementing},
      {{S::decided, A::consult}, S::consulting},    {{S::decided, A::escalate}, S::escalated},
      {{S::implementing, A::resolve}, S::resolved}, {{S::implementing, A::escalate}, S::escalated},
      {{S::escalated, A::resolve}, S::resolved},    {{S::escalated, A::close}, S::closed},
      {{S::escalated, A::answer}, S::consulting},   {{S::resolved, A::close}, S::closed},
  };
  for (auto s : kAllStatuses) {
    for (auto a : kAllActions) {
      CAPTURE(to_string(s));
      CAPTURE(to_string(a));
      const auto it = allowed.find({s, a});
      const auto next = next_status(s, a);
      if (it == allowed.end())
        CHECK_FALSE(next.has_value());
      else
        CHECK(next == it->second);
    }
  }
}

TEST_CASE("terminal statuses allow nothing and are not open") {
  for (auto s : {S::rejected, S::merged, S::closed}) {
    CHECK(allowed_actions(s).empty());
    CHECK_FALSE(is_open(s));
    CHECK_FALSE(accepts_comments(s));
  }
  CHECK(is_open(S::collected));
  CHECK(is_open(S::escalated));
}

TEST_CASE("allowed actions are listed in a fixed order") {
  const auto a = allowed_actions(S::collected);
  REQUIRE(a.size() == 4);
  CHECK(a[0] == A::accept);
  CHECK(a[1] == A::reject);
  CHECK(a[2] == A::merge);
  CHECK(a[3] == A::escalate);
}

TEST_CASE("statuses and actions round-trip through their keys") {
  std::set<std::string_view> keys;
  for (auto s : kAllStatuses) {
    CHECK(parse_status(to_string(s)) == s);
    keys.insert(to_string(s));
  }
  CHECK(keys.size() == std::size(kAllStatuses));
  for (auto a : kAllActions)
    CHECK(parse_action(to_string(a)) == a);
  CHECK_FALSE(parse_status("open").has_value());
  CHECK_FALSE(parse_action("delete").has_value());
}

TEST_CASE("comments are taken while an issue is being worked on") {
  CHECK_FALSE(accepts_comments(S::collected));
  CHECK(accepts_comments(S::accepted));
  CHECK(accepts_comments(S::consulting));
  CHECK_FALSE(accepts_comments(S::resolved));
}

TEST_CASE("escalation goes to the street or the district") {
}
