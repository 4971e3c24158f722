#include "tests/support/api_harness.h"

#include <httplib.h>

#include <cstdlib>
#include <iostream>

#include "api/json.h"
#include "domain/examples.h"
#include "store/raw_access.h"
#include "tests/support/test_stores.h"

namespace carecoop::testing {
namespace {

const Timestamp kStart = ParseTimestamp("2025-04-01T09:00:00Z").value();

template <class T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::cerr << "api harness: " << what << ": " << r.status().ToString() << "\n";
    std::abort();
  }
  return std::move(r).value();
}

void Must(const Status& s, const char* what) {
  if (!s.ok()) {
    std::cerr << "api harness: " << what << ": " << s.ToString() << "\n";
    std::abort();
  }
}

}  // namespace

ApiHarness::ApiHarness(const std::string& backend, int places,
                       std::shared_ptr<store::FaultPlan> faults, api::ServerOptions server) {
  store_ = faults ? Must(store::OpenFaultyStore(FreshStoreUrl(backend), faults), "faulty store")
                  : FreshStore(backend);
  services::WorkflowOptions options;
  options.clock = [this] { return Now(); };
  workflow_ = std::make_unique<services::Workflow>(*store_, options);
  BuildWorld(places);
  server_ = std::make_unique<api::Server>(*store_, *workflow_, server);
  port_ = Must(server_->Bind("127.0.0.1", 0), "bind");
  serving_ = std::thread([this] { (void)server_->Serve(); });
  // Users, signed in over HTTP.
  for (Side* side : {&a, &b}) {
    std::string s = side == &a ? "a" : "b";
    for (Role role : {Role::kSocialWorker, Role::kHubOfficer, Role::kScrutinyOfficer,
                      Role::kProvider, Role::kCommissioner}) {
      std::optional<CouncilId> council;
      std::optional<RccId> rcc;
      std::optional<ProviderId> provider;
      if (role == Role::kSocialWorker) council = side->council;
      if (role == Role::kProvider) provider = side->provider;
      if (role != Role::kSocialWorker && role != Role::kProvider) rcc = side->rcc;
      std::string name = std::string(EnumCode(role)) + "." + s;
      std::replace(name.begin(), name.end(), '_', '-');
      side->users[role] = AddUser(name, role, council, rcc, provider, side->tokens[role]);
    }
  }
  national = AddUser("national", Role::kNationalAnalyst, {}, {}, {}, national_token);
  admin = AddUser("admin", Role::kAdmin, {}, {}, {}, admin_token);
  oversight = AddUser("oversight", Role::kMarketOversight, {}, {}, {}, oversight_token);
  secure = AddUser("secure", Role::kNationalCommissioner, {}, {}, {}, secure_token);
}

ApiHarness::~ApiHarness() {
  server_->Stop();
  if (serving_.joinable()) serving_.join();
}

Timestamp ApiHarness::Now() const { return kStart + std::chrono::seconds(offset_.load()); }

services::Principal ApiHarness::AddUser(const std::string& username, Role role,
                                        std::optional<CouncilId> council, std::optional<RccId> rcc,
                                        std::optional<ProviderId> provider, std::string& token) {
  services::NewUser u{username, "correct horse battery", role, council, rcc, provider};
  auto who =
      Must(services::AddUser(*store_, u, Now(), "test", services::PasswordCost::kTestOnlyMinimum),
           "user");
  token = SignIn(username);
  return who;
}

std::string ApiHarness::SignIn(const std::string& username) {
  HttpReply r = Do("POST", "/api/sessions", "",
                   {{"username", username}, {"password", "correct horse battery"}});
  if (r.status != 201) {
    std::cerr << "api harness: sign in " << username << ": " << r.text << "\n";
    std::abort();
  }
  return r.body["token"].get<std::string>();
}

