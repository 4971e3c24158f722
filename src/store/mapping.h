// How each domain type is stored: its table, and one Fields() description
// that lists every column once. Every use — the column list, binding values
// for INSERT/UPDATE, reading rows back, checking references, finding a
// parent column — walks that one description, so they cannot disagree.
// Column kinds and the schema itself: store/schema.cc and docs/formats/store.md.
// A new type: its Mapping here, and its name in CARECOOP_STORE_RECORDS
// (store/store.h), so the Tx templates are compiled for it once.
#ifndef CARECOOP_STORE_MAPPING_H_
#define CARECOOP_STORE_MAPPING_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/geo.h"
#include "core/ids.h"
#include "core/money.h"
#include "domain/child.h"
#include "domain/contract.h"
#include "domain/council.h"
#include "domain/financial_return.h"
#include "domain/framework.h"
#include "domain/home.h"
#include "domain/liberty_register.h"
#include "domain/money_records.h"
#include "domain/offer.h"
#include "domain/oversight_case.h"
#include "domain/payment.h"
#include "domain/placement.h"
#include "domain/proposal.h"
#include "domain/provider.h"
#include "domain/provider_group.h"
#include "domain/rcc.h"
#include "domain/received_return.h"
#include "domain/referral.h"
#include "domain/region.h"
#include "domain/scrutiny_decision.h"
#include "domain/secure_referral.h"
#include "domain/vacancy.h"
#include "store/sql.h"

namespace carecoop::store {

// ---------------------------------------------------------------------------
// Codecs: how one C++ field becomes one or more columns.

template <class T, class = void>
struct Codec;

inline Status Corrupt(std::string_view column, std::string_view why) {
  return Internal("stored value of " + std::string(column) + " " + std::string(why));
}

template <>
struct Codec<std::string> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view n, const std::string& v, SqlParams& p) {
    if (v.find('\0') != std::string::npos)
      return InvalidArgument(ColumnToField(n), "must not contain a NUL character");
    p.emplace_back(v);
    return Status::Ok();
  }
  static Status Read(std::string_view, const SqlRow& r, int c, std::string& v) {
    v = r.IsNull(c) ? std::string() : r.Text(c);
    return Status::Ok();
  }
};

template <class I>
struct Codec<I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view, I v, SqlParams& p) {
    p.emplace_back(static_cast<std::int64_t>(v));
    return Status::Ok();
  }
  static Status Read(std::string_view, const SqlRow& r, int c, I& v) {
    v = static_cast<I>(r.Int(c));
    return Status::Ok();
  }
};

template <>
struct Codec<bool> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view, bool v, SqlParams& p) {
    p.emplace_back(std::int64_t{v ? 1 : 0});
    return Status::Ok();
  }
  static Status Read(std::string_view, const SqlRow& r, int c, bool& v) {
    v = r.Int(c) != 0;
    return Status::Ok();
  }
};

template <>
struct Codec<double> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view, double v, SqlParams& p) {
    p.emplace_back(v);
    return Status::Ok();
  }
  static Status Read(std::string_view, const SqlRow& r, int c, double& v) {
    v = r.Real(c);
    return Status::Ok();
  }
};

template <>
struct Codec<Date> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view, Date v, SqlParams& p) {
    p.emplace_back(v.ToIso());
    return Status::Ok();
  }
  static Status Read(std::string_view n, const SqlRow& r, int c, Date& v) {
    auto d = Date::ParseIso(r.Text(c), n);
    if (!d.ok()) return Corrupt(n, "is not a date");
    v = *d;
    return Status::Ok();
  }
};

template <>
struct Codec<Timestamp> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view, Timestamp v, SqlParams& p) {
    p.emplace_back(FormatTimestamp(v));
    return Status::Ok();
  }
  static Status Read(std::string_view n, const SqlRow& r, int c, Timestamp& v) {
    auto t = ParseTimestamp(r.Text(c), n);
    if (!t.ok()) return Corrupt(n, "is not a timestamp");
    v = *t;
    return Status::Ok();
  }
};

template <>
struct Codec<Pence> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view, Pence v, SqlParams& p) {
    p.emplace_back(v.value());
    return Status::Ok();
  }
  static Status Read(std::string_view, const SqlRow& r, int c, Pence& v) {
    v = Pence(r.Int(c));
    return Status::Ok();
  }
};

template <class E>
struct Codec<Id<E>> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view, Id<E> v, SqlParams& p) {
    p.emplace_back(v.value());
    return Status::Ok();
  }
  static Status Read(std::string_view, const SqlRow& r, int c, Id<E>& v) {
    v = Id<E>(r.Int(c));
    return Status::Ok();
  }
};

