// Reading XLSX worksheets with minizip (the archive) and expat (the XML),
// streaming the sheet so that memory does not grow with the number of rows.
//
// Why minizip and not libzip: Debian's libzip pulls in OpenSSL's libcrypto and
// bzip2, which every consult process then loads and relocates — a millisecond
// on each short command such as `consult issue add`. minizip needs only zlib.

#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/intake.hpp"
#include "consult/text.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <minizip/unzip.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <fstream>
#include <functional>
#include <map>
#include <set>

namespace consult::intake {

namespace {

/// The part of an XML name after its namespace prefix.
std::string_view local(const char* name) {
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attr(const char** atts, std::string_view want) {
  for (int i = 0; atts[i]; i += 2)
    if (local(atts[i]) == want) return atts[i + 1];
  return nullptr;
}

/// A SAX parse with callbacks. DOCTYPE declarations are refused outright:
/// no XLSX part has one, and refusing them shuts out entity expansion bombs
/// and external entities.
///
/// An exception thrown by a callback never unwinds through expat's C frames
/// (that leaves the parser's state half-made): it is caught, the parse is
/// stopped, and feed() or resume() throws it once expat has returned.
class Sax {
public:
  std::function<void(std::string_view, const char**)> start;
  std::function<void(std::string_view)> end;
  std::function<void(const char*, int)> text;

  Sax(std::string part, std::string file) : part_(std::move(part)), file_(std::move(file)) {
    parser_ = XML_ParserCreate(nullptr);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(
        parser_,
        [](void* self, const char* name, const char** atts) {
          auto* s = static_cast<Sax*>(self);
          if (s->start) s->guard([&] { s->start(local(name), atts); });
        },
        [](void* self, const char* name) {
          auto* s = static_cast<Sax*>(self);
          if (s->end) s->guard([&] { s->end(local(name)); });
        });
    XML_SetCharacterDataHandler(parser_, [](void* self, const char* s, int len) {
      auto* sax = static_cast<Sax*>(self);
      if (sax->text) sax->guard([&] { sax->text(s, len); });
    });
    XML_SetStartDoctypeDeclHandler(parser_,
                                   [](void* self, const char*, const char*, const char*, int) {
                                     auto* s = static_cast<Sax*>(self);
                                     s->doctype_ = true;
                                     XML_StopParser(s->parser_, XML_FALSE);
                                   });
  }
  ~Sax() { XML_ParserFree(parser_); }
  Sax(const Sax&) = delete;
  Sax& operator=(const Sax&) = delete;

  /// Parses the next piece; true if a callback suspended the parse (resume()
  /// goes on with what is left of the piece).
  bool feed(const char* data, std::size_t len, bool last) {
    return done(XML_Parse(parser_, data, static_cast<int>(len), last ? 1 : 0));
  }

  /// Goes on after a suspension; true if suspended again.
  bool resume() { return done(XML_ResumeParser(parser_)); }

  /// From a callback: stop after it, keeping the rest for resume().
  void suspend() { XML_StopParser(parser_, XML_TRUE); }

private:
  template <typename F> void guard(F&& f) {
    if (error_) return;
    try {
      f();
    } catch (...) {
      error_ = std::current_exception();
      XML_StopParser(parser_, XML_FALSE);
    }
  }

  bool done(XML_Status status) {
    if (error_) std::rethrow_exception(error_);
    if (status == XML_STATUS_SUSPENDED) return true;
    if (status == XML_STATUS_ERROR) {
      if (doctype_)
        throw Error(
            ErrorKind::data,
            i18n::tr(N_("'{}': part {} declares a DOCTYPE, which XLSX never does"), file_, part_),
            {}, _("the file is not a genuine spreadsheet; refusing it"));
      throw Error(ErrorKind::data,
                  i18n::tr(N_("'{}': part {} is not valid XML (line {}: {})"), file_, part_,
                           XML_GetCurrentLineNumber(parser_),
                           XML_ErrorString(XML_GetErrorCode(parser_))),
                  {}, _("the file is damaged or truncated; save it again from the spreadsheet"));
    }
    return false;
  }

  XML_Parser parser_;
  std::string part_;
  std::string file_;
  bool doctype_ = false;
  std::exception_ptr error_;
};

/// Column index of a cell reference: "A1" -> 0, "AB12" -> 27; -1 if none.
long column_of(const char* ref) {
  if (!ref) return -1;
  long col = 0;
  bool any = false;
  for (const char* p = ref; *p && std::isalpha(static_cast<unsigned char>(*p)); ++p) {
    col = col * 26 + (std::toupper(static_cast<unsigned char>(*p)) - 'A' + 1);
    any = true;
    if (col > 16384) return -1;
  }
  return any ? col - 1 : -1;
}

bool builtin_date_format(long id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

/// Whether a number format code shows a date: it has a year or a day
/// (outside quoted text and [..] sections), or the Chinese 年/月/日.
bool custom_date_format(const std::string& code) {
  bool quoted = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') ++bracket;
    if (c == ']') --bracket;
    if (bracket > 0) continue;
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') return true;
  }
  return code.find("年") != std::string::npos || code.find("日") != std::string::npos;
}

/// A number as a spreadsheet shows it in a plain cell: whole numbers without
/// ".0" or an exponent (phone numbers stored as numbers).
std::string number_text(const std::string& v) {
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (!end || *end || v.empty()) return v;
  if (std::fabs(d) < 1e15 && d == std::floor(d))
    return fmt::format("{}", static_cast<long long>(d));
  return v.find_first_of("eE") == std::string::npos ? v : fmt::format("{}", d);
}

} // namespace

struct XlsxReader::Impl {
  std::string path;
  unzFile zip = nullptr;
  bool sheet_open = false;
  std::string sheet_name;
  std::string sheet_part;
  std::uint64_t sheet_size = 0;
  std::uint64_t sheet_most = kMaxSheetBytes; ///< what the sheet may unpack to
  std::uint64_t read = 0;
  bool date1904 = false;
  bool done = false;
  bool suspended = false; ///< the sheet's parse stopped after a row
  bool at_end = false;    ///< the sheet's last piece has been given to the parser
  std::size_t row_bytes = 0;
  // The shared strings end to end, and where each ends: 4 bytes a string
  // rather than a std::string's 32 (a part of empty <si/> would multiply).
  std::string shared_text;
  std::vector<std::uint32_t> shared_end;
  std::vector<bool> date_style; // per cellXfs index
  std::unique_ptr<Sax> sheet_sax;
  std::deque<Record> ready;

