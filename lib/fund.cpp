#include "consult/fund.hpp"

#include "consult/people.hpp"

#include "consult/error.hpp"
#include "consult/events_fund.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/personal.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace consult::fund {

using document::Block;
using nlohmann::json;
using Kind = Block::Kind;

namespace {

constexpr const char* kColumns = "id, community, kind, amount, party, named, purpose, issue, "
                                 "on_date, reverses, reason, at, seq, book, quantity, unit, "
                                 "advance";

Entry read_entry(SQLite::Statement& q) {
  Entry e;
  e.id = q.getColumn(0).getInt64();
  e.community = q.getColumn(1).getString();
  e.kind = q.getColumn(2).getString();
  e.amount = q.getColumn(3).getInt64();
  e.party = q.getColumn(4).getString();
  e.named = q.getColumn(5).getInt() != 0;
  e.purpose = q.getColumn(6).getString();
  if (!q.getColumn(7).isNull()) e.issue = q.getColumn(7).getInt64();
  e.on_date = q.getColumn(8).getString();
  if (!q.getColumn(9).isNull()) e.reverses = q.getColumn(9).getInt64();
  e.reason = q.getColumn(10).getString();
  e.at = q.getColumn(11).getString();
  e.seq = q.getColumn(12).getInt64();
  e.book = q.getColumn(13).getString();
  if (!q.getColumn(14).isNull()) e.quantity = q.getColumn(14).getString();
  e.unit = q.getColumn(15).getString();
  e.advance = q.getColumn(16).getInt() != 0;
  return e;
}

/// Appends a fund event for `entry` under a new id and returns the entry it made.
Entry append(ledger::Ledger& ledger, std::string_view kind, events::FundEntry entry) {
  entry.id = ledger.next_id(ledger::Counter::fund);
  ledger.append(kind, entry.entity(), entry.to_json());
  return *find(ledger, entry.id);
}

/// A quantity in kind as typed: a number more than zero with at most three
/// decimals ("30", "2.5"), trimmed; nullopt for anything else.
std::optional<std::string> parse_quantity(std::string_view text) {
  const std::string s(text::trim(text));
  if (s.empty() || s.size() > 12) return std::nullopt;
  bool nonzero = false, dot = false;
  std::size_t decimals = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (dot || i == 0 || i + 1 == s.size()) return std::nullopt;
      dot = true;
    } else if (s[i] >= '0' && s[i] <= '9') {
      if (s[i] != '0') nonzero = true;
      if (dot) ++decimals;
    } else {
      return std::nullopt;
    }
  }
  if (!nonzero || decimals > 3) return std::nullopt;
  return s;
}

/// The books of `c` for a message: its own (by its id) and its bodies' keys.
std::string book_keys(const config::Community& c) {
  std::string out = c.id;
  for (const auto& b : c.bodies)
    out += ", " + b.key;
  return out;
}

/// The lowest cash balance book `book` has on `date` or any later date
/// already booked, and that date.
std::pair<std::int64_t, std::string> lowest_from(ledger::Ledger& ledger, const std::string& community,
                                                const std::string& book, const std::string& date) {
  SQLite::Statement q(ledger.db(), R"sql(
    SELECT on_date, sum(CASE WHEN kind = 'income' THEN amount ELSE -amount END *
                        CASE WHEN reverses IS NULL THEN 1 ELSE -1 END)
    FROM fund_entry WHERE community = ? AND book = ? AND quantity IS NULL
    GROUP BY on_date ORDER BY on_date)sql");
  q.bind(1, community);
  q.bind(2, book);
  std::int64_t running = 0;
  std::optional<std::pair<std::int64_t, std::string>> lowest;
  std::int64_t before = 0; // the balance at `date` if no entry falls on or after it
  while (q.executeStep()) {
    const auto on = q.getColumn(0).getString();
    running += q.getColumn(1).getInt64();
    if (on < date) {
      before = running;
      continue;
    }
    // The first date on or after `date`: the balance on `date` itself is
    // the one before it, unless entries fall on `date`.
    if (!lowest) lowest = {on == date ? running : before, date};
    if (running < lowest->first) lowest = {running, on};
  }
  return lowest.value_or(std::pair<std::int64_t, std::string>{before, date});
}

} // namespace

std::int64_t Entry::signed_amount() const {
  return in_kind() ? 0 : signed_value();
}

std::int64_t Entry::signed_value() const {
  const std::int64_t v = kind == "income" ? amount : -amount;
  return reverses ? -v : v;
}

