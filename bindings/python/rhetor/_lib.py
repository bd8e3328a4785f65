"""The C library through ctypes: finding librhetor, its functions, and a run from start to tables."""

import ctypes
import ctypes.util
import os
import subprocess

from ctypes import POINTER, Structure, byref, c_char_p, c_int, c_long, c_size_t, c_void_p


class RhetorError(Exception):
    """An error of rhetor's library; the message is rhetor's own."""


class _RunOptions(Structure):
    # rh_run_options (rhetor/run.h), field for field.
    _fields_ = [
        ("base", c_char_p),
        ("data_dir", c_char_p),
        ("threads", c_long),
        ("corpus", c_void_p),
        ("key_name", c_void_p),
        ("progress", c_void_p),
        ("progress_ud", c_void_p),
    ]


class _TableDef(Structure):
    # The leading fields of rh_table_def (rhetor/plan.h): all that is read here.
    _fields_ = [("name", c_char_p), ("section", c_char_p), ("flag", c_char_p)]


def _pkg_config(*args):
    try:
        out = subprocess.run(["pkg-config", *args, "rhetor"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def _find_library():
    """RHETOR_LIB (a path to librhetor.so), else pkg-config's libdir, else the linker's search."""
    env = os.environ.get("RHETOR_LIB")
    if env:
        return env
    libdir = _pkg_config("--variable=libdir")
    if libdir:
        for name in ("librhetor.so", "librhetor.dylib"):
            if os.path.exists(os.path.join(libdir, name)):
                return os.path.join(libdir, name)
    found = ctypes.util.find_library("rhetor")
    if found:
        return found
    raise RhetorError(
        "cannot find librhetor: build rhetor as a shared library (cmake -DBUILD_SHARED_LIBS=ON), install it "
        "where pkg-config finds rhetor.pc, or set RHETOR_LIB to the path of librhetor.so")


def _find_data_dir(libpath):
    """RHETOR_DATA_DIR, else the share/rhetor beside the library's prefix (the stop list "en" lives there)."""
    env = os.environ.get("RHETOR_DATA_DIR")
    if env:
        return env
    prefix = os.path.dirname(os.path.dirname(os.path.realpath(libpath)))
    for cand in (os.path.join(prefix, "share", "rhetor"), prefix):
        if os.path.exists(os.path.join(cand, "datasets", "stopwords", "en.txt")):
            return cand
    return None


def _bind(lib):
    sigs = {
        "rh_error_last": (c_char_p, []),
        "rh_version": (c_char_p, []),
        "rh_analysis_new": (c_int, [POINTER(c_void_p)]),
        "rh_analysis_parse": (c_int, [POINTER(c_void_p), c_char_p, c_size_t, c_char_p]),
        "rh_analysis_free": (None, [c_void_p]),
        "rh_analysis_enable": (c_int, [c_void_p, c_char_p]),
        "rh_analysis_set": (c_int, [c_void_p, c_char_p, c_char_p, c_char_p]),
        "rh_analysis_check": (c_int, [c_void_p, POINTER(c_char_p), POINTER(c_char_p)]),
        "rh_analysis_key_count": (c_size_t, []),
        "rh_analysis_key_at": (c_int, [c_size_t, POINTER(c_char_p), POINTER(c_char_p), POINTER(c_int)]),
        "rh_analysis_default": (c_char_p, [c_char_p, c_char_p]),
        "rh_corpus_new": (c_int, [POINTER(c_void_p), c_size_t, POINTER(c_char_p), POINTER(c_char_p),
                                  POINTER(c_size_t), c_size_t, POINTER(c_char_p), POINTER(c_char_p)]),
        "rh_corpus_free": (None, [c_void_p]),
        "rh_tables_count": (c_size_t, []),
        "rh_tables_at": (POINTER(_TableDef), [c_size_t]),
        "rh_run_new": (c_int, [POINTER(c_void_p), c_void_p, POINTER(_RunOptions)]),
        "rh_run_free": (None, [c_void_p]),
        "rh_run_count": (c_int, [c_void_p]),
        "rh_run_wants": (c_int, [c_void_p, POINTER(_TableDef)]),
        "rh_run_table": (c_int, [c_void_p, POINTER(_TableDef), POINTER(c_void_p), POINTER(c_size_t)]),
        "rh_run_warning_count": (c_size_t, [c_void_p]),
        "rh_run_warning_at": (c_char_p, [c_void_p, c_size_t]),
    }
    for name, (res, args) in sigs.items():
        f = getattr(lib, name)
        f.restype = res
        f.argtypes = args


_path = _find_library()
lib = ctypes.CDLL(_path)
_bind(lib)
_libc = ctypes.CDLL(None)
_libc.free.argtypes = [c_void_p]
_libc.free.restype = None
data_dir = _find_data_dir(_path)


def _s(b):
    return b.decode("utf-8", "replace") if b is not None else None


def check(err):
    if err < 0:
        raise RhetorError(_s(lib.rh_error_last()))
    return err


def schema_keys():
    """Every key of the schema, in the library's order: (section, key, is_path, default)."""
    keys = []
    for i in range(lib.rh_analysis_key_count()):
        sec, key, is_path = c_char_p(), c_char_p(), c_int()
        check(lib.rh_analysis_key_at(i, byref(sec), byref(key), byref(is_path)))
        keys.append((_s(sec.value), _s(key.value), bool(is_path.value),
                     _s(lib.rh_analysis_default(sec.value, key.value))))
    return keys


def tables():
    """The library's list of tables, in the order it writes them: (name, section or None, pointer)."""
    out = []
    for i in range(lib.rh_tables_count()):
        t = lib.rh_tables_at(i)
        out.append((_s(t.contents.name), _s(t.contents.section), t))
    return out


class Analysis:
    """An rh_analysis, built key by key or parsed from a file's text."""

    def __init__(self, text=None, name="analysis"):
        self.p = c_void_p()
        if text is None:
            check(lib.rh_analysis_new(byref(self.p)))
        else:
            check(lib.rh_analysis_parse(byref(self.p), text, len(text), name.encode()))

    def enable(self, section):
        check(lib.rh_analysis_enable(self.p, section.encode()))

    def set(self, section, key, value):
        check(lib.rh_analysis_set(self.p, section.encode(), key.encode(), value.encode()))

    def check(self):
        check(lib.rh_analysis_check(self.p, None, None))

    def __del__(self):
        if getattr(self, "p", None):
            lib.rh_analysis_free(self.p)
            self.p = None


def corpus_new(ids, texts, names, columns):
    """An rh_corpus from memory: ids and texts (bytes), metadata columns (lists of bytes or None)."""
    n = len(ids)
    c_ids = (c_char_p * max(n, 1))(*ids)
    c_texts = (c_char_p * max(n, 1))(*texts)
    c_lens = (c_size_t * max(n, 1))(*[len(t) for t in texts])
    values = [v for col in columns for v in col]
    c_names = (c_char_p * max(len(names), 1))(*names)
    c_values = (c_char_p * max(len(values), 1))(*values)
    out = c_void_p()
    check(lib.rh_corpus_new(byref(out), n, c_ids, c_texts, c_lens, len(names), c_names, c_values))
    return out


def run_tables(analysis, base=None, corpus=None, threads=None):
    """Runs `analysis` and returns ({table name: CSV bytes} in list order, [warnings])."""
    opts = _RunOptions()
    opts.base = base.encode() if base else None
    opts.data_dir = data_dir.encode() if data_dir else None
    opts.threads = -1 if threads is None else int(threads)
    opts.corpus = corpus.value if corpus is not None else None
    run = c_void_p()
    # The run takes the corpus over, even when it fails.
    check(lib.rh_run_new(byref(run), analysis.p, byref(opts)))
    try:
        check(lib.rh_run_count(run))
        out = {}
        for name, _section, t in tables():
            if not lib.rh_run_wants(run, t):
                continue
            buf, n = c_void_p(), c_size_t()
            check(lib.rh_run_table(run, t, byref(buf), byref(n)))
            try:
                out[name] = ctypes.string_at(buf, n.value)
            finally:
                _libc.free(buf)
        warnings = [_s(lib.rh_run_warning_at(run, i)) for i in range(lib.rh_run_warning_count(run))]
        return out, warnings
    finally:
        lib.rh_run_free(run)
