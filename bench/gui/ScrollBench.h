#pragma once

#include <memory>
#include <string>

#include "BenchStats.h"
#include "image/Volume.h"

namespace cadview::bench {

// Per-slice render time while scrolling a 512 x 512 CT in one slice view, software OpenGL (Mesa).
struct ScrollFigures {
    Samples withOverlay;     // cadview SliceView with a label overlay: from the step to the frame on screen
    Samples vtkRender;       // of which VTK's render of the scene (with overlay)
    Samples paint;           // of which the whole paintGL (render, blit, text)
    Samples withoutOverlay;  // the same view without the overlay
    Samples vtkViewer;       // the peer: VTK's own vtkImageViewer2 in an offscreen window of the same size
    Samples mainWindow;  // the axial view of the 1280 x 900 main window (three planes and 3D), step -> frame
};

class ScrollBench {
  public:
    // Scrolls `passes` times through every slice of `volume`, in a view of `size` x `size` pixels.
    static ScrollFigures run(const std::shared_ptr<const Volume>& volume, int size, int passes);
    // Scrolls the axial view of the main window with `dir` open (the other views follow the cursor).
    static Samples inMainWindow(const std::string& dir, int passes);
};

}  // namespace cadview::bench
