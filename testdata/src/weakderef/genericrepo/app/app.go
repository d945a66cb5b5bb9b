package app

import "weakderef/genericrepo/store"

type Account struct {
	ID      string
	Balance int
}

func (a *Account) Key() string { return a.ID }

type Service struct {
	accts *store.Repository[string, Account, *Account]
}

func (s *Service) Balance(id string) int {
	return s.accts.Cached(id).Balance // want `possible nil dereference: s.accts.Cached\(id\) may return nil`
}

func (s *Service) Name(id string) string {
	a := s.accts.Cached(id)
	if a == nil {
		return "(gone) " + a.ID // want `possible nil dereference: s.accts.Cached\(id\) may return nil`
	}
	return a.ID
}

// Quiet look-alikes.

func (s *Service) BalanceChecked(id string) int {
	if a := s.accts.Cached(id); a != nil {
		return a.Balance
	}
	return 0
}

func (s *Service) BalanceOrErr(id string) (int, error) {
	a, err := s.accts.Get(id)
	if err != nil {
		return 0, err
	}
	return a.Balance, nil
}

func (s *Service) BalanceIfLive(id string) int {
	if a, ok := s.accts.Live(id); ok {
		return a.Balance
	}
	return 0
}
