/* server-template.c: template.save, the facilitator's "save the agenda as a template". A request
 * to the host, not a command: it changes nothing in the meeting, so it is neither journaled nor
 * replayed. The file goes to the templates/ folder beside the session file (sessions/templates/
 * when the session is in the sessions folder), where --template finds it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plat.h"
#include "proto.h"
#include "server.h"
#include "store.h"
#include "util.h"

#define TEMPLATE_NAME_MAX  80    /* characters of the name the facilitator types */
#define TEMPLATE_SLUG_MAX  60    /* bytes of the file name made from it, without ".json" */
#define TEMPLATE_COPIES    999   /* "namn-2.json" ... "namn-999.json" before giving up */

/* The English fallback "message" beside each error code (as simple_error's in server.c): the
 * facilitator's page shows its own sentence for the code (err_* in i18n), never these. */
static const char forbidden_message[] = "Only the facilitator can save the agenda as a template.";
static const char name_message[] = "A template needs a name of 1 to 80 characters.";
static const char storage_message[] = "The host could not write the template file.";

/* The file name for a name: lowercase ASCII letters and digits, å/ä/ö (and capitals) as a/a/o,
 * every other run of characters one '-', none at either end; "mall" when nothing is left (a
 * name in Arabic script, say). */
static void slug_of(const char *name, char *out, size_t cap)
{
	size_t n = 0, len = strlen(name), i = 0;
	int dash = 0;
	while (i < len && n + 1 < cap) {
		size_t adv = 1;
		uint32_t cp = utf8_decode(name + i, len - i, &adv);
		char ch = 0;
		if (cp < 128 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))) ch = (char)cp;
		else if (cp >= 'A' && cp <= 'Z') ch = (char)(cp - 'A' + 'a');
		else if (cp == 0xE5 || cp == 0xE4 || cp == 0xC5 || cp == 0xC4) ch = 'a';   /* å ä Å Ä */
		else if (cp == 0xF6 || cp == 0xD6) ch = 'o';                               /* ö Ö */
		i += adv ? adv : 1;
		if (!ch) {
			dash = n > 0;
			continue;
		}
		if (dash && n + 2 < cap) out[n++] = '-';
		dash = 0;
		out[n++] = ch;
	}
	out[n] = '\0';
	if (!n) strlcpy_m(out, "mall", cap);
}

/* The folder the session file is in ("." when its path names none). */
static void folder_of(const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
#ifdef _WIN32
	const char *bs = strrchr(path, '\\');
	if (bs && (!slash || bs > slash)) slash = bs;
#endif
	if (slash) snprintf(out, cap, "%.*s", (int)(slash - path), path);
	else strlcpy_m(out, ".", cap);
}

void server_template_save(struct server *a, uint32_t peer, int facilitator, const char *cid, const char *name)
{
	struct proto_error e = { 0 };
	strlcpy_m(e.cid, cid ? cid : "", sizeof e.cid);
	if (!facilitator) {
		e.code = "forbidden";
		strlcpy_m(e.message, forbidden_message, sizeof e.message);
		server_send(a, peer, proto_encode_error(&e));
		return;
	}
	char *trimmed = utf8_trim(name ? name : "");
	size_t chars = utf8_count(trimmed, strlen(trimmed));
	if (chars == 0 || chars > TEMPLATE_NAME_MAX) {
		free(trimmed);
		e.code = "template_name";
		strlcpy_m(e.field, "name", sizeof e.field);
		strlcpy_m(e.message, name_message, sizeof e.message);
		server_send(a, peer, proto_encode_error(&e));
		return;
	}
	char slug[TEMPLATE_SLUG_MAX + 1], dir[PLAT_PATH_MAX], path[PLAT_PATH_MAX + 80], file[TEMPLATE_SLUG_MAX + 16],
	     err[512];
	slug_of(trimmed, slug, sizeof slug);
	free(trimmed);
	folder_of(a->path, dir, sizeof dir);
	size_t dl = strlen(dir);
	snprintf(dir + dl, sizeof dir - dl, "/templates");
	int ok = plat_mkdir(dir) == 0, found = 0;
	for (int k = 1; ok && k <= TEMPLATE_COPIES && !found; k++) {   /* never over an older template */
		if (k == 1) snprintf(file, sizeof file, "%s.json", slug);
		else snprintf(file, sizeof file, "%s-%d.json", slug, k);
		snprintf(path, sizeof path, "%s/%s", dir, file);
		found = !plat_exists(path);
	}
	if (ok && found) {
		char *json = store_template_to_json(a->s);
		ok = plat_write_atomic(path, json, strlen(json), err, sizeof err) == 0;
		free(json);
	}
	if (!ok || !found) {
		e.code = "storage";
		strlcpy_m(e.message, storage_message, sizeof e.message);
		server_send(a, peer, proto_encode_error(&e));
		return;
	}
	server_send(a, peer, proto_encode_ack_file(cid, file));
}
