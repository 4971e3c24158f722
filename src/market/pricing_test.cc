// The pricing rules, proved on every case rather than sampled: each contract
// route alone and in every combination, every need band, start dates on
// and either side of each contract's start and end, a framework missing a
// band, and the pro-rata rounding on every amount and day count.
#include "market/pricing.h"

#include <gtest/gtest.h>

#include <array>
#include <random>

namespace carecoop::market {
namespace {

constexpr std::array kRoutes = {ContractType::kBlock, ContractType::kFramework, ContractType::kDps,
                                ContractType::kSpot};
constexpr std::array kBands = {NeedBand::kStandard, NeedBand::kEnhanced, NeedBand::kComplex,
                               NeedBand::kSpecialist};
const ProviderId kProvider(7);
const OfferedFees kOffered{Pence(410000), Pence(20000), Pence(5000), Pence(1000)};

Contract Make(std::int64_t id, ContractType type, Date start, std::optional<Date> end,
              std::vector<FeeBand> fees) {
  Contract c;
  c.id = ContractId(id);
  c.provider = kProvider;
  c.rcc = RccId(1);
  c.type = type;
  c.reference = "C-" + std::to_string(id);
  c.start = start;
  c.end = end;
  c.fees = std::move(fees);
  return c;
}

// A fee that says which contract and band it came from.
Pence FeeOf(std::int64_t id, NeedBand band) {
  return Pence(100000 * id + 1000 * static_cast<int>(band));
}

// The reference: routes in their stated order, the oldest contract first
// within one; written as a search rather than as a minimum.
std::optional<Contract> Reference(const std::vector<Contract>& cs, NeedBand band, Date start) {
  for (ContractType route : kRoutes) {
    const Contract* oldest = nullptr;
    for (const Contract& c : cs) {
      if (c.type != route || c.provider != kProvider) continue;
      if (start < c.start || (c.end && start > *c.end)) continue;
      if (route != ContractType::kSpot) {
        bool priced = false;
        for (const FeeBand& f : c.fees) priced |= f.band == band;
        if (!priced) continue;
      }
      if (!oldest || c.id < oldest->id) oldest = &c;
    }
    if (oldest) return *oldest;
  }
  return std::nullopt;
}

// Rule 1 within a route: the RCC's call-off of a national framework prices
// before its own older framework where both cover the place; where only the
// RCC's covers it, the RCC's; a block (places already paid for) still comes
// before any framework.
TEST(PricingTest, WithinARouteANationalContractPricesFirst) {
  const Date start(2025, 4, 1), end(2026, 3, 31);
  Contract regional = Make(3, ContractType::kFramework, start, end,
                           {{NeedBand::kStandard, FeeOf(3, NeedBand::kStandard)},
                            {NeedBand::kSpecialist, FeeOf(3, NeedBand::kSpecialist)}});
  Contract national = Make(9, ContractType::kFramework, start, end,
                           {{NeedBand::kSpecialist, FeeOf(9, NeedBand::kSpecialist)}});
  national.national = true;
  const std::vector<Contract> cs = {national, regional};
  auto chosen = ChooseContract(cs, kProvider, NeedBand::kSpecialist, start);
  ASSERT_TRUE(chosen.has_value());
  EXPECT_EQ(chosen->id, ContractId(9));
  auto price = PricePlacement(cs, kProvider, NeedBand::kSpecialist, start, kOffered);
  ASSERT_TRUE(price.ok());
  EXPECT_EQ(price->weekly, Pence(FeeOf(9, NeedBand::kSpecialist).value() + 26000));
  chosen = ChooseContract(cs, kProvider, NeedBand::kStandard, start);
  ASSERT_TRUE(chosen.has_value());
  EXPECT_EQ(chosen->id, ContractId(3)) << "the national framework does not price this band";
  Contract block = Make(20, ContractType::kBlock, start, end,
                        {{NeedBand::kSpecialist, FeeOf(20, NeedBand::kSpecialist)}});
  block.block_places = 1;
  block.block_homes = {HomeId(1)};
  const std::vector<Contract> with_block = {national, regional, block};
  chosen = ChooseContract(with_block, kProvider, NeedBand::kSpecialist, start);
  ASSERT_TRUE(chosen.has_value());
  EXPECT_EQ(chosen->id, ContractId(20)) << "places already paid for come first";
}

TEST(PricingTest, EveryRouteCombinationBandAndStartDateChoosesAsStated) {
  const Date start(2025, 4, 1), end(2025, 9, 30);
  const std::array dates = {start.AddDays(-1), start, start.AddDays(1),
                            end.AddDays(-1),   end,   end.AddDays(1)};
  int checked = 0;
  for (unsigned mask = 0; mask < (1u << kRoutes.size()); ++mask) {
    // Contracts are listed in reverse route order, spot first, so that
    // listing order cannot pass for the preference.
    std::vector<Contract> cs;
    std::int64_t id = 10;
    for (std::size_t i = kRoutes.size(); i-- > 0;) {
      if (!(mask & (1u << i))) continue;
      std::vector<FeeBand> fees;
      for (NeedBand b : kBands)
        // The framework prices every band but Complex: a band missing from it.
        if (kRoutes[i] != ContractType::kFramework || b != NeedBand::kComplex)
          fees.push_back({b, FeeOf(id, b)});
      cs.push_back(Make(id, kRoutes[i], start, end, fees));
      --id;
    }
    for (NeedBand band : kBands)
      for (Date d : dates) {
        SCOPED_TRACE("routes " + std::to_string(mask) + ", band " + std::string(EnumCode(band)) +
                     ", " + d.ToIso());
        auto chosen = ChooseContract(cs, kProvider, band, d);
        auto expected = Reference(cs, band, d);
        ASSERT_EQ(chosen.has_value(), expected.has_value());
        auto price = PricePlacement(cs, kProvider, band, d, kOffered);
        ASSERT_TRUE(price.ok());
        if (!expected) {
          EXPECT_EQ(price->weekly, Pence(436000)) << "no contract: the offer's own fee";
          ++checked;
          continue;
        }
        EXPECT_EQ(chosen->id, expected->id);
        // Certificate: the chosen one applies, and no applicable contract has a better route.
        EXPECT_TRUE(Applies(*chosen, kProvider, band, d));
        for (const Contract& c : cs) {
          if (Applies(c, kProvider, band, d)) {
            EXPECT_GE(RoutePreference(c.type), RoutePreference(chosen->type));
          }
        }
        const Pence core = chosen->type == ContractType::kSpot || chosen->type == ContractType::kDps
                               ? kOffered.core
                               : FeeOf(chosen->id.value(), band);
        EXPECT_EQ(price->weekly, Pence(core.value() + 26000));
        EXPECT_EQ(price->contract->id, chosen->id);
        ++checked;
      }
  }
  EXPECT_EQ(checked, 16 * 4 * 6);
}

TEST(PricingTest, TheOrderIsBlockThenFrameworkThenDpsThenSpot) {
  const Date start(2025, 1, 1);
  std::vector<Contract> cs;
  for (std::size_t i = 0; i < kRoutes.size(); ++i)
    cs.push_back(
        Make(static_cast<std::int64_t>(10 - i), kRoutes[i], start, std::nullopt,
             {{NeedBand::kStandard, Pence(300000 + 10000 * static_cast<std::int64_t>(i))}}));
  for (ContractType expected : kRoutes) {
    auto chosen = ChooseContract(cs, kProvider, NeedBand::kStandard, start);
    ASSERT_TRUE(chosen.has_value());
    EXPECT_EQ(chosen->type, expected);
    std::erase_if(cs, [&](const Contract& c) { return c.id == chosen->id; });
  }
  EXPECT_FALSE(ChooseContract(cs, kProvider, NeedBand::kStandard, start).has_value());
}

TEST(PricingTest, AFrameworkMissingTheBandGivesWayToTheNextRoute) {
  const Date start(2025, 1, 1);
  std::vector<Contract> cs = {
      Make(1, ContractType::kFramework, start, std::nullopt,
           {{NeedBand::kStandard, Pence(400000)}}),
      Make(2, ContractType::kDps, start, std::nullopt, {{NeedBand::kComplex, Pence(600000)}}),
  };
  auto price = PricePlacement(cs, kProvider, NeedBand::kComplex, start, kOffered);
  ASSERT_TRUE(price.ok());
  EXPECT_EQ(price->contract->id, ContractId(2));
  EXPECT_EQ(price->weekly, Pence(436000)) << "a DPS call-off: the winning offer's fee";
  // With only the framework, the band is priced from the offer.
  cs.pop_back();
  price = PricePlacement(cs, kProvider, NeedBand::kComplex, start, kOffered);
  ASSERT_TRUE(price.ok());
  EXPECT_FALSE(price->contract.has_value());
  EXPECT_EQ(price->weekly, Pence(436000));
}

TEST(PricingTest, AnotherProvidersContractNeverApplies) {
  Contract c = Make(1, ContractType::kBlock, Date(2025, 1, 1), std::nullopt,
                    {{NeedBand::kStandard, Pence(1)}});
  c.provider = ProviderId(8);
  std::vector<Contract> cs = {c};
  EXPECT_FALSE(ChooseContract(cs, kProvider, NeedBand::kStandard, Date(2025, 2, 1)).has_value());
}

TEST(PricingTest, APriceThatOverflowsIsAnErrorNamingTheAmount) {
  std::vector<Contract> none;
  OfferedFees huge{Pence(INT64_MAX), Pence(1), Pence(0), Pence(0)};
  auto price = PricePlacement(none, kProvider, NeedBand::kStandard, Date(2025, 1, 1), huge);
  ASSERT_FALSE(price.ok());
  EXPECT_EQ(price.status().field(), "amount");
}

TEST(PricingTest, TheScheduleIsWeeklyFromTheStart) {
  auto weeks = PaymentSchedule(Date(2025, 4, 2), Pence(436000), 52);
  ASSERT_EQ(weeks.size(), 52u);
  for (std::size_t w = 0; w < weeks.size(); ++w) {
    EXPECT_EQ(weeks[w].week_start, Date(2025, 4, 2).AddDays(static_cast<std::int64_t>(7 * w)));
    EXPECT_EQ(weeks[w].amount, Pence(436000));
  }
  EXPECT_TRUE(PaymentSchedule(Date(2025, 4, 2), Pence(1), 0).empty());
}

// amount * days / 7 to the nearest penny, checked exactly in integers:
// |7 * r - amount * days| <= 3 (7 is odd, so there is never a tie).
TEST(PricingTest, ProRataIsTheNearestPennyOnEveryAmountAndDayCount) {
  std::mt19937_64 rng(11);
  std::vector<std::int64_t> amounts;
  for (std::int64_t a = 0; a <= 2000; ++a) amounts.push_back(a);
  for (int i = 0; i < 2000; ++i) amounts.push_back(static_cast<std::int64_t>(rng() % 100'000'000));
  for (std::int64_t a : amounts)
    for (int days = 0; days <= 7; ++days) {
      std::int64_t r = ProRata(Pence(a), days).value();
      EXPECT_LE(std::llabs(7 * r - a * days), 3) << a << " pence, " << days << " days";
    }
  EXPECT_EQ(ProRata(Pence(436000), 7), Pence(436000));
  EXPECT_EQ(ProRata(Pence(436000), 0), Pence(0));
  EXPECT_EQ(ProRata(Pence(100), 3), Pence(43));  // 42.857...
  EXPECT_EQ(ProRata(Pence(100), 4), Pence(57));  // 57.142...
}

TEST(PricingTest, ClosingCancelsLaterWeeksAndProRatesTheLastOne) {
  const Date start(2025, 4, 2);
  const Date end = start.AddDays(7 * 3 + 2);  // two days into the fourth week
  auto weeks = PaymentSchedule(start, Pence(70000), 6);
  std::int64_t kept = 0;
  for (const ScheduledWeek& w : weeks) {
    Payment p{.week_start = w.week_start, .amount = w.amount, .status = PaymentStatus::kScheduled};
    auto closed = ClosePayment(p, end);
    if (w.week_start < start.AddDays(21)) {
      EXPECT_FALSE(closed.has_value()) << "a whole week before the end is left as it is";
      kept += w.amount.value();
    } else if (w.week_start == start.AddDays(21)) {
      ASSERT_TRUE(closed.has_value());
      EXPECT_EQ(*closed, (ClosedPayment{PaymentStatus::kScheduled, Pence(20000)}));
      kept += closed->amount.value();
    } else {
      ASSERT_TRUE(closed.has_value());
      EXPECT_EQ(closed->status, PaymentStatus::kCancelled);
    }
  }
  // What is paid is exactly the days in care: 23 days at £100 a day.
  EXPECT_EQ(kept, 23 * 10000);
  // An end on a week's first day cancels that week; paid and cancelled weeks are left alone.
  Payment first{.week_start = start, .amount = Pence(70000), .status = PaymentStatus::kScheduled};
  EXPECT_EQ(ClosePayment(first, start)->status, PaymentStatus::kCancelled);
  first.status = PaymentStatus::kPaid;
  EXPECT_FALSE(ClosePayment(first, start).has_value());
  first.status = PaymentStatus::kCancelled;
  EXPECT_FALSE(ClosePayment(first, start.AddDays(3)).has_value());
}

}  // namespace
}  // namespace carecoop::market
