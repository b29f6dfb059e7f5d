/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "atomic_file.h"

typedef struct {
  char *dir;
  char *target;     /* DIR/out.txt */
  char *tmp;        /* DIR/out.txt.tmp */
  atomic_file af;   /* aborted by teardown if the test left it open */
  mode_t old_umask; /* restored by teardown */
} fixture;

static int
setup(void **state)
{
  fixture *fx = calloc(1, sizeof *fx);
  *state = fx;
  if (!fx || !(fx->dir = unit_temp_dir()) || !(fx->target = unit_path(fx->dir, "out.txt")) ||
      !(fx->tmp = unit_path(fx->dir, "out.txt.tmp"))) {
    return -1;
  }
  fx->old_umask = umask(022);
  return 0;
}

static int
teardown(void **state)
{
  fixture *fx = *state;
  if (fx) {
    umask(fx->old_umask);
    if (fx->af.path || fx->af.tmp_path || fx->af.file) {
      atomic_file_abort(&fx->af);
    }
    unit_free_temp_dir(fx->dir);
    free(fx->tmp);
    free(fx->target);
    free(fx);
  }
  return 0;
}

/* The content of @p path, or "(missing)", copied into @p buf. */
static const char *
content(const char *path, char *buf, size_t size)
{
  char *text = unit_read_file(path, NULL);
  snprintf(buf, size, "%s", text ? text : "(missing)");
  free(text);
  return buf;
}

static int
exists(const char *path)
{
  struct stat info;
  return lstat(path, &info) == 0;
}

static void
write_old_target(fixture *fx)
{
  assert_int_equal(unit_write_file(fx->dir, "out.txt", "old\n"), 0);
}

static void
open_and_write(fixture *fx, const char *text)
{
  assert_int_equal(atomic_file_open(&fx->af, fx->target), ILDKG_OK);
  assert_non_null(fx->af.file);
  assert_true(fputs(text, fx->af.file) >= 0);
}

static void
open_names_the_tmp_after_the_path(void **state)
{
  fixture *fx = *state;
  assert_int_equal(atomic_file_open(&fx->af, fx->target), ILDKG_OK);
  assert_string_equal(fx->af.path, fx->target);
  assert_string_equal(fx->af.tmp_path, fx->tmp);
  assert_true(exists(fx->tmp));
  assert_false(exists(fx->target));
}

static void
commit_replaces_the_target(void **state)
{
  fixture *fx = *state;
  char buf[64];
  write_old_target(fx);
  open_and_write(fx, "new\n");
  assert_int_equal(atomic_file_finish(&fx->af), ILDKG_OK);
  assert_non_null(fx->af.file); /* open, and locked, until the commit */
  assert_string_equal(content(fx->target, buf, sizeof buf), "old\n"); /* not yet */
  assert_string_equal(content(fx->tmp, buf, sizeof buf), "new\n");
  assert_int_equal(atomic_file_commit(&fx->af), ILDKG_OK);
  assert_string_equal(content(fx->target, buf, sizeof buf), "new\n");
  assert_false(exists(fx->tmp));
  assert_null(fx->af.path);
  assert_null(fx->af.tmp_path);
}

static void
commit_creates_a_missing_target(void **state)
{
  fixture *fx = *state;
  char buf[64];
  open_and_write(fx, "first\n");
  assert_int_equal(atomic_file_finish(&fx->af), ILDKG_OK);
  assert_int_equal(atomic_file_commit(&fx->af), ILDKG_OK);
  assert_string_equal(content(fx->target, buf, sizeof buf), "first\n");
  assert_false(exists(fx->tmp));
}

static void
abort_leaves_the_target_and_removes_the_tmp(void **state)
{
  fixture *fx = *state;
  char buf[64];
  write_old_target(fx);
  open_and_write(fx, "new\n");
  atomic_file_abort(&fx->af);
  assert_string_equal(content(fx->target, buf, sizeof buf), "old\n");
  assert_false(exists(fx->tmp));
  assert_null(fx->af.path);
  assert_null(fx->af.file);
}

static void
abort_after_finish_removes_the_tmp(void **state)
{
  fixture *fx = *state;
  char buf[64];
  write_old_target(fx);
  open_and_write(fx, "new\n");
  assert_int_equal(atomic_file_finish(&fx->af), ILDKG_OK);
  atomic_file_abort(&fx->af);
  assert_string_equal(content(fx->target, buf, sizeof buf), "old\n");
  assert_false(exists(fx->tmp));
}

static void
abort_twice_is_safe(void **state)
{
  fixture *fx = *state;
  open_and_write(fx, "x");
  atomic_file_abort(&fx->af);
  atomic_file_abort(&fx->af);
  assert_false(exists(fx->tmp));
}