template <class E>
struct Codec<EnumSet<E>> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view, EnumSet<E> v, SqlParams& p) {
    p.emplace_back(static_cast<std::int64_t>(v.mask()));
    return Status::Ok();
  }
  static Status Read(std::string_view, const SqlRow& r, int c, EnumSet<E>& v) {
    v = EnumSet<E>::FromMask(static_cast<std::uint64_t>(r.Int(c)));
    return Status::Ok();
  }
};

// Enums are stored as their stable code ("childrens_home"), readable in SQL.
template <class E>
struct Codec<E, std::enable_if_t<std::is_enum_v<E>>> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view n, E v, SqlParams& p) {
    if (!IsKnownEnumValue(v))
      return InvalidArgument(ColumnToField(n), "must be one of " + EnumCodeList<E>());
    p.emplace_back(std::string(EnumCode(v)));
    return Status::Ok();
  }
  static Status Read(std::string_view n, const SqlRow& r, int c, E& v) {
    auto parsed = ParseEnumCode<E>(r.Text(c));
    if (!parsed) return Corrupt(n, "is not a known code");
    v = *parsed;
    return Status::Ok();
  }
};

// A point: two columns, <name>_lat and <name>_lon.
template <>
struct Codec<LatLon> {
  static constexpr int kWidth = 2;
  static void Names(std::string_view n, std::vector<std::string>& out) {
    out.push_back(std::string(n) + "_lat");
    out.push_back(std::string(n) + "_lon");
  }
  static Status Bind(std::string_view, const LatLon& v, SqlParams& p) {
    p.emplace_back(v.lat);
    p.emplace_back(v.lon);
    return Status::Ok();
  }
  static Status Read(std::string_view, const SqlRow& r, int c, LatLon& v) {
    v = {r.Real(c), r.Real(c + 1)};
    return Status::Ok();
  }
};

// A named place: <name>_label, <name>_lat, <name>_lon.
template <>
struct Codec<NamedLocation> {
  static constexpr int kWidth = 3;
  static void Names(std::string_view n, std::vector<std::string>& out) {
    out.push_back(std::string(n) + "_label");
    Codec<LatLon>::Names(n, out);
  }
  static Status Bind(std::string_view n, const NamedLocation& v, SqlParams& p) {
    CC_RETURN_IF_ERROR(Codec<std::string>::Bind(n, v.label, p));
    return Codec<LatLon>::Bind(n, v.point, p);
  }
  static Status Read(std::string_view n, const SqlRow& r, int c, NamedLocation& v) {
    CC_RETURN_IF_ERROR(Codec<std::string>::Read(n, r, c, v.label));
    return Codec<LatLon>::Read(n, r, c + 1, v.point);
  }
};

// An optional value: all of its columns NULL when absent.
template <class X>
struct Codec<std::optional<X>> {
  static constexpr int kWidth = Codec<X>::kWidth;
  static void Names(std::string_view n, std::vector<std::string>& out) { Codec<X>::Names(n, out); }
  static Status Bind(std::string_view n, const std::optional<X>& v, SqlParams& p) {
    if (v) return Codec<X>::Bind(n, *v, p);
    for (int i = 0; i < kWidth; ++i) p.emplace_back(std::monostate{});
    return Status::Ok();
  }
  static Status Read(std::string_view n, const SqlRow& r, int c, std::optional<X>& v) {
    if (r.IsNull(c)) {
      v.reset();
      return Status::Ok();
    }
    X x{};
    CC_RETURN_IF_ERROR(Codec<X>::Read(n, r, c, x));
    v = std::move(x);
    return Status::Ok();
  }
};

// Values kept as one JSON text column (lists that are never queried alone).
// Json<T> provides ToJson/FromJson.
template <class T>
struct Json;

template <>
struct Json<std::vector<NamedLocation>> {
  static nlohmann::json To(const std::vector<NamedLocation>& v) {
    auto a = nlohmann::json::array();
    for (const auto& l : v)
      a.push_back({{"label", l.label}, {"lat", l.point.lat}, {"lon", l.point.lon}});
    return a;
  }
  static void From(const nlohmann::json& j, std::vector<NamedLocation>& v) {
    v.clear();
    for (const auto& e : j)
      v.push_back({e.at("label").get<std::string>(),
                   {e.at("lat").get<double>(), e.at("lon").get<double>()}});
  }
};

template <>
struct Json<std::vector<std::string>> {
  static nlohmann::json To(const std::vector<std::string>& v) { return v; }
  static void From(const nlohmann::json& j, std::vector<std::string>& v) {
    v = j.get<std::vector<std::string>>();
  }
};

