// The ledger's schema: commented SQL in one place, mirrored in docs/schema.md.
// Each migration is one ordered step, run in its own transaction together
// with its `PRAGMA user_version` bump. Never edit a released step: add one.

#include "consult/error.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"
#include "consult/ledger.hpp"
#include "consult/sealing.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <map>
#include <regex>

namespace consult::ledger {

namespace {

constexpr const char* kSchema1 = R"sql(
-- The event log: append-only and hash-chained. What it says is what happened.
CREATE TABLE event (
  seq       INTEGER PRIMARY KEY,  -- 1, 2, 3, … without gaps
  at        TEXT    NOT NULL,     -- when, RFC 3339 with the ledger's offset
  actor     TEXT    NOT NULL,     -- who (--as, CONSULT_ACTOR or the login name)
  kind      TEXT    NOT NULL,     -- what was done, e.g. 'issue.add'
  entity    TEXT    NOT NULL,     -- what it was done to, e.g. 'issue:42'
  payload   TEXT    NOT NULL,     -- canonical JSON: keys sorted, no spaces
  prev_hash TEXT    NOT NULL,     -- hash of event seq-1 (64 zeros for seq 1)
  hash      TEXT    NOT NULL      -- SHA-256 of [seq,at,actor,kind,entity,payload,prev_hash]
) STRICT;
CREATE INDEX event_by_entity ON event (entity, seq);

-- Appending is the only change the log allows. (Anyone with the sqlite3 shell
-- can drop these triggers; `consult verify` catches what they do next.)
CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'consult: the event log is append-only'); END;
CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'consult: the event log is append-only'); END;

-- The head of the chain, kept beside the log so that a deleted last event shows.
CREATE TABLE ledger_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT    NOT NULL
) STRICT;
INSERT INTO ledger_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Projection: communities as their configuration described them when last synced.
CREATE TABLE community (
  id         TEXT    PRIMARY KEY,   -- the stable id used as --community
  name       TEXT    NOT NULL,
  street     TEXT    NOT NULL,      -- sub-district (街道)
  district   TEXT    NOT NULL,      -- district (区)
  timezone   TEXT    NOT NULL,
  config     TEXT    NOT NULL,      -- the whole community as canonical JSON
  config_sha TEXT    NOT NULL,      -- SHA-256 of config
  synced_seq INTEGER NOT NULL       -- event that last synced it
) STRICT;

-- Projection: issues raised by residents.
CREATE TABLE issue (
  id           INTEGER PRIMARY KEY,
  community    TEXT    NOT NULL REFERENCES community (id),
  title        TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  channel      TEXT    NOT NULL,   -- key from the community's channels
  category     TEXT    NOT NULL,   -- key from the community's categories
  place        TEXT    NOT NULL,   -- building, unit or zone ('' if none)
  raised_by    TEXT    NOT NULL,   -- resident's name ('' if anonymous): personal data
  phone        TEXT    NOT NULL,   -- personal data
  raised_on    TEXT    NOT NULL,   -- YYYY-MM-DD, community local date
  raised_count INTEGER NOT NULL,   -- residents who raised it; merges add up
  status       TEXT    NOT NULL CHECK (status IN ('collected', 'accepted', 'rejected',
                 'merged', 'consulting', 'decided', 'implementing', 'resolved', 'closed',
                 'escalated')),
  rounds       INTEGER NOT NULL,   -- consultation rounds opened
  merged_into  INTEGER REFERENCES issue (id),
  escalated_to TEXT    NOT NULL,   -- 'street', 'district' or ''
  reason       TEXT    NOT NULL,   -- reason of the last rejection or escalation
  created_seq  INTEGER NOT NULL,
  created_at   TEXT    NOT NULL,
  updated_seq  INTEGER NOT NULL,
  updated_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX issue_by_status   ON issue (community, status, raised_on);
-- Newest-first listings walk this index and stop at --limit; other filters
-- (category, channel, text) are checked on the way. Every index costs each
-- import row its upkeep, so there are no more than listings need.
CREATE INDEX issue_by_date     ON issue (raised_on);
CREATE INDEX issue_by_twin     ON issue (merged_into) WHERE merged_into IS NOT NULL;

-- Projection: the stakeholders ("X" of "6+X") named for an issue.
CREATE TABLE issue_stakeholder (
  issue    INTEGER NOT NULL REFERENCES issue (id),
  position INTEGER NOT NULL,
  name     TEXT    NOT NULL,
  PRIMARY KEY (issue, position)
) STRICT;

-- Projection: opinions recorded during consultation.
CREATE TABLE issue_comment (
  id     INTEGER PRIMARY KEY,
  issue  INTEGER NOT NULL REFERENCES issue (id),
  round  INTEGER NOT NULL,         -- consultation round it belongs to (0: before the first)
  author TEXT    NOT NULL,
  body   TEXT    NOT NULL,
  seq    INTEGER NOT NULL,
  at     TEXT    NOT NULL
) STRICT;
CREATE INDEX issue_comment_by_issue ON issue_comment (issue, id);

-- Convenience: open issues with their community's name.
CREATE VIEW open_issues AS
SELECT i.id, c.name AS community, i.status, i.raised_on, i.channel, i.category, i.title,
       i.raised_count, i.rounds
FROM issue i JOIN community c ON c.id = i.community
WHERE i.status NOT IN ('rejected', 'merged', 'closed');

-- Convenience: every event about an issue, newest last.
CREATE VIEW issue_history AS
SELECT CAST(substr(entity, 7) AS INTEGER) AS issue, seq, at, actor, kind, payload
FROM event WHERE entity LIKE 'issue:%';
)sql";

constexpr const char* kSchema2 = R"sql(
-- Items attached to an event: the rows of one import. The event's payload
-- carries their count and the SHA-256 of their data in order, so the event's
-- hash covers them; verify recomputes it.
CREATE TABLE event_item (
  seq  INTEGER NOT NULL REFERENCES event (seq) DEFERRABLE INITIALLY DEFERRED,  -- its event, appended after its items
  n    INTEGER NOT NULL,                         -- 1, 2, 3, … within the event
  key  TEXT,                                     -- what makes the item unique (import: row fingerprint)
  data TEXT    NOT NULL,                         -- canonical JSON
  PRIMARY KEY (seq, n)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX event_item_by_key ON event_item (key) WHERE key IS NOT NULL;
CREATE TRIGGER event_item_append_only_update BEFORE UPDATE ON event_item
BEGIN SELECT RAISE(ABORT, 'consult: the event log is append-only'); END;
CREATE TRIGGER event_item_append_only_delete BEFORE DELETE ON event_item
BEGIN SELECT RAISE(ABORT, 'consult: the event log is append-only'); END;

-- Where an imported issue came from, and what did not fit the configuration.
ALTER TABLE issue ADD COLUMN channel_text  TEXT NOT NULL DEFAULT '';  -- original channel if it mapped to no key
ALTER TABLE issue ADD COLUMN category_text TEXT NOT NULL DEFAULT '';  -- original category if it mapped to no key
ALTER TABLE issue ADD COLUMN extra         TEXT NOT NULL DEFAULT '{}'; -- other columns of the row, JSON {header: value}
ALTER TABLE issue ADD COLUMN import_seq    INTEGER;                   -- the issue.import event, NULL if added by hand
ALTER TABLE issue ADD COLUMN source_row    INTEGER;                   -- its row in the imported file
)sql";