/* A .tmp nobody holds is what a killed run left: it is cleared, not left to the user. */
static void
stale_tmp_is_cleared(void **state)
{
  fixture *fx = *state;
  char buf[64];
  assert_int_equal(unit_write_file(fx->dir, "out.txt.tmp", "stale\n"), 0);
  open_and_write(fx, "new\n");
  assert_int_equal(atomic_file_finish(&fx->af), ILDKG_OK);
  assert_int_equal(atomic_file_commit(&fx->af), ILDKG_OK);
  assert_string_equal(content(fx->target, buf, sizeof buf), "new\n");
  assert_false(exists(fx->tmp));
}

/* A .tmp another live run holds locked is its: left alone, and the open fails. */
static void
tmp_of_a_live_run_is_left_alone(void **state)
{
  fixture *fx = *state;
  char buf[64];
  assert_int_equal(unit_write_file(fx->dir, "out.txt.tmp", "theirs\n"), 0);
  const int fd = open(fx->tmp, O_RDONLY);
  assert_true(fd >= 0);
  assert_int_equal(flock(fd, LOCK_EX), 0);
  errno = 0;
  assert_int_equal(atomic_file_open(&fx->af, fx->target), ILDKG_ERR_CANTCREAT);
  assert_int_equal(errno, EBUSY);
  assert_null(fx->af.path); /* nothing to clean up */
  assert_null(fx->af.file);
  assert_string_equal(content(fx->tmp, buf, sizeof buf), "theirs\n"); /* not clobbered */
  close(fd);
}

static void
open_fails_when_the_directory_is_missing(void **state)
{
  fixture *fx = *state;
  char *path = unit_path(fx->dir, "absent/out.txt");
  errno = 0;
  const ildkg_status st = atomic_file_open(&fx->af, path);
  const int err = errno;
  free(path);
  assert_int_equal(st, ILDKG_ERR_CANTCREAT);
  assert_int_equal(err, ENOENT);
  assert_null(fx->af.path);
  assert_null(fx->af.file);
}

/* Mode bits of the committed target, written under @p mask. */
static mode_t
committed_mode(fixture *fx, mode_t mask)
{
  struct stat info;
  umask(mask);
  open_and_write(fx, "x\n");
  assert_int_equal(atomic_file_finish(&fx->af), ILDKG_OK);
  assert_int_equal(atomic_file_commit(&fx->af), ILDKG_OK);
  assert_int_equal(stat(fx->target, &info), 0);
  return info.st_mode & 07777;
}

static void
mode_is_0666_less_the_umask(void **state)
{
  assert_int_equal(committed_mode(*state, 022), 0644);
}

static void
mode_follows_another_umask(void **state)
{
  assert_int_equal(committed_mode(*state, 027), 0640);
}

static void
finish_fails_with_io_when_the_flush_fails(void **state)
{
  fixture *fx = *state;
  char buf[64];
  write_old_target(fx);
  assert_int_equal(atomic_file_open(&fx->af, fx->target), ILDKG_OK);
  /* Swap the stream for one whose writes fail, as on a full disk. */
  assert_int_equal(fclose(fx->af.file), 0);
  fx->af.file = fopen("/dev/full", "w");
  assert_non_null(fx->af.file);
  assert_true(fputs("lost\n", fx->af.file) >= 0); /* buffered: fails at the flush */
  errno = 0;
  assert_int_equal(atomic_file_finish(&fx->af), ILDKG_ERR_IO);
  assert_int_equal(errno, ENOSPC);
  atomic_file_abort(&fx->af); /* closes it */
  assert_null(fx->af.file);
  assert_false(exists(fx->tmp));
  assert_string_equal(content(fx->target, buf, sizeof buf), "old\n");
}

static void
commit_onto_a_directory_fails_and_removes_the_tmp(void **state)
{
  fixture *fx = *state;
  assert_int_equal(unit_mkdir(fx->dir, "out.txt"), 0);
  assert_int_equal(unit_write_file(fx->dir, "out.txt/keep", "k\n"), 0);
  open_and_write(fx, "new\n");
  assert_int_equal(atomic_file_finish(&fx->af), ILDKG_OK);
  errno = 0;
  assert_int_equal(atomic_file_commit(&fx->af), ILDKG_ERR_IO);
  assert_int_not_equal(errno, 0);
  assert_false(exists(fx->tmp));
  assert_null(fx->af.path);
  assert_true(unit_exists(fx->dir, "out.txt/keep"));
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    TEST(open_names_the_tmp_after_the_path),
    TEST(commit_replaces_the_target),
    TEST(commit_creates_a_missing_target),
    TEST(abort_leaves_the_target_and_removes_the_tmp),
    TEST(abort_after_finish_removes_the_tmp),
    TEST(abort_twice_is_safe),
    TEST(stale_tmp_is_cleared),
    TEST(tmp_of_a_live_run_is_left_alone),
    TEST(open_fails_when_the_directory_is_missing),
    TEST(mode_is_0666_less_the_umask),
    TEST(mode_follows_another_umask),
    TEST(finish_fails_with_io_when_the_flush_fails),
    TEST(commit_onto_a_directory_fails_and_removes_the_tmp),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
