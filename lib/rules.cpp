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
  q.reason = i18n::tr(counted == Counted::seats ? N_("{} of {} seats present; needs {} = {}; {}")
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

} // namespace consult::rules
