package chain

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// Options tunes a Diagnoser; zero values take the defaults.
type Options struct {
	Timeout  time.Duration    // per node call; default 8s
	CacheTTL time.Duration    // how long a diagnosis is reused; default 30s, negative disables
	Budget   time.Duration    // one whole diagnosis; default 4 × Timeout
	Logger   *slog.Logger     // default slog.Default()
	Clock    func() time.Time // default time.Now
}

// Response size caps: a full EVM block can be a few MB; a REST answer about
// one transaction or account is far smaller.
const (
	maxRPCBody  = 16 << 20
	maxRESTBody = 4 << 20
)

// clients are the HTTP clients shared by all nodes of a Diagnoser.
type clients struct {
	rpc     *http.Client
	rest    *http.Client
	timeout time.Duration
}

// Diagnoser answers Requests from the configured chains.
type Diagnoser struct {
	store   Store
	log     *slog.Logger
	now     func() time.Time
	timeout time.Duration
	cache   *cache

	names []string // sorted
	kinds map[string]Kind
	evm   map[string]*evmNode
	btc   map[string]*esploraNode
	tron  map[string]*tronNode
}

// New builds a Diagnoser. store may be nil (nothing is remembered, so a
// vanished transaction reads as not found). Every EVM chain with an expected
// chain id is checked against its node now; a mismatch is an error, an
// unreachable node is logged and checked again on first use.
func New(ctx context.Context, cfgs []Config, store Store, opts Options) (*Diagnoser, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 8 * time.Second
	}
	if opts.CacheTTL == 0 {
		opts.CacheTTL = 30 * time.Second
	}
	if opts.Budget <= 0 {
		opts.Budget = 4 * opts.Timeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	d := &Diagnoser{
		store: store, log: opts.Logger, now: opts.Clock, timeout: opts.Timeout,
		cache: newCache(opts.CacheTTL, opts.Budget, opts.Clock),
		kinds: map[string]Kind{}, evm: map[string]*evmNode{}, btc: map[string]*esploraNode{}, tron: map[string]*tronNode{},
	}
	hc := clients{rpc: newHTTPClient(opts.Timeout, maxRPCBody), rest: newHTTPClient(opts.Timeout, maxRESTBody), timeout: opts.Timeout}
	for _, c := range cfgs {
		if err := c.validate(); err != nil {
			return nil, desk.Errorf(desk.KindInvalid, "chain_config", "chain %s: %v", c.Name, err)
		}
		if _, dup := d.kinds[c.Name]; dup {
			return nil, desk.Errorf(desk.KindInvalid, "chain_config", "chain %s is configured twice", c.Name)
		}
		d.kinds[c.Name] = c.Kind
		d.names = append(d.names, c.Name)
		switch c.Kind {
		case KindEVM:
			n, err := dialEVM(ctx, c, hc)
			if err != nil {
				return nil, desk.Errorf(desk.KindInvalid, "chain_config", "%v", err)
			}
			d.evm[c.Name] = n
		case KindEsplora:
			d.btc[c.Name] = newEsplora(c, hc)
		case KindTronGrid:
			d.tron[c.Name] = newTron(c, hc)
		}
	}
	sort.Strings(d.names)
	if err := d.checkChainIDs(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Diagnoser) checkChainIDs(ctx context.Context) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for _, n := range d.evm {
		if n.cfg.ChainID == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := n.ready(ctx)
			if err == nil {
				return
			}
			if desk.ErrorCode(err) == "chain_id_mismatch" {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
				return
			}
			d.log.Warn("chain node unreachable at start; its chain id will be checked on first use",
				"chain", n.cfg.Name, "err", err)
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return &desk.Error{Kind: desk.KindInvalid, Code: "chain_id_mismatch", Err: errors.Join(errs...)}
	}
	return nil
}

// Configured reports whether any chain is configured.
func (d *Diagnoser) Configured() bool { return d != nil && len(d.names) > 0 }

// Chains lists the configured chain names, sorted.
func (d *Diagnoser) Chains() []string {
	if d == nil {
		return nil
	}
	return append([]string(nil), d.names...)
}