  // Parse state of the worksheet.
  bool in_row = false, in_cell = false, in_value = false, in_inline = false, in_phonetic = false;
  Record row;
  long next_row = 1;
  long col = 0, next_col = 0;
  std::string type, value;
  long style = 0;

  ~Impl() {
    if (sheet_open) unzCloseCurrentFile(zip);
    if (zip) unzClose(zip);
  }

  [[noreturn]] void damaged(const std::string& what) const {
    throw Error(ErrorKind::data, i18n::tr(N_("'{}' is not a readable XLSX file: {}"), path, what),
                {}, _("save it again from Excel, WPS or LibreOffice, or save the sheet as CSV"));
  }

  /// Makes `name` the archive's current entry; false if it is absent.
  bool locate(const std::string& name) const {
    return unzLocateFile(zip, name.c_str(), 1) == UNZ_OK;
  }

  /// Opens the current entry after checking its unpacked size against `limit`
  /// and against kMaxPackRatio times its packed size (a zip bomb). Returns
  /// the most it may unpack to, which the reading checks again: the sizes in
  /// the archive's headers may lie.
  std::uint64_t open_current(const std::string& name, std::uint64_t limit,
                             std::uint64_t* size = nullptr) {
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
      damaged(i18n::tr(N_("part {} cannot be read"), name));
    if (info.uncompressed_size > limit)
      damaged(i18n::tr(N_("part {} unpacks to {} bytes, more than the {} allowed"), name,
                       info.uncompressed_size, limit));
    const std::uint64_t packed_limit =
        info.compressed_size > (kMaxSheetBytes / kMaxPackRatio)
            ? kMaxSheetBytes
            : std::max<std::uint64_t>(kPackRatioFloor, info.compressed_size * kMaxPackRatio);
    if (info.uncompressed_size > packed_limit) bomb(name, packed_limit);
    if (size) *size = info.uncompressed_size;
    if (unzOpenCurrentFile(zip) != UNZ_OK) damaged(i18n::tr(N_("part {} cannot be read"), name));
    return std::min(limit, packed_limit);
  }

