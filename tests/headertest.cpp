// Compiles the umbrella header from C++, with strict warnings.
#include <rhetor.h>

#if RH_VERSION_NUMBER < 0x000200
#error "rhetor/version.h gives an older version than this tree"
#endif

int rh_headertest_cxx(void);
int rh_headertest_cxx(void)
{
	rh_plan p;
	return rh_plan_defaults(&p) == RH_OK ? static_cast<int>(rh_tables_count()) : -1;
}
