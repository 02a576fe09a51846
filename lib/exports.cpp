#include "consult/exports.hpp"

#include "consult/clock.hpp"
#include "consult/error.hpp"
#include "consult/fund.hpp"
#include "consult/i18n.hpp"
#include "consult/meetings.hpp"
#include "consult/minutes.hpp"
#include "consult/notices.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace consult::exports {

namespace {

const config::Community& community_of(const config::Config& config, const std::string& id) {
  const auto* c = config.find(id);
  if (!c)
    throw Error(ErrorKind::config,
                i18n::tr(N_("community '{}' is not in the configuration"), text::quote_input(id)),
                config.path, _("the export can only be regenerated with its community's file"));
  return *c;
}

std::int64_t subject_id(const document::Stamp& s) {
  char* end = nullptr;
  const auto id = std::strtoll(s.subject.c_str(), &end, 10);
  // As consult writes it: 1, never 01, +1 or " 1".
  if (s.subject.empty() || *end != '\0' || id <= 0 || std::to_string(id) != s.subject)
    throw Error(ErrorKind::data,
                i18n::tr(N_("the export's stamp names '{}'"), text::quote_input(s.subject)));
  return id;
}

} // namespace

std::string regenerate(ledger::Ledger& ledger, const config::Config& config,
                       const document::Stamp& stamp) {
  // A file is made again by the writer that made it (its stamp says which);
  // one this consult does not have cannot be.
  if (stamp.renderer > document::renderer_version(stamp.format))
    throw Error(ErrorKind::data,
                i18n::tr(N_("the export was made by version {} of consult's {} writer, which this "
                            "consult does not have"),
                         stamp.renderer, text::quote_input(stamp.format)),
                {}, _("this file may have been written by a newer consult"));
  if (stamp.kind == "minutes") {
    const auto id = subject_id(stamp);
    const auto m = meetings::get(ledger, id);
    return minutes::render(ledger, community_of(config, m.community), id, stamp);
  }
  if (stamp.kind == "decision-notice" || stamp.kind == "results-notice")
    return notices::render(ledger, config, stamp);
  if (stamp.kind == "fund-statement") {
    // "COMMUNITY PERIOD", or "COMMUNITY PERIOD BOOK" for a body's book
    // (writer 5).
    const auto space = stamp.subject.find(' ');
    const auto rest =
        space == std::string::npos ? std::string() : stamp.subject.substr(space + 1);
    const auto second = rest.find(' ');
    const auto period = clock::parse_period(rest.substr(0, second));
    const auto book = second == std::string::npos ? std::string() : rest.substr(second + 1);
    if (!period || (!book.empty() && document::writer_of(stamp) < 5))
      throw Error(ErrorKind::data,
                  i18n::tr(N_("the export's stamp names '{}'"), text::quote_input(stamp.subject)));
    const auto& c = community_of(config, stamp.subject.substr(0, space));
    return fund::render(ledger, c, *period, stamp, fund::book_key(c, book));
  }
  throw Error(ErrorKind::data,
              i18n::tr(N_("unknown kind of export '{}'"), text::quote_input(stamp.kind)), {},
              _("this file may have been written by a newer consult"));
}

Check check(ledger::Ledger& ledger, const config::Config& config, const std::string& bytes) {
  const auto stamp = document::read_stamp(bytes);
  if (!stamp)
    throw Error(ErrorKind::data, _("the file carries no consult export stamp"), {},
                _("only files written by consult's exports (minutes, notices, statements) can "
                  "be checked"));
  Check r;
  r.stamp = *stamp;
  // Only minutes have a full version for staff; a statement or a notice
  // that says it is not public was altered to be compared with what no
  // command writes.
  if (!stamp->is_public && stamp->kind != "minutes") {
    r.problem = i18n::tr(N_("consult makes a {} only for the public, and this stamp says it is "
                            "not: it was altered"),
                         text::quote_input(stamp->kind));
    return r;
  }
  SQLite::Statement q(ledger.db(), "SELECT hash, at FROM event WHERE seq = ?");
  q.bind(1, stamp->seq);
  // An export made before the ledger was resealed at schema 10 names the
  // event's hash of then.
  if (!q.executeStep() ||
      (q.getColumn(0).getString() != stamp->hash && ledger.sealed_hash(stamp->seq) != stamp->hash)) {
    r.problem = i18n::tr(N_("the ledger has no event {} with hash {}: the export was made from "
                            "another ledger, or this ledger was rewritten"),
                         stamp->seq, stamp->hash);
    return r;
  }
  // A document is made after the event it names: a time before it (a
  // notice backdated to seem posted earlier) is not one consult wrote.
  const auto event_at = clock::parse_instant(q.getColumn(1).getString(), "UTC");
  const auto made_at = clock::parse_instant(stamp->at, "UTC");
  if (!made_at || (event_at && *made_at < *event_at)) {
    r.problem = i18n::tr(N_("the export's stamp says it was made at {}, before event {} it names "
                            "({}): its stamp was altered"),
                         stamp->at, stamp->seq, q.getColumn(1).getString());
    return r;
  }
  // A writer the ledger had retired by the stamped event cannot have made
  // the file: its stamp was changed to name the old writer, whose masking
  // guessed from names (people::legacy).
  if (const int schema = document::renderer_schema(stamp->renderer + 1);
      stamp->renderer < document::renderer_version(stamp->format) && schema > 0) {
    const auto retired_after = ledger.upgraded_after(schema);
    if (retired_after && *retired_after == 0) {
      r.problem = i18n::tr(N_("the export's stamp names version {} of consult's {} writer, which "
                              "this ledger never used (it was made with a later one): its stamp "
                              "was altered"),
                           stamp->renderer, text::quote_input(stamp->format));
      return r;
    }
    if (retired_after && stamp->seq > *retired_after) {
      r.problem = i18n::tr(N_("the export's stamp names version {} of consult's {} writer, which "
                              "this ledger no longer used after event {}; the file is of event "
                              "{}: its stamp was altered"),
                           stamp->renderer, text::quote_input(stamp->format), *retired_after,
                           stamp->seq);
      return r;
    }
  }
  // Made again from the ledger as it was at the stamped event, not as it is
  // now: a stamp moved back to an earlier event no longer matches what the
  // file lists (an action added after it, a vote closed after it).
  const auto then = ledger.as_of(stamp->seq);
  const auto again = regenerate(*then, config, *stamp);
  if (again == bytes) {
    r.ok = true;
    return r;
  }
  // Where full minutes first differ would tell, guess by guess, what they
  // hold: said for public documents only.
  if (!stamp->is_public) {
    r.problem = i18n::tr(N_("the file differs from the full minutes the ledger gives at event {}: "
                            "it was edited, or what it records has changed since"),
                         stamp->seq);
    return r;
  }
  std::size_t at = 0;
  while (at < again.size() && at < bytes.size() && again[at] == bytes[at])
    ++at;
  if (stamp->format == "docx") {
    r.first_difference = static_cast<std::int64_t>(at) + 1;
    r.problem = i18n::tr(N_("the file differs from what the ledger gives at event {} (from byte "
                            "{})"),
                         stamp->seq, r.first_difference);
  } else {
    r.first_difference =
        1 + static_cast<std::int64_t>(
                std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    r.problem = i18n::tr(N_("the file differs from what the ledger gives at event {} (from line "
                            "{}): it was edited, or what it records has changed since"),
                         stamp->seq, r.first_difference);
  }
  return r;
}

} // namespace consult::exports
