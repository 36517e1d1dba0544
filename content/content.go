// Package content embeds the built-in help center: articles under
// kb/<locale>/, images under media/ and search synonyms under synonyms/.
// A new installation loads it into the database on first start.
package content

import (
	"embed"
	"io/fs"
)

//go:embed kb media synonyms
var files embed.FS

// FS returns the built-in content.
func FS() fs.FS { return files }
