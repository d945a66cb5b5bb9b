module example.com/nvimdemo

go 1.26
