// SPDX-License-Identifier: MIT
#include "serve/sqlite_database.h"

#include <fmt/format.h>

#include "clv/error.h"
#include "common/log.h"

namespace clv::detail {
namespace {

[[noreturn]] void Fail(sqlite3* handle, const std::string& path, std::string_view what) {
  throw Error(fmt::format("{}: database {} failed: {}", path, what, sqlite3_errmsg(handle)));
}

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path) : path_(path) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &handle_, flags, nullptr) != SQLITE_OK) {
    const std::string reason = handle_ != nullptr ? sqlite3_errmsg(handle_) : "out of memory";
    sqlite3_close(handle_);
    throw Error(fmt::format("{}: cannot open the database: {}", path, reason));
  }
  sqlite3_busy_timeout(handle_, 5000);
}

SqliteDatabase::~SqliteDatabase() {
  sqlite3_close(handle_);
}

void SqliteDatabase::Execute(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    Fail(handle_, path_, "statement");
  }
}

SqliteStatement::SqliteStatement(SqliteDatabase& database, std::string_view sql)
    : database_(database) {
  if (sqlite3_prepare_v3(database.handle(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK) {
    Fail(database.handle(), database.path(), "prepare");
  }
}

SqliteStatement::~SqliteStatement() {
  sqlite3_finalize(statement_);
}

void SqliteStatement::Bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_STATIC,
                          SQLITE_UTF8) != SQLITE_OK) {
    Fail(database_.handle(), database_.path(), "bind");
  }
}

void SqliteStatement::Bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) {
    Fail(database_.handle(), database_.path(), "bind");
  }
}

bool SqliteStatement::Step() {
  const int status = sqlite3_step(statement_);
  if (status == SQLITE_ROW) return true;
  if (status == SQLITE_DONE) return false;
  const std::string message = sqlite3_errmsg(database_.handle());
  sqlite3_reset(statement_);
  throw Error(fmt::format("{}: database step failed: {}", database_.path(), message));
}

void SqliteStatement::Run() {
  Step();
  Reset();
}

void SqliteStatement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t SqliteStatement::Integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}

std::string_view SqliteStatement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (text == nullptr) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

SqliteTransaction::SqliteTransaction(SqliteDatabase& database) : database_(database) {
  database_.Execute("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
  if (!open_) return;
  try {
    database_.Execute("ROLLBACK");
  } catch (const Error& error) {
    Log().error("{}", error.what());
  }
}

void SqliteTransaction::Commit() {
  database_.Execute("COMMIT");
  open_ = false;
}

}  // namespace clv::detail
