// Strong identifiers: Id<Home> and Id<Child> are different types, so a home's
// id cannot be passed where a child's is expected. Values are the store's
// 64-bit row ids; 0 means "not yet stored".
#ifndef CARECOOP_CORE_IDS_H_
#define CARECOOP_CORE_IDS_H_

#include <compare>
#include <cstdint>
#include <functional>

namespace carecoop {

template <class Entity>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  std::int64_t value_ = 0;
};

}  // namespace carecoop

template <class Entity>
struct std::hash<carecoop::Id<Entity>> {
  std::size_t operator()(carecoop::Id<Entity> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value());
  }
};

#endif  // CARECOOP_CORE_IDS_H_