constexpr const char* kSchema3 = R"sql(
-- How urgent an issue is: the first key of an automatic agenda's order.
ALTER TABLE issue ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal'
  CHECK (priority IN ('urgent', 'high', 'normal', 'low'));
-- An automatic agenda's candidates, read without touching the issue rows. Only
-- accepted and consulting issues are in it, so imports (collected) do not pay
-- for it.
CREATE INDEX issue_agenda ON issue (community, priority, raised_on, raised_count, status)
  WHERE status IN ('accepted', 'consulting');

-- Projection: meetings of every kind (council, bench, pavilion, reception day, …).
CREATE TABLE meeting (
  id            INTEGER PRIMARY KEY,
  community     TEXT    NOT NULL REFERENCES community (id),
  kind          TEXT    NOT NULL,   -- key from the community's meeting_kinds
  title         TEXT    NOT NULL,
  starts_at     TEXT    NOT NULL,   -- RFC 3339 in the community's zone
  ends_at       TEXT    NOT NULL,   -- RFC 3339, '' if no end was given
  starts_utc    INTEGER NOT NULL,   -- seconds since 1970 (UTC): order and overlaps
  ends_utc      INTEGER NOT NULL,   -- the end, or the start + 2 hours if none was given
  local_date    TEXT    NOT NULL,   -- YYYY-MM-DD of the start, community local date
  venue         TEXT    NOT NULL,
  online        TEXT    NOT NULL,   -- link of an online meeting ('' if none)
  chair         TEXT    NOT NULL,
  recorder      TEXT    NOT NULL,
  profile       TEXT    NOT NULL,   -- rule profile for quorum ('' : none, an informal meeting)
  entitled      INTEGER NOT NULL,   -- people entitled to attend (a residents' meeting); 0: the council
  headcount     INTEGER,            -- of them, how many came (NULL: not counted yet)
  schedule      TEXT    NOT NULL,   -- schedule key it was planned from ('' : planned by hand)
  schedule_date TEXT    NOT NULL,   -- the scheduled date it stands for ('' : by hand)
  status        TEXT    NOT NULL CHECK (status IN ('planned', 'closed', 'cancelled')),
  reason        TEXT    NOT NULL,   -- why it was cancelled or rescheduled
  created_seq   INTEGER NOT NULL,
  created_at    TEXT    NOT NULL,
  updated_seq   INTEGER NOT NULL,
  updated_at    TEXT    NOT NULL
) STRICT;
CREATE INDEX meeting_by_start ON meeting (community, starts_utc);
-- A schedule's occurrence is planned once, whatever later becomes of it.
CREATE UNIQUE INDEX meeting_by_schedule ON meeting (community, schedule, schedule_date)
  WHERE schedule <> '';

-- Projection: the agenda of a meeting, one issue per item.
CREATE TABLE meeting_item (
  meeting  INTEGER NOT NULL REFERENCES meeting (id),
  position INTEGER NOT NULL,        -- 1, 2, 3, … in agenda order
  issue    INTEGER NOT NULL REFERENCES issue (id),
  carried  INTEGER NOT NULL,        -- 1 if carried over from an earlier meeting
  round    INTEGER NOT NULL,        -- the issue's consultation round held here (0: not yet discussed)
  outcome  TEXT    NOT NULL CHECK (outcome IN ('', 'decided', 'next-round', 'site-inspection',
             'escalated', 'withdrawn', 'not-reached')),
  note     TEXT    NOT NULL,        -- what the meeting said about the outcome
  PRIMARY KEY (meeting, position)
) STRICT;
CREATE INDEX meeting_item_by_issue ON meeting_item (issue, meeting);

-- Projection: who was invited ("6+X": council seats plus each item's
-- stakeholders), guests, and who came.
CREATE TABLE meeting_person (
  meeting    INTEGER NOT NULL REFERENCES meeting (id),
  position   INTEGER NOT NULL,
  name       TEXT    NOT NULL,
  role       TEXT    NOT NULL CHECK (role IN ('member', 'stakeholder', 'guest')),
  seat       TEXT    NOT NULL,      -- seat category key of a member ('' otherwise)
  detail     TEXT    NOT NULL,      -- member's role, stakeholder's issues (#3 #7), guest's body
  attendance TEXT    NOT NULL CHECK (attendance IN ('invited', 'present', 'absent', 'excused',
               'proxy')),
  proxy      TEXT    NOT NULL,      -- who came in their place ('proxy')
  reason     TEXT    NOT NULL,      -- why absent or excused
  PRIMARY KEY (meeting, position),
  UNIQUE (meeting, name)
) STRICT;

-- Projection: opinions recorded per agenda item.
CREATE TABLE meeting_note (
  id       INTEGER PRIMARY KEY,
  meeting  INTEGER NOT NULL REFERENCES meeting (id),
  issue    INTEGER NOT NULL REFERENCES issue (id),
  round    INTEGER NOT NULL,
  speaker  TEXT    NOT NULL,
  position TEXT    NOT NULL CHECK (position IN ('', 'for', 'against', 'neutral')),
  body     TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  at       TEXT    NOT NULL
) STRICT;
CREATE INDEX meeting_note_by_meeting ON meeting_note (meeting, id);
)sql";

constexpr const char* kSchema4 = R"sql(
-- Projection: the owners' roster (业主名册) of a community, as last imported.
-- An owner of several units is one owner by head, with their areas added up
-- (owners are the same owner when their names are the same, see docs/voting.md).
CREATE TABLE owner_unit (
  community TEXT    NOT NULL REFERENCES community (id),
  unit      TEXT    NOT NULL,     -- 房号 as written
  owner     TEXT    NOT NULL,     -- 业主: personal data
  area      INTEGER NOT NULL CHECK (area >= 0),  -- exclusive area, hundredths of m²
  row       INTEGER NOT NULL,     -- its line in the imported file
  seq       INTEGER NOT NULL,     -- the owners.import event
  PRIMARY KEY (community, unit)
) STRICT;
CREATE INDEX owner_unit_by_owner ON owner_unit (community, owner);

-- Projection: votes on an issue, at a meeting or by written ballots over days.
CREATE TABLE vote (
  id          INTEGER PRIMARY KEY,
  community   TEXT    NOT NULL REFERENCES community (id),
  meeting     INTEGER REFERENCES meeting (id),     -- NULL: written ballots without a meeting
  issue       INTEGER NOT NULL REFERENCES issue (id),
  question    TEXT    NOT NULL,
  options     TEXT    NOT NULL,   -- JSON array, e.g. ["yes","no","abstain"]
  method      TEXT    NOT NULL CHECK (method IN ('show-of-hands', 'roll-call', 'secret',
                'written')),
  profile     TEXT    NOT NULL,   -- rule profile key
  matter      INTEGER NOT NULL,   -- civil-code-278: matter 1..9 of art. 278; 0 otherwise
  electorate  TEXT    NOT NULL CHECK (electorate IN ('attendance', 'headcount', 'roster')),
  members     INTEGER NOT NULL,   -- the quorum's base when it opened: seats, entitled, owners by head
  eligible    INTEGER NOT NULL,   -- who may vote: members present, the headcount, owners by head
  area_total  INTEGER NOT NULL,   -- roster: all exclusive area, hundredths of m² (0 otherwise)
  voters      TEXT    NOT NULL,   -- attendance: JSON [{"name", "proxy"}] of who may vote ('[]' otherwise)
  closes_at   TEXT    NOT NULL,   -- RFC 3339 when ballots stop ('' : when it is closed)
  status      TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
  counts      TEXT    NOT NULL,   -- JSON {option: n} of a tally ('{}' until one is given)
  result      TEXT    NOT NULL CHECK (result IN ('', 'approved', 'rejected')),
  reason      TEXT    NOT NULL,   -- the rule's reasoning when closed
  created_seq INTEGER NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_seq INTEGER NOT NULL,
  updated_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX vote_by_issue ON vote (issue, id);
CREATE INDEX vote_by_meeting ON vote (meeting, id) WHERE meeting IS NOT NULL;

-- Projection: named ballots (roll call, written). A secret ballot or a show of
-- hands has none: only its counts are kept, in vote.counts.
CREATE TABLE vote_ballot (
  vote   INTEGER NOT NULL REFERENCES vote (id),
  voter  TEXT    NOT NULL,        -- member, or owner (personal data)
  units  TEXT    NOT NULL,        -- owners: JSON array of the owner's units ('[]' otherwise)
  area   INTEGER NOT NULL,        -- owners: their area, hundredths of m²
  choice TEXT    NOT NULL,
  seq    INTEGER NOT NULL,
  at     TEXT    NOT NULL,
  PRIMARY KEY (vote, voter)
) STRICT;

-- Projection: written ballots given more time because too few came in.
CREATE TABLE vote_extension (
  vote      INTEGER NOT NULL REFERENCES vote (id),
  n         INTEGER NOT NULL,
  closes_at TEXT    NOT NULL,     -- the new end
  before    TEXT    NOT NULL,     -- the end it replaced
  reason    TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  at        TEXT    NOT NULL,
  PRIMARY KEY (vote, n)
) STRICT;

-- Projection: decisions on issues: a closed vote (approved or not), or a
-- meeting's outcome "decided" without a vote.
CREATE TABLE decision (
  id        INTEGER PRIMARY KEY,
  community TEXT    NOT NULL REFERENCES community (id),
  issue     INTEGER NOT NULL REFERENCES issue (id),
  vote      INTEGER REFERENCES vote (id),
  meeting   INTEGER REFERENCES meeting (id),
  result    TEXT    NOT NULL CHECK (result IN ('approved', 'rejected')),
  text      TEXT    NOT NULL,     -- what was decided (the question, or the meeting's note)
  profile   TEXT    NOT NULL,     -- the rule it was taken under ('' : a meeting's outcome)
  reason    TEXT    NOT NULL,     -- the rule's reasoning
  on_date   TEXT    NOT NULL,     -- YYYY-MM-DD, community local date
  seq       INTEGER NOT NULL,
  at        TEXT    NOT NULL
) STRICT;
CREATE INDEX decision_by_issue ON decision (issue, id);

-- Projection: what a decision is carried out by: who, what, by when.
CREATE TABLE action (
  id          INTEGER PRIMARY KEY,
  decision    INTEGER NOT NULL REFERENCES decision (id),
  issue       INTEGER NOT NULL REFERENCES issue (id),
  community   TEXT    NOT NULL REFERENCES community (id),
  owner       TEXT    NOT NULL,   -- the party responsible (a body or a person in their role)
  what        TEXT    NOT NULL,
  due         TEXT    NOT NULL,   -- YYYY-MM-DD
  percent     INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  status      TEXT    NOT NULL CHECK (status IN ('open', 'started', 'done')),
  done_on     TEXT    NOT NULL,   -- YYYY-MM-DD ('' until done)
  created_seq INTEGER NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_seq INTEGER NOT NULL,
  updated_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX action_by_issue ON action (issue, id);
CREATE INDEX action_pending ON action (community, due) WHERE status <> 'done';

-- Projection: progress reported on an action.
CREATE TABLE action_progress (
  id      INTEGER PRIMARY KEY,
  action  INTEGER NOT NULL REFERENCES action (id),
  percent INTEGER NOT NULL,
  note    TEXT    NOT NULL,
  seq     INTEGER NOT NULL,
  at      TEXT    NOT NULL
) STRICT;
CREATE INDEX action_progress_by_action ON action_progress (action, id);

-- Projection: residents' rating of how an issue was solved.
CREATE TABLE issue_feedback (
  id           INTEGER PRIMARY KEY,
  issue        INTEGER NOT NULL REFERENCES issue (id),
  satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
  comment      TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  at           TEXT    NOT NULL
) STRICT;
CREATE INDEX issue_feedback_by_issue ON issue_feedback (issue, id);

-- Projection: referrals to the street or district and what came back.
CREATE TABLE issue_escalation (
  issue       INTEGER NOT NULL REFERENCES issue (id),
  n           INTEGER NOT NULL,   -- 1, 2, … per issue
  level       TEXT    NOT NULL,   -- street | district
  reason      TEXT    NOT NULL,
  meeting     INTEGER,            -- the meeting that referred it, if any
  seq         INTEGER NOT NULL,
  at          TEXT    NOT NULL,
  answer      TEXT    NOT NULL,   -- the higher body's answer ('' : none yet)
  answered_at TEXT    NOT NULL,
  PRIMARY KEY (issue, n)
) STRICT;
-- Referrals made before this schema, from their events.
INSERT INTO issue_escalation (issue, n, level, reason, meeting, seq, at, answer, answered_at)
SELECT CAST(substr(entity, 7) AS INTEGER),
       row_number() OVER (PARTITION BY entity ORDER BY seq),
       coalesce(json_extract(payload, '$.level'), 'street'),
       coalesce(json_extract(payload, '$.reason'), ''),
       json_extract(payload, '$.meeting'), seq, at, '', ''
FROM event WHERE kind = 'issue.escalate';
)sql";

constexpr const char* kSchema5 = R"sql(
-- Projection: the state of a meeting's minutes. Draft until approved; the
-- approved minutes are the snapshot taken then, locked: a correction is an
-- amendment appended below, never an edit.
CREATE TABLE minutes (
  meeting     INTEGER PRIMARY KEY REFERENCES meeting (id),
  status      TEXT    NOT NULL CHECK (status IN ('approved')),
  approved_by TEXT    NOT NULL,   -- JSON array of names
  document    TEXT    NOT NULL,   -- the minutes as approved (canonical JSON)
  sha256      TEXT    NOT NULL,   -- of document
  seq         INTEGER NOT NULL,   -- the minutes.approve event
  at          TEXT    NOT NULL
) STRICT;

CREATE TABLE minutes_amendment (
  meeting INTEGER NOT NULL REFERENCES minutes (meeting),
  n       INTEGER NOT NULL,       -- 1, 2, … per meeting
  text    TEXT    NOT NULL,
  by      TEXT    NOT NULL,
  seq     INTEGER NOT NULL,
  at      TEXT    NOT NULL,
  PRIMARY KEY (meeting, n)
) STRICT;

-- Projection: the community's own account book (crowdfunded money,
-- donations, expenses). Amounts in fen (分), never floating point. A
-- correction is a reversing entry, never an edit.
CREATE TABLE fund_entry (
  id        INTEGER PRIMARY KEY,
  community TEXT    NOT NULL REFERENCES community (id),
  kind      TEXT    NOT NULL CHECK (kind IN ('income', 'expense')),
  amount    INTEGER NOT NULL CHECK (amount > 0),  -- fen
  party     TEXT    NOT NULL,     -- donor or payee (a resident's name is personal data)
  named     INTEGER NOT NULL,     -- 1: the donor chose to be named in public statements
  purpose   TEXT    NOT NULL,
  issue     INTEGER REFERENCES issue (id),
  on_date   TEXT    NOT NULL,     -- YYYY-MM-DD
  reverses  INTEGER REFERENCES fund_entry (id),  -- the entry this one cancels
  reason    TEXT    NOT NULL,     -- why (a reversing entry)
  seq       INTEGER NOT NULL,
  at        TEXT    NOT NULL
) STRICT;
CREATE INDEX fund_by_date ON fund_entry (community, on_date, id);
CREATE UNIQUE INDEX fund_reversed_once ON fund_entry (reverses) WHERE reverses IS NOT NULL;
)sql";

constexpr const char* kSchema6 = R"sql(
-- Reports (docs/reports.md): the date each issue first reached a status, so
-- that every figure of a period is a count over an index, and the figures of
-- a past period never move. Dates are the first ten characters of the event's
-- `at` (the ledger's local date); NULL: never reached.
ALTER TABLE issue ADD COLUMN accepted_on  TEXT;
ALTER TABLE issue ADD COLUMN rejected_on  TEXT;
ALTER TABLE issue ADD COLUMN merged_on    TEXT;
ALTER TABLE issue ADD COLUMN escalated_on TEXT;
ALTER TABLE issue ADD COLUMN decided_on   TEXT;
ALTER TABLE issue ADD COLUMN resolved_on  TEXT;
ALTER TABLE issue ADD COLUMN closed_on    TEXT;
UPDATE issue SET
  accepted_on  = (SELECT substr(at, 1, 10) FROM event WHERE entity = 'issue:' || issue.id
                  AND kind = 'issue.accept' ORDER BY seq LIMIT 1),
  rejected_on  = (SELECT substr(at, 1, 10) FROM event WHERE entity = 'issue:' || issue.id
                  AND kind = 'issue.reject' ORDER BY seq LIMIT 1),
  merged_on    = (SELECT substr(at, 1, 10) FROM event WHERE entity = 'issue:' || issue.id
                  AND kind = 'issue.merge' ORDER BY seq LIMIT 1),
  escalated_on = (SELECT substr(at, 1, 10) FROM event WHERE entity = 'issue:' || issue.id
                  AND kind = 'issue.escalate' ORDER BY seq LIMIT 1),
  decided_on   = (SELECT substr(at, 1, 10) FROM event WHERE entity = 'issue:' || issue.id
                  AND kind = 'issue.decide' ORDER BY seq LIMIT 1),
  resolved_on  = (SELECT substr(at, 1, 10) FROM event WHERE entity = 'issue:' || issue.id
                  AND kind = 'issue.resolve' ORDER BY seq LIMIT 1),
  closed_on    = (SELECT substr(at, 1, 10) FROM event WHERE entity = 'issue:' || issue.id
                  AND kind = 'issue.close' ORDER BY seq LIMIT 1)
WHERE status <> 'collected';
-- One index per figure, each holding only the issues that took the step,
-- with the category and channel that rows by category or channel count by.
CREATE INDEX issue_raised_report ON issue (community, raised_on, channel, category, resolved_on,
  closed_on);
CREATE INDEX issue_accepted_on  ON issue (community, accepted_on, category, channel)
  WHERE accepted_on IS NOT NULL;
CREATE INDEX issue_rejected_on  ON issue (community, rejected_on, category, channel)
  WHERE rejected_on IS NOT NULL;
CREATE INDEX issue_merged_on    ON issue (community, merged_on, category, channel)
  WHERE merged_on IS NOT NULL;
CREATE INDEX issue_escalated_on ON issue (community, escalated_on, category, channel)
  WHERE escalated_on IS NOT NULL;
CREATE INDEX issue_decided_on   ON issue (community, decided_on, rounds, category, channel)
  WHERE decided_on IS NOT NULL;
CREATE INDEX issue_resolved_on  ON issue (community, resolved_on, raised_on, category, channel)
  WHERE resolved_on IS NOT NULL;
CREATE INDEX issue_closed_on    ON issue (community, closed_on, category, channel)
  WHERE closed_on IS NOT NULL;

CREATE INDEX meeting_by_date ON meeting (community, local_date, status, kind);

-- The local date a vote was closed (NULL: still open).
ALTER TABLE vote ADD COLUMN closed_on TEXT;
UPDATE vote SET closed_on = (SELECT substr(at, 1, 10) FROM event WHERE entity = 'vote:' || vote.id
                             AND kind = 'vote.close' ORDER BY seq LIMIT 1)
WHERE status = 'closed';
CREATE INDEX vote_closed_on ON vote (community, closed_on, result) WHERE closed_on IS NOT NULL;

-- A rating carries its issue's community and its local date.
ALTER TABLE issue_feedback ADD COLUMN community TEXT NOT NULL DEFAULT '';
ALTER TABLE issue_feedback ADD COLUMN on_date   TEXT NOT NULL DEFAULT '';
UPDATE issue_feedback SET community = (SELECT community FROM issue WHERE id = issue_feedback.issue),
                          on_date = substr(at, 1, 10);
CREATE INDEX feedback_by_date ON issue_feedback (community, on_date, satisfaction);
)sql";

constexpr const char* kSchema7 = R"sql(
-- Reports (docs/reports.md): monthly tallies of the figures, kept by the
-- projector as events happen, so that a report over whole months reads a
-- few rows per community and month whatever the size of the ledger. Each
-- row counts what one figure of one community saw in one month:
--   raised.channel / raised.category  issues raised, by channel / category
--   accepted rejected merged escalated decided resolved closed
--                                     issues that first reached the status
--   resolved.days                     of those resolved, by days since raised (key)
--   solved                            issues raised that month, by the month
--                                     they were first resolved or closed (key)
--   rating                            ratings, by level 1..5 (key)
--   held (key: kind), cancelled       meetings
--   present, due (key: seat)          council members at meetings held
--   votes, passed                     votes closed, and approved
-- The row-level queries of docs/reports.md give the same figures; reports
-- use them for periods that are not whole months.
CREATE TABLE report_month (
  community TEXT    NOT NULL,
  month     TEXT    NOT NULL,   -- YYYY-MM
  figure    TEXT    NOT NULL,
  key       TEXT    NOT NULL,   -- '' when the figure has no key
  n         INTEGER NOT NULL,
  PRIMARY KEY (community, month, figure, key)
) STRICT, WITHOUT ROWID;

-- The date an issue was first resolved or closed (NULL: not yet).
ALTER TABLE issue ADD COLUMN solved_on TEXT;
UPDATE issue SET solved_on = CASE WHEN resolved_on IS NULL THEN closed_on
                                  WHEN closed_on IS NULL THEN resolved_on
                                  ELSE min(resolved_on, closed_on) END;

INSERT INTO report_month
  SELECT community, substr(raised_on, 1, 7), 'raised.channel', channel, count(*)
  FROM issue GROUP BY 1, 2, 4;
INSERT INTO report_month
  SELECT community, substr(raised_on, 1, 7), 'raised.category', category, count(*)
  FROM issue GROUP BY 1, 2, 4;
INSERT INTO report_month SELECT community, substr(accepted_on, 1, 7), 'accepted', '', count(*)
  FROM issue WHERE accepted_on IS NOT NULL GROUP BY 1, 2;
INSERT INTO report_month SELECT community, substr(rejected_on, 1, 7), 'rejected', '', count(*)
  FROM issue WHERE rejected_on IS NOT NULL GROUP BY 1, 2;
INSERT INTO report_month SELECT community, substr(merged_on, 1, 7), 'merged', '', count(*)
  FROM issue WHERE merged_on IS NOT NULL GROUP BY 1, 2;
INSERT INTO report_month SELECT community, substr(escalated_on, 1, 7), 'escalated', '', count(*)
  FROM issue WHERE escalated_on IS NOT NULL GROUP BY 1, 2;
INSERT INTO report_month SELECT community, substr(decided_on, 1, 7), 'decided', '', count(*)
  FROM issue WHERE decided_on IS NOT NULL GROUP BY 1, 2;
INSERT INTO report_month SELECT community, substr(resolved_on, 1, 7), 'resolved', '', count(*)
  FROM issue WHERE resolved_on IS NOT NULL GROUP BY 1, 2;
INSERT INTO report_month SELECT community, substr(closed_on, 1, 7), 'closed', '', count(*)
  FROM issue WHERE closed_on IS NOT NULL GROUP BY 1, 2;
INSERT INTO report_month
  SELECT community, substr(resolved_on, 1, 7), 'resolved.days',
         CAST(CAST(julianday(resolved_on) - julianday(raised_on) AS INTEGER) AS TEXT), count(*)
  FROM issue WHERE resolved_on IS NOT NULL GROUP BY 1, 2, 4;
INSERT INTO report_month
  SELECT community, substr(raised_on, 1, 7), 'solved', substr(solved_on, 1, 7), count(*)
  FROM issue WHERE solved_on IS NOT NULL GROUP BY 1, 2, 4;
INSERT INTO report_month
  SELECT community, substr(on_date, 1, 7), 'rating', CAST(satisfaction AS TEXT), count(*)
  FROM issue_feedback GROUP BY 1, 2, 4;
INSERT INTO report_month SELECT community, substr(local_date, 1, 7), 'held', kind, count(*)
  FROM meeting WHERE status = 'closed' GROUP BY 1, 2, 4;
INSERT INTO report_month SELECT community, substr(local_date, 1, 7), 'cancelled', '', count(*)
  FROM meeting WHERE status = 'cancelled' GROUP BY 1, 2;
INSERT INTO report_month
  SELECT m.community, substr(m.local_date, 1, 7), 'present', p.seat,
         sum(p.attendance IN ('present', 'proxy'))
  FROM meeting m JOIN meeting_person p ON p.meeting = m.id
  WHERE m.status = 'closed' AND p.role = 'member' GROUP BY 1, 2, 4;
INSERT INTO report_month
  SELECT m.community, substr(m.local_date, 1, 7), 'due', p.seat, count(*)
  FROM meeting m JOIN meeting_person p ON p.meeting = m.id
  WHERE m.status = 'closed' AND p.role = 'member' GROUP BY 1, 2, 4;
INSERT INTO report_month SELECT community, substr(closed_on, 1, 7), 'votes', '', count(*)
  FROM vote WHERE closed_on IS NOT NULL GROUP BY 1, 2;
INSERT INTO report_month SELECT community, substr(closed_on, 1, 7), 'passed', '', count(*)
  FROM vote WHERE closed_on IS NOT NULL AND result = 'approved' GROUP BY 1, 2;
)sql";

/// Rewrites `CHECK (column IN ('a', 'b', …))` in a table's SQL as
/// `CHECK (column = 'a' OR column = 'b' OR …)`.
std::string check_as_comparisons(const std::string& sql, const std::string& column) {
  const std::regex check("CHECK \\(" + column + "\\s+IN\\s*\\(([^)]*)\\)\\)");
  std::smatch m;
  if (sql.find("CHECK (" + column + " = '") != std::string::npos) return sql; // done already
  if (!std::regex_search(sql, m, check))
    throw Error(ErrorKind::data,
                i18n::tr(N_("cannot upgrade the ledger to schema 8: its issue table has no check "
                            "of {} (was the schema changed outside consult?)"),
                         column),
                {}, _("restore the ledger from a backup; this one is left as it was"));
  std::string chain;
  const std::string values = m[1].str();
  const std::regex value("'[^']*'");
  for (auto it = std::sregex_iterator(values.begin(), values.end(), value);
       it != std::sregex_iterator(); ++it)
    chain += (chain.empty() ? "" : " OR ") + column + " = " + it->str();
  return m.prefix().str() + "CHECK (" + chain + ")" + m.suffix().str();
}

/// The recorded SQL of table `name`.
std::string table_sql(SQLite::Database& db, const char* name) {
  SQLite::Statement q(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
  q.bind(1, name);
  return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

/// Replaces the recorded SQL of table `name` with `sql`, the way SQLite
/// documents for changes that are not part of the file format, such as a
/// CHECK constraint: writable_schema, then schema_version + 1. Migration
/// `step`'s own; checked afterwards (a build of SQLite in defensive mode
/// refuses it).
void edit_table_sql(SQLite::Database& db, const char* name, const std::string& sql, int step) {
  const int version = db.execAndGet("PRAGMA schema_version").getInt();
  db.exec("PRAGMA writable_schema = ON");
  SQLite::Statement update(db,
                           "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?");
  update.bind(1, sql);
  update.bind(2, name);
  update.exec();
  db.exec(fmt::format("PRAGMA schema_version = {}", version + 1));
  db.exec("PRAGMA writable_schema = OFF");
  if (table_sql(db, name) != sql)
    throw Error(ErrorKind::internal,
                fmt::format("schema step {}: SQLite refused to edit the {} table's SQL", step, name));
}

/// Step 8: the issue table's checks of status and priority as chains of
/// comparisons. SQLite evaluates `x IN ('a', 'b', …)` with more than two
/// values by building a lookup table each time a statement runs, that is for
/// every single-row INSERT or UPDATE of an issue: it cost an import 4 µs a
/// row, more than the rest of the row's insert. The chain accepts exactly
/// the same values. A CHECK constraint is not part of the file format, so the
/// table's recorded SQL is edited in place, not rebuilt.
void schema8(SQLite::Database& db) {
  const std::string sql =
      check_as_comparisons(check_as_comparisons(table_sql(db, "issue"), "status"), "priority");
  edit_table_sql(db, "issue", sql, 8);
}

constexpr const char* kSchema9 = R"sql(
-- When the ledger was brought to each schema from 9 on: the last event
-- written before it. A document whose stamp names a writer the new schema
-- retired (writer 1, which masked names by a guess from their ending) can
-- only have been made before: `verify --export` refuses it for a later event.
CREATE TABLE schema_upgrade (
  version   INTEGER PRIMARY KEY,   -- the schema the ledger was brought to
  after_seq INTEGER NOT NULL       -- the last event before it (0: none)
) STRICT;
INSERT INTO schema_upgrade (version, after_seq) SELECT 9, coalesce(max(seq), 0) FROM event;
)sql";

/// Step 9: residents who take part in a meeting (the one who raised the
/// matter at a round table, visitors on a reception day) are recorded as
/// residents, not as guests from a body: meeting_person's check of role
/// gains 'resident'. Edited in place like step 8.
void schema9(SQLite::Database& db) {
  const std::string before = "CHECK (role IN ('member', 'stakeholder', 'guest'))";
  const std::string after = "CHECK (role IN ('member', 'stakeholder', 'guest', 'resident'))";
  std::string sql = table_sql(db, "meeting_person");
  if (sql.find(after) != std::string::npos) return; // done already
  const auto at = sql.find(before);
  if (at == std::string::npos)
    throw Error(ErrorKind::data,
                _("cannot upgrade the ledger to schema 9: its meeting_person table has no check "
                  "of role (was the schema changed outside consult?)"),
                {}, _("restore the ledger from a backup; this one is left as it was"));
  sql.replace(at, before.size(), after);
  edit_table_sql(db, "meeting_person", sql, 9);
}

constexpr const char* kSchema10 = R"sql(
-- Residents' personal data and free text, sealed apart from the hash chain
-- (docs/privacy.md, "Forgetting"). An event holds, in each object that
-- records personal fields, a reference: the SHA-256 of the salt, a line
-- feed and the value. `consult forget` erases salt and value and leaves in
-- their place what may be kept (shown), recording a digest of it in its
-- privacy.forget event.
CREATE TABLE personal_value (
  seq           INTEGER NOT NULL,     -- the event that holds it
  ref           TEXT    NOT NULL,     -- 64 hex digits, as the event holds it
  salt          TEXT,                 -- 32 hex digits; NULL once forgotten
  value         TEXT,                 -- canonical JSON object of the fields; NULL once forgotten
  shown         TEXT,                 -- once forgotten: what is left (canonical JSON)
  forgotten_seq INTEGER,              -- the privacy.forget event that erased it last
  CHECK ((salt IS NULL) = (value IS NULL)),
  CHECK ((value IS NULL) = (forgotten_seq IS NOT NULL)),
  CHECK ((value IS NULL) = (shown IS NOT NULL)),
  PRIMARY KEY (seq, ref)              -- an import's rows go in together, not all over the file
) STRICT, WITHOUT ROWID;
-- A value can be erased, never changed or brought back; a row never goes.
CREATE TRIGGER personal_value_erase_only BEFORE UPDATE ON personal_value
WHEN NEW.ref IS NOT OLD.ref OR NEW.seq IS NOT OLD.seq OR NEW.value IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'consult: personal data can be erased, never changed'); END;
CREATE TRIGGER personal_value_kept BEFORE DELETE ON personal_value
BEGIN SELECT RAISE(ABORT, 'consult: personal data can be erased, never changed'); END;

-- The hashes events had before the ledger was resealed at schema 10 (their
-- personal data moved apart): earlier stamps and witnesses name them. The
-- ledger.reseal event after them records their digest and the last one.
CREATE TABLE sealed_hash (
  seq  INTEGER PRIMARY KEY,  -- the event
  hash TEXT    NOT NULL      -- its hash before schema 10
) STRICT;
CREATE TRIGGER sealed_hash_append_only_update BEFORE UPDATE ON sealed_hash
BEGIN SELECT RAISE(ABORT, 'consult: the event log is append-only'); END;
CREATE TRIGGER sealed_hash_append_only_delete BEFORE DELETE ON sealed_hash
BEGIN SELECT RAISE(ABORT, 'consult: the event log is append-only'); END;

INSERT INTO schema_upgrade (version, after_seq) SELECT 10, coalesce(max(seq), 0) FROM event;
)sql";

/// Step 10: the events written before, resealed (consult/sealing.hpp).
void schema10(SQLite::Database& db) {
  reseal(db);
}

constexpr const char* kSchema11 = R"sql(
-- Bodies (docs/bodies.md): the body that holds each meeting — the council,
-- a building group, the owners' assembly … — or '' for an informal meeting
-- (a bench meeting, a reception day), which has participants but no due
-- attendance. Meetings planned before bodies get theirs from what their plan
-- recorded, as the projector gives it for a plan without the key.
ALTER TABLE meeting ADD COLUMN body TEXT NOT NULL DEFAULT '';
UPDATE meeting SET body = CASE
  WHEN profile = 'civil-code-278' THEN 'owners-assembly'
  WHEN entitled > 0 OR profile = 'residents-meeting' THEN 'residents-meeting'
  WHEN profile <> '' OR kind = 'council' THEN 'council'
  ELSE '' END;
CREATE INDEX meeting_by_body ON meeting (community, body, local_date) WHERE body <> '';

-- Attendance figures count only the meetings of a body: the council's by
-- seat (present, due), every body's by body (present.body, due.body).
DELETE FROM report_month WHERE figure IN ('present', 'due', 'present.body', 'due.body');
INSERT INTO report_month
  SELECT m.community, substr(m.local_date, 1, 7), 'present', p.seat,
         sum(p.attendance IN ('present', 'proxy'))
  FROM meeting m JOIN meeting_person p ON p.meeting = m.id
  WHERE m.status = 'closed' AND m.body = 'council' AND p.role = 'member' GROUP BY 1, 2, 4;
INSERT INTO report_month
  SELECT m.community, substr(m.local_date, 1, 7), 'due', p.seat, count(*)
  FROM meeting m JOIN meeting_person p ON p.meeting = m.id
  WHERE m.status = 'closed' AND m.body = 'council' AND p.role = 'member' GROUP BY 1, 2, 4;
INSERT INTO report_month
  SELECT m.community, substr(m.local_date, 1, 7), 'present.body', m.body,
         sum(p.attendance IN ('present', 'proxy'))
  FROM meeting m JOIN meeting_person p ON p.meeting = m.id
  WHERE m.status = 'closed' AND m.body <> '' AND p.role = 'member' GROUP BY 1, 2, 4;
INSERT INTO report_month
  SELECT m.community, substr(m.local_date, 1, 7), 'due.body', m.body, count(*)
  FROM meeting m JOIN meeting_person p ON p.meeting = m.id
  WHERE m.status = 'closed' AND m.body <> '' AND p.role = 'member' GROUP BY 1, 2, 4;

INSERT INTO schema_upgrade (version, after_seq) SELECT 11, coalesce(max(seq), 0) FROM event;
)sql";

