/* corpus.c: lists a corpus (directory of .txt files or a CSV file), joins its metadata, reads texts. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "csvread.h"
#include "freq_internal.h"
#include "internal.h"
#include "rhetor/corpus.h"
#include "rhetor/file.h"
#include "rhetor/vocab.h"

typedef struct {
	const char *id;
	const char *source;   /* the file, or "FILE.csv:LINE" */
	const char *text;     /* CSV corpus: the text (in c->data); NULL for files */
	size_t text_len;
	size_t row;           /* CSV corpus: the data row in c->data */
	uint64_t dev, ino;    /* directory corpus: the file (0, 0 when it could not be read) */
} corpus_doc;

typedef struct {
	const char *name;     /* in the arena */
	const char **vals;    /* one per document, in the arena or a CSV's */
} corpus_col;

struct rh_corpus {
	rh_arena arena;
	corpus_doc *docs;
	size_t ndocs, docs_cap;
	corpus_col *cols;
	size_t nmeta, cols_cap;
	rh_warnings warnings;
	rh_csv data;              /* CSV corpus: the whole file, texts point into it */
	rh_csv *metacsv;          /* the metadata CSVs, values point into them */
	size_t nmetacsv;
	int *meta_err;            /* read ahead (read_ahead): each file's error, or NULL when not read ahead */
	char **meta_msg;          /* and its message */
	struct rh_corpus **parts; /* several corpora read as one: each part, alive as long as this */
	size_t nparts;
	int counted;              /* the documents of a counts file: ids and metadata, no text */
};

static const char empty[] = "";

static const char *opt_or(const char *s, const char *def) { return s && *s ? s : def; }

/* "a, b, c": the header of `csv`, for messages about a missing column. */
static const char *column_list(rh_corpus *c, const rh_csv *csv)
{
	/* A message shows a header, not a file: a few columns, each cut short, control bytes as '?'. */
	enum { MAX_COLS = 20, MAX_NAME = 40 };
	size_t n = csv->nrows ? csv->rows[0].ncells : 0, shown = n < MAX_COLS ? n : MAX_COLS;
	char *s, *p;
	if (!(s = rh_arena__alloc(&c->arena, shown * (MAX_NAME + 5) + 48)))
		return "?";
	p = s;
	*p = '\0';
	for (size_t i = 0; i < shown; i++) {
		const char *cell = csv->rows[0].cells[i];
		size_t len = strlen(cell), k;
		if (i)
			p += sprintf(p, ", ");
		for (k = 0; k < len && k < MAX_NAME; k++)
			*p++ = (unsigned char)cell[k] < 0x20 || cell[k] == 0x7f ? '?' : cell[k];
		if (len > MAX_NAME)
			p += sprintf(p, "...");
		*p = '\0';
	}
	if (shown < n)
		sprintf(p, ", ... (%zu columns)", n);
	return s;
}

static int add_doc(rh_corpus *c, const char *id, const char *source)
{
	corpus_doc *d;
	if (rh__grow(&c->docs, &c->docs_cap, c->ndocs + 1, sizeof *c->docs) < 0)
		return RH_ENOMEM;
	d = &c->docs[c->ndocs++];
	memset(d, 0, sizeof *d);
	d->id = id;
	d->source = source;
	return 0;
}

/* A new metadata column with every value "". */
static int add_column(rh_corpus *c, const char *name, size_t *col)
{
	const char **vals;
	const char *nm;
	size_t n = c->ndocs ? c->ndocs : 1;
	if (rh__grow(&c->cols, &c->cols_cap, c->nmeta + 1, sizeof *c->cols) < 0)
		return RH_ENOMEM;
	if (!(vals = rh_arena__alloc(&c->arena, n * sizeof *vals)) ||
	    !(nm = rh_arena__strndup(&c->arena, name, strlen(name))))
		return RH_ENOMEM;
	for (size_t i = 0; i < c->ndocs; i++)
		vals[i] = empty;
	c->cols[c->nmeta].name = nm;
	c->cols[c->nmeta].vals = vals;
	*col = c->nmeta++;
	return 0;
}

static int cmp_doc(const void *a, const void *b)
{
	const corpus_doc *x = *(const corpus_doc *const *)a, *y = *(const corpus_doc *const *)b;
	int r = strcmp(x->id, y->id);
	if (r)
		return r;
	return (x->row > y->row) - (x->row < y->row);
}

/* Sorts the documents by doc_id (byte order), then by row; pointers are
   sorted rather than the records, which moves far less memory. */
static int sort_docs(rh_corpus *c)
{
	corpus_doc **ptr = NULL, *sorted = NULL;
	int err = 0;
	if (c->ndocs < 2)
		return 0;
	if (!(ptr = rh__malloc(c->ndocs * sizeof *ptr)) || !(sorted = rh__malloc(c->ndocs * sizeof *sorted))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < c->ndocs; i++)
		ptr[i] = &c->docs[i];
	qsort(ptr, c->ndocs, sizeof *ptr, cmp_doc);
	for (size_t i = 0; i < c->ndocs; i++)
		sorted[i] = *ptr[i];
	free(c->docs);
	c->docs = sorted;
	c->docs_cap = c->ndocs;
	sorted = NULL;
done:
	free(ptr);
	free(sorted);
	return err;
}

static long find_doc(const rh_corpus *c, const char *id)
{
	size_t lo = 0, hi = c->ndocs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->docs[mid].id, id);
		if (r == 0)
			return (long)mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * `s` made valid UTF-8 for the tables (invalid bytes read as U+FFFD, as in
 * texts), with a warning naming where it comes from; NULL when out of
 * memory (*err set).
 */
static const char *valid_utf8(rh_corpus *c, const char *s, const char *where, size_t line, const char *what,
			      int *err)
{
	size_t bad, first;
	const char *v = rh_utf8__mend(&c->arena, s, &bad, &first);
	*err = 0;
	if (!v) {
		*err = RH_ENOMEM;
		return NULL;
	}
	if (bad) {
		char at[32] = "";
		if (line)
			snprintf(at, sizeof at, ":%zu", line);
		*err = rh_warnings__add(&c->warnings,
					"%s%s: %s \"%s\" is not valid UTF-8 (%zu bad byte%s, the first at byte %zu); read as U+FFFD",
					where, at, what, v, bad, bad == 1 ? "" : "s", first + 1);
		if (*err < 0)
			return NULL;
	}
	return v;
}

/*
 * Sets a value coming from a later source (metadata CSV, name pattern) in a
 * column that may already hold one: an empty value is filled in, a different
 * non-empty one is kept and the disagreement noted in `diff` for the warning.
 */
static void merge_value(rh_corpus *c, size_t col, size_t doc, const char *v, int existed, char *diff,
			size_t diffcap)
{
	const char *old = c->cols[col].vals[doc];
	size_t used;
	if (!existed || !*old) {
		c->cols[col].vals[doc] = v;
		return;
	}
	if (strcmp(old, v) == 0)
		return;
	used = strlen(diff);
	if (used < diffcap)
		snprintf(diff + used, diffcap - used, "%s%s \"%s\" vs \"%s\"", used ? ", " : "",
			 c->cols[col].name, old, v);
}

