# The same tables as the command line, cell for cell; corpora from data frames; errors.

rhetor_bin <- Sys.getenv("RHETOR_BIN")
src <- Sys.getenv("RHETOR_SRC")
dict <- file.path(src, "datasets", "phrases", "diplomatic.csv")

need_cli <- function() {
  if (!nzchar(rhetor_bin) || !nzchar(src)) skip("RHETOR_BIN and RHETOR_SRC name the rhetor program and source tree")
}

read_table <- function(path) {
  read.csv(path, na.strings = "NA", stringsAsFactors = FALSE, check.names = FALSE, encoding = "UTF-8",
           fileEncoding = "UTF-8-BOM")
}

fixture <- local({
  dir <- NULL
  function() {
    if (is.null(dir)) {
      dir <<- tempfile("corpus")
      st <- system2(rhetor_bin, c("synth", "-o", dir, "--docs", "60", "--countries", "6", "--years", "2000-2009",
                                  "--doc-words", "300", "--seed", "11", "--quiet"))
      stopifnot(st == 0)
    }
    dir
  }
})

cli <- function(command, flags) {
  corpus <- fixture()
  out <- tempfile("out")
  st <- system2(rhetor_bin, c(if (command == "candidates") "phrases" else command, file.path(corpus, "texts"), "--meta", file.path(corpus, "metadata.csv"),
                              shQuote(flags), "-o", out, "--quiet"))
  stopifnot(st == 0)
  files <- sort(list.files(out, pattern = "\\.csv$"))
  tabs <- lapply(file.path(out, files), read_table)
  names(tabs) <- sub("\\.csv$", "", files)
  tabs
}

cases <- list(
  list("freq", list(phrases = dict, by = "country", dispersion = TRUE, top = 30),
       c("--phrases", dict, "--by", "country", "--dispersion", "--top", "30")),
  list("tfidf", list(by = "country", unit = "group", similarity = TRUE, top = 15),
       c("--by", "country", "--unit", "group", "--similarity", "--top", "15")),
  list("cooc", list(phrases = dict, window = 4, top = 20, stopwords = "en"),
       c("--phrases", dict, "--window", "4", "--top", "20", "--stopwords", "en")),
  list("keyness", list(by = "country", target = "CHN", phrases = dict, top = 25),
       c("--by", "country", "--target", "CHN", "--phrases", dict, "--top", "25")),
  list("kwic", list(phrases = dict, context = 6), c("--phrases", dict, "--context", "6")),
  list("keyness", list(by = "country", target = "CHN", reference = "rest", ngrams = "1-2", min_count = 3),
       c("--by", "country", "--target", "CHN", "--reference", "rest", "--ngrams", "1-2", "--min-count", "3")),
  list("trends", list(phrases = dict, time = "year", by = "country", where = c("year >= 2002")),
       c("--phrases", dict, "--time", "year", "--by", "country", "--where", "year >= 2002")),
  # The command line's phrases is the library's candidates; the dictionary's copy goes outside the output.
  list("candidates", list(size = "2-3", min_count = 3, by = "country", target = "CHN", dictionary = TRUE,
                          dictionary_top = 20),
       c("--size", "2-3", "--min-count", "3", "--by", "country", "--target", "CHN",
         "--dictionary-out", file.path(tempdir(), "found.csv"), "--dictionary-top", "20"))
)

test_that("every command gives the tables of the command line, cell for cell", {
  need_cli()
  compared <- character()
  for (case in cases) {
    want <- cli(case[[1]], case[[3]])
    corpus <- fixture()
    # The fixture's metadata name columns as documents.csv does: warned about, as expected.
    got <- suppressWarnings(do.call(rh_command, c(list(case[[1]], file.path(corpus, "texts"), meta = file.path(corpus, "metadata.csv")),
                                 case[[2]])))
    expect_true(all(names(want) %in% names(got)), label = case[[1]])
    expect_true(all(setdiff(names(got), names(want)) %in% "documents"), label = case[[1]])
    expect_gt(length(want), 0)
    for (name in names(want)) {
      expect_gt(nrow(want[[name]]), 0)
      expect_identical(got[[name]], want[[name]], label = paste(case[[1]], name))
      compared <- union(compared, name)
    }
  }
  # Every table of the library's list was compared.
  expect_setequal(compared, sub("\\.csv$", "", rh_tables()$name))
})

test_that("rh_run gives the tables of rhetor run", {
  need_cli()
  corpus <- fixture()
  dir <- tempfile("an")
  dir.create(dir)
  ini <- file.path(dir, "an.ini")
  writeLines(c("[corpus]", paste("path =", file.path(corpus, "texts")), paste("meta =", file.path(corpus, "metadata.csv")),
               "by = country", "", "[phrases]", paste("file =", dict), "", "[freq]", "", "[keyness]", "target = CHN",
               "", "[trends]", "time = year", "", "[output]", "dir = out"), ini)
  expect_equal(system2(rhetor_bin, c("run", ini, "--set", "plot.render=no", "--quiet")), 0)
  got <- suppressWarnings(rh_run(ini))
  files <- sort(list.files(file.path(dir, "out"), pattern = "\\.csv$"))
  expect_setequal(names(got), sub("\\.csv$", "", files))
  for (f in files) expect_identical(got[[sub("\\.csv$", "", f)]], read_table(file.path(dir, "out", f)), label = f)
})

