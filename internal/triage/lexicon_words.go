package triage

// Word lists shared by several rules, each in English, simplified Chinese and
// Japanese, with the colloquial forms and misspellings users type. A trailing
// "*" lets an English term match as a prefix ("drain*": drains, drainer).
// Chinese and Japanese terms match anywhere; Japanese verbs are given as
// stems so that every politeness level matches (盗まれ: 盗まれた, 盗まれました).
// A trailing "~" also accepts the usual one-letter slips of the longest
// English word (drianed, stollen, privte key): kept for the words that
// decide an S1.

func secretNouns() []string {
	return []string{
		"seed", "seeds", "seed phrase", "seedphrase", "seed words", "seed prase", "seed phase",
		"seed pharse", "recovery phrase~", "recovery words~", "recovery phase", "recovery pharse",
		"secret recovery phrase", "secret phrase", "secret words", "backup phrase", "mnemonic*",
		"pneumonic", "nemonic", "12 words", "12 word", "24 words", "24 word", "12words",
		"twelve words", "18 words", "backup words", "phrase~", "pharse", "private key~", "private keys", "privatekey",
		"priv key", "privkey", "keystore", "key phrase", "xprv", "wallet key", "my keys",
		"助记词", "助记码", "助記詞", "助计词", "助记", "种子短语", "种子词", "恢复短语", "私钥", "私匙",
		"密钥", "keystore文件", "个单词", "个英文单词", "个助记", "助记单词",
		"リカバリーフレーズ", "リカバリフレーズ", "シードフレーズ", "シード", "ニーモニック",
		"復元フレーズ", "復元用フレーズ", "復元ワード", "バックアップフレーズ", "秘密のフレーズ",
		"秘密鍵", "プライベートキー", "12単語", "12個の単語", "24単語", "英単語", "キーストア", "フレーズ", "リカバリーワード",
		"単語",
	}
}

// shareVerbs say a secret went to someone else; with a secret noun they
// are enough for S1.
func shareVerbs() []string {
	return append([]string{
		"gave", "given", "gave away", "shared", "told", "sent", "leaked", "leak", "exposed",
		"revealed", "disclosed", "showed my", "showed him", "showed her", "showed them",
		"showed someone", "handed", "posted", "emailed", "out loud", "read out", "read aloud", "said out loud",
		"texted", "messaged", "compromised", "someone has", "somebody has", "someone knows",
		"somebody knows", "someone got", "someone saw", "someone else has", "he has", "they have",
		"got access", "has access", "have access", "stole my", "was stolen", "were stolen",
		"someone might have", "someone may have", "might have my", "may have my", "could have my",
		"somebody might have", "someone could have",
		"泄露", "泄漏", "外泄", "告诉", "给了", "给过", "发给", "发送给", "发到", "发了", "交给", "透露",
		"暴露", "被别人知道", "别人知道", "被人知道", "被知道", "被看到", "看过", "看到了",
		"拿到了", "被拿到", "分享", "传给", "给别人", "被盗", "被偷", "泄密", "给客服", "发给客服",
		"告诉客服", "交给了", "给他", "给她", "给对方", "给骗子", "偷看", "偷拍", "看见了", "抄走",
		"漏れ", "漏洩", "流出", "知られ", "撮られ", "見られ", "盗まれ",
	}, jaShared()...)
}

// jaSharedVerbs are the Japanese verbs that hand something over, as masu
// stem and te form.
func jaSharedVerbs() [][2]string {
	return [][2]string{
		{"教え", "教えて"}, {"伝え", "伝えて"}, {"送り", "送って"}, {"渡し", "渡して"}, {"見せ", "見せて"},
		{"載せ", "載せて"}, {"共有し", "共有して"}, {"晒し", "晒して"}, {"投稿し", "投稿して"},
		{"入力し", "入力して"}, {"読み上げ", "読み上げて"}, {"送信し", "送信して"}, {"貼り", "貼って"},
	}
}

func jaShared() []string {
	var out []string
	for _, v := range jaSharedVerbs() {
		out = append(out, jaDid(v[0], v[1])...)
	}
	return out
}

// jaRequests are the request forms of the same verbs ("教えてください"):
// someone asking, which hides the done forms inside them.
func jaRequests() []string {
	var out []string
	for _, v := range jaSharedVerbs() {
		out = append(out, jaAsked(v[1])...)
	}
	return out
}

// enterVerbs put a secret somewhere; they mean exposure only with a place
// or a party (a site, a form, a bot, someone), since importing a wallet is
// entering the phrase too.
func enterVerbs() []string {
	return []string{
		"typed", "entered", "pasted", "put in", "put my", "input", "inputted", "filled", "submitted",
		"imported", "uploaded", "verified", "validated", "synced", "connected my seed", "posted", "pushed", "committed",
		"re-enter", "re enter", "reentered",
		"输入", "填了", "填入", "填写", "填到", "粘贴", "复制到", "导入到", "提交", "上传",
		"入力し", "入力を", "貼り付け", "記入", "送信し", "アップし", "アップロード", "打ち込ん", "書き込ん", "再入力",
	}
}

