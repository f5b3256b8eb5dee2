/* plat-win.c: plat.h on Windows (10 and 11, built on Debian with mingw-w64). See plat-posix.c.
 *
 * Paths arrive as UTF-8 and go to the wide (UTF-16) API, so "C:/Users/Åsa Öberg/..." works
 * whatever the system's code page. Windows keeps no file modes: the user's own folders are
 * private already. A "link" is a reparse point (symbolic link or junction); it is refused as
 * a symbolic link is on Debian. */
#ifdef _WIN32
#include "plat.h"
#include "util.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <bcrypt.h>
#include <iphlpapi.h>

#include <errno.h>
#include <fcntl.h>
#include <direct.h>
#include <io.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* UTF-8 to a new UTF-16 string (free it), or NULL with errno EINVAL. */
static wchar_t *wide(const char *s)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
	if (n <= 0) {
		errno = EINVAL;
		return NULL;
	}
	wchar_t *w = xmalloc((size_t)n * sizeof *w);
	MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
	return w;
}

/* UTF-16 to UTF-8 into buf; 0, or -1 if it does not fit. */
static int narrow(const wchar_t *w, char *buf, size_t n)
{
	int k = WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)n, NULL, NULL);
	if (k <= 0) {
		if (n) buf[0] = '\0';
		return -1;
	}
	return 0;
}

static void forward_slashes(char *p)
{
	for (; *p; p++)
		if (*p == '\\') *p = '/';
}

/* The errno closest to GetLastError(). */
static int win_errno(void)
{
	switch (GetLastError()) {
	case ERROR_FILE_NOT_FOUND: case ERROR_PATH_NOT_FOUND: return ENOENT;
	case ERROR_ACCESS_DENIED: case ERROR_SHARING_VIOLATION: case ERROR_LOCK_VIOLATION: return EACCES;
	case ERROR_FILE_EXISTS: case ERROR_ALREADY_EXISTS: return EEXIST;
	case ERROR_DISK_FULL: case ERROR_HANDLE_DISK_FULL: return ENOSPC;
	case ERROR_INVALID_NAME: return EINVAL;
	default: return EIO;
	}
}

static DWORD attributes(const char *path)
{
	wchar_t *w = wide(path);
	if (!w) return INVALID_FILE_ATTRIBUTES;
	DWORD a = GetFileAttributesW(w);
	if (a == INVALID_FILE_ATTRIBUTES) errno = win_errno();
	free(w);
	return a;
}

/* ---- files ---------------------------------------------------------------------------------- */

int plat_open(const char *path, int flags)
{
	DWORD a = attributes(path);
	if (a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_REPARSE_POINT)) {
		errno = ELOOP;
		return -1;
	}
	int f = _O_BINARY | _O_NOINHERIT | ((flags & PLAT_WRITE) ? _O_WRONLY : _O_RDONLY);
	if (flags & PLAT_CREATE) f |= _O_CREAT;
	if (flags & PLAT_APPEND) f |= _O_APPEND;
	if (flags & PLAT_TRUNC) f |= _O_TRUNC;
	wchar_t *w = wide(path);
	if (!w) return -1;
	int fd = _wopen(w, f, _S_IREAD | _S_IWRITE);
	free(w);
	return fd;
}

FILE *plat_fopen(const char *path, const char *mode)
{
	wchar_t *w = wide(path), *m = wide(mode);
	FILE *f = w && m ? _wfopen(w, m) : NULL;
	free(w);
	free(m);
	return f;
}

int plat_exists(const char *path)
{
	return attributes(path) != INVALID_FILE_ATTRIBUTES;
}

int plat_is_link(const char *path)
{
	DWORD a = attributes(path);
	return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_REPARSE_POINT);
}

