package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/identity"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

// clock is a fake time source shared by the service and the store.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time        { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration)   { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func (c *clock) set(t time.Time)       { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func newClock() *clock                 { return &clock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)} }
func kindOf(err error) desk.Kind       { return desk.ErrorKind(err) }
func codeOf(err error) string          { return desk.ErrorCode(err) }
func client(ip string) identity.Client { return identity.Client{IP: ip, UserAgent: "test"} }

const pw = "a long enough password"

func newIdentity(t *testing.T, db *store.DB) (*identity.Service, *clock) {
	t.Helper()
	c := newClock()
	db.SetClock(c.now)
	svc := identity.NewService(identity.Config{Password: identity.PasswordParams{Time: 1, Memory: 64, Threads: 1}}, db.Identity(), nil)
	svc.SetClock(c.now)
	return svc, c
}

func mustAgent(t *testing.T, svc *identity.Service, email string, role identity.Role) identity.Agent {
	t.Helper()
	a, err := svc.CreateAgent(context.Background(), identity.SystemActor(),
		identity.NewAgent{Email: email, Name: "Agent " + email, Role: role, Languages: []desk.Locale{desk.English, desk.Japanese}}, pw)
	if err != nil {
		t.Fatalf("create %s: %v", email, err)
	}
	return a
}

// enrol signs a in and enrols TOTP, returning the secret and a full session.
func enrol(t *testing.T, svc *identity.Service, c *clock, email string) ([]byte, identity.SignIn, []string) {
	t.Helper()
	ctx := context.Background()
	in, err := svc.SignIn(ctx, email, pw, client("10.0.0.1"))
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	e, err := svc.BeginEnrollment(ctx, in.Token)
	if err != nil {
		t.Fatalf("begin enrolment: %v", err)
	}
	full, codes, err := svc.CompleteEnrollment(ctx, in.Token, identity.TOTPCode(e.Secret, c.now()), client("10.0.0.1"))
	if err != nil {
		t.Fatalf("complete enrolment: %v", err)
	}
	return e.Secret, full, codes
}

func TestIdentityCreateAndEnrol(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			svc, c := newIdentity(t, e.Open(t))
			admin := mustAgent(t, svc, "Lead@Example.com", identity.RoleAdmin)
			if admin.Email != "lead@example.com" || admin.OpenCap != 20 || admin.TOTPEnabled || admin.ID == 0 {
				t.Fatalf("created %+v", admin)
			}
			_, err := svc.CreateAgent(ctx, identity.SystemActor(), identity.NewAgent{Email: "LEAD@example.com", Name: "Again", Role: identity.RoleAgent}, pw)
			if kindOf(err) != desk.KindConflict {
				t.Errorf("duplicate address: %v", err)
			}
			if _, err := svc.CreateAgent(ctx, identity.Actor{}, identity.NewAgent{Email: "x@example.com", Name: "X", Role: identity.RoleAgent}, pw); kindOf(err) != desk.KindForbidden {
				t.Errorf("an actor with no agent created one: %v", err)
			}

			// An admin must enrol before anything else.
			in, err := svc.SignIn(ctx, "lead@example.com", pw, client("10.0.0.1"))
			if err != nil || in.Stage != identity.StageEnroll {
				t.Fatalf("admin sign-in: %v %v", in.Stage, err)
			}
			e1, err := svc.BeginEnrollment(ctx, in.Token)
			if err != nil {
				t.Fatal(err)
			}
			e2, _ := svc.BeginEnrollment(ctx, in.Token)
			if e1.SecretText != e2.SecretText || len(e1.Secret) != 20 {
				t.Error("reloading the enrolment page changed the secret the phone scanned")
			}
			if _, _, err := svc.CompleteEnrollment(ctx, in.Token, "000000", client("10.0.0.1")); codeOf(err) != "totp_invalid" {
				if identity.TOTPCode(e1.Secret, c.now()) != "000000" {
					t.Errorf("wrong code: %v", err)
				}
			}
			full, codes, err := svc.CompleteEnrollment(ctx, in.Token, identity.TOTPCode(e1.Secret, c.now()), client("10.0.0.1"))
			if err != nil || full.Stage != identity.StageFull || len(codes) != 10 {
				t.Fatalf("complete: %v %v %d", full.Stage, err, len(codes))
			}
			if _, _, err := svc.Session(ctx, in.Token); kindOf(err) != desk.KindUnauthorized {
				t.Error("the pre-enrolment token still opens a session")
			}
			sess, a, err := svc.Session(ctx, full.Token)
			if err != nil || sess.Stage != identity.StageFull || !a.TOTPEnabled || a.RecoveryLeft != 10 {
				t.Fatalf("full session: %+v %+v %v", sess, a, err)
			}
			page, err := svc.AuditLog(ctx, identity.AuditFilter{AgentID: admin.ID})
			if err != nil {
				t.Fatal(err)
			}
			var actions []string
			for _, e := range page.Entries {
				actions = append(actions, e.Action)
			}
			if fmt.Sprint(actions) != "[signin.success totp.enroll]" {
				t.Errorf("audit for the admin: %v", actions)
			}
		})
	}
}

