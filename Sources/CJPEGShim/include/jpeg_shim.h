// A minimal bridge over libjpeg that never calls exit(): libjpeg reports fatal errors through
// error_exit, which here longjmps back into these functions, so Swift sees a return code and
// a message instead of a dead process. Swift cannot setjmp itself; that is the only reason
// this C target exists.
#ifndef AUTOTONE_JPEG_SHIM_H
#define AUTOTONE_JPEG_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Decodes a JPEG held in memory to 8-bit interleaved RGB (greyscale and CMYK are converted).
/// On success returns 0 and sets *pixels (free with at_jpeg_free), *width and *height.
/// On failure returns non-zero and writes libjpeg's message into message (NUL-terminated).
/// max_pixels > 0 refuses images larger than that before any pixel memory is allocated.
int at_jpeg_decode_rgb(const unsigned char *data, size_t size, size_t max_pixels,
                       unsigned char **pixels, int *width, int *height,
                       char *message, size_t message_capacity);

/// Encodes 8-bit interleaved RGB to a baseline JPEG in memory at the given quality (1-100).
/// On success returns 0 and sets *jpeg (free with at_jpeg_free) and *jpeg_size.
int at_jpeg_encode_rgb(const unsigned char *pixels, int width, int height, int quality,
                       unsigned char **jpeg, size_t *jpeg_size,
                       char *message, size_t message_capacity);

/// Frees a buffer returned by the functions above.
void at_jpeg_free(void *buffer);

#ifdef __cplusplus
}
#endif

#endif
