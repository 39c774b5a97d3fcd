// Label edits, the recorder, the brush and the undo history: exact voxels, bit-for-bit undo, and the
// memory an undo history of brush strokes costs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

#include "annotation/Brush.h"
#include "annotation/EditHistory.h"
#include "annotation/LabelEdit.h"
#include "annotation/LabelEditRecorder.h"
#include "annotation/PaintRule.h"

namespace cadview {
namespace {

Volume makeLabels(std::size_t nx, std::size_t ny, std::size_t nz, Vec3 spacing = {1, 1, 1}) {
    ImageGeometry g;
    g.size = {nx, ny, nz};
    g.spacing = spacing;
    Volume v(g, PixelType::UInt8);
    std::memset(v.data(), 0, v.bytes());
    return v;
}

std::vector<std::uint8_t> snapshot(const Volume& v) {
    return {v.as<std::uint8_t>(), v.as<std::uint8_t>() + v.voxelCount()};
}

std::size_t countValue(const Volume& v, std::uint8_t value) {
    return std::size_t(std::count(v.as<std::uint8_t>(), v.as<std::uint8_t>() + v.voxelCount(), value));
}

TEST(LabelEdit, DifferenceBecomesRunsThatRevertAndApply) {
    Volume labels = makeLabels(16, 4, 2);
    std::vector<std::uint8_t> before = snapshot(labels);
    std::vector<std::uint8_t> after = before;
    for (int i = 3; i < 9; ++i)
        after[std::size_t(i)] = 2;                   // one run
    after[20] = 5;                                   // another
    after[100] = 1, after[101] = 1, after[102] = 3;  // two runs: values differ
    LabelEdit::Builder builder(labels.geometry().size);
    builder.addDifference(0, before.data(), after.data(), before.size());
    LabelEdit edit = builder.finish("test");
    ASSERT_EQ(edit.runs().size(), 4u);
    EXPECT_EQ(edit.changedVoxels(), 6u + 1 + 3);
    EXPECT_EQ(edit.runs()[0].start, 3u);
    EXPECT_EQ(edit.runs()[0].length, 6u);
    edit.apply(labels);
    EXPECT_EQ(snapshot(labels), after);
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), before);
    // Bounds: rows 0 and 1 of slice 0, and row 2 of slice 1 (index 100 = x 4, y 2, z 1).
    EXPECT_EQ(edit.bounds().min[2], 0u);
    EXPECT_EQ(edit.bounds().max[2], 1u);
    EXPECT_EQ(edit.bounds().min[0], 3u);
    EXPECT_EQ(edit.bounds().max[0], 8u);
    EXPECT_EQ(edit.bounds().max[1], 2u);
}

TEST(LabelEdit, RefusesALabelMapItDoesNotFit) {
    Volume labels = makeLabels(8, 8, 1);
    LabelEdit::Builder builder({8, 8, 2});
    builder.addRun(100, 4, 0, 1);
    const LabelEdit edit = builder.finish("too far");
    EXPECT_THROW(edit.apply(labels), std::invalid_argument);
    Volume wrongType(labels.geometry(), PixelType::Int16);
    EXPECT_THROW(edit.apply(wrongType), std::invalid_argument);
}

TEST(Brush, DiskPaintsExactlyTheVoxelsWithinTheRadius) {
    Volume labels = makeLabels(64, 64, 5, {0.5, 0.5, 2.0});
    LabelEditRecorder recorder(labels);
    PaintRule rule;
    rule.value = 3;
    const BrushShape disk{3.0, false, 2};  // 3 mm = 6 voxels in-plane
    const std::size_t changed = Brush::dab(recorder, {20, 30, 2.2}, disk, rule);
    // Hand count: voxels (x, y) with ((x-20)^2 + (y-30)^2) * 0.25 <= 9, i.e. dx^2 + dy^2 <= 36.
    std::size_t expected = 0;
    for (int dx = -6; dx <= 6; ++dx)
        for (int dy = -6; dy <= 6; ++dy)
            expected += dx * dx + dy * dy <= 36;
    EXPECT_EQ(changed, expected);
    EXPECT_EQ(countValue(labels, 3), expected);
    for (std::size_t z = 0; z < 5; ++z)  // only slice 2 (nearest to 2.2)
        EXPECT_EQ(labels.valueAt(20, 30, z), z == 2 ? 3.0 : 0.0);
    EXPECT_EQ(labels.valueAt(26, 30, 2), 3.0);
    EXPECT_EQ(labels.valueAt(27, 30, 2), 0.0);
    EXPECT_EQ(labels.valueAt(25, 34, 2), 0.0);  // 25 + 16 = 41 > 36
    const LabelEdit edit = recorder.finish("Brush");
    EXPECT_EQ(edit.changedVoxels(), expected);
    EXPECT_EQ(edit.runs().size(), 13u);  // one run per row of the disk
}

