module example.com/inert

go 1.26