// outsiders are the places and people a secret must never reach.
func outsiders() []string {
	return []string{
		"site", "website", "web site", "link", "page", "form", "popup", "pop up", "bot", "chat",
		"telegram", "discord", "whatsapp", "twitter", "dm", "dms", "email", "google", "someone",
		"somebody", "stranger", "guy", "person", "support", "agent", "admin", "moderator",
		"customer service", "validate", "validation", "verify", "sync", "rectify", "claim",
		"airdrop", "fake", "phishing", "scam*", "hacker", "group", "public", "popup", "github", "repo", "pastebin",
		"网站", "网页", "链接", "页面", "表单", "客服", "群", "机器人", "空投", "验证", "同步", "别人",
		"陌生人", "网友", "对方", "假", "钓鱼", "骗子", "官方", "公开", "仓库", "github",
		"サイト", "リンク", "ページ", "フォーム", "ボット", "エアドロップ", "認証", "同期", "他人",
		"知らない人", "相手", "サポート", "偽", "詐欺", "フィッシング", "チャット", "公開", "リポジトリ", "通話",
	}
}

// askVerbs: someone asks the user for a secret.
func askVerbs() []string {
	return []string{
		"asked", "asking", "asks", "ask me", "asked me", "requested", "requesting", "wants", "convinced me",
		"persuaded me", "talked me into", "got me to", "made me",
		"wanted", "demanded", "demanding", "told me to", "telling me to", "instructed", "needs my",
		"need my", "said i need", "said i must", "asking me to", "asked me to", "wants me to",
		"要我", "让我", "叫我", "问我要", "索要", "要求", "要助记词", "要私钥", "跟我要", "找我要",
		"求められ", "聞かれ", "聞いてき", "言われ", "要求され", "入力するよう", "教えるよう",
		"送るよう", "促され", "頼まれ", "教えてくださいと", "教えてと", "必要だと", "必要と言", "と言っています",
		"と言ってい", "needs my", "said he needs", "says he needs",
	}
}

// parties who ask: impersonated staff and strangers.
func askers() []string {
	return []string{
		"support", "customer service", "customer support", "agent", "admin", "moderator", "mod", "account",
		"help desk", "helpdesk", "pretending", "impersonat*", "posing as", "claiming to be",
		"team", "staff", "official", "someone", "somebody", "guy", "person", "stranger", "he",
		"she", "they", "scammer*", "recovery expert", "recovery service", "hacker", "dm",
		"telegram", "discord", "whatsapp", "twitter", "bot", "website", "site", "link", "form",
		"客服", "官方", "管理员", "工作人员", "技术", "有人", "别人", "对方", "陌生人", "网友", "骗子", "冒充", "假冒", "账号",
		"机器人", "网站", "链接", "表单", "电报", "微信", "qq", "群",
		"サポート", "運営", "公式", "担当者", "スタッフ", "管理者", "知らない人", "相手", "誰か", "人",
		"詐欺師", "ボット", "サイト", "リンク", "フォーム", "チーム", "開発", "名乗る", "装った", "なりすまし", "アカウント",
	}
}

// theftTerms report assets leaving without the owner's consent.
func theftTerms() []string {
	return []string{
		"stolen~", "stole", "stealing~", "theft", "thief", "thieves", "hacked~", "hackd",
		"hacket", "haked", "hackers", "hacker", "hacking", "drained~", "drain*", "emptied~",
		"wiped out", "cleaned out", "cleared out", "robbed", "unauthorized~", "unauthorised~",
		"without my permission", "without permission", "without my consent", "without my approval",
		"without my knowledge",
		"unknown transaction", "unknown transfer", "someone moved", "someone took", "someone withdrew", "someone stole", "somebody took",
		"somebody stole", "somebody moved", "took all", "took everything", "everything gone",
		"everything is gone", "all gone", "sweeper", "sweep bot", "transferred out automatically",
		"automatically transferred", "automatically sent", "auto transferred", "sent out immediately",
		"gets sent out", "keep leaving", "keeps leaving", "transfered out", "transferred out",
		"被盗", "盗了", "被偷", "偷了", "偷走", "被转走", "转走了", "被人转", "被转出", "被转移", "被划走",
		"被提走", "被取走", "被拿走", "被卷走", "被黑", "黑客", "被盗刷", "盗币", "盗u", "被清空", "清空了",
		"被洗", "不翼而飞", "莫名其妙转出", "莫名其妙被转", "莫名转出", "莫名其妙少了",
		"自动转出", "自动转走", "自动被转", "被自动转", "未经授权", "未经允许", "未经我同意",
		"陌生地址转出", "突然变成0", "突然归零", "余额清零",
		"一夜归零", "扫链", "盗取", "少了一半", "入侵", "被入侵", "被攻击",
		"were moved out", "was moved out", "funds were moved", "funds were taken",
		"breached", "intruder", "全被转走", "被人转走", "盗まれ", "盗難", "盗ま", "盗られ", "ハッキング",
		"ハックされ", "ハッキングされ", "hackされ", "乗っ取られ", "乗っ取り", "不正送金", "不正アクセス",
		"不正な送金", "不正な出金", "不正出金", "不正に送金", "不正に出金", "身に覚えのない", "身に覚えがない",
		"知らない取引", "知らない送金", "覚えのない送金", "覚えのない取引", "抜かれ", "抜き取られ",
		"スイーパー", "ドレイン", "ドレイナー", "ハッカー", "不正に引き出", "不正な引き出し", "不正に移動",
		"侵入され", "何者かに", "第三者に", "全部なくなっ", "全てなくなっ",
		"すべてなくなっ", "全部無くなっ", "中身が全部", "資金が移動され", "持っていかれ", "奪われ",
		"被人动", "被盗用", "异常转出", "cleaned me out", "stealing from",
	}
}

