/* board-json.c: where the last frame put everything, written as JSON for tests and tools. */
#include "board-int.h"
#include "plat.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the layout as JSON ---------------------------------------------------------------------- */

static cJSON *rect_json(cJSON *o, const struct layout_rect *r)
{
	if (!o) o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "x", r->x);
	cJSON_AddNumberToObject(o, "y", r->y);
	cJSON_AddNumberToObject(o, "w", r->w);
	cJSON_AddNumberToObject(o, "h", r->h);
	return o;
}

static void add_rect_or_null(cJSON *o, const char *key, const struct layout_rect *r)
{
	if (r->w > 0 && r->h > 0) cJSON_AddItemToObject(o, key, rect_json(NULL, r));
	else cJSON_AddNullToObject(o, key);
}

static const char *mode_name(enum mode m)
{
	static const char *const names[] = { "join", "notes", "silent", "chart" };
	return names[m];
}

static void json_header(struct board *b, cJSON *root)
{
	const struct layout_frame *f = &b->frame;
	const struct activity *a = b->room.s ? session_activity(b->room.s, b->room.act_id) : NULL;
	if (a) {
		cJSON *j = cJSON_AddObjectToObject(root, "activity");
		cJSON_AddNumberToObject(j, "id", a->id);
		cJSON_AddStringToObject(j, "kind", session_kind_name(a->kind));
		cJSON_AddStringToObject(j, "phase", session_phase_name(a->phase));
		cJSON_AddNumberToObject(j, "index", b->room.act_index);
		cJSON_AddNumberToObject(j, "count", b->room.n_acts);
		cJSON_AddStringToObject(j, "agenda", b->agenda_text);
	} else {
		cJSON_AddNullToObject(root, "activity");
	}
	cJSON_AddItemToObject(root, "title", rect_json(NULL, &f->title));
	add_rect_or_null(root, "agenda", &f->agenda);
	cJSON_AddItemToObject(root, "question", rect_json(NULL, &f->question));
	if (a && f->badge.w > 0) {
		cJSON *j = rect_json(NULL, &f->badge);
		cJSON_AddStringToObject(j, "label", board_word(b, board_phase_word(a->phase)));
		cJSON_AddItemToObject(root, "badge", j);
	} else {
		cJSON_AddNullToObject(root, "badge");
	}
	if (f->timer.w > 0) {
		static const char *const states[] = { "none", "running", "paused", "done" };
		cJSON *j = rect_json(NULL, &f->timer);
		cJSON_AddStringToObject(j, "text", b->room.timer_text);
		cJSON_AddStringToObject(j, "state", states[b->room.timer_state]);
		cJSON_AddNumberToObject(j, "left_ms", (double)b->room.timer_left);
		cJSON_AddNumberToObject(j, "px", b->timer ? b->timer->font_h : 0);
		cJSON_AddItemToObject(root, "timer", j);
	} else {
		cJSON_AddNullToObject(root, "timer");
	}
	if (b->room.round > 0) {   /* an activity in rounds: the round now and its name */
		cJSON *j = cJSON_AddObjectToObject(root, "round");
		cJSON_AddNumberToObject(j, "round", b->room.round);
		cJSON_AddNumberToObject(j, "of", b->room.n_rounds);
		cJSON_AddStringToObject(j, "text", b->room.round_text);
		const struct activity *ra = b->room.s ? session_activity(b->room.s, b->room.act_id) : NULL;
		if (ra && (size_t)b->room.round <= ra->n_rounds) {
			cJSON_AddStringToObject(j, "title", ra->rounds[b->room.round - 1].title ? ra->rounds[b->room.round - 1].title : "");
			cJSON_AddNumberToObject(j, "ms", (double)ra->rounds[b->room.round - 1].ms);
		}
	} else {
		cJSON_AddNullToObject(root, "round");
	}
	cJSON_AddBoolToObject(root, "by_table", b->room.by_table);
	if (f->banner.h > 0 && b->room.banner_text[0]) {
		cJSON *j = rect_json(NULL, &f->banner);
		cJSON_AddStringToObject(j, "text", b->room.banner_text);
		cJSON_AddItemToObject(root, "banner", j);
	} else {
		cJSON_AddNullToObject(root, "banner");
	}
	if (f->notice.h > 0 && b->room.seen_notice) {
		cJSON *j = rect_json(NULL, &f->notice);
		cJSON_AddStringToObject(j, "text", b->room.seen_notice);
		cJSON_AddItemToObject(root, "notice", j);
	} else {
		cJSON_AddNullToObject(root, "notice");
	}
}