func TestIdentitySecondFactor(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			svc, c := newIdentity(t, e.Open(t))
			mustAgent(t, svc, "sup@example.com", identity.RoleSupervisor)
			secret, _, codes := enrol(t, svc, c, "sup@example.com")
			usedAtEnrolment := identity.TOTPCode(secret, c.now())

			in, err := svc.SignIn(ctx, "sup@example.com", pw, client("10.0.0.2"))
			if err != nil || in.Stage != identity.StageTOTP {
				t.Fatalf("sign-in with TOTP: %v %v", in.Stage, err)
			}
			if sess, _, err := svc.Session(ctx, in.Token); err != nil || sess.Stage != identity.StageTOTP {
				t.Fatalf("pending session %v %v", sess.Stage, err)
			}
			// The code accepted at enrolment cannot be replayed.
			if _, err := svc.SecondFactor(ctx, in.Token, usedAtEnrolment, client("10.0.0.2")); codeOf(err) != "totp_invalid" {
				t.Fatalf("replayed code: %v", err)
			}
			c.add(30 * time.Second)
			code := identity.TOTPCode(secret, c.now())
			full, err := svc.SecondFactor(ctx, in.Token, code, client("10.0.0.2"))
			if err != nil || full.Stage != identity.StageFull {
				t.Fatalf("second factor: %v %v", full.Stage, err)
			}
			// Same code, new sign-in, same time step: refused.
			in2, _ := svc.SignIn(ctx, "sup@example.com", pw, client("10.0.0.2"))
			if _, err := svc.SecondFactor(ctx, in2.Token, code, client("10.0.0.2")); codeOf(err) != "totp_invalid" {
				t.Errorf("code used twice: %v", err)
			}
			// A recovery code works once, typed loosely.
			loose := "  " + codes[3][:4] + codes[3][5:9] + " " + codes[3][10:]
			if _, err := svc.SecondFactor(ctx, in2.Token, loose, client("10.0.0.2")); err != nil {
				t.Fatalf("recovery code: %v", err)
			}
			a, _ := svc.AgentByEmail(ctx, "sup@example.com")
			if a.RecoveryLeft != 9 {
				t.Errorf("recovery codes left: %d", a.RecoveryLeft)
			}
			in3, _ := svc.SignIn(ctx, "sup@example.com", pw, client("10.0.0.2"))
			if _, err := svc.SecondFactor(ctx, in3.Token, codes[3], client("10.0.0.2")); codeOf(err) != "totp_invalid" {
				t.Errorf("recovery code used twice: %v", err)
			}
			// A pending session reaches nothing else.
			if _, err := svc.BeginEnrollment(ctx, in3.Token); kindOf(err) != desk.KindForbidden {
				t.Errorf("enrolment from a pending session: %v", err)
			}
			// Reset: sessions end, the supervisor enrols again.
			if err := svc.ResetTOTP(ctx, identity.SystemActor(), a.ID); err != nil {
				t.Fatal(err)
			}
			if _, _, err := svc.Session(ctx, full.Token); err == nil {
				t.Error("a session survived the second-factor reset")
			}
			in4, err := svc.SignIn(ctx, "sup@example.com", pw, client("10.0.0.2"))
			if err != nil || in4.Stage != identity.StageEnroll {
				t.Errorf("after reset: %v %v", in4.Stage, err)
			}
		})
	}
}

