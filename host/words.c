/* words.c: the catalogue of words (participant-web/i18n/<lang>.json) for the C side, with
 * the CLDR plural rule the phone page uses. */
#include "words.h"
#include "util.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const words_langs[WORDS_LANGS] = { "sv", "en", "ar", "fa", "ti", "so", "uk" };

static const struct {
	const char *key;
	int plural;
} entries[W_COUNT] = {
#define WORDS_ROW(id, key, plural) { key, plural },
	WORDS(WORDS_ROW)
#undef WORDS_ROW
};

/* The forms a plural id keeps, in this order; FORM_NONE is the optional "nothing yet". */
enum { FORM_ZERO, FORM_ONE, FORM_TWO, FORM_FEW, FORM_MANY, FORM_OTHER, FORM_NONE, FORMS };
static const char *const form_names[FORMS] = { "zero", "one", "two", "few", "many", "other", "none" };

/* A catalogue file is small (about 20 KB); anything far bigger is not one. */
#define WORDS_MAX_FILE (1 << 20)

struct words {
	char lang[8];
	char *form[W_COUNT][FORMS];   /* plain ids use form[id][FORM_OTHER] */
};

const char *words_key(enum word_id id)
{
	return (unsigned)id < W_COUNT ? entries[id].key : "?";
}

int words_is_plural(enum word_id id)
{
	return (unsigned)id < W_COUNT && entries[id].plural;
}

int words_known(const char *lang)
{
	for (size_t i = 0; lang && i < WORDS_LANGS; i++)
		if (strcmp(lang, words_langs[i]) == 0) return 1;
	return 0;
}

const char *words_lang_for(const char *tag, char *out, size_t len)
{
	size_t n = 0;
	while (tag && tag[n] && tag[n] != '-' && tag[n] != '_' && n + 1 < len) {
		out[n] = (char)(tag[n] >= 'A' && tag[n] <= 'Z' ? tag[n] + 32 : tag[n]);
		n++;
	}
	if (len) out[n] = '\0';
	if (!words_known(out)) snprintf(out, len, "en");
	return out;
}

const char *words_plural(const char *lang, long n)
{
	long m10 = n % 10, m100 = n % 100;
	if (n < 0) return "other";
	if (lang && strcmp(lang, "ar") == 0) {
		if (n < 3) return form_names[n == 0 ? FORM_ZERO : n == 1 ? FORM_ONE : FORM_TWO];
		if (m100 >= 3 && m100 <= 10) return "few";
		return m100 >= 11 ? "many" : "other";
	}
	if (lang && strcmp(lang, "uk") == 0) {
		if (m10 == 1 && m100 != 11) return "one";
		if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return "few";
		return "many";
	}
	if (n == 1 || (n == 0 && lang && (strcmp(lang, "fa") == 0 || strcmp(lang, "ti") == 0)))
		return "one";
	return "other";
}

/* The two halves of the catalogue: what the phone page downloads, and what only the laptop
 * shows (the board, the reports, the terminal), kept apart so phones do not load it. */
static const char *const halves[] = { "participant-web/i18n", "assets/i18n" };

static cJSON *read_half(const char *path, const char *lang, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot read the words for '%s' (%s)", lang, path);
		return NULL;
	}
	char *buf = xmalloc(WORDS_MAX_FILE);
	size_t len = fread(buf, 1, WORDS_MAX_FILE, f);
	int bad = ferror(f) || len == WORDS_MAX_FILE;
	fclose(f);
	cJSON *root = bad ? NULL : cJSON_ParseWithLength(buf, len);
	free(buf);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		snprintf(err, errlen, "the words for '%s' in %s are not a JSON object", lang, path);
		return NULL;
	}
	return root;
}

/* Both halves of lang's catalogue as one JSON object, or NULL with err filled. */
static cJSON *read_catalogue(const char *home, const char *lang, char *err, size_t errlen)
{
	cJSON *all = NULL;
	for (size_t h = 0; h < NELEM(halves); h++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s/%s.json", home, halves[h], lang);
		cJSON *half = read_half(path, lang, err, errlen);
		if (!half) {
			cJSON_Delete(all);
			return NULL;
		}
		if (!all) {
			all = half;
			continue;
		}
		while (half->child) {
			cJSON *item = cJSON_DetachItemViaPointer(half, half->child);
			cJSON_AddItemToObject(all, item->string, item);
		}
		cJSON_Delete(half);
	}
	return all;
}

