/* test_plat.c: the platform layer (plat.h) on the system it was built for: the durable
 * atomic replace, refusing links, file modes, UTF-8 paths ("Åsa Öberg"), the folder listing,
 * the program's and the user's folders, the addresses for the join URL. Links plat and util. */
#include "plat.h"
#include "util.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[512];

static void make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/medskapa-test-plat-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

/* Remove what a test left in tmpdir (one level of folders below it is enough here). */
static int remove_entry(const char *name, void *ud)
{
	char p[1200];
	snprintf(p, sizeof p, "%s/%s", (const char *)ud, name);
	if (plat_is_dir(p) && !plat_is_link(p)) {   /* (a folder in it: emptied by the same walk) */
		plat_list_dir(p, remove_entry, p);
		rmdir(p);
	} else {
		plat_remove(p);
	}
	return 0;
}

static void teardown(void)
{
	if (!tmpdir[0]) return;
	plat_list_dir(tmpdir, remove_entry, tmpdir);
	rmdir(tmpdir);
	tmpdir[0] = '\0';
}

static void path_in(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tmpdir, name);
}

static char *slurp(const char *path)
{
	FILE *f = plat_fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	static char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int count(const char *name, void *ud)
{
	(void)name;
	(*(int *)ud)++;
	return 0;
}

static int count_dir(const char *dir)
{
	int n = 0;
	ck_assert_int_eq(plat_list_dir(dir, count, &n), 0);
	return n;
}

START_TEST(write_atomic_creates_then_replaces_and_leaves_nothing_else)
{
	char p[600], err[256] = "";
	make_tmpdir();
	path_in(p, sizeof p, "session.json");
	ck_assert_int_eq(plat_write_atomic(p, "{\"a\":1}", 7, err, sizeof err), 0);
	ck_assert_str_eq(slurp(p), "{\"a\":1}");
	ck_assert_int_eq(plat_write_atomic(p, "{\"b\":22}", 8, err, sizeof err), 0);
	ck_assert_str_eq(slurp(p), "{\"b\":22}");
	ck_assert_int_eq(count_dir(tmpdir), 1);   /* no temporary file left beside it */
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);   /* it holds every phone's token */
}
END_TEST

START_TEST(write_atomic_into_a_missing_folder_says_so_and_writes_nothing)
{
	char p[600], err[256] = "";
	make_tmpdir();
	path_in(p, sizeof p, "no-such-folder/session.json");
	ck_assert_int_eq(plat_write_atomic(p, "x", 1, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "no-such-folder"));
	ck_assert_int_eq(count_dir(tmpdir), 0);
}
END_TEST

START_TEST(a_link_is_refused_and_what_it_points_to_is_untouched)
{
	char target[600], link[600], err[256] = "";
	make_tmpdir();
	path_in(target, sizeof target, "elsewhere.txt");
	path_in(link, sizeof link, "session.json");
	ck_assert_int_eq(plat_write_atomic(target, "keep", 4, err, sizeof err), 0);
	ck_assert_int_eq(symlink(target, link), 0);
	ck_assert(plat_is_link(link));
	ck_assert(!plat_is_link(target));
	ck_assert_int_eq(plat_check_target(link, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "symbolic link"));
	ck_assert_int_eq(plat_write_atomic(link, "evil", 4, err, sizeof err), -1);
	ck_assert_int_eq(plat_open(link, PLAT_WRITE | PLAT_APPEND), -1);
	ck_assert_int_eq(errno, ELOOP);
	ck_assert_str_eq(slurp(target), "keep");
}
END_TEST

