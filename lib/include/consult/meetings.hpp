#pragma once
/// \file
/// Meetings: planning them from the issues ("6+X" invitees, an automatic
/// agenda, the notice period, venue clashes), holding them (attendance,
/// quorum, opinions, outcomes) and carrying undecided issues into the next
/// round. Every change is one Ledger::write appending meeting.* events (and
/// the issue.* events an outcome implies). See docs/meetings.md.

#include "consult/config.hpp"
#include "consult/ledger.hpp"
#include "consult/model.hpp"
#include "consult/people.hpp"
#include "consult/rules.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace consult::meetings {

/// A meeting without an end time is taken to last this long when checking
/// whether two meetings in one venue overlap.
inline constexpr int kDefaultHours = 2;

/// Someone invited to, or present at, a meeting.
struct Person {
  std::string name;
  std::string role;       ///< member | stakeholder | guest | resident
  std::string seat;       ///< seat category key of a member
  std::string detail;     ///< member's role, stakeholder's issues ("#3 #7"), guest's body
  std::string attendance; ///< invited | present | absent | excused | proxy
  std::string proxy;      ///< who came in a member's place
  std::string reason;     ///< why absent or excused
};

/// One issue on the agenda.
struct Item {
  int position = 0;
  model::Issue issue;
  bool carried = false; ///< carried over from an earlier meeting
  int round = 0;        ///< consultation round held here (0: not discussed yet)
  std::string outcome;  ///< '' | decided | next-round | site-inspection | escalated |
                        ///< withdrawn | not-reached
  std::string note;
};

/// An opinion recorded on an agenda item.
struct Note {
  std::int64_t id = 0;
  std::int64_t issue = 0;
  int round = 0;
  std::string speaker;
  std::string position; ///< for | against | neutral | ''
  std::string body;
  std::string at;
  std::int64_t seq = 0;
};

struct Meeting {
  std::int64_t id = 0;
  std::string community;
  std::string kind;
  std::string title;
  std::string starts_at; ///< RFC 3339 in the community's zone
  std::string ends_at;   ///< RFC 3339, '' if none was given
  std::int64_t starts_utc = 0;
  std::int64_t ends_utc = 0;
  std::string local_date;
  std::string venue;
  std::string online;
  std::string chair;
  std::string recorder;
  std::string body;                      ///< the body holding it, '' for an informal meeting
  std::string profile;                   ///< rule profile key, '' for an informal meeting
  std::int64_t entitled = 0;             ///< people entitled to attend; 0: the council
  std::optional<std::int64_t> headcount; ///< of them, how many came
  std::string schedule;
  std::string schedule_date;
  std::string status; ///< planned | closed | cancelled
  std::string reason;
  std::string created_at;
  std::string updated_at;
  std::int64_t created_seq = 0;
  std::int64_t updated_seq = 0;
  std::string updated_hash; ///< the hash of event updated_seq (read by find and get)
  std::vector<Item> items;
  std::vector<Person> people;
  std::vector<Note> notes;
};

/// What to plan.
struct PlanRequest {
  std::string kind;
  std::string at;    ///< "2026-12-03 19:30" in the community's zone
  std::string until; ///< "21:00" or "2026-12-03 21:00", optional
  std::string venue;
  std::string online;
  std::string title; ///< default: the kind's label
  std::string chair;
  std::string recorder;
  std::vector<std::int64_t> issues; ///< put on the agenda first, in this order
  bool auto_agenda = false;
  int max = 0; ///< auto-agenda size; 0: the community's rules.agenda_max
  /// For a meeting of residents or owners rather than the council (a
  /// residents' meeting): how many are entitled to attend. Its quorum is then
  /// counted over them (attend --headcount), not over the council's seats.
  std::int64_t entitled = 0;
  /// The body holding it (config::Body::key); '' : the body that holds the
  /// kind, or none for an informal kind. Naming a body for an informal kind
  /// (a building group's bench meeting) gives the meeting that body's
  /// members, electorate and quorum.
  std::string body;
  /// Set when planning a schedule's occurrence (consult agenda): the
  /// schedule is the standing notice, so the notice period is not checked.
  std::string schedule;
  std::string schedule_date;
};

