// De-identification: the keyed hash, the UID mapping (deterministic, keyed, valid UID syntax), the PS3.15
// table and the file-level refusals. The end-to-end output is checked with pydicom in
// tests/cli/AnonymizeCliTest.cpp.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "TestData.h"
#include "io/ConfidentialityProfile.h"
#include "io/Deidentifier.h"
#include "io/KeyedHash.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

Deidentifier withKey(const std::string& key) {
    Deidentifier::Options o;
    o.key = key;
    return Deidentifier(o);
}

// PS3.5 9.1: digits and dots, components without leading zeros, at most 64 characters.
bool isValidUid(const std::string& uid) {
    if (uid.empty() || uid.size() > 64) return false;
    std::stringstream s(uid);
    std::string part;
    int parts = 0;
    while (std::getline(s, part, '.')) {
        ++parts;
        if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) return false;
        if (part.size() > 1 && part[0] == '0') return false;
    }
    return parts >= 2 && uid.back() != '.';
}

TEST(KeyedHash, HmacSha256MatchesRfc4231) {
    EXPECT_EQ(KeyedHash::hex(KeyedHash::hmacSha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // RFC 4231 case 6: a key longer than the block is hashed first.
    EXPECT_EQ(KeyedHash::hex(KeyedHash::hmacSha256(std::string(131, '\xaa'),
                                                   "Test Using Larger Than Block-Size Key - Hash Key First")),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Deidentifier, UidMappingIsDeterministicKeyedAndValid) {
    const Deidentifier a = withKey("k");
    // The value Python's hmac/hashlib give for the same key and UID (see tests/tools/check_deid.py).
    EXPECT_EQ(a.mapUid("1.2.3"), "2.25.111263612402845642126382191733580811337");
    EXPECT_EQ(withKey("k").mapUid("1.2.3"), a.mapUid("1.2.3"));  // another instance, same key
    EXPECT_EQ(a.mapUid("1.2.3 "), a.mapUid("1.2.3"));            // padding is not part of the UID
    EXPECT_EQ(a.mapUid(std::string("1.2.3\0", 6)), a.mapUid("1.2.3"));
    EXPECT_NE(withKey("other").mapUid("1.2.3"), a.mapUid("1.2.3"));  // keyed
    EXPECT_NE(a.mapUid("1.2.4"), a.mapUid("1.2.3"));
    EXPECT_EQ(Deidentifier().mapUid("1.2.3"), withKey(Deidentifier::kDefaultKey).mapUid("1.2.3"));
    EXPECT_NE(Deidentifier().mapUid("1.2.3"), a.mapUid("1.2.3"));

    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string uid = a.mapUid("1.3.6.1.4.1.14519.5.2.1." + std::to_string(i));
        EXPECT_TRUE(isValidUid(uid)) << uid;
        EXPECT_EQ(uid.rfind("2.25.", 0), 0u) << uid;
        EXPECT_LE(uid.size(), 44u) << uid;
        seen.insert(uid);
    }
    EXPECT_EQ(seen.size(), 2000u);         // no collisions
    EXPECT_FALSE(isValidUid("2.25.012"));  // the checker itself rejects leading zeros
}

TEST(Deidentifier, PatientIdIsAKeyedHashUnlessGiven) {
    const Deidentifier a = withKey("k");
    EXPECT_EQ(a.mapPatientId("PAT123"), "ANON-6b0b8e10");  // Python: hmac(k, PAT123)[:8]
    EXPECT_EQ(a.mapPatientId("PAT123"), withKey("k").mapPatientId("PAT123"));
    EXPECT_NE(a.mapPatientId("PAT124"), a.mapPatientId("PAT123"));
    EXPECT_NE(withKey("x").mapPatientId("PAT123"), a.mapPatientId("PAT123"));
    Deidentifier::Options fixed;
    fixed.patientId = "CASE-7";
    EXPECT_EQ(Deidentifier(fixed).mapPatientId("PAT123"), "CASE-7");
}

TEST(ConfidentialityProfile, HoldsTableE1_1WithTheBasicProfileActions) {
    const auto& entries = ConfidentialityProfile::entries();
    EXPECT_GE(entries.size(), 300u);
    std::set<std::pair<std::uint32_t, std::uint32_t>> tags;
    for (const auto& e : entries)
        EXPECT_TRUE(tags.insert({std::uint32_t(e.group) << 16 | e.element, e.groupMask}).second)
            << std::hex << e.group << "," << e.element << " twice";
    using A = ConfidentialityProfile::Action;
    struct Row {
        std::uint16_t g, e;
        A action;
        const char* table;
    };
    for (const Row& r : {Row{0x0010, 0x0010, A::Dummy, "Z"}, Row{0x0010, 0x0020, A::Dummy, "Z"},
                         Row{0x0010, 0x0030, A::Empty, "Z"}, Row{0x0008, 0x0020, A::Empty, "Z"},
                         Row{0x0008, 0x0080, A::Empty, "X/Z/D"}, Row{0x0008, 0x0081, A::Remove, "X"},
                         Row{0x0018, 0x1000, A::Empty, "X/Z/D"}, Row{0x0008, 0x0021, A::Remove, "X/D"},
                         Row{0x0008, 0x0018, A::ReplaceUid, "U"}, Row{0x0020, 0x000D, A::ReplaceUid, "U"},
                         Row{0x0020, 0x0052, A::ReplaceUid, "U"}, Row{0x0008, 0x1155, A::ReplaceUid, "U"},
                         Row{0x3006, 0x0024, A::ReplaceUid, "U"},
                         Row{0x0008, 0x2112, A::CleanSequence, "X/Z/U*"}, Row{0x0040, 0xA123, A::Dummy, "D"},
                         Row{0x0008, 0x1070, A::Empty, "X/Z/D"}, Row{0x5002, 0x3000, A::Remove, "X"},
                         Row{0x6004, 0x3000, A::Remove, "X"}, Row{0x6000, 0x4000, A::Remove, "X"}}) {
        const auto* e = ConfidentialityProfile::find(r.g, r.e);
        ASSERT_NE(e, nullptr) << std::hex << r.g << "," << r.e;
        EXPECT_EQ(e->action, r.action) << e->name;
        EXPECT_STREQ(e->tableAction, r.table) << e->name;
    }
    EXPECT_EQ(ConfidentialityProfile::find(0x0008, 0x0016), nullptr);  // SOP Class UID is kept
    EXPECT_EQ(ConfidentialityProfile::find(0x6000, 0x0010), nullptr);  // overlay rows: not in the table
    const std::string csv = ConfidentialityProfile::csv();
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), std::ptrdiff_t(entries.size() + 1));
    EXPECT_NE(csv.find("\n50xxxxxx,X,X,Curve Data\n"), std::string::npos);
    EXPECT_NE(csv.find("\n00082112,X/Z/U*,U*,Source Image Sequence\n"), std::string::npos);
}

