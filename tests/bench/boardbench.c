/* boardbench.c: how long the board takes to draw a frame, linked with the host's own board
 * objects. For each session file: one board (software renderer, offscreen) at the given
 * size; the first frame (every note's text rendered for the first time), then FRAMES frames
 * after board_invalidate (what a new idea costs: layout + render, text cache warm), then
 * FRAMES repaints without relayout (what an expose costs: the window event that asks for a
 * redraw and nothing else). Prints one JSON object per file.
 *
 *   boardbench ASSETS_DIR WxH FRAMES SESSION_FILE...
 */
#include "board.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void stats(const char *name, double *v, int n)
{
	double sum = 0;
	for (int i = 0; i < n; i++) sum += v[i];
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	int k99 = (int)(0.99 * n + 0.999999) - 1;
	printf("\"%s\":{\"mean_ms\":%.3f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}", name, sum / n,
	       v[n / 2], v[k99 < 0 ? 0 : k99], v[n - 1]);
}

int main(int argc, char **argv)
{
	int w, h;
	if (argc < 5 || sscanf(argv[2], "%dx%d", &w, &h) != 2) {
		fprintf(stderr, "usage: boardbench ASSETS_DIR WxH FRAMES SESSION_FILE...\n");
		return 2;
	}
	int frames = atoi(argv[3]);
	if (frames < 1) frames = 1;
	double *full = calloc((size_t)frames, sizeof *full), *paint = calloc((size_t)frames, sizeof *paint);
	for (int f = 4; f < argc; f++) {
		char err[512];
		uint64_t jseq;
		struct session *s = store_load(argv[f], &jseq, err, sizeof err);
		if (!s) {
			fprintf(stderr, "boardbench: %s\n", err);
			return 1;
		}
		size_t shown = 0;
		for (size_t i = 0; i < s->n_ideas; i++) shown += s->ideas[i].activity == s->current_activity;
		struct board_config bc = { .width = w, .height = h, .offscreen = 1, .assets_dir = argv[1] };
		struct board *b = board_create(&bc, err, sizeof err);
		if (!b) {
			fprintf(stderr, "boardbench: %s\n", err);
			return 1;
		}
		struct board_view v = { .session = s, .join_url = "http://192.168.1.20:8080/",
		                        .facilitator_url = "http://192.168.1.20:8080/#key=0123456789abcdef0123456789abcdef",
		                        .phones = 120, .now_ms = 1795420800000LL };
		double t0 = now_ms();
		board_invalidate(b);
		int drew = board_draw(b, &v);
		double first = now_ms() - t0;
		for (int i = 0; i < frames; i++) {
			t0 = now_ms();
			board_invalidate(b);
			drew &= board_draw(b, &v);
			full[i] = now_ms() - t0;
		}
		/* An expose marks the frame dirty and nothing else (board_command_done, used here before,
		 * also re-lays out: "repaint" then measured a relayout a second time). */
		SDL_Event expose = { .window = { .type = SDL_WINDOWEVENT, .event = SDL_WINDOWEVENT_EXPOSED } };
		struct command cmd;
		for (int i = 0; i < frames; i++) {
			t0 = now_ms();
			board_handle_event(b, &expose, &cmd);
			drew &= board_draw(b, &v);
			paint[i] = now_ms() - t0;
		}
		/* How many notes the last frame drew (the rest are "+N more"). */
		char lpath[4200];
		snprintf(lpath, sizeof lpath, "%s.layout.json", argv[f]);
		int drawn = -1;
		if (board_write_layout(b, lpath, err, sizeof err) == 0) {
			size_t len;
			char *j = store_read_file(lpath, (size_t)1 << 26, &len, err, sizeof err);
			for (const char *p = j; p && (p = strstr(p, "\"idea\":")); p++) drawn = drawn < 0 ? 1 : drawn + 1;
			if (j && drawn < 0) drawn = 0;
			free(j);
			remove(lpath);
		}
		printf("{\"file\":\"%s\",\"drawn\":%d,\"ideas\":%zu,\"size\":\"%dx%d\",\"driver\":\"%s\",\"frames\":%d,\"all_drawn\":%s,"
		       "\"first_ms\":%.3f,",
		       argv[f], drawn, shown, w, h, SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "?", frames,
		       drew ? "true" : "false", first);
		stats("relayout", full, frames);
		printf(",");
		stats("repaint", paint, frames);
		printf("}\n");
		fflush(stdout);
		board_destroy(b);
		session_free(s);
	}
	SDL_Quit();
	free(full);
	free(paint);
	return 0;
}