func TestIdentityLockout(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			svc, c := newIdentity(t, e.Open(t))
			mustAgent(t, svc, "ana@example.com", identity.RoleAgent)
			for i := 1; i <= 5; i++ {
				_, err := svc.SignIn(ctx, "ana@example.com", "wrong password!", client(fmt.Sprintf("10.1.0.%d", i)))
				want := "invalid_credentials"
				if i == 5 {
					want = "signin_locked"
				}
				if codeOf(err) != want {
					t.Fatalf("attempt %d: %v, want %s", i, err, want)
				}
			}
			_, err := svc.SignIn(ctx, "ana@example.com", pw, client("10.1.1.1"))
			var de *desk.Error
			if kindOf(err) != desk.KindRateLimited || !errorsAs(err, &de) || de.RetryAfter <= 0 || de.RetryAfter > 15*time.Minute {
				t.Fatalf("right password while locked: %v", err)
			}
			// An unknown address locks the same way: no enumeration.
			for i := 1; i <= 5; i++ {
				_, err := svc.SignIn(ctx, "nobody@example.com", "wrong password!", client(fmt.Sprintf("10.2.0.%d", i)))
				want := "invalid_credentials"
				if i == 5 {
					_, err = svc.SignIn(ctx, "nobody@example.com", "wrong password!", client("10.2.1.1"))
					want = "signin_locked"
				}
				if codeOf(err) != want {
					t.Fatalf("unknown address, attempt %d: %v", i, err)
				}
			}
			c.add(15*time.Minute + time.Second)
			in, err := svc.SignIn(ctx, "ana@example.com", pw, client("10.1.1.1"))
			if err != nil || in.Stage != identity.StageFull {
				t.Fatalf("after the lock: %v %v", in.Stage, err)
			}
			// The count restarted at success: four failures do not lock.
			for i := 0; i < 4; i++ {
				svc.SignIn(ctx, "ana@example.com", "wrong password!", client("10.1.2.1"))
			}
			if _, err := svc.SignIn(ctx, "ana@example.com", pw, client("10.1.2.1")); err != nil {
				t.Errorf("four failures after a success locked: %v", err)
			}
			// Per address: many accounts from one IP.
			for i := 0; i < 30; i++ {
				svc.SignIn(ctx, fmt.Sprintf("spray%d@example.com", i), "wrong password!", client("10.9.9.9"))
			}
			if _, err := svc.SignIn(ctx, "ana@example.com", pw, client("10.9.9.9")); codeOf(err) != "signin_locked" {
				t.Errorf("IP over its failure budget: %v", err)
			}
			if _, err := svc.SignIn(ctx, "ana@example.com", pw, client("10.9.9.8")); err != nil {
				t.Errorf("another IP: %v", err)
			}
		})
	}
}

func TestIdentitySecondFactorFailuresLock(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			svc, c := newIdentity(t, e.Open(t))
			mustAgent(t, svc, "sup@example.com", identity.RoleSupervisor)
			secret, _, _ := enrol(t, svc, c, "sup@example.com")
			c.add(time.Minute)
			wrong := "000000"
			if identity.TOTPCode(secret, c.now()) == wrong {
				wrong = "111111"
			}
			// Signing in again with the password must not reset the count
			// of bad codes.
			var err error
			for i := 0; i < 5; i++ {
				in, e := svc.SignIn(ctx, "sup@example.com", pw, client("10.3.0.1"))
				if e != nil {
					t.Fatalf("sign in %d: %v", i, e)
				}
				_, err = svc.SecondFactor(ctx, in.Token, wrong, client("10.3.0.1"))
			}
			if codeOf(err) != "signin_locked" {
				t.Fatalf("five bad codes: %v", err)
			}
			if _, err := svc.SignIn(ctx, "sup@example.com", pw, client("10.3.0.1")); codeOf(err) != "signin_locked" {
				t.Errorf("locked after bad codes: %v", err)
			}
		})
	}
}

