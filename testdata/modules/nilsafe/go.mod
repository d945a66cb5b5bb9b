module example.com/nilsafe

go 1.26
