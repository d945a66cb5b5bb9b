module example.com/iskeys

go 1.26
