#include "national/rare_needs.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "core/enum_names.h"
#include "domain/home.h"
#include "domain/needs.h"
#include "national/rcc_return.h"

namespace carecoop::national {
namespace {

constexpr std::string_view kAny = "any";
constexpr std::string_view kNone = "none";

std::string Joined(const std::vector<std::string>& list) {
  if (list.empty()) return std::string(kNone);
  std::string out;
  for (const auto& x : list) out += (out.empty() ? "" : "+") + x;
  return out;
}

std::vector<std::string> Split(std::string_view text, char by) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    auto at = text.find(by, from);
    out.emplace_back(text.substr(from, at == std::string_view::npos ? text.npos : at - from));
    if (at == std::string_view::npos) return out;
    from = at + 1;
  }
}

bool Keeps(const std::vector<std::string>& parts, std::string_view part) {
  return std::find(parts.begin(), parts.end(), part) != parts.end();
}

// A list part of a key: "none", "any" or codes joined by '+', each known,
// sorted and distinct.
Result<std::vector<std::string>> ListPart(const std::string& text, const std::string& field,
                                          std::string_view part, bool (*known)(std::string_view)) {
  if (text == kNone) return std::vector<std::string>{};
  if (text == kAny) return std::vector<std::string>{std::string(kAny)};
  auto items = Split(text, '+');
  for (const auto& x : items)
    if (!known(x))
      return InvalidArgument(field, std::string(part) + " '" + x + "' is not a known code");
  if (!std::is_sorted(items.begin(), items.end()) ||
      std::adjacent_find(items.begin(), items.end()) != items.end())
    return InvalidArgument(field, std::string(part) + " must be sorted and distinct");
  return items;
}

}  // namespace

bool HardToPlace(std::int64_t days_to_placement, std::optional<double> miles_from_home) {
  return days_to_placement > kHardToPlaceDays ||
         (miles_from_home && *miles_from_home > kHardToPlaceMiles);
}

std::string NeedProfile::Key() const {
  auto list = [](const std::vector<std::string>& l) {
    return l.size() == 1 && l[0] == kAny ? std::string(kAny) : Joined(l);
  };
  return setting + "/" + age + "/" + ratio + "/" + list(risks) + "/" + list(needs);
}

NeedProfile NeedProfile::Coarsened(const std::vector<std::string>& parts) const {
  NeedProfile p = *this;
  if (!Keeps(parts, "setting")) p.setting = kAny;
  if (!Keeps(parts, "age")) p.age = kAny;
  if (!Keeps(parts, "ratio")) p.ratio = kAny;
  if (!Keeps(parts, "risks")) p.risks = {std::string(kAny)};
  if (!Keeps(parts, "needs")) p.needs = {std::string(kAny)};
  return p;
}

Result<NeedProfile> ParseProfileKey(std::string_view key, std::string_view field_name) {
  const std::string field(field_name);
  auto parts = Split(key, '/');
  if (parts.size() != kProfileParts.size())
    return InvalidArgument(field, "'" + std::string(key) +
                                      "' must be setting/age/ratio/risks/needs (5 parts "
                                      "separated by '/')");
  NeedProfile p;
  p.setting = parts[0];
  if (p.setting != kAny && !ParseEnumCode<Setting>(p.setting))
    return InvalidArgument(
        field, "setting '" + p.setting + "' is not one of " + EnumCodeList<Setting>() + " or any");
  p.age = parts[1];
  const auto& ages = dimension::kAge;
  if (p.age != kAny && std::find(ages.begin(), ages.end(), p.age) == ages.end())
    return InvalidArgument(field, "age '" + p.age + "' is not an age band or any");
  p.ratio = parts[2];
  if (p.ratio != kAny && !ParseEnumCode<SupportRatio>(p.ratio))
    return InvalidArgument(
        field, "ratio '" + p.ratio + "' is not one of " + EnumCodeList<SupportRatio>() + " or any");
  CC_ASSIGN_OR_RETURN(p.risks, ListPart(parts[3], field, "risk", [](std::string_view c) {
                        return ParseEnumCode<Risk>(c).has_value();
                      }));
  CC_ASSIGN_OR_RETURN(p.needs, ListPart(parts[4], field, "need", [](std::string_view c) {
                        return std::find(kProfileNeeds.begin(), kProfileNeeds.end(), c) !=
                               kProfileNeeds.end();
                      }));
  return p;
}

Status ValidateNeedProfiles(const std::vector<NeedProfileCount>& counts) {
  std::set<std::string> keys;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const auto& c = counts[i];
    const std::string at = "need_profiles[" + std::to_string(i) + "].";
    const std::string key = c.profile.Key();
    CC_RETURN_IF_ERROR(ParseProfileKey(key, at + "profile").status());
    if (key.find(kAny) != std::string::npos)
      return InvalidArgument(at + "profile", "a return's profile names every part, not 'any'");
    if (!keys.insert(key).second)
      return InvalidArgument(at + "profile", "'" + key + "' is given twice");
    for (auto [name, v] :
         {std::pair{"unmet", c.unmet}, std::pair{"hard_to_place", c.hard_to_place},
          std::pair{"weekly_fees_pence", c.weekly_fees_pence}, std::pair{"miles", c.miles},
          std::pair{"with_distance", c.with_distance}})
      if (v < 0) return InvalidArgument(at + name, "must not be negative");
    if (c.Children() == 0)
      return InvalidArgument(at + "unmet", "a profile is given only when some child has it");
    if (c.with_distance > c.hard_to_place)
      return InvalidArgument(at + "with_distance", "is more than hard_to_place");
    if (c.hard_to_place == 0 && c.weekly_fees_pence != 0)
      return InvalidArgument(at + "weekly_fees_pence", "must be 0 when none was placed");
    if (c.with_distance == 0 && c.miles != 0)
      return InvalidArgument(at + "miles", "must be 0 when no distance is known");
  }
  return Status::Ok();
}

