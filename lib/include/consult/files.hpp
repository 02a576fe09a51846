#pragma once
/// \file
/// The one way consult writes a file: exports, notices, statements, reports,
/// agendas, rejected rows, backups, manual pages.
///
/// A file is written under an unpredictable temporary name created
/// exclusively in the target's own directory (`O_CREAT|O_EXCL|O_NOFOLLOW`:
/// nothing planted there is followed or reused), every write checked, the
/// file synced and closed (close checked too), then renamed into place and
/// the directory synced. A reader sees the old file or the whole new one;
/// after any failure the temporary file is removed and the target is as it
/// was.
///
/// The target is refused (Error(cant_create), 73) when it is the ledger or
/// one of the files SQLite keeps beside it, a file the command reads, or not
/// a regular file (a directory, a device, a pipe, a socket, a symbolic
/// link). Files are compared by identity — device and inode after following
/// symbolic links — so `./x.db`, a hard link or a symbolic link to the
/// ledger are all the ledger. A failed write is Error(io), 74. (Standard
/// output is the program's to write: the library never prints.)

#include <string>
#include <string_view>
#include <vector>

namespace consult::files {

/// What a protected file is to the command, for the message that refuses it.
enum class Role {
  ledger, ///< the ledger, or its -wal, -shm or -journal
  input,  ///< a file the command reads (a spreadsheet, a backup, the configuration)
};

/// A file a command must never write over.
struct Protected {
  std::string path;
  Role role = Role::input;
};

/// The ledger at `path` and the files SQLite keeps beside it (`-wal`,
/// `-shm`, `-journal`), as protected files.
std::vector<Protected> ledger_files(const std::string& path);

/// Permission bits of a new file that holds personal data (rejected rows,
/// staff exports, backups, keys): only its owner, whatever the umask.
inline constexpr unsigned kPrivate = 0600;
/// Permission bits of a new public document (a notice, public minutes, an
/// agenda): its owner writes, everyone reads, whatever the umask.
inline constexpr unsigned kPublic = 0644;

/// How a file is written.
struct Options {
  std::vector<Protected> protect{}; ///< never written over
  unsigned mode = kPrivate;         ///< the new file's permission bits, exactly
  bool replace = true;              ///< false: Error(cant_create) if the target exists
};

/// A file written piece by piece: the temporary file is created by the
/// constructor, takes `write`s, and becomes the file at `path` on `commit`.
/// Destroyed without a commit (an exception, an abandoned import), it removes
/// the temporary file and leaves the target as it was.
class Writer {
public:
  /// Checks the target (see the file comment) and creates the temporary file
  /// beside it. Error(cant_create) if the target is refused or the directory
  /// cannot take a new file.
  Writer(std::string path, Options options);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  /// Appends `bytes`, all of them (short writes and interruptions are
  /// resumed). Error(io) naming the target and the reason (a full disk, …);
  /// the temporary file is then removed and the writer is spent.
  void write(std::string_view bytes);

  /// Makes what was written durable — the file synced and closed — without
  /// putting it in place yet, and checks the target again. For a command
  /// that must know the file is safe before it commits the ledger. Called by
  /// `commit` if not before. Error(io) or Error(cant_create) as above.
  void finish();

  /// Puts the file in place (a rename; with `replace` false, only if nothing
  /// is there yet) and syncs the directory. Error(cant_create) if the rename
  /// fails, with the temporary file removed.
  void commit();

  /// Abandons the file: removes the temporary file. Never throws.
  void discard() noexcept;

  /// The target, as given.
  const std::string& path() const noexcept { return path_; }
  /// The temporary file's path, for a writer that must open it by name (the
  /// SQLite backup API); what it writes there is put in place by `commit`.
  std::string temp_path() const;

private:
  [[noreturn]] void fail_io(int err);
  std::string path_, dir_, base_, temp_;
  Options options_;
  int dir_fd_ = -1;
  int fd_ = -1;
  bool finished_ = false;
  bool committed_ = false;
};

/// Writes `bytes` as the file `path` through a Writer: the whole file or,
/// after a failure (Error as Writer says), the target as it was.
void write_file(const std::string& path, std::string_view bytes, const Options& options);

/// As write_file, but leaves a regular file that already holds exactly
/// `bytes` untouched (its time stamps too). Returns true if it wrote.
bool write_if_changed(const std::string& path, std::string_view bytes, const Options& options);

/// Checks that the directory `dir` can take new files before a command
/// commits work whose files go there: creates it (and its parents) if
/// missing, requires a directory, and creates and removes a temporary file
/// in it. Error(cant_create) naming the directory and the reason otherwise.
/// Directories it creates get `mode` exactly (0755: a directory for the
/// public; 0700 for one that holds personal data), whatever the umask.
void check_directory(const std::string& dir, unsigned mode = 0755);

/// Whether `a` and `b` name the same existing file (device and inode, after
/// following symbolic links).
bool same_file(const std::string& a, const std::string& b);

} // namespace consult::files