TEST(Brush, SphereIsRoundInMillimetres) {
    Volume labels = makeLabels(40, 40, 40, {1.0, 1.0, 2.5});
    LabelEditRecorder recorder(labels);
    PaintRule rule;
    Brush::dab(recorder, {20, 20, 20}, {5.0, true, 2}, rule);
    std::size_t expected = 0;
    for (int dz = -2; dz <= 2; ++dz)
        for (int dy = -5; dy <= 5; ++dy)
            for (int dx = -5; dx <= 5; ++dx)
                expected += dx * dx + dy * dy + 6.25 * dz * dz <= 25.0;
    EXPECT_EQ(countValue(labels, 1), expected);
    EXPECT_EQ(labels.valueAt(20, 20, 22), 1.0);  // 5 mm above
    EXPECT_EQ(labels.valueAt(20, 20, 23), 0.0);
}

TEST(Brush, TinyRadiusStillPaintsTheVoxelUnderTheCentre) {
    Volume labels = makeLabels(10, 10, 1);
    LabelEditRecorder recorder(labels);
    PaintRule rule;
    EXPECT_EQ(Brush::dab(recorder, {4.4, 6.6, 0}, {0.1, false, 2}, rule), 1u);
    EXPECT_EQ(labels.valueAt(4, 7, 0), 1.0);
    EXPECT_EQ(Brush::dab(recorder, {-3, 2, 0}, {1.0, false, 2}, rule), 0u);  // outside: nothing, no crash
}

TEST(Brush, RespectsLocksThresholdAndEraseOnly) {
    Volume labels = makeLabels(20, 20, 1);
    Volume image(labels.geometry(), PixelType::Int16);
    for (std::size_t i = 0; i < image.voxelCount(); ++i)
        image.as<std::int16_t>()[i] = std::int16_t(i % 20 < 10 ? -500 : 40);
    labels.as<std::uint8_t>()[10 * 20 + 10] = 7;  // a locked voxel under the brush
    PaintRule rule;
    rule.value = 2;
    rule.locked[7] = true;
    rule.image = &image;
    rule.low = 0;
    rule.high = 100;  // soft tissue only: x >= 10
    LabelEditRecorder recorder(labels);
    Brush::dab(recorder, {10, 10, 0}, {4.0, false, 2}, rule);
    EXPECT_EQ(labels.valueAt(10, 10, 0), 7.0);
    EXPECT_EQ(labels.valueAt(9, 10, 0), 0.0);   // -500 HU: outside the range
    EXPECT_EQ(labels.valueAt(11, 10, 0), 2.0);  // 40 HU
    EXPECT_EQ(labels.valueAt(14, 10, 0), 2.0);
    for (std::size_t y = 0; y < 20; ++y)
        for (std::size_t x = 0; x < 10; ++x)
            ASSERT_NE(labels.valueAt(x, y, 0), 2.0);
    recorder.finish("paint");
    // The eraser restricted to label 7 leaves label 2; then unlocked, 7 goes.
    PaintRule erase;
    erase.value = 0;
    erase.eraseOnly = std::uint8_t(7);
    Brush::dab(recorder, {10, 10, 0}, {4.0, false, 2}, erase);
    EXPECT_EQ(labels.valueAt(10, 10, 0), 0.0);
    EXPECT_EQ(labels.valueAt(11, 10, 0), 2.0);
}

