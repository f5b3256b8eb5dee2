/* name.h: display names (name.c). Pure: no I/O. */
#ifndef MEDSKAPA_NAME_H
#define MEDSKAPA_NAME_H

/* A copy of the valid UTF-8 name s, cleaned as it is stored: format characters removed (zero
 * width, bidi controls, BOM, the U+2060 block, tags), every run of spaces made one space and
 * trimmed at both ends; ZWJ/ZWNJ are kept only between two characters. Caller frees; aborts
 * only when memory runs out (xmalloc). */
char *name_clean(const char *s);

/* The role word (facilitator, mötesledare, tolk, ведучий, ...) the cleaned name is, or holds as a
 * run of whole words, compared without case, accents, look-alike letters or punctuation; NULL
 * when it holds none. The result points into a static table. */
const char *name_role_word(const char *name);

#endif