func TestIdentitySessionTimeouts(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			db := e.Open(t)
			svc, c := newIdentity(t, db)
			a := mustAgent(t, svc, "ana@example.com", identity.RoleAgent)
			in, err := svc.SignIn(ctx, "ana@example.com", pw, client("10.0.0.1"))
			if err != nil {
				t.Fatal(err)
			}
			// Active every 20 minutes: alive until the absolute end.
			for c.now().Before(in.Expires.Add(-20 * time.Minute)) {
				c.add(20 * time.Minute)
				if _, _, err := svc.Session(ctx, in.Token); err != nil {
					t.Fatalf("active session ended at %v: %v", c.now(), err)
				}
			}
			c.set(in.Expires)
			if _, _, err := svc.Session(ctx, in.Token); codeOf(err) != "session_expired" {
				t.Errorf("past the absolute timeout: %v", err)
			}
			// Idle.
			in2, _ := svc.SignIn(ctx, "ana@example.com", pw, client("10.0.0.1"))
			c.add(29 * time.Minute)
			if _, _, err := svc.Session(ctx, in2.Token); err != nil {
				t.Fatalf("29 idle minutes: %v", err)
			}
			c.add(30 * time.Minute)
			if _, _, err := svc.Session(ctx, in2.Token); codeOf(err) != "session_expired" {
				t.Errorf("30 idle minutes: %v", err)
			}
			// What a page does on its own (the live queue reconnecting) is
			// not activity: an open tab idles out.
			in5, _ := svc.SignIn(ctx, "ana@example.com", pw, client("10.0.0.1"))
			for i := 0; i < 5; i++ {
				c.add(5 * time.Minute)
				if _, _, err := svc.BackgroundSession(ctx, in5.Token); err != nil {
					t.Fatalf("background request after %d idle minutes: %v", 5*(i+1), err)
				}
			}
			c.add(5 * time.Minute)
			if _, _, err := svc.BackgroundSession(ctx, in5.Token); codeOf(err) != "session_expired" {
				t.Errorf("30 minutes of background requests kept the session: %v", err)
			}
			// Sign-out and disabling end sessions.
			in3, _ := svc.SignIn(ctx, "ana@example.com", pw, client("10.0.0.1"))
			if err := svc.SignOut(ctx, in3.Token, client("10.0.0.1")); err != nil {
				t.Fatal(err)
			}
			if _, _, err := svc.Session(ctx, in3.Token); err == nil {
				t.Error("session alive after sign-out")
			}
			in4, _ := svc.SignIn(ctx, "ana@example.com", pw, client("10.0.0.1"))
			yes := true
			if _, err := svc.UpdateAgent(ctx, identity.SystemActor(), a.ID, identity.AgentUpdate{Disabled: &yes}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := svc.Session(ctx, in4.Token); err == nil {
				t.Error("session alive after disabling")
			}
			if _, err := svc.SignIn(ctx, "ana@example.com", pw, client("10.0.0.1")); codeOf(err) != "invalid_credentials" {
				t.Errorf("disabled agent signs in: %v", err)
			}
			// Garbage tokens.
			for _, tok := range []string{"", "wds_nothing", string(make([]byte, 500))} {
				if _, _, err := svc.Session(ctx, tok); kindOf(err) != desk.KindUnauthorized {
					t.Errorf("token %q: %v", tok, err)
				}
			}
			// Expired rows are swept; live ones stay.
			c.set(c.now().Add(24 * time.Hour))
			b := mustAgent(t, svc, "bo@example.com", identity.RoleAgent)
			svc.SignIn(ctx, b.Email, pw, client("10.0.0.1")) // goes stale below
			c.add(31 * time.Minute)
			live, _ := svc.SignIn(ctx, b.Email, pw, client("10.0.0.1"))
			n, err := db.Identity().DeleteExpiredSessions(ctx, c.now(), c.now().Add(-30*time.Minute))
			if err != nil || n != 1 {
				t.Errorf("sweep removed %d sessions (%v), want the stale one", n, err)
			}
			if _, _, err := svc.Session(ctx, live.Token); err != nil {
				t.Errorf("sweep ended a live session: %v", err)
			}
		})
	}
}

