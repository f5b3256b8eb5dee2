/* win-smoke.c: prove that the Windows dependencies built by win-deps.sh work together.
 *
 *   win-smoke.exe FONT.ttf OUT.png
 *
 * Built and run under wine by win-smoke.sh. Each check prints "ok" or "FAIL"; the exit status
 * is 0 only if all passed:
 *   - SDL2 starts a video driver (dummy by default) and a software renderer;
 *   - SDL2_ttf reports HarfBuzz and shapes Arabic: "مرحبا بكم" with script Arab and direction
 *     RTL is drawn joined (first line of OUT.png; the second line is the same letters one glyph
 *     at a time, the isolated forms, for comparison), and its shaped width differs from the
 *     sum of the isolated glyphs' advances;
 *   - SDL2_image writes OUT.png (IMG_SavePNG) and loads it back;
 *   - fribidi reorders a mixed Latin/Arabic/digits line;
 *   - qrencode makes a QR code; cJSON parses and prints;
 *   - libwebsockets runs on a libuv loop of ours, listens on 127.0.0.1 (a free port), answers
 *     an HTTP request made with libuv on the same loop, and is destroyed cleanly.
 */
#include <libwebsockets.h> /* first: it includes winsock2.h (and uv.h) in the right order */
#include <uv.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <cjson/cJSON.h>
#include <fribidi.h>
#include <qrencode.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int checks, failures;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	checks++;
	failures += !ok;
	printf("%s ", ok ? "ok  " : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* ---- SDL2, SDL2_ttf (HarfBuzz), SDL2_image --------------------------------------------------- */

static const char arabic[] = "مرحبا بكم"; /* "welcome" */

static void smoke_sdl(const char *font_path, const char *png_path)
{
	int hb[3] = { 0 }, ft[3] = { 0 };
	int w_shaped = 0, h = 0, w_isolated = 0, x;
	Uint32 cps[32];
	int ncp = 0;
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Surface *line, *shot, *back;
	SDL_Texture *tex;
	TTF_Font *font;
	const unsigned char *s;

	/* dummy unless SDL_VIDEODRIVER says otherwise (the environment overrides a hint) */
	SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		check(0, "SDL_Init: %s", SDL_GetError());
		return;
	}
	check(1, "SDL %d.%d.%d, video driver %s", SDL_MAJOR_VERSION, SDL_MINOR_VERSION,
	      SDL_PATCHLEVEL, SDL_GetCurrentVideoDriver());
	win = SDL_CreateWindow("win-smoke", 0, 0, 640, 300, 0);
	ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
	check(ren != NULL, "window and software renderer %s", ren ? "" : SDL_GetError());
	if (!ren)
		return;

	check(TTF_Init() == 0, "TTF_Init");
	TTF_GetFreeTypeVersion(&ft[0], &ft[1], &ft[2]);
	TTF_GetHarfBuzzVersion(&hb[0], &hb[1], &hb[2]); /* 0.0.0 when built without HarfBuzz */
	check(hb[0] > 0, "SDL_ttf %d.%d.%d with FreeType %d.%d.%d and HarfBuzz %d.%d.%d",
	      SDL_TTF_MAJOR_VERSION, SDL_TTF_MINOR_VERSION, SDL_TTF_PATCHLEVEL,
	      ft[0], ft[1], ft[2], hb[0], hb[1], hb[2]);

	font = TTF_OpenFont(font_path, 64);
	check(font != NULL, "open font %s %s", font_path, font ? "" : TTF_GetError());
	if (!font)
		return;
	/* what SDL_ttf 2.20 needs to shape Arabic: the script AND the direction */
	check(TTF_SetFontScriptName(font, "Arab") == 0 &&
	      TTF_SetFontDirection(font, TTF_DIRECTION_RTL) == 0, "script Arab, direction RTL");

	/* the shaped width, and the sum of the advances of the letters on their own */
	TTF_SizeUTF8(font, arabic, &w_shaped, &h);
	for (s = (const unsigned char *)arabic; *s && ncp < 32; ncp++) {
		if (*s < 0x80)
			cps[ncp] = *s++;
		else {
			cps[ncp] = (Uint32)(s[0] & 0x1f) << 6 | (s[1] & 0x3f); /* all 2-byte here */
			s += 2;
		}
	}
	for (int i = 0; i < ncp; i++) {
		int adv = 0;
		TTF_GlyphMetrics32(font, cps[i], NULL, NULL, NULL, NULL, &adv);
		w_isolated += adv;
	}
	check(w_shaped > 0 && w_shaped != w_isolated,
	      "shaped width %d px differs from the isolated letters' %d px", w_shaped, w_isolated);

	/* draw: the shaped line, then the isolated letters laid out right to left */
	SDL_SetRenderDrawColor(ren, 255, 255, 255, 255);
	SDL_RenderClear(ren);
	line = TTF_RenderUTF8_Blended(font, arabic, (SDL_Color){ 0, 0, 0, 255 });
	check(line != NULL, "TTF_RenderUTF8_Blended %dx%d", line ? line->w : 0, line ? line->h : 0);
	if (line) {
		tex = SDL_CreateTextureFromSurface(ren, line);
		SDL_RenderCopy(ren, tex, NULL, &(SDL_Rect){ 620 - line->w, 10, line->w, line->h });
		SDL_DestroyTexture(tex);
		SDL_FreeSurface(line);
	}
	x = 620;
	for (int i = 0; i < ncp; i++) {
		int adv = 0;
		SDL_Surface *g = TTF_RenderGlyph32_Blended(font, cps[i], (SDL_Color){ 120, 0, 0, 255 });

		TTF_GlyphMetrics32(font, cps[i], NULL, NULL, NULL, NULL, &adv);
		x -= adv + 4;
		if (g) {
			tex = SDL_CreateTextureFromSurface(ren, g);
			SDL_RenderCopy(ren, tex, NULL, &(SDL_Rect){ x, 150, g->w, g->h });
			SDL_DestroyTexture(tex);
			SDL_FreeSurface(g);
		}
	}

	/* screenshot as the board takes it: read the pixels back, save them as PNG */
	shot = SDL_CreateRGBSurfaceWithFormat(0, 640, 300, 32, SDL_PIXELFORMAT_ARGB8888);
	check(shot && SDL_RenderReadPixels(ren, NULL, SDL_PIXELFORMAT_ARGB8888, shot->pixels,
	                                   shot->pitch) == 0, "SDL_RenderReadPixels");
	check(shot && IMG_SavePNG(shot, png_path) == 0, "IMG_SavePNG %s", png_path);
	back = IMG_Load(png_path);
	check(back && back->w == 640 && back->h == 300, "IMG_Load of it: %dx%d",
	      back ? back->w : 0, back ? back->h : 0);
	SDL_FreeSurface(back);
	SDL_FreeSurface(shot);

	TTF_CloseFont(font);
	TTF_Quit();
	SDL_DestroyRenderer(ren);
	SDL_DestroyWindow(win);
	SDL_Quit();
}

