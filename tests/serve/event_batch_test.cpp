// SPDX-License-Identifier: MIT
// The POST /v1/events body parser: arrays and NDJSON, each rule of serve/event_batch.h, and
// JSON that is not JSON.
#include "serve/event_batch.h"

#include <gtest/gtest.h>

#include <string>

namespace clv::detail {
namespace {

TEST(InputChecks, ArrayOfEventsIsReadWithEveryFieldForm) {
  const EventBatch batch = ParseEventBatch(
      R"([{"transaction_id": "t\"1", "customer_id": 42, "timestamp": 86400, "amount": 12.5},
          {"amount": "12.50", "timestamp": "1970-01-02", "customer_id": "c", "transaction_id": "t2",
           "extra": {"ignored": [1, 2]}}])",
      "application/json");
  ASSERT_TRUE(batch.ok()) << batch.malformed;
  ASSERT_EQ(batch.events.size(), 2u);
  EXPECT_EQ(batch.events[0].transaction_id, "t\"1");
  EXPECT_EQ(batch.events[0].customer_id, "42");
  EXPECT_EQ(batch.events[0].timestamp, 86400);
  EXPECT_EQ(batch.events[0].amount, batch.events[1].amount);
  EXPECT_EQ(batch.events[1].timestamp, 86400);
}

TEST(InputChecks, NdjsonLinesAreCountedWithoutBlankLinesAndJudgedOneByOne) {
  const EventBatch batch = ParseEventBatch(
      "{\"transaction_id\":\"a\",\"customer_id\":\"c\",\"timestamp\":0,\"amount\":1}\r\n"
      "\n"
      "{\"transaction_id\":\"b\",\"customer_id\":\n"
      "[1]\n"
      "{\"transaction_id\":\"c\",\"customer_id\":\"c\",\"timestamp\":0,\"amount\":null}\n",
      "application/x-ndjson");
  ASSERT_TRUE(batch.malformed.empty());
  ASSERT_EQ(batch.events.size(), 1u);
  ASSERT_EQ(batch.errors.size(), 3u);
  EXPECT_EQ(batch.errors[0].index, 1u);
  EXPECT_EQ(batch.errors[0].reason, "not valid JSON (or not UTF-8)");
  EXPECT_EQ(batch.errors[1].index, 2u);
  EXPECT_EQ(batch.errors[1].reason, "not a JSON object");
  EXPECT_EQ(batch.errors[2].index, 3u);
  EXPECT_EQ(batch.errors[2].reason, "amount: missing");
}

TEST(InputChecks, TextAfterTheArrayMakesTheBodyMalformed) {
  const EventBatch batch = ParseEventBatch(
      R"([{"transaction_id":"a","customer_id":"c","timestamp":0,"amount":1}] x)", "");
  EXPECT_FALSE(batch.malformed.empty());
  EXPECT_TRUE(batch.events.empty());
}

TEST(InputChecks, FirstBrokenRuleIsReportedInFieldOrder) {
  const EventBatch batch = ParseEventBatch(
      R"([{"customer_id": 1.5, "timestamp": "soon", "amount": "ten"},
          {"transaction_id": "", "customer_id": "c", "timestamp": 0, "amount": 1},
          {"transaction_id": "t", "customer_id": "c", "timestamp": 1.5, "amount": 1},
          {"transaction_id": "t", "customer_id": "c", "timestamp": 0, "amount": 1e13}])",
      "");
  ASSERT_EQ(batch.errors.size(), 4u);
  EXPECT_EQ(batch.errors[0].reason, "transaction_id: missing");
  EXPECT_EQ(batch.errors[1].reason, "transaction_id: must not be empty");
  EXPECT_EQ(batch.errors[2].reason,
            "timestamp: not an ISO 8601 date or date-time, YYYYMMDD or Unix seconds");
  EXPECT_EQ(batch.errors[3].reason, "amount: must be a finite number below 1e12 in magnitude");
}

}  // namespace
}  // namespace clv::detail
