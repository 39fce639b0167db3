// A LibRaw whose lossless-JPEG decoding (Canon CR2 and the other files LibRaw reads with
// lossless_jpeg_load_raw) can be handed to a faster decoder. Everything else, before and after
// (allocation, masked-pixel black levels, the metadata), stays LibRaw's own unpack().
#ifndef AUTOTONE_LIBRAW_UNPACK_HOOK_H
#define AUTOTONE_LIBRAW_UNPACK_HOOK_H

#include <libraw/libraw.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What lossless_jpeg_load_raw would read and where it would write.
typedef struct {
  long long data_offset;           // the JPEG stream's first byte (its SOI marker) in the file
  unsigned short *raw_image;       // raw_width × raw_height samples, rows raw_width apart
  unsigned raw_width, raw_height;
  unsigned short cr2_slice[3];     // Canon's vertical slices: count, width, last width (0: none)
  unsigned load_flags;
  const unsigned short *curve;     // the linearisation table every sample goes through
  unsigned dng_version;
} autotone_lossless_jpeg_job;

/// Returns 0 when it decoded the whole image into `job->raw_image`; anything else makes LibRaw
/// decode it instead, so a file the fast decoder does not follow behaves exactly as before.
typedef int (*autotone_lossless_jpeg_decoder)(void *context, const autotone_lossless_jpeg_job *job);

/// As libraw_init, for a handle autotone_libraw_unpack can use; release it with libraw_close.
libraw_data_t *autotone_libraw_init(unsigned flags);

/// As libraw_unpack, with `decoder` in place of LibRaw's lossless-JPEG decoder when the file uses
/// that one. `lr` must come from autotone_libraw_init.
int autotone_libraw_unpack(libraw_data_t *lr, autotone_lossless_jpeg_decoder decoder, void *context);

#ifdef __cplusplus
}
#endif

#endif
