#include "consult/rules.hpp"

#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace consult::rules {

namespace {
// Products of counts or areas by fraction terms can pass 64 bits.
__extension__ typedef __int128 Wide;
} // namespace

std::string Fraction::str() const {
  return fmt::format("{}/{}", num, den);
}

const std::vector<std::string>& builtin_profiles() {
  static const std::vector<std::string> kNames = {
      "majority-cast",           "majority-present", "majority-members", "two-thirds",
      "three-quarters",          "unanimous",        "consensus",        "residents-meeting",
      "village-representatives", "civil-code-278"};
  return kNames;
}

bool is_builtin_profile(const std::string& key) {
  const auto& names = builtin_profiles();
  return std::find(names.begin(), names.end(), key) != names.end();
}

// Where the law speaks, its words: the Urban Residents' Committee
// Organization Law art. 9 (more than half of those entitled present; more
// than half of those present agree); village representatives (at least 2/3
// present; more than half of those present); Civil Code art. 278 (at least
// 2/3 by head take part; its thresholds by matter and by area are decide()'s
// business). The others are rules of procedure with a quorum of more than
// half of the members.
Profile builtin_profile(const std::string& key) {
  const Fraction half{1, 2}, two_thirds{2, 3}, three_quarters{3, 4}, all{1, 1};
  auto make = [&](const char* label, Fraction quorum, bool q_incl, Fraction threshold,
                  const char* of, bool t_incl) {
    return Profile{key, label, quorum, q_incl, threshold, of, t_incl};
  };
  if (key == "majority-cast") return make("过半数（投票）", half, false, half, "cast", false);
  if (key == "majority-present") return make("过半数（出席）", half, false, half, "present", false);
  if (key == "majority-members") return make("过半数（全体）", half, false, half, "members", false);
  if (key == "two-thirds") return make("三分之二以上", half, false, two_thirds, "present", true);
  if (key == "three-quarters")
    return make("四分之三以上", half, false, three_quarters, "present", true);
  if (key == "unanimous") return make("全体一致", half, false, all, "present", true);
  if (key == "consensus") return make("协商一致", half, false, all, "cast", true);
  if (key == "residents-meeting") return make("居民会议", half, false, half, "present", false);
  if (key == "village-representatives")
    return make("村民代表会议", two_thirds, true, half, "present", false);
  if (key == "civil-code-278")
    return make("业主共同决定（民法典第二百七十八条）", two_thirds, true, half, "cast", false);
  throw Error(ErrorKind::config, i18n::tr(N_("unknown rule profile '{}'"), text::quote_input(key)),
              {},
              i18n::tr(N_("built-in profiles: {}"),
                       fmt::format("{}", fmt::join(builtin_profiles(), ", "))));
}

std::string Threshold::str() const {
  return fmt::format("{} {}", bound == Bound::at_least ? "≥" : ">", share.str());
}

std::int64_t needed(std::int64_t base, const Threshold& t) {
  if (base <= 0) return t.bound == Bound::more_than || t.share.num > 0 ? 1 : 0;
  // count/base ≥ num/den  ⇔  count·den ≥ base·num  ⇔  count ≥ ceil(base·num/den)
  // count/base > num/den  ⇔  count·den > base·num  ⇔  count ≥ floor(base·num/den) + 1
  const Wide product = static_cast<Wide>(base) * t.share.num;
  const Wide den = t.share.den;
  const Wide floor = product / den;
  const Wide result =
      t.bound == Bound::at_least ? (product % den == 0 ? floor : floor + 1) : floor + 1;
  return static_cast<std::int64_t>(result);
}

bool meets(std::int64_t count, std::int64_t base, const Threshold& t) {
  if (base <= 0) return false;
  return count >= needed(base, t);
}

bool meets_weighted(std::int64_t part, std::int64_t whole, const Threshold& t) {
  if (whole <= 0) return false;
  const Wide lhs = static_cast<Wide>(part) * t.share.den;
  const Wide rhs = static_cast<Wide>(whole) * t.share.num;
  return t.bound == Bound::at_least ? lhs >= rhs : lhs > rhs;
}

Quorum quorum(std::int64_t present, std::int64_t base, const Threshold& t, Counted counted) {
  Quorum q;
  q.present = present;
  q.base = base;
  q.needed = needed(base, t);
  q.quorate = meets(present, base, t);
  q.reason =
      i18n::tr(counted == Counted::seats     ? N_("{} of {} seats present; needs {} = {}; {}")
               : counted == Counted::members ? N_("{} of {} members present; needs {} = {}; {}")
                                             : N_("{} of {} entitled present; needs {} = {}; {}"),
               present, base, t.str(), q.needed, q.quorate ? _("quorate") : _("not quorate"));
  return q;
}

std::vector<Shortfall>
composition_shortfalls(const std::vector<Requirement>& required,
                       const std::vector<std::pair<std::string, int>>& present_by_seat) {
  std::vector<Shortfall> out;
  for (const auto& req : required) {
    int present = 0;
    for (const auto& [seat, n] : present_by_seat)
      if (seat == req.seat) present += n;
    if (present < req.min_present) out.push_back({req.seat, req.seat, req.min_present, present});
  }
  return out;
}