std::string book_key(const config::Community& c, const std::string& key) {
  if (key.empty() || key == c.id) return {};
  if (c.body(key)) return key;
  throw Error(ErrorKind::usage,
              i18n::tr(N_("community '{0}' has no body '{1}' to keep a book"), c.id,
                       text::quote_input(key)),
              "--book",
              i18n::tr(N_("the books of '{0}' are: {1} (its own book is '{0}', the default)"),
                       c.id, book_keys(c)));
}

std::string book_name(const config::Community& c, const std::string& book) {
  if (const auto* b = book.empty() ? nullptr : c.body(book)) return b->name;
  return c.name;
}

std::optional<std::int64_t> parse_amount(std::string_view text) {
  std::string s(text::trim(text));
  for (const char* sign : {"¥", "￥", "RMB", "元"}) {
    const std::string_view m(sign);
    if (s.rfind(m, 0) == 0) s = std::string(text::trim(s.substr(m.size())));
    if (s.size() > m.size() && s.compare(s.size() - m.size(), m.size(), m) == 0)
      s = std::string(text::trim(s.substr(0, s.size() - m.size())));
  }
  std::erase(s, ',');
  if (s.empty() || s.size() > 15) return std::nullopt;
  std::int64_t yuan = 0, fen = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    yuan = yuan * 10 + (s[i] - '0');
  }
  if (i == 0) return std::nullopt;
  if (i < s.size()) {
    const auto decimals = s.size() - i - 1;
    if (decimals == 0 || decimals > 2) return std::nullopt;
    for (std::size_t k = i + 1; k < s.size(); ++k) {
      if (s[k] < '0' || s[k] > '9') return std::nullopt;
      fen = fen * 10 + (s[k] - '0');
    }
    if (decimals == 1) fen *= 10;
  }
  const auto total = yuan * 100 + fen;
  if (total <= 0) return std::nullopt;
  return total;
}

std::string format_amount(std::int64_t fen) {
  const bool negative = fen < 0;
  const std::uint64_t v =
      negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  std::string whole = std::to_string(v / 100);
  for (auto i = static_cast<std::ptrdiff_t>(whole.size()) - 3; i > 0; i -= 3)
    whole.insert(static_cast<std::size_t>(i), 1, ',');
  return fmt::format("{}{}.{:02}", negative ? "-" : "", whole, v % 100);
}

