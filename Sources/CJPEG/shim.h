// libjpeg (libjpeg-turbo on Debian). jpeglib.h needs stdio.h and size_t before it.
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
