#include "consult/importer.hpp"

#include "consult/error.hpp"
#include "consult/events_issue.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"
#include "consult/issues.hpp"
#include "consult/personal.hpp"
#include "consult/render.hpp"
#include "consult/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace consult::importer {

using nlohmann::json;

namespace {

/// Header synonyms per field, in the order ties are broken.
struct Synonyms {
  const char* field;
  std::vector<std::string> words;
};

const std::vector<Synonyms>& synonyms() {
  static const std::vector<Synonyms> kSynonyms = {
      {"content",
       {"内容", "意见", "建议", "诉求", "反映内容", "意见内容", "建议内容", "问题描述", "问题",
        "描述", "content", "body", "suggestion", "description", "issue"}},
      {"date",
       {"提交日期", "日期", "时间", "提交时间", "反映时间", "提出时间", "提出日期", "登记日期",
        "收集日期", "date", "submitted", "time"}},
      {"title", {"标题", "主题", "事项", "title", "subject"}},
      {"phone",
       {"电话", "手机", "联系电话", "手机号", "手机号码", "联系方式", "phone", "mobile", "tel",
        "telephone"}},
      {"category", {"类别", "分类", "问题类型", "类型", "问题分类", "category", "type"}},
      {"channel", {"渠道", "来源", "方式", "反映渠道", "途径", "channel", "source"}},
      {"place",
       {"楼栋", "地址", "住址", "楼号", "门牌", "楼栋号", "位置", "地点", "place", "address",
        "building"}},
      {"name",
       {"姓名", "提出人", "反映人", "建议人", "居民", "居民姓名", "联系人", "name", "resident"}},
      {"stakeholders", {"利益相关方", "相关方", "stakeholders"}},
  };
  return kSynonyms;
}

} // namespace

std::string normalize_header(const std::string& h) {
  std::string s = text::ascii_lower(text::trim(h));
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ' || c == ':' || c == '*' || c == '_' || c == '\t') continue;
    if (s.compare(i, 3, "：") == 0 || s.compare(i, 3, "＊") == 0 || s.compare(i, 3, "　") == 0) {
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

namespace {

/// Splits a stakeholder cell: 物业公司、业委会; 3号楼住户
std::vector<std::string> split_names(const std::string& cell) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto t = std::string(text::trim(cur));
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  for (std::size_t i = 0; i < cell.size();) {
    if (cell.compare(i, 3, "、") == 0 || cell.compare(i, 3, "，") == 0 ||
        cell.compare(i, 3, "；") == 0) {
      flush();
      i += 3;
    } else if (cell[i] == ',' || cell[i] == ';' || cell[i] == '/') {
      flush();
      ++i;
    } else {
      cur += cell[i++];
    }
  }
  flush();
  return out;
}

std::string digits_of(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

/// Reads and prepares rows on a second thread while the caller writes them
/// to the ledger: reading, checking and hashing a row costs about as much as
/// inserting it, and the work splits cleanly there. Rows travel in batches
/// through a short queue, so memory stays flat whatever the file's size; they
/// come out in file order; what the reader or `prepare` throws is thrown
/// again by next(), after the rows before it. The destructor stops the thread.
template <class Row> class RowPipe {
public:
  using Prepare = std::function<void(intake::Record&, Row&)>;

  RowPipe(intake::RowReader& reader, Prepare prepare)
      : reader_(reader), prepare_(std::move(prepare)), thread_([this] { run(); }) {}
  RowPipe(const RowPipe&) = delete;
  RowPipe& operator=(const RowPipe&) = delete;
  ~RowPipe() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  /// Points `row` at the next row; false after the last one.
  bool next(Row*& row) {
    while (index_ >= current_.rows.size()) {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty() || done_; });
      if (queue_.empty()) {
        if (error_) std::rethrow_exception(error_);
        return false;
      }
      current_ = std::move(queue_.front());
      queue_.pop_front();
      index_ = 0;
      changed_.notify_all();
    }
    row = &current_.rows[index_++];
    return true;
  }

  /// How far the reader had got when it finished the batch being written.
  std::uint64_t position() const { return current_.position; }

private:
  static constexpr std::size_t kBatchRows = 512;
  static constexpr std::size_t kQueuedBatches = 4;

  struct Batch {
    std::vector<Row> rows;
    std::uint64_t position = 0;
  };

  void run() {
    try {
      intake::Record record;
      bool more = true;
      while (more) {
        Batch batch;
        batch.rows.reserve(kBatchRows);
        // A writer that has given up is not kept waiting for a whole batch
        // (standard input may be slow to come).
        while (batch.rows.size() < kBatchRows && !stop_ && (more = reader_.next(record)))
          prepare_(record, batch.rows.emplace_back());
        batch.position = reader_.position();
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || queue_.size() < kQueuedBatches; });
        if (stop_) return;
        queue_.push_back(std::move(batch));
        done_ = !more;
        changed_.notify_all();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = std::current_exception();
      done_ = true;
      changed_.notify_all();
    }
  }

  intake::RowReader& reader_;
  Prepare prepare_;
  // Shared between the threads, under mutex_.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  bool done_ = false;
  std::atomic<bool> stop_ = false; // also read without the lock, between rows
  std::exception_ptr error_;
  // The writer's own.
  Batch current_;
  std::size_t index_ = 0;
  std::thread thread_; // last: it starts once everything above exists
};

