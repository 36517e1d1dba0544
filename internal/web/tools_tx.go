package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/walletdesk/walletdesk/internal/chain"
	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/kb"
)

// TxDiagnoser explains a transaction from the chain (package chain).
type TxDiagnoser interface {
	Configured() bool
	Chains() []string
	Diagnose(ctx context.Context, req chain.Request) (chain.Diagnosis, error)
}

type txForm struct {
	Hash, Chain, Address string
	Chains               []string
	Configured           bool
	Errors               map[string]string
	Message              string
	Result               *txResult
}

type txResult struct {
	chain.Diagnosis
	StatusLabel string
	ArticleURL  string
	ArticleName string
	CheckedAt   string
}

// toolsTx is the "Check a transaction" page. A GET with a hash runs the
// check, so the page works without JavaScript and its result can be linked.
func (s *Server) toolsTx(w http.ResponseWriter, r *http.Request) {
	loc := s.locale(r)
	q := r.URL.Query()
	f := txForm{Hash: strings.TrimSpace(q.Get("hash")), Chain: q.Get("chain"), Address: strings.TrimSpace(q.Get("address")),
		Configured: s.chain != nil && s.chain.Configured()}
	if f.Configured {
		f.Chains = s.chain.Chains()
	}
	p := s.newPage(r, s.cat.T(loc, "tx.title"), nil)
	p.noIndex = f.Hash != ""
	code := http.StatusOK
	if f.Hash != "" && f.Configured {
		if ok, wait := s.limits.allow(classDiagnose, s.clientIP(r)); !ok {
			s.fail(w, r, &desk.Error{Kind: desk.KindRateLimited, Code: "rate_limited", RetryAfter: wait})
			return
		}
		dg, err := s.chain.Diagnose(r.Context(), chain.Request{Chain: f.Chain, Hash: f.Hash, Address: f.Address, Locale: string(loc)})
		if err != nil {
			de := asDeskError(err)
			if de == nil || (de.Kind != desk.KindInvalid && de.Kind != desk.KindUnavailable) {
				s.fail(w, r, err)
				return
			}
			f.Errors = map[string]string{}
			for field, code := range de.Fields {
				f.Errors[field] = s.cat.T(loc, "field."+code)
			}
			f.Message = s.cat.T(loc, "error."+de.Code)
			code = status(de.Kind)
		} else {
			f.Result = s.txResult(dg, loc)
		}
	}
	p.Data = f
	s.renderStatus(w, r, code, "tools_tx", p)
}

func (s *Server) txResult(dg chain.Diagnosis, loc desk.Locale) *txResult {
	res := &txResult{Diagnosis: dg, StatusLabel: s.cat.T(loc, "tx.status."+string(dg.Status)), CheckedAt: formatTime(dg.CheckedAt, loc)}
	if dg.Article != "" {
		if ref, ok := s.kb.Lookup(dg.Article, loc); ok {
			res.ArticleURL, res.ArticleName = ref.URL, ref.Title
		}
	}
	return res
}

// apiDiagnoseTx: POST /api/v1/diagnose/tx {"chain"?,"hash","address"?,"locale"}.
func (s *Server) apiDiagnoseTx(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Chain   string `json:"chain"`
		Hash    string `json:"hash"`
		Address string `json:"address"`
		Locale  string `json:"locale"`
	}
	if err := s.decodeJSON(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	loc, ok := desk.ParseLocale(req.Locale)
	if !ok {
		loc = s.locale(r)
	}
	r = withLocale(r, loc)
	if strings.TrimSpace(req.Hash) == "" {
		s.fail(w, r, desk.Invalid("invalid_input", map[string]string{"hash": "required"}))
		return
	}
	if s.chain == nil || !s.chain.Configured() {
		s.fail(w, r, &desk.Error{Kind: desk.KindUnavailable, Code: "chain_not_configured"})
		return
	}
	dg, err := s.chain.Diagnose(r.Context(), chain.Request{Chain: strings.ToLower(strings.TrimSpace(req.Chain)),
		Hash: strings.TrimSpace(req.Hash), Address: strings.TrimSpace(req.Address), Locale: string(loc)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		chain.Diagnosis
		ArticleURL string `json:"article_url,omitempty"`
	}{Diagnosis: dg}
	if dg.Findings == nil {
		out.Findings = []chain.Finding{}
	}
	if dg.Advice == nil {
		out.Advice = []chain.Advice{}
	}
	if dg.Article != "" {
		out.ArticleURL = kb.ArticleURL(loc, dg.Article)
	}
	writeJSON(w, http.StatusOK, out)
}
