// Every validator: a valid example passes, and each kind of bad input is
// rejected with a Status that names the offending field.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "domain/examples.h"
#include "domain/validate.h"

namespace carecoop {
namespace {

using namespace examples;  // NOLINT

template <class T>
struct BadCase {
  std::string what;
  std::function<void(T&)> mutate;
  std::string field;
};

template <class T>
void ExpectEachCaseNamesItsField(const T& valid, const std::vector<BadCase<T>>& cases) {
  ASSERT_TRUE(Validate(valid).ok()) << Validate(valid).ToString();
  for (const auto& c : cases) {
    T bad = valid;
    c.mutate(bad);
    Status s = Validate(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(s.field(), c.field) << c.what << ": " << s.ToString();
    EXPECT_FALSE(s.message().empty()) << c.what;
  }
}

const RegionId kRegion{1};
const CouncilId kCouncil{2};
const ProviderId kProvider{3};
const HomeId kHome{4};
const ChildId kChild{5};
const ReferralId kReferral{6};
const OfferId kOffer{7};
const ProposalId kProposal{8};
const PlacementId kPlacement{9};
const RccId kRcc{10};

TEST(ValidationTest, RegionNamesBadField) {
  ExpectEachCaseNamesItsField<Region>(
      ExampleRegion(), {
                           {"wrong code", [](Region& r) { r.ons_code = "E06000001"; }, "onsCode"},
                           {"no name", [](Region& r) { r.name = ""; }, "name"},
                       });
}

TEST(ValidationTest, CouncilNamesBadField) {
  ExpectEachCaseNamesItsField<Council>(
      ExampleCouncil(kRegion),
      {
          {"bad ons", [](Council& c) { c.ons_code = "X08000001"; }, "onsCode"},
          {"short la", [](Council& c) { c.dfe_la_code = "35"; }, "dfeLaCode"},
          {"letters la", [](Council& c) { c.dfe_la_code = "3a5"; }, "dfeLaCode"},
          {"no name", [](Council& c) { c.name = ""; }, "name"},
          {"no region", [](Council& c) { c.region = RegionId(); }, "regionId"},
          {"in France",
           [](Council& c) {
             c.location = {48.85, 2.35};
           },
           "location.lat"},
          {"negative cla", [](Council& c) { c.cla_2024 = -1; }, "cla2024"},
      });
}

TEST(ValidationTest, RccNamesBadField) {
  ExpectEachCaseNamesItsField<Rcc>(
      ExampleRcc(kRegion, {CouncilId(1), CouncilId(2)}),
      {
          {"no code", [](Rcc& r) { r.code = ""; }, "code"},
          {"no name", [](Rcc& r) { r.name = ""; }, "name"},
          {"no region", [](Rcc& r) { r.region = RegionId(); }, "regionId"},
          {"twice", [](Rcc& r) { r.member_councils.push_back(CouncilId(1)); }, "memberCouncils[2]"},
          {"unstored", [](Rcc& r) { r.member_councils[0] = CouncilId(); }, "memberCouncils[0]"},
      });
}

TEST(ValidationTest, ProviderNamesBadField) {
  ExpectEachCaseNamesItsField<Provider>(
      ExampleProvider(),
      {
          {"no name", [](Provider& p) { p.name = ""; }, "name"},
          {"bad ownership", [](Provider& p) { p.ownership = static_cast<Ownership>(9); },
           "ownership"},
          {"council w/o id", [](Provider& p) { p.ownership = Ownership::kCouncil; }, "councilId"},
          {"private with council", [](Provider& p) { p.council = kCouncil; }, "councilId"},
          {"long urn", [](Provider& p) { p.ofsted_urn = std::string(20, '1'); }, "ofstedUrn"},
      });
}

TEST(ValidationTest, HomeNamesBadField) {
  ExpectEachCaseNamesItsField<Home>(
      ExampleHome(kProvider, kCouncil),
      {
          {"no provider", [](Home& h) { h.provider = ProviderId(); }, "providerId"},
          {"no name", [](Home& h) { h.name = ""; }, "name"},
          {"bad setting", [](Home& h) { h.setting = static_cast<Setting>(7); }, "setting"},
          {"no urn", [](Home& h) { h.ofsted_urn = ""; }, "ofstedUrn"},
          {"urn punctuation", [](Home& h) { h.ofsted_urn = "SC-1"; }, "ofstedUrn"},
          {"bad rating", [](Home& h) { h.ofsted_rating = static_cast<OfstedRating>(9); },
           "ofstedRating"},
          {"no council", [](Home& h) { h.council = CouncilId(); }, "councilId"},
          {"bad lon", [](Home& h) { h.location.lon = 12; }, "location.lon"},
          {"zero places", [](Home& h) { h.registered_places = 0; }, "registeredPlaces"},
          {"negative age", [](Home& h) { h.min_age = -1; }, "minAge"},
          {"ages reversed", [](Home& h) { h.max_age = 5; }, "maxAge"},
          {"supported under 16",
           [](Home& h) {
             h.setting = Setting::kSupportedAccommodation;
             h.min_age = 15;
           },
           "minAge"},
          {"ratio unspecified", [](Home& h) { h.max_support_ratio = SupportRatio::kNotSpecified; },
           "maxSupportRatio"},
          {"siblings over places", [](Home& h) { h.max_siblings = 4; }, "maxSiblings"},
          {"kinship children's home", [](Home& h) { h.connected_person = true; },
           "connectedPerson"},
      });
}

TEST(ValidationTest, VacancyNamesBadField) {
  ExpectEachCaseNamesItsField<Vacancy>(
      ExampleVacancy(kHome),
      {
          {"no home", [](Vacancy& v) { v.home = HomeId(); }, "homeId"},
          {"old date", [](Vacancy& v) { v.available_from = Date(1999, 1, 1); }, "availableFrom"},
          {"bad status", [](Vacancy& v) { v.status = static_cast<VacancyStatus>(5); }, "status"},
      });
}

TEST(ValidationTest, ChildNamesBadField) {
  ExpectEachCaseNamesItsField<Child>(
      ExampleChild(kCouncil),
      {
          {"no pseudonym", [](Child& c) { c.pseudonym = ""; }, "pseudonym"},
          {"no council", [](Child& c) { c.council = CouncilId(); }, "councilId"},
          {"ancient", [](Child& c) { c.date_of_birth = Date(1980, 1, 1); }, "dateOfBirth"},
          {"bad sex", [](Child& c) { c.sex = static_cast<Sex>(3); }, "sex"},
          {"bad ethnicity", [](Child& c) { c.ethnicity = "XXXX"; }, "ethnicity"},
          {"bad cin", [](Child& c) { c.category_of_need = "N9"; }, "categoryOfNeed"},
          {"family abroad",
           [](Child& c) {
             c.family_location = {40, 0};
           },
           "familyLocation.lat"},
          {"school abroad",
           [](Child& c) {
             c.school_location = LatLon{53, 5};
           },
           "schoolLocation.lon"},
          {"care before birth", [](Child& c) { c.care_started = Date(2010, 1, 1); }, "careStarted"},
          {"ended before start",
           [](Child& c) {
             c.care_ended = Date(2023, 1, 1);
             c.reason_ceased = "E13";
           },
           "careEnded"},
          {"ended without reason", [](Child& c) { c.care_ended = Date(2024, 1, 1); },
           "reasonCeased"},
          {"bad reason",
           [](Child& c) {
             c.care_ended = Date(2024, 1, 1);
             c.reason_ceased = "E99";
           },
           "reasonCeased"},
      });
}

TEST(ValidationTest, ReferralNamesBadField) {
  ExpectEachCaseNamesItsField<Referral>(
      ExampleReferral(kChild, kCouncil),
      {
          {"no child", [](Referral& r) { r.child = ChildId(); }, "childId"},
          {"no council", [](Referral& r) { r.council = CouncilId(); }, "councilId"},
          {"bad needed by", [](Referral& r) { r.needed_by = static_cast<NeededBy>(9); },
           "neededBy"},
          {"too many siblings", [](Referral& r) { r.sibling_count = 9; }, "siblingCount"},
          {"negative siblings", [](Referral& r) { r.sibling_count = -1; }, "siblingCount"},
          {"no comm requirement", [](Referral& r) { r.specific_communication_requirements = {}; },
           "specificCommunicationRequirements"},
          {"none plus bsl",
           [](Referral& r) {
             r.specific_communication_requirements = {CommunicationRequirement::kNone,
                                                      CommunicationRequirement::kBsl};
           },
           "specificCommunicationRequirements"},
          {"Y but none",
           [](Referral& r) {
             r.specific_communication_requirements = {CommunicationRequirement::kNone};
           },
           "specificCommunicationRequirements"},
          {"bad cultural", [](Referral& r) { r.cultural_needs = static_cast<CulturalNeeds>(8); },
           "culturalNeeds"},
          {"solo with siblings", [](Referral& r) { r.living_companions = LivingCompanions::kSolo; },
           "livingCompanions"},
          {"bad pets", [](Referral& r) { r.pets = static_cast<Pets>(8); }, "pets"},
          {"bad support",
           [](Referral& r) { r.additional_support = static_cast<AdditionalSupport>(9); },
           "additionalSupport"},
          {"all unsuitable",
           [](Referral& r) {
             r.foster_care_suitability = Suitability::kUnsuitable;
             r.residential_care_suitability = Suitability::kUnsuitable;
           },
           "fosterCareSuitability"},
          {"bad residential",
           [](Referral& r) { r.residential_care_suitability = static_cast<Suitability>(9); },
           "residentialCareSuitability"},
          {"other risk without text", [](Referral& r) { r.risk_other = ""; }, "riskOther"},
          {"text without other risk", [](Referral& r) { r.risks.Remove(Risk::kToOthersOther); },
           "riskToOthersOther"},
          {"negative cost", [](Referral& r) { r.actual_placement->total_weekly_cost = Pence(-1); },
           "actualPlacement.totalWeeklyCost"},
          {"no urn", [](Referral& r) { r.actual_placement->provider_urn = ""; },
           "actualPlacement.providerURN"},
          {"old referral date", [](Referral& r) { r.referral_date = Date(1999, 12, 31); },
           "referralDate"},
          {"placed before referred", [](Referral& r) { r.placement_date = Date(2025, 3, 1); },
           "placementDate"},
          {"latest start before referral",
           [](Referral& r) { r.latest_start_date = Date(2025, 3, 1); }, "latestStartDate"},
          {"family location unnamed", [](Referral& r) { r.primary_family_location->label = ""; },
           "primaryFamilyLocation.label"},
          {"close to family w/o location", [](Referral& r) { r.primary_family_location.reset(); },
           "primaryFamilyLocation"},
          {"school abroad",
           [](Referral& r) {
             r.school_location->point = {60, 0};
           },
           "schoolLocation.lat"},
          {"must stay w/o school", [](Referral& r) { r.school_location.reset(); },
           "schoolLocation"},
          {"bad important place",
           [](Referral& r) { r.other_important_locations[1].point.lon = 20; },
           "otherImportantLocations[1].lon"},
          {"bad frequency",
           [](Referral& r) { r.other_location_visit_frequency = static_cast<VisitFrequency>(9); },
           "otherLocationVisitFrequency"},
          {"avoid Y but none", [](Referral& r) { r.locations_to_avoid.clear(); },
           "locationsToAvoid"},
          {"bad ratio",
           [](Referral& r) { r.minimum_adult_support_ratio = static_cast<SupportRatio>(9); },
           "minimumAdultSupportRatio"},
          {"views too long", [](Referral& r) { r.child_views = std::string(9000, 'x'); },
           "childViews"},
      });
}

TEST(ValidationTest, OfferNamesBadField) {
  ExpectEachCaseNamesItsField<Offer>(
      ExampleOffer(kReferral, kHome),
      {
          {"no referral", [](Offer& o) { o.referral = ReferralId(); }, "referralId"},
          {"no home", [](Offer& o) { o.home = HomeId(); }, "homeId"},
          {"negative staffing", [](Offer& o) { o.staffing_fee = Pence(-5); }, "staffingFee"},
          {"zero fee",
           [](Offer& o) {
             o.core_fee = o.staffing_fee = o.education_fee = o.transport_fee = Pence(0);
           },
           "coreFee"},
          {"decline without reason", [](Offer& o) { o.status = OfferStatus::kDeclined; },
           "declineReason"},
          {"deadline before made",
           [](Offer& o) { o.deadline = o.created_at - std::chrono::seconds(1); }, "deadline"},
          {"overflowing fee",
           [](Offer& o) { o.core_fee = o.staffing_fee = Pence(INT64_MAX / 2 + 1); }, "coreFee"},
      });
}

TEST(ValidationTest, ProposalNamesBadField) {
  ExpectEachCaseNamesItsField<Proposal>(
      ExampleProposal(kReferral, kOffer),
      {
          {"no offer", [](Proposal& p) { p.offer = OfferId(); }, "offerId"},
          {"no proposer", [](Proposal& p) { p.proposed_by = ""; }, "proposedBy"},
          {"no views", [](Proposal& p) { p.child_views = ""; }, "childViews"},
          {"rank zero", [](Proposal& p) { p.rank = 0; }, "rank"},
          {"not top, no reason", [](Proposal& p) { p.reason_not_top = ""; }, "reasonNotTop"},
      });
}

TEST(ValidationTest, ScrutinyDecisionNamesBadField) {
  ExpectEachCaseNamesItsField<ScrutinyDecision>(
      ExampleScrutinyDecision(kProposal),
      {
          {"no proposal", [](ScrutinyDecision& d) { d.proposal = ProposalId(); }, "proposalId"},
          {"no officer", [](ScrutinyDecision& d) { d.officer = ""; }, "officer"},
          {"sent back without reasons", [](ScrutinyDecision& d) { d.reasons = ""; }, "reasons"},
      });
}

TEST(ValidationTest, PlacementNamesBadFieldAndAppliesSsda903Rules) {
  ExpectEachCaseNamesItsField<Placement>(
      ExamplePlacement(kChild, kCouncil, kHome),
      {
          {"no child", [](Placement& p) { p.child = ChildId(); }, "childId"},
          // Regression: the field was named "end", which is not the API's name for it.
          {"end before start", [](Placement& p) { p.end = Date(2023, 1, 1); }, "endDate"},
          {"unknown place", [](Placement& p) { p.place_code = "K9"; }, "placeCode"},
          {"unknown provider", [](Placement& p) { p.provider_code = "PR9"; }, "providerCode"},
          {"provider for T1", [](Placement& p) { p.place_code = "T1"; }, "providerCode"},
          {"P1 with PR4", [](Placement& p) { p.place_code = "P1"; }, "providerCode"},
          {"PR0 with K2", [](Placement& p) { p.provider_code = "PR0"; }, "providerCode"},
          {"bad legal status", [](Placement& p) { p.legal_status = "Q1"; }, "legalStatus"},
          {"negative fee", [](Placement& p) { p.weekly_fee = Pence(-1); }, "weeklyFee"},
          {"bad change reason", [](Placement& p) { p.reason_place_change = "BORED"; },
           "reasonPlaceChange"},
          {"reason while current", [](Placement& p) { p.end.reset(); }, "reasonPlaceChange"},
          {"ceased and moved", [](Placement& p) { p.reason_ceased = "E13"; }, "reasonCeased"},
          {"vacancy without home",
           [](Placement& p) {
             p.vacancy = VacancyId(3);
             p.home.reset();
           },
           "homeId"},
      });
}

TEST(ValidationTest, ContractNamesBadField) {
  ExpectEachCaseNamesItsField<Contract>(
      ExampleContract(kProvider, kRcc),
      {
          {"no rcc", [](Contract& c) { c.rcc = RccId(); }, "rccId"},
          {"no reference", [](Contract& c) { c.reference = ""; }, "reference"},
          {"end before start", [](Contract& c) { c.end = Date(2020, 1, 1); }, "endDate"},
          {"no fees", [](Contract& c) { c.fees.clear(); }, "fees"},
          {"band twice", [](Contract& c) { c.fees[1].band = NeedBand::kStandard; }, "fees[1].band"},
          {"zero fee", [](Contract& c) { c.fees[0].weekly_fee = Pence(0); }, "fees[0].weeklyFee"},
          {"block without places", [](Contract& c) { c.type = ContractType::kBlock; },
           "blockPlaces"},
          {"framework with places", [](Contract& c) { c.block_places = 3; }, "blockPlaces"},
          {"national spot",
           [](Contract& c) {
             c.national = true;
             c.type = ContractType::kSpot;
           },
           "type"},
          {"void share off a national block", [](Contract& c) { c.void_share_bp = 500; },
           "voidShareBp"},
          {"void share over the whole",
           [](Contract& c) {
             c.national = true;
             c.type = ContractType::kBlock;
             c.block_places = 2;
             c.block_homes = {HomeId(1)};
             c.end = Date(2027, 1, 1);
             c.void_share_bp = 10'001;
           },
           "voidShareBp"},
      });
}

// A national block is valid: England's places in named homes, this RCC's
// share of its voids.
TEST(ValidationTest, ANationalBlockCallOffIsValid) {
  Contract c = ExampleContract(kProvider, kRcc);
  c.national = true;
  c.type = ContractType::kBlock;
  c.block_places = 2;
  c.block_homes = {HomeId(1)};
  c.end = c.start.AddDays(365);
  c.void_share_bp = 2'500;
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).message();
}

TEST(ValidationTest, PaymentNamesBadField) {
  ExpectEachCaseNamesItsField<Payment>(
      ExamplePayment(kPlacement, kRcc, kCouncil),
      {
          {"no placement", [](Payment& p) { p.placement = PlacementId(); }, "placementId"},
          {"no council", [](Payment& p) { p.council = CouncilId(); }, "councilId"},
          {"negative", [](Payment& p) { p.amount = Pence(-100); }, "amount"},
          {"bad status", [](Payment& p) { p.status = static_cast<PaymentStatus>(9); }, "status"},
      });
}

TEST(ReferralTest, NeedsGatherEveryRequirement) {
  Referral r = ExampleReferral(kChild, kCouncil);
  NeedSet needs = r.needs();
  EXPECT_TRUE(needs.Has(Need::kBsl));
  EXPECT_TRUE(needs.Has(Need::kMakaton));
  EXPECT_FALSE(needs.Has(Need::kEsol));
  EXPECT_TRUE(needs.Has(Need::kHomeAdaptation));
  EXPECT_TRUE(needs.Has(Need::kCulturalNeeds));
  EXPECT_TRUE(needs.Has(Need::kTherapeuticSupport));
  EXPECT_EQ(r.places_needed(), 2);
}

TEST(NeedsTest, RatioOrdering) {
  EXPECT_TRUE(RatioMet(SupportRatio::kTwoToOne, SupportRatio::kOneToOne));
  EXPECT_FALSE(RatioMet(SupportRatio::kStandard, SupportRatio::kOneToOne));
  EXPECT_TRUE(RatioMet(SupportRatio::kStandard, SupportRatio::kNotSpecified));
}

TEST(ProviderTest, PlacementProviderCodeDependsOnWhoseCouncil) {
  Provider own{.name = "X", .ownership = Ownership::kCouncil, .council = kCouncil};
  EXPECT_EQ(PlacementProviderCode(own, kCouncil), "PR1");
  EXPECT_EQ(PlacementProviderCode(own, CouncilId(99)), "PR2");
  EXPECT_EQ(PlacementProviderCode(ExampleProvider(), kCouncil), "PR4");
}

}  // namespace
}  // namespace carecoop