/// A plan and what the rules had to say about it.
struct Planned {
  Meeting meeting;
  std::vector<std::string> warnings; ///< notice period, venue clash, past date
};

/// Plans a meeting in one transaction. Throws Error(usage) for bad times or
/// kinds, Error(data) for issues that cannot be put on an agenda or a notice
/// period the rules refuse to shorten.
Planned plan(ledger::Ledger& ledger, const config::Community& community, const PlanRequest& req);

/// A candidate of an automatic agenda.
struct Candidate {
  std::int64_t issue = 0;
  bool carried = false;
};

/// The issues an automatic agenda takes for a meeting of `community` on
/// `date`, at most `max`, in agenda order: issues carried over from earlier
/// meetings first; then by priority (urgent, high, normal, low), age (raised
/// earlier first), residents who raised it (more first) and id. Only accepted
/// or consulting issues raised at least the notice period before `date`, and
/// not already on another planned meeting's agenda.
std::vector<Candidate> agenda_candidates(ledger::Ledger& ledger, const config::Community& community,
                                         clock::Date date, int max);

struct Filter {
  std::string community;
  std::string status; ///< planned | closed | cancelled, '' for all
  std::string kind;
  std::optional<std::int64_t> from_utc; ///< starting at or after
  std::optional<std::int64_t> to_utc;   ///< starting before
  std::int64_t limit = 0;
};

/// Meetings matching `filter`, by start time (without items, people, notes).
std::vector<Meeting> list(ledger::Ledger& ledger, const Filter& filter);

/// The meeting with its agenda, people and notes, or nullopt.
std::optional<Meeting> find(ledger::Ledger& ledger, std::int64_t id);
/// As find(); throws Error(data) "meeting N does not exist".
Meeting get(ledger::Ledger& ledger, std::int64_t id);

/// The meeting planned for a schedule's occurrence, if any (in any status).
std::optional<std::int64_t> scheduled(ledger::Ledger& ledger, const std::string& community,
                                      const std::string& schedule, const std::string& date);

Meeting cancel(ledger::Ledger& ledger, std::int64_t id, const std::string& reason);

struct Reschedule {
  std::string at{};
  std::string until{};
  std::optional<std::string> venue{};  ///< unchanged if not given
  std::optional<std::string> online{}; ///< unchanged if not given
  std::string reason{};
};
Planned reschedule(ledger::Ledger& ledger, const config::Community& community, std::int64_t id,
                   const Reschedule& req);

/// A change of a planned meeting's agenda: issues added (at `at`, 1-based,
/// else at the end), removed, or one moved to position `to`.
struct AgendaChange {
  std::vector<std::int64_t> add{};
  int at = 0;
  std::vector<std::int64_t> remove{};
  std::int64_t move = 0;
  int to = 0;
  std::string reason{};
};
/// Changes the agenda of a planned meeting in one meeting.agenda event.
/// Added issues must be accepted or in consultation, of the meeting's
/// community and not on its agenda yet (on another planned meeting's: a
/// warning); their stakeholders are invited. An item already discussed (its
/// round open, an outcome or a vote recorded) cannot be removed: record its
/// outcome instead. Returns the meeting and the warnings.
Planned change_agenda(ledger::Ledger& ledger, const config::Community& community, std::int64_t id,
                      const AgendaChange& change);

