// SPDX-License-Identifier: MIT
// Writes the customers table of the store behind the events: ingest marks the customers it
// changed, and a background thread writes their whole state rows from the book every few
// seconds, sorted by id. Batching matters: with customers spread over the whole table, each
// flush rewrites most of its pages whether it carries one second of changes or five. The
// events stay the record (the book is rebuilt from them on start); a state row may lag its
// events by up to a flush, and on start any lag a crash left behind is repaired.
#pragma once

#include <condition_variable>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <unordered_set>

#include "serve/customer_book.h"
#include "serve/event.h"
#include "serve/event_store.h"

namespace clv::detail {

class CustomerStateWriter {
 public:
  CustomerStateWriter(EventStore& store, const CustomerBook& book);
  /// Stops the thread after writing what is marked.
  ~CustomerStateWriter();
  CustomerStateWriter(const CustomerStateWriter&) = delete;
  CustomerStateWriter& operator=(const CustomerStateWriter&) = delete;

  /// Notes the customers of `events`, which are in the book. Thread safe.
  void MarkChanged(std::span<const Event> events);
  /// Writes the marked customers now.
  void Flush();
  /// Writes every customer of the book when the state rows do not account for every event.
  void RepairIfBehind();
  /// Writes what is marked and stops the thread; later marks are written by Flush() only.
  void Stop();

 private:
  void Loop();
  void Write(const std::unordered_set<std::string>& customer_ids);

  EventStore& store_;
  const CustomerBook& book_;
  std::mutex mutex_;  // guards the fields below
  std::condition_variable wakeup_;
  std::unordered_set<std::string> changed_;
  bool stopping_ = false;
  std::mutex write_mutex_;  // one write at a time, so a later state never precedes an earlier
  std::thread thread_;
};

}  // namespace clv::detail
