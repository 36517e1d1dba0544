package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/store"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// The generator fills a database with a support desk's worth of requests:
// en/zh-CN/ja text built from the sentences requesters and agents write,
// severities, statuses that follow age, SLA due times from the default
// policy, assignees, internal notes. It writes rows directly in large
// multi-row INSERTs (the store's own path commits one ticket at a time).

type fillSpec struct {
	Tickets  int
	Messages int // about; each ticket gets 2 or more
	Now      time.Time
	Seed     uint64
}

type fillStats struct {
	Tickets, Messages, Events, Active int
	Took                              time.Duration
}

// openRaw opens a second handle on the database behind a store, for bulk
// loading.
func openRaw(dataDir, url string) (*sql.DB, error) {
	if url != "" {
		return sql.Open("pgx", url)
	}
	path := filepath.Join(dataDir, "walletdesk.db")
	return sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_txlock=immediate")
}

type genTopic struct {
	category triage.Category
	sev      []triage.Severity // drawn uniformly: repeats weigh
	subjects map[desk.Locale][]string
	bodies   map[desk.Locale][]string
}

var genTopics = []genTopic{
	{triage.Transactions, []triage.Severity{triage.S3, triage.S3, triage.S3, triage.S2}, map[desk.Locale][]string{
		desk.English:  {"Transfer pending for hours", "USDT transfer stuck", "My transaction is still unconfirmed", "ETH send not going through"},
		desk.Chinese:  {"转账一直在打包中", "USDT转账卡住了", "交易好几个小时未确认", "转账显示等待确认"},
		desk.Japanese: {"送金が保留中のまま", "USDTの送金が詰まっています", "トランザクションが未承認です", "送金が処理中から進みません"},
	}, map[desk.Locale][]string{
		desk.English:  {"I sent USDT to my friend three hours ago and it still says pending.", "The gas fee looked normal but the transfer has not confirmed.", "I tried to send again and now there are two pending transactions.", "Can you check the transaction hash below and tell me what is wrong?"},
		desk.Chinese:  {"我三个小时前给朋友转了USDT，现在还显示打包中。", "矿工费看起来正常，但是转账一直没有确认。", "我又转了一次，现在有两笔交易都在等待确认。", "麻烦帮我查一下下面这个交易哈希是什么情况。"},
		desk.Japanese: {"3時間前に友人へUSDTを送金しましたが、まだ保留中です。", "ガス代は普通だったのに送金が承認されません。", "もう一度送ったら、保留中の取引が2つになりました。", "下のトランザクションハッシュを確認していただけますか。"},
	}},
	{triage.Transactions, []triage.Severity{triage.S3, triage.S2}, map[desk.Locale][]string{
		desk.English:  {"Sent USDT on the wrong network", "Used BEP20 instead of ERC20", "Tokens sent to the wrong chain"},
		desk.Chinese:  {"USDT转错链了", "选错网络转账了", "TRC20转到了ERC20地址"},
		desk.Japanese: {"違うネットワークで送金してしまった", "BEP20で送ってしまいました", "チェーンを間違えて送金"},
	}, map[desk.Locale][]string{
		desk.English:  {"I withdrew from the exchange on BNB Smart Chain but my wallet shows nothing on Ethereum.", "Is there any way to get the tokens back to the right network?", "The exchange says the deposit was sent but I cannot see it."},
		desk.Chinese:  {"我从交易所提币选了BSC链，但钱包里以太坊上什么都没有。", "转错链的币还能找回来吗？", "交易所说已经发出了，但是我这边看不到。"},
		desk.Japanese: {"取引所からBNBスマートチェーンで出金しましたが、イーサリアム側に何も表示されません。", "正しいネットワークに戻す方法はありますか。", "取引所では送金済みになっていますが、こちらで確認できません。"},
	}},
	{triage.Transactions, []triage.Severity{triage.S3, triage.S4}, map[desk.Locale][]string{
		desk.English:  {"Token not showing in wallet", "My balance is zero after receiving", "Where is my token?"},
		desk.Chinese:  {"代币不显示", "收到币了但是余额为零", "钱包里看不到代币"},
		desk.Japanese: {"トークンが表示されない", "受け取ったのに残高がゼロ", "トークンが見つかりません"},
	}, map[desk.Locale][]string{
		desk.English:  {"The explorer shows the transfer arrived but the wallet does not show the token.", "How do I add a custom token?", "I switched networks and the balance disappeared."},
		desk.Chinese:  {"区块浏览器显示已经到账了，但钱包里不显示这个代币。", "怎么添加自定义代币？", "切换网络之后余额就不见了。"},
		desk.Japanese: {"エクスプローラーでは着金しているのに、ウォレットにトークンが表示されません。", "カスタムトークンの追加方法を教えてください。", "ネットワークを切り替えたら残高が消えました。"},
	}},
	{triage.AccountAccess, []triage.Severity{triage.S3, triage.S3, triage.S2}, map[desk.Locale][]string{
		desk.English:  {"Invalid recovery phrase when importing", "Cannot import my wallet", "Different address after import"},
		desk.Chinese:  {"导入钱包提示助记词无效", "助记词导入失败", "导入后地址不一样"},
		desk.Japanese: {"インポートでリカバリーフレーズが無効", "ウォレットを復元できません", "インポート後にアドレスが違う"},
	}, map[desk.Locale][]string{
		desk.English:  {"The app keeps saying the phrase is invalid even though I copied it from my paper backup.", "I imported my 12 words but the address is different and the balance is empty.", "Does the order of the words matter?"},
		desk.Chinese:  {"我照着纸上抄的助记词输入，还是一直提示无效。", "导入了12个助记词，但是地址变了，余额也是空的。", "助记词的顺序有关系吗？"},
		desk.Japanese: {"紙に控えたフレーズを入力しても、無効と表示されます。", "12語をインポートしましたが、アドレスが違い残高もありません。", "単語の順番は関係ありますか。"},
	}},
	{triage.AccountAccess, []triage.Severity{triage.S2, triage.S3}, map[desk.Locale][]string{
		desk.English:  {"Lost my recovery phrase", "Forgot password and lost seed phrase", "Phone broken, no backup"},
		desk.Chinese:  {"助记词丢了", "忘记密码也没有备份助记词", "手机坏了没有备份"},
		desk.Japanese: {"リカバリーフレーズをなくしました", "パスワードを忘れてフレーズもない", "スマホが壊れてバックアップがない"},
	}, map[desk.Locale][]string{
		desk.English:  {"My phone broke and I never wrote down the recovery phrase.", "Is there any way to recover the wallet with my email?", "The wallet still opens on my old tablet."},
		desk.Chinese:  {"手机坏了，助记词当时没有抄下来。", "能不能用邮箱找回钱包？", "旧平板上的钱包还能打开。"},
		desk.Japanese: {"スマホが壊れてしまい、リカバリーフレーズを控えていませんでした。", "メールアドレスでウォレットを復元できますか。", "古いタブレットではまだウォレットが開けます。"},
	}},
	{triage.Security, []triage.Severity{triage.S1}, map[desk.Locale][]string{
		desk.English:  {"My wallet was drained", "Unauthorized transfer from my wallet", "Funds stolen"},
		desk.Chinese:  {"钱包被盗了", "资产被转走了", "USDT被盗"},
		desk.Japanese: {"ウォレットの資産が盗まれた", "身に覚えのない送金があります", "USDTが勝手に送金された"},
	}, map[desk.Locale][]string{
		desk.English:  {"All my USDT was sent to an address I do not know this morning.", "Every time I deposit ETH it is moved out within seconds.", "I signed something on an airdrop site yesterday."},
		desk.Chinese:  {"今天早上我的USDT全部被转到了一个陌生地址。", "每次转进去的ETH几秒钟就被转走了。", "昨天我在一个空投网站上签了名。"},
		desk.Japanese: {"今朝、USDTがすべて知らないアドレスに送られていました。", "ETHを入金するたびに数秒で送り出されます。", "昨日エアドロップのサイトで署名しました。"},
	}},
	{triage.Security, []triage.Severity{triage.S1}, map[desk.Locale][]string{
		desk.English:  {"I gave my phrase to support on Telegram", "Typed my seed phrase into a website"},
		desk.Chinese:  {"我把助记词告诉了客服", "在网站上输入了助记词"},
		desk.Japanese: {"サポートを名乗る人にフレーズを教えた", "サイトにシードフレーズを入力した"},
	}, map[desk.Locale][]string{
		desk.English:  {"Someone from support messaged me and asked me to validate my wallet. [redacted: recovery phrase]", "I entered the 12 words on a sync page before I realised it was fake."},
		desk.Chinese:  {"有个客服私信我说要验证钱包，我就把助记词发给他了。[redacted: recovery phrase]", "我在一个同步页面输入了助记词，后来才发现是假的。"},
		desk.Japanese: {"サポートを名乗る人からウォレットの認証が必要だと言われました。[redacted: recovery phrase]", "同期ページに12語を入力してから偽物だと気づきました。"},
	}},
	{triage.Transactions, []triage.Severity{triage.S3, triage.S2}, map[desk.Locale][]string{
		desk.English:  {"Exchange deposit not credited", "Forgot the memo on my deposit", "Deposit missing on exchange"},
		desk.Chinese:  {"充值没到账", "充币忘记填备注", "交易所充值不到账"},
		desk.Japanese: {"取引所に入金が反映されない", "メモを入れずに入金した", "入金が届いていません"},
	}, map[desk.Locale][]string{
		desk.English:  {"I sent XRP to the exchange but forgot the destination tag.", "The transfer is confirmed on the explorer but the exchange balance did not change."},
		desk.Chinese:  {"我往交易所转了XRP，但是忘记填标签了。", "区块浏览器上已经确认了，交易所余额还是没变。"},
		desk.Japanese: {"取引所にXRPを送りましたが、タグを入れ忘れました。", "エクスプローラーでは承認済みなのに、取引所の残高が変わりません。"},
	}},
	{triage.Transactions, []triage.Severity{triage.S3}, map[desk.Locale][]string{
		desk.English:  {"TRON energy too expensive", "USDT TRC20 transfer failed", "Out of energy error"},
		desk.Chinese:  {"波场能量不足", "TRC20转账失败", "转USDT扣了很多TRX"},
		desk.Japanese: {"TRONのエネルギー不足", "TRC20の送金に失敗", "USDT送金でTRXが大量に消費された"},
	}, map[desk.Locale][]string{
		desk.English:  {"The transfer failed with OUT_OF_ENERGY and my TRX was still burned.", "Why does sending USDT on TRON cost so much TRX?"},
		desk.Chinese:  {"转账显示OUT_OF_ENERGY失败了，TRX还是被扣了。", "为什么在波场转USDT要燃烧这么多TRX？"},
		desk.Japanese: {"OUT_OF_ENERGYで失敗したのに、TRXは消費されました。", "TRONでUSDTを送るとなぜこんなにTRXがかかるのですか。"},
	}},
	{triage.Other, []triage.Severity{triage.S4}, map[desk.Locale][]string{
		desk.English:  {"How do I back up my wallet?", "Feature request: dark mode", "Question about network fees"},
		desk.Chinese:  {"怎么备份钱包？", "建议增加深色模式", "关于手续费的问题"},
		desk.Japanese: {"ウォレットのバックアップ方法", "ダークモードの要望", "手数料についての質問"},
	}, map[desk.Locale][]string{
		desk.English:  {"What is the safest way to keep my recovery phrase?", "It would be great to have a dark theme.", "How are network fees calculated?"},
		desk.Chinese:  {"助记词怎么保存最安全？", "希望可以加一个深色主题。", "网络手续费是怎么计算的？"},
		desk.Japanese: {"リカバリーフレーズの一番安全な保管方法は何ですか。", "ダークテーマがあるとうれしいです。", "ネットワーク手数料はどう計算されますか。"},
	}},
}

