#include "FuzzDriver.h"

#include <stddef.h>
#include <stdint.h>

// Defined by each fuzz target (in Swift, with @_cdecl).
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
// libFuzzer's driver (libclang_rt.fuzzer, linked by -sanitize=fuzzer).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

// SwiftPM links each executable with main defined as <module>_main: one for each target here.
int fuzz_decode_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
int fuzz_config_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
int fuzz_text_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
int fuzz_network_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
int fuzz_panes_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
