#pragma once
/// \file
/// Votes on issues and the decisions they record: opened at a meeting (its
/// attendance says who may vote) or among the owners on the roster (written
/// ballots over days, Civil Code art. 278), decided by a rule profile through
/// rules::decide. Every change is one Ledger::write appending vote.* events;
/// closing a vote appends the decision and the issue's step (decided, or back
/// to consultation). See docs/voting.md.

#include "consult/config.hpp"
#include "consult/decisions.hpp"
#include "consult/ledger.hpp"
#include "consult/people.hpp"
#include "consult/rules.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace consult::votes {

/// A named ballot (roll call, written ballot). Secret ballots and shows of
/// hands have none: only their counts are kept.
struct Ballot {
  std::string voter;              ///< member, or owner by head
  std::vector<std::string> units; ///< owners: their units
  std::int64_t area = 0;          ///< owners: hundredths of m²
  std::string choice;
  std::string at;
  std::int64_t seq = 0;
};

/// More time for written ballots.
struct Extension {
  int n = 0;
  std::string closes_at;
  std::string before;
  std::string reason;
  std::string at;
};

struct Vote {
  std::int64_t id = 0;
  std::string community;
  std::optional<std::int64_t> meeting;
  std::int64_t issue = 0;
  std::string question;
  std::vector<std::string> options;
  std::string method;          ///< show-of-hands | roll-call | secret | written
  std::string profile;         ///< rule profile key
  int matter = 0;              ///< civil-code-278: matter 1..9
  std::string electorate;      ///< attendance | headcount | roster
  std::int64_t members = 0;    ///< the quorum's base: seats, entitled, owners by head
  std::int64_t eligible = 0;   ///< who may vote: members present, the headcount, owners
  std::int64_t area_total = 0; ///< roster: hundredths of m²
  std::string closes_at;       ///< RFC 3339, '' if none
  std::string status;          ///< open | closed
  std::vector<std::pair<std::string, std::int64_t>> counts; ///< per option, in option order
  bool tallied = false;                                     ///< counts were given or closed
  std::string result;                                       ///< '' | approved | rejected
  std::string reason;
  std::string created_at;
  std::string updated_at;
  std::vector<Ballot> ballots;
  std::vector<Extension> extensions;
  std::vector<std::string> voters; ///< attendance: who may vote (members present)
};

/// The vote methods.
inline constexpr const char* kMethods[] = {"show-of-hands", "roll-call", "secret", "written"};

struct OpenRequest {
  std::optional<std::int64_t> meeting{}; ///< required unless written ballots of the owners
  std::int64_t issue = 0;
  std::string question{};
  std::vector<std::string> options{}; ///< default: yes, no, abstain
  std::string method{};
  std::string rule{};   ///< default: the meeting kind's profile
  int matter = 0;       ///< civil-code-278: 1..9
  std::string closes{}; ///< "2026-12-20" (end of that day) or "2026-12-20 18:00"
};

/// Opens a vote. The electorate is fixed when it opens: at a council
/// meeting the members present (in person or by proxy), at a meeting planned
/// with --entitled its headcount, under civil-code-278 the owners' roster.
/// Throws Error(usage) for a bad request, Error(data) for what the ledger
/// refuses (a closed meeting, an issue not on its agenda or not open to a
/// decision, attendance not recorded, no roster, another open vote on the
/// issue), changing nothing.
Vote open(ledger::Ledger& ledger, const config::Community& community, const OpenRequest& req);

/// Records one named ballot (roll call, written). `voter` names a member
/// present, or for owners a unit or an owner. Refused, changing nothing: an
/// ineligible voter, a second ballot from the same voter (an owner of
/// several units votes once), a choice not offered, a closed vote, or ballots
/// after the closing time.
Vote cast(ledger::Ledger& ledger, std::int64_t id, const std::string& voter,
          const std::string& choice);

/// Records the counts of a show of hands or a secret ballot ("yes=9,no=1").
/// They must add up to those who may vote (blank ballots are abstentions); a
/// recount before closing replaces them (both are in the log).
Vote tally(ledger::Ledger& ledger, std::int64_t id,
           const std::vector<std::pair<std::string, std::int64_t>>& counts);

/// Parses "yes=9,no=1,abstain=2". Error(usage) naming the part at fault.
std::vector<std::pair<std::string, std::int64_t>> parse_counts(const std::string& text);

/// Gives written ballots more time: a later closing time and the reason.
Vote extend(ledger::Ledger& ledger, const config::Community& community, std::int64_t id,
            const std::string& closes, const std::string& reason);

/// What the counts say under the vote's rule (before or at closing): the
/// winning option and the rule's decision with its reasoning. Pure.
struct Evaluation {
  rules::Count count;
  std::string winner; ///< the option with most votes ('' on a tie or with none)
  rules::Decision decision;
};
Evaluation evaluate(const config::Community& community, const Vote& vote);

struct Closed {
  Vote vote;
  decisions::Decision decision;
  std::vector<std::string> warnings;
};

/// Closes a vote: the rule decides; a decision is recorded; the issue is
/// decided, or goes back to consultation (at a meeting: the item's outcome
/// is next-round and it is carried over; written ballots: a new round
/// opens). A vote at a meeting passes only if the meeting itself is quorate
/// under its rules. Show of hands and secret ballots need their tally first.
Closed close(ledger::Ledger& ledger, const config::Community& community, std::int64_t id);

std::optional<Vote> find(ledger::Ledger& ledger, std::int64_t id);
/// As find(); throws Error(data) "vote N does not exist".
Vote get(ledger::Ledger& ledger, std::int64_t id);

struct Filter {
  std::string community;
  std::optional<std::int64_t> issue;
  std::optional<std::int64_t> meeting;
  std::string status; ///< open | closed | ''
};
/// Votes (without ballots), by id.
std::vector<Vote> list(ledger::Ledger& ledger, const Filter& filter);

/// The vote as JSON. Owners' names are masked unless `reveal`.
nlohmann::json to_json(const Vote& v, bool reveal);

/// Vote `v` as staff see it unless `reveal`: its question, options and
/// reasons with the residents of its issue (issues::residents) and any
/// phone, ID-card number or door masked. Names of voters are left to
/// to_json().
Vote shown(ledger::Ledger& ledger, const people::Directory& who, const Vote& v,
           bool reveal);

/// Limits.
inline constexpr std::size_t kMaxOptions = 20;
inline constexpr std::size_t kMaxQuestionBytes = 2000;

/// Votes a command line may name next (shell completion): newest first, at
/// most 100, as (id, question), the question masked as shown() does.
std::vector<std::pair<std::int64_t, std::string>> completion_candidates(ledger::Ledger& ledger);

} // namespace consult::votes
