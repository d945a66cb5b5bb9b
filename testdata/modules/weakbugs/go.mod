module example.com/weakbugs

go 1.26
