// JSON for the API: every stored type is written and read through its one
// store mapping (store/mapping.h), so the API's fields are the store's
// columns in camelCase (child_id -> childId) and cannot drift from them.
// Money is integer pence; dates are "YYYY-MM-DD"; timestamps ISO 8601 UTC;
// enums their stable codes; sets of codes arrays of codes; points
// {"lat","lon"}; named places {"label","lat","lon"}.
//
// Reading is strict: a field of the wrong type, an unknown field, a field the
// server sets, or (when every field is required) a missing one is an
// InvalidArgument naming the field.
#ifndef CARECOOP_API_JSON_H_
#define CARECOOP_API_JSON_H_

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <type_traits>

#include "store/mapping.h"

namespace carecoop::api {

using nlohmann::json;

namespace jsoncodec {

inline Status Expect(const std::string& field, const char* what) {
  return InvalidArgument(field, std::string("must be ") + what);
}

inline json To(const std::string& v) { return v; }
inline Status From(const json& j, std::string& v, const std::string& f) {
  if (!j.is_string()) return Expect(f, "a string");
  v = j.get<std::string>();
  if (v.find('\0') != std::string::npos) return Expect(f, "text without NUL characters");
  return Status::Ok();
}

inline json To(bool v) { return v; }
inline Status From(const json& j, bool& v, const std::string& f) {
  if (!j.is_boolean()) return Expect(f, "true or false");
  v = j.get<bool>();
  return Status::Ok();
}

template <class I>
requires(std::is_integral_v<I> && !std::is_same_v<I, bool>) json To(I v) { return v; }
template <class I>
requires(std::is_integral_v<I> && !std::is_same_v<I, bool>) Status
    From(const json& j, I& v, const std::string& f) {
  if (!j.is_number_integer()) return Expect(f, "a whole number");
  auto x = j.get<std::int64_t>();
  if (x < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
      (x > 0 &&
       static_cast<std::uint64_t>(x) > static_cast<std::uint64_t>(std::numeric_limits<I>::max())))
    return Expect(f, "a whole number in range");
  v = static_cast<I>(x);
  return Status::Ok();
}

inline json To(double v) { return v; }
inline Status From(const json& j, double& v, const std::string& f) {
  if (!j.is_number()) return Expect(f, "a number");
  v = j.get<double>();
  if (!std::isfinite(v)) return Expect(f, "a finite number");
  return Status::Ok();
}

inline json To(Date v) { return v.ToIso(); }
inline Status From(const json& j, Date& v, const std::string& f) {
  if (!j.is_string()) return Expect(f, "a date, YYYY-MM-DD");
  auto d = Date::ParseIso(j.get<std::string>(), f);
  if (!d.ok()) return d.status();
  v = *d;
  return Status::Ok();
}

inline json To(Timestamp v) { return FormatTimestamp(v); }
inline Status From(const json& j, Timestamp& v, const std::string& f) {
  if (!j.is_string()) return Expect(f, "a timestamp, YYYY-MM-DDTHH:MM:SSZ");
  auto t = ParseTimestamp(j.get<std::string>(), f);
  if (!t.ok()) return t.status();
  v = *t;
  return Status::Ok();
}

inline json To(Pence v) { return v.value(); }
inline Status From(const json& j, Pence& v, const std::string& f) {
  std::int64_t x = 0;
  CC_RETURN_IF_ERROR(From(j, x, f));
  v = Pence(x);
  return Status::Ok();
}

template <class E>
json To(Id<E> v) {
  return v.value();
}
template <class E>
Status From(const json& j, Id<E>& v, const std::string& f) {
  std::int64_t x = 0;
  if (!j.is_number_integer() || (x = j.get<std::int64_t>()) < 1)
    return Expect(f, "a record id (a whole number from 1)");
  v = Id<E>(x);
  return Status::Ok();
}

template <class E>
requires std::is_enum_v<E> json To(E v) { return std::string(EnumCode(v)); }
template <class E>
requires std::is_enum_v<E> Status From(const json& j, E& v, const std::string& f) {
  std::optional<E> e;
  if (j.is_string()) e = ParseEnumCode<E>(j.get<std::string>());
  if (!e) return InvalidArgument(f, "must be one of " + EnumCodeList<E>());
  v = *e;
  return Status::Ok();
}

template <class E>
json To(EnumSet<E> v) {
  json a = json::array();
  for (E e : v.Values()) a.push_back(std::string(EnumCode(e)));
  return a;
}
template <class E>
Status From(const json& j, EnumSet<E>& v, const std::string& f) {
  if (!j.is_array()) return InvalidArgument(f, "must be a list of " + EnumCodeList<E>());
  EnumSet<E> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    E e{};
    CC_RETURN_IF_ERROR(From(j[i], e, f + "[" + std::to_string(i) + "]"));
    out.Add(e);
  }
  v = out;
  return Status::Ok();
}

inline json To(const LatLon& v) { return {{"lat", v.lat}, {"lon", v.lon}}; }
inline Status From(const json& j, LatLon& v, const std::string& f) {
  if (!j.is_object() || !j.contains("lat") || !j.contains("lon") || j.size() != 2)
    return Expect(f, "a point {\"lat\": ..., \"lon\": ...}");
  CC_RETURN_IF_ERROR(From(j["lat"], v.lat, f + ".lat"));
  return From(j["lon"], v.lon, f + ".lon");
}

inline json To(const NamedLocation& v) {
  return {{"label", v.label}, {"lat", v.point.lat}, {"lon", v.point.lon}};
}
inline Status From(const json& j, NamedLocation& v, const std::string& f) {
  if (!j.is_object() || !j.contains("label") || !j.contains("lat") || !j.contains("lon") ||
      j.size() != 3)
    return Expect(f, "a place {\"label\": ..., \"lat\": ..., \"lon\": ...}");
  CC_RETURN_IF_ERROR(From(j["label"], v.label, f + ".label"));
  CC_RETURN_IF_ERROR(From(j["lat"], v.point.lat, f + ".lat"));
  return From(j["lon"], v.point.lon, f + ".lon");
}

// A fee line: a band's fee, or a framework lot's (lot, setting, ages).
inline json To(const FeeBand& v) {
  json j = {{"band", To(v.band)}, {"weeklyFee", v.weekly_fee.value()}};
  if (!v.lot.empty()) j["lot"] = v.lot;
  if (v.setting) j["setting"] = To(*v.setting);
  if (v.min_age != 0 || v.max_age != kMaxChildAge) {
    j["minAge"] = v.min_age;
    j["maxAge"] = v.max_age;
  }
  return j;
}
inline Status From(const json& j, FeeBand& v, const std::string& f) {
  static const std::set<std::string> kKeys = {"band",    "weeklyFee", "lot",
                                              "setting", "minAge",    "maxAge"};
  bool known = j.is_object() && j.contains("band") && j.contains("weeklyFee");
  if (known)
    for (const auto& [key, _] : j.items()) known = known && kKeys.count(key);
  if (!known)
    return Expect(f,
                  "a fee line {\"band\": ..., \"weeklyFee\": pence} (optionally \"lot\", "
                  "\"setting\", \"minAge\", \"maxAge\")");
  v = FeeBand{};
  CC_RETURN_IF_ERROR(From(j["band"], v.band, f + ".band"));
  if (j.contains("lot")) CC_RETURN_IF_ERROR(From(j["lot"], v.lot, f + ".lot"));
  if (j.contains("setting")) {
    Setting setting{};
    CC_RETURN_IF_ERROR(From(j["setting"], setting, f + ".setting"));
    v.setting = setting;
  }
  if (j.contains("minAge")) CC_RETURN_IF_ERROR(From(j["minAge"], v.min_age, f + ".minAge"));
  if (j.contains("maxAge")) CC_RETURN_IF_ERROR(From(j["maxAge"], v.max_age, f + ".maxAge"));
  return From(j["weeklyFee"], v.weekly_fee, f + ".weeklyFee");
}

inline json To(const Lot& v) {
  return {{"code", v.code},     {"name", v.name},      {"setting", To(v.setting)},
          {"band", To(v.band)}, {"minAge", v.min_age}, {"maxAge", v.max_age}};
}
inline Status From(const json& j, Lot& v, const std::string& f) {
  if (!j.is_object() || j.size() != 6 || !j.contains("code") || !j.contains("name") ||
      !j.contains("setting") || !j.contains("band") || !j.contains("minAge") ||
      !j.contains("maxAge"))
    return Expect(f,
                  "a lot {\"code\", \"name\", \"setting\", \"band\", \"minAge\", "
                  "\"maxAge\"}");
  CC_RETURN_IF_ERROR(From(j["code"], v.code, f + ".code"));
  CC_RETURN_IF_ERROR(From(j["name"], v.name, f + ".name"));
  CC_RETURN_IF_ERROR(From(j["setting"], v.setting, f + ".setting"));
  CC_RETURN_IF_ERROR(From(j["band"], v.band, f + ".band"));
  CC_RETURN_IF_ERROR(From(j["minAge"], v.min_age, f + ".minAge"));
  return From(j["maxAge"], v.max_age, f + ".maxAge");
}

inline json To(const AdmissionCriteria& v) {
  return {{"minRating", To(v.min_rating)},
          {"admitNotYetInspected", v.admit_not_yet_inspected},
          {"minHomes", v.min_homes}};
}
inline Status From(const json& j, AdmissionCriteria& v, const std::string& f) {
  if (!j.is_object() || j.size() != 3 || !j.contains("minRating") ||
      !j.contains("admitNotYetInspected") || !j.contains("minHomes"))
    return Expect(f, "criteria {\"minRating\", \"admitNotYetInspected\", \"minHomes\"}");
  CC_RETURN_IF_ERROR(From(j["minRating"], v.min_rating, f + ".minRating"));
  CC_RETURN_IF_ERROR(
      From(j["admitNotYetInspected"], v.admit_not_yet_inspected, f + ".admitNotYetInspected"));
  return From(j["minHomes"], v.min_homes, f + ".minHomes");
}

inline json To(const RunningCosts& v) {
  return {{"staff", v.staff.value()},
          {"property", v.property.value()},
          {"other", v.other.value()},
          {"overhead", v.overhead.value()}};
}
inline Status From(const json& j, RunningCosts& v, const std::string& f) {
  if (!j.is_object() || j.size() != 4 || !j.contains("staff") || !j.contains("property") ||
      !j.contains("other") || !j.contains("overhead"))
    return Expect(f,
                  "running costs a year {\"staff\", \"property\", \"other\", "
                  "\"overhead\"} in pence");
  CC_RETURN_IF_ERROR(From(j["staff"], v.staff, f + ".staff"));
  CC_RETURN_IF_ERROR(From(j["property"], v.property, f + ".property"));
  CC_RETURN_IF_ERROR(From(j["other"], v.other, f + ".other"));
  return From(j["overhead"], v.overhead, f + ".overhead");
}

inline json To(const CaseEntry& v) {
  json j = {{"kind", To(v.kind)}, {"title", v.title}, {"due", v.due.ToIso()}};
  j["completed"] = v.completed ? json(v.completed->ToIso()) : json();
  return j;
}
inline Status From(const json&, CaseEntry&, const std::string& f) {
  return Expect(f, "entries recorded one at a time (PATCH /api/oversight/cases/{id})");
}

inline json To(const ActualPlacement& v) { return store::Json<ActualPlacement>::To(v); }
inline Status From(const json& j, ActualPlacement& v, const std::string& f) {
  try {
    store::Json<ActualPlacement>::From(j, v);
  } catch (const std::exception&) {
    return Expect(f, "an agreed placement with every field of the standard's ActualPlacement");
  }
  return Status::Ok();
}

template <class X>
json To(const std::vector<X>& v) {
  json a = json::array();
  for (const X& x : v) a.push_back(To(x));
  return a;
}
template <class X>
Status From(const json& j, std::vector<X>& v, const std::string& f) {
  if (!j.is_array()) return Expect(f, "a list");
  std::vector<X> out(j.size());
  for (std::size_t i = 0; i < j.size(); ++i)
    CC_RETURN_IF_ERROR(From(j[i], out[i], f + "[" + std::to_string(i) + "]"));
  v = std::move(out);
  return Status::Ok();
}

template <class X>
json To(const std::optional<X>& v) {
  return v ? To(*v) : json(nullptr);
}
template <class X>
Status From(const json& j, std::optional<X>& v, const std::string& f) {
  if (j.is_null()) {
    v.reset();
    return Status::Ok();
  }
  X x{};
  CC_RETURN_IF_ERROR(From(j, x, f));
  v = std::move(x);
  return Status::Ok();
}

template <class F>
struct IsOptional : std::false_type {};
template <class X>
struct IsOptional<std::optional<X>> : std::true_type {};

struct Writer {
  json& out;
  template <class F>
  void operator()(std::string_view column, const F& f) {
    out[store::ColumnToField(column)] = To(f);
  }
};

struct Reader {
  const json& in;
  const std::set<std::string>& server_fields;
  bool require_all;
  std::set<std::string> seen;
  Status status;
  template <class F>
  void operator()(std::string_view column, F& f) {
    if (!status.ok()) return;
    std::string name = store::ColumnToField(column);
    if (server_fields.count(name)) return;
    auto it = in.find(name);
    if (it == in.end()) {
      if (require_all && !IsOptional<F>::value) status = InvalidArgument(name, "is required");
      return;
    }
    seen.insert(name);
    status = From(*it, f, name);
  }
};

}  // namespace jsoncodec

