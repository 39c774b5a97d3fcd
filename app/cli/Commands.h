#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cadview::cli {

struct InfoOptions {
    std::string path;
    bool json = false;
    bool noResample = false;
};

struct ConvertOptions {
    std::string input;
    std::string output;
    std::string seriesUid;
    bool noResample = false;
    unsigned threads = 0;
};

struct ModelsOptions {
    bool json = false;
    std::vector<std::string> modelDirs;
};

struct SegmentOptions {
    std::string model;
    std::string input;
    std::string output;
    std::string seriesUid;
    std::vector<std::string> modelDirs;
    unsigned threads = 0;  // intra-op threads (and decoding); 0 = all cores
    bool progress = false;
};

struct ClassifyOptions {
    std::string model;
    std::vector<std::string> inputs;
    std::string csv;
    std::string heatmapDir;  // empty: no heatmaps
    std::vector<std::string> modelDirs;
    unsigned threads = 0;  // intra-op threads and images at once; 0 = all cores
    int pngLevel = 1;      // zlib level of the heatmap PNGs
    bool progress = false;
};

struct EvaluateOptions {
    std::string model;
    std::string data;           // dataset folder (EvaluationDataset's layouts)
    std::string csv;            // per-case results
    std::string cases;          // optional list of case names (text, or a JSON split file)
    std::string subset;         // for a JSON split file: which list ("test")
    std::optional<int> ignore;  // segmentation: ground-truth value that marks voxels to leave out
    std::vector<std::string> modelDirs;
    unsigned threads = 0;
    bool progress = false;
};

struct TrainOptions {
    std::string model;                         // the model to start from (bundled or --model-dir)
    std::string data;                          // dataset folder (EvaluationDataset's layouts)
    std::string name;                          // the new model's name
    std::string output;                        // the new model goes to <output>/<name>/
    std::string cases, subset;                 // optional: train on the listed cases only
    std::string validation, validationSubset;  // optional: these cases for validation
    int epochs = 20;
    int batch = 16;
    double learningRate = 1e-4;
    double validationFraction = 0.2;
    int patience = 5;
    std::optional<int> ignore;
    std::vector<std::string> modelDirs;
    unsigned threads = 0;
    bool progress = false;
};

struct ExportSegOptions {
    std::string labels;     // label map (LabelMapFile::read)
    std::string reference;  // DICOM folder or files of the series the labels were drawn on
    std::string output;     // the DICOM SEG to write
    std::string seriesUid;  // when the reference holds several series
};

struct AnonymizeOptions {
    std::string input;   // DICOM file or folder (searched recursively)
    std::string output;  // folder for the de-identified files (not IN, not inside IN)
    std::string key;     // secret salt of the UID / patient ID hash; empty = the project's fixed salt
    std::string patientName = "ANONYMOUS";
    std::string patientId;  // empty: "ANON-" + keyed hash of the original ID
    bool printProfile = false;
};

struct PacsOptions {
    std::string action;  // echo, find, get or send
    // The node: the PACS's AE title, host and port, our AE title, timeouts in seconds.
    std::string aet;
    std::string host;
    int port = 104;
    std::string callingAet = "CADVIEW";
    int timeout = 4;        // TCP connect and association negotiation
    int dimseTimeout = 60;  // each DIMSE message
    std::string dicomweb;   // find, get, send over DICOMweb at this base URL instead of DIMSE
    // find
    std::string level = "study";  // patient, study or series
    std::string patientName, patientId;
    std::string dateFrom, dateTo, dates;  // YYYYMMDD; dates = "YYYYMMDD-YYYYMMDD"
    std::string modality;
    std::string studyUid;  // find (study and series levels) and get
    bool json = false;
    // get
    std::string seriesUid;
    std::string output;
    bool move = false;  // C-MOVE to our own storage SCP instead of C-GET
    int movePort = 0;
    std::string moveAet;  // empty: callingAet
    // send
    std::vector<std::string> inputs;
    bool progress = false;
};

// The bundled model folder followed by `extra` (later folders win for models of the same name).
std::vector<std::string> modelDirectories(const std::vector<std::string>& extra);

// Each returns the process exit code: 0 success, 1 error (message on stderr).
int runInfo(const InfoOptions& options);
int runConvert(const ConvertOptions& options);
int runModels(const ModelsOptions& options);
int runSegment(const SegmentOptions& options);
int runClassify(const ClassifyOptions& options);
int runEvaluate(const EvaluateOptions& options);
int runTrain(const TrainOptions& options);
int runExportSeg(const ExportSegOptions& options);
int runAnonymize(const AnonymizeOptions& options);
int runPacs(const PacsOptions& options);

}  // namespace cadview::cli
