# test_trends_quasi.sh: the quasi-Poisson columns of trend_fit.csv against R's glm(family = quasipoisson).
. "$(dirname "$0")/lib.sh"
command -v Rscript >/dev/null || { echo "SKIP: Rscript is not installed (apt-get install r-base-core)"; exit 77; }

# One overdispersed series: counts far from a Poisson trend, and a quiet one (dispersion below 1).
mkdir -p c
: > meta.csv; echo "doc_id,country,year" > meta.csv
n=0
for y in 2000 2001 2002 2003 2004 2005 2006 2007; do
	for who in A B; do
		case $who$y in
		A2000) k=1 ;; A2001) k=9 ;; A2002) k=0 ;; A2003) k=12 ;; A2004) k=2 ;; A2005) k=15 ;; A2006) k=1 ;; A2007) k=20 ;;
		*) k=$(( (y - 1999) / 3 + 1 )) ;;
		esac
		{ for i in $(seq 1 $k); do printf 'We seek win-win cooperation today. '; done
		  for i in $(seq 1 40); do printf 'The assembly met and spoke of many things. '; done; echo; } > c/$who$y.txt
		echo "$who$y,$who,$y" >> meta.csv
	done
done
printf 'concept,pattern\nwin_win,win-win cooperation\n' > dict.csv
expect_status 0 "$RHETOR" trends c --meta meta.csv --phrases dict.csv --time year --by country -o out --quiet
# R fits the same counts with the same offsets (tokens per speech from documents.csv).
Rscript - out/trends.csv out/trend_fit.csv > r.txt 2>&1 <<'R'
a <- commandArgs(TRUE)
tr <- read.csv(a[1]); fit <- read.csv(a[2])
bad <- 0
for (g in c("A", "B")) {
  d <- tr[tr$group == g & tr$concept == "win_win", ]
  # R's default stops at a relative deviance change of 1e-8; rhetor iterates to 1e-10, so R is asked to go as far.
  m <- glm(count ~ period + offset(log(tokens)), family = quasipoisson, data = d,
           control = glm.control(epsilon = 1e-14, maxit = 100))
  s <- summary(m)$coefficients["period", ]
  phi <- summary(m)$dispersion
  f <- fit[fit$group == g & fit$concept == "win_win", ]
  tq <- qt(0.975, df.residual(m))
  lo <- exp(10 * (s[1] - tq * s[2])); hi <- exp(10 * (s[1] + tq * s[2]))
  cat(g, "dispersion", format(phi, digits = 12), "rhetor", format(f$dispersion, digits = 12),
      "p", format(s[4], digits = 12), "rhetor", format(f$qp_p_value, digits = 12), "\n")
  if (abs(phi - f$dispersion) > 1e-8 * phi) bad <- bad + 1
  if (phi > 1) {
    if (abs(s[4] - f$qp_p_value) > 1e-8 * s[4] + 1e-15) bad <- bad + 1
    if (abs(lo - f$qp_ci_low) > 1e-8 * lo || abs(hi - f$qp_ci_high) > 1e-8 * hi) bad <- bad + 1
  } else if (!is.na(f$qp_p_value)) bad <- bad + 1
}
if (phi <= 1) cat("B is not overdispersed: its quasi-Poisson cells are NA\n")
quit(status = bad > 0)
R
rc=$?
cat r.txt
[ $rc = 0 ] && ok || fail "quasi-Poisson columns disagree with R"
grep -q "^A dispersion" r.txt && ok || fail "R did not fit A"
finish