/* ---- directory corpus ------------------------------------------------------------ */

/*
 * The walk reads each directory once, whatever links lead to it again
 * (device and inode), lists its entries in byte order so that the walk, and
 * so which path a linked file keeps, never depends on the file system's
 * order, and stops at RH_MAX_DEPTH levels and RH_MAX_FILES documents. It
 * does not enter /proc, /sys and the like, whose files are not texts.
 * After the walk, a file reached by several paths (hard or symbolic links)
 * is counted once, under its first doc_id.
 */
typedef struct {
	rh_corpus *c;
	char *path;          /* the path being read */
	size_t len, cap;
	size_t root_len;
	rh_vocab *seen;      /* device and inode of every directory read */
	char **queue;        /* directories still to read, breadth first */
	size_t *depth;       /* their levels below the root */
	size_t qhead, qn, qcap, dcap;
} walker;

static int ends_with_txt(const char *name, size_t n)
{
	return n > 4 && memcmp(name + n - 4, ".txt", 4) == 0;
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* File systems whose entries are the kernel's, not documents. */
static int pseudo_fs(int fd)
{
	struct statfs sf;
	if (fstatfs(fd, &sf) < 0)
		return 0;
	switch ((unsigned long)sf.f_type) {
	case 0x9fa0:      /* proc */
	case 0x62656572:  /* sysfs */
	case 0x1cd1:      /* devpts */
	case 0x64626720:  /* debugfs */
	case 0x74726163:  /* tracefs */
	case 0x27e0eb:    /* cgroup */
	case 0x63677270:  /* cgroup2 */
	case 0x73636673:  /* securityfs */
	case 0xcafe4a11:  /* bpf */
	case 0x42494e4d:  /* binfmt_misc */
		return 1;
	default:
		return 0;
	}
}

static int add_file(walker *w, dev_t dev, ino_t ino)
{
	rh_corpus *c = w->c;
	const char *rel = w->path + w->root_len + 1;
	char *id, *src;
	int err;
	if (c->ndocs >= RH_MAX_FILES)
		return rh_error__set(RH_EUSAGE, "%s: more than %d documents below %.*s; a corpus directory may hold at most %d",
				     w->path, RH_MAX_FILES, (int)w->root_len, w->path, RH_MAX_FILES);
	if (!(id = rh_arena__strndup(&c->arena, rel, w->len - w->root_len - 1 - 4)) ||
	    !(src = rh_arena__strndup(&c->arena, w->path, w->len)))
		return RH_ENOMEM;
	/* The file name stays as it is (to open it); its doc_id is made valid. */
	const char *vid = valid_utf8(c, id, src, 0, "the doc_id", &err);
	if (!vid)
		return err;
	if ((err = add_doc(c, vid, src)) < 0)
		return err;
	c->docs[c->ndocs - 1].dev = (uint64_t)dev;
	c->docs[c->ndocs - 1].ino = (uint64_t)ino;
	return 0;
}

static int enqueue(walker *w, size_t depth)
{
	size_t cap = w->qcap;
	if (rh__grow(&w->queue, &w->qcap, w->qn + 1, sizeof *w->queue) < 0 ||
	    rh__grow(&w->depth, &cap, w->qn + 1, sizeof *w->depth) < 0)
		return RH_ENOMEM;
	if (!(w->queue[w->qn] = rh__strndup(w->path, w->len)))
		return RH_ENOMEM;
	w->depth[w->qn++] = depth;
	return 0;
}

/* Reads one directory: its texts are documents, its directories queued. */
static int read_dir(walker *w, size_t depth)
{
	rh_corpus *c = w->c;
	DIR *d = NULL;
	struct dirent *e;
	struct stat st;
	size_t base = w->len, nnames = 0, names_cap = 0;
	char **names = NULL, msg[256];
	int err = 0;
	uint64_t key[2];

	if (!(d = opendir(w->path))) {
		err = rh_error__set(RH_EIO, "%s: %s", w->path, strerror_r(errno, msg, sizeof msg));
		goto done;
	}
	if (fstat(dirfd(d), &st) < 0) {
		err = rh_error__set(RH_EIO, "%s: %s", w->path, strerror_r(errno, msg, sizeof msg));
		goto done;
	}
	key[0] = (uint64_t)st.st_dev;
	key[1] = (uint64_t)st.st_ino;
	{
		size_t before = rh_vocab_size(w->seen);
		int64_t v = rh_vocab_intern(w->seen, (const char *)key, sizeof key);
		if (v < 0) {
			err = (int)v;
			goto done;
		}
		if ((size_t)v < before) {
			/* A link back up (a loop) or across to a directory already read. */
			err = rh_warnings__add(&c->warnings, "%s: a directory already read (through a link); not read again",
					       w->path);
			goto done;
		}
	}
	if (pseudo_fs(dirfd(d))) {
		err = rh_warnings__add(&c->warnings, "%s: a kernel file system (such as /proc or /sys), not a corpus; not read",
				       w->path);
		goto done;
	}
	if (depth > RH_MAX_DEPTH) {
		err = rh_error__set(RH_EUSAGE, "%s: more than %d directory levels below %.*s", w->path, RH_MAX_DEPTH,
				    (int)w->root_len, w->path);
		goto done;
	}
	for (;;) {
		errno = 0;
		if (!(e = readdir(d))) {
			if (errno)
				err = rh_error__set(RH_EIO, "%s: %s", w->path, strerror_r(errno, msg, sizeof msg));
			break;
		}
		if (e->d_name[0] == '.')
			continue;
		if ((err = rh__grow(&names, &names_cap, nnames + 1, sizeof *names)) < 0)
			break;
		if (!(names[nnames] = rh__strdup(e->d_name))) {
			err = RH_ENOMEM;
			break;
		}
		nnames++;
	}
	if (err < 0)
		goto done;
	qsort(names, nnames, sizeof *names, cmp_name);

	for (size_t i = 0; i < nnames && err == 0; i++) {
		size_t nlen = strlen(names[i]);
		if ((err = rh__grow(&w->path, &w->cap, base + nlen + 2, 1)) < 0)
			break;
		w->path[base] = '/';
		memcpy(w->path + base + 1, names[i], nlen + 1);
		w->len = base + 1 + nlen;
		/* By name in the open directory: the path's leading directories are not looked up again. */
		if (fstatat(dirfd(d), names[i], &st, 0) < 0) {
			/* A dangling link or an unreadable entry named like a text:
			   kept, so reading it reports why it cannot be read. */
			if (ends_with_txt(names[i], nlen))
				err = add_file(w, 0, 0);
		} else if (S_ISDIR(st.st_mode)) {
			err = enqueue(w, depth + 1);
		} else if (!ends_with_txt(names[i], nlen)) {
			continue;
		} else if (S_ISREG(st.st_mode)) {
			err = add_file(w, st.st_dev, st.st_ino);
		} else {
			/* Refused by its type: reading a FIFO or a device would hang or never end. */
			err = rh_warnings__add(&c->warnings, "%s: %s, not a regular file; not read", w->path,
					       rh_file__kind(st.st_mode));
		}
	}
done:
	w->len = base;
	w->path[base] = '\0';
	if (d)
		closedir(d);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return err;
}

/*
 * Breadth first, so that a directory reached by several paths is read
 * under its shortest one (the first in byte order among equals).
 */
static int walk(walker *w)
{
	int err;
	if ((err = enqueue(w, 0)) < 0)
		return err;
	while (w->qhead < w->qn) {
		char *dir = w->queue[w->qhead];
		size_t n = strlen(dir), depth = w->depth[w->qhead];
		w->queue[w->qhead++] = NULL;
		if ((err = rh__grow(&w->path, &w->cap, n + 1, 1)) < 0) {
			free(dir);
			return err;
		}
		memcpy(w->path, dir, n + 1);
		w->len = n;
		free(dir);
		if ((err = read_dir(w, depth)) < 0)
			return err;
	}
	return 0;
}

static int cmp_file(const void *a, const void *b)
{
	const corpus_doc *x = *(const corpus_doc *const *)a, *y = *(const corpus_doc *const *)b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* After sorting by doc_id: each real file once, under its first doc_id. */
static int drop_linked(rh_corpus *c)
{
	corpus_doc **ptr;
	unsigned char *drop;
	size_t k = 0;
	int err = 0;
	if (c->ndocs < 2)
		return 0;
	if (!(ptr = rh__malloc(c->ndocs * sizeof *ptr)))
		return RH_ENOMEM;
	if (!(drop = rh__calloc(c->ndocs, 1))) {
		free(ptr);
		return RH_ENOMEM;
	}
	for (size_t i = 0; i < c->ndocs; i++)
		ptr[i] = &c->docs[i];
	qsort(ptr, c->ndocs, sizeof *ptr, cmp_file);
	for (size_t i = 1; i < c->ndocs; i++) {
		corpus_doc *first = ptr[i - 1], *x = ptr[i];
		if (!x->ino || x->dev != first->dev || x->ino != first->ino)
			continue;
		/* ptr[i - 1] is the first of the run: the run shares it. */
		ptr[i] = first;
		drop[x - c->docs] = 1;
		if ((err = rh_warnings__add(&c->warnings, "%s: the same file as %s (a link); counted once, as %s", x->source,
					    first->source, first->id)) < 0)
			goto done;
	}
	for (size_t i = 0; i < c->ndocs; i++)
		if (!drop[i])
			c->docs[k++] = c->docs[i];
	c->ndocs = k;
done:
	free(ptr);
	free(drop);
	return err;
}

static int open_directory(rh_corpus *c, const char *path)
{
	walker w;
	size_t n = strlen(path);
	int err;
	memset(&w, 0, sizeof w);
	w.c = c;
	while (n > 1 && path[n - 1] == '/')
		n--;
	if ((err = rh__grow(&w.path, &w.cap, n + 256, 1)) < 0 || (err = rh_vocab_new(&w.seen)) < 0)
		goto done;
	memcpy(w.path, path, n);
	w.path[n] = '\0';
	w.len = w.root_len = n;
	if ((err = walk(&w)) < 0)
		goto done;
	if ((err = sort_docs(c)) < 0)
		goto done;
	/* Two file names that differ only in invalid bytes read alike. */
	for (size_t i = 1; i < c->ndocs; i++)
		if (strcmp(c->docs[i - 1].id, c->docs[i].id) == 0) {
			err = rh_error__set(RH_EPARSE, "%s and %s: both are doc_id \"%s\" once invalid UTF-8 is read as U+FFFD",
					    c->docs[i - 1].source, c->docs[i].source, c->docs[i].id);
			goto done;
		}
	err = drop_linked(c);
done:
	free(w.path);
	rh_vocab_free(w.seen);
	for (size_t i = w.qhead; i < w.qn; i++)
		free(w.queue[i]);
	free(w.queue);
	free(w.depth);
	return err;
}

/* ---- CSV corpus ------------------------------------------------------------------ */

static int open_csv(rh_corpus *c, const char *path, const rh_corpus_options *o)
{
	const char *text_col = opt_or(o->text_col, "text"), *id_col = opt_or(o->id_col, "doc_id");
	rh_csv *csv = &c->data;
	long tcol, icol;
	size_t ndata, width = 1;
	int err;

	if ((err = rh_csv__read_file(csv, path)) < 0)
		return err;
	if ((tcol = rh_csv__column(csv, text_col)) < 0)
		return rh_error__set(RH_EPARSE, "%s: no text column \"%s\" (columns: %s)", path, text_col,
				     column_list(c, csv));
	icol = rh_csv__column(csv, id_col);
	ndata = csv->nrows - 1;
	for (size_t k = ndata; k >= 10; k /= 10)
		width++;
	for (size_t r = 1; r < csv->nrows; r++) {
		const rh_csv_row *row = &csv->rows[r];
		char num[32], *id, *src;
		int len;
		if (icol >= 0) {
			if (!*row->cells[icol])
				return rh_error__set(RH_EPARSE, "%s:%zu: empty %s", path, row->line, id_col);
			if (!(id = (char *)valid_utf8(c, row->cells[icol], path, row->line, id_col, &err)))
				return err;
		} else {
			/* Zero-padded so that byte order is numeric order. */
			len = snprintf(num, sizeof num, "%0*zu", (int)width, r);
			if (!(id = rh_arena__strndup(&c->arena, num, (size_t)len)))
				return RH_ENOMEM;
		}
		len = snprintf(num, sizeof num, ":%zu", row->line);
		if (!(src = rh_arena__alloc(&c->arena, strlen(path) + (size_t)len + 1)))
			return RH_ENOMEM;
		sprintf(src, "%s%s", path, num);
		if ((err = add_doc(c, id, src)) < 0)
			return err;
		c->docs[c->ndocs - 1].text = row->cells[tcol];
		c->docs[c->ndocs - 1].text_len = strlen(row->cells[tcol]);
		c->docs[c->ndocs - 1].row = r;
	}
	if ((err = sort_docs(c)) < 0)
		return err;
	for (size_t i = 1; i < c->ndocs; i++)
		if (strcmp(c->docs[i - 1].id, c->docs[i].id) == 0)
			return rh_error__set(RH_EPARSE, "%s:%zu: duplicate %s \"%s\" (first on line %zu)", path,
					     csv->rows[c->docs[i].row].line, id_col, c->docs[i].id,
					     csv->rows[c->docs[i - 1].row].line);
	/* The remaining columns are metadata, in the file's order. */
	for (size_t k = 0; k < csv->rows[0].ncells; k++) {
		size_t col;
		if ((long)k == tcol || (long)k == icol)
			continue;
		const char *name = valid_utf8(c, csv->rows[0].cells[k], path, csv->rows[0].line, "the column name", &err);
		if (!name || (err = add_column(c, name, &col)) < 0)
			return err;
		for (size_t i = 0; i < c->ndocs; i++) {
			const rh_csv_row *row = &csv->rows[c->docs[i].row];
			if (!(c->cols[col].vals[i] = valid_utf8(c, row->cells[k], path, row->line, name, &err)))
				return err;
		}
	}
	return 0;
}

/* ---- metadata CSV ---------------------------------------------------------------- */

/* Orders data rows of a CSV by one column, then by position. */
typedef struct {
	const rh_csv *csv;
	size_t col;
} row_order;

static int cmp_row(const void *a, const void *b, void *ud)
{
	const row_order *o = ud;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int r = strcmp(o->csv->rows[x].cells[o->col], o->csv->rows[y].cells[o->col]);
	return r ? r : (x > y) - (x < y);
}

/*
 * Several metadata files join one after another: for each document, the
 * line of its row in each file, and for each value, the file that gave it,
 * so that two files giving one document different values is an error
 * naming both.
 */
typedef struct {
	const char *const *paths;
	size_t npaths;
	uint32_t **line;  /* [file][doc]: the row's line, 0 for none */
	uint8_t *origin;  /* [col * ndocs + doc]: 1 + the file that gave the value, 0 another source */
	size_t norigin;
} meta_join;

static int join_metadata(rh_corpus *c, meta_join *mj, size_t f, const char *id_col)
{
	const char *path = mj->paths[f];
	rh_csv *m = &c->metacsv[f];
	size_t *order = NULL, *colmap = NULL, *existed = NULL, nrows;
	uint32_t *has_row = mj->line[f];
	long icol;
	int err;

	if (c->meta_err) {
		/* Read while the directory was walked. */
		if (c->meta_err[f] < 0)
			return rh_error__set(c->meta_err[f], "%s", c->meta_msg[f] ? c->meta_msg[f] : "out of memory");
	} else {
		if ((err = rh_csv__read_file(m, path)) < 0)
			return err;
		c->nmetacsv = f + 1;
	}
	if ((icol = rh_csv__column(m, id_col)) < 0)
		return rh_error__set(RH_EPARSE, "%s: no id column \"%s\" (columns: %s)", path, id_col,
				     column_list(c, m));
	nrows = m->nrows - 1;

	/* Duplicate ids: sort the rows by id, file order among equals. */
	if (!(order = rh__malloc((nrows ? nrows : 1) * sizeof *order))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t r = 0; r < nrows; r++)
		order[r] = r + 1;
	qsort_r(order, nrows, sizeof *order, cmp_row, &(row_order){ m, (size_t)icol });
	for (size_t r = 1; r < nrows; r++) {
		const rh_csv_row *a = &m->rows[order[r - 1]], *b = &m->rows[order[r]];
		if (strcmp(a->cells[icol], b->cells[icol]) == 0) {
			err = rh_error__set(RH_EPARSE, "%s:%zu: duplicate %s \"%s\" (first on line %zu)", path,
					    b->line, id_col, b->cells[icol], a->line);
			goto done;
		}
	}

	/* Columns: new ones appended, a name already present is merged into. */
	if (!(colmap = rh__calloc(m->rows[0].ncells, sizeof *colmap)) ||
	    !(existed = rh__calloc(m->rows[0].ncells, sizeof *existed))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t k = 0; k < m->rows[0].ncells; k++) {
		long have;
		if ((long)k == icol)
			continue;
		have = rh_corpus_meta_find(c, m->rows[0].cells[k]);
		if (have >= 0) {
			colmap[k] = (size_t)have;
			existed[k] = 1;
		} else {
			const char *name = valid_utf8(c, m->rows[0].cells[k], path, m->rows[0].line, "the column name", &err);
			if (!name || (err = add_column(c, name, &colmap[k])) < 0)
				goto done;
		}
	}
	if (mj->norigin < c->nmeta * c->ndocs) {
		uint8_t *o = realloc(mj->origin, c->nmeta * c->ndocs + 1);
		if (!o) {
			err = RH_ENOMEM;
			goto done;
		}
		memset(o + mj->norigin, 0, c->nmeta * c->ndocs - mj->norigin);
		mj->origin = o;
		mj->norigin = c->nmeta * c->ndocs;
	}

	for (size_t r = 1; r < m->nrows; r++) {
		const rh_csv_row *row = &m->rows[r];
		char diff[512] = "";
		const char *id = valid_utf8(c, row->cells[icol], path, row->line, id_col, &err);
		if (!id)
			goto done;
		long doc = find_doc(c, id);
		if (doc < 0) {
			if ((err = rh_warnings__add(&c->warnings, "%s:%zu: %s \"%s\" matches no document", path,
						    row->line, id_col, row->cells[icol])) < 0)
				goto done;
			continue;
		}
		has_row[doc] = (uint32_t)row->line;
		for (size_t k = 0; k < row->ncells; k++) {
			size_t col = colmap[k], at = col * c->ndocs + (size_t)doc;
			const char *v, *old = c->cols[col].vals[doc];
			if ((long)k == icol)
				continue;
			if (!(v = valid_utf8(c, row->cells[k], path, row->line, c->cols[col].name, &err)))
				goto done;
			if (mj->origin[at] && *old && *v && strcmp(old, v)) {
				size_t g = mj->origin[at] - 1;
				err = rh_error__set(RH_EPARSE, "%s:%zu: %s \"%s\" has %s \"%s\", but %s:%u gives \"%s\"",
						    path, row->line, id_col, id, c->cols[col].name, v, mj->paths[g],
						    (unsigned)mj->line[g][doc], old);
				goto done;
			}
			if (*v && (!existed[k] || !*old || mj->origin[at]))
				mj->origin[at] = (uint8_t)(f + 1);
			merge_value(c, col, (size_t)doc, v, (int)existed[k], diff, sizeof diff);
		}
		if (*diff && (err = rh_warnings__add(&c->warnings,
						     "%s:%zu: %s disagrees with the corpus (%s); the corpus "
						     "value is kept",
						     path, row->line, row->cells[icol], diff)) < 0)
			goto done;
	}
done:
	free(order);
	free(colmap);
	free(existed);
	return err;
}

/* Every metadata file joined in turn; a document with a row in none of them is a warning. */
static int join_all(rh_corpus *c, const rh_corpus_options *opts)
{
	const char *one[1] = { opts->meta_path };
	meta_join mj = { opts->nmeta_paths ? opts->meta_paths : one, opts->nmeta_paths ? opts->nmeta_paths : 1,
			 NULL, NULL, 0 };
	const char *id_col = opt_or(opts->meta_id_col, "doc_id");
	char names[1024];
	size_t used = 0;
	int err = RH_ENOMEM;

	if (!opts->nmeta_paths && !opts->meta_path)
		return 0;
	if (mj.npaths > 255)
		return rh_error__set(RH_EUSAGE, "%zu metadata files; at most 255 join one corpus", mj.npaths);
	if ((!c->metacsv && !(c->metacsv = rh__calloc(mj.npaths, sizeof *c->metacsv))) ||
	    !(mj.line = rh__calloc(mj.npaths, sizeof *mj.line)))
		goto done;
	for (size_t f = 0; f < mj.npaths; f++)
		if (!(mj.line[f] = rh__calloc(c->ndocs + 1, sizeof **mj.line)))
			goto done;
	for (size_t f = 0; f < mj.npaths; f++)
		if ((err = join_metadata(c, &mj, f, id_col)) < 0)
			goto done;
	for (size_t f = 0; f < mj.npaths && used < sizeof names; f++)
		used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
					 f == 0 ? "" : f + 1 < mj.npaths ? ", " : " or ", mj.paths[f]);
	for (size_t i = 0; i < c->ndocs; i++) {
		size_t f = 0;
		while (f < mj.npaths && !mj.line[f][i])
			f++;
		if (f == mj.npaths && (err = rh_warnings__add(&c->warnings, "%s: no row in %s; its metadata values are empty",
							      c->docs[i].id, names)) < 0)
			goto done;
	}
	err = 0;
done:
	for (size_t f = 0; mj.line && f < mj.npaths; f++)
		free(mj.line[f]);
	free(mj.line);
	free(mj.origin);
	return err;
}


/* ---- name pattern ---------------------------------------------------------------- */

typedef struct {
	const char *s;  /* field name or literal text (not NUL-terminated) */
	size_t len;
	int field;
	size_t col;     /* field: its metadata column */
	int existed;    /* field: the column came from an earlier source */
} pattern_part;

/* Splits "{a}_{b}" into fields and literals; every two fields need a literal between them. */
static int parse_pattern(const char *pat, pattern_part **out, size_t *nout)
{
	pattern_part *parts = NULL;
	size_t n = 0, cap = 0;
	const char *p = pat;
	int err = 0;
	while (*p) {
		pattern_part part = { 0 };
		if (*p == '{') {
			const char *close = strchr(p + 1, '}');
			if (!close) {
				err = rh_error__set(RH_EPARSE, "name pattern \"%s\": '{' at byte %zu is not closed", pat,
						    (size_t)(p - pat) + 1);
				goto done;
			}
			part.s = p + 1;
			part.len = (size_t)(close - p - 1);
			part.field = 1;
			if (part.len == 0 || memchr(part.s, '{', part.len)) {
				err = rh_error__set(RH_EPARSE, "name pattern \"%s\": a field at byte %zu has no name", pat,
						    (size_t)(p - pat) + 1);
				goto done;
			}
			if (n > 0 && parts[n - 1].field) {
				err = rh_error__set(RH_EPARSE,
						    "name pattern \"%s\": fields {%.*s} and {%.*s} need literal text "
						    "between them",
						    pat, (int)parts[n - 1].len, parts[n - 1].s, (int)part.len, part.s);
				goto done;
			}
			for (size_t i = 0; i < n; i++)
				if (parts[i].field && parts[i].len == part.len && !memcmp(parts[i].s, part.s, part.len)) {
					err = rh_error__set(RH_EPARSE, "name pattern \"%s\": field {%.*s} appears twice", pat,
							    (int)part.len, part.s);
					goto done;
				}
			p = close + 1;
		} else {
			const char *next = strchr(p, '{');
			part.s = p;
			part.len = next ? (size_t)(next - p) : strlen(p);
			p += part.len;
		}
		if ((err = rh__grow(&parts, &cap, n + 1, sizeof *parts)) < 0)
			goto done;
		parts[n++] = part;
	}
done:
	if (err < 0) {
		free(parts);
		parts = NULL;
		n = 0;
	}
	*out = parts;
	*nout = n;
	return err;
}

/*
 * Matches `name` against the pattern; a field takes a non-empty run up to the
 * first occurrence of the literal after it, the last field takes the rest.
 * starts[i] / lens[i] receive each part's span. Returns 1 on a match.
 */
static int match_pattern(const pattern_part *parts, size_t n, const char *name, size_t *starts, size_t *lens)
{
	size_t pos = 0, len = strlen(name);
	for (size_t i = 0; i < n; i++) {
		const pattern_part *pp = &parts[i];
		if (!pp->field) {
			if (len - pos < pp->len || memcmp(name + pos, pp->s, pp->len) != 0)
				return 0;
			pos += pp->len;
		} else if (i + 1 < n) {
			const pattern_part *lit = &parts[i + 1];
			const char *at;
			if (pos + 1 > len)
				return 0;
			at = memmem(name + pos + 1, len - pos - 1, lit->s, lit->len);
			if (!at)
				return 0;
			starts[i] = pos;
			lens[i] = (size_t)(at - name) - pos;
			pos = (size_t)(at - name);
		} else {
			if (pos >= len)
				return 0;
			starts[i] = pos;
			lens[i] = len - pos;
			pos = len;
		}
	}
	return pos == len;
}

static int apply_pattern(rh_corpus *c, const char *pat)
{
	pattern_part *parts = NULL;
	size_t n = 0, *starts = NULL, *lens = NULL;
	int err;

	if ((err = parse_pattern(pat, &parts, &n)) < 0)
		goto done;
	if (!(starts = rh__calloc(n ? n : 1, sizeof *starts)) || !(lens = rh__calloc(n ? n : 1, sizeof *lens))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		char name[256];
		long have;
		if (!parts[i].field)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)parts[i].len, parts[i].s);
		if ((have = rh_corpus_meta_find(c, name)) >= 0) {
			parts[i].col = (size_t)have;
			parts[i].existed = 1;
		} else if ((err = add_column(c, name, &parts[i].col)) < 0) {
			goto done;
		}
	}
	for (size_t d = 0; d < c->ndocs; d++) {
		const char *id = c->docs[d].id, *slash = strrchr(id, '/'), *base = slash ? slash + 1 : id;
		char diff[512] = "";
		if (!match_pattern(parts, n, base, starts, lens)) {
			if ((err = rh_warnings__add(&c->warnings, "%s: does not fit the name pattern \"%s\"", id,
						    pat)) < 0)
				goto done;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			char *v;
			if (!parts[i].field)
				continue;
			if (!(v = rh_arena__strndup(&c->arena, base + starts[i], lens[i]))) {
				err = RH_ENOMEM;
				goto done;
			}
			merge_value(c, parts[i].col, d, v, parts[i].existed, diff, sizeof diff);
		}
		if (*diff && (err = rh_warnings__add(&c->warnings,
						     "%s: the name pattern disagrees with the metadata (%s); the "
						     "metadata value is kept",
						     id, diff)) < 0)
			goto done;
	}
