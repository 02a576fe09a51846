#pragma once
/// \file
/// An iCalendar (RFC 5545) writer: events with local times in an IANA zone
/// and the VTIMEZONE that defines it, text escaped, lines folded at 75
/// octets without splitting a UTF-8 character, CRLF line ends.

#include "consult/clock.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consult::ics {

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, ';', ',' and line breaks.
std::string escape(std::string_view text);

/// Folds one content line (RFC 5545 §3.1): physical lines of at most 75
/// octets, continuation lines starting with a space, each ending in CRLF.
std::string fold(std::string_view line);

/// `20261203T193000`: local date-time in `zone`.
std::string local_stamp(clock::Instant t, const std::string& zone);
/// `20261203T113000Z`.
std::string utc_stamp(clock::Instant t);

/// A VTIMEZONE for `zone` covering `from` to `to`: one observance per offset
/// change in that span (none for Asia/Shanghai, which has had none since 1991).
std::string vtimezone(const std::string& zone, clock::Instant from, clock::Instant to);

struct Event {
  std::string uid;
  clock::Instant stamp; ///< DTSTAMP: when this version of the event was made
  /// SEQUENCE (RFC 5545 §3.8.7.4): 0 as first published, one more for each
  /// change of what a calendar shows (time, place, status). A client keeps
  /// the copy with the higher number, so it must never go down.
  int sequence = 0;
  /// LAST-MODIFIED: when what a calendar shows last changed; not written
  /// when unset.
  std::optional<clock::Instant> last_modified;
  clock::Instant start;
  std::optional<clock::Instant> end;
  std::string summary;
  std::string location;
  std::string description;
  std::string url;
  std::string rrule;                   ///< e.g. "FREQ=MONTHLY;BYMONTHDAY=6,26"
  std::vector<clock::Instant> exdates; ///< occurrences of the series not held as such
  std::string status = "CONFIRMED";    ///< CONFIRMED | TENTATIVE | CANCELLED
  std::string categories;              ///< e.g. the meeting kind's label
};

/// A whole VCALENDAR with the VTIMEZONE of `zone` and `events` in order.
std::string calendar(const std::string& name, const std::string& zone,
                     const std::vector<Event>& events);

} // namespace consult::ics