template <>
struct Json<std::vector<FeeBand>> {
  // A lot's line also carries its code, setting and ages; a plain band's
  // line is stored as before migration 10.
  static nlohmann::json To(const std::vector<FeeBand>& v) {
    auto a = nlohmann::json::array();
    for (const auto& f : v) {
      nlohmann::json e = {{"band", EnumCode(f.band)}, {"weeklyFeePence", f.weekly_fee.value()}};
      if (!f.lot.empty()) e["lot"] = f.lot;
      if (f.setting) e["setting"] = EnumCode(*f.setting);
      if (f.min_age != 0 || f.max_age != kMaxChildAge) {
        e["minAge"] = f.min_age;
        e["maxAge"] = f.max_age;
      }
      a.push_back(std::move(e));
    }
    return a;
  }
  static void From(const nlohmann::json& j, std::vector<FeeBand>& v) {
    v.clear();
    for (const auto& e : j) {
      auto band = ParseEnumCode<NeedBand>(e.at("band").get<std::string>());
      if (!band) throw std::runtime_error("unknown band");
      FeeBand f{*band, Pence(e.at("weeklyFeePence").get<std::int64_t>())};
      f.lot = e.value("lot", std::string());
      if (e.contains("setting")) {
        f.setting = ParseEnumCode<Setting>(e.at("setting").get<std::string>());
        if (!f.setting) throw std::runtime_error("unknown setting");
      }
      f.min_age = e.value("minAge", 0);
      f.max_age = e.value("maxAge", kMaxChildAge);
      v.push_back(std::move(f));
    }
  }
};

template <>
struct Json<std::vector<Lot>> {
  static nlohmann::json To(const std::vector<Lot>& v) {
    auto a = nlohmann::json::array();
    for (const Lot& l : v)
      a.push_back({{"code", l.code},
                   {"name", l.name},
                   {"setting", EnumCode(l.setting)},
                   {"band", EnumCode(l.band)},
                   {"minAge", l.min_age},
                   {"maxAge", l.max_age}});
    return a;
  }
  static void From(const nlohmann::json& j, std::vector<Lot>& v) {
    v.clear();
    for (const auto& e : j) {
      auto setting = ParseEnumCode<Setting>(e.at("setting").get<std::string>());
      auto band = ParseEnumCode<NeedBand>(e.at("band").get<std::string>());
      if (!setting || !band) throw std::runtime_error("unknown setting or band");
      v.push_back({e.at("code").get<std::string>(), e.at("name").get<std::string>(), *setting,
                   *band, e.at("minAge").get<int>(), e.at("maxAge").get<int>()});
    }
  }
};

template <>
struct Json<std::vector<Date>> {
  static nlohmann::json To(const std::vector<Date>& v) {
    auto a = nlohmann::json::array();
    for (Date d : v) a.push_back(d.ToIso());
    return a;
  }
  static void From(const nlohmann::json& j, std::vector<Date>& v) {
    v.clear();
    for (const auto& e : j) {
      auto d = Date::ParseIso(e.get<std::string>());
      if (!d.ok()) throw std::runtime_error("bad date");
      v.push_back(*d);
    }
  }
};

template <>
struct Json<AdmissionCriteria> {
  static nlohmann::json To(const AdmissionCriteria& c) {
    return {{"minRating", EnumCode(c.min_rating)},
            {"admitNotYetInspected", c.admit_not_yet_inspected},
            {"minHomes", c.min_homes}};
  }
  static void From(const nlohmann::json& j, AdmissionCriteria& c) {
    auto rating = ParseEnumCode<OfstedRating>(j.at("minRating").get<std::string>());
    if (!rating) throw std::runtime_error("unknown rating");
    c = {*rating, j.at("admitNotYetInspected").get<bool>(), j.at("minHomes").get<int>()};
  }
};

template <>
struct Json<std::vector<HomeId>> {
  static nlohmann::json To(const std::vector<HomeId>& v) {
    auto a = nlohmann::json::array();
    for (HomeId h : v) a.push_back(h.value());
    return a;
  }
  static void From(const nlohmann::json& j, std::vector<HomeId>& v) {
    v.clear();
    for (const auto& e : j) v.push_back(HomeId(e.get<std::int64_t>()));
  }
};

template <>
struct Json<RunningCosts> {
  static nlohmann::json To(const RunningCosts& c) {
    return {{"staffPence", c.staff.value()},
            {"propertyPence", c.property.value()},
            {"otherPence", c.other.value()},
            {"overheadPence", c.overhead.value()}};
  }
  static void From(const nlohmann::json& j, RunningCosts& c) {
    c.staff = Pence(j.at("staffPence").get<std::int64_t>());
    c.property = Pence(j.at("propertyPence").get<std::int64_t>());
    c.other = Pence(j.at("otherPence").get<std::int64_t>());
    c.overhead = Pence(j.at("overheadPence").get<std::int64_t>());
  }
};

