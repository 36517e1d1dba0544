package kb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Category groups articles on the home page.
type Category string

const (
	GettingStarted Category = "getting-started"
	WalletAccess   Category = "wallet-access"
	Transactions   Category = "transactions"
	Security       Category = "security"
	Support        Category = "support"
)

// Categories lists the categories in the order the home page shows them.
var Categories = []Category{GettingStarted, WalletAccess, Transactions, Security, Support}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Status says whether readers see an article.
type Status string

const (
	Published Status = "published"
	Draft     Status = "draft"
)

// Article is one help-center article in one locale.
type Article struct {
	Slug     string
	Locale   desk.Locale
	Category Category
	Title    string
	Summary  string
	Keywords []string
	Body     string // Markdown
	Related  []string
	Order    int
	Date     string // YYYY-MM-DD of the last change to the facts
	Status   Status

	Version   int       // set by the store
	UpdatedAt time.Time // set by the store
}

// Hash identifies the content (not the bookkeeping) of an article, so that an
// import can skip what did not change.
func (a Article) Hash() string {
	h := sha256.New()
	for _, s := range []string{a.Slug, string(a.Locale), string(a.Category), a.Title, a.Summary,
		strings.Join(a.Keywords, "\x1f"), a.Body, strings.Join(a.Related, "\x1f"),
		strconv.Itoa(a.Order), a.Date, string(a.Status)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Key is the identity of an article across the store and the index.
type Key struct {
	Slug   string
	Locale desk.Locale
}

func (a Article) Key() Key { return Key{a.Slug, a.Locale} }

// Feedback is a reader's vote on an article, in the locale they read it.
type Feedback struct {
	Slug    string
	Locale  desk.Locale
	Helpful bool
	Comment string // already redacted
}

// ImportStats counts what an import did.
type ImportStats struct {
	Created, Updated, Unchanged int
}

// Store is what the help center needs from persistence.
type Store interface {
	// ImportArticles creates or updates articles in one transaction, skipping
	// unchanged ones and recording a version for every change.
	ImportArticles(ctx context.Context, arts []Article, author string) (ImportStats, error)
	// Articles returns every article, published or not.
	Articles(ctx context.Context) ([]Article, error)
	// ContentVersion grows whenever published content changes.
	ContentVersion(ctx context.Context) (int64, error)
	AddFeedback(ctx context.Context, f Feedback) error
	// RecordSearchMiss counts a search that found nothing (results == 0)
	// or only weak guesses, for editors.
	RecordSearchMiss(ctx context.Context, locale desk.Locale, query string, results int) error
}
