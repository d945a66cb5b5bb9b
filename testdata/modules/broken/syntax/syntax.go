// Package syntax does not parse: weaklint must say why and exit 1.
package syntax

func F( {
