/* board-overlay.c: what lies over the board: the help, the facilitator address, the input box
 * and the toast; laid out and drawn. */
#include "board-int.h"

#include <string.h>

/* ---- layout ---------------------------------------------------------------------------------- */

/* The input box, the overlays and the toast: laid out over the frame. */
void board_layout_overlays(struct board *b, const struct board_view *v, const struct text_sizes *ts)
{
	struct text *t = b->text;
	int W = b->w, H = b->h, pad = pm(H, 28);
	b->ov_title_img = b->ov_url_img = b->ov_warn_img = b->ov_close_img = NULL;
	b->in_label_img = b->in_text_img = b->in_hint_img = b->toast_img = NULL;
	memset(&b->ov_card, 0, sizeof b->ov_card);
	memset(&b->in_card, 0, sizeof b->in_card);
	memset(&b->toast_rect, 0, sizeof b->toast_rect);
	int bottom = b->frame.notice.h > 0 ? b->frame.notice.y : H - b->frame.margin;

	if (b->toast[0]) {
		struct text_style st = style(TEXT_BOLD, ts->toast, b->th->white, W * 7 / 10, 2);
		st.align = TEXT_CENTER;
		b->toast_img = text_render(t, b->toast, &st);
		if (b->toast_img) {
			int tw = b->toast_img->w + 2 * pad, th = b->toast_img->h + pad;
			b->toast_rect = rect((W - tw) / 2, bottom - th - pm(H, 20), tw, th);
			bottom = b->toast_rect.y;
		}
	}
	if (b->input.kind != INPUT_NONE) {
		int cw = mini(W - 2 * b->frame.margin, pm(H, 1100));
		const char *label = b->input.kind == INPUT_IDEA ? board_word(b, W_BOARD_TYPE_IDEA) : board_word(b, W_BOARD_TYPE_RENAME);
		struct text_style ls = style(TEXT_BOLD, ts->overlay_text, b->th->accent, cw - 2 * pad, 1);
		b->in_label_img = text_render(t, label, &ls);
		struct text_style hs = style(TEXT_REGULAR, ts->banner * 8 / 10, b->th->muted, cw - 2 * pad, 1);
		b->in_hint_img = text_render(t, board_word(b, W_BOARD_TYPE_HINT), &hs);
		int text_w = cw - 2 * pad - pm(H, 6);
		struct text_style xs = style(TEXT_REGULAR, ts->overlay_title, b->th->ink, text_w, 0);
		b->in_text_img = b->input.len ? text_render(t, b->input.buf, &xs) : NULL;
		int lh = text_height(t, TEXT_BOLD, ts->overlay_text, 1);
		int xh = b->in_text_img ? b->in_text_img->h : text_height(t, TEXT_REGULAR, ts->overlay_title, 1);
		int hh = b->in_hint_img ? b->in_hint_img->h : 0;
		int ch = pad + lh + pm(H, 10) + xh + pm(H, 10) + hh + pad;
		b->in_card = rect((W - cw) / 2, maxi(0, bottom - ch - pm(H, 20)), cw, ch);
		b->in_label = rect(b->in_card.x + pad, b->in_card.y + pad, cw - 2 * pad, lh);
		b->in_text = rect(b->in_card.x + pad, b->in_label.y + lh + pm(H, 10), cw - 2 * pad, xh);
		b->in_hint = rect(b->in_card.x + pad, b->in_text.y + xh + pm(H, 10), cw - 2 * pad, hh);
		/* the caret after the end of the text */
		b->caret_h = text_height(t, TEXT_REGULAR, ts->overlay_title, 1);
		int cx = 0, line = 0;
		if (b->input.len) text_end_position(t, b->input.buf, &xs, &cx, &line);
		b->caret_x = b->in_text.x + cx;
		b->caret_y = b->in_text.y + line * text_line_height(t, TEXT_REGULAR, ts->overlay_title);
	}
	if (b->overlay == OVERLAY_HELP) {
		struct text_style ks = style(TEXT_BOLD, ts->overlay_text, b->th->accent, 0, 1);
		struct text_style ws = style(TEXT_REGULAR, ts->overlay_text, b->th->ink, W * 55 / 100, 1);
		int key_w = 0, what_w = 0;
		enum help_row order[HELP_ROWS];
		size_t n = board_help_order(order);  /* every row once: test_board checks */
		memset(b->help, 0, sizeof b->help);
		for (size_t i = 0; i < n; i++) {
			b->help[i].keys = text_render(t, board_help_keys(b, order[i]), &ks);
			b->help[i].what = text_render(t, board_help_what(b, order[i]), &ws);
			if (b->help[i].keys) key_w = maxi(key_w, b->help[i].keys->w);
			if (b->help[i].what) what_w = maxi(what_w, b->help[i].what->w);
		}
		b->help_key_w = key_w;
		/* rows a quarter apart, closer if the list would not fit the window */
		int line = text_line_height(t, TEXT_REGULAR, ts->overlay_text);
		int room = H - 2 * pad - text_height(t, TEXT_BOLD, ts->overlay_title, 1) - pm(H, 26) -
		           text_height(t, TEXT_REGULAR, ts->overlay_text * 85 / 100, 1) - 2 * b->frame.margin;
		b->help_row_h = maxi(line, mini(line * 5 / 4, room / HELP_ROWS));
		struct text_style tts = style(TEXT_BOLD, ts->overlay_title, b->th->ink, 0, 1);
		b->ov_title_img = text_render(t, board_word(b, W_BOARD_HELP_TITLE), &tts);
		struct text_style cs = style(TEXT_REGULAR, ts->overlay_text * 85 / 100, b->th->muted, 0, 1);
		b->ov_close_img = text_render(t, board_word(b, W_BOARD_HELP_CLOSE), &cs);
		int th = b->ov_title_img ? b->ov_title_img->h : 0, clh = b->ov_close_img ? b->ov_close_img->h : 0;
		int cw = key_w + pad * 3 / 2 + what_w + 2 * pad;
		int ch = pad + th + pm(H, 16) + HELP_ROWS * b->help_row_h + pm(H, 10) + clh + pad;
		b->ov_card = rect((W - cw) / 2, maxi(0, (H - ch) / 2), mini(cw, W), mini(ch, H));
		b->ov_title = rect(b->ov_card.x + pad, b->ov_card.y + pad, cw - 2 * pad, th);
		b->ov_close = rect(b->ov_card.x + pad, b->ov_card.y + b->ov_card.h - pad - clh, cw - 2 * pad, clh);
	} else if (b->overlay == OVERLAY_FACILITATOR) {
		const char *url = nonempty(v->facilitator_url);
		board_qr_update(&b->fac_qr, url);
		struct text_style tts = style(TEXT_BOLD, ts->overlay_title, b->th->ink, W / 3, 2);
		b->ov_title_img = text_render(t, board_word(b, W_BOARD_FAC_TITLE), &tts);
		int side = qr_side(&b->fac_qr.qr);
		int text_w = mini(W * 36 / 100, pm(H, 700));
		int qr_px = 0, mod = 0;
		if (side > 0) {
			mod = maxi(1, (pm(H, 560) + side / 2) / side);
			while (mod > 1 && mod * side > H - 4 * pad) mod--;
			qr_px = mod * side;
		}
		struct text_style us = style(TEXT_REGULAR, ts->overlay_text, b->th->accent, text_w, 0);
		b->ov_url_img = url ? text_render(t, url, &us) : NULL;
		struct text_style ws = style(TEXT_BOLD, ts->overlay_text, b->th->timer_low, text_w, 0);
		b->ov_warn_img = text_render(t, url ? board_word(b, W_BOARD_FAC_WARNING) : board_word(b, W_BOARD_FAC_NONE), &ws);
		int th = b->ov_title_img ? b->ov_title_img->h : 0;
		int uh = b->ov_url_img ? b->ov_url_img->h : 0, wh = b->ov_warn_img ? b->ov_warn_img->h : 0;
		int col_h = th + pm(H, 20) + uh + pm(H, 20) + wh;
		int cw = qr_px + (qr_px ? pad : 0) + text_w + 2 * pad;
		int ch = maxi(qr_px, col_h) + 2 * pad;
		b->ov_card = rect((W - cw) / 2, maxi(0, (H - ch) / 2), mini(cw, W), mini(ch, H));
		b->ov_qr = rect(b->ov_card.x + pad, b->ov_card.y + (b->ov_card.h - qr_px) / 2, qr_px, qr_px);
		int tx = b->ov_qr.x + qr_px + (qr_px ? pad : 0);
		int ty = b->ov_card.y + (b->ov_card.h - col_h) / 2;
		b->ov_title = rect(tx, ty, text_w, th);
		b->ov_url = rect(tx, ty + th + pm(H, 20), text_w, uh);
		b->ov_warn = rect(tx, b->ov_url.y + uh + pm(H, 20), text_w, wh);
	}
}

