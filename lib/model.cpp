#include "consult/model.hpp"

#include "consult/i18n.hpp"

namespace consult::model {

std::string_view to_string(IssueStatus s) noexcept {
  switch (s) {
  case IssueStatus::collected:
    return "collected";
  case IssueStatus::accepted:
    return "accepted";
  case IssueStatus::rejected:
    return "rejected";
  case IssueStatus::merged:
    return "merged";
  case IssueStatus::consulting:
    return "consulting";
  case IssueStatus::decided:
    return "decided";
  case IssueStatus::implementing:
    return "implementing";
  case IssueStatus::resolved:
    return "resolved";
  case IssueStatus::closed:
    return "closed";
  case IssueStatus::escalated:
    return "escalated";
  }
  return "?";
}

std::string_view to_string(IssueAction a) noexcept {
  switch (a) {
  case IssueAction::accept:
    return "accept";
  case IssueAction::reject:
    return "reject";
  case IssueAction::merge:
    return "merge";
  case IssueAction::consult:
    return "consult";
  case IssueAction::escalate:
    return "escalate";
  case IssueAction::decide:
    return "decide";
  case IssueAction::implement:
    return "implement";
  case IssueAction::resolve:
    return "resolve";
  case IssueAction::close:
    return "close";
  case IssueAction::answer:
    return "answer";
  }
  return "?";
}

std::optional<IssueStatus> parse_status(std::string_view s) noexcept {
  for (auto st : kAllStatuses)
    if (to_string(st) == s) return st;
  return std::nullopt;
}

std::optional<IssueAction> parse_action(std::string_view s) noexcept {
  for (auto a : kAllActions)
    if (to_string(a) == s) return a;
  return std::nullopt;
}

const char* status_label(IssueStatus s) noexcept {
  switch (s) {
  case IssueStatus::collected:
    return _("collected");
  case IssueStatus::accepted:
    return _("accepted");
  case IssueStatus::rejected:
    return _("rejected");
  case IssueStatus::merged:
    return _("merged");
  case IssueStatus::consulting:
    return _("consulting");
  case IssueStatus::decided:
    return _("decided");
  case IssueStatus::implementing:
    return _("implementing");
  case IssueStatus::resolved:
    return _("resolved");
  case IssueStatus::closed:
    return _("closed");
  case IssueStatus::escalated:
    return _("escalated");
  }
  return "?";
}

std::optional<IssueStatus> next_status(IssueStatus from, IssueAction action) noexcept {
  using S = IssueStatus;
  using A = IssueAction;
  switch (from) {
  case S::collected:
    switch (action) {
    case A::accept:
      return S::accepted;
    case A::reject:
      return S::rejected;
    case A::merge:
      return S::merged;
    case A::escalate:
      return S::escalated;
    default:
      return std::nullopt;
    }
  case S::accepted:
    switch (action) {
    case A::consult:
      return S::consulting;
    case A::reject:
      return S::rejected;
    case A::merge:
      return S::merged;
    case A::escalate:
      return S::escalated;
    default:
      return std::nullopt;
    }
  case S::consulting:
    switch (action) {
    case A::consult:
      return S::consulting; // a further round
    case A::decide:
      return S::decided;
    case A::reject:
      return S::rejected;
    case A::merge:
      return S::merged;
    case A::escalate:
      return S::escalated;
    default:
      return std::nullopt;
    }
  case S::decided:
    switch (action) {
    case A::implement:
      return S::implementing;
    case A::consult:
      return S::consulting; // the decision is reopened
    case A::escalate:
      return S::escalated;
    default:
      return std::nullopt;
    }
  case S::implementing:
    switch (action) {
    case A::resolve:
      return S::resolved;
    case A::escalate:
      return S::escalated;
    default:
      return std::nullopt;
    }
  case S::escalated:
    switch (action) {
    case A::resolve:
      return S::resolved; // solved by the street or district
    case A::answer:
      return S::consulting; // answered and sent back to be consulted on again
    case A::close:
      return S::closed;
    default:
      return std::nullopt;
    }
  case S::resolved:
    return action == A::close ? std::optional<S>(S::closed) : std::nullopt;
  case S::rejected:
  case S::merged:
  case S::closed:
    return std::nullopt;
  }
  return std::nullopt;
}

std::vector<IssueAction> allowed_actions(IssueStatus from) {
  std::vector<IssueAction> out;
  for (auto a : kAllActions)
    if (next_status(from, a)) out.push_back(a);
  return out;
}

bool is_open(IssueStatus s) noexcept {
  return s != IssueStatus::rejected && s != IssueStatus::merged && s != IssueStatus::closed;
}

bool accepts_comments(IssueStatus s) noexcept {
  return s == IssueStatus::accepted || s == IssueStatus::consulting || s == IssueStatus::decided ||
         s == IssueStatus::implementing || s == IssueStatus::escalated;
}

namespace {
constexpr std::string_view kPriorities[] = {"urgent", "high", "normal", "low"};
} // namespace

bool valid_priority(std::string_view p) noexcept {
  return priority_rank(p) >= 0;
}

int priority_rank(std::string_view p) noexcept {
  for (int i = 0; i < 4; ++i)
    if (kPriorities[i] == p) return i;
  return -1;
}

} // namespace consult::model