// Diagnose looks the transaction up and explains it in req.Locale (English
// when unsupported). Errors: KindInvalid with Fields hash/chain/address for
// bad input; KindUnavailable "chain_not_configured" when no chain can check
// this hash, "chain_unreachable" when every relevant node failed.
func (d *Diagnoser) Diagnose(ctx context.Context, req Request) (Diagnosis, error) {
	loc, ok := desk.ParseLocale(req.Locale)
	if !ok {
		loc = desk.DefaultLocale
	}
	if !d.Configured() {
		return Diagnosis{}, &desk.Error{Kind: desk.KindUnavailable, Code: "chain_not_configured"}
	}
	q, err := d.parse(req)
	if err != nil {
		return Diagnosis{}, err
	}
	key := q.chain + "|" + q.hash + "|" + q.address
	res, err := d.cache.do(ctx, key, func(ctx context.Context) (result, error) {
		res, err := d.run(ctx, q)
		if err == nil {
			res.checkedAt = d.now().UTC()
		}
		return res, err
	})
	if err != nil {
		if ctx.Err() != nil {
			return Diagnosis{}, ctx.Err()
		}
		return Diagnosis{}, err
	}
	return res.localize(loc), nil
}

// query is a validated request.
type query struct {
	chain   string // "" when not given
	kind    Kind   // KindEVM, or "" for a bare 64-hex id (Bitcoin or TRON)
	hash    string
	address string
}

func (d *Diagnoser) parse(req Request) (query, error) {
	q := query{chain: strings.ToLower(strings.TrimSpace(req.Chain))}
	if q.chain != "" {
		kind, ok := d.kinds[q.chain]
		if !ok {
			return query{}, desk.Invalid("invalid_input", map[string]string{"chain": "chain_unknown"})
		}
		q.kind = kind
		if q.hash, ok = normalizeHash(kind, req.Hash); !ok {
			return query{}, desk.Invalid("invalid_input", map[string]string{"hash": "hash_format"})
		}
	} else if h, ok := normalizeEVMHash(req.Hash); ok {
		q.kind, q.hash = KindEVM, h
	} else if h, ok := normalizeTxID(req.Hash); ok {
		q.hash = h
	} else {
		return query{}, desk.Invalid("invalid_input", map[string]string{"hash": "hash_format"})
	}
	if strings.TrimSpace(req.Address) != "" {
		a, ok := "", false
		if q.kind != "" {
			a, ok = normalizeAddress(q.kind, req.Address)
		} else if a, ok = normalizeAddress(KindTronGrid, req.Address); !ok {
			a, ok = normalizeAddress(KindEsplora, req.Address)
		}
		if !ok {
			return query{}, desk.Invalid("invalid_input", map[string]string{"address": "address_format"})
		}
		q.address = a
	}
	if q.chain == "" {
		if q.kind == KindEVM && len(d.evm) == 0 || q.kind == "" && len(d.btc)+len(d.tron) == 0 {
			return query{}, &desk.Error{Kind: desk.KindUnavailable, Code: "chain_not_configured",
				Err: fmt.Errorf("no configured chain takes a hash of this format")}
		}
	}
	return q, nil
}

func (d *Diagnoser) run(ctx context.Context, q query) (result, error) {
	if q.kind == KindEVM {
		return d.diagnoseEVM(ctx, q)
	}
	return d.diagnoseTxID(ctx, q)
}

// unreachable is the error when no relevant node answered.
func unreachable(cause error) error {
	return &desk.Error{Kind: desk.KindUnavailable, Code: "chain_unreachable", Err: cause}
}

// notFound is the answer when no configured chain knows the hash; unchecked
// names the chains whose nodes failed, so "not found" is not overstated.
func notFound(chain, hash string, checked, unchecked []string) result {
	r := result{chain: chain, hash: hash, status: StatusNotFound, article: "transaction-not-found"}
	sort.Strings(checked)
	r.find(newFact("not_found", map[string]any{"chains": checked}))
	if len(unchecked) > 0 {
		sort.Strings(unchecked)
		r.find(newFact("chains_unchecked", map[string]any{"chains": unchecked}))
	}
	r.advise(newFact("check_hash", nil))
	return r
}

// saveTx remembers a transaction; a failing store must not fail the
// diagnosis, the memory only sharpens later answers.
func (d *Diagnoser) saveTx(ctx context.Context, rec TxRecord) {
	if d.store == nil {
		return
	}
	if err := d.store.SaveTx(ctx, rec); err != nil {
		d.log.Warn("chain: remember transaction", "chain", rec.Chain, "hash", rec.Hash, "err", err)
	}
}

func (d *Diagnoser) records(ctx context.Context, hash string) []TxRecord {
	if d.store == nil {
		return nil
	}
	recs, err := d.store.TxRecords(ctx, hash)
	if err != nil {
		d.log.Warn("chain: read remembered transaction", "hash", hash, "err", err)
		return nil
	}
	return recs
}