done:
	free(parts);
	free(starts);
	free(lens);
	return err;
}

/* A metadata column named like one of documents.csv's own is renamed there: say so once. */
static int warn_clashes(rh_corpus *c)
{
	char buf[80];
	for (size_t m = 0; m < c->nmeta; m++) {
		const char *as = rh_freq__documents_column(c->cols[m].name, buf, sizeof buf);
		int err;
		if (as != c->cols[m].name &&
		    (err = rh_warnings__add(&c->warnings,
					    "metadata column '%s' is written as '%s' in documents.csv, beside rhetor's own '%s'",
					    c->cols[m].name, as, c->cols[m].name)) < 0)
			return err;
	}
	return 0;
}

/* What every corpus gets once its documents are known: metadata, the name pattern, the clash check. */
static int finish_open(rh_corpus *c, const rh_corpus_options *opts)
{
	int err;
	if ((err = join_all(c, opts)) < 0)
		return err;
	if (opts->name_pattern && *opts->name_pattern && (err = apply_pattern(c, opts->name_pattern)) < 0)
		return err;
	return warn_clashes(c);
}

RH_API const char *rh_corpus_meta_list(const rh_corpus *c, char *buf, size_t n)
{
	size_t used = 0, k = rh_corpus_meta_count(c);
	if (!k) {
		snprintf(buf, n, "none; use --meta or --name-pattern");
		return buf;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < k && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", rh_corpus_meta_name(c, i));
	return buf;
}

/* ---- the public API -------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The metadata files, read and parsed on a thread of their own while the directory is walked. */
typedef struct {
	rh_corpus *c;
	const char *const *paths;
	size_t n;
} read_ahead;

static void *read_meta(void *arg)
{
	read_ahead *ra = arg;
	rh_corpus *c = ra->c;
	for (size_t f = 0; f < ra->n; f++)
		if ((c->meta_err[f] = rh_csv__read_file(&c->metacsv[f], ra->paths[f])) < 0) {
			c->meta_msg[f] = rh__strdup(rh_error_last());
			break; /* join_all stops at the first failing file */
		}
	return NULL;
}

static int walk_reading_ahead(rh_corpus *c, const char *path, const rh_corpus_options *opts)
{
	const char *one[1] = { opts->meta_path };
	read_ahead ra = { c, opts->nmeta_paths ? opts->meta_paths : one, opts->nmeta_paths ? opts->nmeta_paths : 1 };
	pthread_t t;
	int err;
	if ((!opts->nmeta_paths && !opts->meta_path) || ra.n > 255)
		return open_directory(c, path);
	if (!(c->metacsv = rh__calloc(ra.n, sizeof *c->metacsv)) ||
	    !(c->meta_err = rh__calloc(ra.n, sizeof *c->meta_err)) ||
	    !(c->meta_msg = rh__calloc(ra.n, sizeof *c->meta_msg)))
		return RH_ENOMEM;
	c->nmetacsv = ra.n;
	if (pthread_create(&t, NULL, read_meta, &ra) != 0) {
		/* No thread: join_all reads them. */
		free(c->meta_err);
		c->meta_err = NULL;
		return open_directory(c, path);
	}
	err = open_directory(c, path);
	pthread_join(t, NULL);
	return err;
}

RH_API int rh_corpus_open(rh_corpus **out, const char *path, const rh_corpus_options *opts)
{
	rh_corpus_options def = RH_CORPUS_OPTIONS_INIT;
	rh_corpus *c = NULL;
	struct stat st;
	int err;

	*out = NULL;
	if (!opts)
		opts = &def;
	if (!path || !*path)
		return rh_error__set(RH_EUSAGE, "no corpus path given");
	if (!(c = rh__calloc(1, sizeof *c)))
		return RH_ENOMEM;
	rh_arena__init(&c->arena, 1u << 16);

	if (ends_with(path, ".csv")) {
		if ((err = open_csv(c, path, opts)) < 0)
			goto done;
	} else if (stat(path, &st) < 0) {
		err = rh_error__set(RH_EIO, "%s: %s", path, strerror(errno));
		goto done;
	} else if (!S_ISDIR(st.st_mode)) {
		err = rh_error__set(RH_EUSAGE, "%s: a corpus is a directory of .txt files or a .csv file", path);
		goto done;
	} else if ((err = walk_reading_ahead(c, path, opts)) < 0) {
		goto done;
	}
	if ((err = finish_open(c, opts)) < 0)
		goto done;
	*out = c;
	c = NULL;
done:
	rh_corpus_free(c);
	return err;
}

/* ---- corpus from memory --------------------------------------------------------- */

static int memory_docs(rh_corpus *c, size_t n, const char *const *ids, const char *const *texts, const size_t *lens)
{
	int err;
	for (size_t i = 0; i < n; i++) {
		char where[32], *src, *text;
		const char *id;
		size_t len = !texts[i] ? 0 : lens ? lens[i] : strlen(texts[i]);
		snprintf(where, sizeof where, "row %zu", i + 1);
		if (!ids[i] || !*ids[i])
			return rh_error__set(RH_EUSAGE, "%s: no doc_id", where);
		if (len > RH_MAX_DOCUMENT)
			return rh_error__set(RH_EUSAGE, "%s: a document of %zu bytes; at most %zu", where, len,
					     (size_t)RH_MAX_DOCUMENT);
		if (!(src = rh_arena__strndup(&c->arena, where, strlen(where))) ||
		    !(text = rh_arena__alloc(&c->arena, len + 1)))
			return RH_ENOMEM;
		if (len)
			memcpy(text, texts[i], len);
		text[len] = '\0';
		/* The corpus keeps its own copy: valid_utf8 keeps valid bytes where they are. */
		if (!(id = rh_arena__strndup(&c->arena, ids[i], strlen(ids[i]))))
			return RH_ENOMEM;
		if (!(id = valid_utf8(c, id, src, 0, "the doc_id", &err)) || (err = add_doc(c, id, src)) < 0)
			return err;
		c->docs[c->ndocs - 1].text = text;
		c->docs[c->ndocs - 1].text_len = len;
		c->docs[c->ndocs - 1].row = i;
	}
	if ((err = sort_docs(c)) < 0)
		return err;
	for (size_t i = 1; i < c->ndocs; i++)
		if (strcmp(c->docs[i - 1].id, c->docs[i].id) == 0)
			return rh_error__set(RH_EUSAGE, "%s: doc_id \"%s\" given twice (first in %s)", c->docs[i].source,
					     c->docs[i].id, c->docs[i - 1].source);
	return 0;
}

static int memory_columns(rh_corpus *c, size_t n, size_t ncols, const char *const *names, const char *const *values)
{
	int err;
	for (size_t j = 0; j < ncols; j++) {
		const char *name;
		size_t col;
		if (!names[j] || !*names[j])
			return rh_error__set(RH_EUSAGE, "metadata column %zu has no name", j + 1);
		if (!(name = rh_arena__strndup(&c->arena, names[j], strlen(names[j]))))
			return RH_ENOMEM;
		if (!(name = valid_utf8(c, name, "metadata", 0, "the column name", &err)))
			return err;
		if (rh_corpus_meta_find(c, name) >= 0)
			return rh_error__set(RH_EUSAGE, "metadata column '%s' given twice", name);
		if ((err = add_column(c, name, &col)) < 0)
			return err;
		for (size_t i = 0; i < c->ndocs; i++) {
			const corpus_doc *d = &c->docs[i];
			const char *v = values[j * n + d->row];
			if (!v || !*v)
				continue;
			if (!(v = rh_arena__strndup(&c->arena, v, strlen(v))))
				return RH_ENOMEM;
			if (!(c->cols[col].vals[i] = valid_utf8(c, v, d->source, 0, name, &err)))
				return err;
		}
	}
	return 0;
}

RH_API int rh_corpus_new(rh_corpus **out, size_t n, const char *const *ids, const char *const *texts,
			 const size_t *lens, size_t ncols, const char *const *names, const char *const *values)
{
	rh_corpus *c;
	int err;
	*out = NULL;
	if (!(c = rh__calloc(1, sizeof *c)))
		return RH_ENOMEM;
	rh_arena__init(&c->arena, 1u << 16);
	if ((err = memory_docs(c, n, ids, texts, lens)) < 0 || (err = memory_columns(c, n, ncols, names, values)) < 0 ||
	    (err = warn_clashes(c)) < 0) {
		rh_corpus_free(c);
		return err;
	}
	*out = c;
	return 0;
}

/* A part's default name: its last path component, without ".csv". */
static const char *part_name(rh_corpus *c, const char *path)
{
	size_t n = strlen(path);
	const char *base;
	while (n > 1 && path[n - 1] == '/')
		n--;
	base = path + n;
	while (base > path && base[-1] != '/')
		base--;
	n -= (size_t)(base - path);
	if (n > 4 && !strncmp(base + n - 4, ".csv", 4))
		n -= 4;
	return rh_arena__strndup(&c->arena, base, n);
}

typedef struct {
	corpus_doc d;
	size_t part, idx;
} part_doc;

static int cmp_part_doc(const void *a, const void *b)
{
	const part_doc *x = a, *y = b;
	int r = strcmp(x->d.id, y->d.id);
	return r ? r : (x->part > y->part) - (x->part < y->part);
}

/* The parts' documents as one corpus: doc_id order, a `corpus` column, the parts' columns. */
static int merge_parts(rh_corpus *c, const char *const *paths, const char *const *names)
{
	size_t total = 0, k = 0, col;
	part_doc *all = NULL;
	size_t *colmap = NULL;
	int err = 0;

	for (size_t p = 0; p < c->nparts; p++)
		total += c->parts[p]->ndocs;
	if (!(all = rh__malloc((total ? total : 1) * sizeof *all)))
		return RH_ENOMEM;
	for (size_t p = 0; p < c->nparts; p++)
		for (size_t i = 0; i < c->parts[p]->ndocs; i++)
			all[k++] = (part_doc){ c->parts[p]->docs[i], p, i };
	qsort(all, total, sizeof *all, cmp_part_doc);
	for (size_t i = 1; i < total; i++)
		if (!strcmp(all[i - 1].d.id, all[i].d.id)) {
			err = rh_error__set(RH_EUSAGE, "doc_id \"%s\" is in two corpora: %s (%s) and %s (%s)", all[i].d.id,
					    paths[all[i - 1].part], all[i - 1].d.source, paths[all[i].part], all[i].d.source);
			goto done;
		}
	if (rh__grow(&c->docs, &c->docs_cap, total ? total : 1, sizeof *c->docs) < 0) {
		err = RH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < total; i++)
		c->docs[i] = all[i].d;
	c->ndocs = total;
	if ((err = add_column(c, "corpus", &col)) < 0)
		goto done;
	for (size_t i = 0; i < total; i++)
		c->cols[col].vals[i] = names[all[i].part];
	/* Each part's own columns (a CSV corpus's), merged by name. */
	for (size_t p = 0; p < c->nparts; p++) {
		const rh_corpus *pc = c->parts[p];
		free(colmap);
		if (!(colmap = rh__calloc(pc->nmeta + 1, sizeof *colmap))) {
			err = RH_ENOMEM;
			goto done;
		}
		for (size_t m = 0; m < pc->nmeta; m++) {
			long have = rh_corpus_meta_find(c, pc->cols[m].name);
			if (have >= 0)
				colmap[m] = (size_t)have;
			else if ((err = add_column(c, pc->cols[m].name, &colmap[m])) < 0)
				goto done;
		}
		for (size_t i = 0; i < total; i++)
			if (all[i].part == p)
				for (size_t m = 0; m < pc->nmeta; m++)
					c->cols[colmap[m]].vals[i] = pc->cols[m].vals[all[i].idx];
		for (size_t w = 0; w < rh_warnings_count(&pc->warnings); w++)
			if ((err = rh_warnings__add(&c->warnings, "%s", rh_warnings_at(&pc->warnings, w))) < 0)
				goto done;
	}
done:
	free(all);
	free(colmap);
	return err;
}

RH_API int rh_corpus_open_many(rh_corpus **out, const char *const *paths, const char *const *names, size_t n,
			       const rh_corpus_options *opts)
{
	rh_corpus_options def = RH_CORPUS_OPTIONS_INIT, part;
	const char **nm = NULL;
	rh_corpus *c = NULL;
	int err = 0;

	*out = NULL;
	if (!opts)
		opts = &def;
	if (n == 1 && !names)
		return rh_corpus_open(out, paths[0], opts);
	if (n == 0)
		return rh_error__set(RH_EUSAGE, "no corpus path given");
	if (!(c = rh__calloc(1, sizeof *c)) || !(c->parts = rh__calloc(n, sizeof *c->parts)) ||
	    !(nm = rh__calloc(n, sizeof *nm))) {
		err = RH_ENOMEM;
		goto done;
	}
	rh_arena__init(&c->arena, 1u << 16);
	for (size_t i = 0; i < n; i++) {
		if (!(nm[i] = names ? rh_arena__strndup(&c->arena, names[i], strlen(names[i])) : part_name(c, paths[i]))) {
			err = RH_ENOMEM;
			goto done;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(nm[i], nm[j])) {
				err = rh_error__set(RH_EUSAGE,
						    "%s and %s are both named '%s': give each corpus a name with --corpus-name A,B",
						    paths[j], paths[i], nm[i]);
				goto done;
			}
	}
	/* Metadata and name patterns apply to the whole, once the parts are one corpus. */
	part = *opts;
	part.meta_path = NULL;
	part.meta_paths = NULL;
	part.nmeta_paths = 0;
	part.name_pattern = NULL;
	for (size_t i = 0; i < n; i++) {
		if ((err = rh_corpus_open(&c->parts[i], paths[i], &part)) < 0)
			goto done;
		c->nparts++;
	}
	if ((err = merge_parts(c, paths, nm)) < 0)
		goto done;
	if ((err = finish_open(c, opts)) < 0)
		goto done;
	*out = c;
	c = NULL;
done:
	free(nm);
	rh_corpus_free(c);
	return err;
}

RH_API void rh_corpus_free(rh_corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nparts; i++)
		rh_corpus_free(c->parts[i]);
	free(c->parts);
	rh_arena__free(&c->arena);
	free(c->docs);
	free(c->cols);
	rh_warnings__clear(&c->warnings);
	rh_csv__free(&c->data);
	for (size_t i = 0; i < c->nmetacsv; i++)
		rh_csv__free(&c->metacsv[i]);
	free(c->metacsv);
	for (size_t i = 0; c->meta_msg && i < c->nmetacsv; i++)
		free(c->meta_msg[i]);
	free(c->meta_msg);
	free(c->meta_err);
	free(c);
}

