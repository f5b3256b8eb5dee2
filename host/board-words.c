/* board-words.c: everything the board says, in English and Swedish, and the helpers that put
 * numbers into it. */
#include "board-int.h"

#include <stdio.h>
#include <string.h>

/* ---- words ----------------------------------------------------------------------------------
 * Everything the board says, in one table per language. "{n}" is replaced by a number, "{i}"
 * by a position. The table follows the session's language (MEDSKAPA_BOARD_LANG overrides). */
static const struct board_labels labels_en = {
	.by_facilitator = "Facilitator",
	.scan_to_join = "Scan to join",
	.phones_none = "No phones connected yet",
	.phones_one = "1 phone connected",
	.phones_many = "{n} phones connected",
	.empty_title = "Ideas will appear here",
	.empty_hint = "Scan the code with your phone camera and share yours",
	.more = "+{n} more",
	.no_question = "Welcome! We will start in a moment.",
	.phase = { "Prepared", "Open", "Locked", "Revealed" },
	.kind = { "", "Ideas", "Vote", "Poll" },
	.agenda = "{i} / {n}",
	.silent_one = "1 idea written",
	.silent_many = "{n} ideas written",
	.silent_hint = "Hidden until revealed",
	.voted_none = "No one has voted yet",
	.voted_one = "1 person has voted",
	.voted_many = "{n} people have voted",
	.dots_each = "{n} dots each",
	.vote_soon = "Voting opens soon",
	.vote_hidden = "results are shown when revealed",
	.vote_closed = "Voting is closed",
	.no_items = "Nothing to vote on yet",
	.answers_none = "No answers yet",
	.answers_one = "1 answer",
	.answers_many = "{n} answers",
	.poll_soon = "The poll opens soon",
	.choose_one = "choose one on your phone",
	.choose_many = "choose one or more on your phone",
	.answers_hidden = "Shown when revealed",
	.undotted_ideas_one = "1 idea without dots",
	.undotted_ideas_many = "{n} ideas without dots",
	.undotted_groups_one = "1 group without dots",
	.undotted_groups_many = "{n} groups without dots",
	.group_one = "1 idea",
	.group_many = "{n} ideas",
	.timer_running = "Time left",
	.timer_paused = "Paused",
	.timer_done = "Time is up",
	.timer_set = "Timer",
	.help_title = "Keys",
	.help = {
		[HELP_NEXT] = { "Right  Page Down", "Next activity" },
		[HELP_PREV] = { "Left  Page Up", "Previous activity" },
		[HELP_OPEN] = { "O", "Open" },
		[HELP_LOCK] = { "L", "Lock" },
		[HELP_REVEAL] = { "R", "Reveal (ideas of a silent activity, results)" },
		[HELP_PREPARED] = { "P", "Back to prepared" },
		[HELP_TIMER] = { "T", "Start or pause the timer" },
		[HELP_MINUTE] = { "+", "Add a minute" },
		[HELP_IDEA] = { "I", "Type an idea (Enter posts, Esc cancels)" },
		[HELP_DRAG] = { "Drag a note", "Onto a note or group: group; onto free space: ungroup" },
		[HELP_RENAME] = { "Double-click", "A group's name: rename it" },
		[HELP_PAGES] = { "[  ]", "Previous or next page of notes" },
		[HELP_CARD] = { "C", "Join card large or small" },
		[HELP_THEME] = { "V", "High-contrast colours on or off" },
		[HELP_FACILITATOR] = { "K", "Show the facilitator address (gives control)" },
		[HELP_FULLSCREEN] = { "F", "Fullscreen" },
		[HELP_HELP] = { "?  H", "This list" },
		[HELP_QUIT] = { "Q  Esc", "Save and quit" },
	},
	.help_close = "Press any key to close",
	.fac_title = "Facilitator address",
	.fac_warning = "Whoever opens this address can run the meeting. Show it only to yourself, "
	               "then press K to hide it.",
	.fac_none = "There is no facilitator address.",
	.type_idea = "New idea from the board",
	.type_rename = "Rename the group",
	.type_hint = "Enter to save \xc2\xb7 Esc to cancel",
	.first_activity = "This is the first activity",
	.last_activity = "This is the last activity",
	.no_activity = "The agenda is empty",
	.ideas_only = "Ideas can be typed in an ideas activity",
	.drop_here = "Drop notes here",
	.page = "Page {i} of {n}",
};

