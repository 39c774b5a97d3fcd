#pragma once

namespace cadview {

// What a left drag in a slice view does, and the settings of the painting tools. Held by the Session;
// the annotation panel changes it, the slice views read it.
struct AnnotationTool {
    enum class Kind { Navigate, Brush, Eraser, Polygon, FloodFill, Ruler, Angle };
    Kind kind = Kind::Navigate;
    double brushRadiusMm = 3.0;
    bool sphere = false;       // brush and eraser: a 3D sphere instead of a disk on the slice
    bool thresholdOn = false;  // paint, polygon and flood fill change only voxels in [low, high]
    double low = -100.0;       // image units (HU for CT)
    double high = 200.0;
    bool floodIn3D = false;        // flood fill: connected in 3D instead of on the slice
    bool eraseOnlyActive = false;  // eraser: clear only the active label

    bool paints() const {
        return kind == Kind::Brush || kind == Kind::Eraser || kind == Kind::Polygon ||
               kind == Kind::FloodFill;
    }
    bool measures() const { return kind == Kind::Ruler || kind == Kind::Angle; }
};

}  // namespace cadview