template <>
struct Json<ActualPlacement> {
  static nlohmann::json To(const ActualPlacement& a) {
    return {{"totalWeeklyCostPence", a.total_weekly_cost.value()},
            {"placementLocation", a.placement_location},
            {"preferabilityLocation", a.preferability_location},
            {"educationContinuity", a.education_continuity},
            {"providerURN", a.provider_urn},
            {"siblingsPlacedTogether", a.siblings_placed_together},
            {"placementType", EnumCode(a.placement_type)}};
  }
  static void From(const nlohmann::json& j, ActualPlacement& a) {
    a.total_weekly_cost = Pence(j.at("totalWeeklyCostPence").get<std::int64_t>());
    a.placement_location = j.at("placementLocation").get<std::string>();
    a.preferability_location = j.at("preferabilityLocation").get<bool>();
    a.education_continuity = j.at("educationContinuity").get<bool>();
    a.provider_urn = j.at("providerURN").get<std::string>();
    a.siblings_placed_together = j.at("siblingsPlacedTogether").get<int>();
    auto type = ParseEnumCode<AgreedPlacementType>(j.at("placementType").get<std::string>());
    if (!type) throw std::runtime_error("unknown placement type");
    a.placement_type = *type;
  }
};

template <>
struct Json<std::vector<CaseEntry>> {
  static nlohmann::json To(const std::vector<CaseEntry>& v) {
    auto a = nlohmann::json::array();
    for (const CaseEntry& e : v) {
      nlohmann::json j = {{"kind", EnumCode(e.kind)}, {"title", e.title}, {"due", e.due.ToIso()}};
      if (e.completed) j["completed"] = e.completed->ToIso();
      a.push_back(std::move(j));
    }
    return a;
  }
  static void From(const nlohmann::json& j, std::vector<CaseEntry>& v) {
    v.clear();
    for (const auto& e : j) {
      CaseEntry out;
      auto kind = ParseEnumCode<CaseEntryKind>(e.at("kind").get<std::string>());
      auto due = Date::ParseIso(e.at("due").get<std::string>());
      if (!kind || !due.ok()) throw std::runtime_error("bad case entry");
      out.kind = *kind;
      out.title = e.at("title").get<std::string>();
      out.due = *due;
      if (e.contains("completed")) {
        auto done = Date::ParseIso(e.at("completed").get<std::string>());
        if (!done.ok()) throw std::runtime_error("bad case entry");
        out.completed = *done;
      }
      v.push_back(std::move(out));
    }
  }
};

inline Timestamp TimestampOf(const nlohmann::json& j) {
  auto t = ParseTimestamp(j.get<std::string>());
  if (!t.ok()) throw std::runtime_error("bad timestamp");
  return *t;
}

template <>
struct Json<std::vector<SecureSending>> {
  static nlohmann::json To(const std::vector<SecureSending>& v) {
    auto a = nlohmann::json::array();
    for (const SecureSending& s : v) {
      nlohmann::json j = {{"home", s.home.value()},
                          {"sentAt", FormatTimestamp(s.sent_at)},
                          {"decision", EnumCode(s.decision)},
                          {"reason", s.reason}};
      if (s.decided_at) j["decidedAt"] = FormatTimestamp(*s.decided_at);
      a.push_back(std::move(j));
    }
    return a;
  }
  static void From(const nlohmann::json& j, std::vector<SecureSending>& v) {
    v.clear();
    for (const auto& e : j) {
      SecureSending s;
      s.home = HomeId(e.at("home").get<std::int64_t>());
      s.sent_at = TimestampOf(e.at("sentAt"));
      auto decision = ParseEnumCode<SecureDecision>(e.at("decision").get<std::string>());
      if (!decision) throw std::runtime_error("bad decision");
      s.decision = *decision;
      s.reason = e.at("reason").get<std::string>();
      if (e.contains("decidedAt")) s.decided_at = TimestampOf(e.at("decidedAt"));
      v.push_back(std::move(s));
    }
  }
};

template <>
struct Json<std::vector<SecureEvent>> {
  static nlohmann::json To(const std::vector<SecureEvent>& v) {
    auto a = nlohmann::json::array();
    for (const SecureEvent& e : v)
      a.push_back({{"at", FormatTimestamp(e.at)}, {"what", e.what}, {"by", e.by}});
    return a;
  }
  static void From(const nlohmann::json& j, std::vector<SecureEvent>& v) {
    v.clear();
    for (const auto& e : j)
      v.push_back({TimestampOf(e.at("at")), e.at("what").get<std::string>(),
                   e.at("by").get<std::string>()});
  }
};

