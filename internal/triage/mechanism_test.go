package triage

import (
	"slices"
	"testing"
)

// mechanismCase is one request and the level DESIGN.md's severity table
// gives it. Each table below exercises one general mechanism of the engine
// in words none of the evaluation sets use, so that a regression of the
// mechanism fails here by name.
type mechanismCase struct {
	subject, body string
	want          Severity
}

// runMechanism checks the lexicon alone: the mechanisms are the lexicon's.
// With the second opinion, a case may only differ by being raised to S1
// for review; how often that happens is TestSecondOpinionOnMechanismCases.
func runMechanism(t *testing.T, cases []mechanismCase) {
	t.Helper()
	lex, full := newLexicon(Config{}), New(Config{})
	for _, tc := range cases {
		in := Input{Subject: tc.subject, Body: tc.body}
		res := lex.Classify(in)
		if res.Severity != tc.want {
			t.Errorf("%q / %q: got %v %v, want %v", tc.subject, tc.body, res.Severity, codes(res.Reasons), tc.want)
		}
		if got := full.Classify(in); got.Severity != res.Severity && (got.Severity != S1 || got.Reasons[0].Code != reviewCode) {
			t.Errorf("%q / %q: with the model %v %v, lexicon alone %v", tc.subject, tc.body, got.Severity, codes(got.Reasons), res.Severity)
		}
	}
}

// allMechanismCases are the tables below: requests in words none of the
// evaluation sets use, so also a fair sample of hard negatives for the
// model (S2-S4 requests full of S1 words).
func allMechanismCases() [][]mechanismCase {
	return [][]mechanismCase{wordOrderCases(), japaneseMorphologyCases(), requestScopeCases(), reportedOrNotCases(),
		englishSpellingCases(), refusalScopeCases(), paraphrasedReportsCases(), questionsWithS1WordsCases(),
		toldAsAStoryCases(), notTheEventCases(), limboCases()}
}

// Word order: the agent before the verb (被人转走, someone swapped), the
// object of 把 before its verb.
func TestWordOrder(t *testing.T) { runMechanism(t, wordOrderCases()) }

func wordOrderCases() []mechanismCase {
	return []mechanismCase{
		{"", "Someone swapped all my tokens and sent them out", S1},
		{"", "hacker took my eth", S1},
		{"", "有人在转我钱包里的币 一笔接一笔", S1},
		{"", "钱包被人动了 币全部被转", S1},
		{"", "钱包让人给掏空了", S1},
		{"", "刚把助记词给一个群里的大神看了", S1},
		{"", "我把12个单词告诉了一个说能帮我解冻的人", S1},
		{"", "誰かが私のウォレットから勝手に送金しました", S1},
		{"", "connected to a mint site and it transferred all my tokens away", S1},
		// The same words in the other order, or the verb on something else.
		{"", "I swapped tokens with someone on a DEX, it worked", S4},
		{"", "someone sent me a fake usdt token, what is it", S4},
		{"", "有人转我100u，怎么查", S4},
		{"", "转账被拒绝了", S3},
		{"", "I transferred my coins away from binance to this wallet, how do I see them", S4},
		{"", "我把助记词给弄丢了，钱包里还有钱", S2},
		{"", "没有把助记词抄下来，现在app要求输入，币还在里面", S2},
		{"", "我没有把助记词告诉任何人", S4},
		{"", "把助记词写在纸上安全吗", S4},
	}
}

// Japanese morphology: every form of a verb that says it was done, the
// particle inside a suru-verb, the negative ず, a negation after a tail of
// particles, katakana word edges.
func TestJapaneseMorphology(t *testing.T) { runMechanism(t, japaneseMorphologyCases()) }

func japaneseMorphologyCases() []mechanismCase {
	return []mechanismCase{
		{"", "友達に秘密鍵を教えていたら、資産が半分になっていた", S1},
		{"", "秘密鍵をLINEで送っちゃった", S1},
		{"", "サポートの方にフレーズを伝えてしまいました", S1},
		{"", "やられた…ETH全部持っていかれた", S1},
		{"", "資産が知らないアドレスに全部移ってる", S1},
		{"", "私のBTCが勝手に動いてる", S1},
		{"", "ウォレットの中身が空になっています。何もしていません", S1},
		{"", "秘密鍵は誰にも教えていません", S4},
		{"", "秘密鍵の保管方法を教えていただけますか", S4},
		{"", "盗まれたとかではないです。取引履歴をエクスポートしたいだけです", S4},
		{"", "バイナンスへの入金がされない、もう2日です", S2},
		{"", "Krakenへの入金が反映されず", S2},
		{"", "バイナンスの使い方", S4}, // ナンス (nonce) is not inside バイナンス
	}
}