struct Column {
  std::string header;
  std::string field; ///< "" for a column kept as extra data
};

/// Maps a value to a key through the mapping file, the keys and the labels.
const config::Label* map_value(const std::string& value, const std::vector<config::Label>& labels,
                               const std::vector<std::pair<std::string, std::string>>& map,
                               const std::vector<std::pair<std::string, std::string>>& synonyms) {
  const std::string v(text::trim(value));
  for (const auto* words : {&map, &synonyms})
    for (const auto& [from, key] : *words)
      if (from == v)
        for (const auto& l : labels)
          if (l.key == key) return &l;
  const auto lower = text::ascii_lower(v);
  for (const auto& l : labels)
    if (l.key == lower || l.label == v) return &l;
  return nullptr;
}

} // namespace

std::string field_for_header(const std::string& header, const config::ImportMap& map) {
  const std::string raw(text::trim(header));
  for (const auto& [h, field] : map.columns)
    if (h == raw || normalize_header(h) == normalize_header(raw)) return field;
  const auto n = normalize_header(raw);
  if (n.empty()) return {};
  for (const auto& s : synonyms())
    for (const auto& w : s.words)
      if (n == w) return s.field;
  // A questionnaire platform's IP address and the place it derived from it
  // (IP地址, 地理位置, 来源地区) are no field, whatever word they contain:
  // they are kept with the issue and masked (personal::classify_column).
  if (const auto kind = personal::header_kind(raw);
      kind == personal::Field::ip_address || kind == personal::Field::other)
    return {};
  // Otherwise the longest synonym the header contains (联系电话（手机） is a phone).
  std::string best;
  std::size_t best_len = 0;
  for (const auto& s : synonyms())
    for (const auto& w : s.words)
      if (w.size() > best_len && n.find(w) != std::string::npos && w.size() >= 4) {
        best = s.field;
        best_len = w.size();
      }
  return best;
}

Summary import_csv(ledger::Ledger& ledger, const config::Community& community, std::istream& in,
                   const Options& opt, Summary& sum, const RejectSink& rejects,
                   const Progress& progress) {
  sum = Summary{};
  hash::Sha256 file_digest;
  intake::CsvReader reader(in, opt.encoding, opt.name, 0, &file_digest);
  sum.encoding = reader.encoding();
  sum.delimiter = reader.delimiter();
  return import_rows(
      ledger, community, reader, [&] { return file_digest.hex(); }, opt, sum, rejects, progress);
}

