module example.com/ciapp

go 1.26

require example.com/cilib v0.0.0

replace example.com/cilib => ../cilib
