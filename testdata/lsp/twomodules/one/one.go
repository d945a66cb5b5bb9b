package one

func bad() {}

func One() { bad() }