constexpr const char* kSchema12 = R"sql(
-- Books (docs/minutes.md, the account book): each body keeps its own book —
-- '' is the community's own, else the key of a body of its file (a building
-- group's 楼组账本); books never mix. Entries in kind (实物捐赠) record a
-- quantity and a unit; their amount is the estimated value in fen, 0 when
-- none was given, and they never count in a book's cash balance. An expense
-- that would leave a book below zero is recorded only as an advance (垫付:
-- advance = 1). Entries made before are the community's own, in money.
ALTER TABLE fund_entry ADD COLUMN book TEXT NOT NULL DEFAULT '';
ALTER TABLE fund_entry ADD COLUMN quantity TEXT;            -- in kind: "30", "2.5"; NULL: money
ALTER TABLE fund_entry ADD COLUMN unit TEXT NOT NULL DEFAULT '';  -- in kind: 本, 箱 …
ALTER TABLE fund_entry ADD COLUMN advance INTEGER NOT NULL DEFAULT 0;
DROP INDEX fund_by_date;
CREATE INDEX fund_by_date ON fund_entry (community, book, on_date, id);

INSERT INTO schema_upgrade (version, after_seq) SELECT 12, coalesce(max(seq), 0) FROM event;
)sql";

/// Step 12: an entry in kind may have no estimated value, so fund_entry's
/// check of amount admits 0 for one. Edited in place like step 8.
void schema12(SQLite::Database& db) {
  const std::string before = "CHECK (amount > 0)";
  const std::string after = "CHECK (amount > 0 OR (quantity IS NOT NULL AND amount = 0))";
  std::string sql = table_sql(db, "fund_entry");
  if (sql.find(after) != std::string::npos) return; // done already
  const auto at = sql.find(before);
  if (at == std::string::npos)
    throw Error(ErrorKind::data,
                _("cannot upgrade the ledger to schema 12: its fund_entry table has no check of "
                  "amount (was the schema changed outside consult?)"),
                {}, _("restore the ledger from a backup; this one is left as it was"));
  sql.replace(at, before.size(), after);
  edit_table_sql(db, "fund_entry", sql, 12);
}

