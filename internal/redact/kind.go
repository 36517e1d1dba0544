// Package redact finds secrets in free text (BIP39 recovery phrases, private
// keys, extended private keys, keystore JSON) and replaces them with markers.
// Every piece of inbound text passes through it before it is stored, logged,
// indexed, counted or sent anywhere. The package is pure: no I/O, no globals
// that change, a Redactor is immutable after New.
package redact

// Kind names a class of secret.
type Kind string

const (
	RecoveryPhrase Kind = "recovery_phrase"      // BIP39 words, full or partial
	PrivateKey     Kind = "private_key"          // 64-hex with key context, WIF
	ExtendedKey    Kind = "extended_private_key" // xprv/yprv/zprv/tprv/uprv/vprv...
	Keystore       Kind = "keystore"             // keystore JSON (crypto/ciphertext/kdf)
)

// markerPrefix starts every marker; the redactor treats any marker it finds in
// its input as opaque so that redacting twice changes nothing.
const markerPrefix = "[redacted: "

// Marker returns the text that replaces a secret of this kind. Markers are
// fixed English ASCII; the UI localizes them when it displays a message.
func (k Kind) Marker() string {
	switch k {
	case RecoveryPhrase:
		return "[redacted: recovery phrase]"
	case PrivateKey:
		return "[redacted: private key]"
	case ExtendedKey:
		return "[redacted: extended private key]"
	case Keystore:
		return "[redacted: keystore]"
	}
	return "[redacted: secret]"
}

// kinds lists every kind, for marker recognition.
var kinds = [...]Kind{RecoveryPhrase, PrivateKey, ExtendedKey, Keystore}
