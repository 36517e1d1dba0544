package ticket

import (
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Every playbook exists in every locale, quotes the request number and the
// target, and never asks for a secret.
func TestPlaybooksInEveryLocale(t *testing.T) {
	for _, loc := range desk.Locales {
		for _, pb := range []playbook{playbookTheft, playbookExposed, playbookFakeSupport, playbookPossible, playbookStandard} {
			text := firstReply(loc, pb, 4711, 15*time.Minute, []desk.ArticleRef{{Slug: "transaction-pending", Title: "T"}})
			if !strings.Contains(text, "4711") || strings.Contains(text, "%!") {
				t.Errorf("%s/%s: %q", loc, pb, text)
			}
		}
	}
	if got := playbookFor([]string{"transfer_pending", "possible_loss_review"}, false); got != playbookPossible {
		t.Errorf("possible loss: %s", got)
	}
	if got := playbookFor([]string{"possible_loss_review", "theft_reported"}, false); got != playbookTheft {
		t.Errorf("a reported theft wins over a possible loss: %s", got)
	}
}