// denials disown a transfer ("I never sent this"); they report a theft
// unless the clause is about a secret ("I never sent my phrase to anyone").
func denials() []string {
	return []string{
		"didn't make", "did not make", "didnt make", "never made", "didn't authorize", "never signed",
		"didn't sign", "did not sign", "not by me", "never initiated", "didn't initiate",
		"did not authorize", "didnt authorize", "didn't authorise", "never authorized",
		"never authorised", "never approved", "didn't approve", "did not approve", "didn't send",
		"did not send", "didnt send", "never sent", "i didn't do it", "i didnt do it", "wasn't me",
		"it wasnt me", "not me", "don't recognize", "do not recognize", "dont recognize",
		"don't recognise", "didn't recognize", "i didn't do anything", "i did nothing",
		"don't remember", "didn't do this", "wasn't done by me", "not done by me", "weren't me",
		"isn't mine", "aren't mine", "not mine", "never interacted", "wasn't mine", "i'm not doing this",
		"i am not doing this", "not doing this",
		"不是我转的", "不是我操作", "不是我本人", "我没转过", "我没有转过", "我没有转账", "我没操作",
		"我没有操作", "没操作过", "没转过", "什么都没做", "什么也没做", "不知情", "没做过", "没有做过",
		"没发起", "没有发起", "不是我发起", "不是我做的", "不是我在", "都没转过",
		"何も操作していない", "何も操作していません", "操作していない", "操作していません", "自分では何も",
		"何もしていない", "何もしていません", "自分じゃない", "自分ではない", "私じゃない", "私ではない",
		"覚えのない", "覚えがない", "覚えはない", "覚えがありません", "覚えはありません", "記憶にない",
		"送金していない", "送金してない", "転送していない", "やっていない", "やってない",
	}
}

// strongDenials disown a transfer so plainly that they stand on their own,
// even a sentence away from it ("…sent to 0x9a3f. wasn't me").
func strongDenials() []string {
	return []string{
		"wasn't me", "weren't me", "not me", "i didn't do it", "i didn't do that", "not done by me", "not by me",
		"never signed", "i didn't sign",
		"不是我转的", "不是我操作", "不是我本人", "不是我做的", "不是我发起", "但不是我", "都不是我", "并不是我",
		"不是我干", "不是我弄",
		"自分じゃない", "自分ではない", "私じゃない", "私ではない", "自分では送っていません", "どれも私ではありません",
		"私ではありません", "自分ではありません",
	}
}

// gone terms say something disappeared; with fundsWords they are theft.
func goneTerms() []string {
	return []string{
		"gone", "disappear*", "vanish*", "went to 0", "went to zero", "now 0", "now zero",
		"不见了", "没了", "消失", "消失了", "归零", "不见",
		"消え", "なくなっ", "なくなり", "無くなっ", "無くなり", "ゼロに", "0に",
	}
}

// fundsWords are assetWords and the words of a total ("all", "全部").
func fundsWords() []string {
	return join([]string{"all", "everything", "entire", "whole", "全部", "所有", "全て", "すべて"}, assetWords())
}

// assetWords name what a wallet holds.
func assetWords() []string {
	return []string{
		"savings", "funds", "money", "crypto", "coins", "tokens", "balance",
		"assets", "life savings", "usdt", "usdc", "eth", "btc", "bnb", "trx", "sol",
		"资产", "钱", "资金", "积蓄", "币", "余额", "东西", "以太坊", "比特币", "泰达币", "狗狗币", "币安币",
		"ether", "ethereum", "bitcoin", "tether", "doge", "matic", "pepe", "shib", "stablecoins", "nfts",
		"資産", "資金", "残高", "お金", "中身", "仮想通貨", "暗号資産", "財産", "ビットコイン", "トークン", "コイン",
		"イーサ", "ステーブルコイン", "テザー",
	}
}

// fakeness marks an app, site or person as not what it claims.
func fakeness() []string {
	return []string{
		"fake", "phishing", "scam*", "clone", "counterfeit",
		"假", "钓鱼", "山寨", "盗版", "仿冒", "骗",
		"偽", "詐欺", "フィッシング", "なりすまし",
	}
}

// displayWords explain a disappearance as a display matter, not a theft.
func displayWords() []string {
	return []string{
		"list", "tab", "after update", "after the update", "collectibles", "nft", "nfts", "display",
		"after import", "after importing", "after restoring", "explorer shows", "from history",
		"from the history", "from my history", "from the list", "from the app",
		"列表", "更新", "显示", "导入", "浏览器", "从记录", "记录里消失", "记录中消失",
		"表示", "一覧", "アップデート", "インポート", "復元", "エクスプローラー", "履歴から",
	}
}

// stillThere says the funds are where they were: what vanished is a
// transfer or a display, not the money.
func stillThere() []string {
	return []string{
		"still there", "still in my wallet", "still in the wallet", "funds are still", "still have",
		"还在", "仍在", "都还在", "还在钱包",
		"残っている", "残ってい", "まだある", "残高は残",
	}
}