// Evidence a sentence away from the event, and counter-evidence.
func TestRequestScope(t *testing.T) { runMechanism(t, requestScopeCases()) }

func requestScopeCases() []mechanismCase {
	return []mechanismCase{
		{"", "my tokens vanished, the explorer shows they were sent to 0x9a3f at 14:05. wasnt me", S1},
		{"", "wallet shows 0, the explorer says everything was sent out at 3am, not by me", S1},
		{"", "スマホをなくしました。バックアップしていません。中に資産があります", S2},
		{"", "transaction disappeared from history after pending, funds are still in my wallet", S3},
		{"", "保留中の送金が履歴から消えた、資金は残っている", S3},
		{"", "换了新手机导入助记词，地址变了，币都没了", S2},
	}
}

// Who it happened to, and whether it happened: a relative this morning is
// a case, a friend last year a question; a trust question about recovery
// services is not a theft; a refusal ends a request for a phrase unless
// the contact goes on.
func TestReportedOrNot(t *testing.T) { runMechanism(t, reportedOrNotCases()) }

func reportedOrNotCases() []mechanismCase {
	return []mechanismCase{
		{"", "My mom uses your app and her wallet was emptied this morning, she never sent anything. What can we do?", S1},
		{"", "my friend's wallet was drained last week, how do I avoid that", S4},
		{"", "Are wallet recovery services that promise to get stolen crypto back legit?", S4},
		{"", "那些说能找回被盗币的公司靠谱吗", S4},
		{"", "are you guys legit? someone stole my eth and a recovery firm says they can get it back", S1},
		{"", "群里有人说把助记词发给客服可以领奖励，这是骗局吧？我没发", S4},
		{"", "someone on telegram asked for my phrase, I refused and blocked him. just letting you know", S4},
		{"", "I didn't do it yet, he's still asking for my seed phrase", S1},
		{"", "a bot replied to my tweet asking for my seed phrase, he keeps DMing me", S1},
		{"", "帮看看是不是被盗了 少了好多币 记录里有我没做过的转账", S1},
		{"", "NFTサイトでsetApprovalForAllを求められるのはどういう意味", S4},
		{"", "can a bot send my tokens away without my approval?", S4},
		{"", "我想把助记词给家人保管，安全吗", S4},
		{"", "资产被转移到新钱包需要多久", S4},
	}
}

// Typos on the words that decide an S1, and clitics.
func TestEnglishSpelling(t *testing.T) { runMechanism(t, englishSpellingCases()) }

func englishSpellingCases() []mechanismCase {
	return []mechanismCase{
		{"", "my wallet was drianed last nite", S1},
		{"", "my usdt got stollen", S1},
		{"", "unauthroized transfer from my wallet", S1},
		{"", "someone has my privte key", S1},
		{"", "those transactions werent me!!! 4 outgoing", S1},
		{"", "the app drains my battery, it rained all day", S4},
	}
}

func TestTypoVariants(t *testing.T) {
	got := typoVariants("private key")
	for _, want := range []string{"privte key", "pirvate key", "priivate key", "privaet key"} {
		if !slices.Contains(got, want) {
			t.Errorf("typoVariants(private key) lacks %q", want)
		}
	}
	for _, v := range got {
		if v[0] != 'p' || v == "private key" {
			t.Errorf("variant %q changes the first letter or is the word itself", v)
		}
	}
	if typoVariants("stole") != nil {
		t.Error("words under six letters get no variants")
	}
}