namespace carecoop {
namespace {

// A UPN's check letter catches every single changed character: the weights
// 2-13 and any change of one digit (1-9) are below 23, which is prime, so
// weight x change is never 0 mod 23.
TEST(UpnTest, TheCheckLetterCatchesEverySingleChange) {
  std::mt19937 rng(15);
  for (int n = 0; n < 200; ++n) {
    std::string digits;
    for (int i = 0; i < 12; ++i) digits += static_cast<char>('0' + rng() % 10);
    std::string upn = std::string(1, UpnCheckLetter(digits)) + digits;
    ASSERT_TRUE(IsUpn(upn)) << upn;
    for (std::size_t i = 1; i < 13; ++i)
      for (char d = '0'; d <= '9'; ++d) {
        if (d == upn[i]) continue;
        std::string changed = upn;
        changed[i] = d;
        EXPECT_FALSE(IsUpn(changed)) << changed;
      }
  }
  for (const char* code : {"UN1", "UN2", "UN3", "UN4", "UN5"}) EXPECT_TRUE(IsUpn(code));
  for (const char* bad : {"", "UN6", "UN0", "A12345678901", "I0000000000000", "a123456789012"})
    EXPECT_FALSE(IsUpn(bad)) << bad;
}

TEST(PostcodeSectorTest, DistrictAndSectorOnlyNeverAFullPostcode) {
  for (const char* ok : {"BL3 5", "M6 5", "SW1A 2", "EC1V 9", "W1 1", "CR0 4"})
    EXPECT_TRUE(validate::IsPostcodeSector(ok)) << ok;
  for (const char* bad : {"BL3", "BL3 5AB", "BL35", "3BL 5", "bl3 5", "BL3  5", "BLLL3 5", ""})
    EXPECT_FALSE(validate::IsPostcodeSector(bad)) << bad;
  Child c = examples::ExampleChild(CouncilId(1));
  c.home_postcode = "BL3 5AB";
  EXPECT_EQ(Validate(c).field(), "homePostcode");
  c.home_postcode = "BL3 5";
  c.upn = std::string(1, UpnCheckLetter("801200100001")) + "801200100001";
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).ToString();
  c.upn[0] = c.upn[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Validate(c).field(), "upn");
  c.upn = "UN1";
  c.sex = Sex::kMale;
  c.mother = true;
  EXPECT_EQ(Validate(c).field(), "mother");
}

}  // namespace
}  // namespace carecoop
