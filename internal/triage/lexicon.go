package triage

// scope is how far apart the words of one rule may be.
type scope uint8

const (
	inClause   scope = iota // between commas and contrast words
	inSentence              // between full stops and line breaks
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
		{code: "secret_shared", level: S1, topic: "phrase-exposed", scope: inClause, neg: true, negWindow: 6,
			groups: [][]string{shareVerbs(), secretNouns()}},
		{code: "secret_shared", level: S1, topic: "phrase-exposed", scope: inSentence, neg: true, negWindow: 6,
			groups: [][]string{enterVerbs(), secretNouns(), outsiders()}},
		{code: "fake_support_contact", level: S1, topic: "fake-support-scams", scope: inSentence, neg: true, negWindow: 4,
			groups: [][]string{askVerbs(), secretNouns(), askers()}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{theftTerms()}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{denials(), join(txWords(), fundsWords(), tokenWords(), []string{"转", "出", "送られ", "送金"})},
			veto:   secretNouns()},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{goneTerms(), fundsWords()}, veto: join(displayWords(), importWords())},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{{"wallet is empty", "wallet was emptied", "wallet is now empty", "nothing left",
				"there's nothing", "left with nothing", "balance is gone", "钱包空了", "钱包被掏空", "被掏空",
				"什么都没有了", "一分都没有了", "一分钱都没了", "空っぽになっ", "何も残っていない", "何も残っていません",
				"ウォレットが空に", "ウォレットが空っぽ"}},
			veto: join(displayWords(), importWords())},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inSentence, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"勝手に", "自動で", "自動的に", "知らないうちに", "いつの間にか", "automatically", "auto"},
				{"送金", "送られ", "出金", "引き出", "移動", "転送", "抜かれ", "送金され", "出金され", "移動され",
					"転送され", "transferred", "sent out", "sent to", "was sent", "were sent", "was transferred"},
			}},
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
			groups: [][]string{
				{"was sent", "were sent", "got sent", "was transferred", "were transferred", "got transferred",
					"was moved", "were moved", "被转到", "被转入", "被转给", "被发送到", "被提到", "转到了", "转给了", "转入了",
					"送金され", "送られ", "移動され", "転送され", "出金され"},
				{"unknown", "strange", "unfamiliar", "random", "someone else's", "don't know", "don't recognize",
					"never seen", "陌生", "不认识", "不明", "奇怪的", "知らない", "見知らぬ", "不明な", "身に覚え", "覚えのない"},
			}},
		// Chinese passive: 被 (人/黑客) (偷偷) 转走 — the agent and adverbs sit between.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 3, victim: true,
			groups: [][]string{
				{"转走", "转出去", "转出", "转跑", "偷走", "盗走", "拿走", "划走", "提走", "卷走", "转移走", "盗取", "窃取",
					"取走", "转光", "偷光", "盗光", "洗劫"},
				{"被", "遭", "让人", "给人", "偷偷", "悄悄", "有人", "黑客", "别人"},
			}},
		// Japanese passive with an agent: 誰かに…送金された.
		{code: "theft_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 1, victim: true,
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
		// Chinese passive scam: 被(人)骗(去/走).
		{code: "scam_reported", level: S1, topic: "wallet-stolen", scope: inClause, neg: true, negWindow: 3, victim: true,
			groups: [][]string{{"骗", "骗去", "骗走", "诈骗", "骗光"}, {"被", "遭", "上了"}}},
		{code: "address_poisoned", level: S1, topic: "address-poisoning", scope: inSentence, neg: true, negWindow: 2,
			groups: [][]string{
				{"poisoned", "poisoning", "look alike", "lookalike", "similar address", "fake address",
					"首尾相同", "相似地址", "地址投毒", "投毒", "假地址", "似たアドレス", "アドレスポイズニング",
					"ポイズニング", "偽のアドレス", "偽アドレス"},
				{"sent", "transferred", "lost", "copied", "转了", "转账", "转出", "复制", "送金", "送っ", "失い", "失っ", "コピー"},
			}},
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
		{code: "deposit_not_credited", level: S2, topic: "exchange-deposit-missing", scope: inSentence, state: true,
			groups: [][]string{notArrived(), exchangeWords()}, veto: withdrawWords()},
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
				importWords(),
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
				"转账中", "还没到", "没到账", "未到账", "还没到账", "没收到", "收不到", "一直没到", "pending",
				"保留中", "未承認", "詰まり", "詰まっ", "処理中", "承認されない", "承認待ち", "承認されていない",
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
				"余额不足", "矿工费不足", "gas不足", "gas费不足", "手续费不足", "燃料费不足", "没有gas",
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
				"落ちる", "落ちます", "起動しない", "開かない", "固まる", "フリーズ", "クラッシュ"}}},

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
