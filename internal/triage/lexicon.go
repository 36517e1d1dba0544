package triage

// scope is how far apart the words of one rule may be.
type scope uint8

const (
	inClause   scope = iota // between commas and contrast words
	inSentence              // between full stops and line breaks
	inRequest               // anywhere in the subject and body
	numScopes
)

// rule is one kind of event. It fires when, within one scope, a term of
// every group occurs and no veto term does. Group 0 is the event itself: its
// term is the one negation and questions are judged on, and the one quoted in
// the reason.
type rule struct {
	code      string
	level     Severity
	topic     string
	scope     scope
	neg       bool // a negation of the event term cancels it ("I did not share")
	negWindow int  // for Chinese, how many characters a negation may stand before the term
	state     bool // a present state ("stuck", "不显示"): asking how to fix it is still reporting it
	victim    bool // the event may have happened to someone else ("my friend got hacked")
	groups    [][]string
	distinct1 bool // group 1 needs two different terms (two networks)
	veto      []string
	refine    []refinement
	// lead, when > 0, is a group whose term must stand before the event
	// term in its clause, at most leadGap runes (CJK) or words (English)
	// away: word order is what tells 被人转走 from 我转走, and "someone
	// swapped my tokens" from "I swapped tokens with someone".
	lead, leadGap int
	// refusable: a refusal ("I didn't send it", "我没发", "送っていません")
	// cancels a request for a secret unless the contact is still going on.
	refusable bool
	// hearsay: like victim, the event may be someone else's ("群里有人说把
	// 助记词发给客服…"), but asking about one's own is not reporting it.
	hearsay bool
}

// refinement narrows a rule's topic when one of its terms is anywhere in the text.
type refinement struct {
	topic string
	terms []string
}