func TestJapaneseForms(t *testing.T) {
	did := jaDid("教え", "教えて")
	for _, want := range []string{"教えまし", "教えた", "教えてしま", "教えちゃっ", "教えていた", "教えてた"} {
		if !slices.Contains(did, want) {
			t.Errorf("jaDid lacks %q: %q", want, did)
		}
	}
	if got := jaDid("盗ん", "盗んで"); !slices.Contains(got, "盗んだ") || !slices.Contains(got, "盗んじゃっ") {
		t.Errorf("jaDid of a で verb: %q", got)
	}
	if got := suruParticle("入金されない"); !slices.Equal(got, []string{"入金がされない", "入金はされない", "入金もされない"}) {
		t.Errorf("suruParticle: %q", got)
	}
	if got := suruParticle("承認し"); !slices.Equal(got, []string{"承認をし"}) {
		t.Errorf("suruParticle: %q", got)
	}
	if suruParticle("盗まれ") != nil {
		t.Error("suruParticle needs a kanji noun of two or more")
	}
	for gap, want := range map[string]bool{"たとか": true, "れたわけ": true, "残高が": false, "ててててててて": false} {
		if kanaTail(gap) != want {
			t.Errorf("kanaTail(%q) != %v", gap, want)
		}
	}
}

func TestAmountForms(t *testing.T) {
	tests := map[string]float64{
		"2万5千usdtの送金":           25000,
		"1万2千usdcをブリッジ":         12000,
		"1万2000u":               12000,
		"300万円分のeth":            20000,
		"1.5btc(約1,400万円)":      14000000.0 / 150,
		"5万元":                   50000 / 7.2,
		"usdt transfer 10.5k":   10500,
		"$15k worth of eth":     15000,
		"lost $25,000 today":    25000,
		"usdt 3 times":          0,
		"sent usdt 2 hours ago": 0,
		"5000 trx":              0,
		"1.2 btc unconfirmed":   12000,
		"转了1.5个比特币":             15000,
		"0.5btc":                5000,
	}
	for in, want := range tests {
		if got := textAmountUSD(in); got != want {
			t.Errorf("textAmountUSD(%q) = %v, want %v", in, got, want)
		}
	}
}

// A refusal cancels a request for a secret, never a secret already given.
func TestRefusalScope(t *testing.T) { runMechanism(t, refusalScopeCases()) }

func refusalScopeCases() []mechanismCase {
	return []mechanismCase{
		{"", "I gave my seed to a guy on telegram. He asked for my private key too but I refused.", S1},
		{"", "有人说是官方客服，我就把助记词给他了。后来他又要私钥，我没给", S1},
		{"", "サポートを名乗る人にフレーズを教えてしまいました。秘密鍵も聞かれましたが送っていません", S1},
		{"", "グループで「フレーズをサポートに送るとボーナス」と言われましたが、詐欺ですよね？送っていません", S4},
	}
}

// Reports in paraphrase: the wording of frightened users, not of the lexicon.
func TestParaphrasedReports(t *testing.T) { runMechanism(t, paraphrasedReportsCases()) }

func paraphrasedReportsCases() []mechanismCase {
	return []mechanismCase{
		{"", "我钱包里的以太坊一觉醒来全没了", S1},
		{"", "钱包余额清零了，我啥也没干", S1},
		{"", "账户里的u被人偷偷提走了", S1},
		{"", "币莫名其妙地转到别人地址了", S1},
		{"", "我被黑了 钱包里一分不剩", S1},
		{"", "刚刚收到的usdt瞬间就被转出了", S1},
		{"", "助记词让人拿到了", S1},
		{"", "不小心在一个网页上填了私钥", S1},
		{"", "钱包里的钱少了两千多u 我没动过", S1},
		{"", "有个自称客服的人叫我把助记词发过去，他还在等", S1},
		{"", "我授权了一个不认识的合约 现在很慌", S1},
		{"", "我的钱包被盗了吗？余额是0，有一笔转出不是我做的", S1},
		{"", "黑客把我的币全转走了", S1},
		{"", "余额一夜之间少了一半", S1},
		{"", "我没有泄露助记词，但是币被转走了", S1},
		{"", "気づいたらウォレットの残高がなくなってた", S1},
		{"", "ETHがいつのまにか別のアドレスに送られていた", S1},
		{"", "仮想通貨をハッカーに盗られました", S1},
		{"", "フレーズを知らない人に見られたかもしれない", S1},
		{"", "怪しいサイトで署名したらUSDTが引き出された", S1},
		{"", "USDTが一瞬で消えた", S1},
		{"", "サポートを名乗るアカウントからシードフレーズを要求されています", S1},
		{"", "いつの間にか残高が半分に", S1},
		{"", "私は秘密鍵を誰にも教えていないのに、資産が消えました", S1},
		{"", "my coins just left, 3 txs i never signed", S1},
		{"", "funds left my wallet overnight", S1},
		{"", "somebody cleaned out my wallet", S1},
		{"", "all my tokens are gone and i see approvals i didnt give", S1},
		{"", "got rekt by a drainer", S1},
		{"", "lost all my usdt to a hacker", S1},
		{"", "i gave the seed to a support person on whatsapp", S1},
		{"HACKED", "pls help", S1},
		{"盗まれました", "助けて", S1},
		{"", "我的USDT被drain了", S1},
		{"", "walletがhackされた", S1},
	}
}