void ApiHarness::BuildWorld(int places) {
  Must(store_->Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(RegionId region, tx.Create(examples::ExampleRegion()));
    for (int i = 0; i < 2; ++i) {
      Side& side = i == 0 ? a : b;
      Council council = examples::ExampleCouncil(region, i + 1);
      council.location = {53.40 + 0.2 * i, -2.24};
      CC_ASSIGN_OR_RETURN(side.council, tx.Create(council));
      Rcc rcc = examples::ExampleRcc(region, {side.council});
      rcc.code = i == 0 ? "T-A" : "T-B";
      rcc.name = i == 0 ? "Test RCC A" : "Test RCC B";
      CC_ASSIGN_OR_RETURN(side.rcc, tx.Create(rcc));
      ProviderGroup group{.name = i == 0 ? "Group P plc" : "Group Q plc",
                          .company_number = i == 0 ? "00000101" : "00000102"};
      CC_ASSIGN_OR_RETURN(side.group, tx.Create(group));
      Provider provider = examples::ExampleProvider();
      provider.name = i == 0 ? "Provider P" : "Provider Q";
      provider.group = side.group;
      CC_ASSIGN_OR_RETURN(side.provider, tx.Create(provider));
      Home home = examples::ExampleHome(side.provider, side.council);
      home.name = i == 0 ? "Home of P" : "Home of Q";
      home.location = {53.41 + 0.2 * i, -2.25};
      home.registered_places = places;
      home.needs_met = {};
      home.risks_managed = {};
      home.max_support_ratio = SupportRatio::kOneToOne;
      home.max_siblings = 0;
      home.has_pets = false;
      CC_ASSIGN_OR_RETURN(side.home, tx.Create(home));
      for (int v = 0; v < places; ++v)
        CC_RETURN_IF_ERROR(
            tx.Create(Vacancy{.home = side.home, .available_from = Date(2025, 3, 25)}).status());
      Contract contract = examples::ExampleContract(side.provider, side.rcc);
      contract.reference = i == 0 ? "T-A-FW-1" : "T-B-FW-1";
      contract.start = Date(2025, 1, 1);
      contract.fees = {{NeedBand::kStandard, Pence(400000)}, {NeedBand::kEnhanced, Pence(450000)}};
      CC_RETURN_IF_ERROR(tx.Create(contract).status());
    }
    return Status::Ok();
  }),
       "world");
}

ChildId ApiHarness::NewChild(const Side& side) {
  ChildId id;
  int n = ++children_;
  Must(store_->Write([&](store::Tx& tx) -> Status {
    Child c = examples::ExampleChild(side.council, n);
    c.family_location = {side.council == a.council ? 53.405 : 53.605, -2.245};
    c.school_location.reset();
    CC_ASSIGN_OR_RETURN(id, tx.Create(c));
    return Status::Ok();
  }),
       "child");
  return id;
}

json ApiHarness::PlainReferral(ChildId child, NeededBy needed_by) {
  Referral r;
  r.child = child;
  r.needed_by = needed_by;
  r.preferred_location = "Near mum";
  r.communication_needs = YesNoNotSpecified::kNo;
  r.specific_communication_requirements = {CommunicationRequirement::kNone};
  r.cultural_needs = CulturalNeeds::kNotRequired;
  r.living_companions = LivingCompanions::kNoPreference;
  r.pets = Pets::kNotKnown;
  r.deprivation_of_liberty = false;
  r.foster_care_suitability = Suitability::kUnsuitable;
  r.residential_care_suitability = Suitability::kPreferred;
  r.supported_accommodation_suitability = Suitability::kUnsuitable;
  r.referral_officer_name = "A. Social Worker";
  r.referral_date = Date(2025, 3, 31);
  r.planned_or_emergency =
      needed_by == NeededBy::kToday ? SearchKind::kEmergency : SearchKind::kPlanned;
  r.latest_start_date = Date(2025, 4, 10);
  r.primary_family_location = NamedLocation{"M6 5", {53.405, -2.245}};
  r.close_to_family_recommended = true;
  r.in_school = InSchool::kNo;
  r.locations_to_avoid_known = YesNoNotSpecified::kNo;
  r.minimum_adult_support_ratio = SupportRatio::kNotSpecified;
  r.child_views = "I want to live near my mum and keep my football club.";
  r.provider_summary =
      "Aged 13, settled at school and keen on football; needs a calm home with one adult "
      "on shift and close to family.";
  r.child_wishes = {ChildWish::kNearFamily};
  r.child_own_wishes = {"Keep my football club"};
  json j = api::ToJson(r);
  for (const char* k :
       {"id", "version", "councilId", "status", "createdAt", "actualPlacement", "withdrawalReason"})
    j.erase(k);
  return j;
}

ReferralId ApiHarness::DraftReferral(const Side& side, NeededBy needed_by) {
  Referral draft;
  Must(api::FromJson(PlainReferral(NewChild(side), needed_by), draft,
                     {"councilId", "status", "createdAt", "actualPlacement", "withdrawalReason"},
                     true),
       "referral json");
  return Must(workflow_->CreateReferral(side.users.at(Role::kSocialWorker), draft),
              "create referral")
      .id;
}

ReferralId ApiHarness::OpenReferral(const Side& side, NeededBy needed_by) {
  ReferralId id = DraftReferral(side, needed_by);
  Must(workflow_->SubmitReferral(side.users.at(Role::kSocialWorker), id).status(), "submit");
  return id;
}

ReferralId ApiHarness::SecureCaseReferral(const Side& side) {
  ReferralId id = OpenReferral(side);
  Must(store_->Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, tx.Get(id));
    r.deprivation_of_liberty = true;
    return tx.Update(r);
  }),
       "deprivation of liberty");
  return id;
}

ReferralId ApiHarness::SentReferral(const Side& side, NeededBy needed_by) {
  ReferralId id = OpenReferral(side, needed_by);
  Must(workflow_->SendToProviders(side.users.at(Role::kHubOfficer), id, {}).status(), "send");
  return id;
}

