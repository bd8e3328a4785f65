"""rhetor from Python: run an analysis in process and get each table as a pandas DataFrame.

    import rhetor
    r = rhetor.freq("speeches/", meta="meta.csv", phrases="phrases.csv", by="country")
    r["phrases_by_group"]          # a DataFrame with the columns of phrases_by_group.csv

Every analysis command of the library (freq, tfidf, cooc, keyness, kwic, trends, ...) is a
function here, made from the library's list of tables; its keyword arguments are the keys of
the analysis schema (rhetor run --help lists them). `corpus` is a path, a list of paths, or a
DataFrame with doc_id, text and metadata columns. rhetor.run("analysis.ini") runs an analysis
file. Each returns a dict of DataFrames named after the tables (terms, phrases_by_group, ...).
"""

import io
import os
import warnings as _warnings

from . import _lib
from ._lib import RhetorError

__all__ = ["run", "RhetorError", "RhetorWarning", "commands", "tables_of"]


class RhetorWarning(UserWarning):
    """A problem rhetor recovered from (a document without a group, invalid UTF-8 read as U+FFFD, ...)."""


# Sections whose keys are about files drawn or written, not tables: the bindings write no files.
_NOT_HERE = {("output", "dir")}
_FILE_SECTIONS = {"plot", "report", "rhetor"}


def _frame(data):
    import pandas as pd
    # The CSV's own types: numbers numeric, NA missing, every other cell (an empty one too) as written.
    return pd.read_csv(io.BytesIO(data), keep_default_na=False, na_values=["NA"], encoding="utf-8-sig")


def _value(v):
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (list, tuple)):
        return ",".join(_value(x) for x in v)
    return str(v)


def _meta_value(v):
    """A metadata cell as text: None, NaN and NA are no value; 2013.0 is 2013."""
    try:
        import pandas as pd
        if v is None or (not isinstance(v, (list, tuple)) and pd.isna(v)):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, bool):
        v = "yes" if v else "no"
    return str(v).encode("utf-8")


def _memory_corpus(df):
    """A DataFrame with doc_id and text columns (the others are metadata) as a corpus in memory."""
    for col in ("doc_id", "text"):
        if col not in df.columns:
            raise RhetorError("the corpus data frame has no '%s' column (columns: %s)"
                              % (col, ", ".join(map(str, df.columns))))
    ids = [str(v).encode("utf-8") for v in df["doc_id"]]
    texts = [b"" if _meta_value(v) is None else str(v).encode("utf-8") for v in df["text"]]
    names = [c for c in df.columns if c not in ("doc_id", "text")]
    columns = [[_meta_value(v) for v in df[c]] for c in names]
    return _lib.corpus_new(ids, texts, [str(c).encode("utf-8") for c in names], columns)


def _finish(tables, warns):
    for w in warns:
        _warnings.warn(w, RhetorWarning, stacklevel=3)
    return {name[:-4] if name.endswith(".csv") else name: _frame(data) for name, data in tables.items()}


def _corpus_args(a, corpus):
    """Sets [corpus] path from `corpus`; returns the corpus in memory for a DataFrame, else None."""
    if hasattr(corpus, "columns"):
        # The path is not read: the run counts the corpus handed over.
        a.set("corpus", "path", "memory")
        return _memory_corpus(corpus)
    if isinstance(corpus, (list, tuple)):
        a.set("corpus", "path", ",".join(os.fspath(p) for p in corpus))
    else:
        a.set("corpus", "path", os.fspath(corpus))
    return None


def run(analysis, corpus=None, threads=None):
    """Runs an analysis file (paths in it relative to its directory) and returns its tables.

    corpus: a DataFrame (doc_id, text, metadata columns) counted in place of [corpus] path.
    threads: worker threads (default: [corpus] threads of the file).
    """
    path = os.fspath(analysis)
    with open(path, "rb") as f:
        text = f.read()
    a = _lib.Analysis(text, path)
    mem = None
    if corpus is not None:
        mem = _corpus_args(a, corpus)
    tables, warns = _lib.run_tables(a, base=os.path.dirname(path) or ".", corpus=mem, threads=threads)
    return _finish(tables, warns)


def _keywords(section):
    """The keyword arguments of a command: {name: (section, key, default)}, from the schema.

    The command's own keys come first, then those of the sections every command shares
    (corpus, phrases, output); a section of one key is named by the section (phrases= is
    [phrases] file); a name already taken is section_key (corpus_stopwords)."""
    keys = _lib.schema_keys()
    tabled = {s for _n, s, _t in _lib.tables() if s}
    order = [k for k in keys if k[0] == section] + \
        [k for k in keys if k[0] not in tabled and k[0] not in _FILE_SECTIONS and k[0] != section]
    per_section = {}
    for sec, key, _p, _d in keys:
        per_section.setdefault(sec, []).append(key)
    out = {}
    for sec, key, _is_path, default in order:
        if (sec, key) in _NOT_HERE or (sec, key) == ("corpus", "path"):
            continue
        name = sec if sec != section and len(per_section[sec]) == 1 else key
        if name in out:
            name = "%s_%s" % (sec, key)
        out[name] = (sec, key, default)
    return out


def _command(section):
    kw = _keywords(section)

    def command(corpus, threads=None, **kwargs):
        a = _lib.Analysis()
        a.enable(section)
        mem = None
        try:
            for name, value in kwargs.items():
                if name not in kw:
                    raise TypeError("%s() got an unexpected keyword argument '%s' (it takes: %s)"
                                    % (section, name, ", ".join(kw)))
                if value is None:
                    continue
                sec, key, _d = kw[name]
                if (sec, key) == ("corpus", "where") and isinstance(value, (list, tuple)):
                    value = ";".join(value)  # every test must hold
                a.set(sec, key, _value(value))
            mem = _corpus_args(a, corpus)
            a.check()
        except RhetorError:
            if mem is not None:
                _lib.lib.rh_corpus_free(mem)
            raise
        tables, warns = _lib.run_tables(a, base=None, corpus=mem, threads=threads)
        return _finish(tables, warns)

    command.__name__ = section
    command.__qualname__ = section
    lines = ["%s(corpus, threads=None, **keys): the tables of [%s], as a dict of DataFrames." % (section, section),
             "", "corpus: a path, a list of paths, or a DataFrame with doc_id, text and metadata columns.",
             "where: a test or a list of tests that must all hold. Keys (schema default in brackets):"]
    for name, (sec, key, default) in kw.items():
        lines.append("  %s  [%s] %s%s" % (name, sec, key, " [%s]" % default if default else ""))
    lines.append("Tables: " + ", ".join(n for n, s, _t in _lib.tables() if s in (None, section)))
    command.__doc__ = "\n".join(lines)
    return command


def commands():
    """The analysis commands: the sections of the library's list of tables, in list order."""
    seen = []
    for _name, section, _t in _lib.tables():
        if section and section not in seen:
            seen.append(section)
    return seen


def tables_of(section):
    """The tables a command may return (documents and those of its section), named as in the result."""
    return [n[:-4] for n, s, _t in _lib.tables() if s in (None, section)]


for _section in commands():
    globals()[_section] = _command(_section)
    __all__.append(_section)
version = _lib._s(_lib.lib.rh_version())