Entry add(ledger::Ledger& ledger, const config::Community& c, const NewEntry& n) {
  if (n.kind != "income" && n.kind != "expense")
    throw Error(ErrorKind::usage, i18n::tr(N_("unknown kind '{}'"), n.kind), "kind",
                _("use income or expense"));
  const auto book = book_key(c, n.book);
  const bool in_kind = !text::trim(n.quantity).empty();
  std::optional<std::int64_t> amount;
  std::optional<std::string> quantity;
  std::string unit;
  if (in_kind) {
    if (!text::trim(n.amount).empty())
      throw Error(ErrorKind::usage, _("an entry is either money or in kind, not both"), "amount",
                  _("give --amount for money, or --in-kind with --unit and --value for goods"));
    if (n.advance)
      throw Error(ErrorKind::usage, _("only an expense of money can be advanced"), "advance",
                  _("leave out --advance for an entry in kind"));
    quantity = parse_quantity(n.quantity);
    if (!quantity)
      throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not a quantity"),
                                             text::quote_input(n.quantity)),
                  "in-kind", _("a number more than zero with at most three decimals, e.g. 30"));
    unit = issues::clean_field(n.unit, "unit", 32);
    if (unit.empty())
      throw Error(ErrorKind::usage, _("an entry in kind needs its unit"), "unit",
                  _("give --unit, e.g. --unit 本 or --unit 箱"));
    amount = 0;
    if (!text::trim(n.value).empty()) {
      amount = parse_amount(n.value);
      if (!amount)
        throw Error(ErrorKind::usage,
                    i18n::tr(N_("'{}' is not an estimated value"), text::quote_input(n.value)),
                    "value", _("yuan with at most two decimals, more than zero, e.g. 300"));
    }
  } else {
    if (!text::trim(n.unit).empty() || !text::trim(n.value).empty())
      throw Error(ErrorKind::usage, _("--unit and --value describe an entry in kind"), "in-kind",
                  _("give --in-kind with the quantity, e.g. --in-kind 30 --unit 本"));
    if (text::trim(n.amount).empty())
      throw Error(ErrorKind::usage, _("how much?"), "amount",
                  _("give --amount in yuan, or --in-kind with --unit for a donation in kind"));
    amount = parse_amount(n.amount);
    if (!amount)
      throw Error(ErrorKind::usage, i18n::tr(N_("'{}' is not an amount of money"), n.amount),
                  "amount", _("yuan with at most two decimals, more than zero, e.g. 1234.50"));
    if (n.advance && n.kind != "expense")
      throw Error(ErrorKind::usage, _("only an expense can be advanced"), "advance",
                  _("leave out --advance for income"));
  }
  const auto party = issues::clean_field(n.party, "party", issues::kMaxFieldBytes);
  const auto purpose = issues::clean_field(n.purpose, "purpose", issues::kMaxBodyBytes, true);
  if (party.empty())
    throw Error(ErrorKind::usage, _("who gave or was paid?"), "party",
                _("give --party, e.g. a donor or a supplier"));
  if (purpose.empty())
    throw Error(ErrorKind::usage, _("what for?"), "purpose", _("give --purpose \"…\""));
  const auto date = n.date.value_or(clock::local_date(ledger.session().clock.now(), c.timezone));
  Entry out;
  ledger.write([&] {
    issues::sync_community(ledger, c);
    if (n.issue) {
      const auto issue = issues::get(ledger, *n.issue);
      if (issue.community != c.id)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("issue {} belongs to community '{}'"), issue.id, issue.community),
                    "issue");
    }
    const auto on = clock::format_date(date);
    if (n.kind == "expense" && !in_kind && !n.advance) {
      const auto [lowest, when] = lowest_from(ledger, c.id, book, on);
      if (lowest - *amount < 0)
        throw Error(
            ErrorKind::data,
            i18n::tr(N_("the expense of {amount} yuan would leave the book of {book} at {left} "
                        "yuan on {date}"),
                     fmt::arg("amount", format_amount(*amount)),
                     fmt::arg("book", book_name(c, book)),
                     fmt::arg("left", format_amount(lowest - *amount)), fmt::arg("date", when)),
            "amount",
            _("if someone advanced the money (垫付), record it with --advance and name them in "
              "--party; else record the income first"));
    }
    events::FundEntry entry;
    entry.community = c.id;
    entry.kind = n.kind;
    entry.amount = *amount;
    if (!book.empty()) entry.book = book;
    entry.quantity = quantity;
    if (in_kind) entry.unit = unit;
    if (n.advance) entry.advance = true;
    entry.party = party;
    entry.named = n.named;
    entry.purpose = purpose;
    entry.issue = n.issue;
    entry.date = on;
    out = append(ledger, events::kFundAdd, std::move(entry));
  });
  return out;
}

Entry reverse(ledger::Ledger& ledger, const config::Community& c, std::int64_t id,
              const std::string& reason) {
  const auto why = issues::clean_field(reason, "reason", issues::kMaxBodyBytes, true);
  if (why.empty())
    throw Error(ErrorKind::usage, _("a correction needs a reason"), "reason",
                _("e.g. --reason \"金额录入错误，应为1200.00元\""));
  Entry out;
  ledger.write([&] {
    const auto e = find(ledger, id);
    if (!e || e->community != c.id)
      throw Error(ErrorKind::data, i18n::tr(N_("entry {} does not exist"), id), {},
                  _("'consult fund list' shows the entries"));
    if (e->reverses)
      throw Error(ErrorKind::data,
                  i18n::tr(N_("entry {} is itself a correction of entry {}"), id, *e->reverses), {},
                  _("add the right entry with consult fund add"));
    SQLite::Statement q(ledger.db(), "SELECT id FROM fund_entry WHERE reverses = ?");
    q.bind(1, id);
    if (q.executeStep())
      throw Error(ErrorKind::data, i18n::tr(N_("entry {} was already reversed by entry {}"), id,
                                            q.getColumn(0).getInt64()));
    events::FundEntry entry;
    entry.community = c.id;
    entry.kind = e->kind;
    entry.amount = e->amount;
    entry.party = e->party;
    entry.named = e->named;
    entry.purpose = e->purpose;
    entry.issue = e->issue;
    entry.date = clock::format_date(clock::local_date(ledger.session().clock.now(), c.timezone));
    if (!e->book.empty()) entry.book = e->book;
    entry.quantity = e->quantity;
    if (e->in_kind()) entry.unit = e->unit;
    if (e->advance) entry.advance = true;
    entry.reverses = id;
    entry.reason = why;
    out = append(ledger, events::kFundReverse, std::move(entry));
  });
  return out;
}

