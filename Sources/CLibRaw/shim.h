// LibRaw's thread-safe C API (libraw_r). The header lives under libraw/ on Debian and Homebrew.
#include <libraw/libraw.h>
