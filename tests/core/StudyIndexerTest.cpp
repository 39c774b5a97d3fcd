// StudyIndexer and VolumeLoader::loadPath: several paths at once, hidden and non-image files, missing
// paths, series split by geometry, and picking a series. Temporary folders hold symlinks to the real
// data (nothing is copied).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "TempDir.h"
#include "TestData.h"
#include "io/LoadError.h"
#include "io/VolumeLoader.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

// A symbolic link `name` (with its folders) in `dir` to `target`.
void link(const TempDir& dir, const std::string& target, const std::string& name) {
    fs::create_directories((dir.path() / name).parent_path());
    fs::create_symlink(target, dir.path() / name);
}

TEST(StudyIndexer, SeveralPathsAreIndexedTogether) {
    JobContext job;
    const StudyIndex index =
        StudyIndexer::index({dataPath("ct_head_gantry_tilt/series"), dataPath("mr_head_t1c/series"),
                             dataPath("mr_brain_lgg_flair/TCGA_CS_4941_19960909")},
                            job);
    EXPECT_TRUE(index.problems.empty());
    ASSERT_EQ(index.series.size(), 4u);
    // DICOM series first (sorted by patient, study, series), then image files.
    EXPECT_EQ(index.series[0].kind, SeriesEntry::Kind::DicomSeries);
    EXPECT_EQ(index.series[1].kind, SeriesEntry::Kind::DicomSeries);
    std::size_t images = index.series[0].instances.size() + index.series[1].instances.size();
    EXPECT_EQ(images, 28u + 64u);
    EXPECT_EQ(index.series[2].kind, SeriesEntry::Kind::ImageFile);
    EXPECT_EQ(fs::path(index.series[2].path).filename(), "flair.nii.gz");
    EXPECT_EQ(fs::path(index.series[3].path).filename(), "mask.nii.gz");
    EXPECT_EQ(index.filesScanned, 28u + 64u + 2u);
    EXPECT_EQ(job.progress().stage, JobStage::ReadingHeaders);
    EXPECT_EQ(job.progress().done, 92u);
}

TEST(StudyIndexer, MissingPathIsAProblemNotAnException) {
    const std::string missing = dataPath("no_such_folder_here");
    const StudyIndex index = indexPath(missing);
    EXPECT_TRUE(index.series.empty());
    ASSERT_EQ(index.problems.size(), 1u);
    EXPECT_EQ(index.problems.front().code, Diagnostic::Code::UnreadableFile);
    EXPECT_EQ(index.problems.front().subject, missing);
    JobContext job;
    EXPECT_THROW(VolumeLoader::loadPath(missing, "", {}, job), LoadError);
}

TEST(StudyIndexer, FolderWithoutImagesGivesLoadError) {
    // PASCAL VOC boxes: XML only, skipped silently.
    const std::string boxes = dataPath("ct_chest_lung_petct/tumour_boxes_voc");
    const StudyIndex index = indexPath(boxes);
    EXPECT_TRUE(index.series.empty());
    EXPECT_TRUE(index.problems.empty());
    EXPECT_EQ(index.filesScanned, 11u);
    JobContext job;
    try {
        VolumeLoader::loadPath(boxes, "", {}, job);
        FAIL() << "expected LoadError";
    } catch (const LoadError& e) {
        EXPECT_NE(std::string(e.what()).find("tumour_boxes_voc"), std::string::npos) << e.what();
    }
}