// Questions and plain problems full of the words of an S1.
func TestQuestionsWithS1Words(t *testing.T) { runMechanism(t, questionsWithS1WordsCases()) }

func questionsWithS1WordsCases() []mechanismCase {
	return []mechanismCase{
		{"", "how can a hacker take my funds if I never share my seed?", S4},
		{"", "what does it mean when someone has access to your wallet?", S4},
		{"", "if my funds disappear, who do I contact?", S4},
		{"", "how do sweeper bots steal funds every time you deposit?", S4},
		{"", "why would tokens be sent out automatically?", S4},
		{"", "my balance went down a bit after paying fees, is that right?", S4},
		{"", "the guide says never type your seed into a website, does that include your app?", S4},
		{"", "how do i send all my usdt to binance", S4},
		{"", "can someone take my funds if they know my address?", S4},
		{"", "黑客是怎么把别人的币转走的？", S4},
		{"", "怎么防止币被转走", S4},
		{"", "钱包被掏空的话还能找回吗", S4},
		{"", "有人说钱包会被扫链机器人清空，是真的吗", S4},
		{"", "怎么把币全部转到新钱包", S4},
		{"", "为什么余额少了一点，是手续费吗", S4},
		{"", "ハッカーはどうやって資産を盗むのですか", S4},
		{"", "資産が勝手に送金されることはありますか", S4},
		{"", "秘密鍵を家族に教えても大丈夫ですか", S4},
		{"", "ウォレットが空になったらどうすればいい？", S4},
		{"", "誰かにフレーズを見られたらどうなりますか", S4},
		{"", "誰かが私のウォレットにアクセスできますか？", S4},
		{"", "everything was sent to my exchange account but not credited", S2},
		{"", "我把所有的币都转到了交易所，还没到账", S2},
		{"", "I sent all my eth to my ledger, it shows pending", S3},
		{"", "全部送金したけど保留中のまま", S3},
		{"", "钱包里的币都在，只是显示不出来", S3},
	}
}

// An S1 told by what the user found, without the name of the attack: an
// address that matched only at its ends, the zero-value bait in the
// history, a pasted address that turned into another, a phone lost
// unlocked with a wallet in it, "support" inside the computer. Asked about,
// refused or caught in time, the same findings are not S1.
func TestToldAsAStory(t *testing.T) { runMechanism(t, toldAsAStoryCases()) }

