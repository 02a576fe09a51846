#include "consult/intake.hpp"

#include "consult/error.hpp"
#include "consult/i18n.hpp"
#include "consult/text.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iconv.h>

namespace consult::intake {

namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kSniff = 1024 * 1024;

/// True if `s` is valid UTF-8, allowing a sequence cut off at the very end.
bool valid_utf8_prefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                    static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) return s.size() - i < 4 && (static_cast<unsigned char>(s[i]) & 0xc0) == 0xc0;
    i += static_cast<std::size_t>(n);
  }
  return true;
}

/// UTF-16 without a BOM shows as many zero bytes on one side of each pair.
std::optional<Encoding> sniff_utf16(std::string_view s) {
  std::size_t even = 0, odd = 0;
  const std::size_t n = std::min<std::size_t>(s.size(), 4096) & ~std::size_t{1};
  for (std::size_t i = 0; i < n; i += 2) {
    if (s[i] == 0) ++even;
    if (s[i + 1] == 0) ++odd;
  }
  if (n >= 8 && odd > n / 4 && even == 0) return Encoding::utf16le;
  if (n >= 8 && even > n / 4 && odd == 0) return Encoding::utf16be;
  return std::nullopt;
}

const char* iconv_name(Encoding e) {
  switch (e) {
  case Encoding::gb18030:
    return "GB18030";
  case Encoding::utf16le:
    return "UTF-16LE";
  case Encoding::utf16be:
    return "UTF-16BE";
  default:
    return nullptr;
  }
}

} // namespace

std::optional<Encoding> parse_encoding(std::string_view name) {
  const auto n = text::ascii_lower(name);
  if (n == "auto") return Encoding::automatic;
  if (n == "utf-8" || n == "utf8") return Encoding::utf8;
  if (n == "gb18030" || n == "gbk" || n == "gb2312") return Encoding::gb18030;
  if (n == "utf-16" || n == "utf16" || n == "utf-16le") return Encoding::utf16le;
  if (n == "utf-16be") return Encoding::utf16be;
  return std::nullopt;
}

const char* to_string(Encoding e) noexcept {
  switch (e) {
  case Encoding::automatic:
    return "auto";
  case Encoding::utf8:
    return "utf-8";
  case Encoding::gb18030:
    return "gb18030";
  case Encoding::utf16le:
    return "utf-16le";
  case Encoding::utf16be:
    return "utf-16be";
  }
  return "?";
}

// ------------------------------------------------------------------ Decoder

Decoder::Decoder(std::istream& in, Encoding encoding, std::string name, hash::Sha256* digest)
    : in_(in), encoding_(encoding), name_(std::move(name)), digest_(digest) {}

Decoder::~Decoder() {
  if (iconv_) ::iconv_close(static_cast<iconv_t>(iconv_));
}

bool Decoder::fill() {
  if (eof_) return false;
  const std::size_t old = raw_.size();
  raw_.resize(old + kChunk);
  in_.read(raw_.data() + old, static_cast<std::streamsize>(kChunk));
  const auto got = static_cast<std::size_t>(in_.gcount());
  raw_.resize(old + got);
  if (digest_ && got) digest_->update(std::string_view(raw_).substr(old));
  if (in_.bad()) throw Error(ErrorKind::io, i18n::tr(N_("cannot read '{}'"), name_));
  if (got < kChunk) eof_ = true;
  return got > 0;
}

