#include "consult/files.hpp"

#include "consult/error.hpp"
#include "consult/i18n.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <sys/random.h>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>
#include <utility>
#include <vector>

namespace consult::files {

namespace fs = std::filesystem;

namespace {

/// Error(cant_create) for a file that cannot be created, renamed or reached.
[[noreturn]] void cant_create(const std::string& path, int err) {
  throw Error(ErrorKind::cant_create,
              i18n::tr(N_("cannot write '{}': {}"), path, std::strerror(err)), {},
              _("check that the directory exists and is writable"));
}

[[noreturn]] void refuse(const std::string& message, const char* hint) {
  throw Error(ErrorKind::cant_create, message, {}, _(hint));
}

/// The directory holding `path` and the name in it; Error(cant_create) for a
/// name that is a directory by its form ("out/", ".", "..").
std::pair<std::string, std::string> split(const std::string& path) {
  if (path.empty()) cant_create(path, ENOENT);
  const fs::path p(path);
  const auto base = p.filename().string();
  if (base.empty() || base == "." || base == "..")
    refuse(i18n::tr(N_("cannot write '{}': it is a directory"), path),
           N_("give the name of a file, not of a directory"));
  auto dir = p.parent_path().string();
  if (dir.empty()) dir = ".";
  return {dir, base};
}

/// The directory `dir`, opened to create, rename and sync files in it.
int open_directory(const std::string& dir, const std::string& path) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) cant_create(path, errno);
  return fd;
}

/// Twelve characters no one can guess, for a temporary file's name.
std::string random_suffix() {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::array<unsigned char, 12> bytes{};
  if (::getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
    std::random_device rd;
    for (auto& b : bytes)
      b = static_cast<unsigned char>(rd());
  }
  std::string out;
  for (const unsigned char b : bytes)
    out.push_back(kChars[b % (sizeof kChars - 1)]);
  return out;
}

/// Creates a new file exclusively in the directory `dir_fd` under an
/// unpredictable name beginning with `.STEM.`; returns its descriptor and
/// sets `name`, or returns -1 with errno set. O_EXCL with O_NOFOLLOW:
/// whatever is planted under that name, a file or a symbolic link, makes the
/// creation fail instead of being used.
int create_temporary(int dir_fd, const std::string& base, unsigned mode, std::string& name) {
  const std::string stem = base.substr(0, std::min<std::size_t>(base.size(), 200));
  for (int attempt = 0; attempt < 100; ++attempt) {
    name = "." + stem + "." + random_suffix() + ".tmp";
    const int fd =
        ::openat(dir_fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                 static_cast<mode_t>(mode));
    if (fd >= 0) {
      // The mode asked for exactly: the umask (even 000) neither widens
      // nor narrows it.
      if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
        const int err = errno;
        ::close(fd);
        ::unlinkat(dir_fd, name.c_str(), 0);
        errno = err;
        break;
      }
      return fd;
    }
    if (errno != EEXIST && errno != EINTR) break;
  }
  name.clear();
  return -1;
}

