/* board-input.c: the facilitator's keys, typed text and mouse become board actions and
 * commands. */
#include "board-int.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

/* ---- input: keys and mouse become commands -------------------------------------------------- */

void board_toast(struct board *b, const char *msg)
{
	snprintf(b->toast, sizeof b->toast, "%s", msg);
	b->toast_until = SDL_GetTicks() + TOAST_MS;
	b->relayout = b->dirty = 1;
}

/* Wall-clock time now, from the last view's clock. */
static int64_t board_now(const struct board *b)
{
	return b->now_ms + (int64_t)(SDL_GetTicks() - b->now_ticks);
}

static enum board_action make_command(struct board *b, struct command *cmd, enum cmd_type type)
{
	memset(cmd, 0, sizeof *cmd);
	cmd->type = type;
	cmd->facilitator = 1;
	cmd->at_ms = board_now(b);
	cmd->n = 0;
	b->pending_input = 0;
	return BOARD_COMMAND;
}

static enum board_action cmd_goto(struct board *b, struct command *cmd, int delta)
{
	const struct session *s = b->room.s;
	if (!s || s->n_activities == 0) {
		board_toast(b, board_word(b, W_BOARD_NO_ACTIVITY));
		return BOARD_REDRAW;
	}
	int at = 0;
	for (size_t i = 0; i < s->n_activities; i++)
		if (s->activities[i].id == s->current_activity) at = (int)i;
	int to = at + delta;
	if (to < 0 || to >= (int)s->n_activities) {
		board_toast(b, delta < 0 ? board_word(b, W_BOARD_FIRST_ACTIVITY) : board_word(b, W_BOARD_LAST_ACTIVITY));
		return BOARD_REDRAW;
	}
	make_command(b, cmd, CMD_GOTO);
	cmd->activity = s->activities[to].id;
	return BOARD_COMMAND;
}

static enum board_action cmd_phase(struct board *b, struct command *cmd, int phase)
{
	make_command(b, cmd, CMD_PHASE);
	cmd->activity = b->room.s ? b->room.s->current_activity : 0;
	cmd->n = phase;
	return BOARD_COMMAND;
}

static enum board_action cmd_timer(struct board *b, struct command *cmd, int add)
{
	const struct activity *a = b->room.s ? session_current(b->room.s) : NULL;
	if (add) {
		make_command(b, cmd, CMD_TIMER_ADD);
		cmd->n = 60000;
	} else {
		make_command(b, cmd, a && a->timer.running ? CMD_TIMER_PAUSE : CMD_TIMER_START);
	}
	cmd->activity = a ? a->id : 0;
	return BOARD_COMMAND;
}

/* The default name of a new group in the board's language ("Grupp 3"; it is the meeting's
 * text, saved with it): the first number no group of the activity has. */
static void default_group_name(const struct board *b, uint32_t activity, char *out, size_t len)
{
	const struct session *s = b->room.s;
	int n = 1;
	for (size_t i = 0; i < s->n_groups; i++) n += s->groups[i].activity == activity && !s->groups[i].removed;
	for (;; n++) {
		word_ni(out, len, board_word(b, W_BOARD_GROUP_NAME), n, 0);
		size_t i = 0;
		for (; i < s->n_groups; i++)
			if (s->groups[i].activity == activity && !s->groups[i].removed && strcmp(s->groups[i].name, out) == 0)
				break;
		if (i == s->n_groups) return;
	}
}

static void input_open(struct board *b, enum input_kind kind, uint32_t group, const char *text, int eat)
{
	b->input.kind = kind;
	b->input.group = group;
	b->eat_text = eat;
	snprintf(b->input.buf, sizeof b->input.buf, "%s", text ? text : "");
	b->input.len = strlen(b->input.buf);
	b->drag.pressed = 0;
	SDL_StartTextInput();
	b->relayout = b->dirty = 1;
}

