// Package ignore defines the analyzers that keep //weaklint:ignore
// directives honest, after staticcheck's //lint:ignore: a directive must
// name known analyzers and say why, and one that silences nothing is
// reported, so suppressions cannot rot.
//
// # Analyzer ignoredirective
//
// ignoredirective: report malformed //weaklint:ignore directives
//
// A directive reads
//
//	//weaklint:ignore NAMES reason
//
// where NAMES is one analyzer name, several separated by commas, or all,
// and the reason says why the report is wrong or deliberate. It silences
// the named analyzers' reports on its own line and on the line below. This
// analyzer reports, at the directive, a directive without names or without
// a reason (such a directive silences nothing), and, at the name, a name
// that is not one of weaklint's analyzers (a typo would otherwise leave the
// report it meant to silence, or silence nothing ever after).
//
// # Analyzer unusedignore
//
// unusedignore: report //weaklint:ignore directives that silence nothing
//
// A directive whose analyzer no longer reports anything on its lines (the
// code was fixed, moved, or the analyzer got more precise) hides the next
// real report there. This analyzer reports each name of a well-formed
// directive that silenced no report of that analyzer in this run, and a
// directive naming all that silenced nothing. It runs every check named in
// a directive, with this run's settings: a directive for the opt-in
// -strongcache.memo rule is unused in runs without that flag. The
// suggested fix removes the directive (its line, if it stands alone), or
// the one stale name of a directive whose other names are used. Turn it
// off with -unusedignore=false.
package ignore
