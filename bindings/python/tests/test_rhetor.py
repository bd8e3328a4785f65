"""rhetor from Python: the same tables as the command line, cell for cell; corpora from data frames; errors."""

import os
import subprocess
import tempfile
import warnings

import pandas as pd
import pandas.testing as pdt
import pytest

import rhetor
from rhetor import _lib

# The fixture's metadata name columns as documents.csv does: warned about, as expected.
pytestmark = pytest.mark.filterwarnings("ignore::rhetor.RhetorWarning")

RHETOR = os.environ["RHETOR_BIN"]
SRC = os.environ["RHETOR_SRC"]
DICT = os.path.join(SRC, "datasets", "phrases", "diplomatic.csv")


def read_csv(path):
    # The CLI's file read as a spreadsheet user would, with the binding's own rule: NA is missing.
    return pd.read_csv(path, keep_default_na=False, na_values=["NA"], encoding="utf-8-sig")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    subprocess.run([RHETOR, "synth", "-o", str(d), "--docs", "60", "--countries", "6", "--years", "2000-2009",
                    "--doc-words", "300", "--seed", "11", "--quiet"], check=True)
    return d


# The command line names a command after what it does, the library after its section.
CLI_NAME = {"candidates": "phrases"}


def cli(corpus, out, command, *flags):
    subprocess.run([RHETOR, CLI_NAME.get(command, command), str(corpus / "texts"), "--meta", str(corpus / "metadata.csv"), *flags,
                    "-o", str(out), "--quiet"], check=True)
    return {f[:-4]: read_csv(out / f) for f in sorted(os.listdir(out)) if f.endswith(".csv")}


# Each command of the library with the same settings given as keyword arguments and as flags.
CASES = [
    ("freq", dict(phrases=DICT, by="country", dispersion=True, top=30),
     ["--phrases", DICT, "--by", "country", "--dispersion", "--top", "30"]),
    ("tfidf", dict(by="country", unit="group", similarity=True, top=15),
     ["--by", "country", "--unit", "group", "--similarity", "--top", "15"]),
    ("cooc", dict(phrases=DICT, window=4, top=20, stopwords="en"),
     ["--phrases", DICT, "--window", "4", "--top", "20", "--stopwords", "en"]),
    ("keyness", dict(by="country", target="CHN", phrases=DICT, top=25),
     ["--by", "country", "--target", "CHN", "--phrases", DICT, "--top", "25"]),
    ("kwic", dict(phrases=DICT, context=6), ["--phrases", DICT, "--context", "6"]),
    ("keyness", dict(by="country", target="CHN", reference="rest", ngrams="1-2", min_count=3),
     ["--by", "country", "--target", "CHN", "--reference", "rest", "--ngrams", "1-2", "--min-count", "3"]),
    ("trends", dict(phrases=DICT, time="year", by="country", where=["year >= 2002"]),
     ["--phrases", DICT, "--time", "year", "--by", "country", "--where", "year >= 2002"]),
    # --dictionary-out writes its copy outside the output directory the comparison reads.
    ("candidates", dict(size="2-3", min_count=3, by="country", target="CHN", dictionary=True, dictionary_top=20),
     ["--size", "2-3", "--min-count", "3", "--by", "country", "--target", "CHN",
      "--dictionary-out", os.path.join(tempfile.mkdtemp(), "found.csv"), "--dictionary-top", "20"]),
]


COMPARED = set()


@pytest.mark.parametrize("command,kwargs,flags", CASES, ids=["%s-%d" % (c[0], i) for i, c in enumerate(CASES)])
def test_same_tables_as_the_cli(corpus, tmp_path, command, kwargs, flags):
    want = cli(corpus, tmp_path, command, *flags)
    got = getattr(rhetor, command)(str(corpus / "texts"), meta=str(corpus / "metadata.csv"), **kwargs)
    # Every table the command wrote is here, and nothing but documents besides.
    assert set(want) <= set(got)
    assert set(got) - set(want) <= {"documents"}
    assert len(want) >= 1
    for name, frame in want.items():
        assert len(frame) > 0, name
        pdt.assert_frame_equal(got[name], frame, check_exact=True, obj=name)
        COMPARED.add(name)


def test_every_table_compared():
    """The cases above (run first) compared every table of the library's list with the CLI's."""
    assert COMPARED == {name[:-4] for name, _s, _t in _lib.tables()}


def test_run_analysis_file(corpus, tmp_path):
    ini = tmp_path / "an.ini"
    ini.write_text("[corpus]\npath = %s\nmeta = %s\nby = country\n\n[phrases]\nfile = %s\n\n[freq]\n\n"
                   "[keyness]\ntarget = CHN\n\n[trends]\ntime = year\n\n[output]\ndir = out\n"
                   % (corpus / "texts", corpus / "metadata.csv", DICT))
    subprocess.run([RHETOR, "run", str(ini), "--set", "plot.render=no", "--quiet"], check=True)
    got = rhetor.run(ini)
    out = tmp_path / "out"
    files = sorted(f[:-4] for f in os.listdir(out) if f.endswith(".csv"))
    assert sorted(got) == files
    for name in files:
        pdt.assert_frame_equal(got[name], read_csv(out / (name + ".csv")), check_exact=True, obj=name)


