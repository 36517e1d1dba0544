package ticket

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/chain"
	"github.com/walletdesk/walletdesk/internal/desk"
)

// Job is durable background work tied to a ticket. It is written in the
// same transaction as the change that calls for it, so a restart never
// loses it.
type Job struct {
	ID       int64
	Kind     string
	TicketID int64
	Payload  map[string]string
	RunAt    time.Time
	Attempts int
}

// JobStore leases and finishes jobs.
type JobStore interface {
	ClaimJobs(ctx context.Context, kind string, now time.Time, lease time.Duration, limit int) ([]Job, error)
	FinishJob(ctx context.Context, id int64, retryAt time.Time, lastErr string) error
}

// TxChecker diagnoses a transaction on the configured chains (package chain).
type TxChecker interface {
	Configured() bool
	Diagnose(ctx context.Context, req chain.Request) (chain.Diagnosis, error)
}

const (
	jobTxCheck     = "tx_check"
	txCheckTimeout = 30 * time.Second
	maxJobAttempts = 5
)

// SetTxChecker enables the automatic check of a transaction hash given
// with a new request.
func (s *Service) SetTxChecker(c TxChecker) { s.checker = c }

func (s *Service) txCheckJob(d Draft, now time.Time) []Job {
	if d.TxHash == "" || s.checker == nil || !s.checker.Configured() {
		return nil
	}
	return []Job{{Kind: jobTxCheck, RunAt: now, Payload: map[string]string{"chain": d.Chain, "hash": d.TxHash, "address": d.Address}}}
}

// RunJobs works the job queue until ctx ends: every second, and at once
// when a new request asks for a check.
func (s *Service) RunJobs(ctx context.Context) error {
	js, ok := s.store.(JobStore)
	if !ok {
		return nil
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		for s.runDueJobs(ctx, js) > 0 {
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-s.wake:
		}
	}
}

// runDueJobs runs one batch and returns how many jobs it took.
func (s *Service) runDueJobs(ctx context.Context, js JobStore) int {
	jobs, err := js.ClaimJobs(ctx, jobTxCheck, s.now(), 2*txCheckTimeout, 8)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Warn("claim jobs", "err", err)
		}
		return 0
	}
	for _, j := range jobs {
		retryAt, lastErr := s.runTxCheck(ctx, j)
		if err := js.FinishJob(context.WithoutCancel(ctx), j.ID, retryAt, lastErr); err != nil {
			s.log.Warn("finish job", "job", j.ID, "err", err)
		}
	}
	return len(jobs)
}

// runTxCheck diagnoses the transaction of a new request and adds the
// answer to the conversation, where the requester and the agent both see
// it. A chain that cannot be reached is retried with backoff.
func (s *Service) runTxCheck(ctx context.Context, j Job) (retryAt time.Time, lastErr string) {
	t, err := s.store.Ticket(ctx, j.TicketID)
	if err != nil {
		return time.Time{}, err.Error()
	}
	cctx, cancel := context.WithTimeout(ctx, txCheckTimeout)
	defer cancel()
	dg, err := s.checker.Diagnose(cctx, chain.Request{Chain: j.Payload["chain"], Hash: j.Payload["hash"],
		Address: j.Payload["address"], Locale: string(t.Locale)})
	if err != nil {
		var de *desk.Error
		if errors.As(err, &de) && de.Code == "chain_unreachable" && j.Attempts < maxJobAttempts || ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) && j.Attempts < maxJobAttempts {
			return s.now().Add(time.Duration(30<<j.Attempts) * time.Second), desk.ErrorCode(err)
		}
		return time.Time{}, desk.ErrorCode(err)
	}
	now := s.now()
	_, err = s.store.UpdateTicket(ctx, t.ID, func(t *Ticket, _ Message) (Change, error) {
		t.UpdatedAt = now
		return Change{
			Messages: []Message{{Author: System, Body: txCheckMessage(t.Locale, dg), CreatedAt: now}},
			Events: []Event{{Actor: "system", Kind: "tx_checked", CreatedAt: now,
				Data: map[string]string{"chain": dg.Chain, "status": string(dg.Status), "hash": dg.Hash}}},
		}, nil
	})
	if err != nil {
		return now.Add(time.Minute), err.Error()
	}
	return time.Time{}, ""
}

var txCheckTexts = map[desk.Locale]struct{ title, status, todo, more string }{
	desk.English:  {"Automatic transaction check", "Status", "What to do", "More"},
	desk.Chinese:  {"交易自动检查", "状态", "建议操作", "详细说明"},
	desk.Japanese: {"トランザクションの自動チェック", "状態", "対処方法", "詳しくは"},
}

var txStatusLabels = map[desk.Locale]map[chain.Status]string{
	desk.English: {chain.StatusConfirmed: "confirmed", chain.StatusFailed: "failed (the fee was still paid)", chain.StatusPending: "pending",
		chain.StatusReplaced: "replaced by another transaction", chain.StatusDropped: "dropped from the network", chain.StatusNotFound: "not found",
		chain.StatusWrongNetwork: "found on another network"},
	desk.Chinese: {chain.StatusConfirmed: "已确认", chain.StatusFailed: "失败（手续费已扣除）", chain.StatusPending: "等待打包",
		chain.StatusReplaced: "已被另一笔交易替换", chain.StatusDropped: "已被网络丢弃", chain.StatusNotFound: "未找到",
		chain.StatusWrongNetwork: "在另一个网络上找到"},
	desk.Japanese: {chain.StatusConfirmed: "承認済み", chain.StatusFailed: "失敗（手数料は支払われています）", chain.StatusPending: "保留中",
		chain.StatusReplaced: "別のトランザクションに置き換え済み", chain.StatusDropped: "ネットワークから破棄", chain.StatusNotFound: "見つかりません",
		chain.StatusWrongNetwork: "別のネットワークで見つかりました"},
}

// txCheckMessage writes a diagnosis as a conversation message.
func txCheckMessage(loc desk.Locale, dg chain.Diagnosis) string {
	tx, ok := txCheckTexts[loc]
	if !ok {
		loc, tx = desk.English, txCheckTexts[desk.English]
	}
	var b strings.Builder
	b.WriteString("**" + tx.title + "** · " + dg.Chain + " · `" + dg.Hash + "`\n\n")
	b.WriteString(tx.status + ": **" + txStatusLabels[loc][dg.Status] + "**\n\n")
	for _, f := range dg.Findings {
		b.WriteString("- " + f.Message + "\n")
	}
	if len(dg.Advice) > 0 {
		b.WriteString("\n**" + tx.todo + "**\n\n")
		for i, a := range dg.Advice {
			b.WriteString(strconv.Itoa(i+1) + ". " + a.Message + "\n")
		}
	}
	if dg.Article != "" {
		b.WriteString("\n" + tx.more + ": [" + dg.Article + "](kb:" + dg.Article + ")\n")
	}
	return b.String()
}
