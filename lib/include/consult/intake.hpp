#pragma once
/// \file
/// Reading spreadsheets as offices write them: byte encodings (UTF-8 with or
/// without BOM, GB18030/GBK, UTF-16), CSV (RFC 4180 with the usual
/// deviations), and the date forms people type. Streaming: memory does not
/// grow with the file.

#include "consult/clock.hpp"
#include "consult/hash.hpp"

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consult::intake {

enum class Encoding { automatic, utf8, gb18030, utf16le, utf16be };

/// "auto", "utf-8", "gb18030" (also "gbk"), "utf-16"; nullopt otherwise.
std::optional<Encoding> parse_encoding(std::string_view name);
const char* to_string(Encoding e) noexcept;

/// Bytes from a stream, decoded to UTF-8 chunk by chunk.
class Decoder {
public:
  /// `name` is used in messages. With Encoding::automatic the encoding is
  /// chosen from a byte-order mark, else from the first megabyte: UTF-8 if
  /// it is valid UTF-8, UTF-16 if it looks like it, GB18030 otherwise.
  /// When `digest` is given, every byte read is fed to it.
  Decoder(std::istream& in, Encoding encoding, std::string name, hash::Sha256* digest = nullptr);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  /// Appends the next piece of UTF-8 text to `out`; false at the end.
  /// Throws Error(data) on bytes that are not in the encoding.
  bool read(std::string& out);
  Encoding encoding() const noexcept { return encoding_; }
  std::uint64_t bytes_read() const noexcept { return consumed_; }

private:
  bool fill();
  std::istream& in_;
  Encoding encoding_;
  std::string name_;
  std::string raw_; ///< undecoded bytes
  bool eof_ = false;
  bool started_ = false;
  void* iconv_ = nullptr;
  std::uint64_t consumed_ = 0;
  hash::Sha256* digest_ = nullptr;
};

/// One CSV record and the line of the file it starts on (1-based, as a
/// spreadsheet or text editor shows it).
struct Record {
  std::vector<std::string> fields;
  std::int64_t line = 0;
};

/// Something that yields records: a CSV file or a worksheet.
class RowReader {
public:
  virtual ~RowReader() = default;
  /// The next non-blank record; false at the end.
  virtual bool next(Record& record) = 0;
  /// How far the reader has got, in bytes of its input.
  virtual std::uint64_t position() const = 0;
  /// The input's size in the same bytes, 0 if unknown.
  virtual std::uint64_t size() const { return 0; }
};

/// An RFC 4180 reader: quoted fields with doubled quotes and line breaks,
/// CRLF, LF or CR line ends, a last line without a line end; comma,
/// semicolon or tab delimiter (detected, or Excel's `sep=` line). Blank lines
/// are skipped.
class CsvReader : public RowReader {
public:
  /// `delimiter` 0: detect.
  CsvReader(std::istream& in, Encoding encoding, std::string name, char delimiter = 0,
            hash::Sha256* digest = nullptr);

  /// The next record; false at the end. Throws Error(data) naming the line
  /// for an unterminated quoted field or text that is not valid UTF-8.
  bool next(Record& record) override;
  std::uint64_t position() const override { return decoder_.bytes_read(); }

  char delimiter() const noexcept { return delimiter_; }
  Encoding encoding() const noexcept { return decoder_.encoding(); }
  std::uint64_t bytes_read() const noexcept { return decoder_.bytes_read(); }

private:
  bool more();
  void detect_delimiter();

  Decoder decoder_;
  std::string name_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  char delimiter_ = 0;
  std::int64_t line_ = 1;
};

/// The longest CSV record (one spreadsheet row, quoted line breaks
/// included): a longer one — an unterminated quote, most often — is an error,
/// not a file read into memory.
inline constexpr std::size_t kMaxRecordBytes = 1u << 20; // 1 MiB

/// Limits on what an XLSX file may unpack to: a sheet is streamed, the other
/// parts are read whole.
inline constexpr std::uint64_t kMaxSheetBytes = 2ull << 30;        // 2 GiB
inline constexpr std::uint64_t kMaxSharedStringBytes = 256u << 20; // 256 MiB
inline constexpr std::uint64_t kMaxPartBytes = 16u << 20;          // 16 MiB
/// The rows of a sheet, as Excel has them.
inline constexpr long kMaxSheetRows = 1'048'576;
/// A zip bomb: a part of more than kPackRatioFloor bytes may unpack to at
/// most kMaxPackRatio times its packed size. Real sheets pack 3 to 20 times
/// (a sheet of one row repeated 50,000 times: 20); deflate allows 1,032.
inline constexpr std::uint64_t kMaxPackRatio = 100;
inline constexpr std::uint64_t kPackRatioFloor = 1u << 20; // 1 MiB

/// A worksheet of an XLSX file (Office Open XML, as Excel, WPS, LibreOffice
/// and common libraries write it), read row by row. Cells come as text:
/// shared and inline strings, numbers as written (whole numbers without a
/// decimal point), cells formatted as dates as YYYY-MM-DD[ HH:MM] (1900 and
/// 1904 date systems), formulas as their cached values. Record::line is the
/// spreadsheet's row number.
class XlsxReader : public RowReader {
public:
  /// `sheet`: a sheet name, a 1-based number, or "" for the first visible
  /// sheet. Throws Error(data) for a file that is not XLSX, is corrupt or
  /// truncated, or lacks the sheet; Error(no_input) if it cannot be opened.
  XlsxReader(const std::string& path, const std::string& sheet);
  ~XlsxReader() override;
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  bool next(Record& record) override;
  std::uint64_t position() const override;
  std::uint64_t size() const override;
  /// The sheet being read.
  const std::string& sheet_name() const;

private:
  struct Impl;
  Impl* impl_;
};

/// True if the file starts like a zip archive (XLSX).
bool looks_like_zip(const std::string& path);

/// A date (and optional time) as people type it.
struct HumanDate {
  clock::Date date;
  std::optional<std::string> time; ///< HH:MM if one was given
};

/// Parses 2024-05-16, 2024/5/16, 2024.5.16, 2024年5月16日 (with an optional
/// time such as 14:30 or 14:30:05), 20240516, and Excel serial numbers
/// (1900 date system, or 1904 when `date1904`). Day-first or month-first
/// forms such as 05/06/2024 are ambiguous and refused. Returns nullopt and
/// sets `why` when the text is not a date.
std::optional<HumanDate> parse_human_date(std::string_view text, std::string& why,
                                          bool date1904 = false);

/// The date of an Excel serial day number (1900 or 1904 system); nullopt if
/// out of range.
std::optional<clock::Date> excel_serial_date(double serial, bool date1904 = false);

/// Unicode NFC of valid UTF-8 text (unchanged if it is not valid).
std::string nfc(std::string_view text);

/// A title from free text: its first sentence, cut to about `width` columns.
std::string title_from(std::string_view content, std::size_t width = 40);

} // namespace consult::intake
