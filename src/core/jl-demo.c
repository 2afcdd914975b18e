/* placeholder: being written */
#include "config.h"
#include "jl-demo.h"
gboolean jl_demo_generate (JlStore *s, guint scale, guint32 seed, JlDemoStats *st, GError **e) { g_set_error (e, JL_ERROR, JL_ERROR_FAILED, "not yet"); return FALSE; }