RH_API int rh_corpus_require(rh_corpus *c, const char *col, size_t *left_out)
{
	long k = rh_corpus_meta_find(c, col);
	unsigned char *keep;
	char first[256] = "";
	size_t n = 0, used = 0;
	*left_out = 0;
	if (k < 0)
		return rh_error__set(RH_EUSAGE, "no metadata column '%s'", col);
	if (!(keep = rh__malloc(c->ndocs + 1)))
		return RH_ENOMEM;
	for (size_t d = 0; d < c->ndocs; d++) {
		const char *v = c->cols[k].vals[d];
		while (*v == ' ' || *v == '\t')
			v++;
		keep[d] = *v != '\0';
		if (!keep[d] && n++ < 3 && used < sizeof first)
			used += (size_t)snprintf(first + used, sizeof first - used, "%s%s", n > 1 ? ", " : "", c->docs[d].id);
	}
	if (n) {
		int err = rh_warnings__add(&c->warnings,
					   "%zu document%s no value in '%s', so %s left out (never pooled into an unnamed group): %s%s",
					   n, n == 1 ? " has" : "s have", col, n == 1 ? "it is" : "they are", first,
					   n > 3 ? ", ..." : "");
		if (err < 0) {
			free(keep);
			return err;
		}
		rh_corpus__keep(c, keep);
	}
	free(keep);
	*left_out = n;
	return 0;
}