static void add_colour(cJSON *o, const char *key, SDL_Color c)
{
	char hex[8];
	snprintf(hex, sizeof hex, "#%02X%02X%02X", c.r, c.g, c.b);
	cJSON_AddStringToObject(o, key, hex);
}

/* A note's body as drawn (draw_body in board-notes.c): its photo, its text, its rendering. */
static void json_body(struct board *b, size_t i, cJSON *n)
{
	const struct layout_note *ln = &b->lnotes[i];
	const struct item *it = &b->room.items[i];
	const struct item_look *lk = &b->ilook[i];
	cJSON_AddStringToObject(n, "original", it->text ? it->text : "");
	if (!lk->photo_h && !lk->rend_h) {
		cJSON_AddItemToObject(n, "text", rect_json(NULL, &ln->text));
		return;
	}
	int x = ln->text.x, y = ln->text.y, w = ln->text.w;
	if (lk->photo_h) {
		struct layout_rect pr = { x + (w - lk->photo_w) / 2, y, lk->photo_w, lk->photo_h };
		cJSON *p = rect_json(NULL, &pr);
		const struct photo *ph = lk->photo ? &b->photos[lk->photo - 1] : NULL;
		cJSON_AddStringToObject(p, "file", it->photo);
		cJSON_AddBoolToObject(p, "loaded", ph && ph->tex);
		cJSON_AddItemToObject(n, "photo", p);
		y += lk->photo_h + (lk->text_h ? lk->gap : 0);
	}
	struct layout_rect tr = { x, y, w, lk->text_h };
	cJSON_AddItemToObject(n, "text", rect_json(NULL, &tr));
	y += lk->text_h;
	if (lk->rend_h && lk->rend_img) {
		y += lk->rend_h - lk->rend_img->h;
		struct layout_rect rr = { x, y, w, lk->rend_img->h };
		cJSON *r = rect_json(NULL, &rr);
		cJSON_AddStringToObject(r, "lang", it->rendering_lang ? it->rendering_lang : "");
		cJSON_AddStringToObject(r, "text", it->rendering);
		add_colour(r, "ink", b->th->rendering);
		cJSON_AddBoolToObject(r, "rtl", lk->rend_rtl);
		cJSON_AddItemToObject(n, "rendering", r);
	}
}