/* ---- fribidi, qrencode, cJSON ---------------------------------------------------------------- */

static void smoke_text(void)
{
	/* The calls host/bidi.c makes. An LTR paragraph (its first strong letter is Latin); the
	 * digits after Arabic letters are Arabic numbers (rule W2), so they join the RTL run:
	 * visually the run is reversed, with "123" kept left to right inside it. */
	const char *logical = "Medskapa مرحبا 123";
	const char *expected = "Medskapa 123 ابحرم";
	FriBidiChar in[64], out[64];
	FriBidiCharType types[64];
	FriBidiBracketType brackets[64];
	FriBidiLevel levels[64];
	FriBidiStrIndex map[64], len;
	FriBidiParType base = FRIBIDI_PAR_ON;
	char visual[256];
	QRcode *qr;
	cJSON *doc;
	char *printed;

	len = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, logical, (FriBidiStrIndex)strlen(logical), in);
	fribidi_get_bidi_types(in, len, types);
	fribidi_get_bracket_types(in, len, types, brackets);
	for (FriBidiStrIndex i = 0; i < len; i++)
		map[i] = i;
	if (fribidi_get_par_embedding_levels_ex(types, brackets, len, &base, levels) == 0 ||
	    fribidi_reorder_line(0, types, len, 0, base, levels, NULL, map) == 0)
		len = 0;
	for (FriBidiStrIndex i = 0; i < len; i++)
		out[i] = in[map[i]];
	fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, out, len, visual);
	check(base == FRIBIDI_PAR_LTR && strcmp(visual, expected) == 0,
	      "fribidi %s: \"%s\" -> \"%s\"", FRIBIDI_VERSION, logical, visual);

	qr = QRcode_encodeString("http://192.168.1.10:8080/?room=ABCD", 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	check(qr && qr->width >= 21, "qrencode %s: QR code version %d, %d modules wide",
	      QRcode_APIVersionString(), qr ? qr->version : 0, qr ? qr->width : 0);
	QRcode_free(qr);

	doc = cJSON_ParseWithOpts("{\"name\":\"Åsa\",\"votes\":[1,2,3]}", NULL, 1);
	printed = doc ? cJSON_PrintUnformatted(doc) : NULL;
	check(doc && cJSON_GetArraySize(cJSON_GetObjectItem(doc, "votes")) == 3 &&
	      strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "name")), "Åsa") == 0,
	      "cJSON %s: %s", cJSON_Version(), printed ? printed : "(parse failed)");
	cJSON_free(printed);
	cJSON_Delete(doc);
}

/* ---- libwebsockets on a libuv loop ----------------------------------------------------------- */

static uv_loop_t loop;
static uv_tcp_t client;
static uv_connect_t connect_req;
static uv_write_t write_req;
static uv_timer_t guard;
static char reply[4096];
static size_t reply_len;
static int finished;

static int http_cb(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
	if (reason == LWS_CALLBACK_HTTP) {
		if (lws_return_http_status(wsi, HTTP_STATUS_OK, "medskapa smoke"))
			return -1;
		return lws_http_transaction_completed(wsi) ? -1 : 0;
	}
	return lws_callback_http_dummy(wsi, reason, user, in, len);
}

