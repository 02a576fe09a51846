#include "consult/config.hpp"

#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/sign.hpp"
#include "consult/text.hpp"

#include <stdexcept>

// toml++ checks its own state with TOML_ASSERT_ASSUME: an assert() in a
// debug build, an assumption the optimiser may act on in a release build
// (clang). Broken files reach some of them (found by the toml and profile
// fuzz targets: a '}' closing an array, a table header "[."). Here every
// such check is kept, in every build, and a failed one throws, to be
// reported as a syntax error the parser could not recover from.
namespace consult::config {
struct TomlAssertion : std::logic_error {
  using std::logic_error::logic_error;
};
[[noreturn]] inline void toml_assertion_failed(const char* what) {
  throw TomlAssertion(what);
}
} // namespace consult::config
#pragma push_macro("NDEBUG")
#undef NDEBUG
#define TOML_ASSERT(expr) ((expr) ? (void)0 : ::consult::config::toml_assertion_failed(#expr))
#include <toml++/toml.h>
#pragma pop_macro("NDEBUG")

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <map>
#include <set>
#include <sstream>

namespace consult::config {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------- helpers

std::string where(const std::string& file, const toml::source_region& src) {
  if (src.begin.line == 0) return file;
  return fmt::format("{}:{}:{}", file, src.begin.line, src.begin.column);
}

[[noreturn]] void fail(const std::string& at, const std::string& key, const std::string& what,
                       const std::string& hint = {}) {
  throw Error(ErrorKind::config,
              key.empty() ? what : i18n::tr(N_("key '{}': {}"), text::quote_input(key), what), at,
              hint);
}

const char* type_name(const toml::node& n) {
  switch (n.type()) {
  case toml::node_type::string:
    return N_("a string");
  case toml::node_type::integer:
    return N_("an integer");
  case toml::node_type::floating_point:
    return N_("a number");
  case toml::node_type::boolean:
    return N_("a boolean");
  case toml::node_type::date:
    return N_("a date");
  case toml::node_type::time:
    return N_("a time");
  case toml::node_type::date_time:
    return N_("a date-time");
  case toml::node_type::array:
    return N_("an array");
  case toml::node_type::table:
    return N_("a table");
  default:
    return N_("nothing");
  }
}

bool valid_key(const std::string& k) {
  if (k.empty() || k.size() > 64) return false;
  if (!std::isalnum(static_cast<unsigned char>(k.front()))) return false;
  return std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool valid_hhmm(const std::string& s) {
  return s.size() == 5 && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1])) && s[2] == ':' &&
         std::isdigit(static_cast<unsigned char>(s[3])) &&
         std::isdigit(static_cast<unsigned char>(s[4])) && (s[0] - '0') * 10 + (s[1] - '0') < 24 &&
         (s[3] - '0') * 10 + (s[4] - '0') < 60;
}

/// Reads one TOML table, remembering which keys were used, so that every
/// key nobody asked for is reported as unknown (a typo must not pass).
class Reader {
public:
  Reader(const toml::table& table, std::string file, std::string prefix)
      : table_(table), file_(std::move(file)), prefix_(std::move(prefix)) {}

  std::string key_path(const std::string& key) const {
    return prefix_.empty() ? key : prefix_ + "." + key;
  }
  std::string at() const { return where(file_, table_.source()); }
  std::string at(const toml::node& n) const { return where(file_, n.source()); }
  const std::string& file() const { return file_; }

  const toml::node* get(const std::string& key) {
    used_.insert(key);
    return table_.get(key);
  }

  [[noreturn]] void wrong_type(const std::string& key, const toml::node& n, const char* want) {
    fail(at(n), key_path(key), i18n::tr(N_("expected {}, found {}"), _(want), _(type_name(n))));
  }

  [[noreturn]] void missing(const std::string& key) {
    fail(at(), key_path(key), _("required key is missing"));
  }

  std::optional<std::string> opt_string(const std::string& key) {
    const auto* n = get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) wrong_type(key, *n, N_("a string"));
    return n->as_string()->get();
  }

  std::string string(const std::string& key) {
    auto v = opt_string(key);
    if (!v) missing(key);
    if (v->empty()) fail(at(*get(key)), key_path(key), _("must not be empty"));
    return *v;
  }

  std::optional<std::int64_t> opt_int(const std::string& key) {
    const auto* n = get(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) wrong_type(key, *n, N_("an integer"));
    return n->as_integer()->get();
  }

  int count(const std::string& key, int fallback, int limit = 100000) {
    const auto v = opt_int(key);
    if (!v) return fallback;
    if (*v < 0)
      fail(at(*get(key)), key_path(key), i18n::tr(N_("must not be negative (found {})"), *v));
    if (*v > limit)
      fail(at(*get(key)), key_path(key), i18n::tr(N_("must be at most {} (found {})"), limit, *v));
    return static_cast<int>(*v);
  }

  std::optional<bool> opt_bool(const std::string& key) {
    const auto* n = get(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) wrong_type(key, *n, N_("a boolean"));
    return n->as_boolean()->get();
  }

  std::optional<clock::Date> opt_date(const std::string& key) {
    const auto* n = get(key);
    if (!n) return std::nullopt;
    if (n->is_date()) {
      const auto d = n->as_date()->get();
      const clock::Date date{std::chrono::year{d.year}, std::chrono::month{d.month},
                             std::chrono::day{d.day}};
      if (date.ok()) return date;
    } else if (n->is_string()) {
      if (auto d = clock::parse_date(n->as_string()->get())) return d;
    } else {
      wrong_type(key, *n, N_("a date"));
    }
    fail(at(*n), key_path(key), _("not a valid date (write YYYY-MM-DD)"));
  }

  Fraction fraction(const std::string& key, std::optional<Fraction> fallback = std::nullopt) {
    const auto* n = get(key);
    if (!n) {
      if (fallback) return *fallback;
      missing(key);
    }
    std::optional<Fraction> f;
    if (n->is_string()) {
      f = parse_fraction(n->as_string()->get());
    } else if (n->is_floating_point() || n->is_integer()) {
      const double v = n->is_integer() ? static_cast<double>(n->as_integer()->get())
                                       : n->as_floating_point()->get();
      f = parse_fraction(fmt::format("{}", v));
    } else {
      wrong_type(key, *n, N_("a fraction"));
    }
    if (!f)
      fail(at(*n), key_path(key), _("must be a fraction between 0 and 1"),
           _("write it as \"2/3\" or as a decimal such as 0.5"));
    return *f;
  }

  const toml::table* opt_table(const std::string& key) {
    const auto* n = get(key);
    if (!n) return nullptr;
    if (!n->is_table()) wrong_type(key, *n, N_("a table"));
    return n->as_table();
  }

  const toml::array* opt_array(const std::string& key) {
    const auto* n = get(key);
    if (!n) return nullptr;
    if (!n->is_array()) wrong_type(key, *n, N_("an array"));
    return n->as_array();
  }

  Reader sub(const toml::table& t, const std::string& key) const {
    return Reader(t, file_, key_path(key));
  }

  /// Fails on the first key that was never asked for.
  void finish() const {
    for (auto&& [k, v] : table_) {
      const std::string key(k.str());
      if (!used_.count(key))
        fail(where(file_, k.source().begin.line ? k.source() : v.source()), key_path(key),
             _("unknown key"), _("check the spelling against docs/configuration.md"));
    }
  }

private:
  const toml::table& table_;
  std::string file_;
  std::string prefix_;
  std::set<std::string> used_;
};

/// Whether toml++ 3.3.0 (Debian 12's) can ask if `c` is whitespace without
/// reaching its __builtin_unreachable: undefined behaviour, found by the
/// toml fuzz target (upstream issues #190 and #295, fixed after 3.3.0). This
/// mirrors the table of its is_non_ascii_horizontal_whitespace().
bool toml_safe_to_classify(char32_t c) {
  if (c < 0xA0 || c > 0xFEFF) return true;
  const auto child = (static_cast<std::uint64_t>(c) - 0xA0) / 0x3FA;
  if ((1ull << child) & 0x7FFFFFFFFFFFF75Eull) return true;
  return c == 0xA0 || c == 0x3000 || c == 0xFEFF || child == 5 || child == 7;
}

