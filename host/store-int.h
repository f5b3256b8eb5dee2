/* store-int.h: what store.c (writing session files) and store-read.c (reading them) share, and
 * no one else. */
#ifndef MEDSKAPA_STORE_INT_H
#define MEDSKAPA_STORE_INT_H

#include "store.h"

/* The names a session file gives moderation actions and a screened idea's status, by enum. */
extern const char *const store_mod_names[MOD_REJECT + 1];
extern const char *const store_idea_status_names[IDEA_REJECTED + 1];

#endif
