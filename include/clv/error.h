// SPDX-License-Identifier: MIT
// The errors clv raises. Three kinds of failure are kept apart:
//  - InputError: the user's data or options break a rule. The message is one line naming what and
//    where (file, line, column, offending text) and, where one exists, the option that fixes it.
//    The CLI exits with status 2.
//  - Error: any other failure the user can act on (an unwritable output, a failed system call).
//    The CLI exits with status 1.
//  - CLV_CHECK: an internal invariant; a failure is a bug in clv and says so.
// Expected numerical trouble is neither: it becomes a per-customer status beside the value.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace clv {

/// Process exit statuses of the `clv` command.
enum class ExitStatus : int {
  kOk = 0,
  kFailure = 1,       ///< an Error other than InputError
  kInputError = 2,    ///< bad input or options
  kNotConverged = 3,  ///< a fit finished but its estimate is not usable
};

/// Where in the input a problem was found. Empty fields are left out of the message.
struct InputLocation {
  std::string file;       ///< path as given by the user ("-" for standard input)
  std::int64_t line = 0;  ///< 1-based physical line; 0 when unknown
  std::string column;     ///< column name or 1-based position
  std::string text;       ///< the offending text, shortened to a readable length
};

/// Base of every exception clv throws on purpose.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// Bad input data or options; `what()` is one line.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(message) {}
  InputError(const InputLocation& where, const std::string& problem, const std::string& hint = "");

  const InputLocation& location() const { return location_; }
  const std::string& problem() const { return problem_; }

 private:
  InputLocation location_;
  std::string problem_;
};

/// Formats "file:line: column 'c': problem: 'text' (hint)" leaving out what is unknown.
std::string FormatInputProblem(const InputLocation& where, const std::string& problem,
                               const std::string& hint = "");

/// Shortens `text` to at most `max_chars`, replacing control characters, for error messages.
std::string QuoteForMessage(std::string_view text, std::size_t max_chars = 60);

namespace detail {
[[noreturn]] void FailCheck(const char* condition, const char* file, int line, const char* message);
}  // namespace detail

}  // namespace clv

/// An internal invariant. A failure is a bug in clv, never the user's input.
#define CLV_CHECK(condition, message)                                      \
  do {                                                                     \
    if (!(condition)) [[unlikely]]                                         \
      ::clv::detail::FailCheck(#condition, __FILE__, __LINE__, (message)); \
  } while (false)
