/* csvread.c: reads a whole CSV file through libcsv (strict), keeping the line each record starts on. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "csvread.h"
#include "rhetor/file.h"

/* Bytes read from the file per block; libcsv then sees one line at a time. */
#define CSVREAD_BLOCK (4u << 20)

/*
 * libcsv reports fields and records through callbacks that do not say where
 * in the input they happened. To know the line a record starts on, the input
 * is fed one line at a time (a line ends at LF, CR or CRLF, also inside a
 * quoted field): between two records, the next line holding anything but
 * blanks is where the next record starts.
 */
typedef struct {
	rh_csv *out;
	struct csv_parser parser;
	char **cells;        /* the record being read (cells in out->arena) */
	size_t ncells, cells_cap;
	size_t rows_cap;
	size_t keep;         /* records kept (the header and this many less one data rows) */
	const char *const *want; /* with nwant: the columns whose cells a data row keeps (others "") */
	size_t nwant;
	unsigned char *mask; /* per column of the header: kept */
	size_t nmask;
	size_t line;         /* line of the bytes being fed */
	size_t rec_line;     /* line the current record starts on */
	size_t field_line;   /* line the current field starts on */
	uint64_t offset;     /* bytes fed so far (after the BOM) */
	uint64_t line_off;   /* offset of the current line's first byte */
	int need_start;      /* between records */
	int prev_cr;         /* the last byte fed was a CR (CRLF across blocks) */
	int started;         /* the BOM check is done */
	int err;             /* first failure seen inside a callback */
} csv_reader;

static void on_field(void *s, size_t len, void *data)
{
	csv_reader *r = data;
	char *cell;
	if (r->err)
		return;
	if (len > RH_MAX_CELL) {
		r->err = rh_error__set(RH_EPARSE, "%s:%zu: a field of %zu bytes; a field may have at most %zu",
				       r->out->name, r->field_line, len, (size_t)RH_MAX_CELL);
		return;
	}
	/* A record past those kept is counted, not copied. */
	if (r->out->nrecords >= r->keep) {
		r->ncells++;
		r->field_line = r->line;
		return;
	}
	/* A cell of a column not asked for is empty. */
	if (r->want && r->out->nrecords > 0 && (r->ncells >= r->nmask || !r->mask[r->ncells])) {
		if (rh__grow(&r->cells, &r->cells_cap, r->ncells + 1, sizeof *r->cells) < 0) {
			r->err = RH_ENOMEM;
			return;
		}
		r->cells[r->ncells++] = (char *)"";
		r->field_line = r->line;
		return;
	}
	if (rh__grow(&r->cells, &r->cells_cap, r->ncells + 1, sizeof *r->cells) < 0 ||
	    !(cell = rh_arena__strndup(&r->out->arena, s ? (const char *)s : "", s ? len : 0))) {
		r->err = RH_ENOMEM;
		return;
	}
	r->cells[r->ncells++] = cell;
	/* The field after this one starts at the delimiter just seen. */
	r->field_line = r->line;
}

static void on_record(int c, void *data)
{
	csv_reader *r = data;
	rh_csv *out = r->out;
	rh_csv_row *row;
	(void)c;
	if (r->err)
		return;
	if (out->nrows > 0 && r->ncells != out->rows[0].ncells) {
		r->err = rh_error__set(RH_EPARSE, "%s:%zu: %zu field%s, the header has %zu", out->name,
				       r->rec_line, r->ncells, r->ncells == 1 ? "" : "s",
				       out->rows[0].ncells);
		return;
	}
	if (out->nrecords++ >= r->keep) {
		r->ncells = 0;
		r->need_start = 1;
		return;
	}
	if (rh__grow(&out->rows, &r->rows_cap, out->nrows + 1, sizeof *out->rows) < 0) {
		r->err = RH_ENOMEM;
		return;
	}
	row = &out->rows[out->nrows];
	row->ncells = r->ncells;
	row->line = r->rec_line;
	if (!(row->cells = rh_arena__alloc(&out->arena, (r->ncells ? r->ncells : 1) * sizeof *row->cells))) {
		r->err = RH_ENOMEM;
		return;
	}
	memcpy(row->cells, r->cells, r->ncells * sizeof *row->cells);
	out->nrows++;
	if (out->nrows == 1 && r->want) {
		if (!(r->mask = rh__calloc(r->ncells + 1, 1))) {
			r->err = RH_ENOMEM;
			return;
		}
		r->nmask = r->ncells;
		for (size_t col = 0; col < r->ncells; col++)
			for (size_t k = 0; k < r->nwant; k++)
				r->mask[col] |= !strcmp(row->cells[col], r->want[k]);
	}
	r->ncells = 0;
	r->need_start = 1;
}