var genAgent = map[desk.Locale][]string{
	desk.English:  {"Thanks for the details. I checked the transaction on the explorer.", "Could you send the transaction hash and the network you used?", "The fee was below the current base fee, so the transfer is waiting.", "Please move the remaining funds to a new wallet with a new recovery phrase.", "The exchange has to credit the deposit; please contact them with the TxID."},
	desk.Chinese:  {"感谢提供信息，我在区块浏览器上查了这笔交易。", "麻烦提供一下交易哈希和转账时选择的网络。", "矿工费低于当前基础费用，所以交易还在等待。", "请把剩余资产转到用新助记词创建的新钱包。", "充值需要交易所入账，请带着交易哈希联系交易所。"},
	desk.Japanese: {"詳細をありがとうございます。エクスプローラーで取引を確認しました。", "トランザクションハッシュと使用したネットワークを教えてください。", "手数料が現在のベース手数料を下回っているため、送金が待機しています。", "残っている資産を新しいフレーズの新しいウォレットへ移してください。", "入金の反映は取引所の対応になります。TxIDを添えてご連絡ください。"},
}

var genFollowUp = map[desk.Locale][]string{
	desk.English:  {"Here is the hash, thank you for looking.", "It finally went through, thanks!", "Still pending on my side.", "I contacted the exchange as you said."},
	desk.Chinese:  {"这是交易哈希，谢谢帮忙查看。", "终于到账了，谢谢！", "我这边还是显示打包中。", "我已经按你说的联系交易所了。"},
	desk.Japanese: {"ハッシュはこちらです。確認ありがとうございます。", "ようやく反映されました。ありがとうございます！", "こちらではまだ保留中です。", "言われたとおり取引所に連絡しました。"},
}

