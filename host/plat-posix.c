/* plat-posix.c: plat.h on Debian (and other POSIX systems). See plat-win.c for Windows. */
#ifndef _WIN32
#include "plat.h"
#include "util.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- files ---------------------------------------------------------------------------------- */

int plat_open(const char *path, int flags)
{
	int f = O_NOFOLLOW | O_CLOEXEC | ((flags & PLAT_WRITE) ? O_WRONLY : O_RDONLY);
	if (flags & PLAT_CREATE) f |= O_CREAT;
	if (flags & PLAT_APPEND) f |= O_APPEND;
	if (flags & PLAT_TRUNC) f |= O_TRUNC;
	return open(path, f, 0600);
}

FILE *plat_fopen(const char *path, const char *mode)
{
	return fopen(path, mode);
}

int plat_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int plat_is_link(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

int plat_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int plat_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int plat_remove(const char *path)
{
	return unlink(path);
}

int plat_mkdir(const char *path)
{
	if (mkdir(path, 0700) == 0 || (errno == EEXIST && plat_is_dir(path))) return 0;
	if (errno != ENOENT) return -1;
	char *parent = xstrdup(path), *slash = strrchr(parent, '/');   /* ~/.local/share/... */
	int rc = -1;
	if (slash && slash != parent) {
		*slash = '\0';
		if (plat_mkdir(parent) == 0) rc = mkdir(path, 0700) == 0 || (errno == EEXIST && plat_is_dir(path)) ? 0 : -1;
	}
	free(parent);
	return rc;
}

int plat_sync_data(int fd)
{
	return fdatasync(fd);
}

int plat_has_room(int fd, long long at, long long bytes)
{
	if (fallocate(fd, FALLOC_FL_KEEP_SIZE, (off_t)at, (off_t)bytes) == 0) return 1;
	return errno == EOPNOTSUPP || errno == ENOSYS || errno == ENODEV;
}

int plat_truncate(int fd, long long size)
{
	return ftruncate(fd, (off_t)size);
}

int plat_make_private(int fd)
{
	struct stat st;   /* (a device such as /dev/full, which tests use, is left as it is) */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) != 0600)
		return fchmod(fd, 0600);
	return 0;
}

int plat_check_target(const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (lstat(path, &st) < 0) {
		if (errno == ENOENT) return 0;
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		seterr(err, errlen, "%s is a symbolic link; refusing to write through it (remove the link)", path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		seterr(err, errlen, "%s is not a regular file; refusing to write over it", path);
		return -1;
	}
	return 0;
}

/* The folder of path, opened (without following a link there) for the *at() calls and the
 * fsync that makes a rename in it durable; *base gets the file's name within it. -1 with err. */
static int open_folder(const char *path, const char **base, char *err, size_t errlen)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	*base = slash ? slash + 1 : path;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		if (e == ELOOP || e == ENOTDIR) {
			if (plat_is_link(dir))
				seterr(err, errlen, "cannot write %s: its folder %s is a symbolic link (give the folder's own path)",
				       path, dir);
			else seterr(err, errlen, "cannot write %s: %s is not a folder", path, dir);
		} else {
			seterr(err, errlen, "cannot write %s: cannot open its folder %s: %s", path, dir, strerror(e));
		}
		free(dir);
		errno = e;
		return -1;
	}
	free(dir);
	return fd;
}

/* Create a temporary file beside base in folder dfd, under a fresh random name (O_EXCL: never
 * an existing file or a planted link), mode 0600. Its name goes to tmp. fd or -1 (errno). */
static int create_temp(int dfd, const char *base, char *tmp, size_t tmplen)
{
	for (int tries = 0; tries < 100; tries++) {
		unsigned char r[6];
		if (plat_random(r, sizeof r) < 0) return -1;
		snprintf(tmp, tmplen, "%s.tmp-%02x%02x%02x%02x%02x%02x", base, r[0], r[1], r[2], r[3], r[4], r[5]);
		int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0) {
			if (fchmod(fd, 0600) < 0) {   /* whatever the umask: the file holds resume tokens */
				int e = errno;
				close(fd);
				unlinkat(dfd, tmp, 0);
				errno = e;
				return -1;
			}
			return fd;
		}
		if (errno != EEXIST) return -1;
	}
	errno = EEXIST;
	return -1;
}

