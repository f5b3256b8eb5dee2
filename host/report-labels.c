/* report-labels.c: every word a report shows, in one table per language, and the lookups that
 * choose among them (a kind's name, a phase's, singular or plural). Staff read Swedish. */
#include <string.h>
#include <strings.h>

#include "report-int.h"

/* Languages the phone page offers, and others common among newcomers in Sweden. */
static const struct report_lang_name langs_sv[] = {
	{ "sv", "svenska" }, { "en", "engelska" }, { "ar", "arabiska" }, { "fa", "persiska" },
	{ "prs", "dari" }, { "fa-AF", "dari" }, { "ps", "pashto" }, { "ti", "tigrinska" },
	{ "am", "amhariska" }, { "so", "somaliska" }, { "ku", "kurdiska" }, { "ckb", "sorani" },
	{ "kmr", "kurmanji" }, { "tr", "turkiska" }, { "uk", "ukrainska" }, { "ru", "ryska" },
	{ "pl", "polska" }, { "bs", "bosniska" }, { "sr", "serbiska" }, { "hr", "kroatiska" },
	{ "sq", "albanska" }, { "ro", "rumänska" }, { "es", "spanska" }, { "fr", "franska" },
	{ "de", "tyska" }, { "fi", "finska" }, { "ur", "urdu" }, { "hi", "hindi" }, { "bn", "bengali" },
	{ "th", "thailändska" }, { "vi", "vietnamesiska" }, { "zh", "kinesiska" }, { "my", "burmesiska" },
	{ "sw", "swahili" }, { "se", "nordsamiska" }, { "fit", "meänkieli" }, { "rom", "romani" },
	{ "yi", "jiddisch" }, { NULL, NULL }
};