TEST(Deidentifier, RefusesToOverwriteItsInputAndReportsNonDicom) {
    const fs::path dir = fs::temp_directory_path() / ("cadview_deid_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string ct = dataPath("ct_chest_lung_petct/A0001_lung_kernel/1-01.dcm");
    fs::copy_file(ct, dir / "a.dcm", fs::copy_options::overwrite_existing);
    const Deidentifier d;
    EXPECT_THROW(d.deidentifyFile((dir / "a.dcm").string(), (dir / "a.dcm").string()), std::runtime_error);
    EXPECT_EQ(fs::file_size(dir / "a.dcm"), fs::file_size(ct));
    std::ofstream(dir / "text.dcm") << "not DICOM";
    EXPECT_FALSE(Deidentifier::isDicomFile((dir / "text.dcm").string()));
    EXPECT_THROW(d.deidentifyFile((dir / "text.dcm").string(), (dir / "out.dcm").string()),
                 std::runtime_error);
    EXPECT_FALSE(fs::exists(dir / "out.dcm"));
    const Deidentifier::Result r = d.deidentifyFile(ct, (dir / "out.dcm").string());
    EXPECT_TRUE(Deidentifier::isDicomFile((dir / "out.dcm").string()));
    EXPECT_TRUE(isValidUid(r.sopInstanceUid)) << r.sopInstanceUid;
    EXPECT_EQ(r.seriesInstanceUid,
              d.mapUid("1.3.6.1.4.1.14519.5.2.1.6655.2359.257508444832901632590301540805"))
        << "series UID of the chest CT";
    EXPECT_EQ(r.patientId, d.mapPatientId("Lung_Dx-A0001"));
    fs::remove_all(dir);
}

}  // namespace
}  // namespace cadview::test