template <class T>
struct Codec<T, std::void_t<decltype(Json<T>::To(std::declval<const T&>()))>> {
  static constexpr int kWidth = 1;
  static void Names(std::string_view n, std::vector<std::string>& out) { out.emplace_back(n); }
  static Status Bind(std::string_view, const T& v, SqlParams& p) {
    p.emplace_back(Json<T>::To(v).dump());
    return Status::Ok();
  }
  static Status Read(std::string_view n, const SqlRow& r, int c, T& v) {
    try {
      Json<T>::From(nlohmann::json::parse(r.Text(c)), v);
    } catch (const std::exception&) {
      return Corrupt(n, "is not the JSON expected");
    }
    return Status::Ok();
  }
};

// ---------------------------------------------------------------------------
// Mappings: table, scope expressions and fields of each stored type.
//
// council_expr: SQL (over alias t) giving the council a row belongs to, ""
//   when none; rcc_expr/region_expr: direct columns, when the row has them.

template <class T>
struct Mapping;

#define CC_MAPPING_HEADER(Type, table, council, rcc, region) \
  static constexpr const char* kTable = table;               \
  static constexpr const char* kCouncilExpr = council;       \
  static constexpr const char* kRccExpr = rcc;               \
  static constexpr const char* kRegionExpr = region;         \
  using Entity = Type

template <>
struct Mapping<Region> {
  CC_MAPPING_HEADER(Region, "region", "", "", "t.id");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("ons_code", x.ons_code);
    v("name", x.name);
  }
};

template <>
struct Mapping<Council> {
  CC_MAPPING_HEADER(Council, "council", "t.id", "", "t.region_id");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("ons_code", x.ons_code);
    v("dfe_la_code", x.dfe_la_code);
    v("name", x.name);
    v("region_id", x.region);
    v("location", x.location);
    v("cla_2024", x.cla_2024);
  }
};

// member_councils live in rcc_member (one row per council); see store.h.
template <>
struct Mapping<Rcc> {
  CC_MAPPING_HEADER(Rcc, "rcc", "", "t.id", "t.region_id");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("code", x.code);
    v("name", x.name);
    v("region_id", x.region);
  }
};

template <>
struct Mapping<Provider> {
  CC_MAPPING_HEADER(Provider, "provider", "t.council_id", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("name", x.name);
    v("ownership", x.ownership);
    v("group_id", x.group);
    v("council_id", x.council);
    v("ofsted_urn", x.ofsted_urn);
  }
};

template <>
struct Mapping<Home> {
  CC_MAPPING_HEADER(Home, "home", "t.council_id", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("provider_id", x.provider);
    v("name", x.name);
    v("setting", x.setting);
    v("ofsted_urn", x.ofsted_urn);
    v("ofsted_rating", x.ofsted_rating);
    v("last_inspected", x.last_inspected);
    v("council_id", x.council);
    v("location", x.location);
    v("postcode", x.postcode);
    v("registered_places", x.registered_places);
    v("min_age", x.min_age);
    v("max_age", x.max_age);
    v("needs_met", x.needs_met);
    v("risks_managed", x.risks_managed);
    v("max_support_ratio", x.max_support_ratio);
    v("solo_only", x.solo_only);
    v("max_siblings", x.max_siblings);
    v("has_pets", x.has_pets);
    v("connected_person", x.connected_person);
    v("parent_and_child", x.parent_and_child);
    v("running_costs", x.running_costs);
  }
};

template <>
struct Mapping<Vacancy> {
  CC_MAPPING_HEADER(Vacancy, "vacancy", "(SELECT h.council_id FROM home h WHERE h.id = t.home_id)",
                    "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("home_id", x.home);
    v("available_from", x.available_from);
    v("status", x.status);
  }
};

template <>
struct Mapping<Child> {
  CC_MAPPING_HEADER(Child, "child", "t.council_id", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("pseudonym", x.pseudonym);
    v("council_id", x.council);
    v("date_of_birth", x.date_of_birth);
    v("sex", x.sex);
    v("ethnicity", x.ethnicity);
    v("uasc", x.uasc);
    v("category_of_need", x.category_of_need);
    v("family", x.family_location);
    v("school", x.school_location);
    v("care_started", x.care_started);
    v("care_ended", x.care_ended);
    v("reason_ceased", x.reason_ceased);
    v("upn", x.upn);
    v("mother", x.mother);
    v("home_postcode", x.home_postcode);
  }
};

