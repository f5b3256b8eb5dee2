/* plat.h: the few things that differ between POSIX systems and Windows, and nothing else.
 *
 * One header, two files: plat-posix.c (Debian) and plat-win.c (Windows, built with mingw-w64),
 * in the way st keeps win.h or redis its ae_*.c. The model, the journal format, the reports
 * and the board never ask which system they are on; the modules at the edges (store, journal,
 * options, server start-up, main) call these instead of the system.
 *
 * Paths are UTF-8 everywhere: the Windows file converts them to the wide API, so a user folder
 * named "Åsa Öberg" works (argv arrives in UTF-8 there from SDL2main). Functions that fail return -1 with errno set (a POSIX errno on
 * Windows too), unless they say otherwise. */
#ifndef MEDSKAPA_PLAT_H
#define MEDSKAPA_PLAT_H

#include <stddef.h>
#include <stdio.h>

#define PLAT_PATH_MAX 4096

/* ---- files ---------------------------------------------------------------------------------- */

/* Flags for plat_open, whatever the system's own O_* are. */
enum {
	PLAT_WRITE = 1,    /* write only (without it: read only) */
	PLAT_CREATE = 2,   /* create it if missing, mode 0600 (owner only) */
	PLAT_APPEND = 4,   /* every write at the end */
	PLAT_TRUNC = 8,    /* empty it on open */
};

/* Open path never through a symbolic link (or, on Windows, a reparse point): errno ELOOP
 * then. Binary, not inherited by child processes. A descriptor for read/write/close. */
int plat_open(const char *path, int flags);
FILE *plat_fopen(const char *path, const char *mode);
int plat_exists(const char *path);        /* 1 if there is anything at path (a link too) */
int plat_is_link(const char *path);       /* 1 if path is a symbolic link (reparse point) */
int plat_is_dir(const char *path);
int plat_is_file(const char *path);       /* 1 if path is a regular file (or a link to one) */
int plat_remove(const char *path);
int plat_mkdir(const char *path);         /* with its missing parents, owner only; 0 if it exists */

/* Make what was written to fd durable: its data (and size), not necessarily its times. */
int plat_sync_data(int fd);
/* 1 if the disk can take bytes more beyond offset at of fd (room reserved, the file's size
 * unchanged); also 1 where that cannot be asked. 0 if it is full. */
int plat_has_room(int fd, long long at, long long bytes);
/* Cut fd to size bytes. */
int plat_truncate(int fd, long long size);
/* Make an open file the owner's only (0600), if the system keeps modes on files. */
int plat_make_private(int fd);

/* 0 if path is missing or a regular file; -1 with err if it is a link or anything else. */
int plat_check_target(const char *path, char *err, size_t errlen);
/* Replace path by data as one step that survives a power cut: a fresh temporary file beside
 * it (owner only, never an existing file or a planted link), written, made durable, moved
 * over path, and the move made durable. A reader sees the old file or the new one, never a
 * part. 0, or -1 with err saying which step failed (path is then unchanged). */
int plat_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen);

/* Call fn(name, ud) for each entry of the folder dir (not "." or ".."), in no given order,
 * until fn returns non-zero (that value is returned). -1 if dir cannot be read. */
int plat_list_dir(const char *dir, int (*fn)(const char *name, void *ud), void *ud);

/* ---- folders -------------------------------------------------------------------------------- */

/* The folder the running program's file is in. 0, or -1 if the system does not say. */
int plat_exe_dir(char *buf, size_t n);
/* Where this user's Medskapa keeps its sessions when the program's own folder cannot be
 * written: $XDG_DATA_HOME/medskapa (~/.local/share/medskapa) or %LOCALAPPDATA%\Medskapa. */
int plat_data_dir(char *buf, size_t n);
/* 1 if files can be created in dir (tried with a real file, then removed). */
int plat_dir_writable(const char *dir);

/* ---- network -------------------------------------------------------------------------------- */

struct plat_addr {
	char name[64];   /* the interface's name as the system gives it ("wlan0", "Wi-Fi") */
	char ip[48];     /* IPv4, dotted */
};
/* The IPv4 addresses of the interfaces that are up, loopback left out, at most max. */
int plat_addresses(struct plat_addr *out, int max);

/* ---- the process ---------------------------------------------------------------------------- */

/* First thing in main: on Windows the console learns that the program speaks UTF-8 (and a
 * console Windows opened for a double-click is hidden). Nothing on POSIX systems. */
void plat_init(void);
/* Standard output writes bytes as they are (Windows: no "\n" -> "\r\n", which would make a CSV's
 * "\r\n" into "\r\r\n"); nothing to do on POSIX. */
void plat_binary_stdout(void);

/* Call stop(sig) when the user asks the program to end: Ctrl-C, SIGTERM, or on Windows the
 * console window's close button, log-off and shut-down (the handler then waits, up to the
 * seconds Windows allows, for the session to be saved: plat_stopped says it was). Also makes
 * a broken connection an error instead of a signal. */
void plat_on_stop(void (*stop)(int sig));
void plat_stopped(void);
/* Files this process creates from now on are its owner's only (umask 077; on Windows the
 * user's own folders already are). */
void plat_private_files(void);
/* n random bytes from the system's source; -1 if there is none. */
int plat_random(void *buf, size_t n);
/* The local time zone's name ("Europe/Stockholm"), or "" if unknown. */
void plat_zone_name(char *buf, size_t n);

#endif