TEST(StudyIndexer, HiddenFilesAndFoldersAreSkipped) {
    TempDir dir;
    const std::string ct = dataPath("ct_chest_lung_petct/A0001_lung_kernel/");
    link(dir, ct + "1-01.dcm", "a/1-01.dcm");
    link(dir, ct + "1-02.dcm", "a/1-02.dcm");
    link(dir, ct + "1-03.dcm", ".hidden/1-03.dcm");
    link(dir, ct + "1-04.dcm", "a/.1-04.dcm");
    std::ofstream(dir.path() / "a" / "notes.txt") << "not an image";
    std::ofstream(dir.path() / "a" / "garbage.bin") << "not DICOM either";
    const StudyIndex index = indexPath(dir.path().string());
    ASSERT_EQ(index.series.size(), 1u);
    EXPECT_EQ(index.series.front().instances.size(), 2u);
    // notes.txt is ignored silently; garbage.bin is reported.
    ASSERT_EQ(index.problems.size(), 1u);
    EXPECT_EQ(fs::path(index.problems.front().subject).filename(), "garbage.bin");
    EXPECT_EQ(index.problems.front().code, Diagnostic::Code::UnreadableFile);
}

TEST(StudyIndexer, OneUidWithTwoGeometriesIsSplitLargestPartFirst) {
    // The RT Dose samples share one SeriesInstanceUID: four single-frame files (badVR.dcm,
    // rtdose_*1frame.dcm) and three multi-frame files, each of which must be a volume of its own.
    const StudyIndex index = indexPath(samplePath("pydicom_debian"));
    std::vector<const SeriesEntry*> parts;
    for (const SeriesEntry& s : index.series)
        if (s.uid.rfind("1.2.777.777.77.7.7777.7777", 0) == 0) parts.push_back(&s);
    ASSERT_EQ(parts.size(), 4u);
    const auto plain = std::find_if(parts.begin(), parts.end(), [](const SeriesEntry* s) {
        return s->uid == "1.2.777.777.77.7.7777.7777";
    });
    ASSERT_NE(plain, parts.end());
    // The plain UID names the largest part: the four single-frame files.
    EXPECT_EQ((*plain)->instances.size(), 4u);
    for (const SeriesEntry* s : parts) {
        if (s != *plain) {
            EXPECT_EQ(s->imageCount(), 15u) << s->uid;  // one multi-frame file of 15 frames
        }
    }
    std::size_t splitWarnings = 0;
    for (const Diagnostic& d : index.problems) {
        if (d.code == Diagnostic::Code::SplitSeries &&
            d.subject.rfind("1.2.777.777.77.7.7777.7777", 0) == 0) {
            EXPECT_DOUBLE_EQ(d.value, 4.0);
            ++splitWarnings;
        }
    }
    EXPECT_EQ(splitWarnings, 4u);
}

TEST(StudyIndexer, LoadPathPicksTheLargestSeriesAndWarns) {
    TempDir dir;
    const std::string ct = dataPath("ct_chest_lung_petct/A0001_lung_kernel/");
    for (const char* f : {"1-01.dcm", "1-02.dcm", "1-03.dcm"})
        link(dir, ct + f, std::string("ct/") + f);
    link(dir, dataPath("mr_brain_tumor_nrrd/brain1_image.nrrd"), "brain1_image.nrrd");
    JobContext job;
    const Volume v = VolumeLoader::loadPath(dir.path().string(), "", {}, job);
    EXPECT_EQ(v.geometry().size[2], 3u);  // 3 CT slices beat one NRRD file
    EXPECT_EQ(v.info().modality, "CT");
    const Diagnostic* several = findDiagnostic(v.diagnostics(), Diagnostic::Code::SeveralSeries);
    ASSERT_NE(several, nullptr);
    EXPECT_DOUBLE_EQ(several->value, 2.0);
    // Files 1-01..1-03 lie at z = -124, -129, -134: the volume starts at the lowest.
    EXPECT_NEAR(v.geometry().origin[2], -134.0, kGeometryTolerance);
    // Asking for the NRRD by its UID (its path) loads it instead.
    const Volume nrrd =
        VolumeLoader::loadPath(dir.path().string(), (dir.path() / "brain1_image.nrrd").string(), {}, job);
    EXPECT_EQ(nrrd.info().format, "NRRD");
    EXPECT_EQ(nrrd.valueAt(131, 7, 14), 3057.0);
}

}  // namespace
}  // namespace cadview::test