template <>
struct Mapping<Referral> {
  CC_MAPPING_HEADER(Referral, "referral", "t.council_id", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("child_id", x.child);
    v("council_id", x.council);
    v("status", x.status);
    v("created_at", x.created_at);
    v("needed_by", x.needed_by);
    v("sibling_count", x.sibling_count);
    v("parent_and_child", x.parent_and_child);
    v("preferred_location", x.preferred_location);
    v("communication_needs", x.communication_needs);
    v("specific_communication_requirements", x.specific_communication_requirements);
    v("home_adaptation", x.home_adaptation);
    v("cultural_needs", x.cultural_needs);
    v("living_companions", x.living_companions);
    v("pets", x.pets);
    v("additional_support", x.additional_support);
    v("deprivation_of_liberty", x.deprivation_of_liberty);
    v("foster_care_suitability", x.foster_care_suitability);
    v("residential_care_suitability", x.residential_care_suitability);
    v("supported_accommodation_suitability", x.supported_accommodation_suitability);
    v("risks", x.risks);
    v("risk_other", x.risk_other);
    v("risk_to_others_other", x.risk_to_others_other);
    v("actual_placement", x.actual_placement);
    v("referral_officer_name", x.referral_officer_name);
    v("referral_date", x.referral_date);
    v("placement_officer_name", x.placement_officer_name);
    v("placement_date", x.placement_date);
    v("cost_officer_name", x.cost_officer_name);
    v("cost_date", x.cost_date);
    v("planned_or_emergency", x.planned_or_emergency);
    v("latest_start_date", x.latest_start_date);
    v("primary_family_location", x.primary_family_location);
    v("close_to_family_recommended", x.close_to_family_recommended);
    v("in_school", x.in_school);
    v("school_location", x.school_location);
    v("must_continue_school", x.must_continue_school);
    v("other_important_locations", x.other_important_locations);
    v("other_location_visit_frequency", x.other_location_visit_frequency);
    v("locations_to_avoid_known", x.locations_to_avoid_known);
    v("locations_to_avoid", x.locations_to_avoid);
    v("minimum_adult_support_ratio", x.minimum_adult_support_ratio);
    v("child_views", x.child_views);
    v("child_wishes", x.child_wishes);
    v("child_own_wishes", x.child_own_wishes);
    v("provider_summary", x.provider_summary);
    v("withdrawal_reason", x.withdrawal_reason);
  }
};

template <>
struct Mapping<Offer> {
  CC_MAPPING_HEADER(Offer, "offer",
                    "(SELECT r.council_id FROM referral r WHERE r.id = t.referral_id)", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("referral_id", x.referral);
    v("home_id", x.home);
    v("status", x.status);
    v("core_fee", x.core_fee);
    v("staffing_fee", x.staffing_fee);
    v("education_fee", x.education_fee);
    v("transport_fee", x.transport_fee);
    v("start_date", x.start_date);
    v("conditions", x.conditions);
    v("decline_reason", x.decline_reason);
    v("deadline", x.deadline);
    v("created_at", x.created_at);
    v("withdrawal_reason", x.withdrawal_reason);
    v("child_view", x.child_view);
    v("child_view_why", x.child_view_why);
  }
};

template <>
struct Mapping<Proposal> {
  CC_MAPPING_HEADER(Proposal, "proposal",
                    "(SELECT r.council_id FROM referral r WHERE r.id = t.referral_id)", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("referral_id", x.referral);
    v("offer_id", x.offer);
    v("proposed_by", x.proposed_by);
    v("child_views", x.child_views);
    v("rank", x.rank);
    v("reason_not_top", x.reason_not_top);
    v("reason_against_child_view", x.reason_against_child_view);
    v("status", x.status);
    v("created_at", x.created_at);
  }
};

template <>
struct Mapping<ScrutinyDecision> {
  CC_MAPPING_HEADER(ScrutinyDecision, "scrutiny_decision",
                    "(SELECT r.council_id FROM proposal p JOIN referral r ON r.id = p.referral_id "
                    "WHERE p.id = t.proposal_id)",
                    "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("proposal_id", x.proposal);
    v("officer", x.officer);
    v("outcome", x.outcome);
    v("reasons", x.reasons);
    v("decided_at", x.decided_at);
  }
};

template <>
struct Mapping<Placement> {
  CC_MAPPING_HEADER(Placement, "placement", "t.council_id", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("child_id", x.child);
    v("council_id", x.council);
    v("referral_id", x.referral);
    v("home_id", x.home);
    v("vacancy_id", x.vacancy);
    v("contract_id", x.contract);
    v("start_date", x.start);
    v("end_date", x.end);
    v("place_code", x.place_code);
    v("provider_code", x.provider_code);
    v("legal_status", x.legal_status);
    v("postcode", x.postcode);
    v("need_band", x.need_band);
    v("weekly_fee", x.weekly_fee);
    v("reason_place_change", x.reason_place_change);
    v("reason_ceased", x.reason_ceased);
    v("emergency", x.emergency);
    v("staffing_fee", x.staffing_fee);
    v("education_fee", x.education_fee);
    v("transport_fee", x.transport_fee);
    v("health_share_bp", x.health_share_bp);
    v("education_share_bp", x.education_share_bp);
  }
};

