/* board-words.c: what the board says, from the catalogue of words (words.h) in the meeting's
 * language: the help rows, the phase and kind names, and counts in their plural form. */
#include "board-int.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

/* The help overlay's rows: the keys (a letter as it is on the keyboard, or words to
 * translate) and what they do. */
static const struct {
	const char *keys;        /* the keys as printed on a keyboard, or NULL: keys_word */
	enum word_id keys_word;
	enum word_id what;
} help_rows[HELP_ROWS] = {
	[HELP_NEXT] = { NULL, W_BOARD_KEY_NEXT, W_BOARD_HELP_NEXT },
	[HELP_PREV] = { NULL, W_BOARD_KEY_PREV, W_BOARD_HELP_PREV },
	[HELP_OPEN] = { "O", W_COUNT, W_BOARD_HELP_OPEN },
	[HELP_LOCK] = { "L", W_COUNT, W_BOARD_HELP_LOCK },
	[HELP_REVEAL] = { "R", W_COUNT, W_BOARD_HELP_REVEAL },
	[HELP_PREPARED] = { "P", W_COUNT, W_BOARD_HELP_PREPARED },
	[HELP_TIMER] = { "T", W_COUNT, W_BOARD_HELP_TIMER },
	[HELP_MINUTE] = { "+", W_COUNT, W_BOARD_HELP_MINUTE },
	[HELP_IDEA] = { "I", W_COUNT, W_BOARD_HELP_TYPE },
	[HELP_DRAG] = { NULL, W_BOARD_KEY_DRAG, W_BOARD_HELP_DRAG },
	[HELP_RENAME] = { NULL, W_BOARD_KEY_DBLCLICK, W_BOARD_HELP_RENAME },
	[HELP_PAGES] = { "[  ]", W_COUNT, W_BOARD_HELP_PAGES },
	[HELP_TABLES] = { "B", W_COUNT, W_BOARD_TBL_HELP },
	[HELP_CARD] = { "C", W_COUNT, W_BOARD_HELP_CARD },
	[HELP_THEME] = { "V", W_COUNT, W_BOARD_HELP_CONTRAST },
	[HELP_FACILITATOR] = { "K", W_COUNT, W_BOARD_HELP_FACADDR },
	[HELP_FULLSCREEN] = { "F", W_COUNT, W_BOARD_HELP_FULLSCREEN },
	[HELP_HELP] = { "?  H", W_COUNT, W_BOARD_HELP_HELP },
	[HELP_QUIT] = { "Q  Esc", W_COUNT, W_BOARD_HELP_QUIT },
};

const char *board_word(const struct board *b, enum word_id id)
{
	return word(b->words, id);
}

char *board_count(const struct board *b, char *out, size_t len, enum word_id id, long n)
{
	return word_n(out, len, b->words, id, n);
}

enum word_id board_phase_word(enum phase p)
{
	static const enum word_id w[] = { W_PHASE_PREPARED, W_PHASE_OPEN, W_PHASE_LOCKED, W_PHASE_REVEALED };
	return (size_t)p < NELEM(w) ? w[p] : W_PHASE_PREPARED;
}

enum word_id board_kind_word(enum activity_kind k)
{
	return k == ACTIVITY_VOTE ? W_KIND_VOTE : k == ACTIVITY_POLL ? W_KIND_POLL : k == ACTIVITY_CONSENT ? W_CNS_KIND
	     : k == ACTIVITY_ACTIONS ? W_ACT_KIND
	     : W_KIND_IDEAS;
}

const char *board_help_keys(const struct board *b, enum help_row row)
{
	return help_rows[row].keys ? help_rows[row].keys : word(b->words, help_rows[row].keys_word);
}

const char *board_help_what(const struct board *b, enum help_row row)
{
	return word(b->words, help_rows[row].what);
}

/* A refused command in the board's language: the phone's sentence for its error code, with
 * the limit it names filled in; the model's own (English) message only for a code the phone
 * never sees. */
void board_refusal(const struct board *b, const struct session_result *res, char *out, size_t len)
{
	static const struct {
		enum session_err err;
		enum word_id word;
	} refusals[] = {
		{ SERR_EMPTY_TEXT, W_ERR_EMPTY_TEXT }, { SERR_TEXT_TOO_LONG, W_ERR_TEXT_TOO_LONG },
		{ SERR_NO_ACTIVITY, W_ERR_NO_ACTIVITY }, { SERR_WRONG_ACTIVITY, W_ERR_WRONG_ACTIVITY },
		{ SERR_NAME_TOO_LONG, W_ERR_NAME_TOO_LONG }, { SERR_NAME_RESERVED, W_ERR_NAME_RESERVED },
		{ SERR_BAD_UTF8, W_ERR_BAD_UTF8 }, { SERR_NOT_OPEN, W_ERR_NOT_OPEN },
		{ SERR_OVER_BUDGET, W_ERR_OVER_BUDGET }, { SERR_OVER_ITEM_MAX, W_ERR_OVER_ITEM_MAX },
		{ SERR_FORBIDDEN, W_ERR_FORBIDDEN }, { SERR_BAD_CATEGORY, W_ERR_BAD_CATEGORY },
		{ SERR_NO_IDEA, W_ERR_NO_IDEA }, { SERR_NO_GROUP, W_ERR_NO_GROUP },
		{ SERR_BAD_VALUE, W_ERR_BAD_VALUE }, { SERR_BAD_SPEC, W_ERR_BAD_SPEC },
	};
	const struct activity *a = b->room.s ? session_current(b->room.s) : NULL;
	char max[16], budget[16];
	snprintf(max, sizeof max, "%d", res->err == SERR_NAME_TOO_LONG ? SESSION_NAME_MAX_CHARS
	                                : res->err == SERR_OVER_ITEM_MAX && a ? a->max_per_item
	                                : SESSION_IDEA_MAX_CHARS);
	snprintf(budget, sizeof budget, "%d", a ? a->budget : 0);
	const char *const names[] = { "max", "budget" }, *const values[] = { max, budget };
	for (size_t i = 0; i < NELEM(refusals); i++) {
		if (refusals[i].err != res->err) continue;
		word_expand(out, len, board_word(b, refusals[i].word), NELEM(names), names, values);
		return;
	}
	if (res->message[0]) snprintf(out, len, "%s", res->message);
	else snprintf(out, len, "%s", board_word(b, W_ERR_GENERIC));
}