static const struct lws_protocols protocols[] = {
	{ .name = "http", .callback = http_cb },
	{ 0 }
};

/* the client's end: close our handles and leave uv_run */
static void client_done(void)
{
	if (finished++)
		return;
	uv_close((uv_handle_t *)&client, NULL);
	uv_timer_stop(&guard);
	uv_close((uv_handle_t *)&guard, NULL);
	uv_stop(&loop);
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	(void)h, (void)suggested;
	buf->base = reply + reply_len;
	buf->len = (unsigned)(sizeof(reply) - 1 - reply_len);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
	(void)s, (void)buf;
	if (n > 0) {
		reply_len += (size_t)n;
		reply[reply_len] = '\0';
	}
	if (n < 0 || strstr(reply, "medskapa smoke") || reply_len == sizeof(reply) - 1)
		client_done();
}

static void on_connect(uv_connect_t *req, int status)
{
	static char get[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
	uv_buf_t buf = uv_buf_init(get, sizeof(get) - 1);

	if (status < 0) {
		printf("     connect: %s\n", uv_strerror(status));
		client_done();
		return;
	}
	uv_write(&write_req, req->handle, &buf, 1, NULL);
	uv_read_start(req->handle, on_alloc, on_read);
}

static void on_guard(uv_timer_t *t)
{
	(void)t;
	printf("     no reply within 10 s\n");
	client_done();
}

static void print_handle(uv_handle_t *h, void *arg)
{
	(void)arg;
	printf("     still open: %s handle%s\n", uv_handle_type_name(uv_handle_get_type(h)),
	       uv_is_closing(h) ? " (closing)" : uv_is_active(h) ? " (active)" : "");
}

static void smoke_lws(void)
{
	struct lws_context_creation_info info;
	struct lws_context *ctx;
	struct sockaddr_in addr;
	void *loops[1] = { &loop };
	int port = -1, spins = 0, calls = 1;

	lws_set_log_level(LLL_ERR | LLL_WARN, NULL);
	check(uv_loop_init(&loop) == 0, "libuv %s loop", uv_version_string());

	memset(&info, 0, sizeof(info));
	info.options = LWS_SERVER_OPTION_LIBUV | LWS_SERVER_OPTION_DISABLE_IPV6;
	info.foreign_loops = loops;
	info.port = 0; /* any free port */
	info.iface = "127.0.0.1";
	info.protocols = protocols;
	info.pcontext = &ctx; /* lws sets ctx to NULL when the context is wholly destroyed */
	ctx = lws_create_context(&info);
	if (ctx)
		port = lws_get_vhost_listen_port(lws_get_vhost_by_name(ctx, "default"));
	check(ctx && port > 0, "libwebsockets %s on the libuv loop, listening on 127.0.0.1:%d",
	      lws_get_library_version(), port);
	if (!ctx || port <= 0)
		return;

	/* a client on the same loop: GET / and wait for lws' reply */
	uv_tcp_init(&loop, &client);
	uv_ip4_addr("127.0.0.1", port, &addr);
	uv_tcp_connect(&connect_req, &client, (const struct sockaddr *)&addr, on_connect);
	uv_timer_init(&loop, &guard);
	uv_timer_start(&guard, on_guard, 10000, 0);
	uv_run(&loop, UV_RUN_DEFAULT);
	check(strncmp(reply, "HTTP/1.1 200", 12) == 0 && strstr(reply, "medskapa smoke"),
	      "HTTP reply from lws: %.*s", (int)strcspn(reply, "\r\n"), reply);

	/* On a foreign loop lws_context_destroy() only starts closing; the loop must run for the
	 * closes to complete. Here (lws 4.1.6, libuv, Windows) the closing of lws' own idle and
	 * timer handles never starts by itself: a second lws_context_destroy() (as lws' own
	 * eventlib-foreign example makes) finishes it. info.pcontext tells when it is done. */
	lws_context_destroy(ctx);
	while (ctx && uv_run(&loop, UV_RUN_NOWAIT) && spins < 100) {
		spins++;
		uv_sleep(1);
	}
	if (ctx) {
		lws_context_destroy(ctx);
		calls++;
	}
	while (uv_run(&loop, UV_RUN_NOWAIT) && spins < 1000) {
		spins++;
		uv_sleep(1);
	}
	if (uv_loop_alive(&loop))
		uv_walk(&loop, print_handle, NULL);
	check(!ctx && uv_loop_close(&loop) == 0,
	      "context destroyed (%d lws_context_destroy calls, %d loop passes), loop closed", calls, spins);
}

int main(int argc, char *argv[])
{
	const char *font = argc > 1 ? argv[1] : "Z:\\usr\\share\\fonts\\truetype\\noto\\NotoSansArabic-Regular.ttf";
	const char *png = argc > 2 ? argv[2] : "win-smoke.png";

	smoke_sdl(font, png);
	smoke_text();
	smoke_lws();
	printf("win-smoke: %d of %d checks passed\n", checks - failures, checks);
	return failures ? 1 : 0;
}