std::optional<Entry> find(ledger::Ledger& ledger, std::int64_t id) {
  SQLite::Statement q(ledger.db(), fmt::format("SELECT {} FROM fund_entry WHERE id = ?", kColumns));
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return read_entry(q);
}

std::vector<Entry> list(ledger::Ledger& ledger, const std::string& community,
                        const std::optional<clock::Period>& period, const std::string& book) {
  std::string sql =
      fmt::format("SELECT {} FROM fund_entry WHERE community = ? AND book = ?", kColumns);
  if (period) sql += " AND on_date BETWEEN ? AND ?";
  sql += " ORDER BY on_date, id";
  SQLite::Statement q(ledger.db(), sql);
  q.bind(1, community);
  q.bind(2, book);
  if (period) {
    q.bind(3, clock::format_date(period->from));
    q.bind(4, clock::format_date(period->to));
  }
  std::vector<Entry> out;
  while (q.executeStep())
    out.push_back(read_entry(q));
  return out;
}

Balance balance(ledger::Ledger& ledger, const std::string& community,
                const std::optional<clock::Date>& upto, const std::string& book) {
  Balance b;
  const std::string last = upto ? clock::format_date(*upto) : std::string("9999-12-31");
  SQLite::Statement q(ledger.db(), R"sql(
    SELECT kind, coalesce(sum(CASE WHEN reverses IS NULL THEN amount ELSE -amount END), 0)
    FROM fund_entry WHERE community = ? AND book = ? AND quantity IS NULL AND on_date <= ?
    GROUP BY kind)sql");
  q.bind(1, community);
  q.bind(2, book);
  q.bind(3, last);
  while (q.executeStep())
    (q.getColumn(0).getString() == "income" ? b.income : b.expense) = q.getColumn(1).getInt64();
  return b;
}

namespace {

/// The residents among the parties of `entries`: their names are masked in
/// the purposes and reasons of a public statement too.
std::vector<std::string> resident_parties(ledger::Ledger& ledger, const std::vector<Entry>& entries,
                                          const people::Directory& who) {
  std::vector<std::string> out;
  for (const auto& e : entries) {
    if (!e.named && who.kind_of(e.party, people::Field::resident) == people::Kind::resident)
      out.push_back(e.party);
    if (e.issue) // the residents of the issue an entry is for
      if (const auto i = issues::find(ledger, *e.issue)) {
        const auto of_issue = issues::residents(*i, &who);
        out.insert(out.end(), of_issue.begin(), of_issue.end());
      }
  }
  return out;
}

} // namespace

std::vector<Entry> shown(ledger::Ledger& ledger, const people::Directory& who,
                         std::vector<Entry> entries, bool reveal) {
  if (reveal) return entries;
  const auto residents = resident_parties(ledger, entries, who);
  for (auto& e : entries) {
    e.purpose = personal::mask_in_text(e.purpose, residents);
    e.reason = personal::mask_in_text(e.reason, residents);
  }
  return entries;
}

namespace {

/// The entries of book `book` in `period`: for writers 1 to 4, which knew
/// only the community's own book in money, those alone.
std::vector<Entry> entries_of(ledger::Ledger& ledger, const config::Community& c,
                              const clock::Period& p, int writer, const std::string& book) {
  auto entries = list(ledger, c.id, p, writer >= 5 ? book : std::string());
  if (writer < 5) std::erase_if(entries, [](const Entry& e) { return e.in_kind(); });
  return entries;
}

/// A balance for a statement: a balance below zero is marked as advanced
/// (writer 5).
std::string balance_text(std::int64_t fen, int writer) {
  if (writer >= 5 && fen < 0) return i18n::tr(N_("{} (advanced)"), format_amount(fen));
  return format_amount(fen);
}

} // namespace