static char *lookup(const cJSON *own, const cJSON *en, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(own, key);
	if (!cJSON_IsString(v) && en) v = cJSON_GetObjectItemCaseSensitive(en, key);
	return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

struct words *words_load(const char *home, const char *lang, char *err, size_t errlen)
{
	if (!words_known(lang)) {
		snprintf(err, errlen, "unknown language '%s' (one of sv, en, ar, fa, ti, so, uk)",
		         lang ? lang : "");
		return NULL;
	}
	cJSON *own = read_catalogue(home, lang, err, errlen);
	if (!own) return NULL;
	cJSON *en = strcmp(lang, "en") == 0 ? NULL : read_catalogue(home, "en", err, errlen);
	struct words *s = xcalloc(1, sizeof *s);
	strlcpy_m(s->lang, lang, sizeof s->lang);
	for (int id = 0; id < W_COUNT; id++) {
		const char *key = entries[id].key;
		if (!entries[id].plural) {
			char *v = lookup(own, en, key);
			s->form[id][FORM_OTHER] = v ? v : xstrdup(key);
			continue;
		}
		for (int f = 0; f < FORMS; f++) {
			char k[128];
			snprintf(k, sizeof k, "%s_%s", key, form_names[f]);
			/* Plural forms come from the language's own file only: English's "one" is no
			 * answer to a Ukrainian "few"; _other (with the English fallback) is. */
			s->form[id][f] = f == FORM_OTHER ? lookup(own, en, k) : lookup(own, NULL, k);
		}
		if (!s->form[id][FORM_OTHER]) s->form[id][FORM_OTHER] = xstrdup(key);
	}
	cJSON_Delete(own);
	cJSON_Delete(en);
	return s;
}

void words_free(struct words *s)
{
	if (!s) return;
	for (int id = 0; id < W_COUNT; id++)
		for (int f = 0; f < FORMS; f++) free(s->form[id][f]);
	free(s);
}

const char *words_lang(const struct words *s)
{
	return s->lang;
}

const char *word(const struct words *s, enum word_id id)
{
	return (unsigned)id < W_COUNT ? s->form[id][FORM_OTHER] : "?";
}

const char *word_form(const struct words *s, enum word_id id, long n)
{
	if ((unsigned)id >= W_COUNT) return "?";
	if (n == 0 && s->form[id][FORM_NONE]) return s->form[id][FORM_NONE];
	const char *cat = words_plural(s->lang, n);
	for (int f = 0; f < FORM_OTHER; f++)
		if (strcmp(cat, form_names[f]) == 0 && s->form[id][f]) return s->form[id][f];
	return s->form[id][FORM_OTHER];
}

/* o, or less so that out[0..o) does not end inside a UTF-8 sequence (after a cut to fit). */
static size_t whole_chars(const char *out, size_t o)
{
	size_t i = o;
	while (i > 0 && ((unsigned char)out[i - 1] & 0xC0) == 0x80) i--;
	if (i == 0) return o;
	unsigned char lead = (unsigned char)out[i - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	return o - (i - 1) < need ? i - 1 : o;
}

size_t word_expand(char *out, size_t cap, const char *tmpl, size_t count,
                  const char *const *names, const char *const *values)
{
	size_t o = 0;
	if (!cap) return 0;
	for (const char *p = tmpl; *p && o + 1 < cap;) {
		const char *v = NULL;
		size_t skip = 0;
		if (*p == '{') {
			const char *end = strchr(p + 1, '}');
			for (size_t i = 0; end && i < count; i++) {
				size_t kl = strlen(names[i]);
				if ((size_t)(end - p - 1) == kl && memcmp(p + 1, names[i], kl) == 0) {
					v = values[i];
					skip = kl + 2;
					break;
				}
			}
		}
		if (!v) {
			out[o++] = *p++;
			continue;
		}
		size_t vl = strlen(v);
		if (vl > cap - 1 - o) vl = cap - 1 - o;
		memcpy(out + o, v, vl);
		o += vl;
		p += skip;
	}
	o = whole_chars(out, o);
	out[o] = '\0';
	return o;
}

char *word_ni(char *out, size_t cap, const char *tmpl, long n, long i)
{
	char ns[24], is[24];
	snprintf(ns, sizeof ns, "%ld", n);
	snprintf(is, sizeof is, "%ld", i);
	const char *const names[] = { "n", "i" }, *const values[] = { ns, is };
	word_expand(out, cap, tmpl, 2, names, values);
	return out;
}

char *word_n(char *out, size_t cap, const struct words *s, enum word_id id, long n)
{
	return word_ni(out, cap, word_form(s, id, n), n, 0);
}

/* The longest line the host prints: a sentence around a path (PATH_MAX) and an error. */
#define WORDS_LINE 8192
/* Most {name}s one sentence fills. */
#define WORDS_FILL_MAX 8

/* tmpl with {n} (when ns is not NULL) and the name, value pairs of ap filled into out. */
static char *fill(char *out, size_t cap, const char *tmpl, const char *ns, va_list ap)
{
	const char *names[WORDS_FILL_MAX + 1], *values[WORDS_FILL_MAX + 1];
	size_t count = 0;
	if (ns) {
		names[count] = "n";
		values[count++] = ns;
	}
	for (const char *name; (name = va_arg(ap, const char *)) != NULL;) {
		const char *value = va_arg(ap, const char *);
		if (count < NELEM(names)) {
			names[count] = name;
			values[count++] = value ? value : "";
		}
	}
	word_expand(out, cap, tmpl, count, names, values);
	return out;
}

char *word_fill(char *out, size_t cap, const struct words *s, enum word_id id, ...)
{
	va_list ap;
	va_start(ap, id);
	fill(out, cap, word(s, id), NULL, ap);
	va_end(ap);
	return out;
}

char *word_fill_n(char *out, size_t cap, const struct words *s, enum word_id id, long n, ...)
{
	char ns[24];
	va_list ap;
	snprintf(ns, sizeof ns, "%ld", n);
	va_start(ap, n);
	fill(out, cap, word_form(s, id, n), ns, ap);
	va_end(ap);
	return out;
}

void words_say(FILE *f, const char *lead, const struct words *s, enum word_id id, ...)
{
	char line[WORDS_LINE];
	va_list ap;
	va_start(ap, id);
	fill(line, sizeof line, word(s, id), NULL, ap);
	va_end(ap);
	fprintf(f, "%s%s\n", lead, line);
}

void words_say_n(FILE *f, const char *lead, const struct words *s, enum word_id id, long n, ...)
{
	char line[WORDS_LINE], ns[24];
	va_list ap;
	snprintf(ns, sizeof ns, "%ld", n);
	va_start(ap, n);
	fill(line, sizeof line, word_form(s, id, n), ns, ap);
	va_end(ap);
	fprintf(f, "%s%s\n", lead, line);
}
