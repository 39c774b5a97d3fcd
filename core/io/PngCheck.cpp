#include "io/PngCheck.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>

namespace cadview {

namespace {

// Everything decode() shares with libpng's callbacks: plain data, no destructors.
struct Decoding {
    std::FILE* file;
    png_bytep row;      // the scratch row, freed on both ways out of decode()
    bool tooLarge;      // the reason is the size, not damage
    char message[256];  // libpng's error message, or the size refused
};

[[noreturn]] void onError(png_structp png, png_const_charp message) {
    auto* d = static_cast<Decoding*>(png_get_error_ptr(png));
    std::snprintf(d->message, sizeof d->message, "%s", message ? message : "unknown error");
    png_longjmp(png, 1);
}

void onWarning(png_structp, png_const_charp) {}

void readBytes(png_structp png, png_bytep data, std::size_t length) {
    auto* d = static_cast<Decoding*>(png_get_io_ptr(png));
    if (std::fread(data, 1, length, d->file) != length) png_error(png, "the file ends before the image does");
}

// True when libpng reads the whole file: header, every row of every interlace pass, the chunks after
// the image. C-style on purpose: setjmp and the longjmp out of libpng (onError) must skip no C++ object
// with a destructor, and nothing this function changes after setjmp is a local it reads afterwards.
bool decode(Decoding* d) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, d, onError, onWarning);
    if (!png) {
        std::snprintf(d->message, sizeof d->message, "out of memory");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        std::snprintf(d->message, sizeof d->message, "out of memory");
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        if (d->row) png_free(png, d->row);
        d->row = nullptr;
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    png_set_read_fn(png, d, readBytes);
    png_read_info(png, info);

    const png_uint_32 width = png_get_image_width(png, info), height = png_get_image_height(png, info);
    // As ITK will hold it: palettes expanded to RGBA at most, 16-bit samples kept.
    const unsigned channels =
        png_get_color_type(png, info) == PNG_COLOR_TYPE_PALETTE ? 4u : png_get_channels(png, info);
    const unsigned sampleBytes = png_get_bit_depth(png, info) > 8 ? 2u : 1u;
    if (std::uint64_t(width) * height * channels * sampleBytes > PngCheck::kMaxDecodedBytes) {
        d->tooLarge = true;
        std::snprintf(d->message, sizeof d->message, "%lu x %lu pixels, %u channels of %u bytes",
                      static_cast<unsigned long>(width), static_cast<unsigned long>(height), channels,
                      sampleBytes);
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }

    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    d->row = static_cast<png_bytep>(png_malloc(png, png_get_rowbytes(png, info)));
    for (int pass = 0; pass < passes; ++pass)
        for (png_uint_32 y = 0; y < height; ++y)
            png_read_row(png, d->row, nullptr);
    png_read_end(png, nullptr);

    png_free(png, d->row);
    d->row = nullptr;
    png_destroy_read_struct(&png, &info, nullptr);
    return true;
}

}  // namespace

std::optional<std::string> PngCheck::problem(const std::string& path) {
    Decoding d{};
    d.file = std::fopen(path.c_str(), "rb");
    if (!d.file) return std::string("cannot open the file");
    const bool ok = decode(&d);
    std::fclose(d.file);
    if (ok) return std::nullopt;
    if (d.tooLarge)
        return "PNG image too large: " + std::string(d.message) + " (more than " +
               std::to_string(kMaxDecodedBytes >> 20) + " MiB decoded)";
    return "damaged PNG file: " + std::string(d.message);
}

}  // namespace cadview