static const struct labels labels_sv = {
	.text = {
		[L_KICKER] = "Rapport från ett medskapande möte",
		[L_REPORT] = "rapport",
		[L_DATE] = "Datum",
		[L_TIME] = "Tid",
		[L_SPAN_NOTE] = "från första till sista händelsen",
		[L_PARTICIPANTS] = "Deltagare",
		[L_IDEAS] = "Idéer",
		[L_ZONE_NOTE] = "Alla tider är lokal tid:",
		[L_ZONE_UNKNOWN] = "datorns tidszon",
		[L_ANONYMISED] = "Deltagarnas namn är utelämnade.",
		[L_AGENDA] = "Dagordning",
		[L_KIND_IDEAS] = "Idéinsamling",
		[L_KIND_VOTE] = "Prioritering med prickar",
		[L_KIND_POLL] = "Enkät",
		[L_POLL_SINGLE] = "ett svar",
		[L_POLL_MULTI] = "flera svar",
		[L_POLL_SCALE] = "skala 1–5",
		[L_PHASE_PREPARED] = "inte genomförd",
		[L_PHASE_OPEN] = "öppen när filen sparades",
		[L_PHASE_LOCKED] = "stängd",
		[L_PHASE_REVEALED] = "stängd och visad",
		[L_SILENT] = "tyst insamling",
		[L_CATEGORIES] = "Kategorier",
		[L_UNGROUPED] = "Utan grupp",
		[L_NO_IDEAS] = "Inga idéer lämnades.",
		[L_NOT_RUN] = "Aktiviteten genomfördes inte.",
		[L_IDEA_ONE] = "idé",
		[L_IDEA_MANY] = "idéer",
		[L_HIDDEN] = "Dold",
		[L_EDITED] = "Ändrad",
		[L_BEFORE] = "Ursprunglig text:",
		[L_MERGED_HERE] = "Dubblett, sammanslagen hit",
		[L_MERGED_INTO] = "Sammanslagen med",
		[L_FACILITATOR] = "samtalsledaren",
		[L_PROXY] = "utan telefon",
		[L_DOT_ONE] = "prick",
		[L_DOT_MANY] = "prickar",
		[L_VOTE_ON_IDEAS] = "på idéerna i",
		[L_VOTE_ON_GROUPS] = "på grupperna i",
		[L_DOTS_EACH] = "prickar per deltagare",
		[L_AT_MOST] = "högst",
		[L_PER_IDEA] = "per idé",
		[L_PER_GROUP] = "per grupp",
		[L_LIVE] = "resultatet syntes under röstningen",
		[L_VOTED] = "röstade",
		[L_VOTED_DOTS] = "och lade",
		[L_RANK] = "Plats",
		[L_IDEA] = "Idé",
		[L_GROUP] = "Grupp",
		[L_DOTS] = "Prickar",
		[L_VOTERS] = "Röstande",
		[L_TIE] = "delad",
		[L_NO_VOTES] = "Inga prickar lades.",
		[L_NO_DOTS] = "Utan prickar",
		[L_GROUP_ONE] = "grupp",
		[L_GROUP_MANY] = "grupper",
		[L_NOT_SHOWN] = "Resultatet visades inte för deltagarna.",
		[L_NOT_IN_VOTE] = "Dolda och sammanslagna idéer var inte med i röstningen.",
		[L_LOST_DOTS] = "prickar låg på idéer som sedan doldes och räknas inte.",
		[L_CHART] = "Diagram",
		[L_CHOICE] = "Svar",
		[L_ANSWERS] = "Antal",
		[L_SHARE] = "Andel",
		[L_RESPONDED] = "svarade",
		[L_MEAN] = "Medelvärde",
		[L_OF] = "av",
		[L_NO_ANSWERS] = "Inga svar.",
		[L_MULTI_NOTE] = "Flera svar var möjliga: andelarna räknas av dem som svarade.",
		[L_BRIEF] = "Resultat i korthet",
		[L_PARTICIPATION] = "Deltagande",
		[L_P_PROXY] = "tillagd av samtalsledaren (utan telefon)",
		[L_P_PROXIES] = "tillagda av samtalsledaren (utan telefon)",
		[L_P_HIDDEN_ONE] = "dold",
		[L_P_HIDDEN] = "dolda",
		[L_P_MERGED_ONE] = "sammanslagen dubblett",
		[L_P_MERGED] = "sammanslagna dubbletter",
		[L_P_BY_FACILITATOR_ONE] = "skriven av samtalsledaren",
		[L_P_BY_FACILITATOR] = "skrivna av samtalsledaren",
		[L_P_VOTES] = "Röstningar",
		[L_P_POLLS] = "Enkäter",
		[L_ANSWER_ONE] = "svar",
		[L_ANSWER_MANY] = "svar",
		[L_PERSON_ONE] = "deltagare",
		[L_PERSON_MANY] = "deltagare",
		[L_LANGUAGES] = "Språk som användes",
		[L_LANGUAGE] = "Språk",
		[L_UNKNOWN_LANG] = "okänt",
		[L_NAME] = "Namn",
		[L_JOINED] = "Anslöt",
		[L_NR] = "Nr",
		[L_TIMELINE] = "Tidslinje",
		[L_IDEAS_PER] = "Nya idéer per",
		[L_MINUTES] = "minuter",
		[L_NO_TIMELINE] = "Inga idéer att visa.",
		[L_MODERATION] = "Moderering",
		[L_ACTION] = "Åtgärd",
		[L_DETAIL] = "Detaljer",
		[L_NO_MODERATION] = "Inga idéer doldes, ändrades eller slogs ihop.",
		[L_ACT_HIDE] = "Dold",
		[L_ACT_RESTORE] = "Visas igen",
		[L_ACT_EDIT] = "Ändrad",
		[L_ACT_MERGE] = "Sammanslagen",
		[L_LOG_BEFORE] = "Före:",
		[L_AFTER] = "Efter:",
		[L_INTO] = "in i",
		[L_PEOPLE] = "Bilaga: deltagare",
		[L_NONE] = "–",
		[L_SOURCE] = "Källa:",
		[L_MADE_BY] = "Skapad med Medskapa.",
		[L_HOURS] = "tim",
		[L_MIN] = "min",
		[L_UNDER_A_MINUTE] = "under 1 min",
		[L_CSV_NR] = "Nr",
		[L_CSV_ACTIVITY] = "Aktivitet",
		[L_CSV_GROUP] = "Grupp",
		[L_CSV_TEXT] = "Idé",
		[L_CSV_DOTS] = "Prickar",
		[L_CSV_HIDDEN] = "Dold",
		[L_CSV_HIDDEN_AT] = "Dold tid",
		[L_CSV_LANG] = "Språk",
		[L_CSV_TIME] = "Tid",
		[L_CSV_TIME_UTC] = "Tid (UTC)",
		[L_CSV_CATEGORY] = "Kategori",
		[L_CSV_MERGED_INTO] = "Sammanslagen i nr",
		[L_CSV_EDITED] = "Ändrad",
		[L_CSV_BY_FACILITATOR] = "Av samtalsledaren",
		[L_CSV_NAME] = "Namn",
		[L_YES] = "ja",
		[L_NO] = "nej",
		[L_OVERVIEW] = "Översikt över möten",
		[L_OVERVIEW_OF] = "Mapp:",
		[L_MEETING] = "Möte",
		[L_FILE] = "Fil",
		[L_TOP] = "Högst rankat",
		[L_NO_VOTE] = "Ingen röstning",
		[L_CATEGORY] = "Kategori",
		[L_MEETINGS] = "Möten",
		[L_CATEGORY_NOTE] = "Synliga idéer per kategori; dolda idéer och sammanslagna dubbletter räknas inte.",
		[L_NO_CATEGORIES] = "Inga idéer hade en kategori.",
		[L_SKIPPED] = "Filer som inte togs med",
		[L_TEMPLATE] = "en dagordningsmall, inget möte",
		[L_NOT_SESSION] = "inte en sessionsfil från Medskapa",
		[L_NO_SESSIONS] = "Mappen innehåller inga möten.",
	},
	.month = { "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
	           "oktober", "november", "december" },
	.langs = langs_sv,
};