int plat_is_dir(const char *path)
{
	DWORD a = attributes(path);
	return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

int plat_is_file(const char *path)
{
	DWORD a = attributes(path);
	return a != INVALID_FILE_ATTRIBUTES && !(a & FILE_ATTRIBUTE_DIRECTORY);
}

int plat_remove(const char *path)
{
	wchar_t *w = wide(path);
	if (!w) return -1;
	int rc = _wunlink(w);
	free(w);
	return rc;
}

int plat_mkdir(const char *path)
{
	wchar_t *w = wide(path);
	if (!w) return -1;
	int rc = _wmkdir(w);
	if (rc != 0 && errno == ENOENT) {   /* %LOCALAPPDATA%\Medskapa\sessions: make Medskapa first */
		char *parent = xstrdup(path), *slash = strrchr(parent, '/'), *back = strrchr(parent, '\\');
		if (back > slash) slash = back;
		if (slash && slash != parent && slash[-1] != ':') {
			*slash = '\0';
			if (plat_mkdir(parent) == 0) rc = _wmkdir(w);
		}
		free(parent);
	}
	free(w);
	if (rc == 0 || (errno == EEXIST && plat_is_dir(path))) return 0;
	return -1;
}

int plat_sync_data(int fd)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	if (!FlushFileBuffers(h)) {
		errno = win_errno();
		return -1;
	}
	return 0;
}

int plat_has_room(int fd, long long at, long long bytes)
{
	(void)fd;
	(void)at;
	(void)bytes;
	return 1;   /* Windows cannot reserve without growing the file: the next line tries */
}

int plat_truncate(int fd, long long size)
{
	errno_t e = _chsize_s(fd, size);
	if (e) {
		errno = e;
		return -1;
	}
	return 0;
}

int plat_make_private(int fd)
{
	(void)fd;
	return 0;
}