/// Attendance as typed: names, "NAME=REASON" for absences, "NAME=FOR" for
/// proxies, "NAME=BODY" for guests; residents who took part (the one who
/// raised the matter, a visitor on a reception day) by name — personal
/// data, masked in public minutes.
struct Attendance {
  std::vector<std::string> present;
  std::vector<std::string> absent;
  std::vector<std::string> excused;
  std::vector<std::string> proxies;
  std::vector<std::string> guests;
  std::vector<std::string> residents;
  std::optional<std::int64_t> headcount{}; ///< how many of those entitled came
};
/// Records attendance (again: later calls change the people they name).
/// Members of the community's bodies who are not due may be named with
/// `present`: at an informal meeting they take part as members, at another
/// body's meeting as guests from their body.
Meeting attend(ledger::Ledger& ledger, const config::Community& community, std::int64_t id,
               const Attendance& a);

/// Records an opinion on an agenda item. The item's consultation round opens
/// with its first opinion or outcome (issue.consult).
Note note(ledger::Ledger& ledger, std::int64_t id, std::int64_t issue, const std::string& body,
          const std::string& speaker, const std::string& position);

struct Outcome {
  std::int64_t issue = 0;
  std::string result{}; ///< decided | next-round | site-inspection | escalated | withdrawn
  std::string note{};
  std::string level = "street"; ///< escalated: street | district
  /// Set when a closed vote records the outcome (decided or next-round): the
  /// vote has applied the rules, and recorded the decision.
  std::int64_t vote = 0;
  std::int64_t decision = 0;
};
/// Records what became of an agenda item: `decided` decides the issue (only
/// at a quorate meeting, when it has a quorum rule); `escalated` and
/// `withdrawn` escalate or reject it; `next-round` and `site-inspection`
/// leave it open, to be carried into the next meeting.
Meeting outcome(ledger::Ledger& ledger, const config::Community& community, std::int64_t id,
                const Outcome& o);

/// Opens the consultation round of an agenda item if it is not open yet
/// (the issue moves to, or stays in, consulting, its round count up by one);
/// returns the round. Call inside a write; the caller's event must carry the
/// round for the item (meeting.note, meeting.outcome and vote.open do).
int open_item_round(ledger::Ledger& ledger, std::int64_t meeting, std::int64_t issue);

/// Closes a held meeting; items without an outcome become `not-reached` and
/// are carried over. Returns the warnings (e.g. no attendance recorded).
Planned close(ledger::Ledger& ledger, const config::Community& community, std::int64_t id);

/// The body holding meeting `m` as the community configures it: the body
/// of its key, or for a meeting planned before bodies the body of that type
/// ("owners-assembly", "residents-meeting"); nullptr for an informal meeting
/// or a body the community no longer has.
const config::Body* body_of(const config::Community& community, const Meeting& m);

/// Who takes part and votes at meeting `m`: "members" (its body's members,
/// by name), "residents" (residents or household representatives, counted
/// against those entitled, and by name where recorded), "owners" (the
/// owners, counted against the roster), or "" for an informal meeting.
std::string electorate(const config::Community& community, const Meeting& m);

/// Whether `p`, present, counts as a head at a meeting of residents: not a
/// guest, and not an organisation the community lists (a property company
/// invited as a stakeholder is no household).
bool counts_as_head(const config::Community& community, const Person& p);

/// How many of `people` are present and count as heads (counts_as_head).
std::int64_t heads_named(const config::Community& community, const std::vector<Person>& people);

/// Who must be there, who came, and whether that is enough.
struct QuorumReport {
  bool has_rule = false; ///< false: an informal meeting (no profile for its kind)
  config::Profile profile;
  rules::Quorum quorum;                    ///< over the council members invited, or those entitled
  std::vector<rules::Shortfall> shortfall; ///< composition rules not met
  int by_proxy = 0;
  bool attendance_recorded = false;
  bool ok() const { return has_rule && quorum.quorate && shortfall.empty(); }
  std::string statement; ///< e.g. "7 of 11 seats present; needs ≥ 2/3 = 8; not quorate"
};
/// Pure: computed from the meeting's people and the community's rules.
QuorumReport quorum(const config::Community& community, const Meeting& m);