const struct labels *const report_labels = &labels_sv;

const char *report_count_word(const struct report_ctx *c, long n, enum lbl one, enum lbl many)
{
	return n == 1 ? T(c, one) : T(c, many);
}

const char *report_lang_name(const struct labels *L, const char *code)
{
	if (!*code) return L->text[L_UNKNOWN_LANG];
	for (const struct report_lang_name *l = L->langs; l->code; l++)
		if (strcasecmp(l->code, code) == 0) return l->name;
	size_t n = strcspn(code, "-");   /* "ar-SY": the language without the region */
	for (const struct report_lang_name *l = L->langs; l->code; l++)
		if (strlen(l->code) == n && strncasecmp(l->code, code, n) == 0) return l->name;
	return code;
}

const char *report_kind_label(const struct report_ctx *c, const struct activity *a)
{
	return a->kind == ACTIVITY_IDEAS ? T(c, L_KIND_IDEAS)
	     : a->kind == ACTIVITY_VOTE  ? T(c, L_KIND_VOTE)
	                                 : T(c, L_KIND_POLL);
}

const char *report_phase_label(const struct report_ctx *c, enum phase p)
{
	static const enum lbl ids[] = { L_PHASE_PREPARED, L_PHASE_OPEN, L_PHASE_LOCKED, L_PHASE_REVEALED };
	return T(c, ids[(unsigned)p < 4 ? p : 0]);
}

const char *report_poll_label(const struct report_ctx *c, enum poll_kind k)
{
	return k == POLL_MULTI ? T(c, L_POLL_MULTI) : k == POLL_SCALE ? T(c, L_POLL_SCALE) : T(c, L_POLL_SINGLE);
}