/// Refuses text that is not UTF-8, and non-ASCII characters outside quoted
/// strings and comments, where TOML allows none: a full-width '，' or '＝'
/// typed for its ASCII twin is the usual cause, and deserves a clearer
/// message than the parser's.
void screen_toml(const std::string& text, const std::string& name) {
  enum class In { code, comment, basic, literal, ml_basic, ml_literal };
  In in = In::code;
  bool trimming = false;      // after a line-ending backslash in a """ string
  bool escaped = false;       // after a backslash in a basic string
  bool glued_comment = false; // a '#' right after a value: a comment only if the value is good
  char prev = 0;              // the character before, in code (0 at a line's start)
  char last = 0;              // the last one not blank, in code (0 at a line's start)
  std::size_t line = 1, column = 0, i = 0;
  auto refuse = [&](const std::string& what, const std::string& hint) {
    throw Error(ErrorKind::config, what, fmt::format("{}:{}:{}", name, line, column), hint);
  };
  auto run_of = [&](char q) {
    std::size_t n = 0;
    while (i + n < text.size() && text[i + n] == q)
      ++n;
    return n;
  };
  while (i < text.size()) {
    // One code point.
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t len = b < 0x80         ? 1
                            : (b >> 5) == 6  ? 2
                            : (b >> 4) == 14 ? 3
                            : (b >> 3) == 30 ? 4
                                             : 0;
    ++column;
    if (len == 0 || i + len > text.size() ||
        !text::valid_utf8(std::string_view(text).substr(i, len)))
      refuse(_("the file is not valid UTF-8 here"), _("save it as UTF-8 text"));
    char32_t c = len == 1 ? b : static_cast<char32_t>(b & (0xFF >> (len + 1)));
    for (std::size_t k = 1; k < len; ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    const char ch = static_cast<char>(b);

    if (ch == '\n') {
      ++line;
      column = 0;
      if (in == In::comment || in == In::basic || in == In::literal) in = In::code;
      escaped = false;
      glued_comment = false;
      if (in == In::code) prev = last = 0;
      ++i;
      continue;
    }
    if (trimming) {
      if (ch == ' ' || ch == '\t' || ch == '\r') {
        ++i;
        continue;
      }
      trimming = false;
    }
    switch (in) {
    case In::code: {
      if (c >= 0x80) {
        if (glued_comment)
          refuse(i18n::tr(N_("'{}' in a comment that follows a value without a space"),
                          text::quote_input(text.substr(i, len))),
                 _("put a space before the '#' of the comment"));
        refuse(i18n::tr(N_("'{}' outside quotes: TOML allows such characters only in quoted "
                           "strings and comments"),
                        text.substr(i, len)),
               _("put the text in quotes, or replace a full-width character such as '，' or "
                 "'＝' with its ASCII form"));
      }
      // Where toml++ may still be reading a (broken) value token, a quote or
      // a '#' does not begin a string or a comment for it: they do only at
      // the places TOML has them, and there alone is non-ASCII text let by.
      const bool at_start = last == 0 || std::strchr("=[,{.", last) != nullptr;
      const bool after_space = prev == 0 || prev == ' ' || prev == '\t';
      prev = ch;
      if (ch != ' ' && ch != '\t' && ch != '\r') last = ch;
      if (ch == '#') {
        if (after_space || at_start)
          in = In::comment;
        else
          glued_comment = true;
      } else if ((ch == '"' || ch == '\'') && !at_start) {
        // not a string for toml++ either: a broken value, refused by it
      } else if (ch == '"') {
        const auto n = run_of('"');
        if (n >= 3) {
          in = In::ml_basic;
          i += 3;
          column += 2;
          continue;
        }
        in = In::basic;
      } else if (ch == '\'') {
        const auto n = run_of('\'');
        if (n >= 3) {
          in = In::ml_literal;
          i += 3;
          column += 2;
          continue;
        }
        in = In::literal;
      }
      break;
    }
    case In::comment:
      break;
    case In::basic:
      if (escaped)
        escaped = false;
      else if (ch == '\\')
        escaped = true;
      else if (ch == '"')
        in = In::code, prev = last = ch;
      break;
    case In::literal:
      if (ch == '\'') in = In::code, prev = last = ch;
      break;
    case In::ml_basic:
    case In::ml_literal: {
      const char q = in == In::ml_basic ? '"' : '\'';
      if (escaped) {
        escaped = false;
        break;
      }
      if (in == In::ml_basic && ch == '\\') {
        // A line-ending backslash: only whitespace up to the line end.
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
          ++j;
        if (j < text.size() && text[j] == '\n') {
          trimming = true;
          column += j - i - 1;
          i = j;
          continue;
        }
        escaped = true;
        break;
      }
      if (ch == q) {
        const auto n = run_of(q);
        if (n >= 3) {
          const auto take = std::min<std::size_t>(n, 5); // up to two quotes belong to the text
          i += take;
          column += take - 1;
          in = In::code;
          prev = last = q;
          continue;
        }
      }
      break;
    }
    }
    i += len;
  }
}

// The characters toml++ 3.3.0 cannot classify (toml_safe_to_classify) fall in
// three blocks; each maps one to one onto private-use characters it can,
// U+E000 to U+EBFF, which the parser gets instead and the strings and keys it
// returns are mapped back from. The parser never sees one it cannot classify,
// wherever it looks (its error path reads a broken value to the next blank,
// quotes and all), and columns stay as they were.
constexpr char32_t kShieldBlocks[3][2] = {{0xA0, 0xE000}, {0x2C5E, 0xE400}, {0xFB26, 0xE800}};
constexpr char32_t kShieldBlock = 0x400;
constexpr char32_t kShieldFirst = 0xE000, kShieldLast = 0xEBFF;

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

/// Rewrites the code points of valid UTF-8 `text` through `map`.
template <typename Map> std::string remap(std::string_view text, Map map) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
    if (len == 1 || i + len > text.size()) {
      out += text[i++];
      continue;
    }
    char32_t c = static_cast<char32_t>(b & (0xFF >> (len + 1)));
    for (std::size_t k = 1; k < len; ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    append_utf8(out, map(c));
    i += len;
  }
  return out;
}

char32_t shield(char32_t c) {
  if (toml_safe_to_classify(c)) return c;
  for (const auto& [from, to] : kShieldBlocks)
    if (c >= from && c < from + kShieldBlock) return to + (c - from);
  return c;
}

char32_t unshield(char32_t c) {
  for (const auto& [from, to] : kShieldBlocks)
    if (c >= to && c < to + kShieldBlock) return from + (c - to);
  return c;
}

/// Maps the strings and keys of a parsed document back.
void unshield(toml::table& table) {
  std::vector<std::pair<toml::key, std::string>> renamed;
  for (auto&& [k, v] : table) {
    const std::string key(k.str());
    if (const auto back = remap(key, [](char32_t c) { return unshield(c); }); back != key)
      renamed.emplace_back(k, back);
  }
  for (const auto& rename : renamed) {
    // toml::table has no rename: the node moves to the new key, keeping its
    // source position (and the key its own) for messages.
    const toml::key& from = rename.first;
    const std::string& to = rename.second;
    table.get(from.str())->visit([&](auto&& node) {
      table.insert_or_assign(toml::key(to, from.source()), std::move(node));
    });
    table.erase(from.str());
  }
  auto fix = [](toml::node& n, auto& self) -> void {
    if (auto* t = n.as_table()) {
      unshield(*t);
    } else if (auto* a = n.as_array()) {
      for (auto& e : *a)
        self(e, self);
    } else if (auto* str = n.as_string()) {
      str->get() = remap(str->get(), [](char32_t c) { return unshield(c); });
    }
  };
  for (auto&& [k, v] : table)
    fix(v, fix);
}

