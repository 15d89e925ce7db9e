// SPDX-License-Identifier: MIT
// A thin RAII layer over SQLite: a connection and prepared statements. Values reach SQLite only
// through bound parameters, never through SQL text, so no input can change a statement.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace clv::detail {

class SqliteStatement;

/// One connection. Not thread safe: the owner serialises its use.
class SqliteDatabase {
 public:
  /// Opens (creating when absent) the database at `path`. Throws clv::Error naming the path.
  explicit SqliteDatabase(const std::string& path);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  /// Runs statements that take no parameters (schema, pragmas). Throws clv::Error.
  void Execute(std::string_view sql);
  /// Rows changed by the last statement.
  std::int64_t Changes() const { return sqlite3_changes64(handle_); }
  sqlite3* handle() { return handle_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* handle_ = nullptr;
  std::string path_;
};

/// A prepared statement, reset after every use.
class SqliteStatement {
 public:
  SqliteStatement(SqliteDatabase& database, std::string_view sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  /// Parameters are 1-based, as in SQLite. Text is copied by SQLite only when the statement
  /// outlives it, so the caller keeps `text` alive until Step() returns.
  void Bind(int index, std::string_view text);
  void Bind(int index, std::int64_t value);

  /// Advances; true while a row is available. Throws clv::Error on failure.
  bool Step();
  /// Runs a statement that returns no rows, then resets it.
  void Run();
  void Reset();

  std::int64_t Integer(int column) const;
  std::string_view Text(int column) const;

 private:
  SqliteDatabase& database_;
  sqlite3_stmt* statement_ = nullptr;
};

/// Begins a transaction on construction and rolls it back on destruction unless committed.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDatabase& database);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void Commit();

 private:
  SqliteDatabase& database_;
  bool open_ = true;
};

}  // namespace clv::detail
