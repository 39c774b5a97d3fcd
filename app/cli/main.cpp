// cadview-cli: the batch side of cadview. Links core only (no Qt, no VTK).
#include <CLI/CLI.hpp>

#include <iostream>

#include "Commands.h"
#include "Interruption.h"
#include "inference/TorchPlugin.h"
#include "jobs/JobContext.h"

int main(int argc, char** argv) {
    cadview::TorchPlugin::prepareEnvironment();  // before any thread starts
    CLI::App app{
        "cadview-cli: inspect, convert and analyse medical images (DICOM, NIfTI, NRRD, MetaImage, PNG, "
        "JPEG)"};
    app.require_subcommand(1);
    app.fallthrough();  // --timeout may follow the command's own options
    double timeoutSeconds = 0;
    app.add_option("--timeout", timeoutSeconds,
                   "Cancel the command after SECONDS (exit 124), as Ctrl+C does (exit 130)")
        ->check(CLI::PositiveNumber);

    cadview::cli::InfoOptions info;
    auto* infoCmd = app.add_subcommand("info", "Describe every series or image found at PATH");
    infoCmd->add_option("path", info.path, "DICOM file or folder, or an image file")->required();
    infoCmd->add_flag("--json", info.json, "Print JSON");
    infoCmd->add_flag("--no-resample", info.noResample, "Describe irregular stacks as read, not resampled");

    cadview::cli::ConvertOptions convert;
    auto* convertCmd =
        app.add_subcommand("convert", "Write what IN holds as NIfTI, NRRD or MetaImage (by OUT's extension)");
    convertCmd->add_option("in", convert.input, "DICOM folder or file, or an image file")->required();
    convertCmd->add_option("out", convert.output, "Output .nii, .nii.gz, .nrrd or .mha")->required();
    convertCmd->add_option("--series", convert.seriesUid,
                           "SeriesInstanceUID to convert when IN holds several");
    convertCmd->add_flag("--no-resample", convert.noResample, "Keep irregular stacks as read (distorted)");
    convertCmd->add_option("--threads", convert.threads, "Decoding threads (0 = all cores)");

    cadview::cli::ModelsOptions models;
    auto* modelsCmd = app.add_subcommand("models", "List the models found (bundled and --model-dir)");
    modelsCmd->add_flag("--json", models.json, "Print the manifests as JSON");
    modelsCmd->add_option("--model-dir", models.modelDirs, "Another folder of models (repeatable)");

    cadview::cli::SegmentOptions segment;
    auto* segmentCmd = app.add_subcommand(
        "segment", "Run a segmentation model on an image; write the label map in the image's geometry");
    segmentCmd->add_option("--model", segment.model, "Model name (see `cadview-cli models`)")->required();
    segmentCmd
        ->add_option("--input", segment.input, "DICOM folder or file, NIfTI, NRRD, MetaImage, PNG or JPEG")
        ->required();
    segmentCmd
        ->add_option("--output", segment.output,
                     "Label map: .nii.gz, .nii, .nrrd or .mha; .png for 2D images (label values as in the "
                     "manifest)")
        ->required();
    segmentCmd->add_option("--series", segment.seriesUid, "SeriesInstanceUID when the input holds several");
    segmentCmd->add_option("--model-dir", segment.modelDirs, "Another folder of models (repeatable)");
    segmentCmd->add_option("--threads", segment.threads, "Intra-op threads (0 = all cores)")
        ->capture_default_str();
    segmentCmd->add_flag("--progress", segment.progress, "Print progress on stderr");

    cadview::cli::ClassifyOptions classify;
    auto* classifyCmd = app.add_subcommand(
        "classify", "Run a classification model on images; one CSV row of probabilities per image");
    classifyCmd->add_option("--model", classify.model, "Model name (see `cadview-cli models`)")->required();
    classifyCmd
        ->add_option(
            "--input", classify.inputs,
            "Image files (PNG, JPEG, NIfTI, NRRD, MetaImage), DICOM files or folders (one row per series)")
        ->required();
    classifyCmd->add_option("--csv", classify.csv, "Output CSV: path, then one probability column per label")
        ->required();
    classifyCmd->add_option("--heatmaps", classify.heatmapDir,
                            "Folder for heatmap PNGs over the images (<image>_<label>.png)");
    classifyCmd->add_option("--model-dir", classify.modelDirs, "Another folder of models (repeatable)");
    classifyCmd
        ->add_option("--threads", classify.threads, "Intra-op threads and images at once (0 = all cores)")
        ->capture_default_str();
    classifyCmd
        ->add_option("--png-level", classify.pngLevel,
                     "zlib compression of the heatmap PNGs (1 fast - 9 small)")
        ->check(CLI::Range(1, 9))
        ->capture_default_str();
    classifyCmd->add_flag("--progress", classify.progress, "Print progress on stderr");

    cadview::cli::EvaluateOptions evaluate;
    int ignoreValue = -1;
    auto* evaluateCmd = app.add_subcommand("evaluate",
                                           "Run a model over a labelled dataset: Dice and HD95 per case "
                                           "(segmentation), or ROC AUC, sensitivity and "
                                           "specificity with 95% confidence intervals (classification)");
    evaluateCmd->add_option("--model", evaluate.model, "Model name (see `cadview-cli models`)")->required();
    evaluateCmd
        ->add_option(
            "--data", evaluate.data,
            "Dataset folder: images/ + masks/, one folder per case (image + mask), or one sub-folder "
            "per class")
        ->required();
    evaluateCmd->add_option("--csv", evaluate.csv, "Per-case results")->required();
    evaluateCmd->add_option("--cases", evaluate.cases,
                            "Only the cases listed in this file (one name per line, or a JSON split file)");
    evaluateCmd->add_option("--subset", evaluate.subset,
                            "The list to take from a JSON split file (e.g. test)");
    evaluateCmd->add_option(
        "--ignore", ignoreValue,
        "Ground-truth value of voxels to leave out of the metrics (e.g. 127 for devices)");
    evaluateCmd->add_option("--model-dir", evaluate.modelDirs, "Another folder of models (repeatable)");
    evaluateCmd
        ->add_option("--threads", evaluate.threads, "Intra-op threads and cases at once (0 = all cores)")
        ->capture_default_str();
    evaluateCmd->add_flag("--progress", evaluate.progress, "Print progress on stderr");

    cadview::cli::TrainOptions train;
    int trainIgnore = -1;
    auto* trainCmd = app.add_subcommand(
        "train",
        "Fine-tune a 2D model on a labelled folder (class sub-folders, or images and masks) and save it "
        "as a new model");
    trainCmd->add_option("--model", train.model, "The model to start from (see `cadview-cli models`)")
        ->required();
    trainCmd->add_option("--data", train.data, "Dataset folder, laid out as for evaluate")->required();
    trainCmd->add_option("--name", train.name, "Name of the new model")->required();
    trainCmd->add_option("--output", train.output, "The new model is written to OUTPUT/NAME/")->required();
    trainCmd->add_option("--epochs", train.epochs, "Most epochs")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000));
    trainCmd->add_option("--batch", train.batch, "Images per step")
        ->capture_default_str()
        ->check(CLI::Range(1, 4096));
    trainCmd->add_option("--lr", train.learningRate, "AdamW learning rate")->capture_default_str();
    trainCmd->add_option("--patience", train.patience, "Stop after this many epochs without progress")
        ->capture_default_str();
    trainCmd
        ->add_option("--validation-fraction", train.validationFraction,
                     "Share of the cases kept for validation (per class)")
        ->capture_default_str()
        ->check(CLI::Range(0.01, 0.9));
    trainCmd->add_option("--validation", train.validation,
                         "Validate on the cases listed in this file instead (e.g. other patients)");
    trainCmd->add_option("--validation-subset", train.validationSubset,
                         "The list to take from a JSON split file");
    trainCmd->add_option("--cases", train.cases, "Only the cases listed in this file");
    trainCmd->add_option("--subset", train.subset, "The list to take from a JSON split file (e.g. train)");
    trainCmd->add_option("--ignore", trainIgnore, "Mask value of pixels to leave out of the loss");
    trainCmd->add_option("--model-dir", train.modelDirs, "Another folder of models (repeatable)");
    trainCmd->add_option("--threads", train.threads, "Intra-op threads (0 = all cores)")
        ->capture_default_str();
    trainCmd->add_flag("--progress", train.progress, "Print progress on stderr");

    cadview::cli::ExportSegOptions exportSeg;
    auto* exportSegCmd = app.add_subcommand(
        "export-seg", "Save a label map drawn on a DICOM series as a DICOM SEG referencing that series");
    exportSegCmd->add_option("--labels", exportSeg.labels, "Label map: .nii.gz, .nii, .nrrd or .mha")
        ->required();
    exportSegCmd->add_option("--reference", exportSeg.reference, "DICOM folder of the series it was drawn on")
        ->required();
    exportSegCmd->add_option("--output", exportSeg.output, "The DICOM SEG file to write")->required();
    exportSegCmd->add_option("--series", exportSeg.seriesUid,
                             "SeriesInstanceUID when the reference holds several");

    cadview::cli::AnonymizeOptions anonymize;
    auto* anonymizeCmd = app.add_subcommand(
        "anonymize",
        "De-identify DICOM files (PS3.15 Annex E basic profile, keyed-hash UIDs) into a new folder");
    anonymizeCmd->add_option("in", anonymize.input, "DICOM file or folder (searched recursively)");
    anonymizeCmd->add_option("out", anonymize.output, "Output folder (not IN, not inside IN)");
    anonymizeCmd->add_option("--key", anonymize.key, "Secret salt of the UID and patient ID hash");
    anonymizeCmd->add_option("--patient-name", anonymize.patientName, "Patient's Name to write")
        ->capture_default_str();
    anonymizeCmd->add_option("--patient-id", anonymize.patientId,
                             "Patient ID to write (default: ANON- and a keyed hash of the original)");
    anonymizeCmd->add_flag("--print-profile", anonymize.printProfile,
                           "Print the PS3.15 table and the applied actions as CSV, and exit");

    cadview::cli::PacsOptions pacs;
    auto* pacsCmd = app.add_subcommand(
        "pacs", "DICOM network client: C-ECHO, C-FIND, C-GET / C-MOVE and C-STORE with one PACS");
    pacsCmd->require_subcommand(1);
    const auto addNode = [&pacs](CLI::App* cmd) {
        cmd->add_option("--aet", pacs.aet, "The PACS's (called) AE title (required for DIMSE)");
        cmd->add_option("--host", pacs.host, "The PACS's host name or IP address (required for DIMSE)");
        cmd->add_option("--port", pacs.port, "The PACS's DICOM port")
            ->capture_default_str()
            ->check(CLI::Range(1, 65535));
        cmd->add_option("--calling-aet", pacs.callingAet, "Our AE title")->capture_default_str();
        cmd->add_option("--timeout", pacs.timeout, "Seconds to connect and negotiate the association")
            ->capture_default_str()
            ->check(CLI::Range(1, 3600));
        cmd->add_option("--dimse-timeout", pacs.dimseTimeout, "Seconds to wait for each DIMSE message")
            ->capture_default_str()
            ->check(CLI::Range(1, 86400));
    };
    const auto addDicomWeb = [&pacs](CLI::App* cmd) {
        cmd->add_option("--dicomweb", pacs.dicomweb,
                        "Use DICOMweb (QIDO-RS, WADO-RS, STOW-RS) at this base URL instead of DIMSE, e.g. "
                        "http://pacs:8042/dicom-web");
    };
    auto* pacsEcho = pacsCmd->add_subcommand("echo", "C-ECHO: check that the PACS answers");
    addNode(pacsEcho);
    auto* pacsFind =
        pacsCmd->add_subcommand("find", "C-FIND: list patients, studies or series (tab-separated or JSON)");
    addNode(pacsFind);
    addDicomWeb(pacsFind);
    pacsFind->add_option("--level", pacs.level, "patient (Patient Root), study or series (Study Root)")
        ->capture_default_str()
        ->check(CLI::IsMember({"patient", "study", "series"}));
    pacsFind->add_option("--patient-name", pacs.patientName,
                         "Patient's Name, with wildcards * and ? (e.g. 'DOE*')");
    pacsFind->add_option("--patient-id", pacs.patientId, "Patient ID");
    pacsFind->add_option("--date-from", pacs.dateFrom, "Study date from, YYYYMMDD (study and series levels)");
    pacsFind->add_option("--date-to", pacs.dateTo, "Study date to, YYYYMMDD");
    pacsFind->add_option("--dates", pacs.dates, "Study date range YYYYMMDD-YYYYMMDD, YYYYMMDD- or -YYYYMMDD");
    pacsFind->add_option("--modality", pacs.modality,
                         "Modality (e.g. CT): ModalitiesInStudy at study level, Modality at series level");
    pacsFind->add_option("--study-uid", pacs.studyUid, "StudyInstanceUID (study and series levels)");
    pacsFind->add_flag("--json", pacs.json, "Print JSON");
    auto* pacsGet = pacsCmd->add_subcommand(
        "get", "Retrieve a study or series into OUTPUT/<study>/<series>/<instance>.dcm (C-GET, or C-MOVE)");
    addNode(pacsGet);
    addDicomWeb(pacsGet);
    pacsGet->add_option("--study-uid", pacs.studyUid, "StudyInstanceUID to retrieve")->required();
    pacsGet->add_option("--series-uid", pacs.seriesUid, "Only this series of the study");
    pacsGet->add_option("--output", pacs.output, "Local folder (created if needed)")->required();
    pacsGet->add_flag(
        "--move", pacs.move,
        "C-MOVE to our own storage SCP (the PACS must know our AE title, host and --move-port)");
    pacsGet->add_option("--move-port", pacs.movePort, "Port our storage SCP listens on during --move")
        ->check(CLI::Range(1, 65535));
    pacsGet->add_option("--move-aet", pacs.moveAet, "AE title of our storage SCP (default: --calling-aet)");
    pacsGet->add_flag("--progress", pacs.progress, "Print progress on stderr");
    auto* pacsSend = pacsCmd->add_subcommand("send", "C-STORE DICOM files (folders searched recursively)");
    addNode(pacsSend);
    addDicomWeb(pacsSend);
    pacsSend->add_option("inputs", pacs.inputs, "DICOM files or folders (e.g. a DICOM SEG)")->required();
    pacsSend->add_flag("--progress", pacs.progress, "Print progress on stderr");

    CLI11_PARSE(app, argc, argv);
    cadview::cli::Interruption::arm(timeoutSeconds);
    if (ignoreValue >= 0) evaluate.ignore = ignoreValue;
    if (trainIgnore >= 0) train.ignore = trainIgnore;
    const auto run = [&]() -> int {
        if (*infoCmd) return cadview::cli::runInfo(info);
        if (*convertCmd) return cadview::cli::runConvert(convert);
        if (*modelsCmd) return cadview::cli::runModels(models);
        if (*segmentCmd) return cadview::cli::runSegment(segment);
        if (*classifyCmd) return cadview::cli::runClassify(classify);
        if (*evaluateCmd) return cadview::cli::runEvaluate(evaluate);
        if (*trainCmd) return cadview::cli::runTrain(train);
        if (*exportSegCmd) return cadview::cli::runExportSeg(exportSeg);
        if (*anonymizeCmd) return cadview::cli::runAnonymize(anonymize);
        if (*pacsCmd) {
            for (auto* sub : {pacsEcho, pacsFind, pacsGet, pacsSend})
                if (*sub) pacs.action = sub->get_name();
            return cadview::cli::runPacs(pacs);
        }
        return 2;
    };
    int status = 1;
    try {
        status = run();
    } catch (const cadview::CancelledError&) {
        std::cerr << "cadview-cli: cancelled\n";
    } catch (const std::bad_alloc&) {
        std::cerr << "cadview-cli: out of memory (the input needs more memory than this machine has free)\n";
    } catch (const std::exception& e) {
        std::cerr << "cadview-cli: " << e.what() << "\n";
    }
    // An interrupted command fails with the signal's code, whatever it managed to finish.
    return cadview::cli::Interruption::exitCode() != 0 ? cadview::cli::Interruption::exitCode() : status;
}