void board_input_close(struct board *b)
{
	b->input.kind = INPUT_NONE;
	b->input.len = 0;
	b->input.buf[0] = '\0';
	b->relayout = b->dirty = 1;
}

static void input_append(struct board *b, const char *s)
{
	size_t add = strlen(s);
	size_t max_chars = b->input.kind == INPUT_RENAME ? SESSION_OPTION_MAX_CHARS : SESSION_IDEA_MAX_CHARS;
	if (!utf8_valid(s, add)) return;
	if (utf8_count(b->input.buf, b->input.len) + utf8_count(s, add) > max_chars) return;
	if (b->input.len + add >= sizeof b->input.buf) return;
	for (size_t i = 0; i < add; i++)  /* a pasted newline or tab becomes a space */
		b->input.buf[b->input.len + i] = s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i];
	b->input.len += add;
	b->input.buf[b->input.len] = '\0';
	b->relayout = b->dirty = 1;
}

static void input_backspace(struct board *b)
{
	size_t n = b->input.len;
	if (!n) return;
	n--;
	while (n > 0 && ((unsigned char)b->input.buf[n] & 0xC0) == 0x80) n--;  /* a whole character */
	b->input.len = n;
	b->input.buf[n] = '\0';
	b->relayout = b->dirty = 1;
}

static enum board_action input_submit(struct board *b, struct command *cmd)
{
	if (b->input.kind == INPUT_IDEA) {
		make_command(b, cmd, CMD_IDEA_POST);
		snprintf(b->cmd_text, sizeof b->cmd_text, "%s", b->input.buf);
		cmd->text = b->cmd_text;
		cmd->participant = 0;   /* the facilitator herself */
		cmd->n = -1;            /* no category */
		cmd->activity = b->room.s ? b->room.s->current_activity : 0;
	} else {
		make_command(b, cmd, CMD_GROUP_RENAME);
		/* the input holds at most SESSION_OPTION_MAX_CHARS characters while renaming */
		size_t n = b->input.len < sizeof b->cmd_name ? b->input.len : sizeof b->cmd_name - 1;
		memcpy(b->cmd_name, b->input.buf, n);
		b->cmd_name[n] = '\0';
		cmd->name = b->cmd_name;
		cmd->group = b->input.group;
	}
	b->pending_input = 1;
	return BOARD_COMMAND;
}

static enum board_action input_key(struct board *b, const SDL_KeyboardEvent *k, struct command *cmd)
{
	switch (k->keysym.sym) {
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
		return input_submit(b, cmd);
	case SDLK_ESCAPE:
		board_input_close(b);
		return BOARD_REDRAW;
	case SDLK_BACKSPACE:
		input_backspace(b);
		return BOARD_REDRAW;
	case SDLK_v:
		if (k->keysym.mod & KMOD_CTRL) {
			char *clip = SDL_GetClipboardText();
			if (clip) input_append(b, clip);
			SDL_free(clip);
			return BOARD_REDRAW;
		}
		return BOARD_NONE;
	}
	return BOARD_NONE;
}

/* ---- the key table ---------------------------------------------------------------------- */

static enum board_action key_quit(struct board *b, struct command *cmd, int arg)
{
	return BOARD_QUIT;
}