def frame_of(corpus):
    meta = pd.read_csv(corpus / "metadata.csv", dtype=str, keep_default_na=False)
    texts = {f[:-4]: (corpus / "texts" / f).read_text(encoding="utf-8") for f in os.listdir(corpus / "texts")}
    meta.insert(1, "text", [texts[i] for i in meta["doc_id"]])
    return meta


def test_data_frame_corpus(corpus):
    """A corpus handed over as a data frame gives the tables of the same corpus read from files."""
    df = frame_of(corpus).sample(frac=1, random_state=3)  # any row order: documents are sorted by doc_id
    kw = dict(phrases=DICT, by="country", time="year")
    got = rhetor.trends(df, **kw)
    want = rhetor.trends(str(corpus / "texts"), meta=str(corpus / "metadata.csv"), **kw)
    assert sorted(got) == sorted(want)
    for name in want:
        pdt.assert_frame_equal(got[name], want[name], check_exact=True, obj=name)


def speeches():
    # Counted by hand: d3 has no country, d5 no year.
    return pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4", "d5"],
        "text": ["Peace and peace.", "Peace talks.", "War.", "Peace war peace war.", "Talks talks."],
        "country": ["A", "B", None, "A", "B"],
        "year": [2000, 2001, 2001, 2002, None],  # a float column with NaN: 2000.0 is read as 2000
    })


def test_hand_counted(tmp_path):
    d = tmp_path / "dict.csv"
    d.write_text("concept,pattern\npeace,peace\ntalks,talks\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = rhetor.freq(speeches(), phrases=str(d), by="country")
    # d3 is left out for want of a country, and the warning says so.
    assert any("d3" in str(w.message) and w.category is rhetor.RhetorWarning for w in caught)
    g = r["phrases_by_group"].set_index(["group", "concept"])
    # A: d1 and d4, 7 tokens, peace 4 times in 2 documents.
    assert g.loc[("A", "peace"), "count"] == 4
    assert g.loc[("A", "peace"), "docs_with"] == 2
    assert g.loc[("A", "peace"), "tokens"] == 7
    assert g.loc[("A", "peace"), "per_10k"] == pytest.approx(4 / 7 * 1e4, rel=1e-9)
    assert g.loc[("B", "talks"), "count"] == 3
    for col in ("count", "docs_with", "docs", "tokens", "per_10k", "ci_low", "ci_high"):
        assert pd.api.types.is_numeric_dtype(r["phrases_by_group"][col]), col
    # Periods come from the year column as whole numbers; d5 (no year) is left out of the trends.
    t = rhetor.trends(speeches(), phrases=str(d), by="country", time="year", where="country != B")
    tr = t["trends"]
    assert sorted(set(tr["period"])) == [2000, 2002]
    row = tr[(tr["group"] == "A") & (tr["period"] == 2002) & (tr["concept"] == "peace")].iloc[0]
    assert (row["count"], row["docs"], row["tokens"]) == (2, 1, 4)
    # NA cells are missing values, in a numeric column.
    fit = t["trend_fit"]
    assert fit["rate_ratio_per_decade"].isna().any()
    assert pd.api.types.is_float_dtype(fit["rate_ratio_per_decade"])


def test_errors(corpus):
    with pytest.raises(rhetor.RhetorError, match="no such metadata column"):
        rhetor.freq(speeches(), by="region")
    with pytest.raises(rhetor.RhetorError, match="no metadata column 'yr'"):
        rhetor.freq(speeches(), where="yr > 1")
    with pytest.raises(rhetor.RhetorError, match="leaves no document"):
        rhetor.freq(speeches(), where=["country = A", "year > 2005"])
    with pytest.raises(rhetor.RhetorError, match="top"):
        rhetor.freq(speeches(), top="many")
    with pytest.raises(rhetor.RhetorError, match="no-such-dir"):
        rhetor.freq("no-such-dir")
    with pytest.raises(rhetor.RhetorError, match="given twice"):
        rhetor.freq(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}))
    with pytest.raises(rhetor.RhetorError, match="no 'text' column"):
        rhetor.freq(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(TypeError, match="unexpected keyword argument 'tpo'"):
        rhetor.freq(speeches(), tpo=3)


def test_everything_comes_from_the_library():
    """The commands are the sections of the library's list of tables; their keywords its schema's keys."""
    sections = []
    for i in range(_lib.lib.rh_tables_count()):
        s = _lib.lib.rh_tables_at(i).contents.section
        if s and s.decode() not in sections:
            sections.append(s.decode())
    assert rhetor.commands() == sections
    assert {"freq", "tfidf", "cooc", "keyness", "kwic", "trends"} <= set(sections)
    for section in sections:
        doc = getattr(rhetor, section).__doc__
        for sec, key, _p, _d in _lib.schema_keys():
            if sec == section:
                assert "[%s] %s" % (sec, key) in doc
        for table in rhetor.tables_of(section):
            assert table in doc