static int is_blank_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Feeds one piece of a line (ending at its terminator, or at the block's end). */
static int feed_segment(csv_reader *r, const char *s, size_t n, int ends_line)
{
	const char *nul;
	size_t done;
	if ((nul = memchr(s, '\0', n)))
		return rh_error__set(RH_EPARSE, "%s:%zu: NUL byte (byte %llu of the line)", r->out->name,
				     r->line, (unsigned long long)(r->offset + (uint64_t)(nul - s) - r->line_off + 1));
	if (r->need_start && !is_blank_run(s, n)) {
		r->need_start = 0;
		r->rec_line = r->field_line = r->line;
	}
	done = csv_parse(&r->parser, s, n, on_field, on_record, r);
	if (r->err)
		return r->err;
	if (done < n) {
		int e = csv_error(&r->parser);
		if (e == CSV_ENOMEM)
			return rh_error__oom();
		if (e == CSV_EPARSE)
			return rh_error__set(RH_EPARSE,
					     "%s:%zu: invalid quoting at byte %llu of the line (a quote inside an "
					     "unquoted field, or text after a closing quote)",
					     r->out->name, r->line,
					     (unsigned long long)(r->offset + done - r->line_off + 1));
		return rh_error__set(RH_EPARSE, "%s:%zu: %s", r->out->name, r->line, csv_strerror(e));
	}
	r->offset += n;
	if (ends_line) {
		r->line++;
		r->line_off = r->offset;
	}
	return 0;
}

static int feed(csv_reader *r, const char *buf, size_t len)
{
	size_t i = 0;
	int err;
	if (!r->started && len > 0) {
		r->started = 1;
		if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
	}
	if (r->prev_cr && i < len) {
		r->prev_cr = 0;
		if (buf[i] == '\n') {
			/* the LF of a CRLF split between blocks: the line was already counted */
			if ((err = feed_segment(r, buf + i, 1, 0)) < 0)
				return err;
			r->line_off = r->offset;
			i++;
		}
	}
	while (i < len) {
		const char *s = buf + i, *nl, *cr;
		size_t n = len - i, seg;
		int ends = 1;
		nl = memchr(s, '\n', n);
		cr = memchr(s, '\r', nl ? (size_t)(nl - s) : n);
		if (cr) {
			seg = (size_t)(cr - s) + 1;
			if (seg < n && s[seg] == '\n')
				seg++;
			else if (seg == n)
				r->prev_cr = 1;
		} else if (nl) {
			seg = (size_t)(nl - s) + 1;
		} else {
			seg = n;
			ends = 0;
		}
		if ((err = feed_segment(r, s, seg, ends)) < 0)
			return err;
		i += seg;
	}
	return 0;
}

static void reader_init(csv_reader *r, rh_csv *out)
{
	memset(r, 0, sizeof *r);
	r->out = out;
	r->line = r->rec_line = r->field_line = 1;
	r->need_start = 1;
	r->keep = SIZE_MAX;
}

static int reader_begin(csv_reader *r, rh_csv *out, const char *name)
{
	memset(out, 0, sizeof *out);
	rh_arena__init(&out->arena, 1u << 20);
	reader_init(r, out);
	if (!(out->name = rh__strdup(name)))
		return RH_ENOMEM;
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return rh_error__oom();
	/* Grow the field buffer in large steps: speech texts are long fields. */
	csv_set_blk_size(&r->parser, 1u << 16);
	return 0;
}

static int reader_end(csv_reader *r)
{
	if (csv_fini(&r->parser, on_field, on_record, r) != 0)
		return rh_error__set(RH_EPARSE,
				     "%s:%zu: unbalanced quote: the quoted field opened on this line is not "
				     "closed at the end of the file",
				     r->out->name, r->field_line);
	if (r->err)
		return r->err;
	if (r->out->nrows == 0)
		return rh_error__set(RH_EPARSE, "%s: empty file, no header row", r->out->name);
	return 0;
}

static int reader_finish(csv_reader *r, int err)
{
	csv_free(&r->parser);
	free(r->cells);
	free(r->mask);
	if (err < 0)
		rh_csv__free(r->out);
	return err;
}

int rh_csv__read_buf(rh_csv *out, const char *buf, size_t len, const char *name)
{
	return rh_csv__read_buf_head(out, buf, len, name, SIZE_MAX);
}

static int read_buf(rh_csv *out, const char *buf, size_t len, const char *name, size_t keep,
		    const char *const *cols, size_t ncols)
{
	csv_reader r;
	int err;
	if ((err = reader_begin(&r, out, name)) < 0)
		goto done;
	r.keep = keep < SIZE_MAX ? keep + 1 : SIZE_MAX;
	r.want = cols;
	r.nwant = ncols;
	/* No field is longer than the input: a short one needs one short step. */
	if (len < (1u << 16))
		csv_set_blk_size(&r.parser, len + 1);
	if ((err = feed(&r, buf, len)) < 0)
		goto done;
	err = reader_end(&r);
done:
	return reader_finish(&r, err);
}

int rh_csv__read_buf_head(rh_csv *out, const char *buf, size_t len, const char *name, size_t keep)
{
	return read_buf(out, buf, len, name, keep, NULL, 0);
}

int rh_csv__read_buf_cols(rh_csv *out, const char *buf, size_t len, const char *name, const char *const *cols,
			  size_t ncols)
{
	return read_buf(out, buf, len, name, SIZE_MAX, cols, ncols);
}

int rh_csv__read_file(rh_csv *out, const char *path) { return rh_csv__read_file_head(out, path, SIZE_MAX); }

int rh_csv__read_file_head(rh_csv *out, const char *path, size_t keep)
{
	csv_reader r;
	char *block = NULL;
	uint64_t size;
	int fd = -1, err;
	if ((err = reader_begin(&r, out, path)) < 0)
		goto done;
	r.keep = keep < SIZE_MAX ? keep + 1 : SIZE_MAX;
	if ((err = rh_file__open(path, SIZE_MAX, "a CSV file", &fd, &size)) < 0)
		goto done;
	if (!(block = rh__malloc(CSVREAD_BLOCK))) {
		err = RH_ENOMEM;
		goto done;
	}
	for (;;) {
		size_t fill = 0;
		ssize_t got = 0;
		/* Fill the block, so the BOM check sees the first three bytes. */
		while (fill < CSVREAD_BLOCK) {
			got = read(fd, block + fill, CSVREAD_BLOCK - fill);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0)
				break;
			fill += (size_t)got;
		}
		if (got < 0) {
			err = rh_error__set(RH_EIO, "%s: %s", path, strerror(errno));
			goto done;
		}
		if (fill == 0)
			break;
		if ((err = feed(&r, block, fill)) < 0)
			goto done;
		if (fill < CSVREAD_BLOCK)
			break;
	}
	err = reader_end(&r);
done:
	if (fd >= 0)
		close(fd);
	free(block);
	return reader_finish(&r, err);
}

long rh_csv__column(const rh_csv *csv, const char *name)
{
	if (!csv || csv->nrows == 0)
		return -1;
	for (size_t i = 0; i < csv->rows[0].ncells; i++)
		if (strcmp(csv->rows[0].cells[i], name) == 0)
			return (long)i;
	return -1;
}

void rh_csv__free(rh_csv *csv)
{
	if (!csv)
		return;
	rh_arena__free(&csv->arena);
	free(csv->rows);
	free(csv->name);
	memset(csv, 0, sizeof *csv);
}