// decreaseTerms say a balance went down.
func decreaseTerms() []string {
	return []string{
		"dropped", "went down", "decreased", "less than before", "reduced", "cut in half", "going down", "goes down",
		"decreasing", "dropping", "shrinking",
		"少了", "减少", "变少", "少了一半", "都少", "又少", "少1*", "少2*", "少3*", "少4*", "少5*", "少6*", "少7*", "少8*",
		"少9*",
		"減っ", "減り", "減少", "半分に", "半分になっ",
	}
}

// scamTerms report being tricked into sending funds.
func scamTerms() []string {
	return []string{
		"scammed~", "got scammed", "was scammed", "been scammed", "scammer took", "scammers took",
		"scammers stole", "sent to a scammer", "tricked", "conned", "fraud",
		"pay a fee to withdraw", "pay a fee to unlock", "fee to unlock", "pay tax to withdraw",
		"unlock my withdrawal", "won't let me withdraw",
		"被骗", "骗了", "上当", "骗走", "被割", "被诈骗", "杀猪盘", "交保证金", "解冻费", "提现要交",
		"騙され", "だまされ", "詐欺に遭", "詐欺にあ", "詐欺被害", "出金するには手数料", "税金を払わないと",
	}
}

func approvalVerbs() []string {
	return []string{
		"approved", "approve", "approval", "approvals", "allowance", "authorized", "authorised",
		"gave permission", "clicked approve",
		"授权", "授权了", "批准", "点了确认", "点了授权",
		"承認し", "承認を", "承認してしまっ", "許可し", "許可を",
	}
}

func signVerbs() []string {
	return []string{
		"signed", "sign", "signature", "signing", "permit", "setapprovalforall",
		"签名", "签了", "签署", "签名了",
		"署名し", "署名を", "署名してしまっ",
	}
}

// badContext marks an approval or signature as malicious or mistaken.
func badContext() []string {
	return []string{
		"malicious", "scam*", "fake", "phishing", "phish", "suspicious", "unknown", "strange", "unrecognized",
		"don't recognize", "random", "unverified",
		"weird", "shady", "drainer", "free mint", "claim", "airdrop", "unlimited", "permit",
		"setapprovalforall", "increaseallowance", "by mistake", "accidentally", "mistakenly",
		"didn't mean", "blind", "without reading", "not sure what", "link",
		"恶意", "钓鱼", "假", "骗", "可疑", "陌生", "不明", "空投", "无限", "误", "不小心", "莫名", "不认识", "不认识的", "未知",
		"来路不明",
		"链接", "二维码", "别人给的",
		"悪意", "フィッシング", "偽", "詐欺", "怪しい", "不審", "知らない", "不明", "エアドロップ", "無料", "クレーム", "全額",
		"無制限", "間違って", "誤って", "うっかり", "リンク",
	}
}

func lostVerbs() []string {
	return []string{
		"lost", "lose", "losing", "can't find", "cannot find", "cant find", "couldn't find",
		"could not find", "forgot", "forgotten", "forget", "misplaced", "don't have", "do not have",
		"can't remember", "don't remember", "不记得", "想不起来", "记不起来", "思い出せない", "覚えていない",
		"dont have", "no longer have", "never wrote down", "never backed up", "didn't back up",
		"did not back up", "didnt back up", "didn't write down", "didnt write down",
		"did not write down", "didn't save", "never saved", "no backup", "without backup",
		"without a backup", "threw away", "thrown away", "burned", "destroyed", "deleted",
		"丢了", "丢失", "弄丢", "搞丢", "丢掉", "忘了", "忘记", "忘掉", "找不到", "找不着", "没备份", "没写下", "没有写下", "没抄下", "没有抄下",
		"没有备份", "未备份", "没抄", "没有抄", "没记", "没有记", "没保存", "没有保存", "遗失", "不见了", "删了",
		"扔了", "扔掉", "被我扔", "烧了", "弄没了", "どこにもない", "どこにもありません", "読めない", "読めません",
		"unreadable", "can't read",
		"なくし", "無くし", "失くし", "紛失", "忘れ", "見つからない", "見つかりません", "見つかっていない", "控えていない", "メモしていない",
		"書き留めていない", "バックアップしていない", "バックアップを取っていない", "保存していない", "捨て",
	}
}

func networkNames() []string {
	return []string{
		"erc20", "trc20", "bep20", "bep2", "bsc", "bnb chain", "polygon", "matic", "arbitrum",
		"optimism", "tron", "ethereum", "eth mainnet", "mainnet", "base", "avalanche", "avax",
		"solana", "sol", "omni", "ton", "波场", "币安链", "以太坊", "马蹄链",
		"ポリゴン", "イーサリアム", "アービトラム", "トロン", "ソラナ", "オプティミズム", "アバランチ",
	}
}

// transferVerbs in a past or perfective form.
func transferVerbs() []string {
	return []string{
		"sent", "transferred", "transfered", "withdrew", "withdrawn", "deposited", "picked",
		"chose", "selected", "used", "via",
		"转到", "转了", "转入", "转成", "充到", "提到", "提币", "充值", "充了", "选成", "选了",
		"送って", "送ってしまっ", "送金し", "送金してしまっ", "送りました", "送った", "出金し", "入金し",
		"選んで", "選択し",
	}
}

