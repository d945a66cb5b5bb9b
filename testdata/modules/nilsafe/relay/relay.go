// Package relay imports nothing weak either: the gate skips it, and passes
// pb's facts on to app, which names pb's types through relay's aliases.
package relay

import "example.com/nilsafe/pb"

type User = pb.User

type Users = pb.List[*pb.User]
