library(testthat)
library(rhetor)
test_check("rhetor")
