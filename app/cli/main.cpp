// cadview-cli: the batch side of cadview. Links core only (no Qt, no VTK).
#include <CLI/CLI.hpp>

#include <iostream>

#include "Commands.h"

int main(int argc, char** argv) {
    CLI::App app{
        "cadview-cli: inspect and convert medical images (DICOM, NIfTI, NRRD, MetaImage, PNG, JPEG)"};
    app.require_subcommand(1);

    cadview::cli::InfoOptions info;
    auto* infoCmd = app.add_subcommand("info", "Describe every series or image found at PATH");
    infoCmd->add_option("path", info.path, "DICOM file or folder, or an image file")->required();
    infoCmd->add_flag("--json", info.json, "Print JSON");
    infoCmd->add_flag("--no-resample", info.noResample, "Describe irregular stacks as read, not resampled");

    cadview::cli::ConvertOptions convert;
    auto* convertCmd =
        app.add_subcommand("convert", "Write what IN holds as NIfTI, NRRD or MetaImage (by OUT's extension)");
    convertCmd->add_option("in", convert.input, "DICOM folder or file, or an image file")->required();
    convertCmd->add_option("out", convert.output, "Output .nii, .nii.gz, .nrrd, .mha or .mhd")->required();
    convertCmd->add_option("--series", convert.seriesUid,
                           "SeriesInstanceUID to convert when IN holds several");
    convertCmd->add_flag("--no-resample", convert.noResample, "Keep irregular stacks as read (distorted)");
    convertCmd->add_option("--threads", convert.threads, "Decoding threads (0 = all cores)");

    cadview::cli::ModelsOptions models;
    auto* modelsCmd = app.add_subcommand("models", "List the models found (bundled and --model-dir)");
    modelsCmd->add_flag("--json", models.json, "Print the manifests as JSON");
    modelsCmd->add_option("--model-dir", models.modelDirs, "Another folder of models (repeatable)");

    CLI11_PARSE(app, argc, argv);
    try {
        if (*infoCmd) return cadview::cli::runInfo(info);
        if (*convertCmd) return cadview::cli::runConvert(convert);
        if (*modelsCmd) return cadview::cli::runModels(models);
    } catch (const std::exception& e) {
        std::cerr << "cadview-cli: " << e.what() << "\n";
        return 1;
    }
    return 2;
}
