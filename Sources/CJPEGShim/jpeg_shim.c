#include "jpeg_shim.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

// An error manager whose error_exit jumps back to the caller instead of exiting.
struct at_error_manager {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
    size_t capacity;
};

static void at_error_exit(j_common_ptr cinfo) {
    struct at_error_manager *manager = (struct at_error_manager *)cinfo->err;
    if (manager->message && manager->capacity > 0) {
        char buffer[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, buffer);
        snprintf(manager->message, manager->capacity, "%s", buffer);
    }
    longjmp(manager->jump, 1);
}

// Warnings (for example "premature end of data") are not fatal in libjpeg, which would fill the
// missing rows with grey. Keep the message instead of printing it; the decoder treats any
// warning as corrupt data, so a damaged photo is never accepted silently.
static void at_output_message(j_common_ptr cinfo) {
    struct at_error_manager *manager = (struct at_error_manager *)cinfo->err;
    if (manager->message && manager->capacity > 0) {
        char buffer[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, buffer);
        snprintf(manager->message, manager->capacity, "corrupt JPEG data: %s", buffer);
    }
}

// Sets up `manager` to report into `message` and jump instead of exiting; the caller still
// calls setjmp itself, since the jump must return into the caller's frame.
static struct jpeg_error_mgr *at_error_manager_init(struct at_error_manager *manager, char *message,
                                                   size_t capacity) {
    struct jpeg_error_mgr *base = jpeg_std_error(&manager->base);
    manager->base.error_exit = at_error_exit;
    manager->base.output_message = at_output_message;
    manager->message = message;
    manager->capacity = capacity;
    return base;
}

static void at_set_message(char *message, size_t capacity, const char *text) {
    if (message && capacity > 0) snprintf(message, capacity, "%s", text);
}

int at_jpeg_decode_rgb(const unsigned char *data, size_t size, size_t max_pixels,
                       unsigned char **pixels, int *width, int *height,
                       char *message, size_t message_capacity) {
    struct jpeg_decompress_struct cinfo;
    struct at_error_manager manager;
    // volatile: modified between setjmp and longjmp.
    unsigned char *volatile output = NULL;

    *pixels = NULL;
    *width = 0;
    *height = 0;
    if (size == 0) {
        at_set_message(message, message_capacity, "empty file");
        return 1;
    }
    cinfo.err = at_error_manager_init(&manager, message, message_capacity);
    if (setjmp(manager.jump)) {
        jpeg_destroy_decompress(&cinfo);
        free(output);
        return 1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    size_t w = cinfo.output_width, h = cinfo.output_height;
    if (max_pixels > 0 && w * h > max_pixels) {
        at_set_message(message, message_capacity, "image dimensions exceed the allowed maximum");
        jpeg_destroy_decompress(&cinfo);
        return 2;
    }
    if (cinfo.output_components != 3) {
        at_set_message(message, message_capacity, "unexpected number of output components");
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    size_t stride = w * 3;
    output = (unsigned char *)malloc(stride * h);
    if (!output) {
        at_set_message(message, message_capacity, "out of memory");
        jpeg_destroy_decompress(&cinfo);
        return 3;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = output + (size_t)cinfo.output_scanline * stride;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    long warnings = manager.base.num_warnings;
    jpeg_destroy_decompress(&cinfo);
    if (warnings > 0) {
        free(output);
        return 4;
    }
    *pixels = output;
    *width = (int)w;
    *height = (int)h;
    return 0;
}

// A growable in-memory destination that this file owns, so the error path knows what to free.
struct at_destination {
    struct jpeg_destination_mgr base;
    unsigned char *buffer;
    size_t capacity;
};

static void at_init_destination(j_compress_ptr cinfo) {
    struct at_destination *dest = (struct at_destination *)cinfo->dest;
    dest->base.next_output_byte = dest->buffer;
    dest->base.free_in_buffer = dest->capacity;
}

static boolean at_empty_output_buffer(j_compress_ptr cinfo) {
    struct at_destination *dest = (struct at_destination *)cinfo->dest;
    size_t old_capacity = dest->capacity;
    unsigned char *grown = (unsigned char *)realloc(dest->buffer, old_capacity * 2);
    if (!grown) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 10);
    dest->buffer = grown;
    dest->capacity = old_capacity * 2;
    // libjpeg's contract: a full buffer was handed over, so continue right after it.
    dest->base.next_output_byte = grown + old_capacity;
    dest->base.free_in_buffer = dest->capacity - old_capacity;
    return TRUE;
}

static void at_term_destination(j_compress_ptr cinfo) { (void)cinfo; }

int at_jpeg_encode_rgb(const unsigned char *pixels, int width, int height, int quality,
                       unsigned char **jpeg, size_t *jpeg_size,
                       char *message, size_t message_capacity) {
    struct jpeg_compress_struct cinfo;
    struct at_error_manager manager;
    struct at_destination dest;

    *jpeg = NULL;
    *jpeg_size = 0;
    if (width <= 0 || height <= 0) {
        at_set_message(message, message_capacity, "image has no pixels");
        return 1;
    }
    dest.capacity = 65536;
    dest.buffer = (unsigned char *)malloc(dest.capacity);
    if (!dest.buffer) {
        at_set_message(message, message_capacity, "out of memory");
        return 3;
    }
    dest.base.init_destination = at_init_destination;
    dest.base.empty_output_buffer = at_empty_output_buffer;
    dest.base.term_destination = at_term_destination;
    cinfo.err = at_error_manager_init(&manager, message, message_capacity);
    if (setjmp(manager.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(dest.buffer);
        return 1;
    }
    jpeg_create_compress(&cinfo);
    cinfo.dest = &dest.base;
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality < 1 ? 1 : (quality > 100 ? 100 : quality), TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * 3;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    *jpeg_size = dest.capacity - dest.base.free_in_buffer;
    *jpeg = dest.buffer;
    jpeg_destroy_compress(&cinfo);
    return 0;
}

void at_jpeg_free(void *buffer) { free(buffer); }