func notArrived() []string {
	return []string{
		"not credited", "not been credited", "hasn't been credited", "wasn't credited",
		"isn't credited", "not arrived", "hasn't arrived", "has not arrived", "didn't arrive",
		"did not arrive", "never arrived", "not received", "haven't received", "have not received",
		"hasn't received", "didn't receive", "did not receive", "not showing", "not reflected",
		"didn't update", "did not update", "not updated", "doesn't show", "not there", "still not",
		"never came", "missing", "not in my account", "hasn't shown up", "didn't show up",
		"never showed up", "not shown up", "hasn't credited", "didn't credit", "never credited",
		"hasn't appeared", "not appeared", "still not there", "not arriving", "isn't arriving",
		"not coming", "hasn't come", "never came in", "shows nothing",
		"没到账", "未到账", "不到账", "还没到账", "没有到账", "没到", "没收到", "没有收到", "未收到", "收不到",
		"没入账", "未入账", "还没入账", "没给我入账",
		"不显示", "没显示",
		"反映されない", "反映されません", "反映されていない", "着金しない", "着金しません",
		"着金していない", "届かない", "届いていない", "届きません", "入金されない", "入金されていない",
		"入金されません", "見当たらない", "見当たりません",
	}
}

func exchangeWords() []string {
	return []string{
		"deposit", "deposited", "depositing", "exchange", "binance", "okx", "coinbase", "kraken",
		"bybit", "kucoin", "huobi", "htx", "gate.io", "mexc", "bitget", "upbit", "bitflyer",
		"coincheck", "bitbank", "cex",
		"交易所", "充值", "充币", "币安", "欧易", "火币", "充进",
		"入金", "取引所", "バイナンス", "ビットフライヤー", "コインチェック", "コインベース", "クラーケン",
		"バイビット", "ビットバンク", "ビットゲット",
	}
}

// walletDestination says the funds were on their way into the wallet: then
// a missing credit is the wallet's side, not an exchange deposit.
func walletDestination() []string {
	return []string{
		"in my wallet", "to my wallet", "into my wallet", "in the wallet", "to the wallet",
		"提到钱包", "提币到钱包", "提现到钱包", "到我的钱包", "到钱包", "钱包里没", "钱包没收到",
		"ウォレットに届", "ウォレットへの出金", "ウォレットに出金", "ウォレットに着金",
	}
}

func memoMissing() []string {
	return []string{
		"forgot", "forget", "without", "missing", "wrong", "no", "didn't include", "didn't add",
		"didnt add", "did not include", "left out",
		"忘了", "忘记", "没填", "没有填", "没写", "填错", "写错", "漏填",
		"忘れ", "入れ忘れ", "間違え", "入れてい", "入力してい", "なしで", "無しで", "なし",
	}
}

func memoWords() []string {
	return []string{
		"memo", "tag", "destination tag", "dest tag", "comment",
		"备注", "标签",
		"メモ", "タグ", "宛先タグ",
	}
}

func importWords() []string {
	return []string{
		"import", "imported", "importing", "restore", "restored", "restoring", "recovered",
		"new phone", "reinstalled", "reinstall",
		"导入", "恢复", "重新导入", "换手机", "换了手机", "重装",
		"インポート", "復元", "機種変更",
	}
}

func addressDiffers() []string {
	return []string{
		"different address", "address is different", "address changed", "address has changed",
		"address doesn't match", "address does not match", "not my address", "new address",
		"another address", "balance is 0", "balance 0", "balance is zero", "shows 0", "shows zero",
		"empty", "none of my", "no funds", "nothing in it", "totally different",
		"地址不一样", "地址不同", "地址变了", "地址变成", "地址不对", "地址也不一样", "不是原来的地址", "余额为0",
		"另一个地址", "别的地址", "其他地址", "另外一个地址", "空钱包", "不是我原来的", "不是原来的",
		"空のウォレット", "自分のではない", "自分のじゃない", "a wallet that isn't mine", "isn't my wallet",
		"余额是0", "余额为零", "余额是零", "余额0", "没有余额", "空的", "余额也是0", "新地址", "什么都没有",
		"アドレスが違", "アドレスが変わ", "アドレスが異な", "別のアドレス", "残高が0", "残高がゼロ",
		"残高0", "空っぽ", "違うアドレス",
	}
}

func failWords() []string {
	return []string{
		"failed", "fail", "fails", "failing", "failure", "reverted", "execution reverted", "error",
		"rejected", "declined",
		"失败", "报错", "出错", "错误", "被拒绝", "被退回", "失敗", "エラー", "拒否され",
	}
}

// transferEvidence are the nouns of a transfer that happened, not the verb
// of an instruction ("send your phrase").
func transferEvidence() []string {
	return []string{
		"transaction", "transactions", "transfer", "transfers", "tx", "txs", "txn", "outgoing", "sent to",
		"withdrawal", "交易", "转账", "转出", "记录", "送金", "送られ", "トランザクション", "取引", "出金", "履歴",
	}
}

func txWords() []string {
	return []string{
		"transaction", "transactions", "transfer", "transfers", "tx", "txs", "txn", "txns", "send", "sending",
		"sent", "withdrawal", "payment",
		"交易", "转账", "转币", "提币", "转出", "付款",
		// 转 alone is too many words (转圈, 转换); before an amount it is a transfer.
		"转0*", "转1*", "转2*", "转3*", "转4*", "转5*", "转6*", "转7*", "转8*", "转9*",
		"送金", "取引", "トランザクション", "送信", "出金", "支払",
	}
}

