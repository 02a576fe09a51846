#include "consult/rules.hpp"

#include "consult/i18n.hpp"

#include <fmt/format.h>

namespace consult::rules {

namespace {
// Products of counts or areas by fraction terms can pass 64 bits.
__extension__ typedef __int128 Wide;
} // namespace

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
      i18n::tr(counted == Counted::seats ? N_("{} of {} seats present; needs {} = {}; {}")
                                         : N_("{} of {} entitled present; needs {} = {}; {}"),
               present, base, t.str(), q.needed, q.quorate ? _("quorate") : _("not quorate"));
  return q;
}

std::vector<Shortfall>
composition_shortfalls(const config::Community& community,
                       const std::vector<std::pair<std::string, int>>& present_by_seat) {
  std::vector<Shortfall> out;
  for (const auto& req : community.rules.require_present) {
    int present = 0;
    for (const auto& [seat, n] : present_by_seat)
      if (seat == req.seat) present += n;
    if (present < req.min_present) {
      const auto* seat = community.seat(req.seat);
      out.push_back({req.seat, seat ? seat->label : req.seat, req.min_present, present});
    }
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

Threshold threshold_of(const config::Fraction& share, bool inclusive) {
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

Decision decide(const config::Profile& profile, const Count& c, int matter) {
  if (profile.key == "civil-code-278") return owners(c, matter);
  Decision d;
  const auto q =
      quorum(c.present, c.members, threshold_of(profile.quorum, profile.quorum_inclusive),
             profile.key == "residents-meeting" ? Counted::entitled : Counted::seats);
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