bool Decoder::read(std::string& out) {
  if (!started_) {
    started_ = true;
    // Read enough to see a BOM and, when asked to, to guess the encoding.
    while (raw_.size() < (encoding_ == Encoding::automatic ? kSniff : 4) && fill()) {
    }
    std::string_view head = raw_;
    std::size_t bom = 0;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") {
      bom = 3;
      if (encoding_ == Encoding::automatic) encoding_ = Encoding::utf8;
    } else if (head.substr(0, 2) == "\xFF\xFE") {
      bom = 2;
      if (encoding_ == Encoding::automatic || encoding_ == Encoding::utf16le ||
          encoding_ == Encoding::utf16be)
        encoding_ = Encoding::utf16le;
    } else if (head.substr(0, 2) == "\xFE\xFF") {
      bom = 2;
      if (encoding_ == Encoding::automatic || encoding_ == Encoding::utf16le ||
          encoding_ == Encoding::utf16be)
        encoding_ = Encoding::utf16be;
    }
    if (encoding_ == Encoding::automatic) {
      if (auto u16 = sniff_utf16(head))
        encoding_ = *u16;
      else
        encoding_ = valid_utf8_prefix(head) ? Encoding::utf8 : Encoding::gb18030;
    }
    raw_.erase(0, bom);
    consumed_ += bom;
    if (const char* from = iconv_name(encoding_)) {
      iconv_ = ::iconv_open("UTF-8", from);
      if (iconv_ == reinterpret_cast<void*>(-1)) {
        iconv_ = nullptr;
        throw Error(ErrorKind::internal, fmt::format("iconv cannot convert from {}", from));
      }
    }
  }
  if (raw_.empty() && !fill()) return false;
  if (!iconv_) {
    consumed_ += raw_.size();
    out += raw_;
    raw_.clear();
    return true;
  }
  // Convert what we have; an incomplete sequence at the end waits for more bytes.
  for (;;) {
    std::string buf(raw_.size() * 2 + 16, '\0');
    char* inp = raw_.data();
    std::size_t inleft = raw_.size();
    char* outp = buf.data();
    std::size_t outleft = buf.size();
    const auto rc = ::iconv(static_cast<iconv_t>(iconv_), &inp, &inleft, &outp, &outleft);
    const int err = errno;
    const std::size_t used = raw_.size() - inleft;
    out.append(buf.data(), buf.size() - outleft);
    consumed_ += used;
    raw_.erase(0, used);
    if (rc != static_cast<std::size_t>(-1)) return true;
    if (err == E2BIG) continue;
    if (err == EINVAL) { // truncated sequence: need more input
      if (!eof_ && fill()) continue;
      if (used > 0) return true;
      throw Error(
          ErrorKind::data,
          i18n::tr(N_("'{}' ends in the middle of a {} character"), name_, to_string(encoding_)),
          {}, _("the file is truncated or not in that encoding; try --encoding"));
    }
    throw Error(ErrorKind::data,
                i18n::tr(N_("'{}' has bytes that are not {} at byte {}"), name_,
                         to_string(encoding_), consumed_),
                {}, _("save the file as UTF-8 CSV, or name its encoding with --encoding"));
  }
}

// ---------------------------------------------------------------- CsvReader

CsvReader::CsvReader(std::istream& in, Encoding encoding, std::string name, char delimiter,
                     hash::Sha256* digest)
    : decoder_(in, encoding, name, digest), name_(std::move(name)), delimiter_(delimiter) {
  more();
  if (!delimiter_) detect_delimiter();
}

bool CsvReader::more() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const auto before = buf_.size();
  while (buf_.size() == before) {
    if (!decoder_.read(buf_)) {
      eof_ = true;
      return false;
    }
  }
  return true;
}

void CsvReader::detect_delimiter() {
  // Excel's "sep=;" first line names the delimiter.
  if (buf_.rfind("sep=", 0) == 0 && buf_.size() >= 5) {
    delimiter_ = buf_[4];
    std::size_t end = 5;
    if (end < buf_.size() && buf_[end] == '\r') ++end;
    if (end < buf_.size() && buf_[end] == '\n') ++end;
    pos_ = end;
    ++line_;
    return;
  }
  // Otherwise the most frequent of , ; TAB on the first line, outside quotes.
  std::size_t comma = 0, semi = 0, tab = 0;
  bool quoted = false;
  for (char c : buf_) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++comma;
    if (c == ';') ++semi;
    if (c == '\t') ++tab;
  }
  delimiter_ = ',';
  if (semi > comma && semi >= tab) delimiter_ = ';';
  if (tab > comma && tab > semi) delimiter_ = '\t';
}