func feeWords() []string {
	return []string{
		"fee", "fees", "gas", "gas fee", "gas fees", "network fee", "miner fee",
		"手续费", "矿工费", "gas费", "燃料费", "网络费",
		"手数料", "ガス代", "ネットワーク手数料", "ガス",
	}
}

func feeComplaints() []string {
	return []string{
		"high", "too high", "so high", "expensive", "too much", "ridiculous", "crazy", "charged",
		"deducted", "insane", "$", "dollars", "bucks", "is something wrong",
		"太高", "这么高", "太贵", "这么贵", "好贵", "很贵", "扣了", "被扣", "高了", "块", "美元",
		"高い", "高すぎ", "引かれ", "取られ", "ドル", "円", "おかしくない", "おかしい",
	}
}

func tronResources() []string {
	return []string{
		"energy", "bandwidth", "burn trx", "burned trx", "burnt trx", "burning trx",
		"能量", "带宽", "燃烧trx",
		"エネルギー", "帯域幅", "帯域",
	}
}

func resourceProblems() []string {
	return []string{
		"not enough", "insufficient", "lack", "is 0", "is zero", "fails", "failed", "burned", "burnt",
		"burn", "don't have enough", "ran out", "out of", "says i need", "need trx", "asks for trx",
		"wants to burn",
		"不足", "不够", "没有", "烧了", "烧掉", "扣了", "转不了",
		"足りない", "足りません", "燃や", "消費", "できない", "できません",
	}
}

func importProblems() []string {
	return []string{
		"invalid", "incorrect", "not valid", "wrong", "error", "doesn't work", "not working",
		"not accepted", "rejected", "fails", "failed", "can't import", "cannot import",
		"unable to import", "won't import", "can't restore", "cannot restore", "wrong words",
		"word count", "checksum",
		"无效", "错误", "不正确", "不对", "导入失败", "无法导入", "不能导入", "导入不了", "导不进", "恢复不了",
		"失败", "失敗", "fail",
		"无法恢复", "数量不对",
		"無効", "正しくない", "間違っ", "エラー", "できない", "できません",
	}
}

func connectProblems() []string {
	return []string{
		"can't connect", "cannot connect", "cant connect", "unable to connect", "won't connect",
		"fails to connect", "failed to connect", "failing to connect",
		"doesn't connect", "not connecting", "connection failed", "connection error", "can't pair",
		"cannot pair", "won't pair", "keeps disconnecting", "disconnects", "not detected",
		"isn't detected", "not recognized", "not recognised", "won't load", "doesn't load",
		"not loading", "white screen", "nothing happens", "just spins", "does nothing", "blank page",
		"blank", "popup never", "never appears", "never pops up",
		"连接不上", "连不上", "无法连接", "连接失败", "连接不了", "没反应", "一直转圈", "打不开", "白屏",
		"识别不了", "无法识别", "断开", "一片空白", "空白", "弹窗不出来", "不弹窗", "没有弹窗", "没有反应",
		"接続できない", "接続できません", "繋がらない", "つながらない", "繋がりません", "つながりません",
		"接続エラー", "認識されない", "認識しない", "読み込めない", "何も起きない", "切れる",
		"反応しない", "反応がない", "真っ白", "ポップアップが出ない", "ポップアップが表示されない",
	}
}

func hardwareWords() []string {
	return []string{
		"ledger", "trezor", "keystone", "hardware wallet", "nano x", "nano s", "cold wallet",
		"硬件钱包", "冷钱包",
		"ハードウェアウォレット", "レジャー",
	}
}

func hardwareErrors() []string {
	return []string{
		"error", "0x6985", "0x6a80", "0x6e00", "0x6511", "not detected", "locked", "blind signing", "盲签", "没有开启",
		"ブラインド署名", "無効",
		"doesn't", "won't", "can't", "cannot", "fails", "failed", "disconnect*",
		"报错", "错误", "失败", "不了", "连不上",
		"エラー", "できない", "繋がらない", "つながらない", "認識されない", "出ない",
		"doesn't show", "not showing", "doesn't display", "不显示", "表示されない",
	}
}

func tokenWords() []string {
	return []string{
		"token", "tokens", "coin", "coins", "usdt", "usdc", "nft", "nfts", "balance", "asset",
		"assets", "bnb", "eth", "pepe", "trx", "sol", "btc", "shib",
		"代币", "币", "余额", "资产", "通证",
		"トークン", "残高", "コイン", "資産", "残高が0", "残高がゼロ", "金額", "評価額", "ビットコイン",
	}
}

