// market/: hand-worked cases for each rule (uplifts, call-off order, block
// voids, fair price, funding splits, contributions, payment weeks and
// overpayment recovery, the recruitment funnel, in-house unit costs), and
// properties checked on many random cases where a rule is arithmetic.
#include <gtest/gtest.h>

#include <numeric>
#include <random>

#include "market/admission.h"
#include "market/budget.h"
#include "market/contract_terms.h"
#include "market/fair_price.h"
#include "market/in_house.h"
#include "market/invoices.h"
#include "market/payments_run.h"
#include "market/pricing.h"
#include "market/recruitment.h"

namespace carecoop::market {
namespace {

// --- Uplifts -------------------------------------------------------------

TEST(UpliftTest, EachAnniversaryAddsTheIndexCappedAndRoundedToThePenny) {
  const Date start(2022, 4, 1);
  const Pence fee = Pence::FromPounds(1000);
  // Before the first anniversary: the fee as set.
  EXPECT_EQ(*UpliftedFee(fee, start, Date(2023, 3, 31), 500), fee);
  // 2023: CPI 6.7%, capped at 5%: £1,050.00.
  EXPECT_EQ(*UpliftedFee(fee, start, Date(2023, 4, 1), 500), Pence(105'000));
  // 2024: 1.7% under the cap: £1,050 x 1.017 = £1,067.85.
  EXPECT_EQ(*UpliftedFee(fee, start, Date(2024, 4, 1), 500), Pence(106'785));
  // 2025: 3.8%: £1,067.85 x 1.038 = £1,108.4283, to the penny £1,108.43.
  EXPECT_EQ(*UpliftedFee(fee, start, Date(2025, 6, 1), 500), Pence(110'843));
  // No cap, no uplift.
  EXPECT_EQ(*UpliftedFee(fee, start, Date(2025, 6, 1), 0), fee);
}

TEST(UpliftTest, AFallInTheIndexLeavesTheFeeWhereItIs) {
  // September 2015's CPI was -0.1%.
  EXPECT_EQ(*UpliftedFee(Pence(80'000), Date(2014, 6, 1), Date(2015, 6, 1), 300), Pence(80'000));
}

TEST(UpliftTest, AMissingYearAndANegativeCapAreRefusedByName) {
  const IndexYear only[] = {{2020, 100}};
  auto r = UpliftedFee(Pence(100), Date(2020, 1, 1), Date(2021, 1, 1), 300, only);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "index");
  EXPECT_EQ(UpliftedFee(Pence(100), Date(2020, 1, 1), Date(2020, 1, 1), -1).status().field(),
            "capBp");
}

// --- Call-off order ------------------------------------------------------

Contract Route(std::int64_t id, ContractType type) {
  Contract c;
  c.id = ContractId(id);
  c.provider = ProviderId(3);
  c.rcc = RccId(1);
  c.type = type;
  c.reference = "R" + std::to_string(id);
  c.start = Date(2024, 1, 1);
  c.fees = {{NeedBand::kStandard, Pence(100'000 * id)}};
  return c;
}

TEST(CallOffTest, TheRccsOrderDecidesAndARouteLeftOutIsNeverUsed) {
  std::vector<Contract> cs = {Route(1, ContractType::kBlock), Route(2, ContractType::kFramework),
                              Route(3, ContractType::kDps)};
  const Date d(2025, 1, 1);
  // Default order: the block first.
  EXPECT_EQ(ChooseContract(cs, ProviderId(3), NeedBand::kStandard, d)->id, ContractId(1));
  // An RCC that calls off its DPS before its framework and buys no blocks.
  const ContractType order[] = {ContractType::kDps, ContractType::kFramework};
  EXPECT_EQ(ChooseContract(cs, ProviderId(3), NeedBand::kStandard, d, order)->id, ContractId(3));
  cs.erase(cs.begin() + 2);
  EXPECT_EQ(ChooseContract(cs, ProviderId(3), NeedBand::kStandard, d, order)->id, ContractId(2));
  cs.erase(cs.begin() + 1);
  EXPECT_FALSE(ChooseContract(cs, ProviderId(3), NeedBand::kStandard, d, order).has_value())
      << "the block is left out of the order";
}

// Regression: a block prices only a place in a home it names; a place in
// the provider's other homes falls to the next route (here the framework).
TEST(CallOffTest, ABlockPricesOnlyAPlaceInAHomeItNames) {
  Contract block = Route(1, ContractType::kBlock);
  block.block_places = 2;
  block.block_homes = {HomeId(10), HomeId(11)};
  std::vector<Contract> cs = {block, Route(2, ContractType::kFramework)};
  const Date d(2025, 1, 1);
  auto in = [](std::int64_t home) {
    return PlaceSought(NeedBand::kStandard, std::nullopt, std::nullopt, HomeId(home));
  };
  EXPECT_TRUE(Applies(block, ProviderId(3), in(11), d));
  EXPECT_FALSE(Applies(block, ProviderId(3), in(12), d));
  EXPECT_EQ(ChooseContract(cs, ProviderId(3), in(10), d)->id, ContractId(1));
  EXPECT_EQ(ChooseContract(cs, ProviderId(3), in(12), d)->id, ContractId(2));
  // A place sought without its home (a quote by band alone) is the block's.
  EXPECT_EQ(ChooseContract(cs, ProviderId(3), NeedBand::kStandard, d)->id, ContractId(1));
}

TEST(CallOffTest, OnlyAContractInForcePrices) {
  for (ContractStatus s : {ContractStatus::kDraft, ContractStatus::kOpen, ContractStatus::kAwarded,
                           ContractStatus::kExpired, ContractStatus::kTerminated}) {
    Contract c = Route(2, ContractType::kFramework);
    c.status = s;
    EXPECT_FALSE(Applies(c, ProviderId(3), NeedBand::kStandard, Date(2025, 1, 1))) << EnumCode(s);
  }
}

TEST(CallOffTest, ADpsCallOffPaysTheWinningOffersFeeAndAFrameworkItsOwn) {
  const OfferedFees offered{Pence(450'000), Pence(10'000), Pence(0), Pence(500)};
  std::vector<Contract> dps = {Route(2, ContractType::kDps)};
  EXPECT_EQ(
      PricePlacement(dps, ProviderId(3), NeedBand::kStandard, Date(2025, 1, 1), offered)->weekly,
      Pence(460'500));
  std::vector<Contract> framework = {Route(2, ContractType::kFramework)};
  EXPECT_EQ(PricePlacement(framework, ProviderId(3), NeedBand::kStandard, Date(2025, 1, 1), offered)
                ->weekly,
            Pence(200'000 + 10'500));
}

// --- Framework lots and admissions ----------------------------------------

// A framework with three lots: standard children's homes for 11-17,
// complex children's homes for 11-17, and parent and child fostering (as
// an enhanced fostering lot for adults with a baby, 16 to 25).
Framework ThreeLots(ContractType route = ContractType::kFramework) {
  Framework f;
  f.id = FrameworkId(7);
  f.rcc = RccId(1);
  f.route = route;
  f.reference = "NW-FW-2025";
  f.title = "North West residential and fostering framework";
  f.start = Date(2025, 4, 1);
  f.end = Date(2029, 3, 31);
  f.lots = {{"CH-STD", "Children's homes, standard, 11-17", Setting::kChildrensHome,
             NeedBand::kStandard, 11, 17},
            {"CH-CPX", "Children's homes, complex, 11-17", Setting::kChildrensHome,
             NeedBand::kComplex, 11, 17},
            {"PC-FOST", "Parent and child fostering", Setting::kFosteringHousehold,
             NeedBand::kEnhanced, 16, 25}};
  if (route == ContractType::kFramework) f.reopenings = {Date(2026, 4, 1), Date(2027, 4, 1)};
  f.uplift_cap_bp = 400;
  return f;
}

Home HomeOf(std::int64_t provider, Setting setting, OfstedRating rating, std::string urn = "SC1") {
  Home h;
  h.provider = ProviderId(provider);
  h.setting = setting;
  h.ofsted_rating = rating;
  h.ofsted_urn = std::move(urn);
  return h;
}

TEST(AdmissionTest, AFrameworkAdmitsOnlyOnItsStartAndReopeningDatesADpsAnyDay) {
  const Framework fw = ThreeLots();
  const std::vector<Home> homes = {HomeOf(3, Setting::kChildrensHome, OfstedRating::kGood)};
  const LotFee lots[] = {{"CH-STD", Pence(480'000)}};
  EXPECT_TRUE(CheckAdmission(fw, ProviderId(3), Date(2025, 4, 1), lots, {}, homes).ok());
  EXPECT_TRUE(CheckAdmission(fw, ProviderId(3), Date(2026, 4, 1), lots, {}, homes).ok());
  Status between = CheckAdmission(fw, ProviderId(3), Date(2025, 9, 1), lots, {}, homes);
  EXPECT_EQ(between.field(), "admittedOn");
  EXPECT_NE(between.message().find("2026-04-01"), std::string::npos) << between.message();
  EXPECT_EQ(*NextAdmissionDay(fw, Date(2025, 9, 1)), Date(2026, 4, 1));
  EXPECT_FALSE(NextAdmissionDay(fw, Date(2027, 4, 2)).has_value()) << "it does not reopen again";
  EXPECT_EQ(CheckAdmission(fw, ProviderId(3), Date(2029, 4, 1), lots, {}, homes).field(),
            "admittedOn");
  Framework dps = ThreeLots(ContractType::kDps);
  EXPECT_TRUE(CheckAdmission(dps, ProviderId(3), Date(2025, 9, 1), lots, {}, homes).ok());
  EXPECT_EQ(*NextAdmissionDay(dps, Date(2025, 9, 1)), Date(2025, 9, 1));
  dps.status = ContractStatus::kExpired;
  EXPECT_EQ(CheckAdmission(dps, ProviderId(3), Date(2025, 9, 1), lots, {}, homes).field(),
            "frameworkId");
}

TEST(AdmissionTest, ThePublishedCriteriaAreMetLotByLot) {
  Framework dps = ThreeLots(ContractType::kDps);
  dps.criteria = {OfstedRating::kGood, false, 1};
  const LotFee both[] = {{"CH-STD", Pence(480'000)}, {"PC-FOST", Pence(150'000)}};
  const Date day(2025, 6, 1);
  // A good children's home, but no fostering household: the second lot fails, by name.
  std::vector<Home> homes = {HomeOf(3, Setting::kChildrensHome, OfstedRating::kGood)};
  Status s = CheckAdmission(dps, ProviderId(3), day, both, {}, homes);
  EXPECT_EQ(s.field(), "lots[1].lot") << s.message();
  // A fostering household rated requires improvement does not count; one not
  // yet inspected does not either, here; another provider's never does.
  homes.push_back(HomeOf(3, Setting::kFosteringHousehold, OfstedRating::kRequiresImprovement));
  homes.push_back(HomeOf(3, Setting::kFosteringHousehold, OfstedRating::kNotYetInspected));
  homes.push_back(HomeOf(4, Setting::kFosteringHousehold, OfstedRating::kOutstanding));
  EXPECT_EQ(CheckAdmission(dps, ProviderId(3), day, both, {}, homes).field(), "lots[1].lot");
  dps.criteria.admit_not_yet_inspected = true;
  EXPECT_TRUE(CheckAdmission(dps, ProviderId(3), day, both, {}, homes).ok());
  // A home without an Ofsted URN is not registered: it never counts.
  std::vector<Home> unregistered = {HomeOf(3, Setting::kChildrensHome, OfstedRating::kGood, "")};
  const LotFee one[] = {{"CH-STD", Pence(480'000)}};
  EXPECT_EQ(CheckAdmission(dps, ProviderId(3), day, one, {}, unregistered).field(), "lots[0].lot");
  // The rating order: outstanding meets "good or better", requires improvement does not.
  EXPECT_TRUE(MeetsCriteria(dps.criteria, Setting::kChildrensHome,
                            HomeOf(3, Setting::kChildrensHome, OfstedRating::kOutstanding)));
  EXPECT_FALSE(MeetsCriteria(dps.criteria, Setting::kChildrensHome,
                             HomeOf(3, Setting::kChildrensHome, OfstedRating::kInadequate)));
}

TEST(AdmissionTest, LotsFeesAndASecondAdmissionAreRefusedByName) {
  const Framework fw = ThreeLots();
  const std::vector<Home> homes = {HomeOf(3, Setting::kChildrensHome, OfstedRating::kGood)};
  const Date day(2025, 4, 1);
  const LotFee unknown[] = {{"SECURE", Pence(1)}};
  EXPECT_EQ(CheckAdmission(fw, ProviderId(3), day, unknown, {}, homes).field(), "lots[0].lot");
  const LotFee twice[] = {{"CH-STD", Pence(1)}, {"CH-STD", Pence(2)}};
  EXPECT_EQ(CheckAdmission(fw, ProviderId(3), day, twice, {}, homes).field(), "lots[1].lot");
  const LotFee free[] = {{"CH-STD", Pence(0)}};
  EXPECT_EQ(CheckAdmission(fw, ProviderId(3), day, free, {}, homes).field(), "lots[0].weeklyFee");
  EXPECT_EQ(CheckAdmission(fw, ProviderId(3), day, {}, {}, homes).field(), "lots");
  const LotFee ok[] = {{"CH-STD", Pence(480'000)}};
  const Contract admitted[] = {AdmissionContract(fw, ProviderId(3), day, ok)};
  EXPECT_EQ(CheckAdmission(fw, ProviderId(3), Date(2026, 4, 1), ok, admitted, homes).field(),
            "providerId");
  // Another provider is not refused for the first one's admission.
  const std::vector<Home> theirs = {HomeOf(4, Setting::kChildrensHome, OfstedRating::kGood)};
  EXPECT_TRUE(CheckAdmission(fw, ProviderId(4), Date(2026, 4, 1), ok, admitted, theirs).ok());
}

TEST(AdmissionTest, AnAdmissionPricesEachPlaceAtItsLotsFee) {
  const Framework fw = ThreeLots();
  const LotFee lots[] = {{"CH-STD", Pence(480'000)}, {"CH-CPX", Pence(650'000)}};
  Contract c = AdmissionContract(fw, ProviderId(3), Date(2025, 4, 1), lots);
  c.id = ContractId(1);
  ASSERT_TRUE(Validate(c).ok()) << Validate(c).message();
  EXPECT_EQ(c.type, ContractType::kFramework);
  EXPECT_EQ(c.framework, fw.id);
  EXPECT_EQ(c.end, fw.end);
  EXPECT_EQ(c.uplift_cap_bp, 400);
  const std::vector<Contract> cs = {c};
  const OfferedFees offered{Pence(700'000), Pence(20'000), Pence(0), Pence(0)};
  const Date day(2025, 5, 1);
  // A 14-year-old with complex needs in a children's home: the complex lot's
  // £6,500 replaces the offer's core fee; the extra staffing is added.
  auto price =
      PricePlacement(cs, ProviderId(3),
                     PlaceSought(NeedBand::kComplex, Setting::kChildrensHome, 14), day, offered);
  ASSERT_TRUE(price->contract.has_value());
  EXPECT_EQ(price->weekly, Pence(650'000 + 20'000));
  // The standard lot for a standard band.
  EXPECT_EQ(
      PricePlacement(cs, ProviderId(3),
                     PlaceSought(NeedBand::kStandard, Setting::kChildrensHome, 11), day, offered)
          ->weekly,
      Pence(480'000 + 20'000));
  // No lot covers a 9-year-old or a fostering household: no contract, the offer's own fee.
  for (const PlaceSought& outside :
       {PlaceSought(NeedBand::kComplex, Setting::kChildrensHome, 9),
        PlaceSought(NeedBand::kStandard, Setting::kFosteringHousehold, 14)}) {
    auto p = PricePlacement(cs, ProviderId(3), outside, day, offered);
    EXPECT_FALSE(p->contract.has_value());
    EXPECT_EQ(p->weekly, Pence(720'000));
  }
}

TEST(AdmissionTest, AFrameworkThatDoesNotAddUpIsRefusedByName) {
  Framework f = ThreeLots();
  ASSERT_TRUE(Validate(f).ok()) << Validate(f).message();
  auto field = [](Framework x) { return Validate(x).field(); };
  Framework g = f;
  g.end = Date(2030, 4, 1);
  EXPECT_EQ(field(g), "endDate") << "a framework runs for at most 4 years";
  g = f;
  g.lots[1].code = "CH-STD";
  EXPECT_EQ(field(g), "lots[1].code");
  g = f;
  g.lots[1].band = NeedBand::kStandard;
  g.lots[1].min_age = 16;
  EXPECT_EQ(field(g), "lots[1]") << "two lots buying the same places";
  g = f;
  g.reopenings = {Date(2027, 4, 1), Date(2026, 4, 1)};
  EXPECT_EQ(field(g), "reopenings[1]");
  g = f;
  g.reopenings = {Date(2031, 1, 1)};
  EXPECT_EQ(field(g), "reopenings[0]");
  g = f;
  g.route = ContractType::kDps;
  EXPECT_EQ(field(g), "reopenings");
  g = f;
  g.route = ContractType::kBlock;
  EXPECT_EQ(field(g), "route");
  g = f;
  g.lots.clear();
  EXPECT_EQ(field(g), "lots");
  // A contract's lines may not price the same place twice either.
  Contract c = Route(1, ContractType::kFramework);
  c.fees.push_back({.band = NeedBand::kStandard, .weekly_fee = Pence(1), .min_age = 11});
  EXPECT_EQ(Validate(c).field(), "fees[1].band");
  c.fees.back().setting = Setting::kChildrensHome;
  c.fees.front().setting = Setting::kFosteringHousehold;
  EXPECT_TRUE(Validate(c).ok()) << "different settings' lines do not overlap";
}

// --- Invoicing joint funders ----------------------------------------------

Payment PaidWeek(std::int64_t id, std::int64_t placement, std::int64_t council, Pence amount,
                 Pence recovered = Pence(0)) {
  Payment p;
  p.id = PaymentId(id);
  p.placement = PlacementId(placement);
  p.council = CouncilId(council);
  p.week_start = Date(2025, 4, 7).AddDays(7 * static_cast<int>(id));
  p.amount = amount;
  p.recovered = recovered;
  p.status = PaymentStatus::kPaid;
  return p;
}

TEST(InvoiceTest, EachPayersShareIsBilledToItsCouncilsPayerToThePenny) {
  const std::map<PlacementId, FundingShares> shares = {
      {PlacementId(1), {5'000, 3'000, 2'000}},  // health 30%, education 20%
      {PlacementId(3), {0, 10'000, 0}},         // continuing care: health pays all
  };
  std::vector<Payment> pay = {
      PaidWeek(1, 1, 1, Pence(426'100)),
      PaidWeek(2, 1, 1, Pence(426'100), Pence(100'000)),  // a backdated end recovered £1,000
      PaidWeek(3, 2, 1, Pence(400'000)),                  // no joint funding
      PaidWeek(4, 3, 2, Pence(700'001)),
  };
  Payment scheduled = PaidWeek(5, 1, 1, Pence(426'100));
  scheduled.status = PaymentStatus::kScheduled;
  pay.push_back(scheduled);
  auto invoices = InvoicesFor(pay, shares);
  ASSERT_TRUE(invoices.ok());
  ASSERT_EQ(invoices->size(), 3u);
  // Council 1's health: 30% of £4,261.00 = £1,278.30, and of £3,261.00 = £978.30.
  const Invoice& health = (*invoices)[0];
  EXPECT_EQ(health.council, CouncilId(1));
  EXPECT_EQ(health.payer, Payer::kHealth);
  ASSERT_EQ(health.lines.size(), 2u);
  EXPECT_EQ(health.lines[0].amount, Pence(127'830));
  EXPECT_EQ(health.lines[1].amount, Pence(97'830));
  EXPECT_EQ(health.total, Pence(127'830 + 97'830));
  // Council 1's education: 20%: £852.20 and £652.20.
  const Invoice& education = (*invoices)[1];
  EXPECT_EQ(education.payer, Payer::kEducation);
  EXPECT_EQ(education.total, Pence(85'220 + 65'220));
  // Council 2's ICB pays all of its placement, to the penny.
  EXPECT_EQ((*invoices)[2].council, CouncilId(2));
  EXPECT_EQ((*invoices)[2].total, Pence(700'001));
}

TEST(InvoiceTest, SharesAndSocialCareAddUpToWhatWasPaidOnRandomCases) {
  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 500; ++trial) {
    std::map<PlacementId, FundingShares> shares;
    std::vector<Payment> pay;
    std::int64_t paid_jointly = 0, social_care = 0;
    for (int p = 1; p <= 5; ++p) {
      const int health = static_cast<int>(rng() % 10'001);
      const int education = static_cast<int>(rng() % static_cast<std::uint64_t>(10'001 - health));
      shares[PlacementId(p)] = {10'000 - health - education, health, education};
    }
    for (int i = 1; i <= 20; ++i) {
      const std::int64_t amount = static_cast<std::int64_t>(rng() % 1'000'000);
      const std::int64_t recovered = static_cast<std::int64_t>(rng() % (amount + 1));
      const auto placement = static_cast<std::int64_t>(1 + rng() % 5);
      pay.push_back(PaidWeek(i, placement, 1 + placement % 2, Pence(amount), Pence(recovered)));
      auto split = SplitFunding(Pence(amount - recovered), shares[PlacementId(placement)]);
      ASSERT_TRUE(split.ok());
      social_care += split->social_care.value();
      if (split->health.value() || split->education.value()) paid_jointly += amount - recovered;
    }
    auto invoices = InvoicesFor(pay, shares);
    ASSERT_TRUE(invoices.ok());
    std::int64_t billed = 0, net = 0;
    for (const Invoice& inv : *invoices) {
      std::int64_t lines = 0;
      for (const InvoiceLine& l : inv.lines) lines += l.amount.value();
      EXPECT_EQ(lines, inv.total.value());
      billed += inv.total.value();
    }
    for (const Payment& p : pay) net += p.amount.value() - p.recovered.value();
    EXPECT_EQ(billed + social_care, net) << "every penny paid is social care's or billed";
    EXPECT_LE(billed, paid_jointly);
  }
}

TEST(ContractTest, TheLifecycleMovesForwardOrEndsInTermination) {
  using S = ContractStatus;
  EXPECT_TRUE(CanMove(S::kDraft, S::kOpen));
  EXPECT_TRUE(CanMove(S::kAwarded, S::kInForce));
  EXPECT_TRUE(CanMove(S::kInForce, S::kExpired));
  EXPECT_TRUE(CanMove(S::kInForce, S::kTerminated));
  EXPECT_FALSE(CanMove(S::kDraft, S::kInForce));
  EXPECT_FALSE(CanMove(S::kExpired, S::kInForce));
  EXPECT_FALSE(CanMove(S::kDraft, S::kTerminated));
  EXPECT_FALSE(CanMove(S::kTerminated, S::kExpired));
}

TEST(ContractTest, ABlockMustEndWithinTenYearsAndNameItsHomes) {
  Contract c = Route(1, ContractType::kBlock);
  c.block_places = 2;
  c.block_homes = {HomeId(5)};
  c.end = AddYears(c.start, 10);
  EXPECT_TRUE(Validate(c).ok());
  c.end = c.end->AddDays(1);
  EXPECT_EQ(Validate(c).field(), "endDate");
  c.end = AddYears(c.start, 3);
  c.block_homes.clear();
  EXPECT_EQ(Validate(c).field(), "blockHomes");
  c.block_homes = {HomeId(5), HomeId(5)};
  EXPECT_EQ(Validate(c).field(), "blockHomes");
  Contract f = Route(1, ContractType::kFramework);
  f.fees[0].weekly_fee = Pence(-1);
  EXPECT_EQ(Validate(f).field(), "fees[0].weeklyFee");
}

// --- Block voids ---------------------------------------------------------

TEST(BlockWeekTest, EmptyReservedPlacesArePaidForAsVoids) {
  auto w = MeasureBlockWeek(4, 1, Pence::FromPounds(4000));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->used, 1);
  EXPECT_EQ(w->voids, 3);
  EXPECT_EQ(w->void_cost, Pence::FromPounds(12'000));
  EXPECT_DOUBLE_EQ(w->utilisation, 0.25);
  // More placements than places: the block is full, no voids.
  w = MeasureBlockWeek(4, 6, Pence::FromPounds(4000));
  EXPECT_EQ(w->used, 4);
  EXPECT_EQ(w->voids, 0);
  EXPECT_EQ(w->void_cost, Pence(0));
  EXPECT_EQ(MeasureBlockWeek(0, 0, Pence(1)).status().field(), "blockPlaces");
}

// --- Fair price ----------------------------------------------------------

TEST(FairPriceTest, AFourBedHomeAtStandardRatioWorkedByHand) {
  FairPriceInput in{.setting = Setting::kChildrensHome, .registered_places = 4, .occupancy = 1.0};
  auto p = EstimateFairPrice(in);
  ASSERT_TRUE(p.ok());
  // Two adults on shift around the clock: 336 care hours at £14.50 x 1.32
  // = £19.14, and 75 management hours at £26 x 1.32 = £34.32, for 4 children:
  // (336 x 1914 + 75 x 3432) / 4 = 225,126p.
  EXPECT_EQ(p->lines[0].item, "staff");
  EXPECT_EQ(p->lines[0].weekly, Pence(225'126));
  // Property £60,000 / 52 / 4 = 28,846p; running 15,000p.
  EXPECT_EQ(p->lines[1].weekly, Pence(28'846));
  EXPECT_EQ(p->lines[2].weekly, Pence(15'000));
  // Direct 268,972p; overhead 12% = 32,276.64 -> 32,277p; margin 8% of the
  // price = 301,248.64 x 0.08 / 0.92 = 26,195.53 -> 26,196p.
  EXPECT_EQ(p->lines[3].weekly, Pence(32'277));
  EXPECT_EQ(p->lines[4].weekly, Pence(26'196));
  EXPECT_EQ(p->weekly, Pence(327'445));
}

TEST(FairPriceTest, AOneToOneChildAddsAnAdultsWeekAndLowOccupancyRaisesThePrice) {
  FairPriceInput in{.setting = Setting::kChildrensHome, .registered_places = 4, .occupancy = 1.0};
  auto standard = EstimateFairPrice(in);
  in.ratio = SupportRatio::kOneToOne;
  auto one_to_one = EstimateFairPrice(in);
  ASSERT_TRUE(one_to_one.ok());
  // Half an adult more around the clock: 84 hours x £19.14 = 160,776p, before overhead and margin.
  EXPECT_EQ(one_to_one->lines[1].item, "extra staffing");
  EXPECT_EQ(one_to_one->lines[1].weekly, Pence(160'776));
  EXPECT_GT(one_to_one->weekly, standard->weekly);
  in.ratio = SupportRatio::kStandard;
  in.occupancy = 0.5;
  EXPECT_GT(EstimateFairPrice(in)->weekly, standard->weekly);
}

TEST(FairPriceTest, AFosterPlaceIsTheAllowanceFeeAndTheServicesShare) {
  FairPriceInput in{.setting = Setting::kFosteringHousehold,
                    .registered_places = 2,
                    .band = NeedBand::kEnhanced,
                    .age = 12,
                    .occupancy = 0.5};
  auto p = EstimateFairPrice(in);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->lines[0].weekly, Pence(24'000));  // allowance, 11 to 15
  EXPECT_EQ(p->lines[1].weekly, Pence(20'250));  // fee £150 x 1.35 (one band up)
  // Supervision £60,000 / 52 / 15 = 7,692.3p a household, one child: 7,692p;
  // recruitment 4,000p.
  EXPECT_EQ(p->lines[2].weekly, Pence(7'692));
  EXPECT_EQ(p->lines[3].weekly, Pence(4'000));
}

TEST(FairPriceTest, OutOfRangeInputIsRefusedByName) {
  EXPECT_EQ(EstimateFairPrice({.registered_places = 0}).status().field(), "registeredPlaces");
  EXPECT_EQ(EstimateFairPrice({.occupancy = 1.5}).status().field(), "occupancy");
  EXPECT_EQ(EstimateFairPrice({.age = 30}).status().field(), "age");
}

TEST(FairPriceTest, TheComparisonGivesPoundsPercentAndTheFlag) {
  auto c = CompareWithFairPrice(Pence(440'000), Pence(400'000), 10);
  EXPECT_EQ(c.difference, Pence(40'000));
  EXPECT_DOUBLE_EQ(c.percent, 10);
  EXPECT_FALSE(c.above_threshold) << "at the threshold, not above it";
  c = CompareWithFairPrice(Pence(440'001), Pence(400'000), 10);
  EXPECT_TRUE(c.above_threshold);
}

// --- Funding splits and contributions -------------------------------------

TEST(FundingSplitTest, ThePartsAddUpToThePennyWithTheOddPennyToTheLargestRemainder) {
  auto s = SplitFunding(Pence(100'001),
                        {.social_care_bp = 6000, .health_bp = 3000, .education_bp = 1000});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->social_care, Pence(60'001));
  EXPECT_EQ(s->health, Pence(30'000));
  EXPECT_EQ(s->education, Pence(10'000));
  auto bad = SplitFunding(Pence(1), {.social_care_bp = 6000, .health_bp = 3000});
  EXPECT_EQ(bad.status().field(), "fundingShares");
  EXPECT_EQ(SplitFunding(Pence(1), {.social_care_bp = 11000, .health_bp = -1000}).status().field(),
            "socialCareShareBp");
}

TEST(ContributionsTest, ChildrenInCareDivideTheTotalExactly) {
  const std::int64_t children[] = {1, 1, 1};
  auto c = Contributions(Pence(10'000), ContributionRule::kChildrenInCare, children);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)[0], Pence(3'334));
  EXPECT_EQ((*c)[1], Pence(3'333));
  EXPECT_EQ((*c)[2], Pence(3'333));
  const std::int64_t split[] = {5000, 4000};
  EXPECT_EQ(Contributions(Pence(1), ContributionRule::kFixedSplit, split).status().field(),
            "shares");
  const std::int64_t zero[] = {0, 0};
  EXPECT_EQ(Contributions(Pence(1), ContributionRule::kPastSpend, zero).status().field(),
            "pastSpend");
}

// Property: on random totals and weights the lines sum to the total, and
// each is within a penny of its exact share (what largest remainder means).
TEST(ContributionsTest, LinesAlwaysSumToTheTotalAndStayWithinAPennyOfTheExactShare) {
  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::size_t n = 1 + rng() % 12;
    std::vector<std::int64_t> w(n);
    for (auto& x : w) x = static_cast<std::int64_t>(rng() % 5'000'000'000ULL);
    w[0] += 1;
    const Pence total(static_cast<std::int64_t>(rng() % 50'000'000'000ULL));
    auto lines = Apportion(total, w);
    ASSERT_TRUE(lines.ok());
    std::int64_t sum = 0;
    const long double wsum = std::accumulate(w.begin(), w.end(), 0.0L);
    for (std::size_t i = 0; i < n; ++i) {
      sum += (*lines)[i].value();
      const long double exact = static_cast<long double>(total.value()) * w[i] / wsum;
      EXPECT_LT(std::fabs(static_cast<long double>((*lines)[i].value()) - exact), 1.0L + 1e-6L);
    }
    EXPECT_EQ(sum, total.value());
  }
}

// --- Payment weeks and recovery ------------------------------------------

TEST(PaymentsRunTest, ARunPaysTheOnePaymentWeekThatStartsInItsSevenDays) {
  const Date start(2025, 4, 2);  // a Wednesday
  EXPECT_EQ(PaymentWeekIn(start, Date(2025, 4, 7)), Date(2025, 4, 9));
  EXPECT_EQ(PaymentWeekIn(start, Date(2025, 3, 27)), start);
  EXPECT_EQ(PaymentWeekIn(start, Date(2025, 3, 26)), std::nullopt);
  // Property: the week found starts in the window and on a week boundary.
  std::mt19937 rng(5);
  for (int i = 0; i < 5000; ++i) {
    Date s = Date(2020, 1, 1).AddDays(rng() % 2000);
    Date from = Date(2020, 1, 1).AddDays(rng() % 2000);
    auto w = PaymentWeekIn(s, from);
    if (!w) {
      EXPECT_GE(s, from.AddDays(7));
      continue;
    }
    EXPECT_LE(from, *w);
    EXPECT_LT(*w, from.AddDays(7));
    EXPECT_LE(s, *w);
    EXPECT_EQ((w->days_since_epoch() - s.days_since_epoch()) % 7, 0);
  }
}

TEST(PaymentsRunTest, TheWeekAnEndFallsInIsPaidForItsDaysLineByLine) {
  const CarePackage weekly{Pence(70'000), Pence(7'000), Pence(0), Pence(700)};
  const Date week(2025, 4, 2);
  EXPECT_EQ(DueForWeek(weekly, week, std::nullopt), weekly);
  EXPECT_EQ(DueForWeek(weekly, week, week.AddDays(2)),
            (CarePackage{Pence(20'000), Pence(2'000), Pence(0), Pence(200)}));
  EXPECT_EQ(DueForWeek(weekly, week, week), (CarePackage{}));
}

TEST(PaymentsRunTest, ABackdatedEndRecoversWhatWasPaidBeyondIt) {
  const CarePackage paid{Pence(70'000), Pence(7'000), Pence(0), Pence(0)};
  const Date week(2025, 4, 2);
  // Ended two days into the week: 5/7 of each line back, 50,000 + 5,000.
  EXPECT_EQ(Recovery(paid, week, week.AddDays(2)), Pence(55'000));
  // Ended before the week began: all of it.
  EXPECT_EQ(Recovery(paid, week, week.AddDays(-3)), Pence(77'000));
  // Ended after the week: nothing.
  EXPECT_EQ(Recovery(paid, week, week.AddDays(7)), Pence(0));
}

// --- Recruitment ---------------------------------------------------------

TEST(FunnelTest, ConversionsAndMedianDaysWorkedByHand) {
  const Date y(2025, 1, 1);
  std::vector<CarerJourney> j = {
      {y, y.AddDays(30), y.AddDays(60), y.AddDays(200), std::nullopt},
      {y.AddDays(10), y.AddDays(50), y.AddDays(100), std::nullopt, std::nullopt},
      {y.AddDays(20), y.AddDays(40), std::nullopt, std::nullopt, std::nullopt},
      {y.AddDays(40), std::nullopt, std::nullopt, std::nullopt, std::nullopt},
      // An older cohort's carer who resigned in the period.
      {Date(2023, 1, 1), Date(2023, 2, 1), Date(2023, 3, 1), Date(2023, 9, 1), y.AddDays(90)},
  };
  for (const auto& x : j) ASSERT_TRUE(Validate(x).ok());
  auto f = MeasureFunnel(j, y, Date(2026, 1, 1));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->stages[0].reached, 4);
  EXPECT_EQ(f->stages[1].reached, 3);
  EXPECT_EQ(f->stages[2].reached, 2);
  EXPECT_EQ(f->stages[3].reached, 1);
  EXPECT_DOUBLE_EQ(f->stages[1].conversion, 0.75);
  EXPECT_DOUBLE_EQ(f->stages[3].conversion, 0.5);
  EXPECT_DOUBLE_EQ(*f->stages[0].median_days_to_next, 30);  // 30, 40, 20
  EXPECT_DOUBLE_EQ(*f->stages[1].median_days_to_next, 40);  // 30, 50
  EXPECT_DOUBLE_EQ(*f->stages[2].median_days_to_next, 140);
  EXPECT_FALSE(f->stages[3].median_days_to_next.has_value());
  EXPECT_EQ(f->resignations, 1);
  CarerJourney bad{y, std::nullopt, y.AddDays(3), std::nullopt, std::nullopt};
  EXPECT_EQ(Validate(bad).field(), "assessment");
}

// --- In-house unit cost --------------------------------------------------

TEST(UnitCostTest, DeclaredCostsOverFilledPlacesWithAFloorOnOccupancy) {
  const RunningCosts costs{Pence::FromPounds(300'000), Pence::FromPounds(100'000),
                           Pence::FromPounds(70'000), Pence::FromPounds(50'000)};
  // £520,000 a year / 52 = £10,000 a week; 4 places, 2 filled: £5,000 a place.
  EXPECT_EQ(*UnitCost(costs, 4, 2), Pence::FromPounds(5'000));
  EXPECT_EQ(*UnitCost(costs, 4, 4), Pence::FromPounds(2'500));
  EXPECT_EQ(*UnitCost(costs, 4, 0), Pence::FromPounds(5'000)) << "empty: the 50% floor";
  EXPECT_EQ(UnitCost(costs, 0, 0).status().field(), "registeredPlaces");
  RunningCosts negative = costs;
  negative.property = Pence(-1);
  EXPECT_EQ(UnitCost(negative, 4, 2).status().field(), "runningCosts.property");
}

}  // namespace
}  // namespace carecoop::market