TEST(LabelEditRecorder, StrokeUndoesAndRedoesBitForBit) {
    Volume labels = makeLabels(128, 128, 8);
    std::mt19937 random(7);
    for (std::size_t i = 0; i < labels.voxelCount(); ++i)
        labels.as<std::uint8_t>()[i] = random() % 7 == 0 ? 4 : 0;
    const auto original = snapshot(labels);
    EditHistory history;
    LabelEditRecorder recorder(labels);
    PaintRule rule;
    rule.value = 2;
    Brush::line(recorder, {10, 10, 3}, {100, 90, 3}, {4.0, false, 2}, rule);
    Brush::line(recorder, {100, 90, 3}, {20, 110, 4}, {3.0, true, 2}, rule);
    const auto painted = snapshot(labels);
    ASSERT_NE(painted, original);
    EXPECT_TRUE(history.push(recorder.finish("Brush stroke")));
    EXPECT_EQ(history.undoText(), "Brush stroke");
    ASSERT_NE(history.undo(labels), nullptr);
    EXPECT_EQ(snapshot(labels), original);
    EXPECT_EQ(history.redoText(), "Brush stroke");
    ASSERT_NE(history.redo(labels), nullptr);
    EXPECT_EQ(snapshot(labels), painted);
    EXPECT_EQ(history.redo(labels), nullptr);
    // A new edit after an undo drops the redo.
    history.undo(labels);
    Brush::dab(recorder, {5, 5, 0}, {2.0, false, 2}, rule);
    history.push(recorder.finish("dab"));
    EXPECT_FALSE(history.canRedo());
    EXPECT_EQ(history.size(), 1u);
}

TEST(LabelEditRecorder, DiscardRestoresTheRows) {
    Volume labels = makeLabels(32, 32, 2);
    const auto original = snapshot(labels);
    LabelEditRecorder recorder(labels);
    Brush::line(recorder, {1, 1, 1}, {30, 30, 1}, {3.0, false, 2}, PaintRule{});
    recorder.discard();
    EXPECT_EQ(snapshot(labels), original);
    EXPECT_TRUE(recorder.finish("nothing").empty());
}

// The budget: 100 brush strokes on a 512 x 512 x 300 label map cost under 5% of its size.
TEST(EditHistory, HundredStrokesCostUnderFivePercentOfTheLabelMap) {
    Volume labels = makeLabels(512, 512, 300, {0.7, 0.7, 1.0});
    EditHistory history;
    LabelEditRecorder recorder(labels);
    std::mt19937 random(11);
    std::uniform_real_distribution<double> coordinate(30, 480);
    std::size_t painted = 0;
    for (int stroke = 0; stroke < 100; ++stroke) {
        PaintRule rule;
        rule.value = std::uint8_t(1 + stroke % 3);
        const double z = double(random() % 300);
        Vec3 from{coordinate(random), coordinate(random), z};
        // A stroke of 12 segments wandering across the slice, 5 mm brush (a generous annotator's stroke).
        for (int segment = 0; segment < 12; ++segment) {
            const Vec3 to{coordinate(random), coordinate(random), z};
            Brush::line(recorder, from, to, {5.0, false, 2}, rule);
            from = to;
        }
        const LabelEdit edit = recorder.finish("stroke");
        painted += edit.changedVoxels();
        history.push(edit);
    }
    EXPECT_EQ(history.size(), 100u);
    const double fraction = double(history.bytes()) / double(labels.bytes());
    std::printf(
        "100 strokes changed %zu voxels; undo history %zu bytes = %.3f%% of the label map (%zu bytes)\n",
        painted, history.bytes(), 100 * fraction, labels.bytes());
    EXPECT_GT(painted, 100u * 5000u);  // the strokes are substantial
    EXPECT_LT(fraction, 0.05);
    // And all of it undoes to an empty map.
    while (history.canUndo())
        history.undo(labels);
    EXPECT_EQ(countValue(labels, 0), labels.voxelCount());
}

TEST(EditHistory, ForgetsTheOldestEditsPastItsBudget) {
    Volume labels = makeLabels(64, 64, 4);
    EditHistory history(4000);
    LabelEditRecorder recorder(labels);
    for (int i = 0; i < 50; ++i) {
        PaintRule rule;
        rule.value = std::uint8_t(1 + i % 2);
        Brush::dab(recorder, {double(i), 10, 1}, {2.0, false, 2}, rule);
        history.push(recorder.finish("dab"));
    }
    EXPECT_LE(history.bytes(), 4000u);
    EXPECT_LT(history.size(), 50u);
    EXPECT_GT(history.size(), 1u);
}

}  // namespace
}  // namespace cadview
