package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/walletdesk/walletdesk/internal/analytics"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/kb"
)

// Analytics reads the self-service figures (package store).
type Analytics interface {
	SelfService(ctx context.Context, q analytics.SelfServiceQuery) (analytics.SelfService, error)
}

// analyticsPeriods are the periods the page offers, in days.
var analyticsPeriods = []int{7, 30, 90}

const defaultAnalyticsDays = 30

type analyticsPage struct {
	Days       int
	Lang       string
	Periods    []option
	LocaleOpts []option
	Since      string
	Until      string // inclusive, for display
	Report     analytics.SelfService
	MissTables []missTable
	Unhelpful  []votesRow
	Votes      []votesRow
	Deflected  []articleCountRow
	Requests   []dayRow
	MaxPerDay  int
	SLA        []slaTable
	CanEdit    bool
}

// articleRef names an article of a row: title when the help center has
// it, links to the reader's page and (for editors) to the editor.
type articleRef struct {
	Slug, Title string
	Locale      desk.Locale
	ReadURL     string
	EditURL     string
}

type votesRow struct {
	Ref articleRef
	analytics.ArticleVotes
	Percent int
}

type articleCountRow struct {
	Ref    articleRef
	Count  int
	Locale desk.Locale
}

type missTable struct {
	ID, Title string
	Misses    []analytics.SearchMiss
}

type dayRow struct {
	Day string
	analytics.DayRequests
}

type slaTable struct {
	Days int
	Rows []slaRow
}

type slaRow struct {
	analytics.SLARow
	Label   string
	Percent int
	HasPct  bool
	IsTotal bool
}

func (s *Server) analyticsPage(w http.ResponseWriter, r *http.Request) {
	a := agentFrom(r)
	if !a.Can(identity.PermArticleEdit) && !a.Can(identity.PermAuditRead) {
		s.consoleFail(w, r, desk.Errorf(desk.KindForbidden, "forbidden", "%s reads no analytics", a.Role))
		return
	}
	loc := s.locale(r)
	q := r.URL.Query()
	d := analyticsPage{Days: defaultAnalyticsDays, CanEdit: a.Can(identity.PermArticleEdit)}
	if n, err := strconv.Atoi(q.Get("days")); err == nil {
		for _, p := range analyticsPeriods {
			if n == p {
				d.Days = n
			}
		}
	}
	var lang desk.Locale
	if l, ok := desk.ParseLocale(q.Get("lang")); ok {
		lang, d.Lang = l, string(l)
	}
	for _, p := range analyticsPeriods {
		d.Periods = append(d.Periods, option{strconv.Itoa(p), s.cat.T(loc, "console.analytics.last_days", p), p == d.Days})
	}
	d.LocaleOpts = s.localeOptions(loc, d.Lang, "console.articles.any_locale")
	rep, err := s.analytics.SelfService(r.Context(), analytics.SelfServiceQuery{Days: d.Days, Locale: lang})
	if err != nil {
		s.consoleFail(w, r, err)
		return
	}
	d.Report = rep
	d.MissTables = []missTable{
		{"no-result", s.cat.T(loc, "console.analytics.no_result"), rep.NoResult},
		{"weak-result", s.cat.T(loc, "console.analytics.weak_result"), rep.WeakResult},
	}
	d.Since, d.Until = rep.Since.Format("2006-01-02"), rep.Until.AddDate(0, 0, -1).Format("2006-01-02")
	for _, v := range rep.Unhelpful {
		d.Unhelpful = append(d.Unhelpful, votesRow{s.articleRef(r.Context(), v.Slug, v.Locale, d.CanEdit), v, v.HelpfulPercent()})
	}
	for _, v := range rep.Votes {
		d.Votes = append(d.Votes, votesRow{s.articleRef(r.Context(), v.Slug, v.Locale, d.CanEdit), v, v.HelpfulPercent()})
	}
	for _, c := range rep.Deflections {
		d.Deflected = append(d.Deflected, articleCountRow{Ref: s.articleRef(r.Context(), c.Slug, c.Locale, d.CanEdit), Count: c.Count, Locale: c.Locale})
	}
	// Newest day first: what happened today matters most on a phone.
	for i := len(rep.Requests) - 1; i >= 0; i-- {
		day := rep.Requests[i]
		d.Requests = append(d.Requests, dayRow{day.Day.Format("2006-01-02"), day})
		d.MaxPerDay = max(d.MaxPerDay, day.Total)
	}
	for _, win := range rep.SLA {
		t := slaTable{Days: win.Days}
		for _, row := range win.Rows {
			t.Rows = append(t.Rows, s.slaRow(row, row.Severity.String(), false))
		}
		t.Rows = append(t.Rows, s.slaRow(win.Total, s.cat.T(loc, "console.analytics.sla.all"), true))
		d.SLA = append(d.SLA, t)
	}
	s.renderConsole(w, r, "console_analytics", s.consolePage(r, s.cat.T(loc, "console.analytics.title"), d))
}

func (s *Server) slaRow(r analytics.SLARow, label string, total bool) slaRow {
	pct, ok := r.CompliancePercent()
	return slaRow{SLARow: r, Label: label, Percent: pct, HasPct: ok, IsTotal: total}
}

// articleRef names an article by its title in loc when it is published.
func (s *Server) articleRef(ctx context.Context, slug string, loc desk.Locale, canEdit bool) articleRef {
	ref := articleRef{Slug: slug, Title: slug, Locale: loc}
	if v, err := s.kb.Article(ctx, slug, loc); err == nil {
		ref.Title = v.Title
		ref.ReadURL = kb.ArticleURL(v.Locale, slug)
	}
	if canEdit && loc.Valid() {
		ref.EditURL = articleURL(kb.Key{Slug: slug, Locale: loc})
	}
	return ref
}