var genNotes = []string{"Looks like a duplicate of an earlier request.", "Checked on the explorer: nonce gap.", "Escalated to the security lead.", "需要跟进交易所的回复。", "要確認：エクスプローラーで未着金。"}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func genHash(r *rand.Rand) string {
	const hexd = "0123456789abcdef"
	b := make([]byte, 64)
	for i := range b {
		b[i] = hexd[r.IntN(16)]
	}
	return "0x" + string(b)
}

// statusFor draws a status from the ticket's age: recent ones are still
// being worked, old ones mostly closed.
func statusFor(r *rand.Rand, age time.Duration) ticket.Status {
	x := r.Float64()
	switch {
	case age < 48*time.Hour:
		return pickWeighted(x, []ticket.Status{ticket.New, ticket.Open, ticket.Pending, ticket.Solved}, []float64{.35, .35, .2, .1})
	case age < 14*24*time.Hour:
		return pickWeighted(x, []ticket.Status{ticket.New, ticket.Open, ticket.Pending, ticket.Solved, ticket.Closed}, []float64{.05, .15, .15, .35, .3})
	}
	return pickWeighted(x, []ticket.Status{ticket.Open, ticket.Pending, ticket.Solved, ticket.Closed}, []float64{.05, .05, .15, .75})
}