/// Refuses `path` (the name `base` in the directory `dir_fd`) as a target:
/// a protected file by identity (or by name, for one that does not exist
/// yet, such as a ledger's -wal), anything but a regular file, or an
/// existing file when `replace` is false.
void check(int dir_fd, const std::string& base, const std::string& path, const Options& options) {
  auto refuse_protected = [&](const Protected& p) {
    if (p.role == Role::ledger)
      refuse(i18n::tr(N_("cannot write '{}': it is the ledger '{}'"), path, p.path),
             N_("choose another file name: consult never writes over its ledger or the files "
                "a command reads"));
    refuse(i18n::tr(N_("cannot write '{}': it is '{}', which this command reads"), path, p.path),
           N_("choose another file name: consult never writes over its ledger or the files "
              "a command reads"));
  };
  struct stat link {};
  if (::fstatat(dir_fd, base.c_str(), &link, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno != ENOENT) cant_create(path, errno);
    // Nothing there yet: only a protected file that does not exist either
    // can be this one, by its name.
    std::error_code ec;
    const auto target = fs::weakly_canonical(fs::absolute(path, ec), ec);
    for (const auto& p : options.protect) {
      struct stat s {};
      if (::stat(p.path.c_str(), &s) == 0) continue;
      std::error_code pec;
      const auto other = fs::weakly_canonical(fs::absolute(p.path, pec), pec);
      if (!ec && !pec && other == target) refuse_protected(p);
    }
    return;
  }
  struct stat target {};
  if (::fstatat(dir_fd, base.c_str(), &target, 0) == 0) {
    for (const auto& p : options.protect) {
      struct stat s {};
      if (::stat(p.path.c_str(), &s) == 0 && s.st_dev == target.st_dev && s.st_ino == target.st_ino)
        refuse_protected(p);
    }
  }
  if (S_ISLNK(link.st_mode))
    refuse(i18n::tr(N_("cannot write '{}': it is a symbolic link"), path),
           N_("consult does not write through symbolic links: give the real file's name or "
              "another name"));
  if (S_ISDIR(link.st_mode))
    refuse(i18n::tr(N_("cannot write '{}': it is a directory"), path),
           N_("give the name of a file, not of a directory"));
  if (!S_ISREG(link.st_mode))
    refuse(i18n::tr(N_("cannot write '{}': it is not a regular file"), path),
           N_("choose another file name: consult writes only regular files (a device, a pipe "
              "or a socket is refused)"));
  if (!options.replace)
    refuse(i18n::tr(N_("'{}' already exists"), path),
           N_("this file is never overwritten: choose a new name"));
}