constexpr const char* kSchema13 = R"sql(
-- Referrals to any authority the community names (docs/issues.md): its level
-- and name as the community file gave them when the issue was referred, and
-- who answered when another authority did (the street passed it to 住建局).
-- Referrals made before name only street or district, their level.
ALTER TABLE issue_escalation ADD COLUMN to_level TEXT NOT NULL DEFAULT '';
ALTER TABLE issue_escalation ADD COLUMN to_name TEXT NOT NULL DEFAULT '';
ALTER TABLE issue_escalation ADD COLUMN answered_by TEXT NOT NULL DEFAULT '';
ALTER TABLE issue_escalation ADD COLUMN answered_by_name TEXT NOT NULL DEFAULT '';
UPDATE issue_escalation SET to_level = level;

-- Elections of persons (docs/bodies.md): candidates for seats of a body, the
-- count, the result; those elected join the body (body_member).
CREATE TABLE election (
  id          INTEGER PRIMARY KEY,
  community   TEXT    NOT NULL REFERENCES community (id),
  body        TEXT    NOT NULL,   -- the body the winners join
  seat        TEXT    NOT NULL,   -- the council's seat category, '' otherwise
  role        TEXT    NOT NULL,   -- the office (楼组长), '' : member
  meeting     INTEGER REFERENCES meeting (id),
  title       TEXT    NOT NULL,
  seats       INTEGER NOT NULL CHECK (seats >= 1),
  method      TEXT    NOT NULL,   -- secret | written | show-of-hands
  rule        TEXT    NOT NULL,   -- majority | plurality
  electorate  INTEGER NOT NULL,   -- those entitled to vote, 0 : not known
  since       TEXT    NOT NULL,   -- the winners' term
  until       TEXT    NOT NULL,
  status      TEXT    NOT NULL,   -- open | tallied | closed
  issued      INTEGER,
  returned    INTEGER,
  invalid     INTEGER,
  result      TEXT    NOT NULL,   -- '' | elected | partly | failed
  unfilled    INTEGER NOT NULL,
  reason      TEXT    NOT NULL,
  created_seq INTEGER NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_seq INTEGER NOT NULL,
  updated_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX election_by_community ON election (community, id);
CREATE TABLE election_person (
  election INTEGER NOT NULL REFERENCES election (id),
  n        INTEGER NOT NULL,      -- 1, 2, … in ballot order
  part     TEXT    NOT NULL,      -- candidate | write-in | teller | scrutineer
  name     TEXT    NOT NULL,
  votes    INTEGER,               -- candidates once counted
  outcome  TEXT    NOT NULL DEFAULT '', -- '' | elected | tied
  PRIMARY KEY (election, n)
) STRICT;
CREATE TABLE body_member (
  community TEXT    NOT NULL,
  body      TEXT    NOT NULL,
  seat      TEXT    NOT NULL,
  name      TEXT    NOT NULL,
  role      TEXT    NOT NULL,
  since     TEXT    NOT NULL,
  until     TEXT    NOT NULL,
  election  INTEGER NOT NULL REFERENCES election (id),
  PRIMARY KEY (election, name)
) STRICT;
CREATE INDEX body_member_by_body ON body_member (community, body);

INSERT INTO schema_upgrade (version, after_seq) SELECT 13, coalesce(max(seq), 0) FROM event;
)sql";

} // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "initial: event log, communities, issues", kSchema1},
      {2, "imports: event items, issue sources", kSchema2},
      {3, "meetings: agendas, attendance, notes; issue priority", kSchema3},
      {4, "votes: owners' roster, votes, decisions, actions, feedback, referrals", kSchema4},
      {5, "minutes and disclosure: approved minutes, amendments; the account book", kSchema5},
      {6, "reports: step dates of issues, vote closing dates, dated ratings; report indexes",
       kSchema6},
      {7, "reports: monthly tallies of the figures; the date an issue was solved", kSchema7},
      {8, "issues: status and priority checks as comparisons (faster inserts)", "", schema8},
      {9,
       "privacy: residents who take part in a meeting; recorded reveals of personal data; the "
       "event each schema upgrade followed",
       kSchema9, schema9},
      {10, "privacy: personal data sealed apart from the hash chain, so that it can be forgotten",
       kSchema10, schema10},
      {11, "bodies: the body that holds each meeting; attendance figures per body", kSchema11},
      {12, "books: the account book of each body; in-kind entries; advances", kSchema12,
       schema12},
      {13, "referrals to any authority; elections of persons", kSchema13},
  };
  return kMigrations;
}