static void json_notes(struct board *b, cJSON *root)
{
	cJSON *notes = cJSON_AddArrayToObject(root, "notes");
	for (size_t i = 0; i < b->room.n_items; i++) {
		if (!shown(b, i)) continue;
		const struct layout_note *ln = &b->lnotes[i];
		const struct item *it = &b->room.items[i];
		const struct item_look *lk = &b->ilook[i];
		cJSON *n = cJSON_CreateObject();
		cJSON_AddNumberToObject(n, "idea", it->id);
		rect_json(n, &ln->note);
		json_body(b, i, n);
		if (lk->picto && it->picto) cJSON_AddStringToObject(n, "picto", it->picto);
		if (ln->author.h > 0) cJSON_AddItemToObject(n, "author", rect_json(NULL, &ln->author));
		if (it->group) cJSON_AddNumberToObject(n, "group", it->group);
		if (it->table) cJSON_AddNumberToObject(n, "table", it->table);
		if (it->forward) {
			cJSON_AddNumberToObject(n, "forward", it->forward);
			cJSON_AddStringToObject(n, "mark", it->author ? it->author : "");
		}
		if (lk->cat_w > 0) {
			struct layout_rect pill = { ln->author.x + ln->author.w - lk->cat_w,
			                            ln->author.y + (ln->author.h - lk->cat_h) / 2, lk->cat_w, lk->cat_h };
			cJSON *c = rect_json(NULL, &pill);
			cJSON_AddNumberToObject(c, "index", it->category);
			add_colour(c, "colour", b->th->categories[(size_t)it->category % N_CATEGORY_COLOURS]);
			cJSON_AddItemToObject(n, "category", c);
		}
		cJSON_AddItemToArray(notes, n);
	}
	cJSON *groups = cJSON_AddArrayToObject(root, "groups");
	for (size_t g = 0; g < b->groups_placed; g++) {
		const struct layout_group *lg = &b->lgroups[g];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "group", b->room.groups[g].id);
		const struct group *gr = b->room.s && !b->room.by_table ? session_group(b->room.s, b->room.groups[g].id) : NULL;
		cJSON_AddStringToObject(j, "name", gr ? gr->name : b->room.by_table ? b->room.groups[g].name : "");
		if (b->room.by_table) cJSON_AddNumberToObject(j, "table", b->room.groups[g].id - BOARD_TABLE_GROUP);
		rect_json(j, &lg->area);
		cJSON_AddItemToObject(j, "heading", rect_json(NULL, &lg->heading));
		cJSON_AddNumberToObject(j, "columns", lg->columns);
		cJSON *ids = cJSON_AddArrayToObject(j, "ideas");
		for (size_t i = 0; i < lg->placed; i++)
			cJSON_AddItemToArray(ids, cJSON_CreateNumber(b->room.items[lg->first + i].id));
		cJSON_AddNumberToObject(j, "n", (double)b->room.groups[g].n);
		if (lg->more.h > 0) {
			cJSON *m = rect_json(NULL, &lg->more);
			cJSON_AddNumberToObject(m, "n", (double)(lg->n - lg->placed));
			cJSON_AddItemToObject(j, "more", m);
		}
		cJSON_AddItemToArray(groups, j);
	}
}

static void json_chart(struct board *b, cJSON *root)
{
	if (b->room.mode != MODE_CHART) {
		cJSON_AddNullToObject(root, "chart");
		return;
	}
	cJSON *c = cJSON_AddObjectToObject(root, "chart");
	cJSON_AddBoolToObject(c, "bars", b->room.chart_bars);
	cJSON_AddNumberToObject(c, "undotted", (double)b->room.undotted);
	cJSON_AddNumberToObject(c, "columns", b->chart.columns);
	cJSON_AddNumberToObject(c, "px", b->chart_px);
	cJSON_AddNumberToObject(c, "total", (double)b->room.n_rows);
	cJSON *rows = cJSON_AddArrayToObject(c, "rows");
	for (size_t i = 0; i < b->chart.placed; i++) {
		const struct layout_row *lr = &b->lrows[i];
		const struct rview *rv = &b->room.rows[i];
		cJSON *r = rect_json(NULL, &lr->row);
		cJSON_AddNumberToObject(r, "item", rv->item);
		if (rv->rank_label[0]) cJSON_AddStringToObject(r, "rank_label", rv->rank_label);
		if (b->room.actions) {   /* issue 20: an action's status, and its row's text as the room reads it */
			cJSON_AddStringToObject(r, "status", session_action_status_name((enum action_status)rv->status));
			cJSON_AddStringToObject(r, "text_line", rv->text ? rv->text : "");
		}
		cJSON_AddNumberToObject(r, "rank", rv->rank);
		cJSON_AddBoolToObject(r, "tie", rv->tie);
		if (b->room.chart_bars) {
			cJSON_AddNumberToObject(r, "count", rv->count);
			cJSON_AddStringToObject(r, "count_label", rv->count_label);
			if (rv->paper) cJSON_AddNumberToObject(r, "paper", rv->paper);
		}
		cJSON_AddNumberToObject(r, "column", lr->column);
		if (b->rlook[i].picto && rv->picto) cJSON_AddStringToObject(r, "picto", rv->picto);
		if (b->rlook[i].photo_w > 0) {
			struct layout_rect pr = { lr->text.x, lr->text.y, b->rlook[i].photo_w, b->rlook[i].photo_h };
			cJSON *p = rect_json(NULL, &pr);
			int k = b->rlook[i].photo;
			cJSON_AddStringToObject(p, "file", rv->photo);
			cJSON_AddBoolToObject(p, "loaded", k > 0 && b->photos[k - 1].tex);
			cJSON_AddItemToObject(r, "photo", p);
		}
		if (lr->rank.w > 0) cJSON_AddItemToObject(r, "rank_cell", rect_json(NULL, &lr->rank));
		cJSON_AddItemToObject(r, "text", rect_json(NULL, &lr->text));
		if (b->room.chart_bars) {
			cJSON_AddItemToObject(r, "bar", rect_json(NULL, &lr->bar));
			cJSON_AddItemToObject(r, "count_cell", rect_json(NULL, &lr->count));
		}
		cJSON_AddItemToArray(rows, r);
	}
}