OfferId ApiHarness::OfferFor(const Side& side, ReferralId referral) {
  Offer o;
  o.home = side.home;
  o.status = OfferStatus::kOffered;
  o.core_fee = Pence(410000);
  o.staffing_fee = Pence(20000);
  o.education_fee = Pence(5000);
  o.transport_fee = Pence(1000);
  o.start_date = Date(2025, 4, 2);
  o.conditions = "Introductory visit first";
  return Must(workflow_->Respond(side.users.at(Role::kProvider), referral, o), "offer").id;
}

ProposalId ApiHarness::ProposalFor(const Side& side, ReferralId referral, OfferId offer) {
  Must(workflow_->RecordChildView(side.users.at(Role::kHubOfficer), offer, ChildView::kWants,
                                  "Near mum"),
       "child's view");
  return Must(workflow_->Propose(side.users.at(Role::kHubOfficer), referral, offer,
                                 "Likes it: near mum", ""),
              "propose")
      .proposal.id;
}

VacancyId ApiHarness::OpenVacancy(const Side& side) {
  VacancyId out;
  Must(store_->Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto vacancies, tx.ListBy<Vacancy>(side.home));
    for (const Vacancy& v : vacancies)
      if (v.status == VacancyStatus::kOpen) out = v.id;
    return out.valid() ? Status::Ok() : NotFound("no open vacancy");
  }),
       "open vacancy");
  return out;
}

void ApiHarness::WithdrawOneVacancy(const Side& side) {
  Must(workflow_->WithdrawVacancy(side.users.at(Role::kProvider), OpenVacancy(side)),
       "withdraw vacancy");
}

PlacementId ApiHarness::PlacementFor(const Side& side) {
  ReferralId r = SentReferral(side);
  ProposalId p = ProposalFor(side, r, OfferFor(side, r));
  auto out = Must(
      workflow_->Decide(side.users.at(Role::kScrutinyOfficer), p, ScrutinyOutcome::kApproved, ""),
      "approve");
  return out.placement->id;
}

std::string ApiHarness::Fingerprint() {
  std::string out;
  Must(store_->Read([&](store::Tx& tx) -> Status {
    for (const char* t : {"region",
                          "council",
                          "rcc",
                          "provider",
                          "home",
                          "vacancy",
                          "child",
                          "referral",
                          "offer",
                          "proposal",
                          "scrutiny_decision",
                          "framework",
                          "contract",
                          "placement",
                          "payment",
                          "app_user",
                          "provider_group",
                          "financial_return",
                          "oversight_case",
                          "rcc_return",
                          "secure_referral",
                          "dol_order",
                          "unregistered_placement"})
      CC_RETURN_IF_ERROR(store::RawConnection(tx).Query(
          std::string("SELECT COUNT(*), COALESCE(SUM(version), 0) FROM ") + t, {},
          [&](const store::SqlRow& row) {
            out += std::string(t) + "=" + std::to_string(row.Int(0)) + "/" +
                   std::to_string(row.Int(1)) + " ";
            return Status::Ok();
          }));
    for (const char* t : {"rcc_member", "user_session", "referral_recipient", "audit_log"})
      CC_RETURN_IF_ERROR(store::RawConnection(tx).Query(
          std::string("SELECT COUNT(*) FROM ") + t, {}, [&](const store::SqlRow& row) {
            out += std::string(t) + "=" + std::to_string(row.Int(0)) + " ";
            return Status::Ok();
          }));
    return store::RawConnection(tx).Query(
        "SELECT seq, hash FROM audit_head", {}, [&](const store::SqlRow& row) {
          out += "head=" + std::to_string(row.Int(0)) + ":" + row.Text(1);
          return Status::Ok();
        });
  }),
       "fingerprint");
  return out;
}

HttpReply ApiHarness::Do(const std::string& method, const std::string& path,
                         const std::string& token, const json& body) {
  return DoRaw(method, path, token, body.is_null() ? std::string() : body.dump());
}

HttpReply ApiHarness::DoRaw(const std::string& method, const std::string& path,
                            const std::string& token, const std::string& body) {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(60, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  const std::string payload = body.empty() ? std::string("{}") : body;
  httplib::Result res = method == "GET"    ? client.Get(path, headers)
                        : method == "POST" ? client.Post(path, headers, payload, "application/json")
                        : method == "PATCH"
                            ? client.Patch(path, headers, payload, "application/json")
                            : client.Delete(path, headers);
  HttpReply out;
  if (!res) {
    out.status = -1;
    out.text = "no response: " + httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  out.text = res->body;
  for (const auto& [name, value] : res->headers) out.headers.emplace(name, value);
  out.body = json::parse(res->body, nullptr, false);
  return out;
}

}  // namespace carecoop::testing