  [[noreturn]] void bomb(const std::string& name, std::uint64_t most) const {
    damaged(i18n::tr(N_("part {} unpacks to more than {} bytes, over {} times its packed size "
                        "(a zip bomb?)"),
                     name, most, kMaxPackRatio));
  }

  /// Reads a whole part (up to `limit` bytes); "" if it is absent and optional.
  std::string part(const std::string& name, std::uint64_t limit, bool required) {
    if (!locate(name)) {
      if (required) damaged(i18n::tr(N_("part {} is missing"), name));
      return {};
    }
    const std::uint64_t most = open_current(name, limit);
    std::string out;
    char buf[65536];
    for (;;) {
      const int n = unzReadCurrentFile(zip, buf, sizeof buf);
      if (n < 0) {
        unzCloseCurrentFile(zip);
        damaged(i18n::tr(N_("part {} is damaged"), name));
      }
      if (n == 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      if (out.size() > most) {
        unzCloseCurrentFile(zip);
        if (most < limit) bomb(name, most);
        damaged(i18n::tr(N_("part {} unpacks to more than the {} bytes allowed"), name, limit));
      }
    }
    if (unzCloseCurrentFile(zip) != UNZ_OK) damaged(i18n::tr(N_("part {} is damaged"), name));
    return out;
  }

  static void parse(const std::string& xml, Sax& parser) {
    parser.feed(xml.data(), xml.size(), true);
  }

  void open_sheet(const std::string& want) {
    // The workbook: its sheets in order, their state and relationship ids.
    struct Sheet {
      std::string name, rid, state;
    };
    std::vector<Sheet> sheets;
    {
      Sax sax("xl/workbook.xml", path);
      sax.start = [&](std::string_view el, const char** atts) {
        if (el == "sheet") {
          Sheet s;
          if (const char* v = attr(atts, "name")) s.name = v;
          if (const char* v = attr(atts, "id")) s.rid = v;
          if (const char* v = attr(atts, "state")) s.state = v;
          sheets.push_back(s);
        } else if (el == "workbookPr") {
          if (const char* v = attr(atts, "date1904"))
            date1904 = std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0;
        }
      };
      parse(part("xl/workbook.xml", kMaxPartBytes, true), sax);
    }
    if (sheets.empty()) damaged(_("the workbook has no sheets"));
    const Sheet* chosen = nullptr;
    if (want.empty()) {
      for (const auto& s : sheets)
        if (s.state.empty() || s.state == "visible") {
          chosen = &s;
          break;
        }
    } else {
      for (const auto& s : sheets)
        if (s.name == want) chosen = &s;
      if (!chosen && std::all_of(want.begin(), want.end(), ::isdigit)) {
        const auto n = std::strtoul(want.c_str(), nullptr, 10);
        if (n >= 1 && n <= sheets.size()) chosen = &sheets[n - 1];
      }
    }
    if (!chosen) {
      std::string names;
      for (const auto& s : sheets)
        names += (names.empty() ? "" : ", ") + s.name;
      throw Error(ErrorKind::data,
                  want.empty()
                      ? i18n::tr(N_("'{}' has no visible sheet"), path)
                      : i18n::tr(N_("'{}' has no sheet '{}'"), path, text::quote_input(want)),
                  "--sheet", i18n::tr(N_("its sheets: {}"), names));
    }
    sheet_name = chosen->name;

    // Where the sheet's part is.
    std::string target;
    {
      Sax sax("xl/_rels/workbook.xml.rels", path);
      sax.start = [&](std::string_view el, const char** atts) {
        if (el != "Relationship") return;
        const char* id = attr(atts, "Id");
        const char* t = attr(atts, "Target");
        if (id && t && chosen->rid == id) target = t;
      };
      parse(part("xl/_rels/workbook.xml.rels", kMaxPartBytes, true), sax);
    }
    if (target.empty())
      damaged(i18n::tr(N_("sheet '{}' has no part"), text::quote_input(chosen->name)));
    if (target.front() == '/')
      target.erase(0, 1);
    else
      target = "xl/" + target;

    // Shared strings (phonetic runs are not part of the text).
    {
      Sax sax("xl/sharedStrings.xml", path);
      bool in_si = false, in_t = false, phonetic = false;
      std::string cur;
      sax.start = [&](std::string_view el, const char**) {
        if (el == "si") {
          in_si = true;
          cur.clear();
        } else if (el == "rPh") {
          phonetic = true;
        } else if (el == "t" && in_si && !phonetic) {
          in_t = true;
        }
      };
      sax.end = [&](std::string_view el) {
        if (el == "si") {
          shared_text += cur;
          shared_end.push_back(static_cast<std::uint32_t>(shared_text.size()));
          in_si = false;
        } else if (el == "rPh") {
          phonetic = false;
        } else if (el == "t") {
          in_t = false;
        }
      };
      sax.text = [&](const char* s, int len) {
        if (in_t) cur.append(s, static_cast<std::size_t>(len));
      };
      const auto xml = part("xl/sharedStrings.xml", kMaxSharedStringBytes, false);
      if (!xml.empty()) parse(xml, sax);
    }

    // Styles: which cell formats show dates.
    {
      std::map<long, std::string> formats;
      std::vector<long> xf_formats;
      bool in_xfs = false;
      Sax sax("xl/styles.xml", path);
      sax.start = [&](std::string_view el, const char** atts) {
        if (el == "numFmt") {
          const char* id = attr(atts, "numFmtId");
          const char* code = attr(atts, "formatCode");
          if (id && code) formats[std::strtol(id, nullptr, 10)] = code;
        } else if (el == "cellXfs") {
          in_xfs = true;
        } else if (el == "xf" && in_xfs) {
          const char* id = attr(atts, "numFmtId");
          xf_formats.push_back(id ? std::strtol(id, nullptr, 10) : 0);
        }
      };
      sax.end = [&](std::string_view el) {
        if (el == "cellXfs") in_xfs = false;
      };
      const auto xml = part("xl/styles.xml", kMaxPartBytes, false);
      if (!xml.empty()) parse(xml, sax);
      for (long id : xf_formats) {
        const auto it = formats.find(id);
        date_style.push_back(it != formats.end() ? custom_date_format(it->second)
                                                 : builtin_date_format(id));
      }
    }

    // The sheet itself, streamed (read last: the archive has one open entry at a time).
    if (!locate(target)) damaged(i18n::tr(N_("part {} is missing"), target));
    sheet_most = open_current(target, kMaxSheetBytes, &sheet_size);
    sheet_open = true;
    sheet_part = target;
    sheet_sax = std::make_unique<Sax>(target, path);
    sheet_sax->start = [this](std::string_view el, const char** atts) { on_start(el, atts); };
    sheet_sax->end = [this](std::string_view el) { on_end(el); };
    sheet_sax->text = [this](const char* s, int len) {
      if (in_value || (in_inline && !in_phonetic)) {
        value.append(s, static_cast<std::size_t>(len));
        if (value.size() > kMaxRecordBytes)
          damaged(i18n::tr(N_("a cell of row {} holds more than the {} bytes a row may"), row.line,
                           kMaxRecordBytes));
      }
    };
  }

  void on_start(std::string_view el, const char** atts) {
    if (el == "row") {
      in_row = true;
      row.fields.clear();
      const char* r = attr(atts, "r");
      row.line = r ? std::strtol(r, nullptr, 10) : next_row;
      if (row.line < 1 || row.line > kMaxSheetRows)
        damaged(i18n::tr(N_("a row numbered {} (a sheet has rows 1 to {})"),
                         r ? r : std::to_string(row.line), kMaxSheetRows));
      next_row = row.line + 1;
      row_bytes = 0;
      next_col = 0;
    } else if (el == "c" && in_row) {
      in_cell = true;
      const long c = column_of(attr(atts, "r"));
      col = c >= 0 ? c : next_col;
      next_col = col + 1;
      const char* t = attr(atts, "t");
      type = t ? t : "n";
      const char* s = attr(atts, "s");
      style = s ? std::strtol(s, nullptr, 10) : 0;
      value.clear();
    } else if (el == "v" && in_cell) {
      in_value = true;
    } else if (el == "is" && in_cell) {
      in_inline = true;
    } else if (el == "rPh") {
      in_phonetic = true;
    }
  }

  void on_end(std::string_view el) {
    if (el == "v") {
      in_value = false;
    } else if (el == "is") {
      in_inline = false;
    } else if (el == "rPh") {
      in_phonetic = false;
    } else if (el == "c" && in_cell) {
      in_cell = false;
      if (col > 16383) return;
      std::string text;
      if (type == "s") {
        const auto i = std::strtoul(value.c_str(), nullptr, 10);
        if (i >= shared_end.size())
          damaged(i18n::tr(N_("row {} refers to a missing string"), row.line));
        const std::uint32_t from = i == 0 ? 0 : shared_end[i - 1];
        text = shared_text.substr(from, shared_end[i] - from);
      } else if (type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      } else if (type == "n" && !value.empty()) {
        const bool is_date = style >= 0 && static_cast<std::size_t>(style) < date_style.size() &&
                             date_style[static_cast<std::size_t>(style)];
        if (is_date) {
          const double serial = std::strtod(value.c_str(), nullptr);
          if (auto d = excel_serial_date(serial, date1904)) {
            text = clock::format_date(*d);
            const double frac = serial - std::floor(serial);
            const auto minutes = static_cast<long>(std::lround(frac * 24 * 60));
            if (minutes > 0 && minutes < 24 * 60)
              text += fmt::format(" {:02}:{:02}", minutes / 60, minutes % 60);
          } else {
            text = value;
          }
        } else {
          text = number_text(value);
        }
      } else {
        text = value; // str (formula text), inlineStr, e (errors), d (ISO dates)
      }
      row_bytes += text.size() + 1;
      if (row_bytes > kMaxRecordBytes)
        damaged(i18n::tr(N_("row {} holds more than the {} bytes a row may"), row.line,
                         kMaxRecordBytes));
      if (static_cast<std::size_t>(col) >= row.fields.size())
        row.fields.resize(static_cast<std::size_t>(col) + 1);
      row.fields[static_cast<std::size_t>(col)] = std::move(text);
    } else if (el == "row" && in_row) {
      in_row = false;
      bool blank = true;
      for (const auto& f : row.fields)
        if (!f.empty()) blank = false;
      if (!blank) {
        ready.push_back(std::move(row));
        sheet_sax->suspend(); // one row at a time: memory does not grow with a piece's rows
      }
      row = Record{};
    }
  }

  bool pump() {
    if (done) return false;
    if (suspended) {
      suspended = sheet_sax->resume();
      if (!suspended && at_end) finish();
      return true;
    }
    char buf[65536];
    const int n = unzReadCurrentFile(zip, buf, sizeof buf);
    if (n < 0) damaged(i18n::tr(N_("the sheet is damaged")));
    read += static_cast<std::uint64_t>(n);
    if (read > sheet_most && sheet_most < kMaxSheetBytes) bomb(sheet_part, sheet_most);
    if (read > kMaxSheetBytes)
      damaged(i18n::tr(N_("the sheet unpacks to more than the {} bytes allowed"), kMaxSheetBytes));
    at_end = n == 0;
    suspended = sheet_sax->feed(buf, static_cast<std::size_t>(n), at_end);
    if (!suspended && at_end) finish();
    return true;
  }

  void finish() {
    done = true;
    sheet_open = false;
    if (unzCloseCurrentFile(zip) != UNZ_OK) damaged(_("the sheet is damaged (checksum)"));
  }
};

XlsxReader::XlsxReader(const std::string& path, const std::string& sheet) : impl_(new Impl) {
  impl_->path = path;
  impl_->zip = unzOpen64(path.c_str());
  if (!impl_->zip) {
    delete impl_;
    std::ifstream probe(path, std::ios::binary);
    if (!probe) throw Error(ErrorKind::no_input, i18n::tr(N_("cannot open '{}'"), path));
    const bool zip = looks_like_zip(path);
    throw Error(
        ErrorKind::data,
        i18n::tr(N_("'{}' is not a readable XLSX file: {}"), path,
                 zip ? _("the archive is damaged or truncated") : _("it is not a zip archive")),
        {},
        zip ? _("the file is damaged or truncated; save it again from the spreadsheet")
            : _("a CSV renamed .xlsx? import it as CSV"));
  }
  try {
    impl_->open_sheet(sheet);
  } catch (...) {
    delete impl_;
    throw;
  }
}

XlsxReader::~XlsxReader() {
  delete impl_;
}

bool XlsxReader::next(Record& record) {
  while (impl_->ready.empty())
    if (!impl_->pump()) return false;
  record = std::move(impl_->ready.front());
  impl_->ready.pop_front();
  return true;
}

std::uint64_t XlsxReader::position() const {
  return impl_->read;
}

std::uint64_t XlsxReader::size() const {
  return impl_->sheet_size;
}

const std::string& XlsxReader::sheet_name() const {
  return impl_->sheet_name;
}

bool looks_like_zip(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0;
}

} // namespace consult::intake