int latest_version() {
  return migrations().back().version;
}

const std::vector<std::string>& projection_tables() {
  static const std::vector<std::string> kTables = {
      "community",        "issue",        "issue_stakeholder", "issue_comment",
      "meeting",          "meeting_item", "meeting_person",    "meeting_note",
      "owner_unit",       "vote",         "vote_ballot",       "vote_extension",
      "decision",         "action",       "action_progress",   "issue_feedback",
      "issue_escalation", "minutes",      "minutes_amendment", "fund_entry",
      "report_month",     "election",     "election_person",   "body_member"};
  return kTables;
}

// Changes with every migration: tests/unit/test_verify.cpp says the new value.
const char* const kSchemaDigest =
    "f9788814add4a4b753a4721aca92d56d6c7d13ba5293e8da83aa039f25b86089";

std::vector<SchemaObject> read_schema(SQLite::Database& db) {
  std::vector<SchemaObject> out;
  // SQLite's own statistics (sqlite_stat1, sqlite_stat4, made by ANALYZE or
  // PRAGMA optimize, as an administrator's routine maintenance may run) change
  // how fast a query runs, never what it returns: they are not the schema.
  SQLite::Statement q(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
                          "WHERE name NOT IN ('sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', "
                          "'sqlite_stat4') ORDER BY type, name");
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getString(), q.getColumn(3).getString()});
  return out;
}

