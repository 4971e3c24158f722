#include "core/status.h"

#include <gtest/gtest.h>

namespace carecoop {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("x", "must be even");
  return x / 2;
}

Result<int> Quarter(int x) {
  CC_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(StatusTest, EachCodeHasOneHttpMapping) {
  EXPECT_EQ(Status::Ok().HttpStatus(), 200);
  EXPECT_EQ(InvalidArgument("f", "bad").HttpStatus(), 422);
  EXPECT_EQ(NotFound("x").HttpStatus(), 404);
  EXPECT_EQ(Conflict("x").HttpStatus(), 409);
  EXPECT_EQ(Status(StatusCode::kMalformed, "x").HttpStatus(), 400);
  EXPECT_EQ(Status(StatusCode::kUnauthenticated, "x").HttpStatus(), 401);
  EXPECT_EQ(Status(StatusCode::kPermissionDenied, "x").HttpStatus(), 403);
  EXPECT_EQ(Unavailable("x").HttpStatus(), 503);
}

TEST(StatusTest, ToStringNamesCodeFieldAndProblem) {
  EXPECT_EQ(InvalidArgument("siblingCount", "must be 0 to 10").ToString(),
            "invalid_argument: siblingCount: must be 0 to 10");
  EXPECT_EQ(InvalidArgument("lat", "bad").WithFieldPrefix("home.location").field(),
            "home.location.lat");
}

TEST(ResultTest, PropagatesTheFirstError) {
  EXPECT_EQ(Quarter(8).value(), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "x");
}

}  // namespace
}  // namespace carecoop
