// SPDX-License-Identifier: MIT
#include "report/headless_chromium.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace clv::test {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool IsExecutable(const fs::path& path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  return !error && fs::is_regular_file(status) &&
         (status.permissions() & fs::perms::owner_exec) != fs::perms::none;
}

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Flags of the issue plus a proxy that does not exist and a resolver that resolves nothing, so
// that even a request the page should never make cannot leave the machine.
std::string ChromiumCommand(const fs::path& profile) {
  return ShellQuote(FindChromium()) +
         " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
         " --disable-background-networking --disable-component-update --disable-sync"
         " --disable-extensions --disable-default-apps --mute-audio --hide-scrollbars"
         " --proxy-server=127.0.0.1:9 --host-resolver-rules='MAP * ~NOTFOUND'"
         " --virtual-time-budget=60000 --user-data-dir=" +
         ShellQuote(profile.string());
}

void Run(const std::string& command, const fs::path& log) {
  const std::string full = "timeout 180 " + command + " 2>" + ShellQuote(log.string());
  const int status = std::system(full.c_str());
  if (status != 0) {
    throw std::runtime_error("chromium failed (status " + std::to_string(status) + "): " + full +
                             "\n" + ReadAll(log));
  }
}

}  // namespace

std::string FindChromium() {
  if (const char* configured = std::getenv("CLV_CHROMIUM"); configured && *configured) {
    return configured;
  }
  const char* path = std::getenv("PATH");
  std::istringstream directories(path ? path : "/usr/bin:/bin");
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      const fs::path candidate = fs::path(directory) / name;
      if (IsExecutable(candidate)) return candidate.string();
    }
  }
  throw std::runtime_error(
      "headless Chromium not found (looked for chromium and chromium-browser on PATH and "
      "$CLV_CHROMIUM); run scripts/install-deps.sh, which installs Debian's chromium");
}

BrowserRun LoadPage(const std::string& html_path, const std::string& work_dir) {
  const fs::path dir(work_dir);
  fs::create_directories(dir);
  const fs::path dom = dir / "dom.html";
  Run(ChromiumCommand(dir / "profile-dom") + " --dump-dom " +
          ShellQuote("file://" + fs::absolute(html_path).string()) + " >" +
          ShellQuote(dom.string()),
      dir / "chromium-dom.log");
  return {ReadAll(dom)};
}

void Screenshot(const std::string& html_path, const std::string& png_path,
                const std::string& work_dir, int width, int height) {
  const fs::path dir(work_dir);
  fs::create_directories(dir);
  Run(ChromiumCommand(dir / "profile-screenshot") +
          " --screenshot=" + ShellQuote(fs::absolute(png_path).string()) +
          " --window-size=" + std::to_string(width) + "," + std::to_string(height) + " " +
          ShellQuote("file://" + fs::absolute(html_path).string()) + " >/dev/null",
      dir / "chromium-screenshot.log");
}

std::string BodyAttribute(const std::string& dom, const std::string& name) {
  const std::regex pattern("<body[^>]*\\s" + name + "=\"([^\"]*)\"");
  std::smatch match;
  return std::regex_search(dom, match, pattern) ? match[1].str() : "<missing>";
}

int CountOccurrences(const std::string& text, const std::string& needle) {
  int count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace clv::test