test_that("a data frame corpus gives the tables of the same corpus read from files", {
  need_cli()
  corpus <- fixture()
  meta <- read.csv(file.path(corpus, "metadata.csv"), colClasses = "character", stringsAsFactors = FALSE)
  texts <- vapply(meta$doc_id, function(id)
    paste(readLines(file.path(corpus, "texts", paste0(id, ".txt")), warn = FALSE, encoding = "UTF-8"), collapse = "\n"),
    character(1))
  df <- data.frame(doc_id = meta$doc_id, text = texts, meta[setdiff(names(meta), "doc_id")], stringsAsFactors = FALSE)
  # Texts read with readLines lose a last newline: the files are compared as the same texts.
  files <- tempfile("same")
  dir.create(files)
  for (i in seq_len(nrow(df))) writeLines(df$text[i], file.path(files, paste0(df$doc_id[i], ".txt")), sep = "")
  df <- df[rev(seq_len(nrow(df))), ] # any row order: documents are sorted by doc_id
  got <- suppressWarnings(rh_trends(df, phrases = dict, by = "country", time = "year"))
  want <- suppressWarnings(rh_trends(files, meta = file.path(corpus, "metadata.csv"), phrases = dict, by = "country",
                                     time = "year"))
  expect_setequal(names(got), names(want))
  for (n in names(want)) expect_identical(got[[n]], want[[n]], label = n)
})

speeches <- function() {
  # Counted by hand: d3 has no country, d5 no year.
  data.frame(doc_id = c("d1", "d2", "d3", "d4", "d5"),
             text = c("Peace and peace.", "Peace talks.", "War.", "Peace war peace war.", "Talks talks."),
             country = c("A", "B", NA, "A", "B"), year = c(2000, 2001, 2001, 2002, NA), stringsAsFactors = FALSE)
}

test_that("counts on a small corpus agree with hand arithmetic", {
  d <- tempfile(fileext = ".csv")
  writeLines(c("concept,pattern", "peace,peace", "talks,talks"), d)
  expect_warning(r <- rh_freq(speeches(), phrases = d, by = "country"), "d3")
  g <- r$phrases_by_group
  a <- g[g$group == "A" & g$concept == "peace", ]
  # A: d1 and d4, 7 tokens, peace 4 times in 2 documents.
  expect_equal(c(a$count, a$docs_with, a$tokens), c(4, 2, 7))
  expect_equal(a$per_10k, 4 / 7 * 1e4, tolerance = 1e-9)
  expect_equal(g$count[g$group == "B" & g$concept == "talks"], 3)
  for (col in c("count", "docs_with", "docs", "tokens", "per_10k", "ci_low", "ci_high")) expect_true(is.numeric(g[[col]]))
  t <- suppressWarnings(rh_trends(speeches(), phrases = d, by = "country", time = "year", where = "country != B"))
  expect_equal(sort(unique(t$trends$period)), c(2000, 2002))
  row <- t$trends[t$trends$group == "A" & t$trends$period == 2002 & t$trends$concept == "peace", ]
  expect_equal(c(row$count, row$docs, row$tokens), c(2, 1, 4))
  expect_true(any(is.na(t$trend_fit$rate_ratio_per_decade)))
  expect_true(is.numeric(t$trend_fit$rate_ratio_per_decade))
})

test_that("errors carry rhetor's message", {
  expect_error(suppressWarnings(rh_freq(speeches(), by = "region")), "no such metadata column")
  expect_error(rh_freq(speeches(), where = "yr > 1"), "no metadata column 'yr'")
  expect_error(rh_freq(speeches(), where = c("country = A", "year > 2005")), "leaves no document")
  expect_error(rh_freq(speeches(), top = "many"), "top")
  expect_error(rh_freq("no-such-dir"), "no-such-dir")
  expect_error(rh_freq(data.frame(doc_id = c("a", "a"), text = c("x", "y"))), "given twice")
  expect_error(rh_freq(data.frame(doc_id = "a")), "no 'text' column")
  expect_error(rh_freq(speeches(), tpo = 3), "unknown argument 'tpo'")
})

test_that("the commands and their arguments come from the library", {
  tabs <- rh_tables()
  sections <- unique(tabs$section[!is.na(tabs$section)])
  expect_identical(rh_commands(), sections)
  expect_true(all(c("freq", "tfidf", "cooc", "keyness", "kwic", "trends") %in% sections))
  for (s in sections) {
    expect_true(is.function(get(paste0("rh_", s), envir = asNamespace("rhetor"))))
    expect_true(paste0("rh_", s) %in% getNamespaceExports("rhetor"))
    k <- rh_keys(s)
    schema <- rhetor:::.schema()
    expect_true(all(schema$key[schema$section == s] %in% k$key[k$section == s]))
  }
})
