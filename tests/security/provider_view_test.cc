// Regression (issue 14, finding 5): a child's name, date of birth and
// street address written in a referral's free-text fields reached providers
// word for word, and location labels took any 40 characters. Now providers
// read a provider summary in place of the free text; the summary is checked
// for personal identifiers before the referral is sent (the hub edits it or
// confirms each finding), and location labels are postcode districts or
// sectors only.
#include <gtest/gtest.h>

#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

constexpr const char* kName = "Jamie Doe";
constexpr const char* kStreet = "12 Acacia Avenue";

// An open referral of side A's, written over the API with identifying free text.
std::string OpenWithFreeText(ApiHarness& h, const std::string& summary) {
  json body = ApiHarness::PlainReferral(h.NewChild(h.a));
  body["childViews"] = std::string("My name is ") + kName + ", born 14/05/2012. I live at " +
                       kStreet + " and I want to stay near my mum (07700 900123).";
  body["preferredLocation"] = std::string("Near ") + kStreet + ", Salford M6 5FW";
  // The child's own wishes are their words too (regression: they reached providers).
  body["childOwnWishes"] = {std::string("See ") + kName + "'s friends at " + kStreet};
  body["providerSummary"] = summary;
  const std::string sw = h.a.tokens[Role::kSocialWorker];
  HttpReply r = h.Do("POST", "/api/referrals", sw, body);
  EXPECT_EQ(r.status, 201) << r.text;
  const std::string id = std::to_string(r.body["id"].get<std::int64_t>());
  EXPECT_EQ(h.Do("POST", "/api/referrals/" + id + "/submit", sw).status, 200);
  return id;
}

TEST(ProviderViewTest, ProvidersNeverReadTheFreeTextAsTyped) {
  ApiHarness h("sqlite", 3);
  const std::string clean =
      "Aged 12. Wants to stay near family in Salford and keep up football; needs a calm home.";
  const std::string id = OpenWithFreeText(h, clean);
  HttpReply sent =
      h.Do("POST", "/api/referrals/" + id + "/send", h.a.tokens[Role::kHubOfficer], json::object());
  ASSERT_EQ(sent.status, 200) << sent.text;
  for (const std::string& path :
       {"/api/provider/referrals/" + id, std::string("/api/provider/referrals")}) {
    HttpReply seen = h.Do("GET", path, h.a.tokens[Role::kProvider]);
    ASSERT_EQ(seen.status, 200) << seen.text;
    for (const char* secret : {kName, "Jamie", kStreet, "14/05/2012", "M6 5FW", "07700 900123"})
      EXPECT_EQ(seen.text.find(secret), std::string::npos) << path << " shows " << secret;
    EXPECT_NE(seen.text.find(clean), std::string::npos) << path;
  }
}

TEST(ProviderViewTest, ASummaryWithIdentifiersIsHeldUntilTheHubEditsOrConfirmsIt) {
  ApiHarness h("sqlite", 3);
  const std::string hub = h.a.tokens[Role::kHubOfficer];
  const std::string leaky = std::string(kName) + " (born 14 May 2012) lives at " + kStreet +
                            ", M6 5FW; mum is on 07700 900123 or mum@example.org.";
  const std::string id = OpenWithFreeText(h, leaky);
  const std::string before = h.Fingerprint();
  HttpReply refused = h.Do("POST", "/api/referrals/" + id + "/send", hub, json::object());
  ASSERT_EQ(refused.status, 422) << refused.text;
  EXPECT_EQ(refused.body["error"]["field"], "providerSummary");
  const std::string message = refused.body["error"]["message"];
  for (const char* kind :
       {"name 'Jamie Doe'", "date", "street_address", "postcode", "phone", "email"})
    EXPECT_NE(message.find(kind), std::string::npos) << kind << " not found in: " << message;
  EXPECT_EQ(h.Fingerprint(), before) << "a refused send stores nothing";
  EXPECT_EQ(h.Do("GET", "/api/provider/referrals/" + id, h.a.tokens[Role::kProvider]).status, 404);

  // A blank replacement is refused too; an edited summary is checked and sent.
  EXPECT_EQ(h.Do("POST", "/api/referrals/" + id + "/send", hub, {{"providerSummary", "  "}}).status,
            422);
  const std::string edited = "Aged 12. Needs a calm home near family; loves football.";
  HttpReply sent =
      h.Do("POST", "/api/referrals/" + id + "/send", hub, {{"providerSummary", edited}});
  ASSERT_EQ(sent.status, 200) << sent.text;
  HttpReply seen = h.Do("GET", "/api/provider/referrals/" + id, h.a.tokens[Role::kProvider]);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body["providerSummary"], edited);
}

TEST(ProviderViewTest, TheHubMayConfirmAFalseAlarm) {
  ApiHarness h("sqlite", 3);
  // "Old Trafford" reads as a name to the checker; the hub knows it is a place.
  const std::string summary = "Aged 12. Supports the team at Old Trafford and wants to keep going.";
  const std::string id = OpenWithFreeText(h, summary);
  const std::string hub = h.a.tokens[Role::kHubOfficer];
  EXPECT_EQ(h.Do("POST", "/api/referrals/" + id + "/send", hub, json::object()).status, 422);
  HttpReply sent =
      h.Do("POST", "/api/referrals/" + id + "/send", hub, {{"confirmIdentifiers", true}});
  ASSERT_EQ(sent.status, 200) << sent.text;
}

TEST(ProviderViewTest, LocationLabelsArePostcodeDistrictsOrSectors) {
  ApiHarness h("sqlite", 2);
  const std::string sw = h.a.tokens[Role::kSocialWorker];
  for (std::string label : {"M6 5FW", "12 Acacia Avenue", "m6 5", "Near mum", "M6 55"}) {
    json body = ApiHarness::PlainReferral(h.NewChild(h.a));
    body["primaryFamilyLocation"]["label"] = label;
    HttpReply r = h.Do("POST", "/api/referrals", sw, body);
    EXPECT_EQ(r.status, 422) << label << ": " << r.text;
    EXPECT_EQ(r.body["error"]["field"], "primaryFamilyLocation.label") << label;
  }
  for (std::string label : {"M6", "M6 5", "SW1A 1", "EC1V", "GL7 1"}) {
    json body = ApiHarness::PlainReferral(h.NewChild(h.a));
    body["primaryFamilyLocation"]["label"] = label;
    EXPECT_EQ(h.Do("POST", "/api/referrals", sw, body).status, 201) << label;
  }
}

}  // namespace
}  // namespace carecoop::testing