template <>
struct Mapping<Contract> {
  CC_MAPPING_HEADER(Contract, "contract", "", "t.rcc_id", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("provider_id", x.provider);
    v("rcc_id", x.rcc);
    v("type", x.type);
    v("reference", x.reference);
    v("start_date", x.start);
    v("end_date", x.end);
    v("fees", x.fees);
    v("block_places", x.block_places);
    v("block_homes", x.block_homes);
    v("status", x.status);
    v("inherited_from_council_id", x.inherited_from);
    v("decision", x.decision);
    v("uplift_cap_bp", x.uplift_cap_bp);
    v("framework_id", x.framework);
    v("national", x.national);
    v("void_share_bp", x.void_share_bp);
  }
};

template <>
struct Mapping<Framework> {
  CC_MAPPING_HEADER(Framework, "framework", "", "t.rcc_id", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("rcc_id", x.rcc);
    v("route", x.route);
    v("reference", x.reference);
    v("title", x.title);
    v("start_date", x.start);
    v("end_date", x.end);
    v("lots", x.lots);
    v("reopenings", x.reopenings);
    v("criteria", x.criteria);
    v("uplift_cap_bp", x.uplift_cap_bp);
    v("status", x.status);
  }
};

template <>
struct Mapping<ProviderGroup> {
  CC_MAPPING_HEADER(ProviderGroup, "provider_group", "", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("name", x.name);
    v("company_number", x.company_number);
    v("parent_id", x.parent);
    v("cost_of_capital_bp", x.cost_of_capital_bp);
  }
};

template <>
struct Mapping<FinancialReturn> {
  CC_MAPPING_HEADER(FinancialReturn, "financial_return", "", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("group_id", x.group);
    v("year", x.year);
    v("revenue", x.revenue);
    v("staff_costs", x.staff_costs);
    v("property_costs", x.property_costs);
    v("related_party_rent", x.related_party_rent);
    v("management_charges", x.management_charges);
    v("other_costs", x.other_costs);
    v("operating_profit", x.operating_profit);
    v("market_rent", x.market_rent);
    v("debt", x.debt);
    v("connected_debt", x.connected_debt);
    v("interest", x.interest);
    v("connected_interest", x.connected_interest);
    v("cash", x.cash);
    v("capital_employed", x.capital_employed);
    v("parent_company_number", x.parent_company_number);
    v("submitted", x.submitted);
  }
};

template <>
struct Mapping<OversightCase> {
  CC_MAPPING_HEADER(OversightCase, "oversight_case", "", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("group_id", x.group);
    v("kind", x.kind);
    v("reason", x.reason);
    v("opened", x.opened);
    v("closed", x.closed);
    v("outcome", x.outcome);
    v("entries", x.entries);
  }
};

template <>
struct Mapping<ReceivedReturn> {
  CC_MAPPING_HEADER(ReceivedReturn, "rcc_return", "", "t.rcc_id", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("rcc_id", x.rcc);
    v("quarter", x.quarter);
    v("produced", x.produced);
    v("received_at", x.received_at);
    v("received_by", x.received_by);
    v("format_version", x.format_version);
    v("body", x.body);
  }
};

template <>
struct Mapping<SecureReferral> {
  CC_MAPPING_HEADER(SecureReferral, "secure_referral", "t.council_id", "t.rcc_id", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("referral_id", x.referral);
    v("council_id", x.council);
    v("rcc_id", x.rcc);
    v("order_made", x.order_made);
    v("referred_at", x.referred_at);
    v("referred_by", x.referred_by);
    v("status", x.status);
    v("placed_home_id", x.placed_home);
    v("placed_at", x.placed_at);
    v("across_border", x.across_border);
    v("withdrawn_reason", x.withdrawn_reason);
    v("sendings", x.sendings);
    v("history", x.history);
  }
};

template <>
struct Mapping<DolOrder> {
  CC_MAPPING_HEADER(DolOrder, "dol_order", "t.council_id", "t.rcc_id", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("child_id", x.child);
    v("council_id", x.council);
    v("rcc_id", x.rcc);
    v("court", x.court);
    v("start_date", x.start);
    v("end_date", x.end);
    v("review_on", x.review_on);
    v("setting", x.setting);
    v("setting_registered", x.setting_registered);
    v("recorded_at", x.recorded_at);
    v("recorded_by", x.recorded_by);
  }
};

