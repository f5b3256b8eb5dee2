/* report.h: reports for staff after the meeting (HTML, Markdown, CSV) from a saved session,
 * and an overview of many sessions. Reads files and writes files or stdout. */
#ifndef MEDSKAPA_REPORT_H
#define MEDSKAPA_REPORT_H

/* `medskapa report SESSION.json [--format html|md|csv] [-o FILE] [--anonymise]` and
 * `medskapa report --overview DIR [-o FILE]`. argv[0] is "report". Returns the exit code;
 * prints a clear error naming the file and the problem on failure. */
int report_main(int argc, char **argv);

#endif