func toldAsAStoryCases() []mechanismCase {
	return []mechanismCase{
		{"", "I copied the address from my history and sent 3,000 USDC. it never showed up. turns out the address only matched the first 4 and last 4 characters", S1},
		{"", "sent 2k usdt to what i thought was my bybit address. first and last characters are the same but the middle part is totally different", S1},
		{"", "从历史记录里复制的地址转了5000U，对方没收到，一查首尾几位一样，中间不一样", S1},
		{"", "履歴からコピーしたアドレスに20万円分のUSDCを送金しました。届かないので見たら、最初と最後の4文字だけ同じで真ん中が違うアドレスでした", S1},
		{"", "sent 800 usdt to my friend, it didn't arrive. there was a 0 USDT transfer from that address the day before", S1},
		{"", "转了800U给朋友他说没收到，记录里前一天有一笔0U转账", S1},
		{"", "友人に送金した500 USDTが届いていません。前日に同じアドレスから0 USDTの送金がありました", S1},
		{"", "when I paste the address it changes to a different one. my 1,000 USDT already went to a stranger", S1},
		{"", "粘贴地址的时候地址自动变成别的了，已经转了2000U到陌生地址", S1},
		{"", "lost my phone at a bar an hour ago, no passcode on it and my wallet app doesn't have a pin. about $4k in ETH on it", S1},
		{"", "手机刚丢了，没有锁屏密码，钱包也没设密码，里面有5000U", S1},
		{"", "電車でスマホをすられました。ロックなしで、ウォレットもすぐ開けます。20万円分のETHが入っています", S1},
		{"", "someone changed the owner permission of my tron account, the owner is now an address i don't know", S1},
		{"", "钱包的owner权限被改成了一个不认识的地址，现在什么都转不了", S1},
		{"", "トロンの権限が変更されていて、オーナーが知らないアドレスになっています", S1},
		{"", "how does the owner permission work on tron? can someone else change it?", S4},
		{"", "a guy from \"MetaMask support\" had me install TeamViewer and he's controlling my computer right now with my wallet open", S1},
		{"", "自称币安客服让我下载了向日葵远程控制，现在他还在操作我的电脑，钱包也开着", S1},
		{"", "メタマスクのサポートを名乗る人に言われてAnyDeskを入れました。今も遠隔操作されていて、ウォレットも開いたままです", S1},
		// Asked about, refused, or caught before sending.
		{"", "should I only check the first and last characters of an address before I send?", S4},
		{"", "只核对地址的前四位后四位就够了吗", S4},
		{"", "送金前にアドレスの先頭と末尾だけ確認すれば大丈夫ですか", S4},
		{"", "there's a 0 USDT transfer in my history from an address I don't know, what is it? I haven't sent anything to it", S4},
		{"", "履歴に知らないアドレスから0 USDTの入金があります。これは何ですか", S4},
		{"", "can malware change the address i paste? how do i check", S4},
		{"", "コピーしたアドレスが貼り付け時に書き換わるウイルスってありますか", S4},
		{"", "如果手机丢了而且没锁屏，钱包会不会被盗", S4},
		{"", "スマホを落としましたが、顔認証とパスコードがあります。フレーズも手元にあります。新しいスマホで復元する方法は？", S4},
		{"", "does your support ever use anydesk or screen sharing to help?", S4},
		{"", "客服会要求远程控制我的电脑吗", S4},
		{"", "someone claiming to be ledger support asked me to install anydesk, I refused and blocked them", S4},
	}
}

// Words of an S1 around something else: the attack everyone talks about,
// spam tokens that arrived, a balance that went down with one's own failed
// transfer.
func TestNotTheEvent(t *testing.T) { runMechanism(t, notTheEventCases()) }

func notTheEventCases() []mechanismCase {
	return []mechanismCase{
		{"", "I keep hearing about address poisoning and zero value transfers. how does it work and how do i avoid it?", S4},
		{"", "老是听人说零U转账、地址投毒，这是怎么回事？怎么防范", S4},
		{"", "アドレスポイズニングやゼロ円送金の話をよく聞きますが、どういう仕組みですか？どう防げばいい？", S4},
		{"", "I received some tokens I don't recognize from an airdrop, can I sell them?", S4},
		{"", "身に覚えのないNFTが届いていました。売っても大丈夫ですか", S4},
		{"", "身に覚えのない送金の通知が届きました。残高が減っています", S1},
		{"", "sent 12,000 USDC to my coinbase account, it says failed in the app but my balance went down and coinbase shows nothing", S2},
	}
}

// S2 or S3: funds in limbo, told across sentences, or large by a floor.
func TestLimbo(t *testing.T) { runMechanism(t, limboCases()) }

func limboCases() []mechanismCase {
	return []mechanismCase{
		{"", "I sent 2 ETH to Kraken. The explorer says success 3 hours ago. Still not credited.", S2},
		{"", "向币安充了2个ETH。链上显示成功了。但是到现在还没到账", S2},
		{"", "I withdrew from binance to my wallet. it has not arrived yet", S3},
		{"", "restored my trezor with my 24 words and it's empty. I think I had a passphrase but I don't remember it", S2},
		{"", "用助记词恢复了冷钱包，余额是0，以前好像设置过密码短语，忘了是什么", S2},
		{"", "how do I add a passphrase when I restore my ledger?", S4},
		{"", "after the app update my address is different and my usdt is not showing", S2},
		{"", "转了1.5个比特币，一直未确认", S2},
		{"", "sent 0.3 btc yesterday, still unconfirmed", S3},
		{"", "想转USDT，提示余额不足以支付手续费", S3},
		{"", "もし秘密鍵を盗まれたらどうなりますか？今のところ何も起きていません", S4},
	}
}