static enum board_action key_fullscreen(struct board *b, struct command *cmd, int arg)
{
	b->fullscreen = !b->fullscreen;
	SDL_SetWindowFullscreen(b->win, b->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
	board_invalidate(b);
	return BOARD_REDRAW;
}

static enum board_action key_theme(struct board *b, struct command *cmd, int arg)
{
	b->theme_i = (b->theme_i + 1) % THEME_COUNT;
	b->th = &b->themes[b->theme_i];
	board_invalidate(b);   /* text colours are in the rendered textures */
	return BOARD_REDRAW;
}

/* The join card: large or small, the facilitator's choice from now on. */
static enum board_action key_card(struct board *b, struct command *cmd, int arg)
{
	b->card_mode = b->card_small ? CARD_LARGE : CARD_SMALL;
	board_invalidate(b);
	return BOARD_REDRAW;
}

/* arg: the enum overlay to show. */
static enum board_action key_overlay(struct board *b, struct command *cmd, int arg)
{
	b->overlay = (enum overlay)arg;
	board_invalidate(b);
	return BOARD_REDRAW;
}

static enum board_action key_idea(struct board *b, struct command *cmd, int arg)
{
	const struct activity *a = b->room.s ? session_current(b->room.s) : NULL;
	if (!a || a->kind != ACTIVITY_IDEAS) {
		board_toast(b, board_word(b, W_BOARD_IDEAS_ONLY));
		return BOARD_REDRAW;
	}
	input_open(b, INPUT_IDEA, 0, "", 1);
	return BOARD_REDRAW;
}

/* Pages of notes, arg -1 or +1 (Page Up/Down change the activity). */
static enum board_action key_page(struct board *b, struct command *cmd, int arg)
{
	size_t to = b->page;
	if (arg < 0 && to > 0) to--;
	if (arg > 0 && to + 1 < b->n_pages) to++;
	if (to == b->page) return BOARD_NONE;
	b->page = to;
	board_invalidate(b);
	return BOARD_REDRAW;
}

/* Every table as a column, on and off: for any activity while the session has tables (an
 * activity made by_table shows them anyway). The board's own choice, not the meeting's. */
static enum board_action key_tables(struct board *b, struct command *cmd, int arg)
{
	if (!b->room.s || b->room.s->n_tables <= 0) {
		board_toast(b, board_word(b, W_BOARD_TBL_NONE));
		return BOARD_REDRAW;
	}
	b->room.tables_on = !b->room.tables_on;
	b->page = 0;
	board_invalidate(b);
	return BOARD_REDRAW;
}

/* In the order of the help overlay (rows of one help line next to each other). */
const struct board_key board_keys[] = {
	{ "Right", SDLK_RIGHT, NULL, cmd_goto, 1, HELP_NEXT },
	{ "Page Down", SDLK_PAGEDOWN, NULL, cmd_goto, 1, HELP_NEXT },
	{ "Left", SDLK_LEFT, NULL, cmd_goto, -1, HELP_PREV },
	{ "Page Up", SDLK_PAGEUP, NULL, cmd_goto, -1, HELP_PREV },
	{ "o", SDLK_o, NULL, cmd_phase, PHASE_OPEN, HELP_OPEN },
	{ "l", SDLK_l, NULL, cmd_phase, PHASE_LOCKED, HELP_LOCK },
	{ "r", SDLK_r, NULL, cmd_phase, PHASE_REVEALED, HELP_REVEAL },
	{ "p", SDLK_p, NULL, cmd_phase, PHASE_PREPARED, HELP_PREPARED },
	{ "t", SDLK_t, NULL, cmd_timer, 0, HELP_TIMER },
	{ "+", SDLK_KP_PLUS, NULL, cmd_timer, 1, HELP_MINUTE },  /* no text event needed on the keypad */
	{ "+", 0, "+", cmd_timer, 1, HELP_MINUTE },
	{ "=", 0, "=", cmd_timer, 1, HELP_MINUTE },              /* '+' without Shift on a US keyboard */
	{ "i", SDLK_i, NULL, key_idea, 0, HELP_IDEA },
	{ "drag a note", 0, NULL, NULL, 0, HELP_DRAG },
	{ "double-click a group's name", 0, NULL, NULL, 0, HELP_RENAME },
	{ "[", 0, "[", key_page, -1, HELP_PAGES },               /* AltGr+8 on a Nordic keyboard */
	{ "]", 0, "]", key_page, 1, HELP_PAGES },
	{ "b", SDLK_b, NULL, key_tables, 0, HELP_TABLES },
	{ "c", SDLK_c, NULL, key_card, 0, HELP_CARD },
	{ "v", SDLK_v, NULL, key_theme, 0, HELP_THEME },
	{ "k", SDLK_k, NULL, key_overlay, OVERLAY_FACILITATOR, HELP_FACILITATOR },
	{ "f", SDLK_f, NULL, key_fullscreen, 0, HELP_FULLSCREEN },
	{ "?", 0, "?", key_overlay, OVERLAY_HELP, HELP_HELP },
	{ "h", SDLK_h, NULL, key_overlay, OVERLAY_HELP, HELP_HELP },
	{ "q", SDLK_q, NULL, key_quit, 0, HELP_QUIT },
	{ "Escape", SDLK_ESCAPE, NULL, key_quit, 0, HELP_QUIT },
};
const size_t board_n_keys = sizeof board_keys / sizeof board_keys[0];

size_t board_help_order(enum help_row out[HELP_ROWS])
{
	size_t n = 0;
	for (size_t k = 0; k < board_n_keys; k++) {
		size_t i = 0;
		while (i < n && out[i] != board_keys[k].help) i++;
		if (i == n && n < HELP_ROWS) out[n++] = board_keys[k].help;
	}
	return n;
}

/* The row for a key code (text NULL) or a typed text; NULL if none. */
static const struct board_key *key_find(SDL_Keycode sym, const char *text)
{
	for (size_t k = 0; k < board_n_keys; k++) {
		const struct board_key *e = &board_keys[k];
		if (text ? e->text && strcmp(e->text, text) == 0 : e->sym && e->sym == sym) return e;
	}
	return NULL;
}

enum board_action board_handle_key(struct board *b, const SDL_KeyboardEvent *k, struct command *cmd)
{
	b->eat_text = 0;  /* a key's text event follows its key event at once */
	if (b->input.kind != INPUT_NONE) return input_key(b, k, cmd);
	if (k->repeat) return BOARD_NONE;
	if (k->keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) return BOARD_NONE;
	if (b->overlay != OVERLAY_NONE) {
		/* Any key closes an overlay, and does nothing else: nothing happens by surprise. */
		b->overlay = OVERLAY_NONE;
		b->eat_text = 1;
		board_invalidate(b);
		return BOARD_REDRAW;
	}
	b->drag.pressed = 0;
	const struct board_key *e = key_find(k->keysym.sym, NULL);
	return e ? e->act(b, cmd, e->arg) : BOARD_NONE;
}

/* Keys that come as text (the rows of board_keys with a text), and text for the input box. */
enum board_action board_handle_text(struct board *b, const char *text, struct command *cmd)
{
	if (b->eat_text) {
		b->eat_text = 0;
		return BOARD_NONE;
	}
	if (b->input.kind != INPUT_NONE) {
		input_append(b, text);
		return BOARD_REDRAW;
	}
	const struct board_key *e = key_find(0, text);
	/* Over an overlay (its closing key's text was eaten) only the help key still acts. */
	if (!e || (b->overlay != OVERLAY_NONE && e->help != HELP_HELP)) return BOARD_NONE;
	return e->act(b, cmd, e->arg);
}

/* Window coordinates to the renderer's pixels (they differ on high-density screens). */
static void to_pixels(const struct board *b, int x, int y, int *px, int *py)
{
	int ww = 0, wh = 0;
	SDL_GetWindowSize(b->win, &ww, &wh);
	*px = ww > 0 ? (int)((long)x * b->w / ww) : x;
	*py = wh > 0 ? (int)((long)y * b->h / wh) : y;
}

enum board_action board_mouse_down(struct board *b, const SDL_MouseButtonEvent *m)
{
	if (m->button != SDL_BUTTON_LEFT) return BOARD_NONE;
	if (b->overlay != OVERLAY_NONE) {  /* a click closes an overlay */
		b->overlay = OVERLAY_NONE;
		b->relayout = b->dirty = 1;
		return BOARD_REDRAW;
	}
	if (b->input.kind != INPUT_NONE || b->room.mode != MODE_NOTES || !b->room.can_group) return BOARD_NONE;
	int x, y;
	to_pixels(b, m->x, m->y, &x, &y);
	struct layout_rect p = { x, y, 1, 1 };
	if (m->clicks >= 2) {  /* double-click on a heading: rename */
		for (size_t g = 0; g < b->groups_placed; g++)
			if (layout_rect_overlap(&p, &b->lgroups[g].heading)) {
				const struct group *gr = session_group(b->room.s, b->room.groups[g].id);
				input_open(b, INPUT_RENAME, b->room.groups[g].id, gr ? gr->name : "", 0);
				return BOARD_REDRAW;
			}
	}
	for (size_t i = 0; i < b->room.n_items; i++) {
		const struct layout_rect *n = &b->lnotes[i].note;
		if (!shown(b, i) || !layout_rect_overlap(&p, n)) continue;
		b->drag.pressed = 1;
		b->drag.moved = 0;
		b->drag.idea = b->room.items[i].id;
		b->drag.x0 = b->drag.x = x;
		b->drag.y0 = b->drag.y = y;
		b->drag.dx = x - n->x;
		b->drag.dy = y - n->y;
		return BOARD_NONE;
	}
	return BOARD_NONE;
}

enum board_action board_mouse_motion(struct board *b, const SDL_MouseMotionEvent *m)
{
	if (!b->drag.pressed) return BOARD_NONE;
	if (!(m->state & SDL_BUTTON_LMASK)) {  /* released outside the window */
		b->drag.pressed = 0;
		b->dirty = 1;
		return BOARD_REDRAW;
	}
	to_pixels(b, m->x, m->y, &b->drag.x, &b->drag.y);
	int dx = b->drag.x - b->drag.x0, dy = b->drag.y - b->drag.y0;
	if (!b->drag.moved && dx * dx + dy * dy < DRAG_SLOP_PX * DRAG_SLOP_PX) return BOARD_NONE;
	b->drag.moved = 1;
	b->dirty = 1;
	return BOARD_REDRAW;
}

/* A drop: onto a note in a group, or onto a group, moves the dragged note into that group;
 * onto an ungrouped note makes a new group of the two; onto free space takes it out of its
 * group. */
enum board_action board_mouse_up(struct board *b, const SDL_MouseButtonEvent *m, struct command *cmd)
{
	if (m->button != SDL_BUTTON_LEFT || !b->drag.pressed) return BOARD_NONE;
	int moved = b->drag.moved;
	b->drag.pressed = b->drag.moved = 0;
	b->dirty = 1;
	if (!moved || !b->room.s) return BOARD_REDRAW;
	int x, y;
	to_pixels(b, m->x, m->y, &x, &y);
	uint32_t idea = b->drag.idea;
	const struct idea *d = session_idea(b->room.s, idea);
	if (!d) return BOARD_REDRAW;
	int note, group;
	board_drop_target(b, x, y, idea, &note, &group);
	uint32_t to = 0;
	if (note >= 0 && b->room.items[note].group) {
		to = b->room.items[note].group;
	} else if (note >= 0) {
		make_command(b, cmd, CMD_GROUP_CREATE);
		cmd->activity = d->activity;
		cmd->idea = b->room.items[note].id;
		cmd->other = idea;
		default_group_name(b, d->activity, b->cmd_name, sizeof b->cmd_name);
		cmd->name = b->cmd_name;
		return BOARD_COMMAND;
	} else if (group >= 0) {
		to = b->room.groups[group].id;
	}
	if (to == d->group) return BOARD_REDRAW;  /* dropped where it was */
	make_command(b, cmd, CMD_IDEA_GROUP);
	cmd->idea = idea;
	cmd->group = to;
	return BOARD_COMMAND;
}
