// LibRaw's thread-safe C API (libraw_r). The header lives under libraw/ on Debian and Homebrew.
#include <libraw/libraw.h>

// libraw_colordata_t.cblack, which Swift does not import (4104 elements are too many for a tuple).
static inline const unsigned *autotone_libraw_cblack(const libraw_colordata_t *color) { return color->cblack; }
