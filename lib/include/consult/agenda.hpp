#pragma once
/// \file
/// Agendas: the scheduled meetings of a week planned from the community's
/// schedules, and a meeting's agenda as a document people read (Markdown,
/// HTML), programs read (JSON) and calendars read (iCalendar). Rendering is
/// deterministic: the same ledger gives the same bytes.

#include "consult/calendar.hpp"
#include "consult/config.hpp"
#include "consult/ledger.hpp"
#include "consult/meetings.hpp"

#include <string>
#include <vector>

namespace consult::agenda {

enum class Format { md, html, ics, json };

/// "md" → Format::md, …; nullopt for anything else.
std::optional<Format> parse_format(std::string_view text);
/// "md", "html", "ics", "json".
const char* extension(Format f);

/// The outcome of planning a week.
struct Week {
  calendar::Week week;
  clock::Date monday;
  clock::Date sunday;
  std::vector<std::int64_t> created;  ///< meetings planned by this call
  std::vector<std::int64_t> meetings; ///< every meeting of the week, by start
  std::vector<std::string> warnings;  ///< venue clashes of the new meetings
};

/// Plans, in one transaction, each scheduled occurrence in `week` of the
/// `communities` that has no meeting yet and has not already begun; each
/// gets an automatic agenda (unless its schedule says `agenda = false`).
/// Idempotent: a schedule's occurrence is planned once, whatever later
/// becomes of it (cancelled, rescheduled).
Week plan_week(ledger::Ledger& ledger, const std::vector<const config::Community*>& communities,
               const calendar::Week& week);

/// A meeting's agenda as a document. Residents' names are masked. The
/// ledger gives the calendar event its UID and revision (see `revision`).
std::string render(ledger::Ledger& ledger, Format format, const config::Community& community,
                   const meetings::Meeting& meeting);

/// How far a meeting's calendar entry has moved on since it was planned,
/// read from the event log, so that the same ledger always gives the same
/// answer. What a calendar shows of a meeting — its time, place, link and
/// whether it is on — changes by `meeting.reschedule` and `meeting.cancel`
/// only; attendance, opinions, outcomes and closing do not touch the entry.
struct Revision {
  int sequence = 0;     ///< SEQUENCE: the reschedules and the cancellation so far
  std::int64_t seq = 0; ///< the event that last changed the entry (else the plan)
  std::string at;       ///< that event's time (LAST-MODIFIED), RFC 3339
};
Revision revision(ledger::Ledger& ledger, std::int64_t meeting);

/// The part of calendar UIDs that tells installations apart: the first 12
/// hex digits of the hash of the ledger's first event (`ledger.init`, which
/// holds the ledger's creation time and creator), '' for a ledger without
/// one. UIDs are `meeting-heping-2-<tag>@consult`, `schedule-heping-council-<tag>@consult`.
std::string ledger_tag(ledger::Ledger& ledger);

/// What an agenda file says it reflects: the meeting, and the ledger event
/// that last changed it with that event's hash. Markdown and HTML agendas
/// close with it as a comment (`<!-- consult-agenda: {…} -->`, beside the
/// footer people read); the JSON agenda has it as `id`, `updated_seq` and
/// `updated_hash`. A witness of the ledger (consult/witness.hpp).
struct Stamp {
  std::int64_t meeting = 0;
  std::int64_t seq = 0;
  std::string hash;
};

/// The stamp of an agenda's bytes (Markdown, HTML or JSON); nullopt if none.
std::optional<Stamp> read_stamp(const std::string& bytes);

/// The file name of a meeting's document: `2026-12-09-heping-council-3.md`.
std::string file_name(const meetings::Meeting& meeting, Format format);

/// The index of a week's meetings (md, html or json), naming each file.
struct Entry {
  const config::Community* community;
  meetings::Meeting meeting;
};
std::string render_index(Format format, const calendar::Week& week,
                         const std::vector<Entry>& entries, const std::vector<Format>& formats);

/// How far back a feed reaches: meetings that began up to this many days
/// before the week it is written for stay in it (docs/cron.md).
inline constexpr int kFeedPastDays = 91;

/// A community's calendar feed: each schedule as a recurring event (RRULE)
/// from `from` on, less the occurrences planned as meetings, plus every
/// meeting of the community starting on or after `from` less kFeedPastDays
/// — cancelled ones as CANCELLED — with its agenda.
std::string feed(ledger::Ledger& ledger, const config::Community& community, clock::Date from);

/// One meeting as a calendar (`consult meeting export --format ics`).
std::string meeting_ics(ledger::Ledger& ledger, const config::Community& community,
                        const meetings::Meeting& meeting);

/// A file an earlier run wrote that no longer tells the truth, with the
/// bytes that replace it.
struct Refresh {
  std::string name; ///< the file's name in the folder
  std::string text; ///< its new content
};

/// The agenda files in the folder `dir` that consult wrote (by their name
/// and their stamp — the `consult-agenda` comment, the JSON's
/// `updated_seq`, the ICS's UID and SEQUENCE) for a meeting of `communities`
/// that was rescheduled or cancelled after the file was written, with what
/// replaces each: the meeting as it is now, and where the file's date is no
/// longer the meeting's, a notice at the top that it moved (its Markdown and
/// HTML). Files named in `skip` (written by this run anyway) and any file
/// consult did not write are left alone; nothing is ever removed.
std::vector<Refresh> stale_files(ledger::Ledger& ledger,
                                 const std::vector<const config::Community*>& communities,
                                 const std::string& dir, const std::vector<std::string>& skip);

} // namespace consult::agenda