func TestIdentityInviteAndPasswordChange(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			svc, _ := newIdentity(t, e.Open(t))
			lead := mustAgent(t, svc, "lead@example.com", identity.RoleAdmin)
			by := identity.AgentActor(&lead, client("10.0.0.1"))
			a, once, err := svc.InviteAgent(ctx, by, identity.NewAgent{Email: "new@example.com", Name: "New", Role: identity.RoleAgent})
			if err != nil || len(once) != 20 || !a.MustChangePassword {
				t.Fatalf("invite: %+v %q %v", a, once, err)
			}
			in, err := svc.SignIn(ctx, "new@example.com", once, client("10.0.0.5"))
			if err != nil || in.Stage != identity.StagePassword {
				t.Fatalf("first sign-in: %v %v", in.Stage, err)
			}
			if _, err := svc.ChangePassword(ctx, in.Token, "", "new@example.com", client("10.0.0.5")); codeOf(err) != "invalid_input" {
				t.Errorf("password equal to the address: %v", err)
			}
			if _, err := svc.ChangePassword(ctx, in.Token, "", once, client("10.0.0.5")); codeOf(err) != "invalid_input" {
				t.Errorf("same password again: %v", err)
			}
			full, err := svc.ChangePassword(ctx, in.Token, "", "my own chosen password", client("10.0.0.5"))
			if err != nil || full.Stage != identity.StageFull {
				t.Fatalf("change: %v %v", full.Stage, err)
			}
			if _, err := svc.SignIn(ctx, "new@example.com", once, client("10.0.0.5")); err == nil {
				t.Error("the one-time password still works")
			}
			// A full session must prove the current password.
			if _, err := svc.ChangePassword(ctx, full.Token, "wrong", "another long password", client("10.0.0.5")); codeOf(err) != "invalid_input" {
				t.Errorf("change without the current password: %v", err)
			}
			// An agent cannot invite.
			mine := a
			if _, _, err := svc.InviteAgent(ctx, identity.AgentActor(&mine, client("")), identity.NewAgent{Email: "x@example.com", Name: "X", Role: identity.RoleAdmin}); kindOf(err) != desk.KindForbidden {
				t.Errorf("agent invited someone: %v", err)
			}
		})
	}
}

func TestIdentityUpdateAgent(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			svc, _ := newIdentity(t, e.Open(t))
			lead := mustAgent(t, svc, "lead@example.com", identity.RoleAdmin)
			ana := mustAgent(t, svc, "ana@example.com", identity.RoleAgent)
			byLead := identity.AgentActor(&lead, client("10.0.0.1"))
			sup := identity.RoleSupervisor
			got, err := svc.UpdateAgent(ctx, byLead, ana.ID, identity.AgentUpdate{Role: &sup, Languages: []desk.Locale{desk.Chinese}})
			if err != nil || got.Role != identity.RoleSupervisor || identity.FormatLanguages(got.Languages) != "zh-CN" {
				t.Fatalf("update: %+v %v", got, err)
			}
			demote := identity.RoleAgent
			if _, err := svc.UpdateAgent(ctx, byLead, lead.ID, identity.AgentUpdate{Role: &demote}); kindOf(err) != desk.KindConflict {
				t.Errorf("admin demoted themselves: %v", err)
			}
			byAna := identity.AgentActor(&ana, client("10.0.0.2"))
			if _, err := svc.UpdateAgent(ctx, byAna, ana.ID, identity.AgentUpdate{Role: &demote}); kindOf(err) != desk.KindForbidden {
				t.Errorf("agent changed their own role: %v", err)
			}
			name := "Ana S."
			if got, err := svc.UpdateAgent(ctx, byAna, ana.ID, identity.AgentUpdate{Name: &name}); err != nil || got.Name != name {
				t.Errorf("agent renamed themselves: %+v %v", got, err)
			}
			if _, err := svc.UpdateAgent(ctx, byAna, lead.ID, identity.AgentUpdate{Name: &name}); kindOf(err) != desk.KindForbidden {
				t.Errorf("agent renamed someone else: %v", err)
			}
			if _, err := svc.UpdateAgent(ctx, byLead, 9999, identity.AgentUpdate{Name: &name}); !desk.IsNotFound(err) {
				t.Errorf("unknown agent: %v", err)
			}
			page, _ := svc.AuditLog(ctx, identity.AuditFilter{Action: identity.ActionAgentUpdate})
			if len(page.Entries) != 2 || page.Entries[1].AgentID != lead.ID || page.Entries[1].Target != identity.AgentTarget(ana.ID) {
				t.Errorf("audit of updates: %+v", page.Entries)
			}
		})
	}
}

