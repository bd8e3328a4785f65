/* Compiles the umbrella header alone, with strict warnings. */
#include <rhetor.h>

int rh_headertest_dummy(void);
int rh_headertest_dummy(void) { return RH_OK; }
