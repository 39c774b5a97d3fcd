// SliceStack::analyze on hand-built instance lists: ordering along the normal, even stacks, missing
// slices, uneven gaps, gantry tilt, duplicates, reversed normals, and files without positions.
// Expected numbers are worked out by hand in the comments.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "TestData.h"
#include "io/SliceStack.h"

namespace cadview::test {
namespace {

constexpr std::array<double, 6> kAxial{1, 0, 0, 0, 1, 0};

// A 4 x 3 image (columns x rows), 0.5 mm between rows and 0.7 mm between columns.
DicomInstance slice(const Vec3& position, int instanceNumber, const std::array<double, 6>& iop = kAxial) {
    DicomInstance i;
    i.path = "slice" + std::to_string(instanceNumber) + ".dcm";
    i.instanceNumber = instanceNumber;
    i.rows = 3;
    i.columns = 4;
    i.position = position;
    i.orientation = iop;
    i.pixelSpacing = std::array<double, 2>{0.5, 0.7};
    i.sliceThickness = 2.5;
    return i;
}

std::vector<DicomInstance> stackAt(const std::vector<double>& zs) {
    std::vector<DicomInstance> out;
    int n = 1;
    for (double z : zs)
        out.push_back(slice({10, 20, z}, n++));
    return out;
}

std::vector<std::size_t> instanceNumbersInOrder(const SliceStack& s, const std::vector<DicomInstance>& in) {
    std::vector<std::size_t> numbers;
    for (std::size_t k : s.order)
        numbers.push_back(std::size_t(in[k].instanceNumber));
    return numbers;
}

TEST(SliceStack, EvenStackGivenShuffledIsSortedAndRegular) {
    const auto in = stackAt({4, 0, 8, 2, 6});  // instance numbers 1..5 at z = 4, 0, 8, 2, 6
    const SliceStack s = SliceStack::analyze(in, "even");
    EXPECT_EQ(instanceNumbersInOrder(s, in), (std::vector<std::size_t>{2, 4, 1, 5, 3}));
    EXPECT_EQ(s.positions, (std::vector<double>{0, 2, 4, 6, 8}));
    EXPECT_TRUE(s.regular);
    EXPECT_TRUE(s.diagnostics.empty());
    EXPECT_DOUBLE_EQ(s.tiltDegrees, 0.0);
    // x runs along the row (column spacing 0.7), y along the column (row spacing 0.5).
    expectGeometry(s.stackGeometry, {{4, 3, 5}, {0.7, 0.5, 2.0}, {10, 20, 0}, {1, 0, 0, 0, 1, 0, 0, 0, 1}},
                   1e-12);
    expectGeometry(s.regularGeometry, {{4, 3, 5}, {0.7, 0.5, 2.0}, {10, 20, 0}, {1, 0, 0, 0, 1, 0, 0, 0, 1}},
                   1e-12);
}

TEST(SliceStack, OneMissingSliceIsCountedAndFilled) {
    const auto in = stackAt({0, 2, 4, 8, 10});  // z = 6 is missing: gaps 2, 2, 4, 2
    const SliceStack s = SliceStack::analyze(in, "missing");
    const Diagnostic* missing = findDiagnostic(s.diagnostics, Diagnostic::Code::MissingSlices);
    ASSERT_NE(missing, nullptr);
    EXPECT_DOUBLE_EQ(missing->value, 1.0);
    EXPECT_EQ(missing->subject, "missing");
    EXPECT_FALSE(hasDiagnostic(s.diagnostics, Diagnostic::Code::UnevenSpacing));  // only a gap of 2 x 2 mm
    EXPECT_FALSE(s.regular);
    // The regular grid spans 0..10 mm at 2 mm: 6 slices.
    expectGeometry(s.regularGeometry, {{4, 3, 6}, {0.7, 0.5, 2.0}, {10, 20, 0}, {1, 0, 0, 0, 1, 0, 0, 0, 1}},
                   1e-12);
    EXPECT_EQ(s.stackGeometry.size[2], 5u);
}

TEST(SliceStack, TwoMissingSlicesInOneGap) {
    const auto in = stackAt({0, 2, 8, 10, 12});  // gaps 2, 6, 2, 2: z = 4 and 6 missing
    const SliceStack s = SliceStack::analyze(in, "missing2");
    const Diagnostic* missing = findDiagnostic(s.diagnostics, Diagnostic::Code::MissingSlices);
    ASSERT_NE(missing, nullptr);
    EXPECT_DOUBLE_EQ(missing->value, 2.0);
    EXPECT_EQ(s.regularGeometry.size[2], 7u);
}

TEST(SliceStack, UnevenGapsAreReportedWithSmallestAndLargest) {
    const auto in = stackAt({0, 2, 4, 7, 10});  // gaps 2, 2, 3, 3; median (upper) 3
    const SliceStack s = SliceStack::analyze(in, "uneven");
    const Diagnostic* uneven = findDiagnostic(s.diagnostics, Diagnostic::Code::UnevenSpacing);
    ASSERT_NE(uneven, nullptr);
    EXPECT_DOUBLE_EQ(uneven->value, 2.0);
    EXPECT_DOUBLE_EQ(uneven->value2, 3.0);
    EXPECT_FALSE(hasDiagnostic(s.diagnostics, Diagnostic::Code::MissingSlices));
    EXPECT_FALSE(s.regular);
    EXPECT_DOUBLE_EQ(s.stackGeometry.spacing[2], 3.0);  // median gap
    // Resampled at the finest real gap (2 mm): 0..10 mm in 6 slices.
    EXPECT_EQ(s.regularGeometry.size[2], 6u);
    EXPECT_DOUBLE_EQ(s.regularGeometry.spacing[2], 2.0);
}

TEST(SliceStack, GantryTiltAngleAndCentredOrigin) {
    // Each slice slides a = 2 tan(20 deg) mm along the column per 2 mm along the normal: a 20 degree tilt.
    const double a = 2.0 * std::tan(20.0 * std::numbers::pi / 180.0);
    std::vector<DicomInstance> in;
    for (int k = 0; k < 5; ++k)
        in.push_back(slice({10, 20 + k * a, 2.0 * k}, k + 1));
    const SliceStack s = SliceStack::analyze(in, "tilt");
    EXPECT_NEAR(s.tiltDegrees, 20.0, 1e-9);
    const Diagnostic* tilt = findDiagnostic(s.diagnostics, Diagnostic::Code::GantryTilt);
    ASSERT_NE(tilt, nullptr);
    EXPECT_NEAR(tilt->value, 20.0, 1e-9);
    EXPECT_FALSE(hasDiagnostic(s.diagnostics, Diagnostic::Code::UnevenSpacing));
    EXPECT_FALSE(s.regular);
    ASSERT_EQ(s.offsetCol.size(), 5u);
    EXPECT_NEAR(s.offsetCol[4], 4 * a, 1e-12);
    EXPECT_NEAR(s.offsetRow[4], 0.0, 1e-12);
    // Mean slide 2a = 1.456 mm = 2.91 rows of 0.5 mm, snapped to 3 rows = 1.5 mm.
    expectGeometry(s.regularGeometry,
                   {{4, 3, 5}, {0.7, 0.5, 2.0}, {10, 21.5, 0}, {1, 0, 0, 0, 1, 0, 0, 0, 1}}, 1e-12);
}

TEST(SliceStack, DuplicatePositionsKeepTheLowestInstanceNumber) {
    std::vector<DicomInstance> in{slice({0, 0, 0}, 1), slice({0, 0, 2}, 9), slice({0, 0, 2}, 3),
                                  slice({0, 0, 4}, 4), slice({0, 0, 2.0005}, 7)};  // within 1e-3 mm: same
    const SliceStack s = SliceStack::analyze(in, "dup");
    const Diagnostic* dup = findDiagnostic(s.diagnostics, Diagnostic::Code::DuplicatePositions);
    ASSERT_NE(dup, nullptr);
    EXPECT_DOUBLE_EQ(dup->value, 2.0);
    EXPECT_EQ(instanceNumbersInOrder(s, in), (std::vector<std::size_t>{1, 3, 4}));
    EXPECT_TRUE(s.regular);
    EXPECT_EQ(s.stackGeometry.size[2], 3u);
}

TEST(SliceStack, ReversedNormalOrdersAlongTheNormal) {
    // Column (0, -1, 0): normal = row x column = (0, 0, -1). Slices at z = 0..8 run the other way.
    const std::array<double, 6> iop{1, 0, 0, 0, -1, 0};
    std::vector<DicomInstance> in;
    for (int k = 0; k < 5; ++k)
        in.push_back(slice({1, 2, 2.0 * k}, k + 1, iop));
    const SliceStack s = SliceStack::analyze(in, "reversed");
    EXPECT_EQ(instanceNumbersInOrder(s, in), (std::vector<std::size_t>{5, 4, 3, 2, 1}));
    EXPECT_EQ(s.positions, (std::vector<double>{0, 2, 4, 6, 8}));
    EXPECT_TRUE(s.regular);
    expectGeometry(s.stackGeometry, {{4, 3, 5}, {0.7, 0.5, 2.0}, {1, 2, 8}, {1, 0, 0, 0, -1, 0, 0, 0, -1}},
                   1e-12);
    // The last slice of the volume is the first file.
    const Vec3 last = s.stackGeometry.indexToPhysical({0, 0, 4});
    EXPECT_NEAR(last[2], 0.0, 1e-12);
}

TEST(SliceStack, FilesInDescendingOrderAreSortedAscending) {
    const auto in = stackAt({8, 6, 4, 2, 0});
    const SliceStack s = SliceStack::analyze(in, "descending");
    EXPECT_EQ(instanceNumbersInOrder(s, in), (std::vector<std::size_t>{5, 4, 3, 2, 1}));
    EXPECT_DOUBLE_EQ(s.stackGeometry.origin[2], 0.0);
    EXPECT_DOUBLE_EQ(s.stackGeometry.axis(2)[2], 1.0);
}

TEST(SliceStack, RoundedCosinesAreOrthogonalised) {
    // A column cosine off by 1e-3 from orthogonal (as in files that round their cosines).
    const std::array<double, 6> iop{1, 0, 0, 1e-3, 1, 0};
    std::vector<DicomInstance> in{slice({0, 0, 0}, 1, iop), slice({0, 0, 1}, 2, iop)};
    const SliceStack s = SliceStack::analyze(in, "rounded");
    EXPECT_NEAR(dot(s.rowDirection, s.columnDirection), 0.0, 1e-15);
    EXPECT_NEAR(norm(s.columnDirection), 1.0, 1e-15);
    EXPECT_TRUE(s.stackGeometry.isOrthonormal(1e-12));
}

TEST(SliceStack, WithoutPositionsOrdersByInstanceNumberAtSliceThickness) {
    std::vector<DicomInstance> in{slice({0, 0, 0}, 3), slice({0, 0, 0}, 1), slice({0, 0, 0}, 2)};
    for (auto& i : in)
        i.position.reset();
    const SliceStack s = SliceStack::analyze(in, "nopos");
    EXPECT_EQ(instanceNumbersInOrder(s, in), (std::vector<std::size_t>{1, 2, 3}));
    EXPECT_FALSE(hasDiagnostic(s.diagnostics, Diagnostic::Code::DuplicatePositions));
    EXPECT_EQ(s.stackGeometry.size[2], 3u);
    // No gap between positions: the slice thickness is the best guess.
    EXPECT_DOUBLE_EQ(s.stackGeometry.spacing[2], 2.5);
    EXPECT_TRUE(s.regular);
}

TEST(SliceStack, SingleImageAndEmptyList) {
    const SliceStack one = SliceStack::analyze({slice({5, 6, 7}, 1)}, "one");
    EXPECT_EQ(one.order, (std::vector<std::size_t>{0}));
    EXPECT_TRUE(one.regular);
    expectGeometry(one.stackGeometry, {{4, 3, 1}, {0.7, 0.5, 2.5}, {5, 6, 7}, {1, 0, 0, 0, 1, 0, 0, 0, 1}},
                   1e-12);
    const SliceStack none = SliceStack::analyze({}, "none");
    EXPECT_TRUE(none.order.empty());
    EXPECT_TRUE(none.diagnostics.empty());
}

}  // namespace
}  // namespace cadview::test
