package chain

import (
	"context"
	"errors"
)

// diagnoseTxID handles 64-hex ids, which Bitcoin and TRON share: the asked
// chain first, then the other chains of these kinds, so that a TRON id
// checked as Bitcoin still gets an answer (with a note that the chain was
// corrected).
func (d *Diagnoser) diagnoseTxID(ctx context.Context, q query) (result, error) {
	var order []string
	if q.chain != "" {
		order = append(order, q.chain)
	}
	for _, name := range d.names {
		if k := d.kinds[name]; (k == KindEsplora || k == KindTronGrid) && name != q.chain {
			order = append(order, name)
		}
	}
	var checked, unchecked []string
	var errs []error
	for _, name := range order {
		addr := q.address
		if addr != "" {
			if _, ok := normalizeAddress(d.kinds[name], addr); !ok {
				addr = "" // an address of the other kind says nothing here
			}
		}
		var r result
		var found bool
		var err error
		if n, ok := d.btc[name]; ok {
			r, found, err = n.diagnose(ctx, q.hash, addr)
		} else {
			r, found, err = d.tron[name].diagnose(ctx, q.hash, addr, d.now())
		}
		if err != nil {
			d.log.Warn("chain: lookup failed", "chain", name, "err", err)
			unchecked, errs = append(unchecked, name), append(errs, err)
			continue
		}
		checked = append(checked, name)
		if found {
			if q.chain != "" && name != q.chain {
				r.findings = append([]fact{newFact("chain_corrected", map[string]any{"asked": q.chain, "chain": name})}, r.findings...)
			}
			return r, nil
		}
	}
	if q.chain != "" && len(unchecked) > 0 && unchecked[0] == q.chain && len(checked) == 0 {
		return result{}, unreachable(errors.Join(errs...))
	}
	if len(checked) == 0 {
		return result{}, unreachable(errors.Join(errs...))
	}
	return notFound(q.chain, q.hash, checked, unchecked), nil
}