int board_write_layout(struct board *b, const char *json_path, char *err, size_t errlen)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "width", b->w);
	cJSON_AddNumberToObject(root, "height", b->h);
	json_notes(b, root);
	if (b->frame.has_qr) cJSON_AddItemToObject(root, "qr", rect_json(NULL, &b->frame.qr));
	else cJSON_AddNullToObject(root, "qr");
	/* Beyond the contract, for tests and tools: */
	cJSON_AddStringToObject(root, "mode", mode_name(b->room.mode));
	/* the notes of the current activity (a vote's items), or the ideas a silent one hides */
	cJSON_AddNumberToObject(root, "ideas", (double)(b->room.mode != MODE_SILENT ? b->room.n_items
	                                                : b->room.silent_answers ? 0 : b->room.silent_n));
	cJSON_AddItemToObject(root, "header", rect_json(NULL, &b->frame.header));
	cJSON_AddItemToObject(root, "notes_area", rect_json(NULL, &b->frame.notes));
	json_header(b, root);
	json_chart(b, root);
	if (b->room.mode == MODE_SILENT) {
		cJSON *j = rect_json(NULL, &b->silent_rect[0]);
		cJSON_AddNumberToObject(j, "count", (double)b->room.silent_n);
		cJSON_AddStringToObject(j, "of", b->room.silent_answers ? "answers" : "ideas");
		cJSON_AddItemToObject(root, "silent", j);
	} else {
		cJSON_AddNullToObject(root, "silent");
	}
	if (b->more.h > 0) {  /* the tile, and what it says */
		cJSON *m = rect_json(NULL, &b->more);
		cJSON_AddNumberToObject(m, "n", (double)(b->room.mode == MODE_CHART ? b->room.n_rows - b->chart.placed : b->more_n));
		cJSON_AddStringToObject(m, "label", b->more_label);
		cJSON_AddItemToObject(root, "more", m);
	}
	/* Pages: the indicator, and every page's ideas (each idea on exactly one page). */
	if (b->room.mode == MODE_NOTES && b->n_pages > 1) {
		cJSON *j = rect_json(NULL, &b->frame.pager);
		cJSON_AddNumberToObject(j, "page", (double)b->page + 1);
		cJSON_AddNumberToObject(j, "pages", (double)b->n_pages);
		cJSON_AddStringToObject(j, "label", b->pager_label);
		cJSON *pages = cJSON_AddArrayToObject(j, "ideas");
		for (size_t p = 0; p < b->n_pages; p++) {
			cJSON *ids = cJSON_CreateArray();
			for (size_t i = 0; i < b->room.n_items; i++)
				if (b->page_of[i] == p) cJSON_AddItemToArray(ids, cJSON_CreateNumber(b->room.items[i].id));
			cJSON_AddItemToArray(pages, ids);
		}
		cJSON_AddItemToObject(root, "pager", j);
	} else {
		cJSON_AddNullToObject(root, "pager");
	}
	const struct signals_view *sv = &b->room.signals;
	if (sv->level > 0 && b->frame.signals.w > 0) {   /* the signals counter */
		cJSON *j = rect_json(NULL, &b->frame.signals);
		for (int k = 0; k < SIGNAL_KINDS; k++) cJSON_AddNumberToObject(j, session_signal_name(k), sv->count[k]);
		cJSON *langs = cJSON_AddArrayToObject(j, "langs");
		for (size_t i = 0; i < sv->n_langs; i++) {
			cJSON *l = cJSON_CreateObject();
			cJSON_AddStringToObject(l, "lang", sv->langs[i].lang);
			cJSON_AddNumberToObject(l, "n", sv->langs[i].n);
			cJSON_AddItemToArray(langs, l);
		}
		cJSON_AddNumberToObject(j, "level", sv->level);
		cJSON_AddNumberToObject(j, "levels", SIGNALS_LEVELS);
		cJSON_AddNumberToObject(j, "last", (double)sv->last_ms);
		cJSON_AddStringToObject(j, "text", b->signals_text);
		cJSON_AddItemToObject(root, "signals", j);
	} else {
		cJSON_AddNullToObject(root, "signals");
	}
	cJSON_AddStringToObject(root, "theme", b->th->name);
	cJSON_AddStringToObject(root, "card", b->card_small ? "small" : "large");
	/* The note size: step 0 of "steps" is full size, the last the readable minimum. */
	cJSON_AddNumberToObject(root, "step", b->step_i);
	cJSON_AddNumberToObject(root, "steps", b->n_steps);
	cJSON_AddNumberToObject(root, "note_px", b->step.note_px);
	cJSON_AddNumberToObject(root, "author_px", b->step.author_px);
	cJSON_AddNumberToObject(root, "columns", b->frame.columns);
	static const char *const overlays[] = { NULL, "help", "facilitator" };
	if (b->overlay != OVERLAY_NONE) cJSON_AddStringToObject(root, "overlay", overlays[b->overlay]);
	else cJSON_AddNullToObject(root, "overlay");
	if (b->toast[0]) cJSON_AddStringToObject(root, "toast", b->toast);
	else cJSON_AddNullToObject(root, "toast");
	if (b->input.kind != INPUT_NONE) {  /* the facilitator is typing an idea or a group's name */
		cJSON *j = rect_json(NULL, &b->in_card);
		cJSON_AddStringToObject(j, "kind", b->input.kind == INPUT_IDEA ? "idea" : "rename");
		cJSON_AddStringToObject(j, "text", b->input.buf);
		cJSON_AddItemToObject(root, "input", j);
	} else {
		cJSON_AddNullToObject(root, "input");
	}
	char *txt = cJSON_Print(root);
	cJSON_Delete(root);
	if (!txt) {
		snprintf(err, errlen, "layout JSON: out of memory");
		return -1;
	}
	int rc = 0, saved = 0;
	int fd = plat_open(json_path, PLAT_WRITE | PLAT_CREATE | PLAT_TRUNC);   /* never through a link */
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (fd >= 0 && !fp) close(fd);
	if (!fp || fputs(txt, fp) < 0 || fputc('\n', fp) < 0) {
		rc = -1;
		saved = errno;
	}
	if (fp && fclose(fp) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc < 0) snprintf(err, errlen, "writing %s: %s", json_path, strerror(saved));
	free(txt);
	return rc;
}