Summary import_xlsx(ledger::Ledger& ledger, const config::Community& community,
                    const std::string& path, const Options& opt, Summary& sum,
                    const RejectSink& rejects, const Progress& progress) {
  sum = Summary{};
  // The file's own bytes, for the event; the sheet is read separately.
  hash::Sha256 file_digest;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::no_input, i18n::tr(N_("cannot open '{}'"), path));
    std::string buf(1 << 16, '\0');
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0)
      file_digest.update(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
  }
  intake::XlsxReader reader(path, opt.sheet);
  sum.format = "xlsx";
  sum.sheet = reader.sheet_name();
  sum.encoding = intake::Encoding::utf8;
  return import_rows(
      ledger, community, reader, [&] { return file_digest.hex(); }, opt, sum, rejects, progress);
}

Summary import_rows(ledger::Ledger& ledger, const config::Community& community,
                    intake::RowReader& reader, const std::function<std::string()>& file_sha256,
                    const Options& opt, Summary& sum, const RejectSink& rejects,
                    const Progress& progress) {

  if (!opt.default_channel.empty() && !community.channel(opt.default_channel)) {
    std::string keys;
    for (const auto& l : community.channels)
      keys += (keys.empty() ? "" : ", ") + l.key;
    throw Error(ErrorKind::usage,
                i18n::tr(N_("unknown channel '{}'"), text::quote_input(opt.default_channel)),
                "--channel", i18n::tr(N_("allowed channels: {}"), keys));
  }

  // Find the header: the first of the first 20 rows naming a date and a content column.
  intake::Record candidate;
  std::vector<Column> columns;
  std::vector<std::string> header;
  for (int tries = 0; tries < 20 && reader.next(candidate); ++tries) {
    std::vector<Column> cols;
    bool has_date = false, has_content = false;
    for (const auto& h : candidate.fields) {
      const auto f = field_for_header(h, opt.map);
      has_date = has_date || f == "date";
      has_content = has_content || f == "content";
      cols.push_back({std::string(text::trim(h)), f});
    }
    if (has_date && has_content) {
      columns = std::move(cols);
      header = candidate.fields;
      sum.header_row = candidate.line;
      break;
    }
  }
  if (columns.empty())
    throw Error(ErrorKind::data,
                _("no header row naming a date and a content column in the first 20 rows"),
                opt.name,
                _("name the columns e.g. 日期 and 内容 (see docs/import.md), or map your "
                  "headers with --map"));
  // One column per field; later twins and unknown headers are kept as extra data.
  {
    std::vector<std::string> seen;
    for (auto& c : columns) {
      if (c.field.empty()) {
        if (c.header.empty()) continue;
        if (opt.map.reject_unknown_columns)
          throw Error(ErrorKind::data,
                      i18n::tr(N_("unknown column '{}'"), text::quote_input(c.header)),
                      fmt::format("{}:{}", opt.name, sum.header_row),
                      _("map it in the --map file's [columns], or set "
                        "policy.unknown_columns = \"keep\""));
        sum.kept_columns.push_back(c.header);
        continue;
      }
      if (std::find(seen.begin(), seen.end(), c.field) != seen.end() && c.field != "ignore") {
        sum.kept_columns.push_back(c.header);
        c.field.clear();
        continue;
      }
      seen.push_back(c.field);
    }
  }

  const auto today = clock::local_date(ledger.session().clock.now(), community.timezone);
  // A row that names no channel gets --channel, else the `other` channel
  // of the community's file, else its first (docs/import.md); one that names
  // no category gets `other`, which every community has.
  const std::string fallback_channel = !opt.default_channel.empty() ? opt.default_channel
                                       : !community.implied_other_channel
                                           ? std::string(config::kOtherKey)
                                           : community.channels.front().key;
  const std::string fallback_category = config::kOtherKey;

  const std::uint64_t reader_size = reader.size();
  // One row as the reading thread hands it to the writing one.
  struct Prepared {
    intake::Record record;            ///< a bad row's cells, for the rejects file
    std::vector<RowError> errors;     ///< empty for a good row
    events::IssueItem item;           ///< its id is given by the writer
    std::string key;                  ///< the row's fingerprint
    std::string data_head, data_tail; ///< the item's JSON either side of the id
    ledger::Sealed personal;          ///< its personal fields, sealed
  };
  const bool from_csv = sum.format != "xlsx";
  // Checks and shapes one record. It reads the configuration and writes only
  // `out`, so it runs on the reading thread.
  auto prepare = [&](intake::Record& record, Prepared& out) {
    auto& row_errors = out.errors;
    row_errors.clear();
    auto bad = [&](const std::string& column, const std::string& value, std::string reason) {
      // A message quotes the cell: a 100,000-character cell is not kept
      // whole for each of a thousand rows, nor printed whole.
      row_errors.push_back(
          {record.line, text::quote_input(column), text::quote_input(value), std::move(reason)});
    };
    auto& f = record.fields;
    // Trailing empty cells are what spreadsheets leave; real extra cells are an error.
    while (f.size() > columns.size() && text::trim(f.back()).empty())
      f.pop_back();
    if (f.size() > columns.size())
      bad({}, {},
          i18n::tr(N_("the row has {} cells but the header has {}"), f.size(), columns.size()));
    f.resize(std::max(f.size(), columns.size()));

    std::string date_text, content, title, channel_value, category_value, name, place, phone;
    std::vector<std::string> stakeholders;
    std::map<std::string, std::string> extra;
    std::string date_header = "date", content_header = "content", phone_header = "phone",
                channel_header = "channel", category_header = "category";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto& c = columns[i];
      // A cell consult wrote with a leading ' (a rejects file, a listing)
      // reads back as the text it was.
      std::string v = intake::nfc(
          text::trim(from_csv ? render::unneutralise_csv(f[i]) : std::string_view(f[i])));
      if (c.field.empty()) {
        if (!v.empty() && !c.header.empty()) extra[c.header] = v;
        continue;
      }
      if (c.field == "date")
        date_text = v, date_header = c.header;
      else if (c.field == "content")
        content = v, content_header = c.header;
      else if (c.field == "title")
        title = v;
      else if (c.field == "channel")
        channel_value = v, channel_header = c.header;
      else if (c.field == "category")
        category_value = v, category_header = c.header;
      else if (c.field == "name")
        name = v;
      else if (c.field == "place")
        place = v;
      else if (c.field == "phone")
        phone = v, phone_header = c.header;
      else if (c.field == "stakeholders")
        stakeholders = split_names(v);
    }

    std::string why;
    std::optional<intake::HumanDate> date;
    if (date_text.empty()) {
      bad(date_header, {}, _("the date is missing"));
    } else if (!(date = intake::parse_human_date(date_text, why))) {
      bad(date_header, date_text, why);
    } else if (date->date > today) {
      bad(date_header, date_text,
          i18n::tr(N_("the date is in the future (today is {})"), clock::format_date(today)));
    }
    if (content.empty()) bad(content_header, {}, _("the content is missing"));
    if (content.size() > issues::kMaxBodyBytes)
      bad(content_header, text::quote_input(content, 30),
          i18n::tr(N_("the content is too long ({} bytes; at most {})"), content.size(),
                   issues::kMaxBodyBytes));
    if (!phone.empty() && !text::plausible_phone(phone))
      bad(phone_header, phone, _("not a phone number"));
    if (title.empty()) title = intake::title_from(content);
    title = text::one_line(title);
    if (title.size() > issues::kMaxTitleBytes) title = text::truncate_to_width(title, 80);

    // A value that maps to no key is kept verbatim under `other` — never
    // under --channel or another key, which would count it where it does
    // not belong — or is a row error when the mapping file says so.
    auto map_to_key = [&](const std::string& value, const std::vector<config::Label>& labels,
                          const std::vector<std::pair<std::string, std::string>>& map,
                          const std::vector<std::pair<std::string, std::string>>& synonyms,
                          bool reject, const std::string& column, const char* no_match,
                          std::string& key, std::string& kept) {
      if (value.empty()) return;
      if (const auto* l = map_value(value, labels, map, synonyms))
        key = l->key;
      else if (reject)
        bad(column, value, _(no_match));
      else
        key = config::kOtherKey, kept = value;
    };
    std::string channel = fallback_channel, channel_text;
    map_to_key(channel_value, community.channels, opt.map.channels, community.channel_synonyms,
               opt.map.reject_unknown_channel, channel_header,
               N_("no channel of the community matches"), channel, channel_text);
    std::string category = fallback_category, category_text;
    map_to_key(category_value, community.categories, opt.map.categories,
               community.category_synonyms, opt.map.reject_unknown_category, category_header,
               N_("no category of the community matches"), category, category_text);
    if (stakeholders.size() > static_cast<std::size_t>(community.council.stakeholders.max))
      bad("stakeholders", {},
          i18n::tr(N_("{} stakeholders; the council's rules allow at most {}"), stakeholders.size(),
                   community.council.stakeholders.max));

    if (!row_errors.empty()) {
      out.record = record; // for the rejects file
      return;
    }
    const std::string date_str = clock::format_date(date->date);
    // The fingerprint: 128 bits of SHA-256 are plenty to tell rows apart and
    // keep the unique index on it half the size (an import's main cost).
    const std::string key =
        hash::sha256_hex(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", community.id, date_str,
                                     content, name, digits_of(phone), place))
            .substr(0, 32);
    auto& item = out.item;
    item.community = community.id;
    item.title = std::move(title);
    item.body = std::move(content);
    item.channel = std::move(channel);
    item.category = std::move(category);
    item.place = std::move(place);
    item.raised_by = std::move(name);
    item.phone = std::move(phone);
    item.raised_on = date_str;
    item.row = record.line;
    item.channel_text = std::move(channel_text);
    item.category_text = std::move(category_text);
    item.extra = std::move(extra);
    if (date->time) item.time = *date->time;
    item.stakeholders = std::move(stakeholders);
    std::tie(out.data_head, out.data_tail) = item.sealed_item_parts(out.personal);
    out.key = key;
  };

  struct Abort {}; // unwinds the transaction for dry runs and failed imports
  // A large import touches many index pages; a bigger page cache keeps them in
  // memory instead of spilling to the WAL and reading them back (bounded, so
  // memory stays flat whatever the file's size).
  ledger.db().exec("PRAGMA cache_size = -32768");
  auto body = [&] {
    issues::sync_community(ledger, community);
    const std::int64_t seq = ledger.next_seq();
    const std::string at = ledger.now_text();
    events::ImportProjector projector(ledger.db(), seq, at);
    std::int64_t next_id = ledger.next_id(ledger::Counter::issue);
    hash::Sha256 items_digest;
    std::int64_t n = 0;
    SQLite::Statement put_personal(
        ledger.db(), "INSERT INTO personal_value (ref, seq, salt, value) VALUES (?, ?, ?, ?)");

    // A large import into a small ledger: keeping the issue indexes up to date
    // row by row costs more than building them once at the end from sorted
    // data. Once the import has outgrown what was there, they are dropped and
    // recreated before the commit, in the same transaction (a failure rolls
    // the drop back with everything else), from consult's own SQL for them:
    // SQL text read from the file is never run.
    const std::int64_t existing = next_id - 1;
    std::vector<std::string> deferred;
    auto defer_indexes = [&] {
      // Partial indexes stay: the rows an import adds (collected, with no step
      // dates) are not in them, so keeping them costs a test per row, while
      // building one again costs a scan of the whole table.
      std::set<std::string> partial;
      SQLite::Statement q(ledger.db(), "SELECT name FROM pragma_index_list('issue') "
                                       "WHERE partial = 1");
      while (q.executeStep())
        partial.insert(q.getColumn(0).getString());
      for (const auto& o : ledger::expected_schema()) {
        if (o.type != "index" || o.table != "issue" || o.sql.empty() || partial.count(o.name))
          continue;
        ledger.db().exec("DROP INDEX \"" + o.name + "\"");
        deferred.push_back(o.sql);
      }
    };

    // The rows are read, checked and hashed on a second thread while this one
    // writes them (see RowPipe).
    RowPipe<Prepared> pipe(reader, prepare);
    for (Prepared* row = nullptr; pipe.next(row);) {
      ++sum.rows;
      if (progress && sum.rows % 4096 == 0) progress(pipe.position(), reader_size);
      if (!row->errors.empty()) {
        ++sum.rejected;
        for (const auto& e : row->errors)
          if (sum.errors.size() < kMaxErrors) sum.errors.push_back(e);
        if (rejects) {
          std::string reason;
          for (const auto& e : row->errors)
            reason += (reason.empty() ? "" : "; ") +
                      (e.column.empty() ? e.reason : e.column + ": " + e.reason);
          rejects(header, row->record, reason);
        }
        continue;
      }
      auto& item = row->item;
      item.id = next_id;
      const std::string data = row->data_head + std::to_string(next_id) + row->data_tail;
      if (!ledger.add_item(seq, n + 1, row->key, data)) { // imported before, or twice in this file
        ++sum.duplicates;
        continue;
      }
      ++n;
      put_personal.reset();
      put_personal.bindNoCopy(1, row->personal.ref);
      put_personal.bind(2, seq);
      put_personal.bindNoCopy(3, row->personal.salt);
      put_personal.bindNoCopy(4, row->personal.value);
      put_personal.exec();
      if (deferred.empty() && n >= 20000 && n > existing) defer_indexes();
      projector.add(item);
      if (!item.channel_text.empty()) ++sum.unmapped_channels[item.channel_text];
      if (!item.category_text.empty()) ++sum.unmapped_categories[item.category_text];
      items_digest.update(ledger::item_line(n, row->key, data));
      if (!sum.first_id) sum.first_id = next_id;
      sum.last_id = next_id;
      ++next_id;
      ++sum.added;
    }
    projector.finish();
    for (const auto& sql : deferred)
      ledger.db().exec(sql);
    sum.sha256 = file_sha256();
    if (sum.rejected > 0 && !opt.skip_bad) throw Abort{};
    if (opt.dry_run) throw Abort{};
    events::IssueImport imported;
    imported.community = community.id;
    imported.file = std::filesystem::path(opt.name).filename().string();
    imported.sha256 = sum.sha256;
    imported.format = sum.format;
    imported.sheet = sum.sheet;
    imported.encoding = intake::to_string(sum.encoding);
    imported.rows = sum.rows;
    imported.duplicates = sum.duplicates;
    imported.rejected = sum.rejected;
    imported.items = n;
    imported.items_sha256 = items_digest.hex();
    imported.first_id = sum.first_id;
    imported.last_id = sum.last_id;
    const auto e =
        ledger.append_applied(events::kIssueImport, imported.entity(), imported.to_json(), at);
    if (e.seq != seq)
      throw Error(ErrorKind::internal, "import event got another sequence number than its rows");
    sum.event_seq = e.seq;
    if (opt.before_commit) opt.before_commit();
  };
  try {
    ledger.write(body);
    sum.written = true;
  } catch (const Abort&) {
    sum.written = false;
    sum.event_seq = 0;
    if (sum.rejected > 0 && !opt.skip_bad)
      throw Error(
          ErrorKind::data,
          i18n::tr(N_("{} of {} rows are bad; nothing was imported"), sum.rejected, sum.rows),
          opt.name,
          _("fix the rows listed above and import again, or import the good rows "
            "with --skip-bad --rejects FILE"));
  }
  if (progress) progress(reader.position(), reader.size());
  return sum;
}

} // namespace consult::importer