func pickWeighted[T any](x float64, xs []T, w []float64) T {
	for i, p := range w {
		if x < p {
			return xs[i]
		}
		x -= p
	}
	return xs[len(xs)-1]
}

// batchInsert writes rows with multi-row INSERTs of up to `per` rows.
type batchInsert struct {
	tx     *sql.Tx
	before *batchInsert // flushed first (the rows this one references)
	prefix string
	cols   int
	per    int
	pg     bool
	args   []any
	rows   int
}

func (b *batchInsert) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	b.rows++
	if b.rows == b.per {
		return b.flush(ctx)
	}
	return nil
}

func (b *batchInsert) flush(ctx context.Context) error {
	if b.rows == 0 {
		return nil
	}
	if b.before != nil {
		if err := b.before.flush(ctx); err != nil {
			return err
		}
	}
	var sb strings.Builder
	sb.WriteString(b.prefix)
	n := 0
	for r := 0; r < b.rows; r++ {
		if r > 0 {
			sb.WriteByte(',')
		}
		sb.WriteByte('(')
		for c := 0; c < b.cols; c++ {
			if c > 0 {
				sb.WriteByte(',')
			}
			n++
			if b.pg {
				fmt.Fprintf(&sb, "$%d", n)
			} else {
				sb.WriteByte('?')
			}
		}
		sb.WriteByte(')')
	}
	_, err := b.tx.ExecContext(ctx, sb.String(), b.args...)
	b.args, b.rows = b.args[:0], 0
	return err
}

