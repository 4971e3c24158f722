// What a Store promises, checked on every back end: the same suite runs on
// SQLite and on a real (throwaway) PostgreSQL server.
#include <gtest/gtest.h>

#include <barrier>
#include <thread>

#include "domain/examples.h"
#include "store/raw_access.h"
#include "store/schema.h"
#include "store/store.h"
#include "tests/support/test_stores.h"

namespace carecoop::store {
namespace {

using namespace examples;  // NOLINT

// A small, consistent graph of every type, created in one transaction.
struct Graph {
  RegionId region;
  CouncilId council, other_council, far_council;
  RegionId far_region;
  RccId rcc;
  ProviderId provider;
  HomeId home;
  VacancyId vacancy;
  ChildId child;
  ReferralId referral;
  OfferId offer;
  ProposalId proposal;
  ScrutinyDecisionId decision;
  ContractId contract;
  PlacementId placement;
  PaymentId payment;
};

class StoreConformanceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { store_ = testing::FreshStore(GetParam()); }

  Graph MakeGraph() {
    Graph g;
    Status s = store_->Write([&](Tx& tx) -> Status {
      CC_ASSIGN_OR_RETURN(g.region, tx.Create(ExampleRegion()));
      CC_ASSIGN_OR_RETURN(g.far_region,
                          tx.Create(Region{.ons_code = "E12000007", .name = "London"}));
      CC_ASSIGN_OR_RETURN(g.council, tx.Create(ExampleCouncil(g.region, 1)));
      CC_ASSIGN_OR_RETURN(g.other_council, tx.Create(ExampleCouncil(g.region, 2)));
      Council far = ExampleCouncil(g.far_region, 3);
      far.location = {51.5, -0.12};
      CC_ASSIGN_OR_RETURN(g.far_council, tx.Create(far));
      CC_ASSIGN_OR_RETURN(g.rcc, tx.Create(ExampleRcc(g.region, {g.council, g.other_council})));
      CC_ASSIGN_OR_RETURN(g.provider, tx.Create(ExampleProvider()));
      CC_ASSIGN_OR_RETURN(g.home, tx.Create(ExampleHome(g.provider, g.council)));
      CC_ASSIGN_OR_RETURN(g.vacancy, tx.Create(ExampleVacancy(g.home)));
      CC_ASSIGN_OR_RETURN(g.child, tx.Create(ExampleChild(g.council)));
      CC_ASSIGN_OR_RETURN(g.referral, tx.Create(ExampleReferral(g.child, g.council)));
      CC_ASSIGN_OR_RETURN(g.offer, tx.Create(ExampleOffer(g.referral, g.home)));
      CC_ASSIGN_OR_RETURN(g.proposal, tx.Create(ExampleProposal(g.referral, g.offer)));
      CC_ASSIGN_OR_RETURN(g.decision, tx.Create(ExampleScrutinyDecision(g.proposal)));
      CC_ASSIGN_OR_RETURN(g.contract, tx.Create(ExampleContract(g.provider, g.rcc)));
      Placement p = ExamplePlacement(g.child, g.council, g.home);
      p.referral = g.referral;
      p.contract = g.contract;
      CC_ASSIGN_OR_RETURN(g.placement, tx.Create(p));
      CC_ASSIGN_OR_RETURN(g.payment, tx.Create(ExamplePayment(g.placement, g.rcc, g.council)));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return g;
  }

  template <class T>
  T Load(Id<T> id) {
    T out{};
    Status s = store_->Read([&](Tx& tx) -> Status {
      CC_ASSIGN_OR_RETURN(out, tx.Get(id));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  template <class T>
  std::int64_t CountOf(Scope scope = Scope::All()) {
    std::int64_t n = -1;
    Status s = store_->Read([&](Tx& tx) -> Status {
      CC_ASSIGN_OR_RETURN(n, tx.Count<T>(scope));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return n;
  }

  // Creating `value` alone must fail with `code` naming `field`, writing nothing.
  template <class T>
  void ExpectCreateFails(const T& value, StatusCode code, const std::string& field) {
    std::int64_t before = CountOf<T>();
    Status s = store_->Write([&](Tx& tx) { return tx.Create(value).status(); });
    EXPECT_EQ(s.code(), code) << s.ToString();
    EXPECT_EQ(s.field(), field) << s.ToString();
    EXPECT_EQ(CountOf<T>(), before);
  }

  template <class T>
  void ExpectRoundTrip(Id<T> id, T expected) {
    expected.id = id;
    expected.version = 1;
    EXPECT_EQ(Load(id), expected) << "type stored in table " << Mapping<T>::kTable;
  }

  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformanceTest, OpenAppliesEveryMigrationOnceAndReopens) {
  int version = 0;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(version, SchemaVersion(store::RawConnection(tx)));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(version, Migrations().back().version);
  EXPECT_EQ(store_->backend(), GetParam());
}

TEST_P(StoreConformanceTest, EveryDomainTypeRoundTripsFieldForField) {
  Graph g = MakeGraph();
  ExpectRoundTrip(g.region, ExampleRegion());
  ExpectRoundTrip(g.council, ExampleCouncil(g.region, 1));
  ExpectRoundTrip(g.rcc, ExampleRcc(g.region, {g.council, g.other_council}));
  ExpectRoundTrip(g.provider, ExampleProvider());
  ExpectRoundTrip(g.home, ExampleHome(g.provider, g.council));
  ExpectRoundTrip(g.vacancy, ExampleVacancy(g.home));
  ExpectRoundTrip(g.child, ExampleChild(g.council));
  ExpectRoundTrip(g.referral, ExampleReferral(g.child, g.council));
  ExpectRoundTrip(g.offer, ExampleOffer(g.referral, g.home));
  ExpectRoundTrip(g.proposal, ExampleProposal(g.referral, g.offer));
  ExpectRoundTrip(g.decision, ExampleScrutinyDecision(g.proposal));
  ExpectRoundTrip(g.contract, ExampleContract(g.provider, g.rcc));
  Placement p = ExamplePlacement(g.child, g.council, g.home);
  p.referral = g.referral;
  p.contract = g.contract;
  ExpectRoundTrip(g.placement, p);
  ExpectRoundTrip(g.payment, ExamplePayment(g.placement, g.rcc, g.council));
}

TEST_P(StoreConformanceTest, OptionalFieldsRoundTripWhenEmpty) {
  Graph g = MakeGraph();
  Referral bare;
  bare.child = g.child;
  bare.council = g.council;
  bare.referral_date = Date(2025, 1, 2);
  bare.latest_start_date = Date(2025, 1, 9);
  Child c = ExampleChild(g.council, 9);
  c.school_location.reset();
  c.care_ended = Date(2025, 2, 1);
  c.reason_ceased = "E13";
  Contract block = ExampleContract(g.provider, g.rcc);  // open-ended spot terms
  block.type = ContractType::kSpot;
  block.end.reset();
  Provider council_run{
      .name = "Council fostering", .ownership = Ownership::kCouncil, .council = g.council};
  ReferralId rid;
  ChildId cid;
  ContractId kid;
  ProviderId pid;
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(rid, tx.Create(bare));
                    CC_ASSIGN_OR_RETURN(cid, tx.Create(c));
                    CC_ASSIGN_OR_RETURN(kid, tx.Create(block));
                    CC_ASSIGN_OR_RETURN(pid, tx.Create(council_run));
                    return Status::Ok();
                  })
                  .ok());
  ExpectRoundTrip(rid, bare);
  ExpectRoundTrip(cid, c);
  ExpectRoundTrip(kid, block);
  ExpectRoundTrip(pid, council_run);
}

TEST_P(StoreConformanceTest, ListsByCouncilRccRegionAndParent) {
  Graph g = MakeGraph();
  Home far_home = ExampleHome(g.provider, g.far_council);
  far_home.location = {51.51, -0.1};
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(HomeId h, tx.Create(far_home));
                    return tx.Create(ExampleVacancy(h)).status();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto all, tx.List<Vacancy>());
                    EXPECT_EQ(all.size(), 2u);
                    CC_ASSIGN_OR_RETURN(auto in_region, tx.List<Vacancy>(Scope::Of(g.region)));
                    EXPECT_EQ(in_region.size(), 1u);
                    EXPECT_EQ(in_region.at(0).home, g.home);
                    CC_ASSIGN_OR_RETURN(auto in_rcc, tx.List<Home>(Scope::Of(g.rcc)));
                    EXPECT_EQ(in_rcc.size(), 1u);
                    CC_ASSIGN_OR_RETURN(auto far, tx.List<Home>(Scope::Of(g.far_council)));
                    EXPECT_EQ(far.size(), 1u);
                    CC_ASSIGN_OR_RETURN(auto refs, tx.List<Referral>(Scope::Of(g.council)));
                    EXPECT_EQ(refs.size(), 1u);
                    CC_ASSIGN_OR_RETURN(auto none, tx.List<Referral>(Scope::Of(g.other_council)));
                    EXPECT_TRUE(none.empty());
                    CC_ASSIGN_OR_RETURN(auto offers, tx.ListBy<Offer>(g.referral));
                    EXPECT_EQ(offers.size(), 1u);
                    CC_ASSIGN_OR_RETURN(auto decisions,
                                        tx.List<ScrutinyDecision>(Scope::Of(g.rcc)));
                    EXPECT_EQ(decisions.size(), 1u);
                    CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(g.child));
                    EXPECT_EQ(placements.size(), 1u);
                    CC_ASSIGN_OR_RETURN(auto councils, tx.List<Council>(Scope::Of(g.rcc)));
                    EXPECT_EQ(councils.size(), 2u);
                    CC_ASSIGN_OR_RETURN(auto contracts, tx.List<Contract>(Scope::Of(g.rcc)));
                    EXPECT_EQ(contracts.size(), 1u);
                    CC_ASSIGN_OR_RETURN(auto found, tx.FindCouncil("351"));
                    EXPECT_TRUE(found.has_value() && found->id == g.council);
                    CC_ASSIGN_OR_RETURN(auto rcc, tx.RccOfCouncil(g.other_council));
                    EXPECT_EQ(rcc, std::optional<RccId>(g.rcc));
                    auto bad = tx.List<Region>(Scope::Of(g.council));
                    EXPECT_EQ(bad.status().field(), "scope");
                    return Status::Ok();
                  })
                  .ok());
}

