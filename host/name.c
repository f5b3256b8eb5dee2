/* name.c: display names, cleaned before they are stored and held against the role words of the
 * meeting in seven languages, so that a participant cannot pass for the facilitator. Pure: libc
 * only, like the session model that uses it. */
#include "name.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* A display name is cleaned before it is stored, so that what people see is what was counted
 * and compared: invisible format characters go, spaces are collapsed and trimmed. Then the
 * name may not be a role word (below): a participant must not pass for the facilitator. */

/* Removed from names: they show nothing but can hide a word from a comparison, reorder the text
 * around them, or smuggle text (tags). ZWJ and ZWNJ are not here: see name_clean(). */
static int name_format_cp(uint32_t cp)
{
	return (cp < 0x20 && !(cp >= 0x09 && cp <= 0x0D)) || (cp >= 0x7F && cp <= 0x9F && cp != 0x85) ||
	       cp == 0x00AD ||                      /* soft hyphen */
	       cp == 0x034F ||                      /* combining grapheme joiner */
	       cp == 0x061C ||                      /* Arabic letter mark */
	       cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 ||   /* Hangul fillers: blank letters */
	       cp == 0x17B4 || cp == 0x17B5 ||     /* Khmer inherent vowels, invisible */
	       cp == 0x180E ||                      /* Mongolian vowel separator */
	       cp == 0x200B || cp == 0x200E || cp == 0x200F ||   /* zero-width space, LRM, RLM */
	       (cp >= 0x202A && cp <= 0x202E) ||    /* embeddings and overrides */
	       (cp >= 0x2060 && cp <= 0x206F) ||    /* word joiner, invisible operators, isolates */
	       cp == 0xFEFF ||                      /* BOM, zero-width no-break space */
	       (cp >= 0xFFF9 && cp <= 0xFFFB) ||    /* interlinear annotation */
	       (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
	       (cp >= 0xE0000 && cp <= 0xE007F);    /* tags: invisible ASCII */
}

/* Spaces: any run becomes one ASCII space, and none is kept at either end. */
static int name_space_cp(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}

/* ZWNJ (U+200C) and ZWJ (U+200D) are kept between two characters: Persian writes ZWNJ inside
 * words and names (تسهیل‌گر, ...‌زاده), and ZWJ joins emoji (👩‍👧) and shapes Indic and Arabic
 * letters. Removing them would change how a name is spelled. A run of them becomes its first,
 * and one next to a space or an end goes. The role-word comparison ignores them (name_fold). */
static int name_joiner_cp(uint32_t cp) { return cp == 0x200C || cp == 0x200D; }

/* The cleaned copy of valid UTF-8 s (caller frees): format characters removed, spaces collapsed
 * and trimmed, joiners only inside words. Never longer than s. Aborts only on out-of-memory. */
char *name_clean(const char *s)
{
	size_t len = strlen(s), n = 0, i = 0, joiner = 0, joiner_len = 0;
	char *out = xmalloc(len + 1);
	int space = 0;               /* a space is due before the next character */
	while (i < len) {
		size_t adv;
		uint32_t cp = utf8_decode(s + i, len - i, &adv);
		if (name_format_cp(cp)) {
			/* gone */
		} else if (name_space_cp(cp)) {
			if (n) space = 1;
			joiner_len = 0;
		} else if (name_joiner_cp(cp)) {
			if (n && !space && !joiner_len) { joiner = i; joiner_len = adv; }
		} else {
			if (space) out[n++] = ' ';
			else if (joiner_len) { memcpy(out + n, s + joiner, joiner_len); n += joiner_len; }
			space = 0;
			joiner_len = 0;
			memcpy(out + n, s + i, adv);
			n += adv;
		}
		i += adv;
	}
	out[n] = '\0';
	return out;
}

/* Role words: a participant's name may not be, or contain as a whole word or words, one of
 * these. Compared on a skeleton (name_fold): without case, accents, spaces, punctuation,
 * digits, joiners and Arabic vowel marks, and with look-alike Cyrillic and Greek letters taken
 * as Latin, so "MÖTESLEDARE", "Möte sledare", "M.o.t.e.s.l.e.d.a.r.e", "Fасilitator" (with
 * Cyrillic а and с) and "Anna, mötesledare" are all refused, but "Tolkien" and "Moderata"
 * are not (a role word must begin and end at a word's edge). The words are those the phone,
 * the board and the reports use for the facilitator in each language, with their synonyms for
 * facilitator, moderator and interpreter; written as people write them (the skeleton is taken
 * of both sides). */
static const char *const role_words[] = {
	/* sv: every screen says "mötesledare" (the glossary); the older "samtalsledare" too; base and
	 * definite forms */
	"mötesledare", "mötesledaren", "samtalsledare", "samtalsledaren", "processledare", "processledaren",
	"facilitator", "facilitatorn", "moderator", "moderatorn", "tolk", "tolken",
	"översättare", "översättaren",
	/* en ("Facilitator" on the phone); "moderator", "facilitator" are in sv already */
	"interpreter", "translator",
	/* ar: the phone says المنسّق (coordinator); facilitator, session chair, interpreter. Not
	 * ميسر alone: Muyassar is a given name. */
	"المنسق", "منسق", "المنسقة", "منسقة", "الميسر", "الميسرة", "مدير الجلسة", "مديرة الجلسة",
	"المترجم", "مترجم", "المترجمة", "مترجمة",
	/* fa: the phone says گرداننده (presenter); facilitator, host, session chair, interpreter */
	"گرداننده", "تسهیل‌گر", "مجری", "مدیر جلسه", "ترجمان", "مترجم",
	/* ti: the phone says መራሒ ኣኼባ (meeting leader); coordinator, facilitator, interpreter */
	"መራሒ ኣኼባ", "ኣወሃሃዲ", "ኣተሓባባሪ", "ተርጓሚ", "ኣስተርጓሚ",
	/* so: the phone says "Hagaha shirka" (the meeting's guide), and "hagaha" alone; chair,
	 * mediator, facilitator, interpreter */
	"hagaha shirka", "hagaha", "guddoomiyaha shirka", "dhexdhexaadiye", "dhexdhexaadiyaha",
	"fududeeye", "fududeeyaha", "turjumaan", "turjumaanka", "turjubaan", "turjubaanka",
	/* uk: the phone says "Ведучий"; female forms, the genitive the phone uses ("через ведучого") */
	"ведучий", "ведуча", "ведучого", "фасилітатор", "фасилітаторка", "модератор", "модераторка",
	"перекладач", "перекладачка", "тлумач",
};

/* Latin-1 and Latin Extended-A letters without case and accent, from U+00C0 and U+0100; '.'
 * keeps the letter itself (æ, þ, ß, œ, ...). */
static const char fold_latin1[] = "aaaaaa.ceeeeiiiidnooooo.ouuuuy.."
                                  "aaaaaa.ceeeeiiiidnooooo.ouuuuy.y";
static const char fold_latin_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkk"
                                   "llllllllllnnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuu"
                                   "wwyyyzzzzzzs";
_Static_assert(sizeof fold_latin1 == 65 && sizeof fold_latin_a == 129, "one letter per code point");

/* Lowercase Cyrillic and Greek letters that look like Latin ones (in either case), as Latin. */
static const struct { uint32_t from; char to; } fold_lookalike[] = {
	{ 0x430, 'a' }, { 0x432, 'b' }, { 0x435, 'e' }, { 0x43A, 'k' }, { 0x43C, 'm' }, { 0x43D, 'h' },
	{ 0x43E, 'o' }, { 0x440, 'p' }, { 0x441, 'c' }, { 0x442, 't' }, { 0x443, 'y' }, { 0x445, 'x' },
	{ 0x455, 's' }, { 0x456, 'i' }, { 0x458, 'j' }, { 0x4BB, 'h' }, { 0x4CF, 'i' }, { 0x501, 'd' },
	{ 0x51B, 'q' }, { 0x51D, 'w' },
	{ 0x3B1, 'a' }, { 0x3B2, 'b' }, { 0x3B5, 'e' }, { 0x3B6, 'z' }, { 0x3B7, 'h' }, { 0x3B9, 'i' },
	{ 0x3BA, 'k' }, { 0x3BC, 'm' }, { 0x3BD, 'n' }, { 0x3BF, 'o' }, { 0x3C1, 'p' }, { 0x3C4, 't' },
	{ 0x3C5, 'y' }, { 0x3C7, 'x' },
};

enum { FOLD_DROP = 0, FOLD_BREAK = 0xFFFFFFFFu };

/* One code point of a name as its skeleton: a letter (folded), FOLD_DROP (a mark or joiner:
 * nothing, inside a word) or FOLD_BREAK (space, punctuation, digit, symbol: between words). */
static uint32_t name_fold(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z') cp += 0x20;
		if (cp < 'a' || cp > 'z') return FOLD_BREAK;
		return cp == 'l' ? 'i' : cp;        /* capital I and small l look alike */
	}
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return FOLD_BREAK;
	if (cp < 0x100) return fold_latin1[cp - 0xC0] == '.' ? (cp == 0xDF ? cp : cp | 0x20) : name_fold((uint32_t)fold_latin1[cp - 0xC0]);
	if (cp < 0x180) return fold_latin_a[cp - 0x100] == '.' ? cp | 1 : name_fold((uint32_t)fold_latin_a[cp - 0x100]);
	if (cp >= 0x2B0 && cp <= 0x2FF) return FOLD_BREAK;                  /* modifier letters */
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    name_joiner_cp(cp))
		return FOLD_DROP;                                              /* combining marks, joiners */
	/* Greek and Cyrillic capitals to small, then the small letters' accents off */
	if (cp >= 0x391 && cp <= 0x3A9) cp += 0x20;
	else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
	else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
	else if (cp == 0x4C0) cp = 0x4CF;
	else if (((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) || (cp >= 0x4D0 && cp <= 0x52F)) && !(cp & 1)) cp++;
	else if (cp >= 0x4C1 && cp <= 0x4CE && (cp & 1)) cp++;
	else if ((cp >= 0x1E00 && cp <= 0x1E95) || (cp >= 0x1EA0 && cp <= 0x1EFF)) cp |= 1;  /* Vietnamese, ... */
	if (cp == 0x451) cp = 0x435;        /* ё: е */
	if (cp == 0x457) cp = 0x456;        /* ї: і */
	if (cp == 0x439) cp = 0x438;        /* й: и */
	if (cp >= 0x3B1 && cp <= 0x51D)
		for (size_t k = 0; k < NELEM(fold_lookalike); k++)
			if (fold_lookalike[k].from == cp) return (uint32_t)fold_lookalike[k].to;
	/* Arabic: vowel marks and the stretching tatweel are nothing; letters written two ways, one */
	if ((cp >= 0x610 && cp <= 0x61A) || (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 || cp == 0x640 ||
	    (cp >= 0x6D6 && cp <= 0x6DC) || (cp >= 0x6DF && cp <= 0x6E8) || (cp >= 0x6EA && cp <= 0x6ED))
		return FOLD_DROP;
	if (cp == 0x60C || cp == 0x61B || cp == 0x61F || (cp >= 0x660 && cp <= 0x66D) || cp == 0x6D4 ||
	    (cp >= 0x6F0 && cp <= 0x6F9))
		return FOLD_BREAK;                                             /* Arabic punctuation, digits */
	if (cp == 0x622 || cp == 0x623 || cp == 0x625 || cp == 0x671) return 0x627;   /* alef */
	if (cp == 0x649 || cp == 0x6CC || cp == 0x626) return 0x64A;                   /* yeh */
	if (cp == 0x6A9) return 0x643;                                                 /* kaf */
	if (cp == 0x629 || cp == 0x6C1 || cp == 0x6D5) return 0x647;                   /* heh */
	if (cp == 0x624) return 0x648;                                                 /* waw */
	/* Ethiopic: Tigrinya ኣ is often typed as Amharic አ; marks, punctuation and numbers */
	if (cp == 0x12A0) return 0x12A3;
	if (cp >= 0x135D && cp <= 0x135F) return FOLD_DROP;
	if (cp >= 0x1360 && cp <= 0x137C) return FOLD_BREAK;
	/* fullwidth and mathematical Latin letters (𝐅𝐚𝐜...) as plain ones */
	if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) return name_fold(cp - 0xFF21 + 'A');
	if (cp >= 0x1D400 && cp <= 0x1D6A3) return name_fold((cp - 0x1D400) % 52 % 26 + 'a');
	/* punctuation, symbols, arrows, shapes, CJK punctuation, small and fullwidth forms, emoji */
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE10 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF65) || (cp >= 0x1D7CE && cp <= 0x1D7FF) ||
	    (cp >= 0x1F000 && cp <= 0x1FAFF) || cp >= 0xE0000)
		return FOLD_BREAK;
	return cp;
}