toml::table parse_toml(const std::string& text, const std::string& name) {
  screen_toml(text, name);
  const auto shielded = remap(text, [&](char32_t c) {
    if (c >= kShieldFirst && c <= kShieldLast)
      throw Error(
          ErrorKind::config,
          i18n::tr(N_("private-use character U+{:04X} in the file"), static_cast<std::uint32_t>(c)),
          name, _("a configuration file has no use for them; remove it"));
    return shield(c);
  });
  try {
    auto table = toml::parse(shielded, name);
    unshield(table);
    return table;
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    throw Error(ErrorKind::config,
                i18n::tr(N_("TOML syntax error: {}"),
                         remap(e.description(), [](char32_t c) { return unshield(c); })),
                fmt::format("{}:{}:{}", name, src.begin.line, src.begin.column));
  } catch (const TomlAssertion&) {
    throw Error(ErrorKind::config, _("TOML syntax error the parser cannot say where"), name,
                _("check the brackets, braces and quotes of the file's tables and arrays"));
  }
}

/// What a file being read is, for the message when it cannot be.
enum class FileRole { config, community, import_map };

std::string read_file(const std::string& path, FileRole role) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    const bool missing = !fs::exists(path, ec);
    switch (role) {
    case FileRole::config:
      if (missing)
        throw Error(ErrorKind::config, i18n::tr(N_("configuration file '{}' does not exist"), path),
                    {},
                    _("pass --config FILE, set CONSULT_CONFIG, or create ./consult.toml "
                      "(see examples/consult.toml)"));
      throw Error(ErrorKind::config, i18n::tr(N_("cannot read configuration file '{}'"), path));
    case FileRole::community:
      throw Error(ErrorKind::config,
                  missing ? i18n::tr(N_("community file '{}' does not exist"), path)
                          : i18n::tr(N_("cannot read community file '{}'"), path),
                  {}, _("check the 'communities' list of the configuration file"));
    case FileRole::import_map:
      throw Error(ErrorKind::no_input,
                  missing ? i18n::tr(N_("mapping file '{}' does not exist"), path)
                          : i18n::tr(N_("cannot read mapping file '{}'"), path),
                  "--map", _("check the path given to --map"));
    }
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Reads a table of `key = "label"` pairs, in file order.
std::vector<Label> labels(Reader& r, const std::string& key, std::vector<Label> fallback) {
  const auto* t = r.opt_table(key);
  if (!t) return fallback;
  std::vector<std::pair<toml::source_index, Label>> found;
  for (auto&& [k, v] : *t) {
    const std::string name(k.str());
    const std::string path = r.key_path(key) + "." + name;
    if (!valid_key(name))
      fail(where(r.file(), k.source()), path,
           _("keys must be lower-case letters, digits, '-' or '_'"));
    if (!v.is_string())
      fail(where(r.file(), v.source()), path,
           i18n::tr(N_("expected a string label, found {}"), _(type_name(v))));
    if (text::trim(v.as_string()->get()).empty())
      fail(where(r.file(), v.source()), path, _("the label must not be empty"));
    found.push_back({k.source().begin.line, {name, v.as_string()->get()}});
  }
  if (found.empty()) fail(r.at(*t), r.key_path(key), _("must list at least one entry"));
  // toml++ keeps a table's keys sorted; people expect the order of their file.
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Label> out;
  for (auto& f : found)
    out.push_back(std::move(f.second));
  return out;
}

std::vector<Label> default_channels() {
  return {{"suggestion-box", "意见箱"}, {"reception-day", "接待日"}, {"discussion-book", "议事本"},
          {"wechat-group", "微信群"},   {"questionnaire", "问卷"},   {"visit", "走访"},
          {"meeting", "会上提出"},      {"referral", "转办"}};
}

std::vector<Label> default_categories() {
  return {{"parking", "停车"},
          {"elderly-care", "养老"},
          {"environment", "环境卫生"},
          {"garbage-sorting", "垃圾分类"},
          {"facility-repair", "设施维修"},
          {"children", "儿童"},
          {"safety", "安全"},
          {"neighbour-dispute", "邻里纠纷"},
          {"property-management", "物业管理"},
          {"other", "其他"}};
}

std::vector<Label> default_meeting_kinds() {
  return {{"council", "议事会"},
          {"bench", "板凳会"},
          {"pavilion", "凉亭会"},
          {"round-table", "圆桌会"},
          {"reception-day", "业主接待日"},
          {"joint", "联席会议"},
          {"joint-inspection", "联合现场踏勘"},
          {"owners-assembly", "业主大会"},
          {"residents-meeting", "居民会议"},
          {"online", "线上议事"}};
}

int weekday_number(const std::string& s) {
  static const char* const kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  const auto lower = s.substr(0, 3);
  for (int i = 0; i < 7; ++i)
    if (lower == kNames[i]) return i;
  return -1;
}

Member parse_member(Reader r) {
  Member m;
  m.name = r.string("name");
  m.role = r.opt_string("role").value_or("");
  m.since = r.opt_date("since");
  m.until = r.opt_date("until");
  if (m.since && m.until && *m.until < *m.since)
    fail(r.at(), r.key_path("until"), _("the term ends before it starts"));
  r.finish();
  return m;
}

Seat parse_seat(Reader r) {
  Seat s;
  s.key = r.string("key");
  if (!valid_key(s.key))
    fail(r.at(*r.get("key")), r.key_path("key"),
         _("keys must be lower-case letters, digits, '-' or '_'"));
  s.label = r.string("label");
  const auto count = r.opt_int("count");
  if (count && (r.get("min") || r.get("max")))
    fail(r.at(), r.key_path("count"), _("give either count or min and max, not both"));
  if (count) {
    s.min = s.max = r.count("count", 0, 1000);
  } else {
    s.min = r.count("min", 0, 1000);
    if (!r.get("max")) r.missing("max");
    s.max = r.count("max", 0, 1000);
    if (s.min > s.max)
      fail(r.at(*r.get("min")), r.key_path("min"),
           i18n::tr(N_("min ({}) is greater than max ({})"), s.min, s.max));
  }
  if (s.max == 0) fail(r.at(), r.key_path("max"), _("a seat category needs at least one seat"));
  if (const auto* members = r.opt_array("members")) {
    std::size_t i = 0;
    for (auto&& node : *members) {
      const std::string key = fmt::format("members[{}]", i++);
      if (!node.is_table())
        fail(r.at(node), r.key_path(key),
             i18n::tr(N_("expected a table, found {}"), _(type_name(node))),
             _("write members as { name = \"…\", since = 2024-01-01 }"));
      s.members.push_back(parse_member(r.sub(*node.as_table(), key)));
    }
    if (static_cast<int>(s.members.size()) > s.max)
      fail(r.at(*members), r.key_path("members"),
           i18n::tr(N_("{} members for at most {} seats"), s.members.size(), s.max));
  }
  r.finish();
  return s;
}

Profile parse_profile(Reader r, const std::string& key) {
  Profile p;
  p.key = key;
  p.label = r.opt_string("label").value_or(key);
  p.quorum = r.fraction("quorum");
  p.quorum_inclusive = r.opt_bool("quorum_inclusive").value_or(true);
  p.threshold = r.fraction("threshold");
  p.threshold_of = r.opt_string("threshold_of").value_or("present");
  if (p.threshold_of != "cast" && p.threshold_of != "present" && p.threshold_of != "members")
    fail(r.at(*r.get("threshold_of")), r.key_path("threshold_of"),
         i18n::tr(N_("'{}' is not one of: cast, present, members"),
                  text::quote_input(p.threshold_of)));
  p.threshold_inclusive = r.opt_bool("threshold_inclusive").value_or(false);
  r.finish();
  return p;
}