TEST_P(StoreConformanceTest, UpdateBumpsVersionAndRejectsAStaleOne) {
  Graph g = MakeGraph();
  Home home = Load(g.home);
  Home stale = home;
  home.registered_places = 5;
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.Update(home); }).ok());
  EXPECT_EQ(home.version, 2);
  EXPECT_EQ(Load(g.home).registered_places, 5);
  stale.name = "Lost update";
  Status s = store_->Write([&](Tx& tx) { return tx.Update(stale); });
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_EQ(Load(g.home).name, "Oak House");
  Home missing = home;
  missing.id = HomeId(9999);
  EXPECT_EQ(store_->Write([&](Tx& tx) { return tx.Update(missing); }).code(),
            StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, RccMembersAreReplacedOnUpdateAndACouncilHasOneRcc) {
  Graph g = MakeGraph();
  Rcc rcc = Load(g.rcc);
  rcc.member_councils = {g.council};
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.Update(rcc); }).ok());
  EXPECT_EQ(Load(g.rcc).member_councils, std::vector<CouncilId>{g.council});
  Rcc second{.code = "NW-2",
             .name = "Second",
             .region = g.region,
             .member_councils = {g.other_council, g.council}};
  Status s = store_->Write([&](Tx& tx) { return tx.Create(second).status(); });
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_EQ(s.field(), "memberCouncils[1]");
  EXPECT_FALSE(store_
                   ->Read([&](Tx& tx) -> Status {
                     CC_ASSIGN_OR_RETURN(auto found, tx.FindRcc("NW-2"));
                     return found ? Status::Ok() : NotFound("gone");
                   })
                   .ok())
      << "the failed RCC must not be half-written";
}