std::optional<std::int64_t> parse_area(std::string_view text) {
  std::int64_t whole = 0, frac = 0;
  std::size_t i = 0, digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
    if (whole > 100'000'000'000) return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t decimals = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++decimals) {
      if (decimals == 2) return std::nullopt;
      frac = frac * 10 + (text[i] - '0');
    }
    if (decimals == 0) return std::nullopt;
    if (decimals == 1) frac *= 10;
  }
  if (i != text.size()) return std::nullopt;
  return whole * 100 + frac;
}

std::string format_area(std::int64_t hundredths) {
  const std::string digits = std::to_string(hundredths / 100);
  std::string whole;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) whole += ',';
    whole += digits[i];
  }
  return fmt::format("{}.{:02}", whole, hundredths % 100);
}

namespace {

/// part/whole as a percentage with one decimal, rounded half up, exactly.
std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "0.0%";
  const Wide tenths = (static_cast<Wide>(part) * 2000 + whole) / (2 * static_cast<Wide>(whole));
  const auto t = static_cast<std::int64_t>(tenths);
  return fmt::format("{}.{}%", t / 10, t % 10);
}

Threshold threshold_of(const Fraction& share, bool inclusive) {
  return {share, inclusive ? Bound::at_least : Bound::more_than};
}

Decision owners(const Count& c, int matter) {
  Decision d;
  if (matter < 1 || matter > kCivilCodeMatters) {
    d.reason = i18n::tr(N_("Civil Code art. 278 names matters 1 to {}, not {}"), kCivilCodeMatters,
                        matter);
    return d;
  }
  const Threshold take_part{{2, 3}, Bound::at_least};
  const bool special = matter >= 6 && matter <= 8;
  const Threshold agree =
      special ? Threshold{{3, 4}, Bound::at_least} : Threshold{{1, 2}, Bound::more_than};
  const bool area_part = meets_weighted(c.area_participating, c.area_total, take_part);
  const bool head_part = meets(c.present, c.members, take_part);
  d.quorate = area_part && head_part;
  const bool area_yes = meets_weighted(c.area_yes, c.area_participating, agree);
  const bool head_yes = meets(c.yes, c.present, agree);
  d.approved = d.quorate && area_yes && head_yes;
  const std::string part = i18n::tr(
      N_("area {} of {} m² taking part ({}) {} {}; owners {} of {} taking part ({}) {} {}"),
      format_area(c.area_participating), format_area(c.area_total),
      percent(c.area_participating, c.area_total), area_part ? "≥" : "<", "2/3", c.present,
      c.members, percent(c.present, c.members), head_part ? "≥" : "<", "2/3");
  const std::string yes = i18n::tr(
      N_("area {} of {} m² agree ({}) {} {}; owners {} of {} agree ({}) {} {}"),
      format_area(c.area_yes), format_area(c.area_participating),
      percent(c.area_yes, c.area_participating), area_yes ? "meets" : "misses", agree.str(), c.yes,
      c.present, percent(c.yes, c.present), head_yes ? "meets" : "misses", agree.str());
  d.reason = fmt::format("{}: {}; {} ({})", d.approved ? _("approved") : _("rejected"), part, yes,
                         i18n::tr(N_("matter {} of art. 278"), matter));
  return d;
}

} // namespace

Decision decide(const Profile& profile, const Count& c, int matter,
                std::optional<Counted> counted) {
  if (profile.key == "civil-code-278") return owners(c, matter);
  Decision d;
  const auto q = quorum(
      c.present, c.members, threshold_of(profile.quorum, profile.quorum_inclusive),
      counted.value_or(profile.key == "residents-meeting" ? Counted::entitled : Counted::seats));
  d.quorate = q.quorate;
  if (!d.quorate) {
    d.reason = std::string(_("rejected")) + ": " + q.reason;
    return d;
  }
  if (profile.key == "consensus") {
    d.approved = !c.objection;
    d.reason =
        fmt::format("{}: {}; {}", d.approved ? _("approved") : _("rejected"), q.reason,
                    c.objection ? _("an objection was recorded") : _("no objection recorded"));
    return d;
  }
  std::int64_t base = c.present;
  const char* of = N_("present");
  if (profile.threshold_of == "cast") {
    base = c.yes + c.no;
    of = N_("cast for or against");
  } else if (profile.threshold_of == "members") {
    base = c.members;
    of = N_("members");
  }
  const auto t = threshold_of(profile.threshold, profile.threshold_inclusive);
  d.approved = meets(c.yes, base, t);
  d.reason = i18n::tr(N_("{}: {} of {} {} agree; needs {} = {}; {}"),
                      d.approved ? _("approved") : _("rejected"), c.yes, base, _(of), t.str(),
                      needed(base, t), q.reason);
  return d;
}

} // namespace consult::rules
