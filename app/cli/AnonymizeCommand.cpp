// cadview-cli anonymize: DICOM PS3.15 Annex E basic-profile de-identification of a file or folder into a
// new folder. Only counts and the output folder are printed: never a value read from the files.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <stdexcept>
#include <vector>

#include "Commands.h"
#include "io/ConfidentialityProfile.h"
#include "io/Deidentifier.h"

namespace cadview::cli {

namespace {

namespace fs = std::filesystem;

int fail(const std::string& message) {
    std::cerr << "cadview-cli: " << message << "\n";
    return 1;
}

// True when `inner` is `outer` or lies below it (both absolute and normalised).
bool isWithin(const fs::path& inner, const fs::path& outer) {
    auto o = outer.begin(), i = inner.begin();
    for (; o != outer.end(); ++o, ++i)
        if (i == inner.end() || *i != *o) return false;
    return true;
}

std::vector<fs::path> inputFiles(const fs::path& input) {
    std::vector<fs::path> files;
    if (fs::is_regular_file(input)) return {input};
    for (const auto& e :
         fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

int runAnonymize(const AnonymizeOptions& options) {
    if (options.printProfile) {
        std::cout << ConfidentialityProfile::csv();
        return 0;
    }
    if (options.input.empty() || options.output.empty()) return fail("anonymize needs IN and OUT");
    std::error_code ec;
    if (!fs::exists(options.input, ec)) return fail(options.input + ": no such file or folder");
    const fs::path in = fs::weakly_canonical(fs::absolute(options.input));
    const fs::path out = fs::weakly_canonical(fs::absolute(options.output));
    if (isWithin(out, in))
        return fail("the output folder " + options.output + " must not be the input or lie inside it");
    if (fs::exists(out, ec) && !fs::is_directory(out, ec)) return fail(options.output + ": not a folder");
    fs::create_directories(out, ec);
    if (ec) return fail(options.output + ": cannot create the folder (" + ec.message() + ")");

    Deidentifier::Options deid;
    deid.key = options.key;
    deid.patientName = options.patientName;
    deid.patientId = options.patientId;
    const Deidentifier deidentifier(deid);

    std::set<std::string> series, studies, patients, written;
    std::size_t files = 0, skipped = 0, counter = 0;
    for (const fs::path& file : inputFiles(in)) {
        // The name relative to IN: the user's own path, never a value from inside a file.
        const std::string shown = fs::is_directory(in) ? fs::relative(file, in).string() : file.string();
        if (!Deidentifier::isDicomFile(file.string())) {
            std::cerr << "cadview-cli: note: skipped " << shown << ": not a DICOM file\n";
            ++skipped;
            continue;
        }
        ++counter;
        try {
            // Named by the new SOP Instance UID: the map is known only after the pass, so write to a
            // numbered name first and rename.
            const fs::path temporary = out / ("instance-" + std::to_string(counter) + ".dcm");
            const Deidentifier::Result r = deidentifier.deidentifyFile(file.string(), temporary.string());
            std::string name = r.sopInstanceUid.empty() ? temporary.stem().string() : r.sopInstanceUid;
            std::string target = name + ".dcm";
            for (int n = 2; written.count(target); ++n)
                target = name + "-" + std::to_string(n) + ".dcm";
            if (target != temporary.filename().string()) fs::rename(temporary, out / target);
            written.insert(target);
            ++files;
            series.insert(r.seriesInstanceUid);
            studies.insert(r.studyInstanceUid);
            patients.insert(r.patientId);
        } catch (const std::exception&) {
            std::cerr << "cadview-cli: note: skipped " << shown << ": not a readable DICOM file\n";
            ++skipped;
        }
    }
    if (files == 0) return fail("no readable DICOM file in " + options.input);
    std::cout << "anonymized " << files << " files (" << series.size() << " series, " << studies.size()
              << " studies, " << patients.size() << " patients) into " << out.string();
    if (skipped > 0) std::cout << "; skipped " << skipped;
    std::cout << "\n";
    return 0;
}

}  // namespace cadview::cli