int plat_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	const char *base;
	if (plat_check_target(path, err, errlen) < 0) return -1;
	int dfd = open_folder(path, &base, err, errlen);
	if (dfd < 0) return -1;
	size_t tmplen = strlen(base) + 32;
	char *tmp = xmalloc(tmplen);
	int fd = create_temp(dfd, base, tmp, tmplen);
	if (fd < 0) {
		seterr(err, errlen, "cannot create a temporary file beside %s: %s", path, strerror(errno));
		goto fail;
	}
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) {
			seterr(err, errlen, "cannot write %s: %s", path, w < 0 ? strerror(errno) : "disk full");
			goto fail_fd;
		}
		off += (size_t)w;
	}
	if (fsync(fd) < 0) {
		seterr(err, errlen, "cannot write %s: %s", path, strerror(errno));
		goto fail_fd;
	}
	if (close(fd) < 0) {
		fd = -1;
		seterr(err, errlen, "cannot write %s: %s", path, strerror(errno));
		goto fail_unlink;
	}
	/* A link planted at path since the check above is replaced by the rename, never followed. */
	if (renameat(dfd, tmp, dfd, base) < 0) {
		seterr(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
		goto fail_unlink;
	}
	if (fsync(dfd) < 0) {
		/* The file is in place; only its durability across a power cut is in doubt. */
		seterr(err, errlen, "saved %s but could not sync its folder: %s", path, strerror(errno));
		close(dfd);
		free(tmp);
		return -1;
	}
	close(dfd);
	free(tmp);
	return 0;
fail_fd:
	close(fd);
fail_unlink:
	unlinkat(dfd, tmp, 0);
fail:
	close(dfd);
	free(tmp);
	return -1;
}

int plat_list_dir(const char *dir, int (*fn)(const char *name, void *ud), void *ud)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d) return -1;
	while (rc == 0 && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			rc = fn(e->d_name, ud);
	closedir(d);
	return rc;
}

/* ---- folders -------------------------------------------------------------------------------- */

int plat_exe_dir(char *buf, size_t n)
{
	char exe[PLAT_PATH_MAX];
	ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k <= 0) return -1;
	exe[k] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash) return -1;
	*slash = '\0';
	strlcpy_m(buf, exe[0] ? exe : "/", n);
	return 0;
}

int plat_data_dir(char *buf, size_t n)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (xdg && xdg[0] == '/') snprintf(buf, n, "%s/medskapa", xdg);
	else if (home && *home) snprintf(buf, n, "%s/.local/share/medskapa", home);
	else return -1;
	return 0;
}

int plat_dir_writable(const char *dir)
{
	return access(dir, W_OK | X_OK) == 0;
}

/* ---- network -------------------------------------------------------------------------------- */

int plat_addresses(struct plat_addr *out, int max)
{
	struct ifaddrs *ifs = NULL, *i;
	int n = 0;

	if (getifaddrs(&ifs) != 0) return 0;
	for (i = ifs; i && n < max; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
		if ((i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP)) continue;
		strlcpy_m(out[n].name, i->ifa_name, sizeof out[n].name);
		inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr, out[n].ip, sizeof out[n].ip);
		n++;
	}
	freeifaddrs(ifs);
	return n;
}

/* ---- the process ---------------------------------------------------------------------------- */

void plat_init(void)
{
}

void plat_on_stop(void (*stop)(int sig))
{
	struct sigaction sa = { .sa_handler = stop };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void plat_private_files(void)
{
	umask(077);
}

void plat_stopped(void)
{
}

int plat_random(void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom((char *)buf + got, n - got, 0);
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) return -1;
		got += (size_t)r;
	}
	return 0;
}

void plat_zone_name(char *buf, size_t n)
{
	const char *tz = getenv("TZ");
	char link[PLAT_PATH_MAX];
	buf[0] = '\0';
	if (tz && *tz) {
		strlcpy_m(buf, tz[0] == ':' ? tz + 1 : tz, n);
		return;
	}
	ssize_t k = readlink("/etc/localtime", link, sizeof link - 1);
	if (k <= 0) return;
	link[k] = '\0';
	const char *z = strstr(link, "zoneinfo/");
	if (z) strlcpy_m(buf, z + 9, n);
}

void plat_binary_stdout(void)
{
}
#endif