func join(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// rules lists the events, most urgent first; within one level, the earlier
// rule gives the topic.
func rules() []rule {
	bitcoin := refinement{"bitcoin-unconfirmed", []string{"bitcoin", "btc", "sat/vb", "sats", "比特币", "ビットコイン"}}
	speedUp := refinement{"speed-up-cancel", []string{"speed up", "speedup", "accelerate", "cancel", "replace", "nonce", "加速", "取消", "高速化", "スピードアップ", "キャンセル"}}
	tron := refinement{"tron-resources", []string{"tron", "trx", "trc20", "energy", "bandwidth", "波场", "能量", "带宽", "エネルギー", "帯域"}}
	hardware := refinement{"hardware-wallet", hardwareWords()}
	return []rule{
		// S1: assets are being lost or a secret is exposed.
		{code: "secret_shared", level: S1, topic: "phrase-exposed", scope: inClause, neg: true, negWindow: 6, hearsay: true,
			groups: [][]string{shareVerbs(), secretNouns()}},
		{code: "secret_shared", level: S1, topic: "phrase-exposed", scope: inSentence, neg: true, negWindow: 6, hearsay: true,
			groups: [][]string{enterVerbs(), secretNouns(), outsiders()}},
		// 把 puts the object before the verb: 把助记词给(一个网友看了), 把12个单词告诉了.
		{code: "secret_shared", level: S1, topic: "phrase-exposed", scope: inClause, neg: true, negWindow: 8, hearsay: true,
			groups: [][]string{{"给", "发给", "发到", "发了", "发出", "发在", "晒", "告诉", "交给", "贴到", "粘贴到", "透露",
				"念给", "读给", "公开", "念出", "读出", "说出", "念了", "报给"},
				{"把"}, secretNouns()},
			lead: 1, leadGap: 12,
			veto: []string{"抄", "写下", "写在", "记下", "记在", "备份", "保存", "存", "丢", "删", "忘"}},
		// Importing a phrase is routine, unless into a fake app.
		{code: "secret_shared", level: S1, topic: "phrase-exposed", scope: inSentence, neg: true, negWindow: 4, hearsay: true,
			groups: [][]string{{"导入", "import", "imported", "restored", "インポート", "入れ", "復元"}, secretNouns(), fakeness()}},
		{code: "fake_support_contact", level: S1, topic: "fake-support-scams", scope: inSentence, neg: true, negWindow: 4, refusable: true,
			groups: [][]string{askVerbs(), secretNouns(), askers()}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{theftTerms()}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{denials(), join(txWords(), fundsWords(), tokenWords(), []string{"转", "出", "送られ", "送金"})},
			veto:   secretNouns()},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inRequest, neg: true, negWindow: 1, victim: true,
			groups: [][]string{strongDenials(), transferEvidence()}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{goneTerms(), fundsWords()}, veto: join(displayWords(), importWords(), stillThere())},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"missing"}, assetWords()},
			veto:   join(displayWords(), importWords(), stillThere(), exchangeWords(), []string{"memo", "tag"})},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			// A balance that went down after one's own transfer failed is that
			// transfer in limbo (or its fee), not a theft.
			groups: [][]string{decreaseTerms(), assetWords()},
			veto: join(displayWords(), importWords(), feeWords(), failWords(), []string{"price", "value", "market", "价格", "行情", "跌",
				"価格", "値下がり", "相場", "レート"})},
		// Japanese passive of "take": 取られた is a theft, unless a fee was taken.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"取られ", "とられ", "盗まれ"}, assetWords()}, veto: feeWords()},
		// A passive transfer of everything: "everything was sent out", 全部のトークンが送金されていた.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"was sent", "were sent", "got sent", "was transferred", "were transferred", "got transferred",
				"was moved", "were moved", "got moved", "was withdrawn", "were withdrawn", "was taken", "were taken"},
				{"everything", "all of it", "all my", "all the", "whole balance", "entire balance", "all funds"}},
			veto: join(exchangeWords(), []string{"should", "supposed"})},
		// Japanese passive of a transfer with "all": 全部のトークンが送金されていた.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"送金され", "送られ", "移動され", "移され", "転送され", "引き出され", "出金され"},
				{"全部", "全て", "すべて", "全額", "根こそぎ", "ごっそり"}},
			veto: []string{"取引所", "入金", "はず", "届かない", "反映", "予定", "から"}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"left my wallet", "left the wallet", "leaving my wallet", "went out of my wallet",
				"moved out of my wallet", "taken out of my wallet", "taken from my wallet", "out of my account"}, assetWords()}},
		// Transfers the owner does not recognise: 两笔我不认识的提现.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"不认识的", "不认得的", "unrecognized", "unrecognised", "見覚えのない"},
				{"提现", "转出", "转账", "交易", "withdrawals", "withdrawal", "outgoing", "transfers", "出金", "送金"}}},
		// The wallet became empty, with time words between: 钱包今天早上空了.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"空了", "被清空", "清空了", "变空", "空空"}, {"钱包", "账户", "账号"}},
			veto:   join(displayWords(), importWords())},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"compromised", "被盗用", "盗用", "乗っ取られ"},
				{"wallet", "account", "钱包", "账户", "账号", "ウォレット", "アカウント"}}},
		// Funds that move with nobody at the keys: "moving on their own".
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"on their own", "on its own", "by themselves", "by itself", "without me knowing", "without my knowing",
					"without me noticing", "without me doing anything", "在我不知情", "知らない間に"},
				{"moving", "moved", "leaving", "outgoing", "transferred", "sent", "sending", "转出", "转走", "转移", "转了",
					"送金", "移動", "送られ"},
			}},
		// A sweeper: what comes in leaves at once.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"sent out", "sends", "sent away", "gets sent", "disappear*", "gone", "taken", "swept", "moved out",
					"leaves", "transferred out", "转走", "转出", "被转", "没了", "不见", "送られ", "送金され", "消え", "抜かれ",
					"移動され"},
				{"receive", "received", "deposit", "deposited", "for gas", "for fees", "top up", "comes in", "arrives",
					"转入", "转进", "充", "到账", "进来", "入金", "入れる", "入れると", "入れたら", "着金", "受け取"},
				{"instantly", "immediately", "within seconds", "seconds", "right away", "automatically", "every time",
					"each time", "as soon as", "马上", "立刻", "立即", "秒", "瞬间", "自动", "每次", "一到账", "すぐ",
					"即座", "瞬時", "自動", "たびに", "毎回"},
			}},
		// Someone did it: the agent stands right before the verb.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"swapped", "sent", "transferred", "moved", "took", "taking", "withdrew", "withdrawn", "stealing",
					"sold", "sending", "emptied", "drained", "has access", "got access", "gained access", "accessed",
					"is sending", "keeps sending"},
				{"someone", "somebody", "some one", "some1", "hacker", "hackers", "bot", "thief", "scammer",
					"scammers", "stranger"},
			},
			lead: 1, leadGap: 2, veto: []string{"airdrop", "fake token", "dust", "0 usdt"}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"转我的", "转我钱包", "转走我", "偷我", "盗我", "拿我的", "动我的", "动我钱包", "转我账户", "控制了我",
					"登录了我", "进了我"},
				{"有人", "别人", "黑客", "陌生人", "骗子", "对方"},
			},
			lead: 1, leadGap: 3},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"送金し", "移動し", "引き出し", "抜き", "盗ん", "持ち出", "アクセスし", "操作し"},
				{"誰かが", "何者かが", "第三者が", "ハッカーが", "犯人が", "知らない人が"},
			},
			lead: 1, leadGap: 12},
		// A bot or someone that takes whatever arrives: 抜き取るボット, 转走的机器人.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"抜き取る", "抜き取っ", "盗む", "奪う", "持っていく", "転送する", "转走", "偷走", "扫走"},
				{"ボット", "機械", "bot", "机器人", "脚本", "ハッカー", "誰か"}}},
		// Chinese passive with the verb alone: (币全部)被(人)转(了).
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 3, victim: true,
			groups: [][]string{{"转", "动了", "动过", "转空", "拿走"}, {"被", "遭"}},
			lead:   1, leadGap: 3, veto: []string{"转换", "转发", "转圈", "旋转", "拒绝", "退回", "冻结", "限制", "取消", "驳回"}},
		// An English verb with "away" after its object: transferred all my tokens away.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"away"}, {"transferred", "sent", "sends", "moved", "took", "takes", "taken", "swept", "sweeps"}},
			lead:   1, leadGap: 4, veto: []string{"away from", "give away", "giveaway"}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"wallet is empty", "wallet was emptied", "wallet is now empty", "nothing left",
				"there's nothing", "left with nothing", "balance is gone", "钱包空了", "钱包被掏空", "被掏空",
				"什么都没有了", "一分都没有了", "一分钱都没了", "空っぽになっ", "何も残っていない", "何も残っていません",
				"ウォレットが空に", "ウォレットが空っぽ", "中身が空", "空になっ", "空になり", "からっぽ", "一分不剩", "啥都没了",
				"account is empty", "wallet got emptied", "就剩", "只剩", "只剩下", "only a few dollars left",
				"しか残っていない", "しか残っていません", "and now its 0", "and now it's 0", "now it's 0", "now its 0"}},
			veto: join(displayWords(), importWords())},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"勝手に", "自動で", "自動的に", "知らないうちに", "いつの間にか", "いつのまにか", "automatically", "auto",
					"莫名其妙", "莫名", "无缘无故", "自己跑", "気づいたら", "同意なしに", "同意なく", "許可なく", "許可なしに",
					"承認なしに", "無断で", "擅自", "without my consent", "without consent"},
				{"送金", "送られ", "出金", "引き出", "移動", "転送", "抜かれ", "送金され", "出金され", "移動され",
					"転送され", "transferred", "sent out", "sent to", "was sent", "were sent", "was transferred",
					"動い", "動か", "移っ", "消え", "減っ", "なくなっ", "無くなっ",
					"转到", "转出", "转走", "转移", "被转", "少了", "没了"},
			}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"was sent", "were sent", "got sent", "was transferred", "were transferred", "got transferred",
					"was moved", "were moved", "被转到", "被转入", "被转给", "被发送到", "被提到", "转到了", "转给了", "转入了",
					"都转到", "转到同一个", "going to", "keeps going to",
					"送金され", "送られ", "移動され", "転送され", "出金され", "移っ", "移動して", "行っ"},
				{"unknown", "strange", "unfamiliar", "random", "someone else's", "don't know", "don't recognize",
					"never seen", "陌生", "不认识", "不明", "奇怪的", "知らない", "見知らぬ", "不明な", "身に覚え", "覚えのない",
					"知らないアドレス", "見知らぬアドレス", "別人", "别人", "たことのない", "たことがない", "たことない",
					"same address", "同一个陌生", "同一个地址",
					"心当たりのない", "never seen before", "i don't know", "i've never seen"},
			}},
		// Chinese passive: 被 (人/黑客) (偷偷) 转走 — the agent and adverbs sit between.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 3, victim: true,
			groups: [][]string{
				{"转走", "转出去", "转出", "转跑", "偷走", "盗走", "拿走", "划走", "提走", "卷走", "转移走", "盗取", "窃取",
					"取走", "转光", "偷光", "盗光", "洗劫", "掏空", "清空", "搬空", "黑了", "盗了", "偷了"},
				{"被", "遭", "让人", "给人", "叫人", "让黑客", "给黑客", "让骗子", "给骗子", "偷偷", "悄悄", "有人", "黑客", "别人"},
			}},
		// Japanese passive with an agent: 誰かに…送金された, 知らない人に操作させたら、…送金されてた.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"送金され", "送られ", "移動され", "移され", "引き出され", "出金され", "抜かれ", "転送され", "使われ"},
				{"誰かに", "何者かに", "第三者に", "ハッカーに", "知らない人に", "他人に", "犯人に", "別のアドレス",
					"知らないアドレス", "見知らぬアドレス"},
			}},
		{code: "scam_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{scamTerms()}},
		{code: "scam_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 2, victim: true,
			groups: [][]string{
				{"sent", "transferred", "paid", "invested", "deposited", "转了", "投了", "充了", "投资了", "付了",
					"送金し", "送っ", "振り込", "投資し", "入金し"},
				{"scam*", "fraud*", "fake platform", "fake exchange", "ponzi", "scam platform", "骗局", "诈骗", "假平台",
					"假交易所", "资金盘", "詐欺", "偽の取引所", "偽サイト"},
			}},
		// "Pay a tax to withdraw": the fee that comes after a scam platform took the deposit.
		{code: "scam_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 2, victim: true,
			groups: [][]string{
				{"tax", "fee", "deposit more", "unlock fee", "税", "税金", "保证金", "手续费", "解冻费", "手数料", "保証金"},
				{"to withdraw", "before i can withdraw", "withdrawal", "才能提现", "提现", "提币", "出金するには", "出金に", "出金のため"},
				{"pay", "must", "need to", "require", "交", "缴", "要求", "必要", "払"},
			}},
		// Chinese passive scam: 被(人)骗(去/走).
		{code: "scam_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 3, victim: true,
			groups: [][]string{{"骗", "骗去", "骗走", "诈骗", "骗光"}, {"被", "遭", "上了"}}},
		// hearsay: "I keep hearing about address poisoning, how does it work?"
		{code: "address_poisoned", level: S1, topic: "address-poisoning", scope: inSentence, neg: true, negWindow: 2, hearsay: true,
			groups: [][]string{
				{"poisoned", "poisoning", "look alike", "lookalike", "similar address", "fake address",
					"首尾相同", "相似地址", "地址投毒", "投毒", "假地址", "似たアドレス", "アドレスポイズニング",
					"ポイズニング", "偽のアドレス", "偽アドレス"},
				{"sent", "transferred", "lost", "copied", "转了", "转账", "转出", "复制", "送金", "送っ", "失い", "失っ", "コピー"},
			}},
		// Address poisoning told as a story: the user sent funds and then
		// found the address matched only at its ends, or found the zero-value
		// bait from it in the history; nothing says "poisoning".
		{code: "address_poisoned", level: S1, topic: "address-poisoning", scope: inRequest, neg: true, negWindow: 2, hearsay: true,
			groups: [][]string{lookalikeAddress(), sentFunds(), addressWords()}, veto: notYetSent()},
		{code: "address_poisoned", level: S1, topic: "address-poisoning", scope: inRequest, neg: true, negWindow: 2, hearsay: true,
			groups: [][]string{zeroTransfer(), sentFunds(), notArrived()}, veto: notYetSent()},
		// Clipboard malware: the pasted address turns into another one, and
		// funds already went there. The device is compromised.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inRequest, neg: true, negWindow: 2,
			groups: [][]string{clipboardSwap(), turnsInto(), fundsGone()}, veto: importWords()},
		// The account's owner permission handed to a stranger (TRON): the
		// account is someone else's now.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inRequest, neg: true, negWindow: 2,
			groups: [][]string{permissionTaken(), {"don't know", "don't recognize", "not mine", "some address", "someone else",
				"stranger", "陌生", "别人", "不认识", "不是我", "知らない", "見覚えのない", "他人"}}},
		// A lost or stolen phone that opens without a lock, with a wallet and
		// funds in it: whoever holds it holds the keys.
		{code: "secret_shared", level: S1, topic: "phrase-exposed", scope: inRequest, neg: true, negWindow: 4,
			groups: [][]string{phoneOutOfHand(), unlockedAccess(),
				join(assetWords(), []string{"wallet", "钱包", "ウォレット", "phantom", "metamask", "trust wallet", "imtoken", "tp钱包"})}},
		// "Support" that gets into the device (a remote-access app, a shared
		// screen) sees and moves whatever the wallet shows, phrase included.
		{code: "fake_support_contact", level: S1, topic: "fake-support-scams", scope: inRequest, neg: true, negWindow: 4, refusable: true,
			groups: [][]string{remoteAccess(), askers()}},
		{code: "malicious_approval", level: S1, topic: "token-approvals", scope: inSentence, neg: true, negWindow: 4,
			groups: [][]string{approvalVerbs(), badContext()}},
		{code: "malicious_approval", level: S1, topic: "phishing-signatures", scope: inSentence, neg: true, negWindow: 4,
			groups: [][]string{signVerbs(), badContext()}},
		{code: "malicious_approval", level: S1, topic: "token-approvals", scope: inClause, neg: true, negWindow: 1,
			groups: [][]string{{"accidentally approved", "accidentally signed", "approved by mistake",
				"signed by mistake", "误授权", "误签", "授权错了", "签错了", "間違って承認", "誤って承認", "間違って署名",
				"誤って署名", "うっかり承認", "うっかり署名"}}},

		// S2: funds inaccessible or in limbo.
		{code: "phrase_lost", level: S2, topic: "lost-recovery-phrase", scope: inClause, neg: true, negWindow: 4,
			groups: [][]string{lostVerbs(), secretNouns()}},
		// 没有把助记词抄下来: the negation is the point, the object sits inside.
		{code: "phrase_lost", level: S2, topic: "lost-recovery-phrase", scope: inClause,
			groups: [][]string{{"抄", "写下", "写在", "记下", "记在", "备份", "保存", "存下", "存好"},
				{"没把", "没有把", "未把", "忘了把", "忘记把"}, secretNouns()},
			lead: 1, leadGap: 12},
		// A lost phone and no backup, said in any order anywhere in the request.
		{code: "phrase_lost", level: S2, topic: "lost-recovery-phrase", scope: inRequest,
			groups: [][]string{
				{"never backed up", "no backup", "didn't back up", "not backed up", "without backup", "without a backup",
					"没备份", "没有备份", "未备份", "バックアップしていない", "バックアップを取っていない", "バックアップなし",
					"バックアップがな"},
				{"lost my phone", "lost phone", "phone broke", "broken phone", "phone died", "phone was stolen",
					"lost my device", "手机丢了", "手机坏了", "手机被偷", "手机丢失", "スマホをなくし", "スマホを紛失",
					"スマホが壊れ", "携帯をなくし", "スマホを落と"},
			}},
		{code: "wrong_network", level: S2, topic: "wrong-network", scope: inSentence, neg: true, negWindow: 2,
			groups: [][]string{{
				"wrong network", "wrong chain", "wrong blockchain", "wrong net", "different network",
				"different chain", "incorrect network", "unsupported network", "wrong token standard",
				"instead of", "only supports", "doesn't support", "does not support", "not supported",
				"转错网络", "转错链", "转错了网络", "转错了链", "链选错", "选错链", "选错网络", "选错了链", "选错了网络",
				"用错网络", "用错链", "用错了网络", "用错了链", "错了链", "错了网络", "发错链", "发错网络",
				"网络选错", "错误的网络", "错误的链", "转错主网", "错链", "不支持", "只支持",
				"違うチェーン", "違うネットワーク", "ネットワーク間違い", "ネットワークを間違え", "チェーンを間違え",
				"別のチェーン", "別のネットワーク", "間違ったネットワーク", "間違ったチェーン", "対応していない", "非対応",
			}}},
		{code: "wrong_network", level: S2, topic: "wrong-network", scope: inSentence, neg: true, negWindow: 2,
			groups: [][]string{transferVerbs(), networkNames()}, distinct1: true},
		{code: "wrong_network", level: S2, topic: "wrong-network", scope: inClause, neg: true, negWindow: 2,
			groups: [][]string{{"instead of", "rather than", "ではなく", "じゃなくて", "而不是", "不是选"},
				join(networkNames(), []string{"eth", "bnb", "trx", "matic"})}},
		{code: "deposit_not_credited", level: S2, topic: "exchange-deposit-missing", scope: inSentence, state: true,
			groups: [][]string{notArrived(), exchangeWords()}, veto: walletDestination()},
		// The transfer in one sentence, the missing credit in the next:
		// "I sent 2 ETH to Kraken. ... Still not credited."
		{code: "deposit_not_credited", level: S2, topic: "exchange-deposit-missing", scope: inRequest, state: true,
			groups: [][]string{notArrived(), exchangeWords(), sentFunds()},
			veto:   join(walletDestination(), []string{"withdrew", "withdrawal", "withdrawn", "提现", "提币", "出金"})},
		{code: "deposit_not_credited", level: S2, topic: "exchange-deposit-missing", scope: inClause,
			groups: [][]string{memoMissing(), memoWords()}},
		{code: "address_changed", level: S2, topic: "different-address-after-import", scope: inSentence, state: true,
			groups: [][]string{addressDiffers(), importWords()}},
		{code: "address_changed", level: S2, topic: "different-address-after-import", scope: inSentence, state: true,
			groups: [][]string{
				{"different", "changed", "doesn't match", "not the same", "not match", "new one", "wrong",
					"不一样", "不同", "变了", "变成", "对不上", "不是原来", "不对", "换了",
					"違う", "違い", "違っ", "異な", "変わ", "一致しない", "別の"},
				{"address", "addresses", "地址", "アドレス"},
				// an app update or a reset device shows the same as an import
				join(importWords(), []string{"update", "updated", "upgrade", "upgraded", "更新", "升级", "アップデート", "初期化"}),
			}},
		// A restore without the passphrase (the 25th word) the wallet had:
		// another wallet opens, the funds are behind the forgotten word.
		{code: "address_changed", level: S2, topic: "different-address-after-import", scope: inRequest, state: true,
			groups: [][]string{
				{"passphrase", "25th word", "hidden wallet", "密码短语", "第25个", "隐藏钱包", "パスフレーズ", "25番目", "隠しウォレット"},
				join(importWords(), []string{"reset", "重置", "初期化"}),
				lostVerbs(),
			}},
		{code: "wrong_address", level: S2, topic: "send-crypto", scope: inClause, neg: true, negWindow: 2,
			groups: [][]string{{"wrong address", "incorrect address", "typo in the address", "mistyped the address",
				"wrong recipient", "contract address",
				"转错地址", "地址填错", "地址写错", "转错了地址", "打错地址", "地址错了", "地址输错",
				"アドレスを間違え", "間違ったアドレス", "宛先を間違え", "送り先を間違え", "送金先を間違え"}},
			veto: importWords()},

		{code: "funds_frozen", level: S2, topic: "contact-support", scope: inSentence, neg: true, negWindow: 2,
			groups: [][]string{
				{"frozen", "freeze", "froze", "blacklisted", "blacklist", "冻结", "被冻结", "黑名单", "凍結", "ブラックリスト"},
				join(tokenWords(), []string{"funds", "account", "wallet", "address", "u", "钱包", "地址", "账户",
					"ウォレット", "アドレス", "アカウント"}),
			}},

		// S3: a concrete problem, no funds at risk.
		{code: "transfer_pending", level: S3, topic: "transaction-pending", scope: inClause, state: true,
			groups: [][]string{{
				"pending", "stuck", "unconfirmed", "not confirmed", "hasn't confirmed", "not confirming",
				"won't confirm", "still processing", "processing", "in progress", "not arrived",
				"hasn't arrived", "didn't arrive", "not received", "haven't received", "still haven't received",
				"hasn't been received", "never arrived", "not yet arrived", "still not arrived", "taking forever",
				"queued", "dropped", "not yet", "still waiting", "hasn't gone through", "not gone through",
				"didn't go through", "not going through", "hasn't been processed",
				"打包中", "等待确认", "等待中", "未确认", "没确认", "没有确认", "卡住", "卡了", "卡着", "一直卡", "处理中",
				"待确认", "待处理", "待打包", "转圈", "确认中",
				"转账中", "还没到", "没到账", "未到账", "还没到账", "没收到", "收不到", "一直没到", "pending",
				"保留中", "未承認", "詰まり", "詰まっ", "処理中", "承認されない", "承認待ち", "承認されていない",
				"未確認", "確認中", "処理待ち", "送金中", "送信中", "保留のまま", "保留状態", "保留になっ",
				"反映されない", "届かない", "届いていない", "着金しない", "完了しない", "進まない", "止まっ", "ペンディング",
				"終わらない", "終わりません", "進みません", "届きません", "着金しません",
			}},
			refine: []refinement{bitcoin, speedUp}},
		{code: "transfer_pending", level: S3, topic: "speed-up-cancel", scope: inClause,
			groups: [][]string{{"speed up", "speedup", "accelerate", "cancel", "replace", "rbf", "cpfp", "nonce",
				"加速", "取消交易", "取消转账", "取消", "替换", "高速化", "スピードアップ", "キャンセル", "ナンス"}},
			refine: []refinement{bitcoin}},
		{code: "fee_problem", level: S3, topic: "insufficient-gas", scope: inClause, state: true,
			groups: [][]string{{
				"insufficient funds for gas", "insufficient funds", "insufficient balance", "insufficient gas",
				"not enough gas", "not enough eth", "not enough bnb", "not enough trx", "not enough matic",
				"not enough for gas", "need eth for gas", "no eth for gas", "gas required exceeds",
				"intrinsic gas too low", "out of gas",
				"余额不足", "矿工费不足", "gas不足", "gas费不足", "手续费不足", "燃料费不足", "没有gas", "gas不够", "gas费不够",
				"手续费不够", "矿工费不够", "不足以支付", "不够支付",
				"enough to pay for gas", "enough to pay the fee", "enough to cover gas", "enough to cover the fee",
				"ガス代を払えない", "ガス代が払えない", "手数料を払えない", "手数料が払えない",
				"ガス代が足りない", "ガス代が足り", "ガス不足", "手数料が足りない", "手数料不足", "残高不足",
			}},
			refine: []refinement{tron}},
		{code: "fee_problem", level: S3, topic: "tron-resources", scope: inSentence, state: true,
			groups: [][]string{tronResources(), resourceProblems()}},
		{code: "fee_problem", level: S3, topic: "network-fees", scope: inClause, state: true,
			groups: [][]string{feeWords(), feeComplaints()}},
		{code: "transfer_failed", level: S3, topic: "transaction-failed", scope: inSentence, state: true,
			groups: [][]string{failWords(), txWords()},
			veto:   join(importWords(), []string{"swap", "闪兑", "兑换", "スワップ", "connect", "连接", "接続"}, hardwareWords())},
		{code: "send_blocked", level: S3, topic: "send-crypto", scope: inClause, state: true,
			groups: [][]string{{"can't send", "cannot send", "cant send", "unable to send", "won't send",
				"can't transfer", "cannot transfer", "unable to transfer", "greyed out", "grayed out",
				"转不出去", "转不了", "无法转账", "不能转账", "发不出去", "转不出",
				"送金できない", "送金できません", "送れない", "送れません", "出金できない", "送信できない"}},
			refine: []refinement{tron}},
		{code: "swap_failed", level: S3, topic: "swap-failed", scope: inSentence, state: true,
			groups: [][]string{{"swap", "swapping", "swapped", "闪兑", "兑换", "スワップ"},
				{"failed", "fail", "fails", "error", "slippage", "stuck", "didn't receive", "not received",
					"haven't received", "didn't get", "reverted", "not working", "doesn't work", "won't work",
					"失败", "滑点", "没收到", "没到账", "没有到", "被扣", "不了", "不能", "无法",
					"失敗", "届い", "届かない", "エラー", "できない", "できません"}}},
		{code: "token_not_showing", level: S3, topic: "token-not-showing", scope: inSentence, state: true,
			groups: [][]string{notShowing(), tokenWords()}},
		{code: "tx_not_found", level: S3, topic: "transaction-not-found", scope: inSentence, state: true,
			groups: [][]string{
				{"not found", "can't find", "cannot find", "couldn't find", "cant find", "查不到", "找不到",
					"搜不到", "查询不到", "見つかりません", "見つからない", "出てこない"},
				{"transaction", "tx", "hash", "txid", "explorer", "etherscan", "tronscan", "bscscan",
					"交易", "哈希", "浏览器", "トランザクション", "エクスプローラー", "取引"},
			}},
		{code: "import_error", level: S3, topic: "import-phrase-errors", scope: inSentence, state: true,
			groups: [][]string{importProblems(), join(importWords(), secretNouns())}},
		{code: "connection_problem", level: S3, topic: "connect-dapp", scope: inClause, state: true,
			groups: [][]string{connectProblems()}, refine: []refinement{hardware}},
		{code: "connection_problem", level: S3, topic: "hardware-wallet", scope: inSentence, state: true,
			groups: [][]string{hardwareErrors(), hardwareWords()}},
		{code: "password_problem", level: S3, topic: "forgot-password", scope: inClause, state: true,
			groups: [][]string{passwordProblems(), passwordWords()}},
		{code: "app_problem", level: S3, topic: "contact-support", scope: inClause, state: true,
			groups: [][]string{{"crash", "crashes", "crashing", "crashed", "won't open", "doesn't open",
				"not opening", "can't open the app", "keeps closing", "blank screen", "freezes", "frozen",
				"stuck on loading", "bug", "glitch",
				"闪退", "打不开", "白屏", "卡死", "崩溃",
				"落ちる", "落ちます", "起動しない", "開かない", "固まる", "フリーズ", "クラッシュ", "落ち続け", "強制終了"}}},

		// S4: information and feedback; they only explain an S4 result.
		{code: "feature_request", level: S4, topic: "", scope: inClause,
			groups: [][]string{{"please add", "pls add", "can you add", "could you add", "would be great",
				"would be nice", "would love", "feature request", "suggestion", "i suggest", "wish",
				"add support for", "please support", "do you have", "do you support", "add more",
				"希望", "建议", "能不能加", "能不能增加", "可以增加", "请增加", "加个", "增加", "支持一下", "有没有",
				"ほしい", "欲しい", "要望", "追加してください", "対応してほしい", "してほしい", "ありますか"}}},
		{code: "feedback", level: S4, topic: "", scope: inClause,
			groups: [][]string{{"thank*", "thx", "great app", "love the app", "love this", "awesome",
				"good job", "nice", "well done",
				"谢谢", "感谢", "好用", "很棒", "不错", "赞",
				"ありがとう", "使いやすい", "素晴らしい", "最高", "便利"}}},
	}
}