bool CsvReader::next(Record& record) {
  for (;;) {
    record.fields.clear();
    record.line = line_;
    if (pos_ >= buf_.size() && !more()) return false;
    std::string field;
    bool quoted_field = false; // the current field started with a quote
    bool in_quotes = false;
    bool any_quotes = false;
    bool done = false;
    const std::int64_t start = line_;
    std::size_t bytes = 0;
    while (!done) {
      if (pos_ >= buf_.size() && !more()) {
        if (in_quotes)
          throw Error(ErrorKind::data,
                      i18n::tr(N_("a quoted field opened on line {} is never closed"), start),
                      fmt::format("{}:{}", name_, start),
                      _("a '\"' is missing; in a quoted field write a quote as \"\""));
        break;
      }
      const char c = buf_[pos_++];
      if (++bytes > kMaxRecordBytes)
        throw Error(ErrorKind::data,
                    i18n::tr(N_("the record that starts on line {} is longer than {} MiB"), start,
                             kMaxRecordBytes >> 20),
                    fmt::format("{}:{}", name_, start),
                    in_quotes ? _("a quoted field opened there seems never to be closed: a '\"' "
                                  "is missing")
                              : _("split the row: one issue's text is at most 20,000 bytes"));
      if (in_quotes) {
        if (c == '"') {
          if (pos_ >= buf_.size()) more();
          if (pos_ < buf_.size() && buf_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line_;
          if (c == '\r') {
            if (pos_ >= buf_.size()) more();
            if (pos_ >= buf_.size() || buf_[pos_] != '\n') ++line_;
          }
          field += c;
        }
        continue;
      }
      if (c == delimiter_) {
        record.fields.push_back(std::move(field));
        field.clear();
        quoted_field = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r') {
          if (pos_ >= buf_.size()) more();
          if (pos_ < buf_.size() && buf_[pos_] == '\n') ++pos_;
        }
        ++line_;
        done = true;
      } else if (c == '"' && field.empty() && !quoted_field) {
        in_quotes = quoted_field = any_quotes = true;
      } else {
        field += c; // a stray quote inside an unquoted field is kept as text
      }
    }
    record.fields.push_back(std::move(field));
    if (record.fields.size() == 1 && record.fields[0].empty() && !any_quotes) {
      if (done) continue; // a blank line
      return false;       // nothing after the last line end
    }
    for (const auto& f : record.fields)
      if (!text::valid_utf8(f))
        throw Error(ErrorKind::data, i18n::tr(N_("line {} is not valid UTF-8 text"), start),
                    fmt::format("{}:{}", name_, start),
                    _("the file may be GB18030: pass --encoding gb18030, or save it as UTF-8"));
    return true;
  }
}

// --------------------------------------------------------------------- text

namespace {
/// True if NFC leaves `s` as it is because every character is one that never
/// decomposes or combines: ASCII and Latin-1 letters below the combining
/// marks, CJK ideographs, CJK and full-width punctuation. Most Chinese text is.
bool nfc_stable(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                    static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) return false;
    const bool safe = (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) ||
                      (cp >= 0xFF01 && cp <= 0xFF5E) || (cp >= 0x2000 && cp <= 0x206F);
    if (!safe) return false;
    i += static_cast<std::size_t>(n);
  }
  return true;
}
} // namespace

std::string nfc(std::string_view s) {
  if (nfc_stable(s)) return std::string(s);
  if (!text::valid_utf8(s)) return std::string(s);
  const std::string copy(s);
  utf8proc_uint8_t* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(copy.c_str()));
  if (!out) return copy;
  std::string result(reinterpret_cast<char*>(out));
  std::free(out);
  return result;
}

std::string title_from(std::string_view content, std::size_t width) {
  std::string first(text::trim(content));
  // The first sentence: up to a full stop, question or exclamation mark, or line end.
  static const char* const kEnds[] = {"。", "！", "？", "\n", "!", "?"};
  std::size_t cut = first.size();
  for (const char* e : kEnds) {
    const auto p = first.find(e);
    if (p != std::string::npos && p > 0) cut = std::min(cut, p);
  }
  first = text::one_line(std::string(text::trim(first.substr(0, cut))));
  return text::truncate_to_width(first, width);
}

} // namespace consult::intake
