#pragma once
/// \file
/// Plain value types and the life cycle of an issue ("three up, three down")
/// as a pure state machine: no I/O, no database.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consult::model {

/// Where an issue stands. See docs/issues.md for the diagram.
enum class IssueStatus {
  collected,    ///< raised by residents, not yet looked at (one up)
  accepted,     ///< taken up as a topic (one down)
  rejected,     ///< not taken up, with a reason
  merged,       ///< folded into a twin issue
  consulting,   ///< opinions being solicited, rounds counted (two up, two down)
  decided,      ///< the council has decided (three up)
  implementing, ///< the decision is being carried out (three down)
  resolved,     ///< carried out
  closed,       ///< residents' feedback taken; nothing more to do
  escalated,    ///< referred to the street or district
};

/// What can be done to an issue.
enum class IssueAction {
  accept,
  reject,
  merge,
  consult, ///< open a (further) consultation round
  escalate,
  decide,
  implement,
  resolve,
  close,
  answer, ///< the street or district answers an escalated issue and sends it back
};

inline constexpr IssueStatus kAllStatuses[] = {IssueStatus::collected,    IssueStatus::accepted,
                                               IssueStatus::rejected,     IssueStatus::merged,
                                               IssueStatus::consulting,   IssueStatus::decided,
                                               IssueStatus::implementing, IssueStatus::resolved,
                                               IssueStatus::closed,       IssueStatus::escalated};

inline constexpr IssueAction kAllActions[] = {
    IssueAction::accept,   IssueAction::reject, IssueAction::merge,     IssueAction::consult,
    IssueAction::escalate, IssueAction::decide, IssueAction::implement, IssueAction::resolve,
    IssueAction::close,    IssueAction::answer};

/// Stable English key, as stored in the ledger: "collected", …
std::string_view to_string(IssueStatus s) noexcept;
std::string_view to_string(IssueAction a) noexcept;
std::optional<IssueStatus> parse_status(std::string_view s) noexcept;
std::optional<IssueAction> parse_action(std::string_view s) noexcept;

/// The status label people read (translated through gettext).
const char* status_label(IssueStatus s) noexcept;

/// The status `action` leads to from `from`, or nullopt if it is not allowed.
std::optional<IssueStatus> next_status(IssueStatus from, IssueAction action) noexcept;

/// The actions allowed from `from`, in a fixed order.
std::vector<IssueAction> allowed_actions(IssueStatus from);

/// True while something can still happen to the issue (not rejected,
/// merged or closed).
bool is_open(IssueStatus s) noexcept;

/// True if opinions may be recorded on an issue in this status.
bool accepts_comments(IssueStatus s) noexcept;

/// Escalation levels: "small matters stay in the building, bigger ones in the
/// community, hard ones do not leave the street".

/// How urgent an issue is: "urgent", "high", "normal" (the default) or "low".
bool valid_priority(std::string_view p) noexcept;
/// 0 for urgent .. 3 for low: the order of an automatic agenda.
int priority_rank(std::string_view p) noexcept;

struct Issue {
  std::int64_t id = 0;
  std::string community;
  std::string title;
  std::string body;
  std::string channel;
  std::string category;
  std::string place;
  std::string raised_by;
  std::string phone;
  std::string raised_on; ///< YYYY-MM-DD
  int raised_count = 1;  ///< residents who raised it (grows with merges)
  std::string priority = "normal";
  IssueStatus status = IssueStatus::collected;
  int rounds = 0; ///< consultation rounds opened
  std::optional<std::int64_t> merged_into;
  std::string escalated_to;
  std::string reason; ///< of the last rejection or escalation
  std::vector<std::string> stakeholders;
  std::string channel_text;               ///< imported channel that matched no key
  std::string category_text;              ///< imported category that matched no key
  std::string extra = "{}";               ///< other columns of an imported row, JSON
  std::optional<std::int64_t> import_seq; ///< the import event, if imported
  std::int64_t source_row = 0;            ///< its line in the imported file
  std::string created_at;
  std::string updated_at;
  std::int64_t created_seq = 0;
  std::int64_t updated_seq = 0;
};

struct Comment {
  std::int64_t id = 0;
  std::int64_t issue = 0;
  int round = 0;
  std::string author;
  std::string body;
  std::string at;
  std::int64_t seq = 0;
};

} // namespace consult::model
