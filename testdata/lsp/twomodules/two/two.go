package two

func bad() {}

func Two() {
	bad()
	bad()
}
