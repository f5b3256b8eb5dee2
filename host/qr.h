/* qr.h: the QR code of the join address, as a grid of modules (libqrencode).
 * Pure: no SDL, no I/O; the board turns the grid into pixels. */
#ifndef MEDSKAPA_QR_H
#define MEDSKAPA_QR_H

#include <stddef.h>

#define QR_QUIET 4             /* quiet zone in modules on each side, as the standard asks */

struct qr {
	int size;                  /* modules per side, without the quiet zone; 0 when empty */
	unsigned char *dark;       /* size * size, row by row: 1 = dark module; owned */
};

/* Encode text (a URL) with error correction level M. Fills q (free with qr_free) and returns 0,
 * or returns -1 with err (empty or too long text, out of memory). q is empty on failure. */
int qr_encode(struct qr *q, const char *text, char *err, size_t errlen);

/* 1 if the module at (x, y) is dark. Coordinates count from the top-left corner of the
 * quiet zone, so 0..size + 2 * QR_QUIET - 1 are valid; the quiet zone is light. */
int qr_dark(const struct qr *q, int x, int y);

/* Modules per side including the quiet zone (0 for an empty code). */
int qr_side(const struct qr *q);

void qr_free(struct qr *q);

/* The code of text as a small SVG document (dark modules as one path, the quiet zone light),
 * for a page to show; NULL when text cannot be encoded. Caller frees. */
char *qr_svg_of(const char *text);

#endif