TEST_P(StoreConformanceTest, TransactionRollsBackEverythingWhenAStepFails) {
  Graph g = MakeGraph();
  std::int64_t children = CountOf<Child>();
  Home home_before = Load(g.home);
  Status s = store_->Write([&](Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(tx.Create(ExampleChild(g.council, 50)).status());
    Home h = home_before;
    h.registered_places = 7;
    CC_RETURN_IF_ERROR(tx.Update(h));
    return tx.Create(ExampleChild(g.council, 50)).status();  // duplicate pseudonym
  });
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_EQ(s.field(), "pseudonym");
  EXPECT_EQ(CountOf<Child>(), children);
  EXPECT_EQ(Load(g.home), home_before);
}

TEST_P(StoreConformanceTest, InvalidValuesAreRejectedNamingTheFieldAndNothingIsWritten) {
  Graph g = MakeGraph();
  Home bad_home = ExampleHome(g.provider, g.council);
  bad_home.registered_places = 0;
  ExpectCreateFails(bad_home, StatusCode::kInvalidArgument, "registeredPlaces");
  Referral bad_referral = ExampleReferral(g.child, g.council);
  bad_referral.sibling_count = 40;
  ExpectCreateFails(bad_referral, StatusCode::kInvalidArgument, "siblingCount");
  Child nul = ExampleChild(g.council, 77);
  nul.pseudonym = std::string("A\0B", 3);
  ExpectCreateFails(nul, StatusCode::kInvalidArgument, "pseudonym");
  Placement bad_code = ExamplePlacement(g.child, g.council, g.home);
  bad_code.place_code = "Q9";
  ExpectCreateFails(bad_code, StatusCode::kInvalidArgument, "placeCode");

  Home changed = Load(g.home);
  Home before = changed;
  changed.max_age = 2;
  Status s = store_->Write([&](Tx& tx) { return tx.Update(changed); });
  EXPECT_EQ(s.field(), "maxAge");
  EXPECT_EQ(Load(g.home), before);
}

