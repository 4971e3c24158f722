// A running API over a fresh store with a small two-RCC world, for the API
// tests: RCC A (council A, provider P's home) and RCC B (council B, provider
// Q's home), one user of every role on each side (national analyst and
// admin once), signed in over HTTP, and a clock the test can move.
#ifndef CARECOOP_TESTS_SUPPORT_API_HARNESS_H_
#define CARECOOP_TESTS_SUPPORT_API_HARNESS_H_

#include <atomic>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "api/server.h"
#include "store/faults.h"

namespace carecoop::testing {

using nlohmann::json;

struct HttpReply {
  int status = 0;
  json body;
  std::string text;
  std::multimap<std::string, std::string> headers;  // as received
};

// One side of the world: a council in its own RCC, a provider with one home there.
struct Side {
  CouncilId council;
  RccId rcc;
  ProviderId provider;
  HomeId home;
  ProviderGroupId group;                      // the provider's group
  std::map<Role, services::Principal> users;  // every role with a scope
  std::map<Role, std::string> tokens;
};

class ApiHarness {
 public:
  // `places`: registered places (and open vacancies) in each side's home.
  // With `faults`, the store fails as that plan says (store/faults.h).
  // `server`: the API server's options (the harness turns its access log off).
  ApiHarness(const std::string& backend, int places = 40,
             std::shared_ptr<store::FaultPlan> faults = nullptr,
             api::ServerOptions server = {.threads = 8, .access_log = false});
  ~ApiHarness();

  HttpReply Do(const std::string& method, const std::string& path, const std::string& token,
               const json& body = nullptr);
  HttpReply DoRaw(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body);

  // Signs `username` in again (sessions expire when the clock moves on); the token.
  std::string SignIn(const std::string& username);

  // A new child of the side's council, aged 13 on the clock's day.
  ChildId NewChild(const Side& side);
  // A referral body (every required field) for `child` that the side's home can meet.
  static json PlainReferral(ChildId child, NeededBy needed_by = NeededBy::kWithin5Days);

  // The workflow to given states, through the services (as the side's users).
  ReferralId DraftReferral(const Side& side, NeededBy needed_by = NeededBy::kWithin5Days);
  ReferralId OpenReferral(const Side& side, NeededBy needed_by = NeededBy::kWithin5Days);
  // An open referral that asks for a deprivation of liberty (a secure case).
  ReferralId SecureCaseReferral(const Side& side);
  ReferralId SentReferral(const Side& side, NeededBy needed_by = NeededBy::kWithin5Days);
  OfferId OfferFor(const Side& side, ReferralId referral);
  ProposalId ProposalFor(const Side& side, ReferralId referral, OfferId offer);
  PlacementId PlacementFor(const Side& side);
  // An open vacancy of the side's home; withdraws one (a place to publish again).
  VacancyId OpenVacancy(const Side& side);
  void WithdrawOneVacancy(const Side& side);  // proposed and approved

  // The clock: starts 2025-04-01T09:00:00Z.
  void Advance(std::chrono::seconds by) { offset_ += by.count(); }
  Timestamp Now() const;

  // Rows per table and the audit head: equal before and after means nothing was stored.
  std::string Fingerprint();

  store::Store& store() { return *store_; }
  api::Server& server() { return *server_; }
  int port() const { return port_; }
  services::Workflow& workflow() { return *workflow_; }
  Side a, b;
  std::string national_token, admin_token, oversight_token;
  std::string secure_token;  // the national commissioner's
  services::Principal national, admin, oversight, secure;

 private:
  void BuildWorld(int places);
  services::Principal AddUser(const std::string& username, Role role,
                              std::optional<CouncilId> council, std::optional<RccId> rcc,
                              std::optional<ProviderId> provider, std::string& token);

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<services::Workflow> workflow_;
  std::unique_ptr<api::Server> server_;
  std::thread serving_;
  int port_ = 0;
  std::atomic<std::int64_t> offset_{0};
  int children_ = 0;
};

}  // namespace carecoop::testing

#endif  // CARECOOP_TESTS_SUPPORT_API_HARNESS_H_
