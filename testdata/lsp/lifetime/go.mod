module example.com/lifetime

go 1.26
