package nilsafe

// A method declared in another file than its type.
func (a *Addr) GetCity() string { // want GetCity:`^derefs\[\] nil0->0="\?"$`
	if a == nil || a.City == "" {
		return "?"
	}
	return a.City
}