func TestIdentityTokens(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			svc, c := newIdentity(t, e.Open(t))
			lead := mustAgent(t, svc, "lead@example.com", identity.RoleAdmin)
			ana := mustAgent(t, svc, "ana@example.com", identity.RoleAgent)
			ed := mustAgent(t, svc, "ed@example.com", identity.RoleEditor)
			byAna := identity.AgentActor(&ana, client("10.0.0.2"))
			tok, secret, err := svc.CreateToken(ctx, byAna, ana.ID, "  crm sync ", []identity.Scope{identity.ScopeTicketsRead, identity.ScopeTicketsWrite})
			if err != nil || tok.Name != "crm sync" || len(secret) < 40 || secret[:4] != "wdt_" || tok.Prefix != secret[:10] {
				t.Fatalf("create: %+v %q %v", tok, secret, err)
			}
			got, owner, err := svc.AuthenticateToken(ctx, secret)
			if err != nil || owner.ID != ana.ID || !got.Has(identity.ScopeTicketsWrite) || !got.LastUsedAt.Equal(c.now()) {
				t.Fatalf("authenticate: %+v %+v %v", got, owner, err)
			}
			for _, bad := range []string{"", "wdt_", secret + "x", secret[:len(secret)-1], "Bearer " + secret} {
				if _, _, err := svc.AuthenticateToken(ctx, bad); codeOf(err) != "token_invalid" {
					t.Errorf("token %q: %v", bad, err)
				}
			}
			byEd := identity.AgentActor(&ed, client("10.0.0.3"))
			if _, _, err := svc.CreateToken(ctx, byEd, ed.ID, "x", []identity.Scope{identity.ScopeTicketsWrite}); codeOf(err) != "invalid_input" {
				t.Errorf("editor got a write token: %v", err)
			}
			if _, _, err := svc.CreateToken(ctx, byEd, ana.ID, "x", []identity.Scope{identity.ScopeTicketsRead}); kindOf(err) != desk.KindForbidden {
				t.Errorf("editor made a token for someone else: %v", err)
			}
			if err := svc.RevokeToken(ctx, byEd, tok.ID); !desk.IsNotFound(err) {
				t.Errorf("editor revoked another's token: %v", err)
			}
			if _, err := svc.Tokens(ctx, byEd, ana.ID); kindOf(err) != desk.KindForbidden {
				t.Errorf("editor listed another's tokens: %v", err)
			}
			byLead := identity.AgentActor(&lead, client("10.0.0.1"))
			if err := svc.RevokeToken(ctx, byLead, tok.ID); err != nil {
				t.Fatalf("admin revokes: %v", err)
			}
			if err := svc.RevokeToken(ctx, byAna, tok.ID); kindOf(err) != desk.KindConflict {
				t.Errorf("second revoke: %v", err)
			}
			if _, _, err := svc.AuthenticateToken(ctx, secret); codeOf(err) != "token_invalid" {
				t.Errorf("revoked token works: %v", err)
			}
			list, err := svc.Tokens(ctx, byAna, ana.ID)
			if err != nil || len(list) != 1 || list[0].Active() {
				t.Errorf("list after revoke: %+v %v", list, err)
			}
			// A disabled owner's token stops working.
			_, s2, _ := svc.CreateToken(ctx, byAna, ana.ID, "second", []identity.Scope{identity.ScopeTicketsRead})
			yes := true
			svc.UpdateAgent(ctx, byLead, ana.ID, identity.AgentUpdate{Disabled: &yes})
			if _, _, err := svc.AuthenticateToken(ctx, s2); codeOf(err) != "token_invalid" {
				t.Errorf("disabled owner's token: %v", err)
			}
			page, _ := svc.AuditLog(ctx, identity.AuditFilter{Target: "token:"})
			if len(page.Entries) != 3 {
				t.Errorf("token audit rows: %d", len(page.Entries))
			}
		})
	}
}

