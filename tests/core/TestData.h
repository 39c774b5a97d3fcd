#pragma once

// Shared helpers for the core tests: where the real data lives, geometry and voxel comparisons, and
// lookups on diagnostics. Expected numbers in the tests come from tests/tools/make_reference_values.py
// (pydicom + numpy, independent of cadview), pasted as literals.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "image/Diagnostic.h"
#include "image/ImageGeometry.h"
#include "image/Volume.h"
#include "io/DicomSeriesReader.h"
#include "io/LoadOptions.h"
#include "io/StudyIndex.h"
#include "io/StudyIndexer.h"
#include "jobs/JobContext.h"

namespace cadview::test {

// Absolute path of a file or folder under ../shared/data (CADVIEW_TEST_DATA is set by tests/CMakeLists.txt).
inline std::string dataPath(const std::string& relative) {
    return std::string(CADVIEW_TEST_DATA) + "/" + relative;
}
inline std::string samplePath(const std::string& relative) {
    return dataPath("dicom_samples/" + relative);
}

constexpr double kGeometryTolerance = 1e-4;  // mm, and for direction cosines

inline const Diagnostic* findDiagnostic(const Diagnostics& ds, Diagnostic::Code code) {
    const auto it = std::find_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; });
    return it == ds.end() ? nullptr : &*it;
}
inline bool hasDiagnostic(const Diagnostics& ds, Diagnostic::Code code) {
    return findDiagnostic(ds, code) != nullptr;
}
inline std::size_t countDiagnostics(const Diagnostics& ds, Diagnostic::Code code) {
    return std::size_t(
        std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; }));
}

struct ExpectedGeometry {
    std::array<std::size_t, 3> size;
    Vec3 spacing;
    Vec3 origin;
    std::array<double, 9> direction;  // row-major, column c = index axis c
};

inline void expectGeometry(const ImageGeometry& g, const ExpectedGeometry& e,
                           double tol = kGeometryTolerance) {
    EXPECT_EQ(g.size[0], e.size[0]);
    EXPECT_EQ(g.size[1], e.size[1]);
    EXPECT_EQ(g.size[2], e.size[2]);
    for (int a = 0; a < 3; ++a) {
        EXPECT_NEAR(g.spacing[a], e.spacing[a], tol) << "spacing " << a;
        EXPECT_NEAR(g.origin[a], e.origin[a], tol) << "origin " << a;
    }
    for (int k = 0; k < 9; ++k)
        EXPECT_NEAR(g.direction[k], e.direction[k], tol) << "direction[" << k << "]";
}

struct Voxel {
    std::size_t x, y, z;
    double value;
};

// Exact comparison: every voxel listed is an integer (or a float computed the same way) in the reference.
inline void expectVoxels(const Volume& v, const std::vector<Voxel>& expected, double tol = 0.0) {
    for (const Voxel& e : expected) {
        if (tol == 0.0)
            EXPECT_EQ(v.valueAt(e.x, e.y, e.z), e.value)
                << "at (" << e.x << ", " << e.y << ", " << e.z << ")";
        else
            EXPECT_NEAR(v.valueAt(e.x, e.y, e.z), e.value, tol)
                << "at (" << e.x << ", " << e.y << ", " << e.z << ")";
    }
}

inline double voxelSum(const Volume& v) {
    double sum = 0;
    dispatchPixelType(v.pixelType(), [&](auto t) {
        using T = decltype(t);
        const T* p = v.as<T>();
        const std::size_t n = v.voxelCount() * std::size_t(v.components());
        for (std::size_t i = 0; i < n; ++i)
            sum += double(p[i]);
    });
    return sum;
}

// Indexes `path` and returns what was found; the test fails when indexing throws.
inline StudyIndex indexPath(const std::string& path) {
    JobContext job;
    return StudyIndexer::index(path, job);
}

// Indexes a folder or file that must hold exactly one series, and reads it.
inline Volume readOnlySeries(const std::string& path, const LoadOptions& options = {}) {
    const StudyIndex index = indexPath(path);
    if (index.series.size() != 1) {
        ADD_FAILURE() << path << ": expected one series, found " << index.series.size();
        return {};
    }
    JobContext job;
    return DicomSeriesReader::read(index.series.front(), options, job);
}

}  // namespace cadview::test
