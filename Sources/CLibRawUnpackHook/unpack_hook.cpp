#include "libraw_unpack_hook.h"

#include <cstdio>
#include <cstring>
#include <new>

namespace {

// A subclass only to reach LibRaw's protected decoder pointer and unpacker data; it adds no
// state LibRaw's destructor would need to know about beyond three plain fields.
class HookedLibRaw : public LibRaw {
public:
  explicit HookedLibRaw(unsigned flags) : LibRaw(flags) {}

  int unpackWith(autotone_lossless_jpeg_decoder decoder, void *context) {
    libraw_decoder_info_t info;
    if (!decoder || get_decoder_info(&info) != LIBRAW_SUCCESS || !info.decoder_name ||
        std::strcmp(info.decoder_name, "lossless_jpeg_load_raw()") != 0)
      return unpack();
    hook = decoder;
    hookContext = context;
    original = load_raw;
    load_raw = static_cast<void (LibRaw::*)()>(&HookedLibRaw::hookedLoadRaw);
    int code = unpack();
    load_raw = original;  // also when unpack() stopped before calling the decoder
    return code;
  }

private:
  autotone_lossless_jpeg_decoder hook = nullptr;
  void *hookContext = nullptr;
  void (LibRaw::*original)() = nullptr;

  void hookedLoadRaw() {
    // Put LibRaw's own decoder back first: unpack() compares load_raw with it afterwards
    // (crop_masked_pixels' choice of masked areas).
    load_raw = original;
    unpacker_data_t &unpacker = libraw_internal_data.unpacker_data;
    autotone_lossless_jpeg_job job;
    job.data_offset = unpacker.data_offset;
    job.raw_image = imgdata.rawdata.raw_image;
    job.raw_width = imgdata.sizes.raw_width;
    job.raw_height = imgdata.sizes.raw_height;
    std::memcpy(job.cr2_slice, unpacker.cr2_slice, sizeof job.cr2_slice);
    job.load_flags = unpacker.load_flags;
    job.curve = imgdata.color.curve;
    job.dng_version = imgdata.idata.dng_version;
    if (job.raw_image && hook(hookContext, &job) == 0)
      return;
    libraw_internal_data.internal_data.input->seek(unpacker.data_offset, SEEK_SET);
    (this->*original)();
  }
};

} // namespace

extern "C" libraw_data_t *autotone_libraw_init(unsigned flags) {
  HookedLibRaw *handle = new (std::nothrow) HookedLibRaw(flags);
  return handle ? &handle->imgdata : nullptr;
}

extern "C" int autotone_libraw_unpack(libraw_data_t *lr, autotone_lossless_jpeg_decoder decoder, void *context) {
  if (!lr)
    return LIBRAW_OUT_OF_ORDER_CALL;
  // libraw_init's handles are LibRaws; autotone_libraw_init's are HookedLibRaws.
  return static_cast<HookedLibRaw *>(static_cast<LibRaw *>(lr->parent_class))->unpackWith(decoder, context);
}
