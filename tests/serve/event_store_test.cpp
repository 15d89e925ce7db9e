// SPDX-License-Identifier: MIT
// The SQLite store keeps each event once, writes a batch whole, and the in-memory customer book
// rebuilt from it gives the same summary rows as the book filled while ingesting.
#include "serve/event_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "serve/customer_book.h"
#include "serve/customer_history.h"
#include "serve_test_support.h"

namespace clv::detail {
namespace {

using clv::testing::ScratchDirectory;

Event MakeEvent(std::string transaction_id, std::string customer_id, std::int64_t timestamp,
                std::int64_t amount) {
  return Event{std::move(transaction_id), std::move(customer_id), timestamp, amount};
}

constexpr std::int64_t kDay = 86400;

TEST(Consistency, StoreKeepsEachTransactionIdOnce) {
  ScratchDirectory directory;
  EventStore store(directory.path() / "clv.db");
  const std::vector<Event> first{MakeEvent("t1", "c1", 0, 10), MakeEvent("t2", "c1", kDay, 20)};
  EXPECT_EQ(store.Insert(first), (std::vector<bool>{true, true}));

  const std::vector<Event> retry{MakeEvent("t2", "c1", kDay, 20), MakeEvent("t3", "c2", 0, 5),
                                 MakeEvent("t3", "c2", 0, 5)};
  EXPECT_EQ(store.Insert(retry), (std::vector<bool>{false, true, false}));
  EXPECT_EQ(store.NumEvents(), 3);
}

TEST(Consistency, StateRowsReplaceEarlierRowsOfTheirCustomer) {
  ScratchDirectory directory;
  EventStore store(directory.path() / "clv.db");
  store.SaveCustomerStates(std::vector<CustomerStateRow>{{"c1", 1, 0, 0, 10}, {"c2", 2, 0, 5, 3}});
  store.SaveCustomerStates(std::vector<CustomerStateRow>{{"c1", 3, 0, 9, 40}});
  EXPECT_EQ(store.NumCustomers(), 2);
  EXPECT_EQ(store.NumStateTransactions(), 5);
}

TEST(Consistency, StoreReopensWithEveryEventAndModelVersion) {
  ScratchDirectory directory;
  const std::string path = directory.path() / "clv.db";
  {
    EventStore store(path);
    store.Insert(std::vector<Event>{MakeEvent("t1", "c1", 0, 10), MakeEvent("t2", "c2", 7, 3)});
    EXPECT_EQ(store.SaveModel({.created_at = 100, .purchase_model_json = "{\"a\":1}"}), 1);
    EXPECT_EQ(store.SaveModel({.created_at = 200,
                               .purchase_model_json = "{\"a\":2}",
                               .spend_model_json = "{}",
                               .segment_cutoffs_json = "[3,2,1]"}),
              2);
    store.Checkpoint();
  }
  EventStore reopened(path);
  std::vector<std::string> ids;
  reopened.ForEachEvent([&](const Event& event) { ids.push_back(event.transaction_id); });
  EXPECT_EQ(ids, (std::vector<std::string>{"t1", "t2"}));
  const auto latest = reopened.LatestModel();
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->purchase_model_json, "{\"a\":2}");
  EXPECT_EQ(latest->spend_model_json, "{}");
  EXPECT_EQ(latest->segment_cutoffs_json, "[3,2,1]");
}

TEST(InputChecks, StoreTreatsQuotesAndSqlInIdsAsPlainText) {
  ScratchDirectory directory;
  EventStore store(directory.path() / "clv.db");
  const std::string hostile = "x'); DROP TABLE events; --";
  store.Insert(std::vector<Event>{MakeEvent(hostile, hostile, 0, 1)});
  std::vector<Event> seen;
  store.ForEachEvent([&](const Event& event) { seen.push_back(event); });
  ASSERT_EQ(seen.size(), 1U);
  EXPECT_EQ(seen[0].transaction_id, hostile);
  EXPECT_EQ(seen[0].customer_id, hostile);
}

TEST(Consistency, LateEventsArePlacedInTimeOrder) {
  CustomerBook book;
  book.Add(MakeEvent("a", "c", 10 * kDay, 1));
  book.Add(MakeEvent("b", "c", 2 * kDay, 2));
  book.Add(MakeEvent("d", "c", 5 * kDay, 3));
  const auto purchases = book.PurchasesOf("c");
  ASSERT_TRUE(purchases.has_value());
  ASSERT_EQ(purchases->size(), 3U);
  EXPECT_EQ((*purchases)[0].timestamp, 2 * kDay);
  EXPECT_EQ((*purchases)[1].timestamp, 5 * kDay);
  EXPECT_EQ((*purchases)[2].timestamp, 10 * kDay);
  EXPECT_FALSE(book.PurchasesOf("unknown").has_value());
  EXPECT_EQ(book.NumCustomers(), 1);
}

// REFERENCE.md §2.1: same-period purchases merge, the first period's spend is left out of the
// monetary value, T runs to the observation end's period.
TEST(Correctness, HistoryFollowsTheSummaryConventions) {
  const std::vector<Purchase> purchases{{0, 10 * kAmountScale},
                                        {3600, 5 * kAmountScale},
                                        {2 * kDay, 20 * kAmountScale},
                                        {2 * kDay + 60, 10 * kAmountScale},
                                        {6 * kDay, 40 * kAmountScale}};
  const PeriodScale days(TimeUnit::kDay, DurationMode::kFloored);
  const auto row = SummarizeHistory(purchases, 9 * kDay + 5, days);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->frequency, 2);
  EXPECT_EQ(row->recency, 6);
  EXPECT_EQ(row->age, 9);
  EXPECT_DOUBLE_EQ(row->monetary_value, 35);
  EXPECT_EQ(row->transactions, 5);

  const auto early = SummarizeHistory(purchases, 2 * kDay, days);
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(early->frequency, 1);
  EXPECT_DOUBLE_EQ(early->monetary_value, 20);
  EXPECT_FALSE(SummarizeHistory(purchases, -1, days).has_value());
}

}  // namespace
}  // namespace clv::detail