Schedule parse_schedule(Reader r, const Community& c) {
  Schedule s;
  s.kind = r.string("kind");
  if (!c.meeting_kind(s.kind)) {
    std::string keys;
    for (const auto& k : c.meeting_kinds)
      keys += (keys.empty() ? "" : ", ") + k.key;
    fail(r.at(*r.get("kind")), r.key_path("kind"),
         i18n::tr(N_("unknown meeting kind '{}'"), text::quote_input(s.kind)),
         i18n::tr(N_("known kinds: {}"), keys));
  }
  s.key = r.opt_string("key").value_or(s.kind);
  if (!valid_key(s.key))
    fail(r.at(*r.get("key")), r.key_path("key"),
         _("keys must be lower-case letters, digits, '-' or '_'"));
  s.title = r.opt_string("title").value_or("");
  s.venue = r.opt_string("venue").value_or("");
  s.online = r.opt_string("online").value_or("");
  s.agenda = r.opt_bool("agenda").value_or(true);
  s.at = r.string("at");
  if (!valid_hhmm(s.at)) fail(r.at(*r.get("at")), r.key_path("at"), _("expected a time HH:MM"));
  s.until = r.opt_string("until").value_or("");
  if (!s.until.empty() && (!valid_hhmm(s.until) || s.until <= s.at))
    fail(r.at(*r.get("until")), r.key_path("until"), _("expected a time HH:MM after 'at'"));
  if (const auto* days = r.opt_array("days_of_month")) {
    for (auto&& d : *days) {
      if (!d.is_integer() || d.as_integer()->get() < 1 || d.as_integer()->get() > 31)
        fail(r.at(d), r.key_path("days_of_month"), _("days of the month are 1 to 31"));
      s.days_of_month.push_back(static_cast<int>(d.as_integer()->get()));
    }
  }
  if (const auto* days = r.opt_array("weekdays")) {
    for (auto&& d : *days) {
      const int n = d.is_string() ? weekday_number(text::ascii_lower(d.as_string()->get())) : -1;
      if (n < 0)
        fail(r.at(d), r.key_path("weekdays"), _("weekdays are mon, tue, wed, thu, fri, sat, sun"));
      s.weekdays.push_back(n);
    }
  }
  if (s.days_of_month.empty() == s.weekdays.empty())
    fail(r.at(), r.key_path("days_of_month"),
         _("a schedule needs either days_of_month or weekdays (one of them)"));
  r.finish();
  return s;
}

} // namespace

// ---------------------------------------------------------------- public

