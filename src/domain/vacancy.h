// Vacancy: one free place in a home, from a date. A vacancy is booked at
// most once: the store enforces it (see store/schema.cc).
#ifndef CARECOOP_DOMAIN_VACANCY_H_
#define CARECOOP_DOMAIN_VACANCY_H_

#include <array>
#include <cstdint>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

enum class VacancyStatus : std::uint8_t { kOpen, kBooked, kWithdrawn };

template <>
struct EnumInfo<VacancyStatus> {
  static constexpr std::array<EnumEntry<VacancyStatus>, 3> kEntries = {{
      {VacancyStatus::kOpen, "open", "Open"},
      {VacancyStatus::kBooked, "booked", "Booked"},
      {VacancyStatus::kWithdrawn, "withdrawn", "Withdrawn"},
  }};
};

struct Vacancy {
  VacancyId id;
  std::int64_t version = 0;
  HomeId home;
  Date available_from;
  VacancyStatus status = VacancyStatus::kOpen;

  friend bool operator==(const Vacancy&, const Vacancy&) = default;
};

Status Validate(const Vacancy& vacancy);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_VACANCY_H_
