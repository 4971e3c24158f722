#include <gtest/gtest.h>

#include "services/audit.h"
#include "services/users.h"
#include "store/raw_access.h"
#include "tests/support/test_stores.h"

namespace carecoop::services {
namespace {

const Timestamp kNow = ParseTimestamp("2025-04-01T09:00:00Z").value();

TEST(UsersTest, StoresOnlyAnArgon2idHashAndAHashedExpiringToken) {
  auto store = testing::FreshStore("sqlite");
  NewUser admin{"admin", "a long enough password", Role::kAdmin, {}, {}, {}};
  ASSERT_TRUE(AddUser(*store, admin, kNow, "test", PasswordCost::kTestOnlyMinimum).ok());
  auto session = SignIn(*store, "admin", "a long enough password", kNow, std::chrono::hours(1));
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->token.size(), 64u);
  ASSERT_TRUE(store
                  ->Read([&](store::Tx& tx) -> Status {
                    CC_RETURN_IF_ERROR(store::RawConnection(tx).Query(
                        "SELECT password_hash FROM app_user", {}, [](const store::SqlRow& r) {
                          EXPECT_EQ(r.Text(0).rfind("$argon2id$", 0), 0u) << r.Text(0);
                          return Status::Ok();
                        }));
                    return store::RawConnection(tx).Query(
                        "SELECT token_hash FROM user_session", {}, [&](const store::SqlRow& r) {
                          EXPECT_NE(r.Text(0), session->token);  // only its hash
                          return Status::Ok();
                        });
                  })
                  .ok());
  EXPECT_TRUE(Authenticate(*store, session->token, kNow + std::chrono::minutes(59)).ok());
  auto expired = Authenticate(*store, session->token, kNow + std::chrono::minutes(61));
  EXPECT_EQ(expired.status().code(), StatusCode::kUnauthenticated);
  ASSERT_TRUE(SignOut(*store, session->token).ok());
  EXPECT_FALSE(Authenticate(*store, session->token, kNow).ok());
}

TEST(UsersTest, WrongPasswordAndUnknownUserAnswerAlike) {
  auto store = testing::FreshStore("sqlite");
  ASSERT_TRUE(AddUser(*store, {"hub", "a long enough password", Role::kAdmin, {}, {}, {}}, kNow,
                      "test", PasswordCost::kTestOnlyMinimum)
                  .ok());
  auto wrong = SignIn(*store, "hub", "not the password", kNow);
  auto unknown = SignIn(*store, "nobody", "not the password", kNow);
  EXPECT_EQ(wrong.status(), unknown.status());
  EXPECT_EQ(wrong.status().code(), StatusCode::kUnauthenticated);
}

TEST(UsersTest, EachRoleNeedsItsScopeAndNoOther) {
  auto store = testing::FreshStore("sqlite");
  auto add = [&](NewUser u) {
    return AddUser(*store, u, kNow, "test", PasswordCost::kTestOnlyMinimum).status();
  };
  EXPECT_EQ(add({"sw1", "a long enough password", Role::kSocialWorker, {}, {}, {}}).field(),
            "council");
  EXPECT_EQ(add({"hub", "a long enough password", Role::kHubOfficer, {}, {}, {}}).field(), "rcc");
  EXPECT_EQ(add({"prov", "a long enough password", Role::kProvider, {}, {}, {}}).field(),
            "provider");
  EXPECT_EQ(
      add({"nat", "a long enough password", Role::kNationalAnalyst, CouncilId(1), {}, {}}).field(),
      "council");
  EXPECT_EQ(add({"nat", "short", Role::kNationalAnalyst, {}, {}, {}}).field(), "password");
  ASSERT_TRUE(add({"nat", "a long enough password", Role::kNationalAnalyst, {}, {}, {}}).ok());
  EXPECT_EQ(add({"nat", "a long enough password", Role::kAdmin, {}, {}, {}}).code(),
            StatusCode::kConflict);
  // Creating a user is audited.
  ASSERT_TRUE(store
                  ->Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto records, ListAudit(tx, 0, 100));
                    EXPECT_EQ(records.size(), 1u);
                    EXPECT_EQ(records[0].action, "user.create");
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace carecoop::services
