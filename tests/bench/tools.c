/* tools.c: two small measuring tools for the benchmarks; each prints one JSON object.
 *
 *   tools fsync DIR N [append|prealloc]
 *       the floor under a durable ack: N times, 2 ms apart (about the pace of the vote burst,
 *       so that the file system's periodic commits fall in as they do under load), write one
 *       journal-sized line (160 bytes) to a file in DIR and fdatasync it. append: at the end
 *       of a growing file, as the host's journal writer does; prealloc: over a file written
 *       with zeros beforehand, so that fdatasync has no size or extent change to commit.
 *
 *   tools port
 *       a free TCP port on 127.0.0.1 (for a server that cannot be told to take any).
 *
 *   tools startup R TIMEOUT_MS PATTERN [--keep] -- COMMAND ARGS...
 *       R times: time from fork+exec of COMMAND until a line of its standard output contains
 *       PATTERN; then the process is killed (SIGKILL: a host killed right after it listens
 *       writes nothing, so its files stay as they were for the next run), or with --keep left
 *       to exit by itself. Fails if the line does not come within TIMEOUT_MS.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Nearest-rank quantile of sorted v[0..n). */
static double q(const double *v, int n, double p)
{
	int k = (int)(p * n + 0.999999) - 1;
	if (k < 0) k = 0;
	if (k >= n) k = n - 1;
	return v[k];
}

static void print_stats(const char *what, double *v, int n)
{
	double sum = 0;
	for (int i = 0; i < n; i++) sum += v[i];
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	printf("{\"what\":\"%s\",\"n\":%d,\"mean_ms\":%.3f,\"min_ms\":%.3f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,"
	       "\"p99_ms\":%.3f,\"max_ms\":%.3f}\n",
	       what, n, sum / n, v[0], q(v, n, 0.5), q(v, n, 0.9), q(v, n, 0.99), v[n - 1]);
}

static int cmd_fsync(const char *dir, int n, int prealloc)
{
	char path[4096], line[160];
	if (n <= 0 || n > 100000) return 2;
	snprintf(path, sizeof path, "%s/fdatasync-probe.journal", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (prealloc ? 0 : O_APPEND), 0600);
	if (fd < 0) {
		fprintf(stderr, "tools fsync: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (prealloc) {   /* written with zeros beforehand, as databases prepare their logs */
		memset(line, 0, sizeof line);
		for (int i = 0; i < n; i++)
			if (write(fd, line, sizeof line) != (ssize_t)sizeof line) {
				fprintf(stderr, "tools fsync: %s: %s\n", path, strerror(errno));
				return 1;
			}
		if (fsync(fd) != 0) return 1;
	}
	memset(line, 'x', sizeof line);
	line[sizeof line - 1] = '\n';
	double *v = calloc((size_t)n, sizeof *v);
	double next = now_ms();
	for (int i = 0; i < n; i++) {
		while (now_ms() < next) usleep(100);
		next += 2;
		double t0 = now_ms();
		ssize_t w = prealloc ? pwrite(fd, line, sizeof line, (off_t)i * (off_t)sizeof line)
		                     : write(fd, line, sizeof line);
		if (w != (ssize_t)sizeof line || fdatasync(fd) != 0) {
			fprintf(stderr, "tools fsync: %s: %s\n", path, strerror(errno));
			close(fd);
			return 1;
		}
		v[i] = now_ms() - t0;
	}
	close(fd);
	unlink(path);
	print_stats(prealloc ? "fdatasync-prealloc" : "fdatasync", v, n);
	free(v);
	return 0;
}

/* One run: ms until PATTERN shows on stdout, or -1. */
static double one_start(char **cmd, const char *pattern, int timeout_ms, int keep)
{
	int fds[2];
	if (pipe(fds) != 0) return -1;
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0) return -1;
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	close(fds[1]);
	char buf[65536];
	size_t len = 0;
	double found = -1;
	struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
	while (found < 0) {
		int left = timeout_ms - (int)(now_ms() - t0);
		if (left <= 0 || poll(&pfd, 1, left) <= 0) break;
		if (len >= sizeof buf - 1) len = 0;   /* long output: the pattern is in a line, keep looking */
		ssize_t r = read(fds[0], buf + len, sizeof buf - 1 - len);
		if (r <= 0) break;
		len += (size_t)r;
		buf[len] = '\0';
		if (strstr(buf, pattern)) found = now_ms() - t0;
	}
	if (!keep || found < 0) kill(pid, SIGKILL);
	/* drain so that a kept process never blocks on a full pipe, then reap it (bounded) */
	double until = now_ms() + timeout_ms;
	int status;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (now_ms() > until) kill(pid, SIGKILL);
		if (poll(&pfd, 1, 10) > 0 && read(fds[0], buf, sizeof buf) <= 0) pfd.fd = -1;
	}
	close(fds[0]);
	return found;
}

static int cmd_startup(int runs, int timeout_ms, const char *pattern, int keep, char **cmd)
{
	double *v = calloc((size_t)runs, sizeof *v);
	for (int i = 0; i < runs; i++) {
		v[i] = one_start(cmd, pattern, timeout_ms, keep);
		if (v[i] < 0) {
			fprintf(stderr, "tools startup: \"%s\" did not come within %d ms from %s\n", pattern, timeout_ms, cmd[0]);
			return 1;
		}
	}
	print_stats("startup", v, runs);
	free(v);
	return 0;
}

static int cmd_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		perror("tools port");
		return 1;
	}
	printf("%d\n", ntohs(a.sin_port));
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "port") == 0) return cmd_port();
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "fsync") == 0 && atoi(argv[3]) > 0)
		return cmd_fsync(argv[2], atoi(argv[3]), argc == 5 && strcmp(argv[4], "prealloc") == 0);
	if (argc > 6 && strcmp(argv[1], "startup") == 0) {
		int keep = 0, i = 5;
		if (strcmp(argv[i], "--keep") == 0) keep = 1, i++;
		if (i < argc && strcmp(argv[i], "--") == 0 && i + 1 < argc)
			return cmd_startup(atoi(argv[2]), atoi(argv[3]), argv[4], keep, argv + i + 1);
	}
	fprintf(stderr, "usage: tools fsync DIR N [append|prealloc] | tools port | tools startup RUNS TIMEOUT_MS PATTERN [--keep] -- CMD ARGS...\n");
	return 2;
}
