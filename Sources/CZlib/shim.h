// zlib, the system's (Debian: zlib1g-dev), for the as-of snapshots' packed rows.
#include <zlib.h>
