#pragma once

#include <stdexcept>

#include "image/Diagnostic.h"

namespace cadview {

// A series or file that cannot be loaded at all; carries a diagnostic that names the file and reason.
class LoadError : public std::runtime_error {
  public:
    explicit LoadError(Diagnostic d) : std::runtime_error(describe(d)), diagnostic_(std::move(d)) {}
    LoadError(Diagnostic::Code code, const std::string& subject, const std::string& detail)
        : LoadError(Diagnostic::error(code, subject, detail)) {}
    const Diagnostic& diagnostic() const { return diagnostic_; }

  private:
    Diagnostic diagnostic_;
};

}  // namespace cadview
