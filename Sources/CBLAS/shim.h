// OpenBLAS's CBLAS interface (Linux). On macOS the Tensor module uses Accelerate instead.
#include <cblas.h>
// OpenBLAS extensions: thread count control, so benchmarks and tests can pin it.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
