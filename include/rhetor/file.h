/* rhetor/file.h: reading an input file whole, safely: its kind and size are checked before a byte is read. */
#ifndef RHETOR_FILE_H
#define RHETOR_FILE_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Limits on what rhetor reads. Each is checked where the input is read,
 * and passing one is an error naming the file and the limit, never a
 * silent cut.
 */
#define RH_MAX_DOCUMENT ((size_t)1 << 30)   /* bytes of one document (a .txt file or a CSV text cell) */
#define RH_MAX_CELL RH_MAX_DOCUMENT          /* bytes of one CSV field */
#define RH_MAX_LIST ((size_t)256 << 20)     /* bytes of a dictionary or stop list file */
#define RH_MAX_TOKEN 65536                  /* bytes of one token as written */
#define RH_MAX_GROUP_NAME 4096              /* bytes of a group name (a value of --by or --time) */
#define RH_MAX_KWIC_CONTEXT 1000            /* tokens of KWIC context on each side */
#define RH_MAX_FILES 10000000               /* documents of a directory corpus */
#define RH_MAX_DEPTH 256                    /* directory levels below a corpus directory */

/*
 * Reads the whole of file `path` into *buf (NUL-terminated, *len bytes;
 * the caller frees it). The file is opened without blocking and refused
 * by its type before anything is read: a FIFO, a socket, a device or a
 * directory is RH_EIO ("PATH: a FIFO, not a regular file"), so /dev/zero or
 * a named pipe cannot make a run hang or fill memory. A file of more than
 * `max` bytes is refused (RH_EIO) from its size, before it is read. Returns
 * 0, RH_EIO naming the file (with the system's reason), or RH_ENOMEM.
 */
RH_EXTERN(int) rh_file_read(char **buf, size_t *len, const char *path, size_t max);

#ifdef __cplusplus
}
#endif

#endif
