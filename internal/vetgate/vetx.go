package vetgate

import "bytes"

// relevantPathStrings are the import paths of weak and runtimeweak as they
// appear in the types section of a vetx file (exportedString). A package's
// export data holds every package-level declaration and the types they
// reach, so a package whose declarations can hold a weak pointer mentions
// one of these paths. The search can only err towards type-checking (an
// identifier spelled "weak" matches too).
var relevantPathStrings = func() [][]byte {
	var out [][]byte
	for path := range relevantImports {
		out = append(out, exportedString(path))
	}
	return out
}()

// typesMentionRelevant reports whether the types section of a vetx file
// mentions the weak or runtimeweak package.
func typesMentionRelevant(filename string, h vetxHeader) (bool, error) {
	data, err := readVetxTypes(filename, h)
	if err != nil {
		return false, err
	}
	for _, s := range relevantPathStrings {
		if bytes.Contains(data, s) {
			return true, nil
		}
	}
	return false, nil
}
