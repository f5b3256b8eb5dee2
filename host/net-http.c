/* net-http.c: the phone page over HTTP on the network thread: the callback that checks a
 * request (path, Origin, Host, method) before lws serves the file, and the MIME types. */

#include "net-int.h"

/* 1 if a WebSocket handshake may go on as far as its origin goes. No Origin header: not a
 * browser (a script or a test client can send anything anyway), allowed. Otherwise the
 * Origin must be http(s)://host[:port] naming the same host and port as the Host header,
 * i.e. the page was served by this host; that stops another site the phone has open from
 * talking to the meeting behind the participant's back. A port left out is the scheme's. */
int net_origin_ok(struct lws *wsi)
{
	char origin[HTTPCHECK_HEADER_MAX], host[HTTPCHECK_HEADER_MAX];
	int olen = lws_hdr_total_length(wsi, WSI_TOKEN_ORIGIN);
	int hlen = lws_hdr_total_length(wsi, WSI_TOKEN_HOST);

	if (olen <= 0)
		return 1;
	if (olen >= (int)sizeof(origin) || hlen <= 0 || hlen >= (int)sizeof(host) ||
	    lws_hdr_copy(wsi, origin, sizeof(origin), WSI_TOKEN_ORIGIN) != olen ||
	    lws_hdr_copy(wsi, host, sizeof(host), WSI_TOKEN_HOST) != hlen ||
	    strlen(origin) != (size_t)olen || strlen(host) != (size_t)hlen)
		return 0;   /* too long, unreadable, or holding a NUL */
	return httpcheck_origin_ok(origin, host);
}

/* Answer 405 with an Allow header and close: the static files are only read. Closing, rather
 * than reading and discarding a body, also stops a client trickling a request body in. */
static int net_refuse_method(struct lws *wsi)
{
	unsigned char buf[LWS_PRE + 1024], *start = buf + LWS_PRE, *p = start, *end = buf + sizeof(buf) - 1;
	static const char allow[] = "GET, HEAD";

	if (lws_add_http_header_status(wsi, HTTP_STATUS_METHOD_NOT_ALLOWED, &p, end) ||
	    lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_ALLOW, (const unsigned char *)allow,
	                                 (int)strlen(allow), &p, end) ||
	    lws_add_http_header_by_token(wsi, WSI_TOKEN_CONNECTION, (const unsigned char *)"close", 5, &p, end) ||
	    lws_add_http_header_content_length(wsi, 0, &p, end) ||
	    lws_finalize_http_header(wsi, &p, end))
		return -1;
	lws_write(wsi, start, (size_t)(p - start), LWS_WRITE_HTTP_HEADERS);
	net_linger_http(wsi);
	return -1;
}

/* ---- lws callbacks (network thread) ---------------------------------------------------- */

/* protocols[0]: plain HTTP (the static files) and any WebSocket naming no known subprotocol. */
int net_http_cb(struct lws *wsi, enum lws_callback_reasons reason, void *user,
                void *in, size_t len)
{
	switch (reason) {
	case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
		/* A new TCP connection; in is its descriptor. */
		net_guard_open((int)(intptr_t)in);
		return 0;

	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return net_confirm_upgrade(wsi);

	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		/* A WebSocket that named no subprotocol lands here: refuse the handshake. */
		return -1;

	case LWS_CALLBACK_FILTER_HTTP_CONNECTION:
		if (lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) <= 0 &&
		    lws_hdr_total_length(wsi, WSI_TOKEN_HEAD_URI) <= 0)
			return net_refuse_method(wsi);
		if (in && (httpcheck_has_dot_segment(in, len ? len : strlen(in)) ||
		           net_photo_hidden(lws_context_user(lws_get_context(wsi)), in, len ? len : strlen(in)))) {
			lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL);
			net_linger_http(wsi);
			return -1;
		}
		return 0;

	case LWS_CALLBACK_HTTP_BIND_PROTOCOL:
		/* lws 4.1 turns a CONNECT into a raw tunnel with no timeout and never asks
		 * FILTER_HTTP_CONNECTION: refuse it here, or it holds a connection for ever. */
		if (lws_hdr_total_length(wsi, WSI_TOKEN_CONNECT) > 0)
			return net_refuse_method(wsi);
		return lws_callback_http_dummy(wsi, reason, user, in, len);

	case LWS_CALLBACK_RAW_ADOPT:
	case LWS_CALLBACK_RAW_RX:
		return -1;   /* no raw connections here, whatever led to one */

	case LWS_CALLBACK_HTTP:
		/* No mount matched, or the file is missing. */
		if (lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL))
			return -1;
		return lws_http_transaction_completed(wsi) ? -1 : 0;

	default:
		return lws_callback_http_dummy(wsi, reason, user, in, len);
	}
}

/* MIME types lws 4.1 does not know by itself (the recorded prompts' too). */
static const struct lws_protocol_vhost_options net_mime_wav = { NULL, NULL, ".wav", "audio/wav" };
static const struct lws_protocol_vhost_options net_mime_ogg = { &net_mime_wav, NULL, ".ogg", "audio/ogg" };
static const struct lws_protocol_vhost_options net_mime_opus = { &net_mime_ogg, NULL, ".opus", "audio/ogg" };
static const struct lws_protocol_vhost_options net_mime_mp3 = { &net_mime_opus, NULL, ".mp3", "audio/mpeg" };
static const struct lws_protocol_vhost_options net_mime_m4a = { &net_mime_mp3, NULL, ".m4a", "audio/mp4" };
static const struct lws_protocol_vhost_options net_mime_webmanifest = {
	&net_mime_m4a, NULL, ".webmanifest", "application/manifest+json" };
static const struct lws_protocol_vhost_options net_mime_json = {
	&net_mime_webmanifest, NULL, ".json", "application/json" };
static const struct lws_protocol_vhost_options net_mime_mjs = {
	&net_mime_json, NULL, ".mjs", "text/javascript" };
static const struct lws_protocol_vhost_options net_mime_webp = {
	&net_mime_mjs, NULL, ".webp", "image/webp" };
const struct lws_protocol_vhost_options net_mime_woff2 = {
	&net_mime_webp, NULL, ".woff2", "font/woff2" };
