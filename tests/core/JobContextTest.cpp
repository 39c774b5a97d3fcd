// JobContext: progress reporting, cancellation before and during a job (DicomSeriesReader, StudyIndexer
// and parallelFor stop with CancelledError), and parallelFor's error hand-back.

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "TestData.h"
#include "io/LoadError.h"
#include "jobs/JobContext.h"
#include "jobs/ParallelFor.h"

namespace cadview::test {
namespace {

TEST(JobContext, ReportsStageAndProgress) {
    std::vector<JobProgress> seen;
    JobContext job([&](const JobProgress& p) { seen.push_back(p); });
    job.setStage(JobStage::Decoding, 3);
    job.advance();
    job.advance(2);
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].stage, JobStage::Decoding);
    EXPECT_EQ(seen[0].done, 0u);
    EXPECT_EQ(seen[0].total, 3u);
    EXPECT_EQ(seen[2].done, 3u);
    const JobProgress p = job.progress();
    EXPECT_EQ(p.stage, JobStage::Decoding);
    EXPECT_EQ(p.done, 3u);
    EXPECT_EQ(p.total, 3u);
    job.setStage(JobStage::Writing, 1);
    EXPECT_EQ(job.progress().done, 0u);
}

TEST(JobContext, CancelIsStickyAndThrows) {
    JobContext job;
    EXPECT_FALSE(job.cancelled());
    EXPECT_NO_THROW(job.throwIfCancelled());
    job.requestCancel();
    EXPECT_TRUE(job.cancelled());
    EXPECT_THROW(job.throwIfCancelled(), CancelledError);
    EXPECT_TRUE(job.cancelled());
}

TEST(JobContext, CancelledContextMakesDicomSeriesReaderThrow) {
    const StudyIndex index = indexPath(dataPath("ct_head_gantry_tilt/series"));
    ASSERT_EQ(index.series.size(), 1u);
    JobContext job;
    job.requestCancel();
    EXPECT_THROW(DicomSeriesReader::read(index.series.front(), {}, job), CancelledError);
}

TEST(JobContext, CancelDuringDecodingStopsTheRead) {
    const StudyIndex index = indexPath(dataPath("ct_chest_lung_petct/A0001_lung_kernel"));
    ASSERT_EQ(index.series.size(), 1u);
    JobContext* self = nullptr;
    std::atomic<std::size_t> maxDone{0};
    JobContext job([&](const JobProgress& p) {
        if (p.stage != JobStage::Decoding) return;
        maxDone = std::max<std::size_t>(maxDone, p.done);
        if (p.done >= 3 && self) self->requestCancel();
    });
    self = &job;
    LoadOptions options;
    options.threads = 2;
    EXPECT_THROW(DicomSeriesReader::read(index.series.front(), options, job), CancelledError);
    // Workers stop handing out files once cancelled: far fewer than 64 were decoded.
    EXPECT_LT(maxDone.load(), 10u);
}

TEST(JobContext, CancelledContextMakesStudyIndexerThrow) {
    JobContext job;
    job.requestCancel();
    EXPECT_THROW(StudyIndexer::index(dataPath("mr_head_t1c/series"), job), CancelledError);
}

TEST(JobContext, CancelledErrorIsNotALoadError) {
    // Front ends tell "cancelled" from "failed" by type; the two must not be confused.
    const CancelledError e;
    EXPECT_EQ(dynamic_cast<const LoadError*>(static_cast<const std::exception*>(&e)), nullptr);
    EXPECT_STREQ(e.what(), "cancelled");
}

TEST(ParallelFor, VisitsEveryIndexOnce) {
    JobContext job;
    std::vector<std::atomic<int>> hits(1000);
    parallelFor(
        hits.size(), job, [&](std::size_t i) { ++hits[i]; }, 4);
    for (std::size_t i = 0; i < hits.size(); ++i)
        ASSERT_EQ(hits[i].load(), 1) << i;
    parallelFor(0, job, [&](std::size_t) { FAIL() << "no work expected"; });
}

TEST(ParallelFor, RethrowsTheFirstErrorOnTheCaller) {
    JobContext job;
    std::atomic<int> after{0};
    EXPECT_THROW(parallelFor(
                     100, job,
                     [&](std::size_t i) {
                         if (i == 5) throw std::runtime_error("item 5");
                         if (i > 50) ++after;
                     },
                     1),
                 std::runtime_error);
    EXPECT_EQ(after.load(), 0);  // single thread: nothing after the failing item ran
}

TEST(ParallelFor, StopsWhenCancelled) {
    JobContext job;
    std::atomic<int> ran{0};
    EXPECT_THROW(parallelFor(
                     100, job,
                     [&](std::size_t i) {
                         ++ran;
                         if (i == 9) job.requestCancel();
                     },
                     1),
                 CancelledError);
    EXPECT_EQ(ran.load(), 10);
}

}  // namespace
}  // namespace cadview::test