void rh_corpus__keep(rh_corpus *c, const unsigned char *keep)
{
	size_t k = 0;
	for (size_t d = 0; d < c->ndocs; d++) {
		if (!keep[d])
			continue;
		c->docs[k] = c->docs[d];
		for (size_t m = 0; m < c->nmeta; m++)
			c->cols[m].vals[k] = c->cols[m].vals[d];
		k++;
	}
	c->ndocs = k;
}

RH_API size_t rh_corpus_count(const rh_corpus *c) { return c ? c->ndocs : 0; }

RH_API const char *rh_corpus_doc_id(const rh_corpus *c, size_t doc)
{
	return c && doc < c->ndocs ? c->docs[doc].id : NULL;
}

RH_API const char *rh_corpus_doc_source(const rh_corpus *c, size_t doc)
{
	return c && doc < c->ndocs ? c->docs[doc].source : NULL;
}

RH_API size_t rh_corpus_meta_count(const rh_corpus *c) { return c ? c->nmeta : 0; }

RH_API const char *rh_corpus_meta_name(const rh_corpus *c, size_t col)
{
	return c && col < c->nmeta ? c->cols[col].name : NULL;
}

RH_API long rh_corpus_meta_find(const rh_corpus *c, const char *name)
{
	if (!c || !name)
		return -1;
	for (size_t i = 0; i < c->nmeta; i++)
		if (strcmp(c->cols[i].name, name) == 0)
			return (long)i;
	return -1;
}

