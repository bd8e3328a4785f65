# rhetor.R: the package's R side: the commands made from the library's list of tables, their
# arguments from its schema, and each table's bytes read as a data frame.

# Sections about files drawn or written, not tables (the package writes no files).
.file_sections <- c("plot", "report", "rhetor")

#' The schema's keys, as the library lists them.
.schema <- function() {
  s <- .Call(rhetor_schema)
  data.frame(section = s[[1]], key = s[[2]], is_path = s[[3]], default = s[[4]], stringsAsFactors = FALSE)
}

rh_tables <- function() {
  t <- .Call(rhetor_tables)
  data.frame(name = t[[1]], section = t[[2]], stringsAsFactors = FALSE)
}

rh_commands <- function() {
  s <- rh_tables()$section
  unique(s[!is.na(s)])
}

# The arguments of a command: its own section's keys, then those of the sections every command
# shares (those with no table: corpus, phrases, output); a section of one key is named by the
# section (phrases is [phrases] file); a name already taken is section_key.
rh_keys <- function(command) {
  s <- .schema()
  tabled <- unique(stats::na.omit(rh_tables()$section))
  own <- s[s$section == command, ]
  shared <- s[!(s$section %in% c(tabled, .file_sections)) & s$section != command, ]
  k <- rbind(own, shared)
  k <- k[!(k$section == "corpus" & k$key == "path") & !(k$section == "output" & k$key == "dir"), ]
  per <- table(s$section)
  arg <- ifelse(k$section != command & per[k$section] == 1, k$section, k$key)
  for (i in seq_along(arg)) if (arg[i] %in% arg[seq_len(i - 1)]) arg[i] <- paste0(k$section[i], "_", k$key[i])
  data.frame(argument = arg, section = k$section, key = k$key, default = k$default, stringsAsFactors = FALSE,
             row.names = NULL)
}

.value <- function(v) {
  if (is.logical(v)) return(ifelse(v, "yes", "no"))
  paste(format(v, scientific = FALSE, trim = TRUE), collapse = ",")
}

.data_dir <- function() {
  d <- Sys.getenv("RHETOR_DATA_DIR")
  if (nzchar(d)) d else NULL
}

# A data frame with doc_id and text columns (the others metadata) for the library.
.memory_corpus <- function(df) {
  for (col in c("doc_id", "text"))
    if (!(col %in% names(df)))
      stop(sprintf("the corpus data frame has no '%s' column (columns: %s)", col,
                   paste(names(df), collapse = ", ")), call. = FALSE)
  meta <- setdiff(names(df), c("doc_id", "text"))
  cell <- function(v) {
    out <- if (is.numeric(v)) format(v, scientific = FALSE, trim = TRUE, digits = 15) else as.character(v)
    out[is.na(v)] <- NA_character_
    out
  }
  text <- as.character(df$text)
  text[is.na(text)] <- ""
  list(as.character(df$doc_id), enc2utf8(text), enc2utf8(meta),
       enc2utf8(unlist(lapply(meta, function(m) cell(df[[m]])), use.names = FALSE) %||% character()))
}

`%||%` <- function(a, b) if (is.null(a)) b else a

# The tables' bytes as data frames, named without .csv; the run's warnings as R warnings.
.frames <- function(res) {
  for (w in res[[2]]) warning(w, call. = FALSE)
  tabs <- lapply(res[[1]], function(bytes) {
    text <- rawToChar(bytes)
    Encoding(text) <- "UTF-8"
    # A byte-order mark ([output] excel) is no part of the first column's name.
    text <- sub("^\ufeff", "", text)
    utils::read.csv(text = text, na.strings = "NA", stringsAsFactors = FALSE, check.names = FALSE,
                    encoding = "UTF-8")
  })
  names(tabs) <- sub("\\.csv$", "", names(res[[1]]))
  tabs
}

.corpus_keys <- function(corpus) {
  if (is.data.frame(corpus)) return(list(path = "memory", mem = .memory_corpus(corpus)))
  list(path = paste(path.expand(corpus), collapse = ","), mem = NULL)
}

rh_command <- function(command, corpus, ..., threads = NULL) {
  args <- list(...)
  keys <- rh_keys(command)
  if (length(args) && (is.null(names(args)) || any(!nzchar(names(args)))))
    stop("every setting is named (", paste(keys$argument, collapse = ", "), ")", call. = FALSE)
  unknown <- setdiff(names(args), keys$argument)
  if (length(unknown))
    stop(sprintf("rh_%s: unknown argument '%s' (it takes: %s)", command, unknown[1],
                 paste(keys$argument, collapse = ", ")), call. = FALSE)
  args <- args[!vapply(args, is.null, logical(1))]
  k <- keys[match(names(args), keys$argument), ]
  vals <- vapply(seq_along(args), function(i) {
    v <- args[[i]]
    # Several tests of a selection must all hold.
    if (k$section[i] == "corpus" && k$key[i] == "where") paste(v, collapse = ";") else .value(v)
  }, character(1))
  ck <- .corpus_keys(corpus)
  res <- .Call(rhetor_run, NULL, NULL, command, c(k$section, "corpus"), c(k$key, "path"),
               enc2utf8(c(vals, ck$path)), NULL, ck$mem, threads, .data_dir())
  .frames(res)
}

rh_run <- function(analysis, corpus = NULL, threads = NULL) {
  text <- paste(readLines(analysis, warn = FALSE, encoding = "UTF-8"), collapse = "\n")
  ck <- if (is.null(corpus)) list(path = NULL, mem = NULL) else .corpus_keys(corpus)
  res <- .Call(rhetor_run, enc2utf8(paste0(text, "\n")), analysis, character(),
               if (is.null(ck$path)) character() else "corpus", if (is.null(ck$path)) character() else "path",
               if (is.null(ck$path)) character() else ck$path, dirname(analysis), ck$mem, threads, .data_dir())
  .frames(res)
}

# rh_freq, rh_tfidf, ...: one function per section of the library's list of tables.
.make_command <- function(command) {
  force(command)
  function(corpus, ..., threads = NULL) rh_command(command, corpus, ..., threads = threads)
}

.onLoad <- function(libname, pkgname) {
  ns <- topenv(environment())
  for (s in rh_commands()) assign(paste0("rh_", s), .make_command(s), envir = ns)
}