int plat_check_target(const char *path, char *err, size_t errlen)
{
	DWORD a = attributes(path);
	if (a == INVALID_FILE_ATTRIBUTES) {
		if (errno == ENOENT) return 0;
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (a & FILE_ATTRIBUTE_REPARSE_POINT) {
		seterr(err, errlen, "%s is a symbolic link; refusing to write through it (remove the link)", path);
		return -1;
	}
	if (a & FILE_ATTRIBUTE_DIRECTORY) {
		seterr(err, errlen, "%s is not a regular file; refusing to write over it", path);
		return -1;
	}
	return 0;
}

int plat_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	if (plat_check_target(path, err, errlen) < 0) return -1;
	const char *slash = strrchr(path, '/'), *back = strrchr(path, '\\');
	if (back > slash) slash = back;
	if (slash && slash != path) {
		char *dir = xstrndup(path, (size_t)(slash - path));
		int linked = plat_is_link(dir), folder = plat_is_dir(dir);
		if (linked || !folder) {
			seterr(err, errlen, linked ? "cannot write %s: its folder %s is a symbolic link (give the folder's own path)"
			                           : "cannot write %s: %s is not a folder", path, dir);
			free(dir);
			return -1;
		}
		free(dir);
	}
	size_t tmplen = strlen(path) + 32;
	char *tmp = xmalloc(tmplen);
	wchar_t *wtmp = NULL, *wpath = wide(path);
	HANDLE h = INVALID_HANDLE_VALUE;
	for (int tries = 0; tries < 100 && h == INVALID_HANDLE_VALUE; tries++) {
		unsigned char r[6];
		if (plat_random(r, sizeof r) < 0) break;
		snprintf(tmp, tmplen, "%s.tmp-%02x%02x%02x%02x%02x%02x", path, r[0], r[1], r[2], r[3], r[4], r[5]);
		free(wtmp);
		wtmp = wide(tmp);
		if (!wtmp) break;
		/* CREATE_NEW: never an existing file or a planted link */
		h = CreateFileW(wtmp, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
		if (h == INVALID_HANDLE_VALUE && GetLastError() != ERROR_FILE_EXISTS) break;
	}
	if (h == INVALID_HANDLE_VALUE || !wpath) {
		errno = win_errno();
		seterr(err, errlen, "cannot create a temporary file beside %s: %s", path, strerror(errno));
		free(wtmp);
		free(wpath);
		free(tmp);
		return -1;
	}
	int ok = 1;
	for (size_t off = 0; ok && off < len;) {
		DWORD chunk = len - off > (1u << 30) ? (1u << 30) : (DWORD)(len - off), w = 0;
		ok = WriteFile(h, data + off, chunk, &w, NULL) && w > 0;
		off += w;
	}
	if (!ok || !FlushFileBuffers(h)) {
		errno = win_errno();
		seterr(err, errlen, "cannot write %s: %s", path, strerror(errno));
		ok = 0;
	}
	CloseHandle(h);
	/* WRITE_THROUGH: the call returns once the move itself is on the disk. */
	if (ok && !MoveFileExW(wtmp, wpath, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
		errno = win_errno();
		seterr(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
		ok = 0;
	}
	if (!ok) DeleteFileW(wtmp);
	free(wtmp);
	free(wpath);
	free(tmp);
	return ok ? 0 : -1;
}

int plat_list_dir(const char *dir, int (*fn)(const char *name, void *ud), void *ud)
{
	size_t n = strlen(dir) + 3;
	char *pattern = xmalloc(n);
	snprintf(pattern, n, "%s/*", dir);
	wchar_t *w = wide(pattern);
	free(pattern);
	if (!w) return -1;
	WIN32_FIND_DATAW fd;
	HANDLE h = FindFirstFileW(w, &fd);
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		errno = win_errno();
		return GetLastError() == ERROR_FILE_NOT_FOUND ? 0 : -1;
	}
	int rc = 0;
	do {
		char name[MAX_PATH * 4];
		if (narrow(fd.cFileName, name, sizeof name) < 0) continue;
		if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) rc = fn(name, ud);
	} while (rc == 0 && FindNextFileW(h, &fd));
	FindClose(h);
	return rc;
}

/* ---- folders -------------------------------------------------------------------------------- */

int plat_exe_dir(char *buf, size_t n)
{
	wchar_t w[PLAT_PATH_MAX];
	DWORD k = GetModuleFileNameW(NULL, w, PLAT_PATH_MAX);
	if (k == 0 || k >= PLAT_PATH_MAX) return -1;
	if (narrow(w, buf, n) < 0) return -1;
	forward_slashes(buf);
	char *slash = strrchr(buf, '/');
	if (!slash) return -1;
	*slash = '\0';
	return 0;
}

int plat_data_dir(char *buf, size_t n)
{
	const wchar_t *w = _wgetenv(L"LOCALAPPDATA");
	char base[PLAT_PATH_MAX];
	if (!w || !*w || narrow(w, base, sizeof base) < 0) return -1;
	forward_slashes(base);
	snprintf(buf, n, "%s/Medskapa", base);
	return 0;
}

int plat_dir_writable(const char *dir)
{
	size_t n = strlen(dir) + 64;
	char *probe = xmalloc(n);
	snprintf(probe, n, "%s/.medskapa-write-test-%lu", dir, (unsigned long)GetCurrentProcessId());
	wchar_t *w = wide(probe);
	free(probe);
	if (!w) return 0;
	HANDLE h = CreateFileW(w, GENERIC_WRITE, 0, NULL, CREATE_NEW,
	                       FILE_ATTRIBUTE_TEMPORARY | FILE_ATTRIBUTE_HIDDEN | FILE_FLAG_DELETE_ON_CLOSE, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE) return 0;
	CloseHandle(h);
	return 1;
}

/* ---- network -------------------------------------------------------------------------------- */

int plat_addresses(struct plat_addr *out, int max)
{
	ULONG size = 16 * 1024;
	IP_ADAPTER_ADDRESSES *list = NULL;
	ULONG rc = ERROR_BUFFER_OVERFLOW;
	int n = 0;

	for (int tries = 0; tries < 3 && rc == ERROR_BUFFER_OVERFLOW; tries++) {
		free(list);
		list = xmalloc(size);
		rc = GetAdaptersAddresses(AF_INET, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER,
		                          NULL, list, &size);
	}
	if (rc != NO_ERROR) {
		free(list);
		return 0;
	}
	for (IP_ADAPTER_ADDRESSES *a = list; a && n < max; a = a->Next) {
		if (a->OperStatus != IfOperStatusUp || a->IfType == IF_TYPE_SOFTWARE_LOOPBACK) continue;
		for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u && n < max; u = u->Next) {
			struct sockaddr_in *sin = (struct sockaddr_in *)(void *)u->Address.lpSockaddr;
			if (!sin || sin->sin_family != AF_INET) continue;
			if (narrow(a->FriendlyName, out[n].name, sizeof out[n].name) < 0)
				strlcpy_m(out[n].name, a->AdapterName, sizeof out[n].name);
			if (!inet_ntop(AF_INET, &sin->sin_addr, out[n].ip, sizeof out[n].ip)) continue;
			if (strncmp(out[n].ip, "127.", 4) == 0) continue;
			n++;
		}
	}
	free(list);
	return n;
}