#define NAME_SKELETON_MAX 64   /* letters; a cleaned name (at most 40 code points) fits */

/* The skeleton of s: letters in sk[], starts[k] set where a word begins. Returns the number of
 * letters (at most max; the rest is left out). */
static size_t name_skeleton(const char *s, uint32_t *sk, unsigned char *starts, size_t max)
{
	size_t len = strlen(s), i = 0, n = 0;
	int brk = 1;
	while (i < len && n < max) {
		size_t adv;
		uint32_t f = name_fold(utf8_decode(s + i, len - i, &adv));
		i += adv;
		if (f == FOLD_BREAK) brk = 1;
		else if (f != FOLD_DROP) {
			starts[n] = (unsigned char)brk;
			sk[n++] = f;
			brk = 0;
		}
	}
	return n;
}

/* 1 if the skeleton of role word w is sk[0..] and ends at a word's edge (starts[] holds one more
 * entry than sk[], set). Folds w as it goes: most words differ at their first letter. */
static int role_word_at(const char *w, const uint32_t *sk, const unsigned char *starts, size_t n)
{
	size_t len = strlen(w), i = 0, k = 0;
	while (i < len) {
		size_t adv;
		uint32_t f = name_fold(utf8_decode(w + i, len - i, &adv));
		i += adv;
		if (f == FOLD_BREAK || f == FOLD_DROP) continue;
		if (k == n || sk[k] != f) return 0;
		k++;
	}
	return k > 0 && starts[k];
}

/* The role word the cleaned name is, or holds as a run of whole words; NULL when none. */
const char *name_role_word(const char *name)
{
	uint32_t sk[NAME_SKELETON_MAX];
	unsigned char starts[NAME_SKELETON_MAX + 1];
	size_t n = name_skeleton(name, sk, starts, NAME_SKELETON_MAX);
	starts[n] = 1;   /* the end is a word's edge */
	for (size_t i = 0; i < n; i++) {
		if (!starts[i]) continue;
		for (size_t w = 0; w < NELEM(role_words); w++)
			if (role_word_at(role_words[w], sk + i, starts + i, n - i)) return role_words[w];
	}
	return NULL;
}