std::vector<Block> statement(ledger::Ledger& ledger, const config::Community& c,
                             const clock::Period& p, bool typed, personal::TextRules rules,
                             int writer, const std::string& book_in) {
  using namespace std::chrono;
  const std::string book = writer >= 5 ? book_in : std::string();
  const config::Body* body = book.empty() ? nullptr : c.body(book);
  const auto before = balance(ledger, c.id, clock::Date{sys_days(p.from) - days(1)}, book);
  const auto entries = entries_of(ledger, c, p, writer, book);
  const people::Directory who(c);
  std::vector<Block> out;
  if (body)
    out.push_back({Kind::title, i18n::tr(N_("{0}: statement of its account book, {1}"),
                                         body->name, p.text)});
  else
    out.push_back(
        {Kind::title, i18n::tr(N_("{}: statement of the community fund, {}"), c.name, p.text)});
  Block f{Kind::fields};
  f.rows = {{std::string(_("Community")), fmt::format("{} ({}, {})", c.name, c.street, c.district)}};
  if (body) f.rows.push_back({_("Account book"), body->name});
  f.rows.push_back({_("Period"), clock::format_date(p.from) + " – " + clock::format_date(p.to)});
  f.rows.push_back({_("Brought forward"), balance_text(before.balance(), writer)});
  out.push_back(f);
  Block t{Kind::table};
  t.header = {_("No."),       _("Date"),    _("Income / expense"),
              _("From / to"), _("Purpose"), _("Amount (yuan)")};
  Block goods{Kind::table};
  goods.header = {_("No."),     _("Date"),     _("Received / given"),         _("From / to"),
                  _("Purpose"), _("Quantity"), _("Estimated value (yuan)")};
  std::int64_t income = 0, expense = 0, estimated = 0;
  const auto residents =
      typed ? resident_parties(ledger, entries, who) : std::vector<std::string>();
  for (const auto& e : entries) {
    // A party is named when recorded as named (a body, a supplier, a donor
    // who chose to be) or as an organisation of the community; a resident
    // is masked.
    const std::string party = !typed ? (e.kind == "income" && !e.named
                                            ? people::legacy::mask_person(e.party)
                                            : e.party)
                              : e.named ? e.party
                                        : who.shown(e.party, people::Field::resident);
    std::string purpose = typed ? personal::mask_in_text(e.purpose, residents, rules) : e.purpose;
    if (e.issue) purpose += i18n::tr(N_(" (issue {})"), *e.issue);
    if (e.reverses)
      purpose = i18n::tr(N_("correction of entry {}: {}"), *e.reverses,
                         typed ? personal::mask_in_text(e.reason, residents, rules) : e.reason);
    if (writer >= 5 && e.advance) purpose += _(" (advanced)");
    const std::string direction = e.kind == "income" ? _("income") : _("expense");
    if (e.in_kind()) {
      estimated += e.signed_value();
      goods.rows.push_back({std::to_string(e.id), e.on_date, direction, party, purpose,
                            fmt::format("{} {}", e.reverses ? "-" + *e.quantity : *e.quantity,
                                        e.unit),
                            e.amount > 0 ? format_amount(e.signed_value())
                                         : std::string(_("not estimated"))});
      continue;
    }
    const auto v = e.signed_amount();
    (e.kind == "income" ? income : expense) += e.kind == "income" ? v : -v;
    t.rows.push_back({std::to_string(e.id), e.on_date, direction, party, purpose,
                      format_amount(v)});
  }
  if (t.rows.empty())
    out.push_back({Kind::paragraph, _("No income or expenses in the period.")});
  else
    out.push_back(t);
  const auto carried = before.balance() + income - expense;
  Block tot{Kind::fields};
  tot.rows = {{std::string(_("Income")), format_amount(income)},
              {_("Expenses"), format_amount(expense)},
              {_("Carried forward"), balance_text(carried, writer)}};
  out.push_back(tot);
  if (!goods.rows.empty()) {
    out.push_back({Kind::heading, _("In kind (not in the cash balance)")});
    out.push_back(goods);
    if (estimated != 0)
      out.push_back({Kind::fields,
                     {},
                     {},
                     {{std::string(_("Estimated value in kind")), format_amount(estimated)}}});
  }
  if (writer >= 5 && (carried < 0 || before.balance() < 0))
    out.push_back({Kind::note, _("A balance below zero is money advanced (垫付) by those named "
                                 "in the entries marked as advanced, owed to them.")});
  if (body) {
    const std::string signer = !body->signs.empty() ? body->signs : body->name;
    const std::string ask = !body->objections_to.empty() ? body->objections_to : signer;
    out.push_back({Kind::note, i18n::tr(N_("Residents may inspect the vouchers and raise "
                                           "questions with {}."),
                                        ask)});
    Block sig{Kind::signatures};
    sig.rows = {{std::string(_("Prepared by")), std::string(_("Checked by"))},
                {signer, std::string(_("Date"))}};
    out.push_back(sig);
    return out;
  }
  out.push_back({Kind::note, _("Residents may inspect the vouchers at the community office; "
                               "questions to the residents' committee.")});
  Block sig{Kind::signatures};
  sig.rows = {{std::string(_("Prepared by")), std::string(_("Checked by"))}};
  out.push_back(sig);
  return out;
}