/* ---- the process ---------------------------------------------------------------------------- */

static void (*stop_fn)(int);
static HANDLE stopped_event;

/* Windows calls this on a thread of its own. Ctrl-C asks the program to end; the console's
 * close button, log-off and shut-down end the process as soon as this returns, so it waits
 * (Windows allows about five seconds) until main has saved the session and said so. */
static BOOL WINAPI on_console(DWORD what)
{
	if (!stop_fn) return FALSE;
	switch (what) {
	case CTRL_C_EVENT:
	case CTRL_BREAK_EVENT:
		stop_fn(SIGINT);
		return TRUE;
	case CTRL_CLOSE_EVENT:
	case CTRL_LOGOFF_EVENT:
	case CTRL_SHUTDOWN_EVENT:
		stop_fn(SIGTERM);
		if (stopped_event) WaitForSingleObject(stopped_event, 4500);
		return TRUE;
	default:
		return FALSE;
	}
}

void plat_on_stop(void (*stop)(int sig))
{
	stop_fn = stop;
	if (!stopped_event) stopped_event = CreateEventW(NULL, TRUE, FALSE, NULL);
	SetConsoleCtrlHandler(on_console, TRUE);
	signal(SIGTERM, stop);   /* what a C runtime raise() or a POSIX-minded tool sends */
}

void plat_stopped(void)
{
	if (stopped_event) SetEvent(stopped_event);
}

void plat_private_files(void)
{
}

int plat_random(void *buf, size_t n)
{
	return BCryptGenRandom(NULL, buf, (ULONG)n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0 ? 0 : -1;
}

void plat_zone_name(char *buf, size_t n)
{
	const char *tz = getenv("TZ");
	DYNAMIC_TIME_ZONE_INFORMATION z;
	buf[0] = '\0';
	if (tz && *tz) {
		strlcpy_m(buf, tz[0] == ':' ? tz + 1 : tz, n);
		return;
	}
	if (GetDynamicTimeZoneInformation(&z) != TIME_ZONE_ID_INVALID)
		narrow(z.TimeZoneKeyName, buf, n);   /* Windows' own name: "W. Europe Standard Time" */
}

/* medskapa.exe is a console program. Started from Explorer (a double-click), Windows gives it
 * a console window of its own, which only the board's window should show: hide it (it stays,
 * so closing the board or logging off still saves the meeting). Started from a command prompt,
 * or with its output sent to a file or a pipe (tests, wine), it shares that and shows it. */
static void hide_own_console(void)
{
	DWORD ids[2];
	HWND w = GetConsoleWindow();
	if (w && GetConsoleProcessList(ids, 2) == 1)
		ShowWindow(w, SW_HIDE);
}

void plat_init(void)
{
	hide_own_console();
	/* The terminal lines are UTF-8 (Swedish, Arabic, Tigrinya...): say so to the console. argv
	 * is UTF-8 already: SDL2main's WinMain makes it from the wide command line. */
	SetConsoleOutputCP(CP_UTF8);
}

void plat_binary_stdout(void)
{
	fflush(stdout);
	_setmode(_fileno(stdout), _O_BINARY);
}
#endif
