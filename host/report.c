/* report.c: staff reports from saved sessions. (Being written for issue 7.) */
#include "report.h"

#include <stdio.h>

int report_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "medskapa report: not available in this build yet\n");
	return 2;
}