std::string render(ledger::Ledger& ledger, const config::Community& c, const clock::Period& p,
                   const document::Stamp& stamp, const std::string& book_in) {
  const bool typed = document::typed_persons(stamp);
  const int writer = document::writer_of(stamp);
  const std::string book = writer >= 5 ? book_in : std::string();
  if (stamp.format == "json") {
    const auto before = balance(
        ledger, c.id, clock::Date{std::chrono::sys_days(p.from) - std::chrono::days(1)}, book);
    json rows = json::array(), goods = json::array();
    const people::Directory who(c);
    std::int64_t net = 0;
    const auto entries = entries_of(ledger, c, p, writer, book);
    const auto residents = stamp.is_public && typed ? resident_parties(ledger, entries, who)
                                                    : std::vector<std::string>();
    auto free = [&](const std::string& t) {
      return personal::mask_in_text(t, residents, document::text_rules(stamp));
    };
    for (const auto& e : entries) {
      net += e.signed_amount();
      json row = {{"id", e.id},
                  {"date", e.on_date},
                  {"kind", e.kind},
                  {"party", !stamp.is_public || e.named ? e.party
                            : typed ? who.shown(e.party, people::Field::resident)
                            : e.kind == "income" ? people::legacy::mask_person(e.party)
                                                 : e.party},
                  {"purpose", stamp.is_public && typed ? free(e.purpose) : e.purpose},
                  {"issue", e.issue ? json(*e.issue) : json(nullptr)},
                  {"reverses", e.reverses ? json(*e.reverses) : json(nullptr)},
                  {"reason", stamp.is_public && typed ? free(e.reason) : e.reason}};
      if (e.in_kind()) {
        row["quantity"] = *e.quantity;
        row["unit"] = e.unit;
        row["estimated_value"] = e.amount > 0 ? json(format_amount(e.signed_value())) : json();
        goods.push_back(std::move(row));
        continue;
      }
      row["amount"] = format_amount(e.signed_amount());
      if (writer >= 5) row["advance"] = e.advance;
      rows.push_back(std::move(row));
    }
    json doc = {{"community", c.id},
                {"period", json{{"text", p.text},
                                {"from", clock::format_date(p.from)},
                                {"to", clock::format_date(p.to)}}},
                {"brought_forward", format_amount(before.balance())},
                {"entries", rows},
                {"carried_forward", format_amount(before.balance() + net)},
                {"export", stamp.to_json()}};
    if (writer >= 5) {
      doc["book"] = book.empty() ? c.id : book;
      doc["book_name"] = book_name(c, book);
      doc["in_kind"] = goods;
    }
    return doc.dump(2) + "\n";
  }
  const auto b = statement(ledger, c, p, typed, document::text_rules(stamp), writer, book);
  if (stamp.format == "md") return document::markdown(b, stamp);
  if (stamp.format == "html") return document::html(b, stamp, "zh-CN");
  if (stamp.format == "docx") return document::docx(b, stamp, "zh");
  throw Error(ErrorKind::usage, i18n::tr(N_("unknown format '{}'"), stamp.format), "format",
              _("use md, html, docx or json"));
}

nlohmann::json to_json(const Entry& e, const people::Directory& who, bool reveal) {
  return {{"id", e.id},
          {"date", e.on_date},
          {"kind", e.kind},
          {"amount", format_amount(e.amount)},
          {"signed_amount", format_amount(e.signed_amount())},
          {"party", e.named ? e.party : who.shown(e.party, people::Field::resident, reveal)},
          {"named", e.named},
          {"purpose", e.purpose},
          {"issue", e.issue ? nlohmann::json(*e.issue) : nlohmann::json(nullptr)},
          {"reverses", e.reverses ? nlohmann::json(*e.reverses) : nlohmann::json(nullptr)},
          {"reason", e.reason},
          {"book", e.book},
          {"advance", e.advance},
          {"quantity", e.quantity ? nlohmann::json(*e.quantity) : nlohmann::json(nullptr)},
          {"unit", e.unit}};
}

} // namespace consult::fund
