/* qr.c: QR codes of the join address with libqrencode. */
#include "qr.h"
#include "util.h"

#include <errno.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int qr_encode(struct qr *q, const char *text, char *err, size_t errlen)
{
	memset(q, 0, sizeof *q);
	if (!text || !*text) {
		snprintf(err, errlen, "QR: no address to encode");
		return -1;
	}
	/* Level M survives a smudged or partly lit projection and keeps a typical
	 * "http://192.168.1.20:8080/" at version 2 (25 modules): big modules on the wall. */
	QRcode *c = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!c) {
		snprintf(err, errlen, "QR: cannot encode address (%s)", strerror(errno));
		return -1;
	}
	q->size = c->width;
	q->dark = xmalloc((size_t)c->width * (size_t)c->width);
	for (size_t i = 0; i < (size_t)c->width * (size_t)c->width; i++)
		q->dark[i] = c->data[i] & 1;  /* bit 0 is the module's colour; the rest is metadata */
	QRcode_free(c);
	return 0;
}

int qr_dark(const struct qr *q, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
	if (x < 0 || y < 0 || x >= q->size || y >= q->size) return 0;
	return q->dark[(size_t)y * (size_t)q->size + (size_t)x];
}

int qr_side(const struct qr *q)
{
	return q->size ? q->size + 2 * QR_QUIET : 0;
}

void qr_free(struct qr *q)
{
	free(q->dark);
	memset(q, 0, sizeof *q);
}

char *qr_svg_of(const char *text)
{
	struct qr q;
	char err[128];
	if (qr_encode(&q, text, err, sizeof err) < 0) return NULL;
	int side = qr_side(&q);
	size_t cap = 256 + (size_t)side * (size_t)side * 24, n = 0;
	char *out = xmalloc(cap);
	n += (size_t)snprintf(out + n, cap - n, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	                      "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	                      "<path fill=\"#000\" d=\"", side, side, side, side);
	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x++)
			if (qr_dark(&q, x, y)) n += (size_t)snprintf(out + n, cap - n, "M%d %dh1v1h-1z", x, y);
	snprintf(out + n, cap - n, "\"/></svg>");
	qr_free(&q);
	return out;
}
