package identity

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// Stage is how far a browser session has come through sign-in. Only
// StageFull reaches the console; the others reach only the page that
// completes them.
type Stage string

const (
	StageTOTP     Stage = "totp"     // password accepted; second factor (or recovery code) pending
	StagePassword Stage = "password" // signed in with a one-time password; must choose their own
	StageEnroll   Stage = "enroll"   // the role requires a second factor that is not enrolled yet
	StageFull     Stage = "full"
)

// Session is a signed-in browser. The cookie holds a 256-bit random token;
// the store holds only its SHA-256, so a database leak opens no session.
type Session struct {
	TokenHash  string
	AgentID    int64
	Stage      Stage
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute end, whatever the activity
	IP         string
	UserAgent  string
}

// SignIn is the outcome of a sign-in step: a new session token for the
// cookie (the previous one, if any, is no longer valid) and its stage.
type SignIn struct {
	Token   string
	Stage   Stage
	Agent   Agent
	Expires time.Time
}

// newSecretToken returns a 256-bit random token, URL-safe, with a prefix
// that says what it is (useful in secret scanners and when pasted in the
// wrong place), and its hash.
func newSecretToken(prefix string) (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is how session and API tokens are stored and looked up.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CSRFToken is the anti-forgery token bound to a session: derived from the
// session token (which only the browser holding the cookie knows), so it
// needs no storage, changes with every new session, and reveals nothing
// about the cookie.
func CSRFToken(sessionToken string) string {
	sum := sha256.Sum256([]byte("walletdesk csrf\x00" + sessionToken))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

const (
	sessionPrefix  = "wds_"
	apiTokenPrefix = "wdt_"
)