START_TEST(a_folder_is_no_target)
{
	char err[256] = "";
	make_tmpdir();
	ck_assert_int_eq(plat_check_target(tmpdir, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
	ck_assert(plat_is_dir(tmpdir));
	ck_assert(!plat_is_file(tmpdir));
}
END_TEST

START_TEST(a_dangling_link_still_counts_as_taken)
{
	char link[600];
	make_tmpdir();
	path_in(link, sizeof link, "gone.json");
	ck_assert(!plat_exists(link));
	ck_assert_int_eq(symlink("/nonexistent/medskapa", link), 0);
	ck_assert(plat_exists(link));   /* new_session_path must not pick this name */
	ck_assert_int_eq(plat_remove(link), 0);
	ck_assert(!plat_exists(link));
}
END_TEST

START_TEST(utf8_folder_names_work)
{
	char dir[600], p[700], err[256] = "";
	make_tmpdir();
	path_in(dir, sizeof dir, "Åsa Öberg");
	ck_assert_int_eq(plat_mkdir(dir), 0);
	ck_assert_int_eq(plat_mkdir(dir), 0);   /* already there: fine */
	char deep[700];
	snprintf(deep, sizeof deep, "%s/.local/share/medskapa", dir);   /* parents made too */
	ck_assert_int_eq(plat_mkdir(deep), 0);
	ck_assert(plat_is_dir(deep));
	snprintf(p, sizeof p, "%s/möte-på-förvaltningen.json", dir);
	ck_assert_int_eq(plat_write_atomic(p, "åäö", strlen("åäö"), err, sizeof err), 0);
	ck_assert_str_eq(slurp(p), "åäö");
	ck_assert(plat_is_file(p));
}
END_TEST

START_TEST(open_append_sync_and_truncate)
{
	char p[600];
	make_tmpdir();
	path_in(p, sizeof p, "s.json.journal");
	int fd = plat_open(p, PLAT_WRITE | PLAT_CREATE | PLAT_APPEND);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(plat_make_private(fd), 0);
	ck_assert_int_eq(write(fd, "line 1\nline 2\n", 14), 14);
	ck_assert_int_eq(plat_sync_data(fd), 0);
	ck_assert_int_eq(plat_has_room(fd, 14, 4096), 1);
	ck_assert_int_eq(plat_truncate(fd, 7), 0);
	ck_assert_int_eq(write(fd, "line 3\n", 7), 7);   /* appended after the cut */
	close(fd);
	ck_assert_str_eq(slurp(p), "line 1\nline 3\n");
}
END_TEST

static int stop_at_second(const char *name, void *ud)
{
	(void)name;
	return ++*(int *)ud == 2 ? 42 : 0;
}

START_TEST(list_dir_names_each_entry_and_stops_when_asked)
{
	char p[600], err[256];
	const char *names[] = { "a.json", "b.json", "c.json" };
	make_tmpdir();
	for (size_t i = 0; i < 3; i++) {
		path_in(p, sizeof p, names[i]);
		ck_assert_int_eq(plat_write_atomic(p, "{}", 2, err, sizeof err), 0);
	}
	ck_assert_int_eq(count_dir(tmpdir), 3);
	int seen = 0;
	ck_assert_int_eq(plat_list_dir(tmpdir, stop_at_second, &seen), 42);
	ck_assert_int_eq(seen, 2);
	path_in(p, sizeof p, "missing");
	ck_assert_int_eq(plat_list_dir(p, count, &seen), -1);
}
END_TEST

START_TEST(the_users_data_folder)
{
	char buf[PLAT_PATH_MAX];
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	ck_assert_int_eq(plat_data_dir(buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "/srv/data/medskapa");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/åsa", 1);
	ck_assert_int_eq(plat_data_dir(buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "/home/åsa/.local/share/medskapa");
	setenv("XDG_DATA_HOME", "relative/ignored", 1);   /* the XDG rule: only absolute paths */
	ck_assert_int_eq(plat_data_dir(buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "/home/åsa/.local/share/medskapa");
}
END_TEST

START_TEST(the_programs_folder_and_writable_folders)
{
	char buf[PLAT_PATH_MAX];
	ck_assert_int_eq(plat_exe_dir(buf, sizeof buf), 0);
	ck_assert_ptr_nonnull(strstr(buf, "tests"));   /* build/tests/test_plat */
	make_tmpdir();
	ck_assert(plat_dir_writable(tmpdir));
	ck_assert_int_eq(count_dir(tmpdir), 0);   /* the probe leaves nothing */
	ck_assert(!plat_dir_writable("/nonexistent/medskapa"));
}
END_TEST

START_TEST(addresses_leave_out_loopback)
{
	struct plat_addr a[16];
	int n = plat_addresses(a, 16);
	ck_assert_int_ge(n, 0);
	for (int i = 0; i < n; i++) {
		ck_assert(strncmp(a[i].ip, "127.", 4) != 0);
		ck_assert(a[i].name[0] != '\0');
	}
}
END_TEST

START_TEST(random_bytes_differ)
{
	unsigned char a[16], b[16];
	ck_assert_int_eq(plat_random(a, sizeof a), 0);
	ck_assert_int_eq(plat_random(b, sizeof b), 0);
	ck_assert(memcmp(a, b, sizeof a) != 0);
}
END_TEST

static Suite *plat_suite(void)
{
	Suite *s = suite_create("plat");
	TCase *tc = tcase_create("files");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, write_atomic_creates_then_replaces_and_leaves_nothing_else);
	tcase_add_test(tc, write_atomic_into_a_missing_folder_says_so_and_writes_nothing);
	tcase_add_test(tc, a_link_is_refused_and_what_it_points_to_is_untouched);
	tcase_add_test(tc, a_folder_is_no_target);
	tcase_add_test(tc, a_dangling_link_still_counts_as_taken);
	tcase_add_test(tc, utf8_folder_names_work);
	tcase_add_test(tc, open_append_sync_and_truncate);
	tcase_add_test(tc, list_dir_names_each_entry_and_stops_when_asked);
	suite_add_tcase(s, tc);
	tc = tcase_create("folders and system");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, the_users_data_folder);
	tcase_add_test(tc, the_programs_folder_and_writable_folders);
	tcase_add_test(tc, addresses_leave_out_loopback);
	tcase_add_test(tc, random_bytes_differ);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(plat_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
