package identity

import "testing"

func TestRolePermissions(t *testing.T) {
	// The matrix, written out by hand so that a change to the role tables
	// shows up here. Agents change severity (with a reason); lowering a
	// detected S1 is a supervisor's call.
	grants := map[Role][]Permission{
		RoleAgent: {PermTicketRead, PermTicketReply, PermTicketNote, PermTicketStatus, PermTicketAssignSelf, PermTicketSeverity, PermMacroUse},
		RoleSupervisor: {PermTicketRead, PermTicketReply, PermTicketNote, PermTicketStatus, PermTicketAssignSelf, PermMacroUse,
			PermTicketAssignOthers, PermTicketSeverity, PermTicketLowerS1, PermTicketMerge, PermAuditRead, PermMacroManage},
		RoleEditor: {PermArticleEdit, PermTicketRead},
		RoleAdmin:  Permissions,
	}
	for _, r := range Roles {
		want := map[Permission]bool{}
		for _, p := range grants[r] {
			want[p] = true
		}
		for _, p := range Permissions {
			if r.Can(p) != want[p] {
				t.Errorf("%s can %s: %v, want %v", r, p, r.Can(p), want[p])
			}
		}
	}
	if Role("root").Can(PermTicketRead) || RoleAdmin.Can("anything") {
		t.Error("unknown role or permission granted")
	}
	if !RoleAdmin.NeedsTOTP() || !RoleSupervisor.NeedsTOTP() || RoleAgent.NeedsTOTP() || RoleEditor.NeedsTOTP() {
		t.Error("TOTP requirement by role")
	}
	disabled := Agent{Role: RoleAdmin, Disabled: true}
	if disabled.Can(PermTicketRead) {
		t.Error("a disabled agent can act")
	}
	var none *Agent
	if none.Can(PermTicketRead) {
		t.Error("no agent can act")
	}
}

func TestScopes(t *testing.T) {
	got, ok := ParseScopes("tickets:read, TICKETS:WRITE tickets:read")
	if !ok || len(got) != 2 || got[0] != ScopeTicketsRead || got[1] != ScopeTicketsWrite {
		t.Errorf("ParseScopes = %v %v", got, ok)
	}
	if _, ok := ParseScopes("tickets:read,admin"); ok {
		t.Error("unknown scope accepted")
	}
	editor := Agent{Role: RoleEditor}
	if _, err := validateToken("ci", []Scope{ScopeTicketsWrite}, editor); err == nil {
		t.Error("an editor got a write scope their role lacks")
	}
	if _, err := validateToken("ci", []Scope{ScopeTicketsRead}, editor); err != nil {
		t.Errorf("editor read token: %v", err)
	}
	if _, err := validateToken("  ", []Scope{ScopeTicketsRead}, editor); err == nil {
		t.Error("empty name accepted")
	}
	if _, err := validateToken("x", nil, editor); err == nil {
		t.Error("no scope accepted")
	}
}