std::optional<Fraction> parse_fraction(const std::string& text) {
  const auto t = std::string(text::trim(text));
  const auto slash = t.find('/');
  auto parse_int = [](const std::string& s, std::int64_t& out) {
    if (s.empty() || s.size() > 9) return false;
    out = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  Fraction f;
  if (slash != std::string::npos) {
    if (!parse_int(t.substr(0, slash), f.num) || !parse_int(t.substr(slash + 1), f.den))
      return std::nullopt;
  } else {
    // A decimal: digits, '.', digits, read exactly (0.6667 is 6667/10000).
    const auto dot = t.find('.');
    const std::string whole = t.substr(0, dot);
    const std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
    std::int64_t w = 0, n = 0;
    if (!parse_int(whole, w) || (!frac.empty() && !parse_int(frac, n))) return std::nullopt;
    std::int64_t den = 1;
    for (std::size_t i = 0; i < frac.size(); ++i)
      den *= 10;
    f.num = w * den + n;
    f.den = den;
  }
  if (f.den <= 0 || f.num > f.den) return std::nullopt;
  const auto g = std::gcd(f.num, f.den);
  if (g > 1) {
    f.num /= g;
    f.den /= g;
  }
  return f;
}

std::optional<Profile> find_profile(const Community& community, const std::string& key) {
  for (const auto& p : community.rules.profiles)
    if (p.key == key) return p;
  if (!rules::is_builtin_profile(key)) return std::nullopt;
  return rules::builtin_profile(key);
}

std::optional<Profile> kind_profile(const Community& community, const std::string& kind) {
  for (const auto& [k, profile] : community.rules.defaults)
    if (k == kind) return find_profile(community, profile);
  return std::nullopt;
}

std::vector<rules::Shortfall>
composition_shortfalls(const Community& community,
                       const std::vector<std::pair<std::string, int>>& present_by_seat) {
  auto out = rules::composition_shortfalls(community.rules.require_present, present_by_seat);
  for (auto& s : out)
    if (const auto* seat = community.seat(s.seat)) s.label = seat->label;
  return out;
}

int Council::seat_count() const {
  int n = 0;
  for (const auto& s : seats)
    n += static_cast<int>(s.members.size());
  return n;
}

namespace {
template <typename T> const T* find_key(const std::vector<T>& v, const std::string& key) {
  for (const auto& x : v)
    if (x.key == key) return &x;
  return nullptr;
}
} // namespace

const Label* Community::channel(const std::string& key) const {
  return find_key(channels, key);
}
const Label* Community::category(const std::string& key) const {
  return find_key(categories, key);
}
const Label* Community::meeting_kind(const std::string& key) const {
  return find_key(meeting_kinds, key);
}
const Seat* Community::seat(const std::string& key) const {
  return find_key(council.seats, key);
}
const Body* Community::body(const std::string& key) const {
  return find_key(bodies, key);
}
const Body* Community::body_of_kind(const std::string& kind) const {
  for (const auto& b : bodies)
    if (std::find(b.kinds.begin(), b.kinds.end(), kind) != b.kinds.end()) return &b;
  return nullptr;
}
const std::vector<std::string>& authority_levels() {
  static const std::vector<std::string> kLevels = {"street",   "town",   "township", "district",
                                                   "county",   "department", "other"};
  return kLevels;
}

std::optional<Authority> Community::authority(const std::string& key) const {
  for (const auto& a : authorities)
    if (a.key == key) return a;
  if (key == "street") return Authority{"street", "street", street, false};
  if (key == "district") return Authority{"district", "district", district, false};
  return std::nullopt;
}

std::vector<Authority> Community::all_authorities() const {
  std::vector<Authority> out;
  for (const char* implied : {"street", "district"})
    if (std::none_of(authorities.begin(), authorities.end(),
                     [&](const Authority& a) { return a.key == implied; }))
      out.push_back(*authority(implied));
  out.insert(out.end(), authorities.begin(), authorities.end());
  return out;
}

const Body& Community::council_body() const {
  static const Body kNone; // a community made in code without a file
  return bodies.empty() ? kNone : bodies.front();
}

const Community* Config::find(const std::string& id) const {
  for (const auto& c : communities)
    if (c.id == id) return &c;
  return nullptr;
}

const std::vector<std::string>& body_types() {
  static const std::vector<std::string> kTypes = {"council",         "building-group",
                                                  "owners-committee", "owners-assembly",
                                                  "residents-meeting", "other"};
  return kTypes;
}

namespace {

/// Who takes part in a body of `type` unless its file says otherwise.
std::string default_electorate(const std::string& type) {
  if (type == "building-group" || type == "residents-meeting") return "residents";
  if (type == "owners-assembly") return "owners";
  return "members";
}

/// The profile a body of `type` decides by unless its file says otherwise:
/// the law's where there is one (docs/bodies.md).
std::string default_profile(const std::string& type) {
  if (type == "owners-assembly") return "civil-code-278";
  if (type == "residents-meeting") return "residents-meeting";
  if (type == "owners-committee") return "majority-members";
  return "majority-present";
}

/// `name` as a notice is signed: with the community's name before it
/// unless it already begins with it.
std::string signed_as(const Community& c, const std::string& name) {
  return name.rfind(c.name, 0) == 0 ? name : c.name + name;
}

std::string known_profiles(const Community& c) {
  std::string known = fmt::format("{}", fmt::join(rules::builtin_profiles(), ", "));
  for (const auto& defined : c.rules.profiles)
    known += ", " + defined.key;
  return known;
}

/// Reads `[[bodies]]` and completes the bodies a file implies: the council
/// of `[council]` first, then each configured body, then an owners'
/// assembly and a residents' meeting for kinds whose default profile is
/// theirs when no body of that type holds them. A kind with any other
/// default profile that no body names is the council's (as before bodies).
void parse_bodies(Reader& r, Community& c, const toml::array* council_kinds, Body council,
                  const std::string& council_at) {
  std::map<std::string, std::string> holder; // kind -> body key
  auto take_kinds = [&](Body& b, const toml::array* kinds, Reader& br, const std::string& path) {
    if (!kinds) return;
    for (auto&& node : *kinds) {
      if (!node.is_string())
        fail(br.at(node), path, _("each meeting kind is a key in quotes"),
             _("e.g. kinds = [\"building-group\"]"));
      const std::string kind = node.as_string()->get();
      if (!c.meeting_kind(kind)) {
        std::string keys;
        for (const auto& k : c.meeting_kinds)
          keys += (keys.empty() ? "" : ", ") + k.key;
        fail(br.at(node), path, i18n::tr(N_("unknown meeting kind '{}'"), text::quote_input(kind)),
             i18n::tr(N_("add it under [meeting_kinds]; known kinds: {}"), keys));
      }
      // The kind `council` is the council's own.
      if (b.key != "council" && kind == "council") holder.emplace(kind, "council");
      if (const auto it = holder.find(kind); it != holder.end())
        fail(br.at(node), path,
             i18n::tr(N_("meetings of kind '{}' are already held by body '{}'"),
                      text::quote_input(kind), it->second),
             _("each meeting kind belongs to one body; give the other body its own kind"));
      holder[kind] = b.key;
      b.kinds.push_back(kind);
    }
  };
  auto check_profile = [&](const std::string& profile, const std::string& at,
                           const std::string& path) {
    if (!profile.empty() && !find_profile(c, profile))
      fail(at, path, i18n::tr(N_("unknown rule profile '{}'"), text::quote_input(profile)),
           i18n::tr(N_("known profiles: {}; or define one under [rules.profiles]"),
                    known_profiles(c)));
  };

  council.key = "council";
  council.type = "council";
  council.name = c.council.name;
  council.electorate = "members";
  for (const auto& seat : c.council.seats)
    for (const auto& m : seat.members)
      council.members.push_back(m);
  check_profile(council.profile, council_at, "council.profile");
  {
    static const toml::table kNone;
    Reader cr(kNone, r.file(), "council");
    take_kinds(council, council_kinds, cr, "council.kinds");
    c.council.kinds = council.kinds;
  }
  c.bodies.push_back(std::move(council));

  if (const auto* bodies = r.opt_array("bodies")) {
    std::size_t i = 0;
    for (auto&& node : *bodies) {
      const std::string key = fmt::format("bodies[{}]", i++);
      if (!node.is_table()) fail(r.at(node), key, _("expected a table [[bodies]]"));
      Reader br = r.sub(*node.as_table(), key);
      Body b;
      b.key = br.string("key");
      if (!valid_key(b.key))
        fail(br.at(*br.get("key")), br.key_path("key"),
             _("keys must be lower-case letters, digits, '-' or '_'"));
      if (c.body(b.key))
        fail(br.at(*br.get("key")), br.key_path("key"),
             b.key == "council"
                 ? std::string(_("'council' is the residents' council of [council]"))
                 : i18n::tr(N_("two bodies are called '{}'"), text::quote_input(b.key)),
             _("give each body its own key"));
      b.type = br.string("type");
      const auto& types = body_types();
      if (b.type == "council" || std::find(types.begin(), types.end(), b.type) == types.end())
        fail(br.at(*br.get("type")), br.key_path("type"),
             i18n::tr(N_("'{}' is not a type of body"), text::quote_input(b.type)),
             _("use building-group, owners-committee, owners-assembly, residents-meeting or "
               "other (the residents' council is [council])"));
      b.name = br.string("name");
      b.building = br.opt_string("building").value_or("");
      if (!b.building.empty() && b.type != "building-group")
        fail(br.at(*br.get("building")), br.key_path("building"),
             _("only a building group has a building"));
      b.electorate = br.opt_string("electorate").value_or(default_electorate(b.type));
      if (b.electorate != "members" && b.electorate != "residents" && b.electorate != "owners")
        fail(br.at(*br.get("electorate")), br.key_path("electorate"),
             i18n::tr(N_("'{}' is not one of: members, residents, owners"),
                      text::quote_input(b.electorate)));
      if (b.electorate == "owners" && b.type != "owners-assembly")
        fail(br.at(*br.get("electorate")), br.key_path("electorate"),
             _("only the owners' assembly has the owners' roster as its electorate"));
      b.profile = br.opt_string("profile").value_or(default_profile(b.type));
      if (br.get("profile"))
        check_profile(b.profile, br.at(*br.get("profile")), br.key_path("profile"));
      b.entitled = br.count("entitled", 0, 10'000'000);
      if (br.get("entitled") && b.entitled == 0)
        fail(br.at(*br.get("entitled")), br.key_path("entitled"), _("must be at least 1"),
             _("leave it out to give those entitled per meeting (--entitled N)"));
      if (b.entitled > 0 && b.electorate != "residents")
        fail(br.at(*br.get("entitled")), br.key_path("entitled"),
             _("only a body of residents counts those entitled"),
             _("a body of members counts its members; the owners' assembly its roster"));
      b.signs = br.opt_string("signs").value_or(b.name); // the name as the file writes it
      b.objections_to = br.opt_string("objections_to").value_or(b.signs);
      take_kinds(b, br.opt_array("kinds"), br, br.key_path("kinds"));
      if (const auto* members = br.opt_array("members")) {
        std::set<std::string> seen;
        std::size_t j = 0;
        for (auto&& m : *members) {
          const std::string mk = fmt::format("members[{}]", j++);
          if (!m.is_table())
            fail(br.at(m), br.key_path(mk),
                 i18n::tr(N_("expected a table, found {}"), _(type_name(m))),
                 _("write members as { name = \"…\", role = \"楼组长\" }"));
          auto member = parse_member(br.sub(*m.as_table(), mk));
          if (!seen.insert(member.name).second)
            fail(br.at(m), br.key_path(mk),
                 i18n::tr(N_("'{}' is listed twice"), text::quote_input(member.name)));
          b.members.push_back(std::move(member));
        }
      }
      if (b.electorate == "members" && b.members.empty())
        fail(br.at(), br.key_path("members"),
             _("a body whose electorate is its members needs members"),
             _("list them: members = [{ name = \"…\", role = \"…\" }]"));
      br.finish();
      c.bodies.push_back(std::move(b));
    }
  }

  for (auto& b : c.bodies)
    b.listed_kinds = b.kinds;
  imply_bodies(c);
}

} // namespace

void imply_bodies(Community& c) {
  // Start again from what the file lists.
  std::erase_if(c.bodies, [](const Body& b) { return !b.configured; });
  std::map<std::string, std::string> holder; // kind -> body key
  for (auto& b : c.bodies) {
    b.kinds = b.listed_kinds;
    for (const auto& k : b.kinds)
      holder[k] = b.key;
  }
  if (c.bodies.empty() || c.bodies.front().type != "council") {
    // A community made in code: its council, as a file without [[bodies]] has.
    Body council;
    council.key = "council";
    council.type = "council";
    council.name = c.council.name;
    council.electorate = "members";
    council.listed_kinds = council.kinds = c.council.kinds;
    c.bodies.insert(c.bodies.begin(), std::move(council));
  }
  {
    auto& council = c.bodies.front();
    council.name = c.council.name;
    council.members.clear();
    for (const auto& seat : c.council.seats)
      for (const auto& m : seat.members)
        council.members.push_back(m);
  }
  // The council's own kind, `council`, is the council's unless a body names it.
  if (c.meeting_kind("council") && !holder.count("council")) {
    c.bodies.front().kinds.push_back("council");
    holder["council"] = "council";
  }
  // Kinds with a default profile that no body names.
  for (const auto& [kind, profile] : c.rules.defaults) {
    if (holder.count(kind)) continue;
    std::string type = profile == "civil-code-278"      ? "owners-assembly"
                       : profile == "residents-meeting" ? "residents-meeting"
                                                        : "council";
    Body* target = nullptr;
    for (auto& b : c.bodies)
      if (b.type == type) {
        target = &b;
        break;
      }
    if (!target) {
      Body b;
      b.key = type;
      b.type = type;
      const auto* label = c.meeting_kind(kind);
      b.name = label ? label->label : kind;
      b.electorate = default_electorate(type);
      b.profile = profile;
      b.signs = signed_as(c, b.name);
      b.objections_to = b.signs;
      b.configured = false;
      c.bodies.push_back(std::move(b));
      target = &c.bodies.back();
    }
    target->kinds.push_back(kind);
    holder[kind] = target->key;
  }
}

Community parse_community(const std::string& toml_text, const std::string& name) {
  const toml::table root = parse_toml(toml_text, name);
  Reader r(root, name, "");
  Community c;
  c.source = name;
  c.id = r.string("id");
  if (!valid_key(c.id))
    fail(r.at(*r.get("id")), "id",
         _("community ids must be lower-case letters, digits, '-' or '_'"),
         _("the id is what commands take as --community, e.g. id = \"heping\""));
  c.name = r.string("name");
  c.street = r.opt_string("street").value_or("");
  c.district = r.opt_string("district").value_or("");
  c.timezone = r.opt_string("timezone").value_or(clock::kDefaultZone);
  if (!clock::known_zone(c.timezone))
    fail(r.at(*r.get("timezone")), "timezone",
         i18n::tr(N_("unknown time zone '{}'"), text::quote_input(c.timezone)),
         _("use an IANA name such as \"Asia/Shanghai\" (Debian package tzdata)"));
  c.population = r.count("population", 0, 100000000);
  c.public_key = r.opt_string("public_key").value_or("");
  if (!c.public_key.empty() && !sign::valid_public_key(c.public_key))
    fail(r.at(*r.get("public_key")), "public_key",
         _("is not an Ed25519 public key (\"ed25519:\" and 32 bytes in base64)"),
         _("copy the line 'consult key init' printed or wrote, unchanged"));

  if (const auto* orgs = r.opt_array("organisations")) {
    std::set<std::string> seen;
    for (const auto& node : *orgs) {
      if (!node.is_string())
        fail(r.at(node), "organisations", _("each organisation is a name in quotes"),
             _("organisations = [\"和平物业公司\", \"和平街道办事处\"]"));
      const std::string org(text::trim(node.as_string()->get()));
      if (org.empty())
        fail(r.at(node), "organisations", _("an organisation's name is empty"),
             _("remove the empty entry"));
      if (seen.insert(org).second) c.organisations.push_back(org);
    }
  }

  if (const auto* list = r.opt_array("authorities")) {
    std::size_t i = 0;
    for (auto&& node : *list) {
      const std::string key = fmt::format("authorities[{}]", i++);
      if (!node.is_table()) fail(r.at(node), key, _("expected a table [[authorities]]"));
      Reader ar = r.sub(*node.as_table(), key);
      Authority a;
      a.key = ar.string("key");
      if (!valid_key(a.key))
        fail(ar.at(*ar.get("key")), ar.key_path("key"),
             _("keys must be lower-case letters, digits, '-' or '_'"));
      if (std::any_of(c.authorities.begin(), c.authorities.end(),
                      [&](const Authority& o) { return o.key == a.key; }))
        fail(ar.at(*ar.get("key")), ar.key_path("key"),
             i18n::tr(N_("two authorities are called '{}'"), text::quote_input(a.key)),
             _("give each authority its own key"));
      a.level = ar.string("level");
      const auto& levels = authority_levels();
      if (std::find(levels.begin(), levels.end(), a.level) == levels.end())
        fail(ar.at(*ar.get("level")), ar.key_path("level"),
             i18n::tr(N_("'{}' is not a level of authority"), text::quote_input(a.level)),
             _("use street, town, township, district, county, department or other"));
      a.name = std::string(text::trim(ar.string("name")));
      if (a.name.empty())
        fail(ar.at(*ar.get("name")), ar.key_path("name"), _("an authority's name is empty"),
             _("write it as residents know it, e.g. name = \"和平供电所\""));
      ar.finish();
      c.authorities.push_back(std::move(a));
    }
  }

  c.channels = labels(r, "channels", default_channels());
  c.categories = labels(r, "categories", default_categories());
  // `other` is always a key: an imported value that matches nothing is kept
  // there with its text, never counted under another channel or category.
  if (!find_key(c.channels, kOtherKey)) {
    c.channels.push_back({kOtherKey, kOtherLabel});
    c.implied_other_channel = true;
  }
  if (!find_key(c.categories, kOtherKey)) {
    c.categories.push_back({kOtherKey, kOtherLabel});
    c.implied_other_category = true;
  }
  c.meeting_kinds = labels(r, "meeting_kinds", default_meeting_kinds());

  if (const auto* syn = r.opt_table("synonyms")) {
    Reader sr = r.sub(*syn, "synonyms");
    auto read = [&](const char* key, const std::vector<Label>& targets) {
      std::vector<std::pair<toml::source_index, std::pair<std::string, std::string>>> found;
      if (const auto* t = sr.opt_table(key)) {
        for (auto&& [k, v] : *t) {
          const std::string word(k.str());
          const std::string path = sr.key_path(key) + "." + word;
          if (!v.is_string())
            fail(where(name, v.source()), path,
                 i18n::tr(N_("expected a key, found {}"), _(type_name(v))));
          const std::string target = v.as_string()->get();
          if (!find_key(targets, target)) {
            std::string keys;
            for (const auto& l : targets)
              keys += (keys.empty() ? "" : ", ") + l.key;
            fail(where(name, v.source()), path,
                 i18n::tr(N_("'{}' is not a key here"), text::quote_input(target)),
                 i18n::tr(N_("keys: {}"), keys));
          }
          found.push_back({k.source().begin.line, {word, target}});
        }
      }
      std::stable_sort(found.begin(), found.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<std::pair<std::string, std::string>> out;
      for (auto& f : found)
        out.push_back(std::move(f.second));
      return out;
    };
    c.channel_synonyms = read("channels", c.channels);
    c.category_synonyms = read("categories", c.categories);
    sr.finish();
  }

  // The council and its "6+X" composition.
  const toml::array* council_kinds = nullptr;
  Body council_extra;
  std::string council_at;
  const auto* council = r.opt_table("council");
  if (!council) r.missing("council");
  {
    Reader cr = r.sub(*council, "council");
    c.council.name = cr.string("name");
    const auto* seats = cr.opt_array("seats");
    if (!seats || seats->empty())
      fail(cr.at(), "council.seats", _("the council needs at least one seat category"),
           _("add [[council.seats]] tables with key, label, count (or min/max) and members"));
    std::set<std::string> keys, people;
    std::size_t i = 0;
    for (auto&& node : *seats) {
      const std::string key = fmt::format("seats[{}]", i++);
      if (!node.is_table())
        fail(cr.at(node), "council." + key, _("expected a table [[council.seats]]"));
      Seat s = parse_seat(cr.sub(*node.as_table(), key));
      if (!keys.insert(s.key).second)
        fail(cr.at(node), "council." + key + ".key",
             i18n::tr(N_("duplicate seat category '{}'"), text::quote_input(s.key)));
      for (const auto& m : s.members)
        if (!people.insert(m.name).second)
          fail(cr.at(node), "council." + key + ".members",
               i18n::tr(N_("'{}' holds more than one seat"), text::quote_input(m.name)),
               _("each member holds one seat; give namesakes distinguishable names"));
      c.council.seats.push_back(std::move(s));
    }
    council_kinds = cr.opt_array("kinds");
    council_extra.profile = cr.opt_string("profile").value_or("");
    council_extra.signs = cr.opt_string("signs").value_or("");
    council_extra.objections_to = cr.opt_string("objections_to").value_or("");
    council_at = cr.at();
    if (const auto* x = cr.opt_table("stakeholders")) {
      Reader xr = cr.sub(*x, "stakeholders");
      c.council.stakeholders.label = xr.opt_string("label").value_or("利益相关方");
      c.council.stakeholders.min = xr.count("min", 0, 1000);
      c.council.stakeholders.max = xr.count("max", 20, 1000);
      if (c.council.stakeholders.min > c.council.stakeholders.max)
        fail(xr.at(), "council.stakeholders.min",
             i18n::tr(N_("min ({}) is greater than max ({})"), c.council.stakeholders.min,
                      c.council.stakeholders.max));
      xr.finish();
    }
    cr.finish();
  }

  // Rules of procedure.
  if (const auto* rules = r.opt_table("rules")) {
    Reader rr = r.sub(*rules, "rules");
    c.rules.notice_days = rr.count("notice_days", 7, 365);
    c.rules.notice_policy = rr.opt_string("notice_policy").value_or("warn");
    c.rules.agenda_max = rr.count("agenda_max", 10, 200);
    if (c.rules.notice_policy != "warn" && c.rules.notice_policy != "refuse")
      fail(rr.at(*rr.get("notice_policy")), "rules.notice_policy",
           i18n::tr(N_("'{}' is not one of: warn, refuse"),
                    text::quote_input(c.rules.notice_policy)));
    if (const auto* profiles = rr.opt_table("profiles")) {
      for (auto&& [k, v] : *profiles) {
        const std::string key(k.str());
        const std::string path = "rules.profiles." + key;
        if (!valid_key(key))
          fail(where(name, k.source()), path,
               _("keys must be lower-case letters, digits, '-' or '_'"));
        if (rules::is_builtin_profile(key))
          fail(where(name, k.source()), path,
               i18n::tr(N_("'{}' is a built-in profile and cannot be redefined"),
                        text::quote_input(key)),
               _("give your profile another name"));
        if (!v.is_table())
          fail(where(name, v.source()), path,
               i18n::tr(N_("expected a table, found {}"), _(type_name(v))));
        c.rules.profiles.push_back(parse_profile(Reader(*v.as_table(), name, path), key));
      }
    }
    if (const auto* defaults = rr.opt_table("defaults")) {
      for (auto&& [k, v] : *defaults) {
        const std::string kind(k.str());
        const std::string path = "rules.defaults." + kind;
        if (!c.meeting_kind(kind))
          fail(where(name, k.source()), path,
               i18n::tr(N_("unknown meeting kind '{}'"), text::quote_input(kind)));
        if (!v.is_string())
          fail(where(name, v.source()), path,
               i18n::tr(N_("expected a profile name, found {}"), _(type_name(v))));
        const std::string profile = v.as_string()->get();
        if (!find_key(c.rules.profiles, profile) && !rules::is_builtin_profile(profile)) {
          std::string known = fmt::format("{}", fmt::join(rules::builtin_profiles(), ", "));
          for (const auto& defined : c.rules.profiles)
            known += ", " + defined.key;
          fail(where(name, v.source()), path,
               i18n::tr(N_("unknown rule profile '{}'"), text::quote_input(profile)),
               i18n::tr(N_("known profiles: {}; or define one under [rules.profiles]"), known));
        }
        c.rules.defaults.emplace_back(kind, profile);
      }
    }
    if (const auto* reqs = rr.opt_array("require_present")) {
      std::size_t i = 0;
      for (auto&& node : *reqs) {
        const std::string key = fmt::format("require_present[{}]", i++);
        if (!node.is_table())
          fail(rr.at(node), "rules." + key, _("expected a table { seat = \"…\", min = 1 }"));
        Reader qr = rr.sub(*node.as_table(), key);
        Requirement q;
        q.seat = qr.string("seat");
        if (!c.seat(q.seat))
          fail(qr.at(*qr.get("seat")), qr.key_path("seat"),
               i18n::tr(N_("unknown seat category '{}'"), text::quote_input(q.seat)));
        q.min_present = qr.count("min", 1, 1000);
        if (q.min_present > c.seat(q.seat)->max)
          fail(qr.at(), qr.key_path("min"),
               i18n::tr(N_("requires {} present but the category has only {} seats"), q.min_present,
                        c.seat(q.seat)->max));
        qr.finish();
        c.rules.require_present.push_back(q);
      }
    }
    rr.finish();
  }

  parse_bodies(r, c, council_kinds, council_extra, council_at);

  if (const auto* schedules = r.opt_array("schedules")) {
    std::size_t i = 0;
    for (auto&& node : *schedules) {
      const std::string key = fmt::format("schedules[{}]", i++);
      if (!node.is_table()) fail(r.at(node), key, _("expected a table [[schedules]]"));
      Schedule s = parse_schedule(r.sub(*node.as_table(), key), c);
      for (const auto& other : c.schedules)
        if (other.key == s.key)
          fail(r.at(node), key + ".key",
               i18n::tr(N_("two schedules are called '{}'"), text::quote_input(s.key)),
               _("give each schedule of one kind its own key = \"…\""));
      c.schedules.push_back(std::move(s));
    }
  }
  r.finish();
  return c;
}

const std::vector<std::string>& import_fields() {
  static const std::vector<std::string> kFields = {"date",         "channel",  "name",    "place",
                                                   "phone",        "category", "content", "title",
                                                   "stakeholders", "ignore"};
  return kFields;
}

ImportMap load_import_map(const std::string& path, const Community& community) {
  const auto text = read_file(path, FileRole::import_map);
  const toml::table root = parse_toml(text, path);
  Reader r(root, path, "");
  ImportMap m;
  m.source = path;
  auto pairs = [&](const char* key, auto&& check) {
    std::vector<std::pair<toml::source_index, std::pair<std::string, std::string>>> found;
    if (const auto* t = r.opt_table(key)) {
      for (auto&& [k, v] : *t) {
        const std::string name(k.str());
        const std::string at = where(path, v.source());
        if (!v.is_string())
          fail(at, std::string(key) + "." + name,
               i18n::tr(N_("expected a string, found {}"), _(type_name(v))));
        const std::string value = v.as_string()->get();
        check(at, std::string(key) + "." + name, value);
        found.push_back({k.source().begin.line, {name, value}});
      }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& f : found)
      out.push_back(std::move(f.second));
    return out;
  };
  m.columns =
      pairs("columns", [](const std::string& at, const std::string& key, const std::string& field) {
        const auto& fields = import_fields();
        if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
          std::string all;
          for (const auto& f : fields)
            all += (all.empty() ? "" : ", ") + f;
          fail(at, key, i18n::tr(N_("unknown field '{}'"), text::quote_input(field)),
               i18n::tr(N_("fields: {}"), all));
        }
      });
  m.channels = pairs("channels",
                     [&](const std::string& at, const std::string& key, const std::string& value) {
                       if (!community.channel(value))
                         fail(at, key,
                              i18n::tr(N_("'{}' is not a channel of community '{}'"),
                                       text::quote_input(value), community.id));
                     });
  m.categories = pairs(
      "categories", [&](const std::string& at, const std::string& key, const std::string& value) {
        if (!community.category(value))
          fail(at, key,
               i18n::tr(N_("'{}' is not a category of community '{}'"), text::quote_input(value),
                        community.id));
      });
  if (const auto* policy = r.opt_table("policy")) {
    Reader pr = r.sub(*policy, "policy");
    auto choice = [&](const char* key) {
      const auto v = pr.opt_string(key).value_or("keep");
      if (v != "keep" && v != "reject")
        fail(pr.at(*pr.get(key)), pr.key_path(key),
             i18n::tr(N_("'{}' is not one of: keep, reject"), text::quote_input(v)));
      return v == "reject";
    };
    m.reject_unknown_channel = choice("unknown_channel");
    m.reject_unknown_category = choice("unknown_category");
    m.reject_unknown_columns = choice("unknown_columns");
    pr.finish();
  }
  r.finish();
  return m;
}

Community load_community(const std::string& path) {
  return parse_community(read_file(path, FileRole::community), path);
}

Config parse_config(const std::string& toml_text, const std::string& name,
                    const std::string& base_dir) {
  const toml::table root = parse_toml(toml_text, name);
  Reader r(root, name, "");
  Config cfg;
  cfg.path = name;
  auto resolve = [&](const std::string& p) {
    const fs::path path(p);
    if (path.is_absolute() || base_dir.empty()) return path.lexically_normal().string();
    return (fs::path(base_dir) / path).lexically_normal().string();
  };
  if (auto ledger = r.opt_string("ledger")) {
    if (ledger->empty()) fail(r.at(*r.get("ledger")), "ledger", _("must not be empty"));
    cfg.ledger = resolve(*ledger);
  }
  cfg.timezone = r.opt_string("timezone").value_or(clock::kDefaultZone);
  if (!clock::known_zone(cfg.timezone))
    fail(r.at(*r.get("timezone")), "timezone",
         i18n::tr(N_("unknown time zone '{}'"), text::quote_input(cfg.timezone)),
         _("use an IANA name such as \"Asia/Shanghai\" (Debian package tzdata)"));
  if (const auto* privacy = r.opt_table("privacy")) {
    Reader pr = r.sub(*privacy, "privacy");
    if (const auto years = pr.opt_int("retain_years")) {
      if (*years < 1 || *years > 100)
        fail(pr.at(*pr.get("retain_years")), "privacy.retain_years",
             _("must be a number of years from 1 to 100"),
             _("e.g. retain_years = 3: personal data of issues closed three years ago is erased "
               "by 'consult forget --expired'"));
      cfg.retain_years = static_cast<int>(*years);
    }
    pr.finish();
  }
  const auto* list = r.opt_array("communities");
  if (!list) r.missing("communities");
  std::set<std::string> ids;
  for (auto&& node : *list) {
    if (!node.is_string())
      fail(r.at(node), "communities",
           i18n::tr(N_("expected a file name, found {}"), _(type_name(node))));
    const std::string file = resolve(node.as_string()->get());
    std::error_code ec;
    if (!fs::exists(file, ec))
      fail(r.at(node), "communities", i18n::tr(N_("community file '{}' does not exist"), file));
    Community c = load_community(file);
    if (!ids.insert(c.id).second)
      fail(r.at(node), "communities",
           i18n::tr(N_("duplicate community id '{}' (in '{}')"), c.id, file),
           _("every community needs its own id"));
    cfg.communities.push_back(std::move(c));
  }
  r.finish();
  return cfg;
}

Config load(const std::string& path) {
  const auto text = read_file(path, FileRole::config);
  const auto dir = fs::path(path).parent_path().string();
  return parse_config(text, path, dir);
}

nlohmann::json to_json(const Community& c) {
  using nlohmann::json;
  auto labels_json = [](const std::vector<Label>& v, bool implied_other = false) {
    json out = json::array();
    for (const auto& l : v)
      if (!(implied_other && l.key == kOtherKey)) out.push_back({{"key", l.key}, {"label", l.label}});
    return out;
  };
  json seats = json::array();
  for (const auto& s : c.council.seats) {
    json members = json::array();
    for (const auto& m : s.members) {
      if (m.election != 0) continue; // seated by an election the ledger records
      json mj = {{"name", m.name}};
      if (!m.role.empty()) mj["role"] = m.role;
      if (m.since) mj["since"] = clock::format_date(*m.since);
      if (m.until) mj["until"] = clock::format_date(*m.until);
      members.push_back(std::move(mj));
    }
    seats.push_back({{"key", s.key},
                     {"label", s.label},
                     {"min", s.min},
                     {"max", s.max},
                     {"members", std::move(members)}});
  }
  json profiles = json::array();
  for (const auto& p : c.rules.profiles)
    profiles.push_back({{"key", p.key},
                        {"label", p.label},
                        {"quorum", p.quorum.str()},
                        {"quorum_inclusive", p.quorum_inclusive},
                        {"threshold", p.threshold.str()},
                        {"threshold_of", p.threshold_of},
                        {"threshold_inclusive", p.threshold_inclusive}});
  json defaults = json::object();
  for (const auto& [kind, profile] : c.rules.defaults)
    defaults[kind] = profile;
  json reqs = json::array();
  for (const auto& q : c.rules.require_present)
    reqs.push_back({{"seat", q.seat}, {"min", q.min_present}});
  json schedules = json::array();
  for (const auto& s : c.schedules)
    schedules.push_back({{"key", s.key},
                         {"kind", s.kind},
                         {"online", s.online},
                         {"agenda", s.agenda},
                         {"title", s.title},
                         {"days_of_month", s.days_of_month},
                         {"weekdays", s.weekdays},
                         {"at", s.at},
                         {"until", s.until},
                         {"venue", s.venue}});
  json synonyms = {{"channels", json::object()}, {"categories", json::object()}};
  for (const auto& [w, k] : c.channel_synonyms)
    synonyms["channels"][w] = k;
  for (const auto& [w, k] : c.category_synonyms)
    synonyms["categories"][w] = k;
  json j = {{"id", c.id},
          {"name", c.name},
          {"synonyms", std::move(synonyms)},
          {"street", c.street},
          {"district", c.district},
          {"timezone", c.timezone},
          {"population", c.population},
          {"council",
           {{"name", c.council.name},
            {"seats", std::move(seats)},
            {"stakeholders",
             {{"label", c.council.stakeholders.label},
              {"min", c.council.stakeholders.min},
              {"max", c.council.stakeholders.max}}}}},
          {"rules",
           {{"notice_days", c.rules.notice_days},
            {"notice_policy", c.rules.notice_policy},
            {"agenda_max", c.rules.agenda_max},
            {"profiles", std::move(profiles)},
            {"defaults", std::move(defaults)},
            {"require_present", std::move(reqs)}}},
          {"channels", labels_json(c.channels, c.implied_other_channel)},
          {"categories", labels_json(c.categories, c.implied_other_category)},
          {"meeting_kinds", labels_json(c.meeting_kinds)},
          {"schedules", std::move(schedules)}};
  if (!c.organisations.empty()) j["organisations"] = c.organisations;
  if (!c.authorities.empty()) {
    json list = json::array();
    for (const auto& a : c.authorities)
      list.push_back({{"key", a.key}, {"level", a.level}, {"name", a.name}});
    j["authorities"] = std::move(list);
  }
  // Bodies as the file names them: a file without any keeps the JSON it had.
  const auto& council = c.council_body();
  {
    auto& cj = j["council"];
    if (!c.council.kinds.empty()) cj["kinds"] = c.council.kinds;
    if (!council.profile.empty()) cj["profile"] = council.profile;
    if (!council.signs.empty()) cj["signs"] = council.signs;
    if (!council.objections_to.empty()) cj["objections_to"] = council.objections_to;
  }
  json bodies = json::array();
  for (const auto& b : c.bodies) {
    if (!b.configured || b.type == "council") continue;
    json members = json::array();
    for (const auto& m : b.members) {
      if (m.election != 0) continue; // seated by an election the ledger records
      json mj = {{"name", m.name}};
      if (!m.role.empty()) mj["role"] = m.role;
      if (m.since) mj["since"] = clock::format_date(*m.since);
      if (m.until) mj["until"] = clock::format_date(*m.until);
      members.push_back(std::move(mj));
    }
    bodies.push_back({{"key", b.key},
                      {"type", b.type},
                      {"name", b.name},
                      {"building", b.building},
                      {"kinds", b.kinds},
                      {"profile", b.profile},
                      {"electorate", b.electorate},
                      {"entitled", b.entitled},
                      {"signs", b.signs},
                      {"objections_to", b.objections_to},
                      {"members", std::move(members)}});
  }
  if (!bodies.empty()) j["bodies"] = std::move(bodies);
  return j;
}

nlohmann::json summary_json(const Community& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"street", c.street},
          {"district", c.district},
          {"council", c.council.name},
          {"seat_categories", c.council.seats.size()},
          {"members", c.council.seat_count()},
          {"source", c.source}};
}

} // namespace consult::config
