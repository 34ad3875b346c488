// A flat open-addressing hash index from firm id to firm index. Each 16-byte slot holds the index,
// the id's length and the id itself when it has at most 11 bytes (the usual case), so resolving a
// link's supplier and buyer touches one cache line per id instead of the several nodes of
// std::unordered_map plus the firm record. Longer ids keep their first 11 bytes in the slot and
// are compared in full against the firm array. The table is filled to at most 70 %, so 10 million
// firms take 16.7 million slots (268 MB). Hashes are not stored: growing the table hashes the ids
// again, which costs less than the memory a stored hash would take at every slot.
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
  /// Makes room for `n` ids without rehashing; `firms` holds the ids already inserted.
  void reserve(std::span<const Firm> firms, std::size_t n) {
    if (n > max_load(slots_.size())) rehash(firms, n);
  }

  /// Index of the firm with this id, or kNoFirm.
  [[nodiscard]] FirmIndex find(std::span<const Firm> firms, std::string_view id) const noexcept {
    if (slots_.empty()) return kNoFirm;
    for (std::size_t i = hash(id) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == kNoFirm) return kNoFirm;
      if (matches(s, firms, id)) return s.index;
    }
  }

  /// Adds firm `index` (whose id is `firms[index].id`); returns the index already holding this id,
  /// or kNoFirm when it was added.
  FirmIndex insert(std::span<const Firm> firms, FirmIndex index) {
    if (size_ + 1 > max_load(slots_.size())) rehash(firms, std::max<std::size_t>(16, size_ * 2));
    const std::string_view id = firms[index].id;
    for (std::size_t i = hash(id) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.index == kNoFirm) {
        s.index = index;
        s.length = static_cast<std::uint8_t>(std::min<std::size_t>(id.size(), 255));
        std::memcpy(s.inline_id, id.data(), std::min(id.size(), kInline));
        ++size_;
        return kNoFirm;
      }
      if (matches(s, firms, id)) return s.index;
    }
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  static constexpr std::size_t kInline = 11;
  struct Slot {
    FirmIndex index = kNoFirm;
    std::uint8_t length = 0;  // id length, 255 for 255 and more
    char inline_id[kInline] = {};
  };
  static_assert(sizeof(Slot) == 16);

  /// Most ids a table of `slots` slots may hold (70 %).
  static std::size_t max_load(std::size_t slots) noexcept { return slots / 10 * 7; }

  static bool matches(const Slot& s, std::span<const Firm> firms, std::string_view id) noexcept {
    if (id.size() <= kInline)
      return s.length == id.size() && std::memcmp(s.inline_id, id.data(), id.size()) == 0;
    return s.length == std::min<std::size_t>(id.size(), 255) &&
           std::memcmp(s.inline_id, id.data(), kInline) == 0 && firms[s.index].id == id;
  }
  static std::uint64_t hash(std::string_view id) noexcept {
    return std::hash<std::string_view>{}(id);
  }
  static std::string_view id_of(const Slot& s, std::span<const Firm> firms) noexcept {
    if (s.length <= kInline) return {s.inline_id, s.length};
    return firms[s.index].id;
  }

  /// Grows the table to hold at least `ids` ids.
  void rehash(std::span<const Firm> firms, std::size_t ids) {
    std::size_t cap = 16;
    while (max_load(cap) < ids) cap *= 2;
    std::vector<Slot> old(cap);
    old.swap(slots_);
    mask_ = cap - 1;
    for (const Slot& s : old) {
      if (s.index == kNoFirm) continue;
      std::size_t i = hash(id_of(s, firms)) & mask_;
      while (slots_[i].index != kNoFirm) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace diligence::model::detail