/* ---- drawing --------------------------------------------------------------------------------- */

void board_draw_overlays(struct board *b)
{
	struct text *t = b->text;
	int r = maxi(2, pm(b->h, 12));
	if (b->overlay != OVERLAY_NONE && b->ov_card.w > 0) {
		board_fill_rect(b, (struct layout_rect){ 0, 0, b->w, b->h }, b->th->dim);
		board_fill_card(b, b->ov_card, r, b->th->card);
		text_draw(t, b->ov_title_img, b->ov_title.x, b->ov_title.y, b->ov_title.h);
		if (b->overlay == OVERLAY_HELP) {
			int y = b->ov_title.y + b->ov_title.h + pm(b->h, 16);
			int x = b->ov_title.x, xw = x + b->help_key_w + pm(b->h, 28) * 3 / 2;
			for (int i = 0; i < HELP_ROWS; i++, y += b->help_row_h) {
				text_draw(t, b->help[i].keys, x, y, b->help_row_h);
				text_draw(t, b->help[i].what, xw, y, b->help_row_h);
			}
			text_draw(t, b->ov_close_img, b->ov_close.x, b->ov_close.y, b->ov_close.h);
		} else {
			if (b->ov_qr.w > 0) {
				int mod = b->ov_qr.w / maxi(1, qr_side(&b->fac_qr.qr));
				SDL_Texture *qt = board_qr_texture(b, &b->fac_qr, mod);
				SDL_Rect d = { b->ov_qr.x, b->ov_qr.y, b->ov_qr.w, b->ov_qr.h };
				if (qt) SDL_RenderCopy(b->ren, qt, NULL, &d);
			}
			text_draw(t, b->ov_url_img, b->ov_url.x, b->ov_url.y, b->ov_url.h);
			text_draw(t, b->ov_warn_img, b->ov_warn.x, b->ov_warn.y, b->ov_warn.h);
		}
	}
	if (b->input.kind != INPUT_NONE && b->in_card.w > 0) {
		board_shadow(b, b->in_card, r);
		board_fill_round(b, b->in_card, r, b->th->card);
		board_outline_round(b, b->in_card, r, maxi(2, pm(b->h, 3)), b->th->accent);
		text_draw(t, b->in_label_img, b->in_label.x, b->in_label.y, b->in_label.h);
		text_draw(t, b->in_text_img, b->in_text.x, b->in_text.y, b->in_text.h);
		board_fill_rect(b, (struct layout_rect){ b->caret_x + 2, b->caret_y, maxi(2, pm(b->h, 3)), b->caret_h },
		                b->th->accent);
		text_draw(t, b->in_hint_img, b->in_hint.x, b->in_hint.y, b->in_hint.h);
	}
	if (b->toast_img && b->toast_rect.w > 0) {
		board_fill_round(b, b->toast_rect, b->toast_rect.h / 2 > r ? r : b->toast_rect.h / 2, b->th->toast_bg);
		board_text_center(b, b->toast_img, b->toast_rect);
	}
}
