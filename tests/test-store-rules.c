/* placeholder until the real test lands */
#include "config.h"
#include "jl-test-util.h"
int main (int argc, char **argv) { jl_test_init (&argc, &argv); return g_test_run (); }
