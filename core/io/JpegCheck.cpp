#include "io/JpegCheck.h"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <fstream>
#include <vector>

// jpeglib.h needs FILE and size_t declared first, jerror.h needs jpeglib.h.
#include <jpeglib.h>

#include <jerror.h>

namespace cadview {

namespace {

constexpr const char* kEndedEarly = "Premature end of JPEG file";

// Everything decode() shares with libjpeg's callbacks: plain data, no destructors.
struct Decoding {
    jpeg_decompress_struct info;
    jpeg_error_mgr errors;
    jpeg_source_mgr source;
    std::jmp_buf jump;
    const JOCTET* data;
    std::size_t size;
    bool ranOut;     // the image asked for bytes past the end of the file
    bool imageRead;  // every scanline was decoded: a missing end-of-image marker no longer matters
    bool tooLarge;   // the reason is the size, not damage
    char message[JMSG_LENGTH_MAX + 64];
};

Decoding& decodingOf(j_common_ptr info) {
    return *static_cast<Decoding*>(info->client_data);
}
Decoding& decodingOf(j_decompress_ptr info) {
    return *static_cast<Decoding*>(info->client_data);
}

[[noreturn]] void fail(Decoding& d, const char* message) {
    std::snprintf(d.message, sizeof d.message, "%s", message);
    std::longjmp(d.jump, 1);
}

[[noreturn]] void onErrorExit(j_common_ptr info) {
    Decoding& d = decodingOf(info);
    if (d.ranOut) fail(d, kEndedEarly);  // the real reason for whatever libjpeg found at the fake end
    (*info->err->format_message)(info, d.message);
    std::longjmp(d.jump, 1);
}

// Warnings (level -1) are how libjpeg reports data it could not decode. Once the file has run out, any
// warning means the image needed bytes that are not there; before, they are stray bytes libjpeg skips.
void onEmitMessage(j_common_ptr info, int level) {
    Decoding& d = decodingOf(info);
    if (level < 0 && d.ranOut && !d.imageRead) fail(d, kEndedEarly);
}

void onOutputMessage(j_common_ptr) {}

// A source over the file's bytes which, at their end, supplies an end-of-image marker without a warning
// (libjpeg's own sources warn "Premature end of JPEG file" even when only that marker is missing) and
// notes that the file ran out.
void initSource(j_decompress_ptr) {}

boolean fillInput(j_decompress_ptr info) {
    static const JOCTET kEndOfImage[2] = {0xFF, JPEG_EOI};
    decodingOf(info).ranOut = true;
    info->src->next_input_byte = kEndOfImage;
    info->src->bytes_in_buffer = sizeof kEndOfImage;
    return TRUE;
}

void skipInput(j_decompress_ptr info, long count) {
    if (count <= 0) return;
    if (std::size_t(count) > info->src->bytes_in_buffer) {
        fillInput(info);
        return;
    }
    info->src->next_input_byte += count;
    info->src->bytes_in_buffer -= std::size_t(count);
}

void termSource(j_decompress_ptr) {}

// True when libjpeg decodes the whole image. C-style on purpose: setjmp and the longjmp out of libjpeg
// (onErrorExit, onEmitMessage) must skip no C++ object with a destructor; all state lives in *d, which
// the caller zeroed, so jpeg_destroy_decompress is safe even if jpeg_create_decompress failed half way.
bool decode(Decoding* d) {
    d->info.err = jpeg_std_error(&d->errors);
    d->errors.error_exit = onErrorExit;
    d->errors.emit_message = onEmitMessage;
    d->errors.output_message = onOutputMessage;
    d->info.client_data = d;  // kept by jpeg_create_decompress
    if (setjmp(d->jump)) {
        jpeg_destroy_decompress(&d->info);
        return false;
    }
    jpeg_create_decompress(&d->info);
    d->source.init_source = initSource;
    d->source.fill_input_buffer = fillInput;
    d->source.skip_input_data = skipInput;
    d->source.resync_to_restart = jpeg_resync_to_restart;
    d->source.term_source = termSource;
    d->source.next_input_byte = d->data;
    d->source.bytes_in_buffer = d->size;
    d->info.src = &d->source;

    jpeg_read_header(&d->info, TRUE);
    const std::uint64_t decoded =
        std::uint64_t(d->info.image_width) * d->info.image_height * unsigned(d->info.num_components);
    if (decoded > JpegCheck::kMaxDecodedBytes) {
        d->tooLarge = true;
        std::snprintf(d->message, sizeof d->message, "%u x %u pixels, %d components", d->info.image_width,
                      d->info.image_height, d->info.num_components);
        jpeg_destroy_decompress(&d->info);
        return false;
    }
    // Only the check's own pixels: smallest scale, fast IDCT, no smoothing, and grey from YCbCr (the
    // chroma is still entropy-decoded, its IDCT skipped).
    d->info.scale_num = 1;
    d->info.scale_denom = 8;
    d->info.dct_method = JDCT_IFAST;
    d->info.do_fancy_upsampling = FALSE;
    d->info.do_block_smoothing = FALSE;
    if (d->info.jpeg_color_space == JCS_YCbCr) d->info.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&d->info);  // a progressive image's scans are all read here
    JSAMPARRAY row =
        (*d->info.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&d->info), JPOOL_IMAGE,
                                     d->info.output_width * unsigned(d->info.output_components), 1);
    while (d->info.output_scanline < d->info.output_height)
        jpeg_read_scanlines(&d->info, row, 1);
    d->imageRead = true;
    jpeg_finish_decompress(&d->info);
    jpeg_destroy_decompress(&d->info);
    return true;
}

}  // namespace

std::optional<std::string> JpegCheck::problem(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return std::string("cannot open the file");
    std::vector<JOCTET> bytes(std::size_t(std::max<std::streamoff>(in.tellg(), 0)));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size()));
    bytes.resize(std::size_t(in.gcount()));
    // libjpeg needs FF D8 and then a marker; anything shorter never reaches it.
    if (bytes.size() < kMinBytes)
        return "damaged JPEG file: " + std::to_string(bytes.size()) + " bytes, too short for a JPEG image";
    if (bytes[0] != 0xFF || bytes[1] != 0xD8)
        return std::string("damaged JPEG file: no start-of-image marker");
    if (bytes[2] != 0xFF) return std::string("damaged JPEG file: no marker after the start-of-image marker");

    Decoding d{};
    d.data = bytes.data();
    d.size = bytes.size();
    if (decode(&d)) return std::nullopt;
    if (d.tooLarge)
        return "JPEG image too large: " + std::string(d.message) + " (more than " +
               std::to_string(kMaxDecodedBytes >> 20) + " MiB decoded)";
    return "damaged JPEG file: " + std::string(d.message);
}

}  // namespace cadview
