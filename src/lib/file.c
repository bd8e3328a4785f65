/* file.c: opening input files by type (regular files only) and reading them whole within a limit. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "rhetor/file.h"

const char *rh_file__kind(unsigned mode)
{
	mode_t m = (mode_t)mode;
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "a special file";
}

int rh_file__open(const char *path, size_t max, const char *what, int *fd_out, uint64_t *size)
{
	struct stat st;
	char msg[256];
	int fd, flags;

	*fd_out = -1;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; the type
	   check below then refuses it. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) < 0)
		return rh_error__set(RH_EIO, "%s: %s", path, strerror_r(errno, msg, sizeof msg));
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return rh_error__set(RH_EIO, "%s: %s", path, strerror_r(e, msg, sizeof msg));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return rh_error__set(RH_EIO, "%s: %s, not a regular file (%s must be one)", path, rh_file__kind(st.st_mode),
				     what);
	}
	if ((uint64_t)st.st_size > (uint64_t)max) {
		close(fd);
		return rh_error__set(RH_EIO, "%s: %llu bytes; %s may have at most %zu bytes", path,
				     (unsigned long long)st.st_size, what, max);
	}
	if ((flags = fcntl(fd, F_GETFL)) >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	*fd_out = fd;
	*size = (uint64_t)st.st_size;
	return 0;
}

int rh_file__read_fd(int fd, const char *path, size_t max, const char *what, char **buf, size_t *cap, size_t *len,
		     uint64_t size_hint)
{
	size_t fill = 0;
	char msg[256];
	int err;

	/* Room for the size fstat reports, the NUL and one byte to see the end. */
	if ((err = rh__grow(buf, cap, (size_t)size_hint + 2, 1)) < 0)
		return err;
	for (;;) {
		ssize_t got;
		if (fill + 1 >= *cap && (err = rh__grow(buf, cap, *cap * 2, 1)) < 0)
			return err;
		got = read(fd, *buf + fill, *cap - 1 - fill);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return rh_error__set(RH_EIO, "%s: %s", path, strerror_r(errno, msg, sizeof msg));
		if (got == 0)
			break;
		fill += (size_t)got;
		/* The file grew while it was read. */
		if (fill > max)
			return rh_error__set(RH_EIO, "%s: more than %zu bytes; %s may have at most %zu bytes", path, max,
					     what, max);
	}
	(*buf)[fill] = '\0';
	*len = fill;
	return 0;
}

RH_API int rh_file_read(char **buf, size_t *len, const char *path, size_t max)
{
	uint64_t size;
	size_t cap = 0;
	int fd, err;
	*buf = NULL;
	*len = 0;
	if ((err = rh_file__open(path, max, "an input", &fd, &size)) < 0)
		return err;
	err = rh_file__read_fd(fd, path, max, "an input", buf, &cap, len, size);
	close(fd);
	if (err < 0) {
		free(*buf);
		*buf = NULL;
		*len = 0;
	}
	return err;
}
