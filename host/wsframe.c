/* wsframe.c: RFC 6455 section 5 rules on a client's raw byte stream (see wsframe.h).
 * libwebsockets 4.1 checks most of them itself, but takes an unmasked frame from a client as
 * if it were masked; this module sees the bytes before lws does, so every rule is enforced in
 * one place whatever lws does. */

#include "wsframe.h"

#include <string.h>

enum { WSFRAME_HEAD = 0, WSFRAME_FRAMES = 1 };

enum {
	OP_CONTINUATION = 0x0, OP_TEXT = 0x1, OP_BINARY = 0x2,
	OP_CLOSE = 0x8, OP_PING = 0x9, OP_PONG = 0xa,
};

void wsframe_reset(struct wsframe *f)
{
	memset(f, 0, sizeof(*f));
	f->hdr_need = 2;
}

/* One byte of an HTTP request head. A head ends at an empty line; if it asked for
 * `Upgrade: websocket`, what follows it is frames (an upgrade is the last request on a
 * connection). Only the start of each line is kept: enough to read that one header. */
static void wsframe_head_byte(struct wsframe *f, unsigned char c)
{
	static const char key[] = "upgrade:";

	if (c == '\r')
		return;
	if (c != '\n') {
		if (f->line_len < sizeof(f->line) - 1)
			f->line[f->line_len++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
		f->in_line = 1;
		return;
	}
	if (f->in_line) {   /* a header line (or the request line) ended */
		f->line[f->line_len] = '\0';
		if (strncmp(f->line, key, sizeof(key) - 1) == 0 &&
		    strstr(f->line + sizeof(key) - 1, "websocket"))
			f->upgrade = 1;
		f->in_head = 1;
	} else if (f->in_head) {   /* the empty line that ends a head */
		if (f->upgrade) {
			f->mode = WSFRAME_FRAMES;
			f->hdr_need = 2;
			f->hdr_len = 0;
		}
		f->in_head = 0;
		f->upgrade = 0;
	}   /* else: empty lines before a request line are ignored (RFC 9112 2.2) */
	f->line_len = 0;
	f->in_line = 0;
}

/* Check the header bytes read so far (f->hdr[0..hdr_len)); NULL when within the rules. */
static const char *wsframe_header_check(struct wsframe *f)
{
	unsigned b0 = f->hdr[0], op = b0 & 0x0f, fin = b0 >> 7;

	if (f->hdr_len == 1) {
		if (b0 & 0x70)
			return "reserved bits set";
		if (op > OP_BINARY && op != OP_CLOSE && op != OP_PING && op != OP_PONG)
			return "unknown opcode";
		if ((op & 0x8) && !fin)
			return "fragmented control frame";
		if (op == OP_CONTINUATION && !f->fragmented)
			return "continuation without a start";
		if ((op == OP_TEXT || op == OP_BINARY) && f->fragmented)
			return "new message inside a fragmented one";
		return NULL;
	}
	if (f->hdr_len == 2) {
		unsigned b1 = f->hdr[1], len7 = b1 & 0x7f;

		if (!(b1 & 0x80))
			return "unmasked frame";
		if ((op & 0x8) && len7 > 125)
			return "control frame too long";
		f->hdr_need = (uint8_t)(2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4);
		return NULL;
	}
	if (f->hdr_len == 3 && (f->hdr[1] & 0x7f) == 127 && (f->hdr[2] & 0x80))
		return "length with its top bit set";
	return NULL;
}

/* The whole header is in: note the payload to skip and where a fragmented message stands. */
static void wsframe_header_done(struct wsframe *f)
{
	unsigned op = f->hdr[0] & 0x0f, fin = f->hdr[0] >> 7, len7 = f->hdr[1] & 0x7f;
	uint64_t len = len7;

	if (len7 == 126) {
		len = ((uint64_t)f->hdr[2] << 8) | f->hdr[3];
	} else if (len7 == 127) {
		len = 0;
		for (int i = 2; i < 10; i++)
			len = (len << 8) | f->hdr[i];
	}
	if (op == OP_TEXT || op == OP_BINARY)
		f->fragmented = !fin;
	else if (op == OP_CONTINUATION && fin)
		f->fragmented = 0;
	f->payload_left = len;
	f->hdr_len = 0;
	f->hdr_need = 2;
}

int wsframe_feed(struct wsframe *f, const unsigned char *buf, size_t len, size_t *good)
{
	size_t i = 0, start = 0;
	int started_here = 0;

	*good = 0;
	if (f->error)
		return WSFRAME_PROTOCOL_ERROR;
	while (i < len) {
		if (f->mode == WSFRAME_HEAD) {
			wsframe_head_byte(f, buf[i++]);
			continue;
		}
		if (f->payload_left) {
			uint64_t take = len - i < f->payload_left ? len - i : f->payload_left;
			f->payload_left -= take;
			i += (size_t)take;
			continue;
		}
		if (f->hdr_len == 0) {
			start = i;
			started_here = 1;
		}
		f->hdr[f->hdr_len++] = buf[i++];
		f->error = wsframe_header_check(f);
		if (f->error) {
			*good = started_here ? start : 0;
			return WSFRAME_PROTOCOL_ERROR;
		}
		if (f->hdr_len == f->hdr_need)
			wsframe_header_done(f);
	}
	*good = len;
	return 0;
}