// {"id": ..., "version": ..., every field}.
template <class T>
json ToJson(const T& value) {
  json out = {{"id", value.id.value()}, {"version", value.version}};
  jsoncodec::Writer w{out};
  store::Mapping<T>::Fields(w, value);
  return out;
}

// Reads the fields present in `in` into `value`. `server_fields` are the
// ones a client may not send; `allowed_extra` are keys the caller reads
// itself (e.g. "version"). With `require_all`, every non-optional field that
// is not a server field must be present.
template <class T>
Status FromJson(const json& in, T& value, const std::set<std::string>& server_fields,
                bool require_all, const std::set<std::string>& allowed_extra = {}) {
  if (!in.is_object()) return InvalidArgument("body", "must be a JSON object");
  jsoncodec::Reader r{in, server_fields, require_all, {}, {}};
  store::Mapping<T>::Fields(r, value);
  CC_RETURN_IF_ERROR(r.status);
  for (const auto& [key, _] : in.items()) {
    if (r.seen.count(key) || allowed_extra.count(key)) continue;
    if (server_fields.count(key) || key == "id")
      return InvalidArgument(key, "is set by the server");
    // An empty key still gets a field to name: the body it is in.
    if (key.empty())
      return InvalidArgument("body", std::string("has an empty key, which is not a field of a ") +
                                         store::Mapping<T>::kTable);
    return InvalidArgument(key, std::string("is not a field of a ") + store::Mapping<T>::kTable);
  }
  return Status::Ok();
}

}  // namespace carecoop::api

#endif  // CARECOOP_API_JSON_H_
