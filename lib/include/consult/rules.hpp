#pragma once
/// \file
/// The arithmetic of rules of procedure and law: quorums and thresholds as
/// exact integer arithmetic, with the law's words for inclusive and exclusive
/// bounds. Pure functions: no I/O, no database.
///
/// "以上" (at least) includes the bound; "过半数" (more than half) and "超过"
/// (more than) do not. "2/3 以上 of 11" needs 8 (22/3 = 7.33 → 8);
/// "过半数 of 10" needs 6; "过半数 of 11" needs 6.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consult::rules {

/// An exact fraction num/den with 0 <= num <= den, den > 0.
struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;
  std::string str() const; ///< "2/3"
};

/// A named rule profile: who must be present, and what share must agree.
struct Profile {
  std::string key;
  std::string label;
  Fraction quorum;              ///< share of members that must be present
  bool quorum_inclusive = true; ///< true: "以上" (at least); false: "超过/过半数" (more than)
  Fraction threshold;           ///< share of the base that must agree
  std::string threshold_of = "present"; ///< cast | present | members
  bool threshold_inclusive = false;
};

/// The names of the profiles built into consult (see docs/meetings.md).
const std::vector<std::string>& builtin_profiles();

/// True if `key` names a built-in profile.
bool is_builtin_profile(const std::string& key);

/// The built-in profile `key`. Where the law speaks, its words: the Urban
/// Residents' Committee Organization Law art. 9 (`residents-meeting`),
/// village representatives' meetings (`village-representatives`), Civil Code
/// art. 278 (`civil-code-278`). Error(config) naming the built-in profiles
/// when `key` is none of them.
Profile builtin_profile(const std::string& key);

/// How a count is compared with its share of a base.
enum class Bound {
  at_least,  ///< 以上, ≥
  more_than, ///< 过半数, 超过, >
};

/// A share of a base, e.g. at least 2/3 or more than 1/2.
struct Threshold {
  Fraction share;
  Bound bound = Bound::at_least;
  /// "≥ 2/3" or "> 1/2".
  std::string str() const;
};

/// The smallest whole count that satisfies `t` out of `base` (0 <= result <=
/// base + 1; base + 1 means no count can, e.g. more than all of them).
/// Exact: no floating point.
std::int64_t needed(std::int64_t base, const Threshold& t);

/// True if `count` out of `base` satisfies `t`. A base of 0 satisfies nothing
/// that asks for more than nothing.
bool meets(std::int64_t count, std::int64_t base, const Threshold& t);

/// A quantity in hundredths (areas in m² to the centimetre²·100), for
/// weighted thresholds such as exclusive area under Civil Code art. 278.
/// True if `part` out of `whole` satisfies `t`, exactly.
bool meets_weighted(std::int64_t part_hundredths, std::int64_t whole_hundredths,
                    const Threshold& t);

/// The outcome of a quorum check, with its reasoning for people.
struct Quorum {
  bool quorate = false;
  std::int64_t present = 0;
  std::int64_t base = 0;
  std::int64_t needed = 0;
  /// e.g. "7 of 11 seats present; needs ≥ 2/3 = 8; not quorate"
  std::string reason;
};

/// What a quorum counts: council seats, or people entitled to attend (a
/// residents' meeting, an owners' assembly).
/// What a quorum counts: the council's seats, another body's members, or
/// heads of those entitled (residents, owners).
enum class Counted { seats, members, entitled };

/// Whether `present` of `base` make a quorum under `t`.
Quorum quorum(std::int64_t present, std::int64_t base, const Threshold& t,
              Counted counted = Counted::seats);

/// A composition rule not met, e.g. no women's representative present.
struct Shortfall {
  std::string seat;
  std::string label;
  int required = 0;
  int present = 0;
};

/// A composition requirement, e.g. at least one women's representative present.
struct Requirement {
  std::string seat;
  int min_present = 1;
};

/// The requirements of `required` that the people present do not meet;
/// `present_by_seat` gives how many of each seat category came. A
/// shortfall's label is its seat key (config::composition_shortfalls gives
/// the council's labels).
std::vector<Shortfall>
composition_shortfalls(const std::vector<Requirement>& required,
                       const std::vector<std::pair<std::string, int>>& present_by_seat);

/// An area in m² as exact hundredths: "8012.40" → 801240. nullopt for
/// anything but a non-negative decimal with at most two decimals.
std::optional<std::int64_t> parse_area(std::string_view text);
/// 801240 → "8,012.40".
std::string format_area(std::int64_t hundredths);

/// The counts a decision is taken on.
struct Count {
  std::int64_t members = 0; ///< those the quorum counts: seats, those entitled, owners by head
  std::int64_t present = 0; ///< present (owners: taking part)
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t abstain = 0;
  bool objection = false; ///< consensus: an objection was recorded
  /// Owners' decisions (civil-code-278): exclusive areas in hundredths of m².
  std::int64_t area_total = 0;
  std::int64_t area_participating = 0;
  std::int64_t area_yes = 0;
};

/// The outcome of a vote under a profile, with its reasoning for people.
struct Decision {
  bool quorate = false;
  bool approved = false;
  std::string reason; ///< e.g. "approved: 7 of 11 present agree; needs > 1/2 = 6"
};

/// Civil Code art. 278: matters 6–8 (raising maintenance funds; rebuilding or
/// renovating; changing the use of common parts) need at least 3/4 of the
/// participating area and owners; matters 1–5 and 9 more than half of each.
inline constexpr int kCivilCodeMatters = 9;

/// Decides a vote under `profile`. The decision base is the profile's
/// `threshold_of`: "cast" counts yes and no (an abstention is not a vote
/// cast for or against), "present" those present, "members" all members. A
/// tie fails every majority. `civil-code-278` takes the `matter` (1..9) and the
/// areas; `consensus` passes when no objection is recorded. Pure and exact.
/// `counted` says what the quorum counts (default: heads of those entitled
/// for the residents' meeting profile, else seats).
Decision decide(const Profile& profile, const Count& count, int matter = 0,
                std::optional<Counted> counted = std::nullopt);

} // namespace consult::rules