/// Whether the regular file `base` in `dir_fd` holds exactly `bytes`.
bool holds(int dir_fd, const std::string& base, std::string_view bytes) {
  const int fd = ::openat(dir_fd, base.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  bool same = false;
  struct stat s {};
  if (::fstat(fd, &s) == 0 && S_ISREG(s.st_mode) &&
      static_cast<std::size_t>(s.st_size) == bytes.size()) {
    std::string buf(bytes.size(), '\0');
    std::size_t got = 0;
    while (got < buf.size()) {
      const auto n = ::read(fd, buf.data() + got, buf.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    same = got == buf.size() && buf == bytes;
  }
  ::close(fd);
  return same;
}

/// The hint for a failed write: a full disk is the usual cause.
const char* write_hint(int err) {
  if (err == ENOSPC || err == EDQUOT || err == EFBIG)
    return _("check free disk space; the file was left as it was");
  return _("check the disk; the file was left as it was");
}

} // namespace

std::vector<Protected> ledger_files(const std::string& path) {
  std::vector<Protected> out;
  // SQLite names its -wal and -shm after the file a symbolic link points
  // to: both names are protected while those files do not exist yet.
  std::error_code ec;
  const auto real = fs::weakly_canonical(path, ec).string();
  std::vector<std::string> bases = {path};
  if (!ec && !real.empty() && real != path) bases.push_back(real);
  for (const auto& base : bases)
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      out.push_back({base + suffix, Role::ledger});
  return out;
}

Writer::Writer(std::string path, Options options)
    : path_(std::move(path)), options_(std::move(options)) {
  std::tie(dir_, base_) = split(path_);
  dir_fd_ = open_directory(dir_, path_);
  try {
    check(dir_fd_, base_, path_, options_);
    fd_ = create_temporary(dir_fd_, base_, options_.mode, temp_);
    if (fd_ < 0) cant_create(path_, errno);
  } catch (...) {
    ::close(dir_fd_);
    throw;
  }
}

Writer::~Writer() {
  discard();
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

std::string Writer::temp_path() const {
  return dir_ + "/" + temp_;
}

void Writer::fail_io(int err) {
  discard();
  throw Error(ErrorKind::io, i18n::tr(N_("cannot write '{}': {}"), path_, std::strerror(err)), {},
              write_hint(err));
}

void Writer::write(std::string_view bytes) {
  if (fd_ < 0 || finished_) fail_io(EBADF);
  while (!bytes.empty()) {
    const auto n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail_io(errno);
    if (n == 0) fail_io(ENOSPC); // a write that takes nothing will never finish
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void Writer::finish() {
  if (finished_) return;
  if (fd_ < 0) fail_io(EBADF);
  if (::fsync(fd_) != 0) fail_io(errno);
  const int fd = fd_;
  fd_ = -1;
  // Linux closes the descriptor even when close reports EINTR; the data is
  // already synced, so only a real error counts.
  if (::close(fd) != 0 && errno != EINTR) fail_io(errno);
  try {
    check(dir_fd_, base_, path_, options_);
  } catch (...) {
    discard();
    throw;
  }
  finished_ = true;
}

void Writer::commit() {
  if (committed_) return;
  finish();
  try {
    check(dir_fd_, base_, path_, options_);
  } catch (...) {
    discard();
    throw;
  }
  int rc = 0;
  if (options_.replace) {
    rc = ::renameat(dir_fd_, temp_.c_str(), dir_fd_, base_.c_str());
  } else {
    rc = ::renameat2(dir_fd_, temp_.c_str(), dir_fd_, base_.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
      // A file system without RENAME_NOREPLACE: a hard link fails just the
      // same when the name is taken.
      rc = ::linkat(dir_fd_, temp_.c_str(), dir_fd_, base_.c_str(), 0);
      if (rc == 0) ::unlinkat(dir_fd_, temp_.c_str(), 0);
    }
  }
  if (rc != 0) {
    const int err = errno;
    discard();
    if (err == EEXIST)
      refuse(i18n::tr(N_("'{}' already exists"), path_),
             N_("this file is never overwritten: choose a new name"));
    cant_create(path_, err);
  }
  committed_ = true;
  temp_.clear();
  if (::fsync(dir_fd_) != 0 && errno != EINVAL)
    throw Error(ErrorKind::io, i18n::tr(N_("cannot write '{}': {}"), path_, std::strerror(errno)),
                {}, _("the new file is in place but may not be on disk yet: check the disk"));
}

void Writer::discard() noexcept {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!committed_ && !temp_.empty() && dir_fd_ >= 0) ::unlinkat(dir_fd_, temp_.c_str(), 0);
  temp_.clear();
}

void write_file(const std::string& path, std::string_view bytes, const Options& options) {
  Writer w(path, options);
  w.write(bytes);
  w.commit();
}

bool write_if_changed(const std::string& path, std::string_view bytes, const Options& options) {
  {
    const auto [dir, base] = split(path);
    const int dir_fd = open_directory(dir, path);
    bool same = false;
    try {
      check(dir_fd, base, path, options);
      same = holds(dir_fd, base, bytes);
    } catch (...) {
      ::close(dir_fd);
      throw;
    }
    ::close(dir_fd);
    if (same) return false;
  }
  write_file(path, bytes, options);
  return true;
}

void check_directory(const std::string& dir, unsigned mode) {
  auto fail = [&](int err) {
    throw Error(ErrorKind::cant_create,
                i18n::tr(N_("cannot write in directory '{}': {}"), dir, std::strerror(err)), {},
                _("choose a directory you may write in (it is created if missing)"));
  };
  // The missing directories, outermost first, each made with `mode` exactly.
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path p = fs::path(dir).lexically_normal(); !p.empty() && !fs::exists(p, ec);
       p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), static_cast<mode_t>(mode)) == 0)
      ::chmod(it->c_str(), static_cast<mode_t>(mode)); // the umask narrowed it; one made
    else if (errno != EEXIST)                          // meanwhile by another is left as it is
      fail(errno);
  }
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(errno);
  std::string name;
  const int probe = create_temporary(fd, "consult-probe", kPrivate, name);
  if (probe < 0) {
    const int err = errno;
    ::close(fd);
    fail(err);
  }
  ::close(probe);
  ::unlinkat(fd, name.c_str(), 0);
  ::close(fd);
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {};
  struct stat sb {};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

} // namespace consult::files
