#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cadview {

// The attributes of DICOM PS3.15 Annex E, Table E.1-1 ("Application Level Confidentiality Profile
// Attributes") with the action of the Basic Application Level Confidentiality Profile column, and the
// action cadview applies for it (the most conservative one that keeps the IODs' type 2 attributes).
class ConfidentialityProfile {
  public:
    enum class Action {
        Remove,         // X
        Empty,          // Z: zero length (an empty sequence for SQ)
        Dummy,          // D: a dummy value of the VR (an empty sequence for SQ)
        ReplaceUid,     // U: keyed-hash UID
        CleanSequence,  // X/Z/U*: keep the sequence, remap its UIDs and clean its items with this table
    };

    struct Entry {
        std::uint16_t group = 0, element = 0;
        std::uint16_t groupMask = 0xFFFF, elementMask = 0xFFFF;  // 50xx,xxxx and 60xx,3000 rows
        const char* tableAction = "";                            // as printed in Table E.1-1: "X/Z/D"
        const char* name = "";
        Action action = Action::Remove;  // what cadview does
    };

    // Every row, in tag order.
    static const std::vector<Entry>& entries();
    // The row for a tag, or nullptr.
    static const Entry* find(std::uint16_t group, std::uint16_t element);
    // The action's letter as written in the CSV: X, Z, D, U or U*.
    static const char* letter(Action action);
    // "tag,table_action,action,name" with tag as GGGGEEEE (x for any hex digit); one row per entry.
    static std::string csv();
};

}  // namespace cadview