TEST_P(StoreConformanceTest, ReferencesToMissingRecordsAreNamed) {
  Graph g = MakeGraph();
  ExpectCreateFails(ExampleHome(ProviderId(424242), g.council), StatusCode::kInvalidArgument,
                    "providerId");
  ExpectCreateFails(ExampleOffer(g.referral, HomeId(999)), StatusCode::kInvalidArgument, "homeId");
  Placement p = ExamplePlacement(g.child, g.council, g.home);
  p.vacancy = VacancyId(31337);
  ExpectCreateFails(p, StatusCode::kInvalidArgument, "vacancyId");
}

TEST_P(StoreConformanceTest, UniqueConstraintsAreConflictsNamingTheField) {
  Graph g = MakeGraph();
  Council same_ons = ExampleCouncil(g.region, 1);
  same_ons.dfe_la_code = "999";
  ExpectCreateFails(same_ons, StatusCode::kConflict, "onsCode");
  Council same_la = ExampleCouncil(g.region, 1);
  same_la.ons_code = "E06000999";
  ExpectCreateFails(same_la, StatusCode::kConflict, "dfeLaCode");
  ExpectCreateFails(ExamplePayment(g.placement, g.rcc, g.council), StatusCode::kConflict,
                    "placementId");
}

TEST_P(StoreConformanceTest, EnumsAreStoredAsReadableCodes) {
  Graph g = MakeGraph();
  std::string setting;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    return store::RawConnection(tx).Query("SELECT setting FROM home WHERE id = $1",
                                                          {g.home.value()}, [&](const SqlRow& row) {
                                                            setting = row.Text(0);
                                                            return Status::Ok();
                                                          });
                  })
                  .ok());
  EXPECT_EQ(setting, "childrens_home");
}

Placement Booking(const Graph& g, VacancyId vacancy) {
  Placement p = ExamplePlacement(g.child, g.council, g.home);
  p.end.reset();
  p.reason_place_change.clear();
  p.vacancy = vacancy;
  return p;
}

TEST_P(StoreConformanceTest, SecondBookingOfSameVacancyIsRejected) {
  Graph g = MakeGraph();
  ASSERT_TRUE(
      store_->Write([&](Tx& tx) { return tx.Create(Booking(g, g.vacancy)).status(); }).ok());
  Status s = store_->Write([&](Tx& tx) { return tx.Create(Booking(g, g.vacancy)).status(); });
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_EQ(s.field(), "vacancyId");
}

TEST_P(StoreConformanceTest, ConcurrentBookingsOfOneVacancyGiveExactlyOneSuccess) {
  Graph g = MakeGraph();
  constexpr int kRounds = 25;
  std::vector<VacancyId> vacancies;
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    for (int i = 0; i < kRounds; ++i) {
                      CC_ASSIGN_OR_RETURN(VacancyId v, tx.Create(ExampleVacancy(g.home)));
                      vacancies.push_back(v);
                    }
                    return Status::Ok();
                  })
                  .ok());
  for (VacancyId v : vacancies) {
    std::barrier start(2);
    Status results[2];
    auto book = [&](int i) {
      start.arrive_and_wait();
      results[i] = store_->Write([&](Tx& tx) { return tx.Create(Booking(g, v)).status(); });
    };
    std::thread a(book, 0), b(book, 1);
    a.join();
    b.join();
    int ok = results[0].ok() + results[1].ok();
    EXPECT_EQ(ok, 1) << results[0].ToString() << " / " << results[1].ToString();
    for (const Status& s : results) {
      if (!s.ok()) {
        EXPECT_EQ(s.code(), StatusCode::kConflict) << s.ToString();
      }
    }
  }
  std::int64_t booked = 0;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    return store::RawConnection(tx).Query(
                        "SELECT COUNT(*) FROM placement WHERE vacancy_id IS NOT NULL", {},
                        [&](const SqlRow& row) {
                          booked = row.Int(0);
                          return Status::Ok();
                        });
                  })
                  .ok());
  EXPECT_EQ(booked, kRounds);
}

TEST(StoreOpenTest, UnknownUrlIsRejectedNamingTheStore) {
  auto s = Store::Open("mysql://nope");
  EXPECT_EQ(s.status().field(), "store");
  EXPECT_EQ(Store::Open("sqlite:").status().field(), "store");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace carecoop::store
