module example.com/cilib

go 1.26
