#pragma once

#include <QCoreApplication>
#include <QString>

#include "image/Diagnostic.h"

namespace cadview {

// Words a core diagnostic for the user, in the user's language.
class DiagnosticText {
    Q_DECLARE_TR_FUNCTIONS(DiagnosticText)
  public:
    static QString text(const Diagnostic& d);
    // Without the subject (for lists that already show it).
    static QString reason(const Diagnostic& d);
};

}  // namespace cadview
