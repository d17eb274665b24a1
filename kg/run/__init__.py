"""Run: one file in, one extracted report or a typed error out; serially, in processes, on Spark, cached."""