// topicHints weigh words toward a help-center topic when no event decides
// it, typically for how-to questions. Weights: 3 says the topic, 1 hints.
func topicHints() []topicHint {
	return []topicHint{
		{"create-wallet", 3, []string{"create", "new wallet", "make a wallet", "set up", "setup", "创建", "新建", "作り方", "作成", "作れ", "新規"}},
		{"backup-recovery-phrase", 3, []string{"backup", "back up", "write down", "write it down", "store", "storage", "keep my phrase", "keep it safe", "save", "password manager", "备份", "保存", "保管", "抄写", "存在", "バックアップ", "書き留め", "書き写"}},
		{"backup-recovery-phrase", 1, secretNouns()},
		{"import-wallet", 3, []string{"import", "restore", "another app", "other wallet", "导入", "别的钱包", "インポート", "復元", "他のウォレット"}},
		{"receive-crypto", 3, []string{"receive", "receiving", "deposit address", "my address", "收款", "接收", "收币", "受け取", "受取"}},
		{"send-crypto", 2, []string{"send", "sending", "transfer", "转账", "发送", "送金", "送る", "送り"}},
		{"connect-dapp", 3, []string{"dapp", "walletconnect", "wallet connect", "connect", "连接", "接続"}},
		{"hardware-wallet", 4, hardwareWords()},
		{"lost-recovery-phrase", 3, []string{"lose", "lost", "丢", "なくし", "紛失"}},
		{"forgot-password", 3, passwordWords()},
		{"network-fees", 3, feeWords()},
		{"tron-resources", 4, tronResources()},
		{"token-approvals", 4, []string{"approval", "approvals", "allowance", "revoke", "授权", "取消授权", "取消代币授权", "撤销授权", "承認", "リボーク", "承認の取り消し"}},
		{"phishing-signatures", 3, []string{"sign", "signature", "signing", "permit", "phishing", "签名", "钓鱼", "署名", "フィッシング"}},
		{"fake-support-scams", 3, []string{"scam", "scams", "scammer", "scammers", "fake support", "假客服", "骗", "詐欺", "偽サポート"}},
		{"verify-official-channels", 4, []string{"official", "real support", "really from", "from your team", "from your support", "legit", "your support", "your team", "官方", "官方客服", "公式", "本物"}},
		{"address-poisoning", 4, []string{"poisoning", "similar address", "looks like mine", "similar to mine",
			"0 usdt", "zero value", "投毒", "相似地址", "0u", "ポイズニング", "似たアドレス"}},
		{"contact-support", 3, []string{"talk to a human", "human", "contact support", "contact you", "人工", "联系客服", "問い合わせ", "担当者"}},
		{"speed-up-cancel", 4, []string{"speed up", "cancel", "accelerate", "加速", "取消", "高速化", "キャンセル"}},
		{"token-not-showing", 4, []string{"custom token", "add token", "add a custom token", "添加代币", "自定义代币", "カスタムトークン", "トークン追加", "トークンの追加"}},
		{"wallet-stolen", 2, []string{"hack", "hacked", "hackers", "stolen", "steal", "被盗", "被黑", "黑客", "ハッキング", "盗ま"}},
		{"bitcoin-unconfirmed", 1, []string{"bitcoin", "btc", "比特币", "ビットコイン"}},
	}
}

type topicHint struct {
	topic  string
	weight int
	terms  []string
}
