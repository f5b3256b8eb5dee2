/* wsframe.h: RFC 6455 section 5 rules for what a client sends, checked on the raw byte stream
 * of one connection (HTTP request heads, then WebSocket frames after an upgrade request).
 * Pure: no I/O, no allocation; the network edge feeds it what it reads from a socket. */
#ifndef MEDSKAPA_WSFRAME_H
#define MEDSKAPA_WSFRAME_H

#include <stddef.h>
#include <stdint.h>

#define WSFRAME_PROTOCOL_ERROR 1002   /* RFC 6455 7.4.1 */

/* State of one connection's inbound stream; zero it (wsframe_reset) for a new connection. */
struct wsframe {
	uint8_t mode;          /* reading HTTP heads, or frames after an upgrade request */
	uint8_t line_len;      /* bytes of the current header line kept in line[] */
	uint8_t in_line;       /* the current line has a character other than CR */
	uint8_t in_head;       /* a request line has been read: an empty line ends the head */
	uint8_t upgrade;       /* this head asked for `Upgrade: websocket` */
	uint8_t fragmented;    /* a text or binary message was started without FIN */
	uint8_t hdr_need;      /* header bytes still to read of the current frame */
	uint8_t hdr_len;       /* header bytes read of it */
	uint8_t hdr[14];
	uint64_t payload_left; /* payload bytes of the current frame still to skip */
	char line[32];         /* start of the current header line, lower-cased */
	const char *error;     /* set once a rule is broken: why, for the close reason */
};

void wsframe_reset(struct wsframe *f);

/* Feed len bytes the client sent, in order. Returns 0 while everything is within the rules,
 * or WSFRAME_PROTOCOL_ERROR once a frame breaks one (f->error says which: an unmasked frame,
 * reserved bits, an unknown opcode, a fragmented or over-long control frame, a continuation
 * without a start, a new message inside a fragmented one, a length with its top bit set).
 * *good is set to how many of the bytes come before the header of the offending frame, so
 * the caller can pass those on and hold the rest back. After an error every later call
 * returns the error again with *good = 0. */
int wsframe_feed(struct wsframe *f, const unsigned char *buf, size_t len, size_t *good);

#endif