Status Validate(const RareNeedRules& rules) {
  if (rules.rare_at_most < 0)
    return InvalidArgument("rare_at_most", "must be 0 or more children a year");
  if (rules.national_at_least <= rules.rare_at_most)
    return InvalidArgument("national_at_least", "must be more than rare_at_most (" +
                                                    std::to_string(rules.rare_at_most) + ")");
  if (rules.quarters < 1 || rules.quarters > 8)
    return InvalidArgument("quarters", "must be from 1 to 8");
  for (const auto& p : rules.parts)
    if (!Keeps(kProfileParts, p))
      return InvalidArgument("parts",
                             "'" + p + "' is not one of setting, age, ratio, risks, needs");
  return Status::Ok();
}

Result<RareNeedRules> ParseRareNeedRules(const std::map<std::string, std::string>& given) {
  RareNeedRules rules;
  for (const auto& [name, text] : given) {
    if (name == "parts") {
      rules.parts = Split(text, ',');
      continue;
    }
    std::int64_t* into = name == "rare_at_most"        ? &rules.rare_at_most
                         : name == "national_at_least" ? &rules.national_at_least
                                                       : nullptr;
    std::int64_t quarters = rules.quarters;
    if (name == "quarters") into = &quarters;
    if (!into)
      return InvalidArgument(name,
                             "is not a rule (rare_at_most, national_at_least, quarters, "
                             "parts)");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *into);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
      return InvalidArgument(name, "must be a whole number, not '" + text + "'");
    // Out of range is refused by Validate below.
    if (name == "quarters")
      rules.quarters = static_cast<int>(std::clamp<std::int64_t>(quarters, 0, 99));
  }
  CC_RETURN_IF_ERROR(Validate(rules));
  return rules;
}

Result<RareNeedOrder> ParseRareNeedOrder(std::string_view text) {
  if (text == "children") return RareNeedOrder::kChildren;
  if (text == "cost") return RareNeedOrder::kCost;
  if (text == "distance") return RareNeedOrder::kDistance;
  return InvalidArgument("order", "must be children, cost or distance");
}

RareNeedsResult FindRareNeeds(const std::vector<ProfileReturn>& returns, Quarter last,
                              const RareNeedRules& rules, RareNeedOrder order) {
  RareNeedsResult out;
  out.last = last;
  out.first = last;
  for (int i = 1; i < rules.quarters; ++i) out.first = out.first.Previous();
  struct Sum {
    NeedProfile profile;
    std::int64_t unmet = 0, hard = 0, fees = 0, miles = 0, with_distance = 0;
    std::map<std::string, std::int64_t> by_rcc;
  };
  std::map<std::string, Sum> sums;
  std::set<std::string> rccs;
  for (const ProfileReturn& r : returns) {
    if (r.quarter < out.first || r.quarter > out.last) continue;
    rccs.insert(r.rcc_code);
    for (const NeedProfileCount& c : r.counts) {
      NeedProfile p = c.profile.Coarsened(rules.parts);
      Sum& s = sums[p.Key()];
      s.profile = std::move(p);
      s.unmet += c.unmet;
      s.hard += c.hard_to_place;
      s.fees += c.weekly_fees_pence;
      s.miles += c.miles;
      s.with_distance += c.with_distance;
      s.by_rcc[r.rcc_code] += c.Children();
    }
  }
  out.rccs.assign(rccs.begin(), rccs.end());
  out.profiles_seen = static_cast<std::int64_t>(sums.size());
  for (auto& [key, s] : sums) {
    std::int64_t most = 0;
    for (const auto& [rcc, n] : s.by_rcc) most = std::max(most, n);
    if (most > rules.rare_at_most) {
      ++out.common_elsewhere;
      continue;
    }
    if (s.unmet + s.hard < rules.national_at_least) {
      ++out.too_few;
      continue;
    }
    RareNeed n;
    n.profile = s.profile;
    n.key = key;
    n.unmet = s.unmet;
    n.hard_to_place = s.hard;
    n.children = s.unmet + s.hard;
    n.rccs_seen = static_cast<int>(std::count_if(s.by_rcc.begin(), s.by_rcc.end(),
                                                 [](const auto& x) { return x.second > 0; }));
    if (s.hard > 0)
      n.mean_weekly_fee_pence = static_cast<double>(s.fees) / static_cast<double>(s.hard);
    if (s.with_distance > 0)
      n.mean_miles = static_cast<double>(s.miles) / static_cast<double>(s.with_distance);
    out.rare.push_back(std::move(n));
  }
  auto children = [](const RareNeed& n) { return static_cast<double>(n.children); };
  auto cost = [](const RareNeed& n) { return n.mean_weekly_fee_pence.value_or(-1); };
  auto distance = [](const RareNeed& n) { return n.mean_miles.value_or(-1); };
  using Key = double (*)(const RareNeed&);
  std::vector<Key> keys = {children, cost, distance};
  if (order == RareNeedOrder::kCost) keys = {cost, children, distance};
  if (order == RareNeedOrder::kDistance) keys = {distance, children, cost};
  std::sort(out.rare.begin(), out.rare.end(), [&](const RareNeed& a, const RareNeed& b) {
    for (Key k : keys)
      if (k(a) != k(b)) return k(a) > k(b);
    return a.key < b.key;
  });
  return out;
}

}  // namespace carecoop::national