func notShowing() []string {
	return []string{
		"not showing", "isn't showing", "not show", "doesn't show", "don't show", "not shown",
		"not displayed", "not displaying", "not visible", "don't see", "do not see", "can't see",
		"cannot see", "cant see", "not appearing", "doesn't appear", "not appear", "disappeared from",
		"missing from", "shows 0", "shows zero", "show 0", "showing 0", "displays 0", "as 0", "no price",
		"doesn't show up",
		"not show up", "not showing up", "wrong balance", "balance is wrong", "balance wrong",
		"is wrong", "incorrect", "is off", "显示不对", "显示错误", "显示有误", "显示不正确", "不对",
		"显示为零", "显示零", "显示是零", "为零", "变成零", "shows nothing", "can't find", "cannot find",
		"見当たらない", "見当たりません", "見つからない", "見つかりません", "ゼロ表示",
		"表示がおかしい", "おかしい", "間違っている", "合わない",
		"不显示", "没显示", "没有显示", "显示不出", "看不到", "看不见", "不见了", "显示为0", "显示0", "显示是0",
		"表示されない", "表示されません", "表示されなく", "見えない", "見えません", "出てこない", "消え",
		"0と表示", "ゼロと表示", "0表示", "0になって", "ゼロになって", "更新されない", "0のまま",
		"ゼロのまま", "不更新", "not updating", "isn't updating",
	}
}

func passwordWords() []string {
	return []string{"password", "passcode", "pin", "密码", "パスワード", "暗証番号"}
}

func passwordProblems() []string {
	return []string{
		"forgot", "forget", "forgotten", "wrong", "incorrect", "doesn't work", "not working",
		"reset", "locked out",
		"忘", "忘记", "忘了", "忘掉", "错误", "不对", "不记得",
		"忘れ", "違", "間違", "わからない", "分からない",
	}
}

// lookalikeAddress says an address matched the intended one only at its
// ends: how a victim of address poisoning tells what they found ("only the
// first 5 and last 4 characters match", 前四位后四位一样, 先頭と末尾の数文字
// だけ同じ). The counts are spelled out for every way users write them.
func lookalikeAddress() []string {
	out := []string{
		"first and last", "first few and last few", "same first and last", "same start and end",
		"same beginning and end", "starts and ends the same", "starts and ends with the same", "only the ends",
		"middle is different", "middle was different", "middle part", "middle characters", "middle chars",
		"middle digits", "different in the middle", "characters and last", "chars and last", "digits and last",
		"首尾", "头尾", "开头和结尾", "前后几位", "前几位和后几位", "前几位后几位", "前几位跟后几位",
		"中间不同", "中间不一样", "中间完全不同", "中间完全不一样", "中间部分不", "中间几位不", "中间都不一样",
		"先頭と末尾", "先頭と最後", "頭と末尾", "頭とお尻", "最初と最後の数", "最初と最後の文字", "最初と最後だけ",
		"前後の数文字", "前後数文字", "文字だけ同じ", "文字だけ一致", "桁だけ同じ", "桁だけ一致", "真ん中が違",
		"真ん中が全然違", "真ん中の部分が違", "中間が違", "中間部分が違", "途中が違", "途中の文字が違",
	}
	// The counts users write: the first 5 and last 4, 前四位后四位.
	for _, n := range []string{"3", "4", "5", "6", "7", "8", "three", "four", "five", "six", "few", "couple of"} {
		out = append(out, "first "+n+" and last")
	}
	for _, n := range []string{"四", "五", "六", "几", "4", "5", "6"} {
		out = append(out, "前"+n+"位后", "前"+n+"后")
	}
	return out
}

// zeroTransfer is the bait of address poisoning: a transfer of nothing from
// the look-alike address, found in the history ("a 0 USDT incoming
// transfer", 一笔0 USDT的转入, 0 USDTの入金).
func zeroTransfer() []string {
	out := []string{
		"zero value", "0 value", "zero amount", "transfer of 0", "transfers of 0", "zero transfer", "zero usdt",
		"零转账", "0转账", "零元转账", "0元转账", "零金额", "0金额", "零值转账", "转入0",
		"ゼロ送金", "0円送金", "ゼロ円送金", "金額0の", "金額ゼロの", "0の送金", "ゼロの送金",
	}
	for _, amount := range []string{"0 usdt", "0usdt", "0u", "零u"} {
		tails := []string{"转入", "的转入", "转账", "的转账", "の入金", "の送金", "が届"}
		if len(amount) > 3 && amount[len(amount)-1] == 't' {
			tails = append(tails, " transfer*", " incoming", " tx*", " transaction*")
		}
		for _, tail := range tails {
			out = append(out, amount+tail)
		}
	}
	return out
}

// sentFunds say the user sent funds, in a past or perfective form.
func sentFunds() []string {
	return append([]string{
		"sent", "transferred", "transfered", "paid", "withdrew", "deposited",
		"转了", "转出", "转到", "转给", "转过去", "打了", "打到", "打给", "打过去", "付了", "汇了", "充了", "充到",
		"转0*", "转1*", "转2*", "转3*", "转4*", "转5*", "转6*", "转7*", "转8*", "转9*",
		"送金し", "振り込ん", "振込し", "出金し", "入金し",
	}, jaDid("送り", "送って")...)
}

// notYetSent says the transfer was caught before it left: a look-alike
// found in time is a warning, not a loss.
func notYetSent() []string {
	return []string{
		"haven't sent", "have not sent", "didn't send", "did not send", "before sending", "before i sent",
		"before i send", "about to send", "almost sent", "nearly sent", "was going to send",
		"还没转", "没有转", "还没有转", "差点", "险些", "转之前", "转账前",
		"送る前", "送金前", "送金する前", "まだ送", "危うく", "寸前",
	}
}

// addressWords name an address.
func addressWords() []string {
	return []string{"address", "addresses", "地址", "アドレス", "宛先", "送金先"}
}