// fill loads spec into the database open as db (raw is a second handle on
// the same database). Ticket ids start after the highest existing one.
func fill(ctx context.Context, db *store.DB, raw *sql.DB, spec fillSpec) (fillStats, error) {
	start := time.Now()
	pg := db.Engine() == "postgres"
	r := rand.New(rand.NewPCG(spec.Seed, spec.Seed^0x5eed))
	sla := ticket.DefaultSLA()
	var st fillStats
	var next, nextMsg int64
	if err := raw.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM tickets`).Scan(&next); err != nil {
		return st, err
	}
	if err := raw.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM ticket_messages`).Scan(&nextMsg); err != nil {
		return st, err
	}
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return st, err
	}
	defer tx.Rollback()
	per := 200
	if pg {
		per = 1000
	}
	tickets := &batchInsert{tx: tx, pg: pg, per: per, cols: 21, prefix: `INSERT INTO tickets (id, subject, status, severity, category, topic, reasons,
		locale, email, urgent, amount_usd, chain, tx_hash, address, token_hash, first_response_due, first_response_at,
		sla_policy, assignee, created_at, updated_at) VALUES `}
	msgs := &batchInsert{tx: tx, before: tickets, pg: pg, per: per * 2, cols: 8, prefix: `INSERT INTO ticket_messages (id, ticket_id, author, agent_id, internal, body, redactions, created_at) VALUES `}
	events := &batchInsert{tx: tx, before: tickets, pg: pg, per: per * 3, cols: 5, prefix: `INSERT INTO ticket_events (ticket_id, actor, kind, data, created_at) VALUES `}
	locales := []desk.Locale{desk.English, desk.Chinese, desk.Japanese}
	span := 120 * 24 * time.Hour
	extraBudget := max(0, spec.Messages-2*spec.Tickets)
	for i := 0; i < spec.Tickets; i++ {
		next++
		id := next
		age := time.Duration(r.Float64() * r.Float64() * float64(span)) // more recent than old
		created := spec.Now.Add(-age)
		loc := pickWeighted(r.Float64(), locales, []float64{.45, .35, .2})
		topic := pickWeighted(r.Float64(), genTopics, []float64{.22, .08, .1, .1, .05, .03, .02, .1, .1, .2})
		sev := pick(r, topic.sev)
		if sev == triage.S3 && r.IntN(20) == 0 {
			sev = triage.S2
		}
		status := statusFor(r, age)
		active := status == ticket.New || status == ticket.Open || status == ticket.Pending
		if active {
			st.Active++
		}
		due := sla.Due(created, sev)
		var firstAt time.Time
		if status != ticket.New {
			target := due.Sub(created)
			firstAt = created.Add(time.Duration(r.Float64() * 1.3 * float64(target)))
			if firstAt.After(spec.Now) {
				firstAt = spec.Now
			}
		}
		var assignee int64
		if status != ticket.New && r.IntN(10) < 8 || status == ticket.New && r.IntN(4) == 0 {
			assignee = int64(1 + r.IntN(20))
		}
		subject := pick(r, topic.subjects[loc])
		hash := ""
		if topic.category == triage.Transactions && r.IntN(3) == 0 {
			hash = genHash(r)
		}
		updated := created
		// Messages: the request, the automatic reply, then a conversation.
		n := 0
		if extraBudget > 0 && spec.Tickets > i {
			mean := float64(extraBudget) / float64(spec.Tickets-i)
			n = min(extraBudget, int(r.Float64()*2*mean+0.5))
		}
		if status == ticket.New {
			n = min(n, 1)
		}
		extraBudget -= n
		at := created
		var rows [][]any
		addMsg := func(author ticket.Author, agent int64, internal bool, body, red string) {
			nextMsg++
			updated = at
			rows = append(rows, []any{nextMsg, id, string(author), agent, map[bool]int{false: 0, true: 1}[internal], body, red, at.UnixMilli()})
		}
		body := pick(r, topic.bodies[loc]) + " " + pick(r, topic.bodies[loc])
		if hash != "" {
			body += "\n" + hash
		}
		red := ""
		if strings.Contains(body, "[redacted: recovery phrase]") {
			red = "recovery_phrase"
		}
		addMsg(ticket.Requester, 0, false, body, red)
		addMsg(ticket.System, 0, false, "We have your request and will reply soon.", "")
		for k := 0; k < n; k++ {
			at = at.Add(time.Duration(10+r.IntN(240)) * time.Minute)
			if at.After(spec.Now) {
				at = spec.Now
			}
			switch {
			case r.IntN(10) == 0:
				addMsg(ticket.Agent, max(assignee, 1), true, pick(r, genNotes), "")
			case k%2 == 0:
				addMsg(ticket.Agent, max(assignee, 1), false, pick(r, genAgent[loc]), "")
			default:
				addMsg(ticket.Requester, 0, false, pick(r, genFollowUp[loc]), "")
			}
		}
		err := tickets.add(ctx, id, subject, string(status), int(sev), string(topic.category), "", "[]", string(loc),
			fmt.Sprintf("user%d@example.com", r.IntN(spec.Tickets)), 0, 0.0, "", hash, "", fmt.Sprintf("%064x", id),
			due.UnixMilli(), msOrZero(firstAt), sla.Describe(sev), assignee, created.UnixMilli(), updated.UnixMilli())
		if err != nil {
			return st, err
		}
		for _, row := range rows {
			if err := msgs.add(ctx, row...); err != nil {
				return st, err
			}
			st.Messages++
		}
		st.Tickets++
		for _, kind := range []string{"created", "auto_replied"} {
			if err := events.add(ctx, id, "requester", kind, `{}`, created.UnixMilli()); err != nil {
				return st, err
			}
			st.Events++
		}
		if status != ticket.New {
			if err := events.add(ctx, id, "agent:1", "status_changed", `{"to":"`+string(status)+`"}`, updated.UnixMilli()); err != nil {
				return st, err
			}
			st.Events++
		}
	}
	// Tickets first: messages and events reference them.
	for _, b := range []*batchInsert{tickets, msgs, events} {
		if err := b.flush(ctx); err != nil {
			return st, err
		}
	}
	// What the queue shows of each request's messages, as the store keeps it.
	if _, err := tx.ExecContext(ctx, `UPDATE tickets SET message_count = (SELECT COUNT(*) FROM ticket_messages m WHERE m.ticket_id = tickets.id),
		preview = COALESCE((SELECT substr(m.body, 1, 400) FROM ticket_messages m
			WHERE m.ticket_id = tickets.id AND m.author <> 'system' ORDER BY m.id DESC LIMIT 1), '')`); err != nil {
		return st, err
	}
	if pg {
		for _, t := range []string{"tickets", "ticket_messages"} {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %[1]s))`, t)); err != nil {
				return st, err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return st, err
	}
	// Planner statistics, as a running PostgreSQL gathers them by itself
	// (autovacuum). SQLite runs without them, as a real installation does.
	if pg {
		if _, err := raw.ExecContext(ctx, `ANALYZE`); err != nil {
			return st, err
		}
	}
	st.Took = time.Since(start)
	return st, nil
}

func msOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}