/// One line of a meeting's composition: a seat category, the stakeholders
/// ("X"), the guests or the residents who took part.
struct CompositionRow {
  std::string key; ///< seat key, "stakeholders", "guests" or "residents"
  std::string label;
  int invited = 0;
  int present = 0; ///< in person or by proxy
  std::vector<std::string> names;
};
std::vector<CompositionRow> composition(const config::Community& community, const Meeting& m);

/// Who is who at meeting `m`: the community's members and organisations,
/// and the meeting's members, guests and residents as its attendance
/// records them. Each field then says what it holds (people::Field).
people::Directory directory(const config::Community& community, const Meeting& m);

/// The same over `who` (a directory of the community).
people::Directory directory(people::Directory who, const Meeting& m);

/// A participant's name as it may be shown: members and guests named, a
/// stakeholder or resident who took part masked unless `reveal` (or listed
/// as an organisation).
std::string shown_name(const people::Directory& who, const Person& p, bool reveal = false);

/// The names of a composition row, each as its row records them: seats and
/// guests named, stakeholders and residents masked unless `reveal`.
std::string shown_names(const people::Directory& who, const CompositionRow& row,
                        bool reveal = false);

/// The residents meeting `m` records: whoever raised an issue on its agenda
/// and the issue's stakeholders, and the residents who came, spoke, chaired,
/// recorded or came in a member's place (by directory()); each once.
std::vector<std::string> residents(const config::Community& community, const Meeting& m);

/// The same, with `who` for the community's roster and organisations.
std::vector<std::string> residents(const people::Directory& who, const Meeting& m);

/// The residents of meeting `id` (none without one, or for no such meeting):
/// those of a record taken at a meeting — a vote, a decision — masked
/// wherever its text is shown, as the meeting's minutes mask them.
std::vector<std::string> residents(ledger::Ledger& ledger, const people::Directory& who,
                                   std::optional<std::int64_t> id);

/// Meeting `m` as staff see it unless `reveal`: its free text — title,
/// venue, link, reason, agenda titles and notes, opinions, the detail and
/// reason of each person — with the residents it records and any phone,
/// ID-card number or door masked (personal::mask_in_text). Names are left
/// as recorded: shown_name() and to_json() mask them by kind.
Meeting shown(const config::Community& community, const Meeting& m, bool reveal);

/// Everything about a meeting as JSON (for --json and exported files).
/// Residents' names (stakeholders, speakers, proxies) masked unless `reveal`.
nlohmann::json to_json(const config::Community& community, const Meeting& m, bool reveal);

/// Limits on what a person may type.
inline constexpr std::size_t kMaxItems = 100;
inline constexpr std::size_t kMaxPeople = 1000;
inline constexpr std::int64_t kMaxEntitled = 10'000'000;

/// Meetings a command line may name next (shell completion): newest first,
/// at most 100, as (id, title), the title as shown() unrevealed.
std::vector<std::pair<std::int64_t, std::string>> completion_candidates(ledger::Ledger& ledger);

/// Decisions a command line may name next (shell completion): newest first,
/// at most 100, as (id, text), the text masked with the residents of its
/// issue and of the meeting it was taken at (here, since decisions are
/// taken at meetings and the decisions module is below this one).
std::vector<std::pair<std::int64_t, std::string>>
decision_completion_candidates(ledger::Ledger& ledger);

/// How many issues are on the agenda of meeting `id`.
std::int64_t item_count(ledger::Ledger& ledger, std::int64_t id);

/// A meeting as one line of `meeting list --json`: the keys of to_json()
/// that need no configuration, with the same meaning, and `item_count`, the
/// number of agenda items (to_json's `items` is the agenda itself).
nlohmann::json summary_json(const Meeting& m, std::int64_t item_count);

} // namespace consult::meetings