RH_API const char *rh_corpus_meta(const rh_corpus *c, size_t doc, size_t col)
{
	return c && doc < c->ndocs && col < c->nmeta ? c->cols[col].vals[doc] : empty;
}

RH_API int rh_corpus_read(const rh_corpus *c, size_t doc, char **buf, size_t *cap, size_t *len)
{
	const corpus_doc *d;
	uint64_t size;
	int fd, err = 0;

	*len = 0;
	if (!c || doc >= c->ndocs)
		return rh_error__set(RH_EUSAGE, "document %zu out of range (corpus has %zu)", doc,
				     c ? c->ndocs : 0);
	d = &c->docs[doc];
	if (c->counted)
		return rh_error__set(RH_EUSAGE, "%s: a document of a counts file, whose text is not kept", d->source);
	if (d->text) {
		if ((err = rh__grow(buf, cap, d->text_len + 1, 1)) < 0)
			return err;
		memcpy(*buf, d->text, d->text_len);
		(*buf)[d->text_len] = '\0';
		*len = d->text_len;
		return 0;
	}
	/* A FIFO or device named like a text is refused by type, a file over
	   the limit by its size, before a byte is read. */
	if ((err = rh_file__open(d->source, RH_MAX_DOCUMENT, "a document", &fd, &size)) < 0)
		return err;
	err = rh_file__read_fd(fd, d->source, RH_MAX_DOCUMENT, "a document", buf, cap, len, size);
	close(fd);
	return err;
}

