/* photo.h: the checks on a photo a phone uploads (base64 text inside a JSON message), as pure
 * functions over bytes: libc and util only, no I/O. The type comes from the bytes, never from
 * a name, and the host stores a photo only under a name it makes itself from the bytes' hash. */
#ifndef MEDSKAPA_PHOTO_H
#define MEDSKAPA_PHOTO_H

#include <stddef.h>

#define PHOTO_MAX_BYTES (600 * 1024)     /* decoded size: a phone's photo scaled down in the page */
#define PHOTO_MAX_SIDE 4096              /* pixels, each side */

enum photo_type { PHOTO_NONE = 0, PHOTO_JPEG, PHOTO_PNG };

struct photo_info {
	enum photo_type type;
	int width, height;
	char sha256[65];    /* lowercase hex, NUL-terminated */
};

enum photo_err {
	PHOTO_OK = 0,
	PHOTO_BAD_TYPE,         /* not JPEG or PNG by its first bytes: HTML, GIF, SVG, empty, ... */
	PHOTO_TRUNCATED,        /* starts right but is not whole: ends early, a length runs past the
	                         * end, or the structure breaks (not a marker where one must be, a
	                         * PNG's first chunk not IHDR, bytes after the end marker) */
	PHOTO_TOO_BIG,          /* more than PHOTO_MAX_BYTES */
	PHOTO_TOO_LARGE_PIXELS  /* a side over PHOTO_MAX_SIDE, or zero */
};

/* Decode standard base64 text[0..len) (RFC 4648: alphabet A-Z a-z 0-9 + /, '=' padding to a
 * multiple of 4 characters; no whitespace, no URL alphabet, no "data:" prefix, and the unused
 * bits of the last character must be zero, so that each byte string has one encoding).
 * Returns a new buffer (caller frees; xmalloc, so allocation failure aborts) holding *n bytes;
 * "" decodes to a buffer of 0 bytes. Returns NULL with *n = 0 when the text is not such base64
 * (*too_big = 0) or would decode to more than max bytes (*too_big = 1); the size is judged from
 * the length before any character is read, so an oversized text is refused unread. No I/O. */
unsigned char *photo_base64_decode(const char *text, size_t len, size_t max, size_t *n, int *too_big);

/* Check b[0..n): its type from its first bytes, its size, its sides and that it is whole.
 * JPEG: FF D8 FF, markers walked (lengths in bounds) to the first SOF0..SOF15 (not C4, C8,
 * CC) for height and width; FF D9 must be the last two bytes, after that frame header.
 * PNG: the 8-byte signature, a first chunk IHDR of length 13, chunks walked (lengths in bounds,
 * types four ASCII letters; CRCs not checked) to an IEND of length 0 that ends the bytes.
 * Returns the first problem found (size first, then in file order, so that sides too large are
 * reported before the rest is read). On PHOTO_OK fills *info (type, sides, sha256 of the
 * bytes); otherwise *info is zeroed (PHOTO_NONE, 0 x 0, sha256 ""). No I/O, no allocation. */
enum photo_err photo_check(const unsigned char *b, size_t n, struct photo_info *info);

/* "jpg" / "png", and "image/jpeg" / "image/png"; "" for PHOTO_NONE or anything else. */
const char *photo_ext(enum photo_type t);
const char *photo_mime(enum photo_type t);

/* The host stores a photo under "<sha256>.<ext>". 1 if name is exactly such a name (64
 * lowercase hex digits, then ".jpg" or ".png", nothing after), else 0 (and for NULL): anything
 * that could be a path or a script in a saved session is refused. */
int photo_name_valid(const char *name);

/* SHA-256 (FIPS 180-4) of b[0..n) as 64 lowercase hex digits and a NUL in out. */
void sha256_hex(const unsigned char *b, size_t n, char out[65]);

#endif
