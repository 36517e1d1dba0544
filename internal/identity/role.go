package identity

// Role is what an agent is for. Permissions follow from the role alone,
// so that changing a role changes what the agent may do at once.
type Role string

const (
	RoleAdmin      Role = "admin"
	RoleSupervisor Role = "supervisor"
	RoleAgent      Role = "agent"
	RoleEditor     Role = "editor"
)

// Roles lists every role, most powerful first.
var Roles = []Role{RoleAdmin, RoleSupervisor, RoleAgent, RoleEditor}

// Permission names one thing an agent may do. Handlers ask
// Role.Can(Permission) rather than comparing roles, so that a new role or a
// moved permission is one edit here.
type Permission string

const (
	PermTicketRead         Permission = "ticket.read"          // see the queue and requests
	PermTicketReply        Permission = "ticket.reply"         // public reply to the requester
	PermTicketNote         Permission = "ticket.note"          // internal note
	PermTicketStatus       Permission = "ticket.status"        // change status
	PermTicketAssignSelf   Permission = "ticket.assign_self"   // take a request
	PermTicketAssignOthers Permission = "ticket.assign_others" // assign to someone else, unassign others
	PermTicketSeverity     Permission = "ticket.severity"      // change severity (with a reason)
	PermTicketLowerS1      Permission = "ticket.lower_s1"      // lower a detected S1 (a false alarm)
	PermTicketMerge        Permission = "ticket.merge"         // merge duplicates
	PermMacroUse           Permission = "macro.use"            // insert canned replies
	PermMacroManage        Permission = "macro.manage"         // create, edit, delete macros
	PermArticleEdit        Permission = "article.edit"         // write, translate, publish help-center articles
	PermAuditRead          Permission = "audit.read"           // read the audit log
	PermAgentManage        Permission = "agent.manage"         // invite agents, change roles, disable, reset TOTP
	PermTokenManageAll     Permission = "token.manage_all"     // list and revoke other agents' API tokens
)

// Permissions lists every permission.
var Permissions = []Permission{
	PermTicketRead, PermTicketReply, PermTicketNote, PermTicketStatus, PermTicketAssignSelf,
	PermTicketAssignOthers, PermTicketSeverity, PermTicketLowerS1, PermTicketMerge, PermMacroUse, PermMacroManage,
	PermArticleEdit, PermAuditRead, PermAgentManage, PermTokenManageAll,
}

var agentPerms = []Permission{
	PermTicketRead, PermTicketReply, PermTicketNote, PermTicketStatus, PermTicketAssignSelf, PermTicketSeverity, PermMacroUse,
}

var supervisorPerms = append(append([]Permission{}, agentPerms...),
	PermTicketAssignOthers, PermTicketLowerS1, PermTicketMerge, PermAuditRead, PermMacroManage)

var editorPerms = []Permission{PermArticleEdit, PermTicketRead}

// Can reports whether the role grants p. An unknown role grants nothing.
func (r Role) Can(p Permission) bool {
	var set []Permission
	switch r {
	case RoleAdmin:
		return p.Valid()
	case RoleSupervisor:
		set = supervisorPerms
	case RoleAgent:
		set = agentPerms
	case RoleEditor:
		set = editorPerms
	}
	for _, x := range set {
		if x == p {
			return true
		}
	}
	return false
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// NeedsTOTP reports whether the role must have a second factor before it
// reaches anything: roles that see or change everyone's work.
func (r Role) NeedsTOTP() bool { return r == RoleAdmin || r == RoleSupervisor }

// Valid reports whether p is a known permission.
func (p Permission) Valid() bool {
	for _, x := range Permissions {
		if p == x {
			return true
		}
	}
	return false
}
