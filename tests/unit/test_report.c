/* Unit tests of the report's pure parts: HTML, Markdown and CSV escaping, Swedish dates and
 * durations, and reports rendered from sessions built in memory (escaping of untrusted text,
 * hidden ideas, ties, anonymising, a damaged loop of merges). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proto.h"
#include "report.h"
#include "session.h"
#include "words.h"

#define FSI "\xE2\x81\xA8"
#define PDI "\xE2\x81\xA9"
#define RLO "\xE2\x80\xAE"
#define TOK_A "0123456789abcdef0123456789abcdef"
#define TOK_B "fedcba9876543210fedcba9876543210"

static void stockholm(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
}

static int64_t at(const char *iso)
{
	int64_t ms;
	ck_assert_int_eq(proto_parse_time(iso, &ms), 0);
	return ms;
}

/* Each escaper applied to s, as a new string in a static buffer. */
static const char *html(const char *s)
{
	static struct report_buf b;
	report_buf_free(&b);
	report_put_html(&b, s);
	return b.data ? b.data : "";
}

static const char *md(const char *s, const char *nl)
{
	static struct report_buf b;
	report_buf_free(&b);
	report_put_md(&b, s, nl);
	return b.data ? b.data : "";
}

static const char *csv_sep(const char *s, char sep)
{
	static struct report_buf b;
	report_buf_free(&b);
	report_put_csv(&b, s, sep);
	return b.data ? b.data : "";
}

static const char *csv(const char *s)
{
	static struct report_buf b;
	report_buf_free(&b);
	report_put_csv(&b, s, ',');
	return b.data ? b.data : "";
}

/* The Swedish catalogue, loaded once from the checkout (the tests run in its root). */
static struct words *sv;
static const struct words *sv_words(void)
{
	char err[256];
	if (!sv) sv = words_load(".", "sv", err, sizeof err);
	ck_assert_msg(sv != NULL, "%s", err);
	return sv;
}