const std::vector<SchemaObject>& expected_schema() {
  static const std::vector<SchemaObject> kExpected = [] {
    SQLite::Database mem(":memory:", SQLite::OPEN_READWRITE);
    migrate(mem);
    return read_schema(mem);
  }();
  return kExpected;
}

std::string schema_digest(const std::vector<SchemaObject>& schema) {
  hash::Sha256 d;
  for (const auto& o : schema) {
    // Each field ends in a NUL, which SQL text cannot hold: unambiguous.
    for (const auto* f : {&o.type, &o.name, &o.table, &o.sql}) {
      d.update(*f);
      d.update(std::string_view("\0", 1));
    }
  }
  return d.hex();
}

namespace {

/// The kind of a schema object, for people.
std::string object_word(const std::string& type) {
  if (type == "table") return _("table");
  if (type == "index") return _("index");
  if (type == "trigger") return _("trigger");
  if (type == "view") return _("view");
  return type;
}

} // namespace

std::vector<std::string> schema_differences(SQLite::Database& db) {
  const auto& expected = expected_schema();
  const auto actual = read_schema(db);
  using Key = std::pair<std::string, std::string>;
  std::map<Key, const SchemaObject*> want, have;
  for (const auto& o : expected)
    want[{o.type, o.name}] = &o;
  for (const auto& o : actual)
    have[{o.type, o.name}] = &o;
  std::vector<std::string> out;
  for (const auto& [key, o] : have) {
    const auto it = want.find(key);
    if (it == want.end() && o->table == o->name)
      out.push_back(i18n::tr(N_("{} '{}' is not part of a consult ledger"),
                             object_word(o->type), o->name));
    else if (it == want.end())
      out.push_back(i18n::tr(N_("{} '{}' (on table '{}') is not part of a consult ledger"),
                             object_word(o->type), o->name, o->table));
    else if (!(*it->second == *o))
      out.push_back(i18n::tr(N_("{} '{}' differs from what consult created"),
                             object_word(o->type), o->name));
  }
  for (const auto& [key, o] : want)
    if (!have.count(key))
      out.push_back(
          i18n::tr(N_("{} '{}' is missing"), object_word(o->type), o->name));
  return out;
}

} // namespace consult::ledger