template <>
struct Mapping<UnregisteredPlacement> {
  CC_MAPPING_HEADER(UnregisteredPlacement, "unregistered_placement", "t.council_id", "t.rcc_id",
                    "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("child_id", x.child);
    v("council_id", x.council);
    v("rcc_id", x.rcc);
    v("setting", x.setting);
    v("start_date", x.start);
    v("end_date", x.end);
    v("weekly_cost", x.weekly_cost);
    v("exit_plan", x.exit_plan);
    v("exit_by", x.exit_by);
    v("dol_order_id", x.dol_order);
    v("recorded_at", x.recorded_at);
    v("recorded_by", x.recorded_by);
  }
};

template <>
struct Mapping<Payment> {
  CC_MAPPING_HEADER(Payment, "payment", "t.council_id", "t.rcc_id", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("placement_id", x.placement);
    v("rcc_id", x.rcc);
    v("council_id", x.council);
    v("week_start", x.week_start);
    v("amount", x.amount);
    v("status", x.status);
    v("core", x.core);
    v("staffing", x.staffing);
    v("education", x.education);
    v("transport", x.transport);
    v("recovered", x.recovered);
    v("recovered_in", x.recovered_in);
    v("run_id", x.run);
  }
};

template <>
struct Mapping<PaymentRun> {
  CC_MAPPING_HEADER(PaymentRun, "payment_run", "", "t.rcc_id", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("rcc_id", x.rcc);
    v("week_from", x.week_from);
    v("created_at", x.created_at);
    v("created_by", x.created_by);
    v("placements_paid", x.placements_paid);
    v("paid", x.paid);
    v("voids", x.voids);
    v("recovered", x.recovered);
  }
};

template <>
struct Mapping<BlockUtilisation> {
  CC_MAPPING_HEADER(BlockUtilisation, "block_utilisation", "", "t.rcc_id", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("contract_id", x.contract);
    v("rcc_id", x.rcc);
    v("week_from", x.week_from);
    v("reserved", x.reserved);
    v("used", x.used);
    v("voids", x.voids);
    v("void_cost", x.void_cost);
  }
};

template <>
struct Mapping<BudgetLine> {
  CC_MAPPING_HEADER(BudgetLine, "budget_line", "t.council_id", "t.rcc_id", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("rcc_id", x.rcc);
    v("council_id", x.council);
    v("year", x.year);
    v("basis", x.basis);
    v("weight", x.weight);
    v("amount", x.amount);
  }
};

template <>
struct Mapping<CarerApplication> {
  CC_MAPPING_HEADER(CarerApplication, "carer_application", "t.council_id", "", "");
  template <class V, class X>
  static void Fields(V& v, X& x) {
    v("provider_id", x.provider);
    v("council_id", x.council);
    v("enquiry", x.enquiry);
    v("application", x.application);
    v("assessment", x.assessment);
    v("approval", x.approval);
    v("resignation", x.resignation);
  }
};

#undef CC_MAPPING_HEADER

// ---------------------------------------------------------------------------
// Visitors over Fields().

// Collects column names in order.
struct ColumnNames {
  std::vector<std::string> names;
  template <class F>
  void operator()(std::string_view n, const F&) {
    Codec<F>::Names(n, names);
  }
};

// Appends the values of a const object, in column order.
struct Binder {
  SqlParams& params;
  Status status;
  template <class F>
  void operator()(std::string_view n, const F& f) {
    if (status.ok()) status = Codec<F>::Bind(n, f, params);
  }
};

// Reads a row into an object, starting at column `next`.
struct Reader {
  const SqlRow& row;
  int next;
  Status status;
  template <class F>
  void operator()(std::string_view n, F& f) {
    if (status.ok()) status = Codec<F>::Read(n, row, next, f);
    next += Codec<F>::kWidth;
  }
};

// A reference to another stored record, to check before writing.
struct Reference {
  std::string column;
  const char* table;
  std::int64_t id;
};

struct ReferenceCollector {
  std::vector<Reference> refs;
  template <class E>
  void operator()(std::string_view n, const Id<E>& id) {
    refs.push_back({std::string(n), Mapping<E>::kTable, id.value()});
  }
  template <class E>
  void operator()(std::string_view n, const std::optional<Id<E>>& id) {
    if (id) (*this)(n, *id);
  }
  template <class F>
  void operator()(std::string_view, const F&) {}
};

// Finds the column that refers to a parent of type P.
template <class P>
struct ParentColumn {
  std::string column;
  void operator()(std::string_view n, const Id<P>&) { column = n; }
  void operator()(std::string_view n, const std::optional<Id<P>>&) { column = n; }
  template <class F>
  void operator()(std::string_view, const F&) {}
};

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_MAPPING_H_
