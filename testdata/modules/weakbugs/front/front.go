// Package front imports only app: cache's fact on Get reaches it through
// app's facts (unitchecker re-exports facts on methods of imported types).
package front

import "example.com/weakbugs/app"

func Front() string { return app.Default().Get("x").Name }