// clipboardSwap says a copied or pasted address came out as another one:
// clipboard malware on the user's device.
func clipboardSwap() []string {
	return []string{
		"paste", "pasted", "pasting", "clipboard", "copy paste", "copy and paste",
		"粘贴", "粘贴出来", "剪贴板", "剪切板", "复制粘贴",
		"貼り付け", "貼りつけ", "ペースト", "クリップボード", "コピペ",
	}
}

// turnsInto says something became something else on its own.
func turnsInto() []string {
	return []string{
		"turns into", "turned into", "changes to", "changed to", "changes into", "changed into", "becomes",
		"became", "gets replaced", "got replaced", "was replaced", "is replaced", "swapped", "gets swapped",
		"got swapped", "different address", "another address", "different one", "changes", "changed",
		"变了", "变成", "变掉", "换成", "被换", "被替换", "替换成", "不一样", "不是我复制的",
		"変わ", "別のアドレスに", "別のアドレスにな", "違うアドレスに", "書き換わ", "書き換えられ", "すり替わ",
		"すり替えられ", "置き換わ",
	}
}

// fundsGone says funds already reached an address the user did not mean:
// after a clipboard swap, the loss has happened. (No 转到别人: the 别 in it
// reads as a negation and would hide the 转到 inside.)
func fundsGone() []string {
	return []string{
		"went somewhere", "went to a different", "went to another", "went to someone", "went to a stranger",
		"went to an address", "went to that", "went to the other", "already went", "sent to a different",
		"sent to another", "sent to someone", "ended up",
		"别人地址", "别人的地址", "陌生地址", "别的地址", "不认识的地址",
		"知らないアドレス", "別のアドレスに送", "別のアドレスに届", "他人のアドレス", "違うアドレスに送",
		"違うアドレスに届", "届いてしまい", "届いてしまっ", "送られてしまい", "送られてしまっ",
	}
}

// phoneOutOfHand says the user's phone is in someone else's hands or
// nobody knows where: lost, stolen, snatched.
func phoneOutOfHand() []string {
	return []string{
		"lost my phone", "lost phone", "phone was stolen", "phone got stolen", "stole my phone", "phone stolen",
		"snatched", "phone got grabbed", "grabbed my phone", "phone was taken", "took my phone", "lost my device",
		"lost my iphone",
		"手机丢了", "手机刚丢", "手机刚刚丢", "手机丢失", "手机被偷", "手机刚被偷", "手机被人偷", "手机被抢", "手机掉了", "手机落在", "手机不见了", "丢了手机", "手机被人拿走",
		"スマホを落と", "スマホをなくし", "スマホを無くし", "スマホを失くし", "スマホを紛失", "スマホを盗まれ",
		"ひったくられ", "すられ", "スマホを置き忘れ", "携帯を落と", "携帯をなくし", "携帯を紛失", "携帯を盗まれ",
		"スマホが盗まれ", "スマホがなくな",
	}
}

// unlockedAccess says a device or wallet opens without a lock: whoever
// holds it holds the wallet.
func unlockedAccess() []string {
	return []string{
		"unlocked", "no lock", "no passcode", "no pin", "no password", "no screen lock", "no app lock",
		"without a pin", "without a passcode", "without a password", "wasn't locked", "not locked",
		"doesn't have a pin", "didn't have a pin", "wallet open", "wallet was open", "app open", "app was open",
		"没锁屏", "没有锁屏", "没设锁屏", "没锁", "没有锁", "没设密码", "没有设密码", "没有设置密码", "没有密码",
		"无密码", "没上锁", "解锁状态", "开着", "打开的",
		"ロックなし", "ロック無し", "ロックしていない", "かかっていない", "かけていない", "設定していない",
		"未設定", "パスコードなし", "パスワードなし", "ロック解除", "すぐ使える", "開いたまま", "開きっぱなし",
		"ログインしたまま",
	}
}

// remoteAccess names a remote-access app or a shared screen: "support"
// that gets into the device sees and moves whatever the wallet holds.
func remoteAccess() []string {
	return []string{
		"anydesk", "teamviewer", "remote access", "remote desktop", "remote control", "remote support app",
		"screen share", "screen sharing", "share my screen", "shared my screen", "sharing my screen",
		"share the screen", "shared the screen", "sharing the screen", "share screen", "rustdesk", "quick assist",
		"远程", "远程控制", "远程协助", "远程操作", "共享屏幕", "屏幕共享", "分享屏幕", "向日葵", "todesk",
		"リモート操作", "リモートアクセス", "リモートデスクトップ", "リモートサポート", "遠隔操作", "画面共有",
		"画面を共有", "画面を見られ",
	}
}

// permissionTaken says the account's owner permission was changed: on
// TRON whoever holds it controls the account, and the keys no longer do.
func permissionTaken() []string {
	return []string{
		"permissions got changed", "permissions were changed", "permission was changed", "permission got changed",
		"permissions changed", "permission changed", "owner permission", "owner key was changed", "owner was changed",
		"owner changed", "owner is now", "owner is some",
		"权限被改", "权限被修改", "权限被更改", "权限被篡改", "权限改成", "权限变成", "owner权限", "owner地址变",
		"権限が書き換え", "権限を書き換え", "権限が変更され", "権限を変更され", "権限が変わ", "オーナー権限",
	}
}
