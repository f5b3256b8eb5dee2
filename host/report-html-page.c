/* report-html-page.c: what every HTML page of the reports is made of (the report's, report-html.c,
 * and the overview's, report-overview.c): the style sheet that prints on A4, the root element in
 * the report's language and direction, user text made safe, a table's head, a bar. */
#include <stdlib.h>
#include <string.h>

#include "report-int.h"
#include "util.h"

/* User text in HTML (a name, an idea, a title ...): its bidi controls removed, escaped. The
 * caller puts it in a <bdi>: an isolate that takes its direction from its first strong
 * character, so nothing in it can reorder what the report writes around it. */
void report_html_clean(struct report_buf *b, const char *s)
{
	char *t = utf8_bidi_clean(s);
	report_put_html(b, t);
	free(t);
}

const char report_html_css[] =
	"@page{size:A4;margin:16mm 16mm 18mm;"
	"@bottom-right{content:counter(page) \" / \" counter(pages);font-size:8pt;color:#666}}\n"
	":root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#cfcfcf;--soft:#ececec;--accent:#1d5b79;--warn:#9a3412}\n"
	"html{font-family:\"Noto Sans\",\"DejaVu Sans\",Arial,\"Noto Sans Arabic\",\"Noto Naskh Arabic\","
	"\"Noto Sans Ethiopic\",\"Noto Color Emoji\",sans-serif;font-size:10.5pt;line-height:1.42;color:var(--ink);"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{margin:0 auto;max-width:178mm;padding:10mm 8mm}\n"
	"@media print{body{max-width:none;padding:0}}\n"
	"h1{font-size:21pt;line-height:1.2;margin:0 0 5mm}\n"
	"h2{font-size:14pt;line-height:1.25;margin:8mm 0 2mm;padding-bottom:1mm;"
	"border-bottom:1.2pt solid var(--accent);break-after:avoid}\n"
	"h2 .n{color:var(--accent)}\n"
	"h3{font-size:11pt;margin:5mm 0 1mm;break-after:avoid}\n"
	"h3 .count{font-weight:normal;color:var(--muted);font-size:9pt}\n"
	"p{margin:0 0 2mm}\n"
	".kicker{text-transform:uppercase;letter-spacing:.08em;font-size:8.5pt;color:var(--accent);margin:0 0 1mm}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:1mm 6mm;margin:0 0 3mm}\n"
	"dl.facts dt{font-weight:600}\n"
	"dl.facts dd{margin:0}\n"
	".note,.kind,.meta,.summary{color:var(--muted)}\n"
	".note{font-size:9pt}\n"
	".kind{font-size:9pt;margin:0 0 2mm}\n"
	".prompt{font-size:11.5pt;margin:0 0 3mm;padding-inline-start:3mm;border-inline-start:2pt solid var(--accent)}\n"
	".summary{font-size:9.5pt}\n"
	"section.page{break-before:page}\n"
	"section.activity h2{margin-top:0}\n"
	"section.activity:not(.page){margin-top:9mm;break-inside:avoid}\n"
	".kind,.prompt{break-after:avoid}\n"
	"ol.agenda{padding-inline-start:6mm;margin:0}\n"
	"ol.agenda li{margin:0 0 1.5mm;break-inside:avoid}\n"
	"ol.agenda .t{font-weight:600}\n"
	"ol.agenda .k{color:var(--muted);font-size:9pt}\n"
	"ol.agenda .p{display:block}\n"
	"ul.ideas{list-style:none;margin:0 0 2mm;padding:0}\n"
	"li.idea{display:grid;grid-template-columns:9mm 1fr;column-gap:1.5mm;padding:1.3mm 0;"
	"border-bottom:.5pt solid var(--soft);break-inside:avoid}\n"
	"li.idea .no{color:var(--muted);font-size:8.5pt;padding-top:.6mm;font-variant-numeric:tabular-nums}\n"
	".text{margin:0;white-space:pre-line;overflow-wrap:anywhere}\n"
	".meta{margin:.4mm 0 0;font-size:8.5pt}\n"
	".before{margin:.4mm 0 0;font-size:8.5pt;color:var(--muted)}\n"
	"li.idea.hidden>div>.text{color:#6b6b6b}\n"
	"ul.merged{list-style:none;margin:1mm 0 0;padding:0;border-inline-start:1pt solid var(--line)}\n"
	"ul.merged li.idea{border-bottom:0;padding:.6mm 0 .6mm 2mm}\n"
	".flag{display:inline-block;border:.6pt solid currentColor;border-radius:2pt;padding:0 1.2mm;"
	"font-size:7.5pt;line-height:1.5;text-transform:uppercase;letter-spacing:.04em;margin-inline-start:1mm}\n"
	".flag.hidden{color:var(--warn)}\n"
	".flag.edited,.flag.merged{color:var(--accent)}\n"
	"bdi.par{display:block}\n"
	".badge.facilitator{display:inline-block;background:var(--accent);color:#fff;border-radius:2pt;"
	"padding:0 1.2mm;font-size:7.5pt;line-height:1.5;font-weight:600;text-transform:uppercase;letter-spacing:.04em}\n"
	"table{border-collapse:collapse;width:100%;margin:1mm 0 3mm}\n"
	"th,td{text-align:start;vertical-align:top;padding:1mm 1.5mm;border-bottom:.5pt solid var(--soft)}\n"
	"th{font-size:8.5pt;color:var(--muted);font-weight:600;border-bottom:.8pt solid #9a9a9a}\n"
	"thead{display:table-header-group}\n"
	"tr{break-inside:avoid}\n"
	".num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"td.rank{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	".tie{font-size:7.5pt;color:var(--muted)}\n"
	"td .no{color:var(--muted);font-size:8.5pt}\n"
	"th.bar,td.bar{width:30mm}\n"
	"td.bar svg{display:block;width:30mm;height:3.4mm;margin-top:.6mm}\n"
	"th.num{width:16mm}\n"
	"a.no{color:inherit;text-decoration:none}\n"
	"table.langs{width:auto;min-width:110mm}\n"
	"table.log td.num{width:12mm}\n"
	".bar .track{fill:var(--soft)}\n"
	".bar .fill{fill:var(--accent)}\n"
	".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}\n"
	"table.facts th{width:32mm;font-size:9.5pt;color:var(--ink);border-bottom:.5pt solid var(--soft)}\n"
	"ol.top{margin:0 0 2mm;padding:0;list-style:none}\n"
	"ol.top li{margin:0 0 .5mm}\n"
	"ol.top .rank{color:var(--muted);font-variant-numeric:tabular-nums}\n"
	".brief h3{margin-top:3mm}\n"
	"figure{margin:2mm 0 4mm;break-inside:avoid}\n"
	"figure svg{display:block;width:100%;height:auto}\n"
	"figcaption{font-size:9pt;color:var(--muted)}\n"
	"svg text{font-family:inherit;font-size:10px;fill:#444}\n"
	"svg .grid{stroke:#dcdcdc;stroke-width:.6}\n"
	"svg .axis{stroke:#888;stroke-width:.8}\n"
	"svg .col{fill:var(--accent)}\n"
	"section.people{break-before:page}\n"
	".picto{font-family:\"Noto Color Emoji\",sans-serif;font-style:normal}\n"
	"ul.renderings{list-style:none;margin:.6mm 0 0;padding:0;padding-inline-start:2mm;"
	"border-inline-start:1.5pt solid var(--accent)}\n"
	"ul.renderings li{margin:0 0 .4mm;white-space:pre-line;overflow-wrap:anywhere}\n"
	"ul.renderings .lang{font-size:8pt;color:var(--accent);font-weight:600;margin-inline-end:1.2mm}\n"
	"ul.renderings .by{font-size:8pt;color:var(--muted);margin-inline-start:1.2mm;white-space:nowrap}\n"
	".rb{display:block;font-size:8.5pt;color:var(--muted)}\n"
	".rb .lang{font-weight:600}\n"
	"figure.photo{margin:1mm 0 .6mm}\n"
	"img.photo{display:block;max-width:70mm;max-height:55mm;width:auto;height:auto;border:.5pt solid var(--line);"
	"border-radius:1.5pt}\n"
	"li.idea.hidden img.photo{opacity:.55}\n"
	".photo-missing{margin:.6mm 0 0;font-size:8.5pt;color:var(--warn)}\n"
	".photo-word{font-style:italic;color:var(--muted)}\n"
	".flag.interpret{color:var(--accent)}\n"
	"table.signals{width:auto;min-width:120mm}\n"
	"footer{margin-top:8mm;padding-top:2mm;border-top:.5pt solid var(--line);font-size:8.5pt;color:var(--muted)}\n";

/* The page's start up to <head>: the root element names the report's language, and its
 * direction when that is written right to left (the browser then lays the page out mirrored). */
void report_html_root(struct report_buf *b, const struct words *w)
{
	const char *lang = words_lang(w);
	int rtl = strcmp(lang, "ar") == 0 || strcmp(lang, "fa") == 0;
	report_putf(b, "<!DOCTYPE html>\n<html lang=\"%s\"%s>\n", lang, rtl ? " dir=\"rtl\"" : "");
}

/* A table's opening and its header row. A column of class "bar" (the chart) has its heading
 * for screen readers only. table_class NULL: a table without a class. */
void report_html_table(struct report_buf *b, const char *table_class, const struct report_col *cols, size_t n)
{
	if (table_class) report_putf(b, "<table class=\"%s\">\n<thead><tr>", table_class);
	else report_put(b, "<table>\n<thead><tr>");
	for (size_t i = 0; i < n; i++) {
		int bar = cols[i].cls && strcmp(cols[i].cls, "bar") == 0;
		if (cols[i].cls) report_putf(b, "<th class=\"%s\">", cols[i].cls);
		else report_put(b, "<th>");
		if (bar) report_put(b, "<span class=\"sr\">");
		report_put_html(b, cols[i].head);
		report_put(b, bar ? "</span></th>" : "</th>");
	}
	report_put(b, "</tr></thead>\n<tbody>\n");
}

/* A bar in a results table: the share of the largest count, as an inline SVG. */
/* A bar whose last paper dots are drawn lighter and striped (issue 20): the phones' part, then
 * the paper part. Inline attributes: a report without paper keeps its stylesheet. */
void report_html_bar_paper(struct report_ctx *c, int count, int paper, int max)
{
	double w = max > 0 ? 100.0 * count / max : 0, wp = max > 0 ? 100.0 * paper / max : 0;
	report_put(c->b, "<td class=\"bar\"><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
	                 "<defs><pattern id=\"paper-hatch\" width=\"2\" height=\"2\" patternUnits=\"userSpaceOnUse\" "
	                 "patternTransform=\"rotate(45)\"><rect width=\"1\" height=\"2\" fill=\"#000\" fill-opacity=\"0.35\"/>"
	                 "</pattern></defs><rect class=\"track\" width=\"100\" height=\"10\"/>");
	if (count > paper) report_putf(c->b, "<rect class=\"fill\" width=\"%.1f\" height=\"10\"/>", w - wp);
	if (paper > 0)
		report_putf(c->b, "<rect class=\"fill paper\" x=\"%.1f\" width=\"%.1f\" height=\"10\" fill-opacity=\"0.45\"/>"
		            "<rect x=\"%.1f\" width=\"%.1f\" height=\"10\" fill=\"url(#paper-hatch)\"/>", w - wp, wp, w - wp, wp);
	report_put(c->b, "</svg></td>");
}

void report_html_bar(struct report_ctx *c, int count, int max)
{
	double w = max > 0 ? 100.0 * count / max : 0;
	report_put(c->b, "<td class=\"bar\"><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
	                 "<rect class=\"track\" width=\"100\" height=\"10\"/>");
	if (count > 0) report_putf(c->b, "<rect class=\"fill\" width=\"%.1f\" height=\"10\"/>", w);
	report_put(c->b, "</svg></td>");
}
