package nilsafe

// A method declared in another file than its type.
func (a *Addr) GetCity() string { // want GetCity:"derefs\\[\\]"
	if a == nil || a.City == "" {
		return "?"
	}
	return a.City
}
