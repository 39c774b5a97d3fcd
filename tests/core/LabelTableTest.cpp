// The label table: values, lookups, and its JSON and ITK-SNAP label description forms.
#include <gtest/gtest.h>

#include "annotation/LabelTable.h"

namespace cadview {
namespace {

LabelTable sampleTable() {
    LabelTable table;
    table.set({3, "Liver", {221, 130, 101}, true, false});
    table.set({1, "Tumour \"core\"", {255, 0, 0}, false, true});
    table.set({200, "Kidney left", {185, 102, 83}, true, false});
    return table;
}

TEST(LabelTable, KeepsEntriesSortedAndFindsFreeValues) {
    LabelTable table = sampleTable();
    ASSERT_EQ(table.entries().size(), 3u);
    EXPECT_EQ(table.entries()[0].value, 1);
    EXPECT_EQ(table.entries()[2].value, 200);
    EXPECT_EQ(table.nextFreeValue(), 2);
    EXPECT_THROW(table.set({0, "background"}), std::invalid_argument);
    EXPECT_THROW(table.set({256, "too big"}), std::invalid_argument);
    table.set({3, "Liver renamed", {1, 2, 3}});
    EXPECT_EQ(table.entries().size(), 3u);
    EXPECT_EQ(table.find(3)->name, "Liver renamed");
    EXPECT_TRUE(table.remove(3));
    EXPECT_FALSE(table.remove(3));
    table.addMissing({1, 5, 0, 300});
    EXPECT_EQ(table.find(5)->name, "Label 5");
    EXPECT_EQ(table.find(1)->name, "Tumour \"core\"");  // kept
    EXPECT_EQ(table.entries().size(), 3u);
    EXPECT_FALSE(table.lockTable()[5]);
    EXPECT_TRUE(table.lockTable()[1]);
    EXPECT_FALSE(table.visibilityTable()[1]);
    EXPECT_TRUE(table.visibilityTable()[77]);  // values without an entry are drawn
    EXPECT_EQ(table.colorTable()[200], (std::array<std::uint8_t, 3>{185, 102, 83}));
}

TEST(LabelTable, JsonRoundTrip) {
    const LabelTable table = sampleTable();
    EXPECT_EQ(LabelTable::fromJson(table.toJson()), table);
    EXPECT_THROW(LabelTable::fromJson("{\"labels\": [{\"value\": 0}]}"), std::runtime_error);
    EXPECT_THROW(LabelTable::fromJson("not json"), std::runtime_error);
}

TEST(LabelTable, ItkSnapLabelDescriptionRoundTrip) {
    const LabelTable table = sampleTable();
    const std::string text = table.toItkSnap();
    EXPECT_NE(text.find("  200   185  102   83        1  1  1    \"Kidney left\""), std::string::npos)
        << text;
    LabelTable back = LabelTable::fromItkSnap(text);
    ASSERT_EQ(back.entries().size(), 3u);
    EXPECT_EQ(back.find(1)->name, "Tumour 'core'");  // quotes cannot be stored in the format
    EXPECT_FALSE(back.find(1)->visible);
    EXPECT_EQ(back.find(3)->color, (std::array<std::uint8_t, 3>{221, 130, 101}));
    // A file as ITK-SNAP writes it.
    const LabelTable snap = LabelTable::fromItkSnap(
        "# ITK-SnAP Label Description File\n"
        "    0     0    0    0        0  0  0    \"Clear Label\"\n"
        "    1   255    0    0        1  1  1    \"Label 1\"\n"
        "   12   102  205  170        1  0  1    \"Vessels and more\"\n");
    ASSERT_EQ(snap.entries().size(), 2u);
    EXPECT_EQ(snap.find(12)->name, "Vessels and more");
    EXPECT_FALSE(snap.find(12)->visible);
    EXPECT_THROW(LabelTable::fromItkSnap("1 2 3\n"), std::runtime_error);
}

}  // namespace
}  // namespace cadview