START_TEST(test_html_escape)
{
	ck_assert_str_eq(html("<script>alert(\"x\") & 'y'</script>"),
	                 "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
	ck_assert_str_eq(html("Läxhjälp på biblioteket"), "Läxhjälp på biblioteket");
	ck_assert_str_eq(html("نشرة شهرية"), "نشرة شهرية");
	ck_assert_str_eq(html("rad ett\nrad\ttvå"), "rad ett\nrad\ttvå");          /* kept: pre-line */
	ck_assert_str_eq(html("a\x01" "b\x7f" "c\r"), "a b c ");                   /* controls: spaces */
	ck_assert_str_eq(html(""), "");
}
END_TEST

START_TEST(test_csv_field)
{
	ck_assert_str_eq(csv("Prova-på-dagar gratis"), "Prova-på-dagar gratis");
	ck_assert_str_eq(csv(""), "");
	ck_assert_str_eq(csv("Skjuts, många saknar bil"), "\"Skjuts, många saknar bil\"");
	ck_assert_str_eq(csv("t.ex. \"fotbollsskor\""), "\"t.ex. \"\"fotbollsskor\"\"\"");
	ck_assert_str_eq(csv("\""), "\"\"\"\"");
	ck_assert_str_eq(csv("rad ett\nrad två"), "\"rad ett\nrad två\"");
	ck_assert_str_eq(csv("cr\rhere"), "\"cr\rhere\"");
	/* what Excel would run as a formula is shown as text */
	ck_assert_str_eq(csv("=SUMMA(A1:A9)"), "'=SUMMA(A1:A9)");
	ck_assert_str_eq(csv("+46 70 123"), "'+46 70 123");
	ck_assert_str_eq(csv("- Samarbete, skola"), "\"'- Samarbete, skola\"");
	ck_assert_str_eq(csv("@alla"), "'@alla");
	ck_assert_str_eq(csv("a-b = c"), "a-b = c");   /* only at the start */
	/* With ';' (Excel set to Swedish): a field holding ';' is quoted, one holding ',' is not. */
	ck_assert_str_eq(csv_sep("Skjuts; många saknar bil", ';'), "\"Skjuts; många saknar bil\"");
	ck_assert_str_eq(csv_sep("Skjuts, många saknar bil", ';'), "Skjuts, många saknar bil");
	ck_assert_str_eq(csv_sep("t.ex. \"skor\"", ';'), "\"t.ex. \"\"skor\"\"\"");
}
END_TEST

START_TEST(test_md_escape)
{
	ck_assert_str_eq(md("a | b", " "), "a \\| b");
	ck_assert_str_eq(md("*viktigt* och _så_", " "), "\\*viktigt\\* och \\_så\\_");
	ck_assert_str_eq(md("<script>alert(1)</script>", " "), "\\<script\\>alert(1)\\</script\\>");
	ck_assert_str_eq(md("[länk](http://x)", " "), "\\[länk\\](http://x)");
	ck_assert_str_eq(md("Nour & Sara", " "), "Nour & Sara");        /* no entity: left alone */
	ck_assert_str_eq(md("&amp; &#39;", " "), "\\&amp; \\&\\#39;");
	/* block markers at the start of a line */
	ck_assert_str_eq(md("- Samarbete", " "), "\\- Samarbete");
	ck_assert_str_eq(md("# Rubrik", " "), "\\# Rubrik");
	ck_assert_str_eq(md("1. första", " "), "1\\. första");
	ck_assert_str_eq(md("2026 blir bra", " "), "2026 blir bra");
	ck_assert_str_eq(md("> citat", " "), "\\> citat");
	ck_assert_str_eq(md("a - b", " "), "a - b");
	/* line breaks: a space in a table, a hard break in a list item */
	ck_assert_str_eq(md("rad ett\nrad två", " "), "rad ett rad två");
	ck_assert_str_eq(md("rad ett\r\n- två", "\\\n  "), "rad ett\\\n  \\- två");
}
END_TEST

START_TEST(test_dates)
{
	char buf[64];
	stockholm();
	report_date(sv_words(), at("2026-11-23T17:00:00.000Z"), buf, sizeof buf);
	ck_assert_str_eq(buf, "23 november 2026");
	report_date(sv_words(), at("2026-11-23T23:30:00.000Z"), buf, sizeof buf);   /* past midnight in Stockholm */
	ck_assert_str_eq(buf, "24 november 2026");
	report_date(sv_words(), at("2026-06-30T22:30:00.000Z"), buf, sizeof buf);   /* summer time: UTC+2 */
	ck_assert_str_eq(buf, "1 juli 2026");
	report_date(sv_words(), at("2027-01-01T00:00:00.000Z"), buf, sizeof buf);
	ck_assert_str_eq(buf, "1 januari 2027");
	report_duration(sv_words(), 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "under 1 min");
	report_duration(sv_words(), 29999, buf, sizeof buf);
	ck_assert_str_eq(buf, "under 1 min");
	report_duration(sv_words(), 30000, buf, sizeof buf);
	ck_assert_str_eq(buf, "1 min");
	report_duration(sv_words(), 38 * 60000, buf, sizeof buf);
	ck_assert_str_eq(buf, "38 min");
	report_duration(sv_words(), 3600000, buf, sizeof buf);
	ck_assert_str_eq(buf, "1 tim");
	report_duration(sv_words(), 99 * 60000 + 10000, buf, sizeof buf);
	ck_assert_str_eq(buf, "1 tim 39 min");
}
END_TEST

/* ---- reports of sessions built in memory ---- */

static uint32_t ok(struct session *s, struct command c)
{
	struct session_result r;
	int rc = session_apply(s, &c, &r);
	ck_assert_msg(rc == 0, "command %d refused: %s", c.type, r.message);
	return r.n_events ? r.events[0].id : 0;
}

#define F(...) ((struct command){ .facilitator = 1, __VA_ARGS__ })
#define P(who, ...) ((struct command){ .participant = (who), __VA_ARGS__ })

/* A meeting at 18:00 in Stockholm: two people (one named with markup), three ideas (one hidden
 * script), a vote where the two visible ideas tie. */
static struct session *meeting(void)
{
	int64_t t0 = at("2026-11-23T17:00:00.000Z");
	struct session *s = session_new("Rådrum <test>", "sv", t0);
	struct activity_spec ideas = { .kind = ACTIVITY_IDEAS, .title = "Idéer", .prompt = "Vad behövs?" };
	struct activity_spec vote = { .kind = ACTIVITY_VOTE, .title = "Prioritera", .prompt = "Vad först?",
	                              .source = 1, .budget = 3, .max_per_item = 2 };
	ok(s, F(.type = CMD_ACTIVITY_ADD, .at_ms = t0, .spec = &ideas));
	uint32_t v = ok(s, F(.type = CMD_ACTIVITY_ADD, .at_ms = t0, .spec = &vote));
	ok(s, F(.type = CMD_PHASE, .activity = 1, .n = PHASE_OPEN));
	uint32_t a = ok(s, (struct command){ .type = CMD_JOIN, .at_ms = t0 + 60000, .token = TOK_A,
	                                     .name = "<b>Eve</b>", .lang = "ar" });
	uint32_t b = ok(s, (struct command){ .type = CMD_JOIN, .at_ms = t0 + 120000, .token = TOK_B,
	                                     .name = "Bo", .lang = "sv" });
	uint32_t i1 = ok(s, P(a, .type = CMD_IDEA_POST, .at_ms = t0 + 300000, .text = "مدرب يتكلم العربية",
	                      .n = -1));
	uint32_t i2 = ok(s, P(b, .type = CMD_IDEA_POST, .at_ms = t0 + 360000, .text = "<script>alert(1)</script>", .n = -1));
	uint32_t i3 = ok(s, P(b, .type = CMD_IDEA_POST, .at_ms = t0 + 420000, .text = "Läxhjälp, \"gratis\"", .n = -1));
	ok(s, F(.type = CMD_IDEA_HIDE, .at_ms = t0 + 480000, .idea = i2));
	ok(s, F(.type = CMD_GOTO, .activity = v));
	ok(s, F(.type = CMD_PHASE, .activity = v, .n = PHASE_OPEN));
	ok(s, P(a, .type = CMD_VOTE, .activity = v, .item = i1, .n = 2));
	ok(s, P(b, .type = CMD_VOTE, .activity = v, .item = i3, .n = 2));
	ok(s, F(.type = CMD_PHASE, .activity = v, .n = PHASE_REVEALED));
	return s;
}

static char *render(const struct session *s, enum report_format f, int anonymise)
{
	struct report_opts o = { .format = f, .anonymise = anonymise, .source = "x.json", .zone = "Europe/Stockholm",
	                         .words = sv_words() };
	struct report_buf b = { 0 };
	report_render(s, &o, &b);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_uint_eq(strlen(b.data), b.len);
	return b.data;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
	return n;
}

START_TEST(test_html_report)
{
	stockholm();
	struct session *s = meeting();
	char *h = render(s, REPORT_HTML, 0);
	ck_assert_ptr_null(strstr(h, "<script"));
	ck_assert_ptr_nonnull(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(h, "Rådrum &lt;test&gt;"));
	ck_assert_ptr_nonnull(strstr(h, "&lt;b&gt;Eve&lt;/b&gt;"));
	ck_assert_ptr_null(strstr(h, "http://"));
	ck_assert_ptr_null(strstr(h, "https://"));
	ck_assert_ptr_nonnull(strstr(h, "<p class=\"text\"><bdi class=\"par\">مدرب يتكلم العربية</bdi></p>"));
	ck_assert_ptr_nonnull(strstr(h, "23 november 2026"));
	ck_assert_ptr_nonnull(strstr(h, "18:01–18:08"));           /* first join to the hiding */
	ck_assert_ptr_nonnull(strstr(h, "Dold 18:08"));
	ck_assert_uint_eq(count(h, "delad"), 2);                   /* the tie, on both rows */
	ck_assert_ptr_nonnull(strstr(h, "<svg"));
	free(h);
	h = render(s, REPORT_HTML, 1);
	ck_assert_ptr_null(strstr(h, "Eve"));
	ck_assert_ptr_null(strstr(h, "Bo<"));
	ck_assert_ptr_null(strstr(h, ">Bo"));
	free(h);
	session_free(s);
}
END_TEST

START_TEST(test_csv_report)
{
	stockholm();
	struct session *s = meeting();
	char *c = render(s, REPORT_CSV, 0);
	ck_assert(strncmp(c, "\xEF\xBB\xBF" "Nr,", 6) == 0);
	ck_assert_uint_eq(count(c, "\r\n"), 1 + s->n_ideas);       /* header and one row per idea */
	ck_assert_ptr_nonnull(strstr(c, ",Namn,Foto,Behöver tolkas\r\n"));   /* no renderings: no columns for them */
	ck_assert_ptr_nonnull(strstr(c, "\"" FSI "Läxhjälp, \"\"gratis\"\"" PDI "\",2,nej,"));
	ck_assert_ptr_nonnull(strstr(c, FSI "<script>alert(1)</script>" PDI ",0,ja,2026-11-23 18:08:00,"));
	ck_assert_ptr_nonnull(strstr(c, "," FSI "<b>Eve</b>" PDI ",,\r\n"));     /* a CSV cell is text: nothing to escape */
	free(c);
	c = render(s, REPORT_CSV, 1);
	ck_assert_ptr_null(strstr(c, "Namn"));
	ck_assert_ptr_null(strstr(c, "Eve"));
	ck_assert_ptr_nonnull(strstr(c, ",Ändrad,Av mötesledaren,Foto,Behöver tolkas\r\n"));
	free(c);
	session_free(s);
}
END_TEST

START_TEST(test_md_report)
{
	stockholm();
	struct session *s = meeting();
	char *m = render(s, REPORT_MD, 0);
	ck_assert(strncmp(m, "# " FSI "Rådrum \\<test\\>" PDI "\n", 25) == 0);
	ck_assert_ptr_nonnull(strstr(m, "\\<script\\>alert(1)\\</script\\>"));
	ck_assert_ptr_nonnull(strstr(m, "**Dold 18:08**"));
	ck_assert_ptr_nonnull(strstr(m, "| 1 (delad) |"));
	ck_assert_ptr_null(strstr(m, "<b>"));
	free(m);
	session_free(s);
}
END_TEST

/* A damaged file can name a loop of merges; both ideas are still listed, and nothing recurses
 * for ever. */
START_TEST(test_merge_loop)
{
	char err[200], title[] = "I", prompt[] = "P?", one[] = "första", two[] = "andra";
	struct session *s = session_new("Loop", "sv", 1000);
	struct activity a = { .id = 1, .kind = ACTIVITY_IDEAS, .title = title, .prompt = prompt, .phase = PHASE_OPEN };
	ck_assert_int_eq(session_restore_activity(s, &a, err, sizeof err), 0);
	struct idea x = { .id = 1, .activity = 1, .text = one, .created_ms = 2000, .category = -1, .merged_into = 2 };
	struct idea y = { .id = 2, .activity = 1, .text = two, .created_ms = 3000, .category = -1, .merged_into = 1 };
	ck_assert_int_eq(session_restore_idea(s, &x, err, sizeof err), 0);
	ck_assert_int_eq(session_restore_idea(s, &y, err, sizeof err), 0);
	char *h = render(s, REPORT_HTML, 0);
	ck_assert_ptr_nonnull(strstr(h, ">första</bdi></p>"));
	ck_assert_ptr_nonnull(strstr(h, ">andra</bdi></p>"));
	free(h);
	char *m = render(s, REPORT_MD, 0);
	ck_assert_ptr_nonnull(strstr(m, "första"));
	ck_assert_ptr_nonnull(strstr(m, "andra"));
	free(m);
	session_free(s);
}
END_TEST

/* Issue 15: the facilitator's idea carries a mark no participant's text can make, and an RLO in
 * a participant's idea is gone from every format, the text isolated. */
START_TEST(test_facilitator_mark_and_isolation)
{
	stockholm();
	struct session *s = meeting();
	int64_t t0 = at("2026-11-23T17:00:00.000Z");
	ok(s, F(.type = CMD_GOTO, .activity = 1));
	ok(s, F(.type = CMD_IDEA_POST, .at_ms = t0 + 400000, .text = "Från tavlan", .n = -1));
	ok(s, P(2, .type = CMD_IDEA_POST, .at_ms = t0 + 410000, .text = "**Mötesledare** abc" RLO "def", .n = -1));
	char *h = render(s, REPORT_HTML, 0);
	ck_assert_uint_eq(count(h, "<span class=\"badge facilitator\">Mötesledare</span>"), 1);
	ck_assert_ptr_null(strstr(h, RLO));
	ck_assert_ptr_nonnull(strstr(h, "<bdi class=\"par\">**Mötesledare** abcdef</bdi>"));
	free(h);
	char *m = render(s, REPORT_MD, 0);
	ck_assert_uint_eq(count(m, " · **Mötesledare**"), 1);
	ck_assert_ptr_null(strstr(m, RLO));
	ck_assert_ptr_nonnull(strstr(m, FSI "\\*\\*Mötesledare\\*\\* abcdef" PDI));
	free(m);
	char *c = render(s, REPORT_CSV, 0);
	ck_assert_ptr_nonnull(strstr(c, ",Ändrad,Av mötesledaren,Namn,Foto,Behöver tolkas\r\n"));
	ck_assert_uint_eq(count(c, ",nej,ja,"), 1);   /* not edited, by the facilitator */
	ck_assert_ptr_null(strstr(c, RLO));
	free(c);
	session_free(s);
}
END_TEST

/* Base64 for the data: URIs (RFC 4648's test vectors). */
START_TEST(test_base64)
{
	static const char *const in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	static const char *const out[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		struct report_buf b = { 0 };
		report_put_base64(&b, (const unsigned char *)in[i], strlen(in[i]));
		ck_assert_str_eq(b.data ? b.data : "", out[i]);
		report_buf_free(&b);
	}
	struct report_buf b = { 0 };
	const unsigned char bytes[] = { 0x89, 'P', 'N', 'G', 0xff, 0xfe, 0x00 };
	report_put_base64(&b, bytes, sizeof bytes);
	ck_assert_str_eq(b.data, "iVBOR//+AA==");
	report_buf_free(&b);
}
END_TEST

/* ---- issue 18: renderings, photos, pictograms, signals, the needs-interpreting mark ---- */

#define PNG_NAME "d08e3aa21b7c6dc3b475f1b2625535dec7f16488458b8e5ffffc2bf89f092a65.png"
#define JPG_NAME "8fcb3ea3c862b6ade5cf70c76f328418bbd08c07cd1ac4c0bfdce9a291b22753.jpg"
#define GONE_NAME "10af1660a5cd444710b5a9e1d14b34cf7b37f4d94a994a6ab6a51bbe350e24c5.jpg"
#define TOK_C "00112233445566778899aabbccddeeff"

/* A meeting at 18:00 with pictogram categories, a Tigrinya idea rendered into Swedish and
 * English, an Arabic idea someone asked to have interpreted, a photo idea with text, a hidden
 * photo without text, a photo whose file is gone, signals in two languages, and a vote. */
static struct session *voices(void)
{
	int64_t t0 = at("2027-03-15T17:00:00.000Z");
	struct session *s = session_new("Mötesplatser", "sv", t0);
	const char *cats[] = { "Bostad", "Fritid <b>" }, *pictos[] = { "\xF0\x9F\x8F\xA0", "\xE2\x9A\xBD" };
	struct activity_spec ideas = { .kind = ACTIVITY_IDEAS, .title = "Idéer", .prompt = "Var?", .options = cats,
	                               .n_options = 2, .pictos = pictos };
	struct activity_spec vote = { .kind = ACTIVITY_VOTE, .title = "Prioritera", .prompt = "Först?", .source = 1,
	                              .budget = 3, .max_per_item = 2 };
	ok(s, F(.type = CMD_ACTIVITY_ADD, .at_ms = t0, .spec = &ideas));
	uint32_t v = ok(s, F(.type = CMD_ACTIVITY_ADD, .at_ms = t0, .spec = &vote));
	ok(s, F(.type = CMD_PHASE, .activity = 1, .n = PHASE_OPEN));
	uint32_t y = ok(s, (struct command){ .type = CMD_JOIN, .at_ms = t0 + 60000, .token = TOK_A, .name = "Yonas", .lang = "ti" });
	uint32_t a = ok(s, (struct command){ .type = CMD_JOIN, .at_ms = t0 + 61000, .token = TOK_B, .name = "Amal", .lang = "ar" });
	uint32_t e = ok(s, (struct command){ .type = CMD_JOIN, .at_ms = t0 + 62000, .token = TOK_C, .name = "Erik", .lang = "sv" });
	uint32_t i1 = ok(s, P(y, .type = CMD_IDEA_POST, .at_ms = t0 + 480000, .text = "ቦታ ምርኻብ ኣብ ቤት ንባብ", .n = 1));
	uint32_t i2 = ok(s, P(a, .type = CMD_IDEA_POST, .at_ms = t0 + 540000, .text = "دروس لغة", .n = 0));
	ok(s, P(e, .type = CMD_IDEA_POST, .at_ms = t0 + 600000, .text = "Anslagstavlan <i>", .n = 1, .photo = PNG_NAME,
	        .photo_w = 120, .photo_h = 80));
	uint32_t i4 = ok(s, P(e, .type = CMD_IDEA_POST, .at_ms = t0 + 660000, .text = "", .n = -1, .photo = JPG_NAME,
	                      .photo_w = 96, .photo_h = 64));
	ok(s, F(.type = CMD_IDEA_POST, .at_ms = t0 + 700000, .text = "", .n = 0, .photo = GONE_NAME, .photo_w = 9,
	        .photo_h = 9));
	ok(s, F(.type = CMD_IDEA_HIDE, .at_ms = t0 + 720000, .idea = i4));
	ok(s, P(a, .type = CMD_IDEA_INTERPRET, .at_ms = t0 + 560000, .idea = i2));
	ok(s, P(y, .type = CMD_IDEA_INTERPRET, .at_ms = t0 + 490000, .idea = i1));
	ok(s, (struct command){ .type = CMD_RENDER, .interpreter = 1, .at_ms = t0 + 730000, .idea = i1, .lang = "en",
	                        .text = "A meeting place at the library", .name = "Mehret" });
	ok(s, (struct command){ .type = CMD_RENDER, .interpreter = 1, .at_ms = t0 + 720000, .idea = i1, .lang = "sv",
	                        .text = "En mötesplats på biblioteket", .name = "Mehret <x>" });
	ok(s, P(y, .type = CMD_SIGNAL, .at_ms = t0 + 500000, .n = SIGNAL_INTERPRET));
	ok(s, P(y, .type = CMD_SIGNAL, .at_ms = t0 + 510000, .n = SIGNAL_SLOWER));
	ok(s, P(a, .type = CMD_SIGNAL, .at_ms = t0 + 520000, .n = SIGNAL_INTERPRET));
	ok(s, P(a, .type = CMD_SIGNAL, .at_ms = t0 + 600000, .n = SIGNAL_INTERPRET));
	ok(s, P(a, .type = CMD_SIGNAL, .at_ms = t0 + 610000, .n = SIGNAL_UNCLEAR));
	ok(s, F(.type = CMD_GOTO, .activity = v));
	ok(s, F(.type = CMD_PHASE, .activity = v, .n = PHASE_OPEN));
	ok(s, P(a, .type = CMD_VOTE, .activity = v, .item = i1, .n = 2));
	ok(s, F(.type = CMD_PHASE, .activity = v, .n = PHASE_REVEALED));
	return s;
}

/* Two of the photos found (the bytes need not be a picture: the report only encodes them), the
 * third missing. */
static const unsigned char png_bytes[] = { 0x89, 'P', 'N', 'G' }, jpg_bytes[] = { 0xFF, 0xD8, 0xFF };
static const struct report_photo found[] = {
	{ PNG_NAME, REPORT_PHOTO_OK, png_bytes, sizeof png_bytes, "image/png" },
	{ JPG_NAME, REPORT_PHOTO_OK, jpg_bytes, sizeof jpg_bytes, "image/jpeg" },
	{ GONE_NAME, REPORT_PHOTO_MISSING, NULL, 0, NULL },
};

static char *render_voices(const struct session *s, enum report_format f, int anonymise, enum report_table table)
{
	struct report_opts o = { .format = f, .anonymise = anonymise, .source = "x.json", .zone = "Europe/Stockholm",
	                         .words = sv_words(), .table = table, .photos = found, .n_photos = 3,
	                         .photo_dir = "x (kopia)-photos" };
	struct report_buf b = { 0 };
	report_render(s, &o, &b);
	ck_assert_ptr_nonnull(b.data);
	return b.data;
}

START_TEST(test_voices_html)
{
	stockholm();
	struct session *s = voices();
	char *h = render_voices(s, REPORT_HTML, 0, REPORT_TABLE_IDEAS);
	/* the renderings under the original, the meeting's language first, each isolated */
	const char *sv_at = strstr(h, "<li><span class=\"lang\">svenska</span> <bdi lang=\"sv\">En mötesplats på biblioteket</bdi>"
	                              " <span class=\"by\">av <bdi>Mehret &lt;x&gt;</bdi>, 18:12</span></li>");
	const char *en_at = strstr(h, "<li><span class=\"lang\">engelska</span> <bdi lang=\"en\">A meeting place at the library</bdi>"
	                              " <span class=\"by\">av <bdi>Mehret</bdi>, 18:12</span></li>");
	ck_assert_ptr_nonnull(sv_at);
	ck_assert_ptr_nonnull(en_at);
	ck_assert(sv_at < en_at);
	ck_assert(strstr(h, "ቦታ ምርኻብ ኣብ ቤት ንባብ</bdi></p>") < sv_at);
	/* photos: embedded with their type, alt text the idea's or the word; the hidden one marked */
	ck_assert_ptr_nonnull(strstr(h, "<img class=\"photo\" src=\"data:image/png;base64,iVBORw==\" width=\"120\" "
	                                "height=\"80\" alt=\"Anslagstavlan &lt;i&gt;\">"));
	const char *hidden = strstr(h, "<li class=\"idea hidden\" id=\"idea-4\">");
	ck_assert_ptr_nonnull(hidden);
	ck_assert_ptr_nonnull(strstr(hidden, "src=\"data:image/jpeg;base64,/9j/\" width=\"96\" height=\"64\" alt=\"Foto\">"));
	ck_assert_ptr_nonnull(strstr(h, "<p class=\"photo-missing\">Fotot saknas: " GONE_NAME "</p>"));
	ck_assert_uint_eq(count(h, "<img "), 2);
	ck_assert_uint_eq(count(h, "src="), 2);
	/* the needs-interpreting mark, pictograms before categories */
	ck_assert_uint_eq(count(h, "<span class=\"flag interpret\">Behöver tolkas</span>"), 2);
	ck_assert_ptr_nonnull(strstr(h, "<span class=\"picto\" aria-hidden=\"true\">\xE2\x9A\xBD</span> <bdi>Fritid &lt;b&gt;</bdi>"));
	/* the vote's row: the Swedish rendering under the Tigrinya */
	ck_assert_ptr_nonnull(strstr(h, "<span class=\"rb\"><span class=\"lang\">svenska:</span> <bdi lang=\"sv\">En mötesplats"));
	/* signals: counts per language, most first */
	const char *sig = strstr(h, "<table class=\"signals\">");
	ck_assert_ptr_nonnull(sig);
	ck_assert_ptr_nonnull(strstr(sig, "<tr><td>arabiska <span class=\"note\">(ar)</span></td><td class=\"num\">2</td>"
	                                  "<td class=\"num\">0</td><td class=\"num\">1</td></tr>\n"
	                                  "<tr><td>tigrinska <span class=\"note\">(ti)</span></td><td class=\"num\">1</td>"
	                                  "<td class=\"num\">1</td><td class=\"num\">0</td></tr>"));
	ck_assert_ptr_nonnull(strstr(h, "Tolka, tack: 3 · Långsammare, tack: 1 · Jag förstod inte: 1"));
	free(h);
	/* anonymised: the interpreters' names are gone too, the times stay */
	h = render_voices(s, REPORT_HTML, 1, REPORT_TABLE_IDEAS);
	ck_assert_ptr_null(strstr(h, "Mehret"));
	ck_assert_ptr_nonnull(strstr(h, "<span class=\"by\">18:12</span>"));
	free(h);
	session_free(s);
}
END_TEST

START_TEST(test_voices_md_csv)
{
	stockholm();
	struct session *s = voices();
	char *m = render_voices(s, REPORT_MD, 0, REPORT_TABLE_IDEAS);
	ck_assert_ptr_nonnull(strstr(m, "\\\n  *svenska:* " FSI "En mötesplats på biblioteket" PDI " · av " FSI "Mehret \\<x\\>" PDI ", 18:12"));
	ck_assert_ptr_nonnull(strstr(m, "\\\n  *engelska:* " FSI "A meeting place at the library" PDI));
	ck_assert_ptr_nonnull(strstr(m, "[Foto: " PNG_NAME "](x%20%28kopia%29-photos/" PNG_NAME ")"));
	ck_assert_ptr_nonnull(strstr(m, "*Fotot saknas: " GONE_NAME "*"));
	ck_assert_ptr_nonnull(strstr(m, "- **#4** *Foto* — 18:11 · " FSI "Erik" PDI " · **Dold 18:12**"));
	ck_assert_uint_eq(count(m, " · *Behöver tolkas*"), 2);
	ck_assert_ptr_nonnull(strstr(m, "| arabiska (ar) | 2 | 0 | 1 |\n| tigrinska (ti) | 1 | 1 | 0 |\n"));
	ck_assert_ptr_nonnull(strstr(m, "\xE2\x9A\xBD " FSI "Fritid \\<b\\>" PDI));
	free(m);

	char *c = render_voices(s, REPORT_CSV, 0, REPORT_TABLE_IDEAS);
	ck_assert_ptr_nonnull(strstr(c, ",Namn,Foto,Behöver tolkas,Översättning (sv),Översatt av (sv),Översättning (en),"
	                                "Översatt av (en)\r\n"));
	ck_assert_ptr_nonnull(strstr(c, "," FSI "Yonas" PDI ",,2027-03-15 18:08:10," FSI "En mötesplats på biblioteket" PDI ","
	                                FSI "Mehret <x>" PDI "," FSI "A meeting place at the library" PDI "," FSI "Mehret" PDI "\r\n"));
	ck_assert_ptr_nonnull(strstr(c, "," FSI "Erik" PDI "," PNG_NAME ",,,,,\r\n"));
	ck_assert_ptr_nonnull(strstr(c, "," FSI "\xE2\x9A\xBD Fritid <b>" PDI ","));
	free(c);
	c = render_voices(s, REPORT_CSV, 1, REPORT_TABLE_IDEAS);
	ck_assert_ptr_nonnull(strstr(c, ",Foto,Behöver tolkas,Översättning (sv),Översättning (en)\r\n"));
	ck_assert_ptr_null(strstr(c, "Mehret"));
	free(c);
	c = render_voices(s, REPORT_CSV, 0, REPORT_TABLE_SIGNALS);
	ck_assert_str_eq(c, "\xEF\xBB\xBF" "Aktivitet,Språk,\"Tolka, tack\",\"Långsammare, tack\",Jag förstod inte,Senast\r\n"
	                    "1. " FSI "Idéer" PDI ",arabiska,2,0,1,2027-03-15 18:10:10\r\n"
	                    "1. " FSI "Idéer" PDI ",tigrinska,1,1,0,2027-03-15 18:08:30\r\n");
	free(c);
	session_free(s);
}
END_TEST

/* An empty session renders in every format. */
START_TEST(test_empty)
{
	struct session *s = session_new("Tom", "", 1000);
	for (int f = REPORT_HTML; f <= REPORT_CSV; f++) free(render(s, (enum report_format)f, f == REPORT_MD));
	struct report_buf b = { 0 };
	struct report_opts o = { .format = REPORT_HTML, .words = sv_words() };
	struct report_entry e[2] = { { "tom.json", s, NULL }, { "mall.json", NULL, "en dagordningsmall" } };
	report_render_overview(e, 2, "möten", &o, &b);
	ck_assert_ptr_nonnull(strstr(b.data, "mall.json"));
	ck_assert_ptr_nonnull(strstr(b.data, "Tom"));
	report_buf_free(&b);
	session_free(s);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("report");
	TCase *tc = tcase_create("report");
	tcase_add_test(tc, test_html_escape);
	tcase_add_test(tc, test_csv_field);
	tcase_add_test(tc, test_md_escape);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_html_report);
	tcase_add_test(tc, test_csv_report);
	tcase_add_test(tc, test_md_report);
	tcase_add_test(tc, test_merge_loop);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_facilitator_mark_and_isolation);
	tcase_add_test(tc, test_base64);
	tcase_add_test(tc, test_voices_html);
	tcase_add_test(tc, test_voices_md_csv);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