RH_API const rh_warnings *rh_corpus_warnings(const rh_corpus *c) { return c ? &c->warnings : NULL; }

/* ---- the documents of a counts file: ids, sources and metadata, no text ---- */

int rh_corpus__new_counted(rh_corpus **out, size_t ndocs, const char *const *names, size_t nmeta)
{
	rh_corpus *c;
	size_t col;
	int err = 0;
	*out = NULL;
	if (!(c = rh__calloc(1, sizeof *c)))
		return RH_ENOMEM;
	rh_arena__init(&c->arena, 1 << 16);
	c->counted = 1;
	for (size_t d = 0; d < ndocs && err == 0; d++)
		err = add_doc(c, empty, empty);
	for (size_t m = 0; m < nmeta && err == 0; m++)
		err = add_column(c, names[m], &col);
	if (err < 0) {
		rh_corpus_free(c);
		return err;
	}
	*out = c;
	return 0;
}

int rh_corpus__set_counted(rh_corpus *c, size_t doc, const char *id, const char *source, const char *const *vals)
{
	if (doc >= c->ndocs)
		return rh_error__set(RH_EPARSE, "document %zu of %zu", doc, c->ndocs);
	if (!(c->docs[doc].id = rh_arena__strndup(&c->arena, id, strlen(id))) ||
	    !(c->docs[doc].source = rh_arena__strndup(&c->arena, source, strlen(source))))
		return RH_ENOMEM;
	for (size_t m = 0; m < c->nmeta; m++)
		if (!(c->cols[m].vals[doc] = *vals[m] ? rh_arena__strndup(&c->arena, vals[m], strlen(vals[m])) : empty))
			return RH_ENOMEM;
	return 0;
}

int rh_corpus__warn(rh_corpus *c, const char *msg) { return rh_warnings__add(&c->warnings, "%s", msg); }