static const struct board_labels labels_sv = {
	.by_facilitator = "Samtalsledaren",
	.scan_to_join = "Skanna för att delta",
	.phones_none = "Inga telefoner anslutna än",
	.phones_one = "1 telefon ansluten",
	.phones_many = "{n} telefoner anslutna",
	.empty_title = "Idéerna visas här",
	.empty_hint = "Skanna koden med mobilkameran och dela dina",
	.more = "+{n} till",
	.no_question = "Välkommen! Vi börjar strax.",
	.phase = { "Förberedd", "Öppen", "Låst", "Visas" },
	.kind = { "", "Idéer", "Röstning", "Fråga" },
	.agenda = "{i} / {n}",
	.silent_one = "1 idé skriven",
	.silent_many = "{n} idéer skrivna",
	.silent_hint = "Dolda tills de visas",
	.voted_none = "Ingen har röstat än",
	.voted_one = "1 person har röstat",
	.voted_many = "{n} personer har röstat",
	.dots_each = "{n} prickar var",
	.vote_soon = "Röstningen öppnar snart",
	.vote_hidden = "resultatet visas när det avslöjas",
	.vote_closed = "Röstningen är stängd",
	.no_items = "Inget att rösta på än",
	.answers_none = "Inga svar än",
	.answers_one = "1 svar",
	.answers_many = "{n} svar",
	.poll_soon = "Frågan öppnar snart",
	.choose_one = "välj ett på telefonen",
	.choose_many = "välj ett eller flera på telefonen",
	.answers_hidden = "Visas när det avslöjas",
	.undotted_ideas_one = "1 idé utan prickar",
	.undotted_ideas_many = "{n} idéer utan prickar",
	.undotted_groups_one = "1 grupp utan prickar",
	.undotted_groups_many = "{n} grupper utan prickar",
	.group_one = "1 idé",
	.group_many = "{n} idéer",
	.timer_running = "Tid kvar",
	.timer_paused = "Pausad",
	.timer_done = "Tiden är ute",
	.timer_set = "Timer",
	.help_title = "Tangenter",
	.help = {
		[HELP_NEXT] = { "Höger  Page Down", "Nästa aktivitet" },
		[HELP_PREV] = { "Vänster  Page Up", "Föregående aktivitet" },
		[HELP_OPEN] = { "O", "Öppna" },
		[HELP_LOCK] = { "L", "Lås" },
		[HELP_REVEAL] = { "R", "Visa (idéer i en tyst aktivitet, resultat)" },
		[HELP_PREPARED] = { "P", "Tillbaka till förberedd" },
		[HELP_TIMER] = { "T", "Starta eller pausa timern" },
		[HELP_MINUTE] = { "+", "En minut till" },
		[HELP_IDEA] = { "I", "Skriv en idé (Enter sparar, Esc avbryter)" },
		[HELP_DRAG] = { "Dra en lapp", "Till en lapp eller grupp: gruppera; till tom yta: ur gruppen" },
		[HELP_RENAME] = { "Dubbelklick", "På en grupps namn: byt namn" },
		[HELP_PAGES] = { "[  ]", "Föregående eller nästa sida med lappar" },
		[HELP_CARD] = { "C", "Stor eller liten QR-kod" },
		[HELP_THEME] = { "V", "Hög kontrast på eller av" },
		[HELP_FACILITATOR] = { "K", "Visa samtalsledarens adress (ger kontroll)" },
		[HELP_FULLSCREEN] = { "F", "Helskärm" },
		[HELP_HELP] = { "?  H", "Den här listan" },
		[HELP_QUIT] = { "Q  Esc", "Spara och avsluta" },
	},
	.help_close = "Tryck på valfri tangent för att stänga",
	.fac_title = "Samtalsledarens adress",
	.fac_warning = "Den som öppnar adressen kan styra mötet. Visa den bara för dig själv "
	               "och tryck K för att dölja den.",
	.fac_none = "Det finns ingen adress för samtalsledaren.",
	.type_idea = "Ny idé från tavlan",
	.type_rename = "Byt namn på gruppen",
	.type_hint = "Enter sparar \xc2\xb7 Esc avbryter",
	.first_activity = "Det här är första aktiviteten",
	.last_activity = "Det här är sista aktiviteten",
	.no_activity = "Agendan är tom",
	.ideas_only = "Idéer kan skrivas i en idéaktivitet",
	.drop_here = "Släpp lappar här",
	.page = "Sida {i} av {n}",
};

/* Expand a label template: "{n}" becomes n, "{i}" becomes i. */
void board_label_fmt(char *out, size_t len, const char *tmpl, long n, long i)
{
	size_t o = 0;
	for (const char *p = tmpl; *p && o + 1 < len;) {
		if (p[0] == '{' && (p[1] == 'n' || p[1] == 'i') && p[2] == '}') {
			int w = snprintf(out + o, len - o, "%ld", p[1] == 'n' ? n : i);
			if (w > 0) o = o + (size_t)w < len ? o + (size_t)w : len - 1;
			p += 3;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

void board_label_n(char *out, size_t len, const char *tmpl, long n)
{
	board_label_fmt(out, len, tmpl, n, 0);
}

/* "none", "one" or "{n} many" by count. */
void board_counted(char *out, size_t len, long n, const char *none, const char *one, const char *many)
{
	if (n <= 0 && none) snprintf(out, len, "%s", none);
	else if (n == 1) snprintf(out, len, "%s", one);
	else board_label_n(out, len, many, n);
}

/* The labels for a language: Swedish for "sv...", else English. */
const struct board_labels *board_labels_for(const char *lang)
{
	return lang && strncmp(lang, "sv", 2) == 0 ? &labels_sv : &labels_en;
}
