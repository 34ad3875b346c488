// A flat open-addressing hash index from firm id to firm index. Each 32-byte slot holds the
// hash, the index and the id itself when it has at most 19 bytes (the usual case), so resolving
// a link's supplier and buyer touches one cache line per id instead of the several nodes of
// std::unordered_map plus the firm record. Longer ids are compared against the firm array.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include <diligence/model/firm.hpp>

namespace diligence::model::detail {

class IdIndex {
 public:
  /// Makes room for `n` ids without rehashing.
  void reserve(std::size_t n) {
    if (n * 2 > slots_.size()) rehash(n * 2);
  }

  /// Index of the firm with this id, or kNoFirm.
  [[nodiscard]] FirmIndex find(std::span<const Firm> firms, std::string_view id) const noexcept {
    if (slots_.empty()) return kNoFirm;
    const std::uint64_t h = hash(id);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == kNoFirm) return kNoFirm;
      if (s.hash == h && matches(s, firms, id)) return s.index;
    }
  }

  /// Adds firm `index` (whose id is `firms[index].id`); returns the index already holding this id,
  /// or kNoFirm when it was added.
  FirmIndex insert(std::span<const Firm> firms, FirmIndex index) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(16, slots_.size() * 2));
    const std::string_view id = firms[index].id;
    const std::uint64_t h = hash(id);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.index == kNoFirm) {
        s.hash = h;
        s.index = index;
        s.length = static_cast<std::uint8_t>(std::min<std::size_t>(id.size(), 255));
        std::memcpy(s.inline_id, id.data(), std::min(id.size(), kInline));
        ++size_;
        return kNoFirm;
      }
      if (s.hash == h && matches(s, firms, id)) return s.index;
    }
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  static constexpr std::size_t kInline = 19;
  struct alignas(32) Slot {
    std::uint64_t hash = 0;
    FirmIndex index = kNoFirm;
    std::uint8_t length = 0;
    char inline_id[kInline] = {};
  };
  static_assert(sizeof(Slot) == 32);

  static bool matches(const Slot& s, std::span<const Firm> firms, std::string_view id) noexcept {
    if (id.size() <= kInline)
      return s.length == id.size() && std::memcmp(s.inline_id, id.data(), id.size()) == 0;
    return firms[s.index].id == id;
  }
  static std::uint64_t hash(std::string_view id) noexcept {
    return std::hash<std::string_view>{}(id);
  }

  void rehash(std::size_t want) {
    std::size_t cap = 16;
    while (cap < want) cap *= 2;
    std::vector<Slot> old(cap);
    old.swap(slots_);
    mask_ = cap - 1;
    for (const Slot& s : old) {
      if (s.index == kNoFirm) continue;
      std::size_t i = s.hash & mask_;
      while (slots_[i].index != kNoFirm) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace diligence::model::detail