func TestIdentityAuditLogFilters(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			svc, c := newIdentity(t, e.Open(t))
			ana := mustAgent(t, svc, "ana@example.com", identity.RoleAgent)
			start := c.now()
			for i := 0; i < 25; i++ {
				c.add(time.Minute)
				action := "ticket.reply"
				if i%5 == 0 {
					action = "ticket.note"
				}
				err := svc.Audit(ctx, identity.Entry{AgentID: ana.ID, Action: action, Target: fmt.Sprintf("ticket:%d", 100+i%3),
					Data: map[string]any{"n": i, "text": "受付"}, IP: "10.0.0.9", UserAgent: "ua"})
				if err != nil {
					t.Fatal(err)
				}
			}
			all, err := svc.AuditLog(ctx, identity.AuditFilter{Action: "ticket.", Limit: 10})
			if err != nil || len(all.Entries) != 10 || all.Next == 0 {
				t.Fatalf("first page: %d next %d %v", len(all.Entries), all.Next, err)
			}
			if all.Entries[0].Data["n"] != float64(24) || all.Entries[0].Data["text"] != "受付" || all.Entries[0].AgentEmail != "ana@example.com" {
				t.Errorf("newest first with data and agent: %+v", all.Entries[0])
			}
			seen := 0
			cur := identity.AuditFilter{Action: "ticket.", Limit: 10}
			for {
				p, err := svc.AuditLog(ctx, cur)
				if err != nil {
					t.Fatal(err)
				}
				seen += len(p.Entries)
				if p.Next == 0 {
					break
				}
				cur.Before = p.Next
			}
			if seen != 25 {
				t.Errorf("paged through %d entries, want 25", seen)
			}
			cases := []struct {
				f    identity.AuditFilter
				want int
			}{
				{identity.AuditFilter{Action: "ticket.note"}, 5},
				{identity.AuditFilter{Target: "ticket:101"}, 8},
				{identity.AuditFilter{Target: "ticket:10"}, 25},
				{identity.AuditFilter{AgentID: ana.ID, Action: "ticket.reply"}, 20},
				{identity.AuditFilter{AgentID: ana.ID + 1}, 0},
				{identity.AuditFilter{From: start.Add(10 * time.Minute), To: start.Add(15 * time.Minute)}, 5},
				{identity.AuditFilter{Action: "ticket.%"}, 0}, // no wildcard injection
				{identity.AuditFilter{Action: "agent.create"}, 1},
			}
			for _, tc := range cases {
				tc.f.Limit = 200
				p, err := svc.AuditLog(ctx, tc.f)
				if err != nil || len(p.Entries) != tc.want {
					t.Errorf("%+v: %d entries (%v), want %d", tc.f, len(p.Entries), err, tc.want)
				}
			}
		})
	}
}

func TestIdentityPresence(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			svc, c := newIdentity(t, e.Open(t))
			ana := mustAgent(t, svc, "ana@example.com", identity.RoleAgent)
			bo := mustAgent(t, svc, "bo@example.com", identity.RoleAgent)
			if err := svc.Touch(ctx, ana.ID); err != nil {
				t.Fatal(err)
			}
			first := c.now()
			c.add(30 * time.Second)
			svc.Touch(ctx, ana.ID) // throttled: not written
			a, _ := svc.Agent(ctx, ana.ID)
			if !a.LastSeenAt.Equal(first) {
				t.Errorf("throttled touch wrote: %v", a.LastSeenAt)
			}
			c.add(31 * time.Second)
			svc.Touch(ctx, ana.ID)
			a, _ = svc.Agent(ctx, ana.ID)
			if !a.LastSeenAt.Equal(c.now()) {
				t.Errorf("touch after a minute: %v", a.LastSeenAt)
			}
			svc.Touch(ctx, bo.ID)
			online, err := svc.Online(ctx, c.now().Add(-5*time.Minute))
			if err != nil || len(online) != 2 {
				t.Fatalf("online: %d %v", len(online), err)
			}
			c.add(6 * time.Minute)
			svc.Touch(ctx, bo.ID)
			online, _ = svc.Online(ctx, c.now().Add(-5*time.Minute))
			if len(online) != 1 || online[0].ID != bo.ID || !online[0].Speaks(desk.Japanese) {
				t.Errorf("online after ana left: %+v", online)
			}
			// Sign-out takes an agent off line at once.
			in, _ := svc.SignIn(ctx, "bo@example.com", pw, client("10.0.0.1"))
			svc.SignOut(ctx, in.Token, client("10.0.0.1"))
			online, _ = svc.Online(ctx, c.now().Add(-5*time.Minute))
			if len(online) != 0 {
				t.Errorf("online after sign-out: %+v", online)
			}
		})
	}
}

func errorsAs(err error, target **desk.Error) bool {
	e, ok := err.(*desk.Error)
	if ok {
		*target = e
	}
	return ok
}
