module weakderef/elemfields

go 1.26
