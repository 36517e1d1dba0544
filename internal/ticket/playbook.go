package ticket

import (
	"fmt"
	"strings"
	"time"

	"github.com/walletdesk/walletdesk/internal/desk"
)

// playbook names the first reply a request gets.
type playbook string

const (
	playbookTheft       playbook = "theft"         // funds leaving without consent, drained, malicious approval
	playbookExposed     playbook = "exposed"       // a recovery phrase or key reached someone (or our form)
	playbookFakeSupport playbook = "fake_support"  // someone posing as support is asking for secrets
	playbookPossible    playbook = "possible_loss" // may describe a loss; a person checks first
	playbookStandard    playbook = "standard"      // everything else: the articles that most likely answer it
)

// playbookFor picks the first reply from the triage reason codes.
func playbookFor(codes []string, redacted bool) playbook {
	if redacted {
		return playbookExposed
	}
	for _, c := range codes {
		switch c {
		case "secret_exposed", "secret_shared":
			return playbookExposed
		case "fake_support_contact":
			return playbookFakeSupport
		case "theft_reported", "scam_reported", "malicious_approval", "address_poisoned":
			return playbookTheft
		}
	}
	for _, c := range codes {
		if c == "possible_loss_review" {
			return playbookPossible
		}
	}
	return playbookStandard
}

// replyTexts are the first replies, written for someone who may have just
// lost money: the most urgent action first, short sentences, and the
// reminder of what we never ask. %[1]d is the request number, %[2]s the
// first-response target.
var replyTexts = map[desk.Locale]map[playbook]string{
	desk.English: {
		playbookTheft: `We have your request #%[1]d and a person on our team will answer within %[2]s, day or night.

**Do this now, in this order:**

1. **Move what is left** to a **new wallet with a new recovery phrase**, created on a device you trust. Importing the same phrase elsewhere does not help: whoever took the funds may know it.
2. **Stop sending funds** to the affected address. If a "sweeper" moves every deposit out at once, the phrase is known to the thief: do not try to race it.
3. **Revoke token approvals** of the affected address (see [token approvals](kb:token-approvals)); a malicious approval keeps working until revoked.
4. **Write down** the transaction hashes of the unauthorized transfers and the addresses the funds went to, and reply here with them.
5. **Report** to your local police or cybercrime unit, and to any exchange the funds were sent to.

No one can reverse a confirmed transaction, and no one can "recover" stolen funds for a fee: people who offer that are running a second scam.

We will never ask for your recovery phrase, private key or password, and we never message you first. More: [what to do if your wallet was stolen](kb:wallet-stolen).`,
		playbookExposed: `We have your request #%[1]d and a person on our team will answer within %[2]s, day or night.

**Your recovery phrase (or private key) must now be treated as known to others.** If you pasted it here, we removed it before it was stored, but it has still left your hands. If you typed it into a website or gave it to anyone, that person can take everything in the wallet at any time.

**Do this now:**

1. Create a **new wallet with a new recovery phrase** on a device you trust, and write the new phrase on paper.
2. **Move all funds** from the exposed wallet to the new one, starting with the largest amounts. Keep a little of the network's coin for fees.
3. **Revoke token approvals** of the old address ([how](kb:token-approvals)), then stop using the old wallet.
4. If funds have already left, reply here with the transaction hashes.

We will never ask for your recovery phrase, private key or password, and we never message you first. Anyone who does is not us. More: [if your recovery phrase was exposed](kb:phrase-exposed).`,
		playbookFakeSupport: `We have your request #%[1]d and a person on our team will answer within %[2]s, day or night.

**Stop talking to that "support" contact now. It is not us.** Our team never messages first, never asks for your recovery phrase, private key, password or screen sharing, and never asks you to "validate" or "sync" a wallet on a website.

1. Do not send them anything, and do not open their links or files.
2. If you already gave them your phrase or key, **move your funds to a new wallet with a new phrase now** ([how](kb:phrase-exposed)).
3. If you signed something on their site, **revoke approvals** ([how](kb:token-approvals)).
4. Reply here with their name or handle and where they contacted you; we report impersonators.

How to tell a real contact: [verify our official channels](kb:verify-official-channels).`,
		playbookPossible: `We have your request #%[1]d. Your message may describe funds leaving your wallet, so a person on our team will check it within %[2]s, day or night.

**If funds left your wallet without your approval, do this now:**

1. Move what is left to a **new wallet with a new recovery phrase**, created on a device you trust.
2. Stop sending funds to the affected address, and revoke its token approvals ([how](kb:token-approvals)).
3. Reply here with the transaction hashes of the transfers you did not make.

If nothing is missing, you do not need to do anything: we will answer your question.

We will never ask for your recovery phrase, private key or password, and we never message you first. More: [what to do if your wallet was stolen](kb:wallet-stolen).`,
		playbookStandard: `Thank you. We have your request #%[1]d; a person on our team will reply within %[2]s.

%[3]s
We will never ask for your recovery phrase, private key or password, and we never message you first.`,
	},
	desk.Chinese: {
		playbookTheft: `我们已收到你的请求 #%[1]d，工作人员会在 %[2]s 内回复你（全天候）。

**请立即按顺序操作：**

1. **把剩余资产转到新钱包**：在你信任的设备上用**新的助记词**创建新钱包。在别处重新导入原来的助记词没有用，盗币的人可能已经掌握了它。
2. **停止向受影响的地址转入资金**。如果每笔转入都被立刻转走（“扫币机器人”），说明助记词已经泄露，不要和它抢速度。
3. **取消该地址的代币授权**（见[取消授权](kb:token-approvals)），恶意授权在取消之前一直有效。
4. **记下**未经授权的转账的交易哈希和资金去向地址，并回复在这里。
5. **报案**：向当地公安机关（网警）报案，并联系资金流入的交易所。

已确认的交易无法撤回，也没有人能收费帮你“追回”被盗资产，这样说的人是在进行第二次诈骗。

我们绝不会索要你的助记词、私钥或密码，也绝不会主动私信你。更多内容：[钱包被盗后怎么办](kb:wallet-stolen)。`,
		playbookExposed: `我们已收到你的请求 #%[1]d，工作人员会在 %[2]s 内回复你（全天候）。

**你的助记词（或私钥）现在必须视为已经泄露。** 如果你把它贴在了这里，我们在保存之前已经把它删除了，但它已经离开了你的掌控。如果你在某个网站上输入过，或告诉过任何人，对方随时可以转走钱包里的全部资产。

**请立即操作：**

1. 在你信任的设备上**用新的助记词创建新钱包**，并把新助记词抄在纸上。
2. **把泄露钱包里的资产全部转到新钱包**，先转金额最大的。记得留一点主链币作为矿工费。
3. **取消旧地址的代币授权**（[方法](kb:token-approvals)），然后停止使用旧钱包。
4. 如果资产已经被转走，请在这里回复交易哈希。

我们绝不会索要你的助记词、私钥或密码，也绝不会主动私信你。这样做的人都不是我们。更多内容：[助记词泄露了怎么办](kb:phrase-exposed)。`,
		playbookFakeSupport: `我们已收到你的请求 #%[1]d，工作人员会在 %[2]s 内回复你（全天候）。

**请立即停止和那个“客服”联系，那不是我们。** 我们的团队不会主动私信，不会索要助记词、私钥、密码，不会要求共享屏幕，也不会让你在某个网站上“验证”或“同步”钱包。

1. 不要再发给对方任何东西，不要打开对方的链接或文件。
2. 如果你已经把助记词或私钥给了对方，**请马上把资产转到用新助记词创建的新钱包**（[方法](kb:phrase-exposed)）。
3. 如果你在对方的网站上签过名，**请取消授权**（[方法](kb:token-approvals)）。
4. 请在这里回复对方的名字或账号，以及在哪里联系你的，我们会举报冒充者。

怎么分辨真假：[核实官方渠道](kb:verify-official-channels)。`,
		playbookPossible: `我们已收到你的请求 #%[1]d。你描述的情况可能涉及资产被转走，工作人员会在 %[2]s 内优先查看（全天候）。

**如果资产在你不知情的情况下被转走，请立即：**

1. 在你信任的设备上用**新的助记词创建新钱包**，把剩余资产转过去。
2. 停止向受影响的地址转入资金，并取消它的代币授权（[方法](kb:token-approvals)）。
3. 在这里回复那些不是你发起的转账的交易哈希。

如果资产没有少，你不需要做任何操作，我们会解答你的问题。

我们绝不会索要你的助记词、私钥或密码，也绝不会主动私信你。更多内容：[钱包被盗后怎么办](kb:wallet-stolen)。`,
		playbookStandard: `谢谢。我们已收到你的请求 #%[1]d，工作人员会在 %[2]s 内回复你。

%[3]s
我们绝不会索要你的助记词、私钥或密码，也绝不会主动私信你。`,
	},
	desk.Japanese: {
		playbookTheft: `リクエスト #%[1]d を受け付けました。担当者が %[2]s 以内に返信します（24 時間 365 日対応）。

**今すぐ、次の順番で対応してください：**

1. **残っている資産を新しいウォレットへ移してください。** 信頼できる端末で、**新しいリカバリーフレーズ**のウォレットを作成します。同じフレーズを別のアプリにインポートしても意味はありません。盗んだ人がそのフレーズを知っている可能性があります。
2. **被害にあったアドレスへの入金をやめてください。** 入金するたびにすぐ送金される（スイーパー）場合、フレーズは盗まれています。速さで競おうとしないでください。
3. **トークンの承認を取り消してください**（[承認の取り消し](kb:token-approvals)）。悪意のある承認は取り消すまで有効です。
4. 身に覚えのない送金の**トランザクションハッシュと送金先アドレスを控え**、ここに返信してください。
5. 警察（都道府県警察のサイバー犯罪相談窓口）と、資金が送られた取引所に**届け出てください**。

承認済みのトランザクションは取り消せません。手数料を払えば盗まれた資産を「取り戻せる」という人は、二次被害をねらう詐欺です。

私たちがリカバリーフレーズ、秘密鍵、パスワードを尋ねることはありません。こちらから先にメッセージを送ることもありません。詳しくは[ウォレットが盗まれたときの対処法](kb:wallet-stolen)をご覧ください。`,
		playbookExposed: `リクエスト #%[1]d を受け付けました。担当者が %[2]s 以内に返信します（24 時間 365 日対応）。

**あなたのリカバリーフレーズ（または秘密鍵）は、他人に知られたものとして扱ってください。** ここに貼り付けられていた場合、保存する前に削除しましたが、すでにあなたの手を離れています。ウェブサイトに入力したり誰かに伝えたりした場合、その相手はいつでもウォレットの資産をすべて移せます。

**今すぐ対応してください：**

1. 信頼できる端末で**新しいリカバリーフレーズのウォレットを作成**し、新しいフレーズを紙に書き留めます。
2. 知られたウォレットの**資産をすべて新しいウォレットへ移します**。金額の大きいものから移し、手数料用にそのネットワークのコインを少し残してください。
3. 古いアドレスの**トークン承認を取り消し**（[方法](kb:token-approvals)）、古いウォレットは使わないでください。
4. すでに資産が送金されている場合は、トランザクションハッシュをここに返信してください。

私たちがリカバリーフレーズ、秘密鍵、パスワードを尋ねることはありません。こちらから先にメッセージを送ることもありません。尋ねてくる相手は私たちではありません。詳しくは[リカバリーフレーズが漏れたときは](kb:phrase-exposed)をご覧ください。`,
		playbookFakeSupport: `リクエスト #%[1]d を受け付けました。担当者が %[2]s 以内に返信します（24 時間 365 日対応）。

**その「サポート」とのやり取りを今すぐやめてください。私たちではありません。** 私たちのチームから先に連絡することはなく、リカバリーフレーズ、秘密鍵、パスワード、画面共有を求めることも、ウェブサイトでウォレットの「認証」や「同期」を求めることもありません。

1. 相手には何も送らず、リンクやファイルも開かないでください。
2. すでにフレーズや秘密鍵を伝えた場合は、**今すぐ新しいフレーズのウォレットへ資産を移してください**（[方法](kb:phrase-exposed)）。
3. 相手のサイトで署名した場合は、**承認を取り消してください**（[方法](kb:token-approvals)）。
4. 相手の名前やアカウントと、どこで連絡してきたかをここに返信してください。なりすましを通報します。

本物の見分け方：[公式チャネルを確認する](kb:verify-official-channels)。`,
		playbookPossible: `リクエスト #%[1]d を受け付けました。資産が送金されてしまった可能性があるため、担当者が %[2]s 以内に優先して確認します（24 時間 365 日）。

**身に覚えのない送金で資産が減っている場合は、今すぐ次の対応をしてください：**

1. 信頼できる端末で**新しいリカバリーフレーズのウォレットを作成**し、残っている資産を移します。
2. 被害にあったアドレスへの入金をやめ、トークンの承認を取り消します（[方法](kb:token-approvals)）。
3. 身に覚えのない送金のトランザクションハッシュをここに返信してください。

資産が減っていなければ、何もする必要はありません。ご質問にお答えします。

私たちがリカバリーフレーズ、秘密鍵、パスワードを尋ねることはありません。こちらから先にメッセージを送ることもありません。詳しくは[ウォレットが盗まれたときの対処法](kb:wallet-stolen)をご覧ください。`,
		playbookStandard: `ありがとうございます。リクエスト #%[1]d を受け付けました。担当者が %[2]s 以内に返信します。

%[3]s
私たちがリカバリーフレーズ、秘密鍵、パスワードを尋ねることはありません。こちらから先にメッセージを送ることもありません。`,
	},
}

var suggestionIntro = map[desk.Locale]string{
	desk.English:  "While you wait, these articles may already answer your question:",
	desk.Chinese:  "在等待回复期间，这些文章也许已经能解答你的问题：",
	desk.Japanese: "返信をお待ちいただく間に、次の記事で解決できるかもしれません：",
}

// firstReply writes the automatic first reply in the requester's locale.
// Article links use the kb: form, which rendering turns into URLs.
func firstReply(loc desk.Locale, pb playbook, id int64, target time.Duration, articles []desk.ArticleRef) string {
	texts := replyTexts[loc]
	if texts == nil {
		loc, texts = desk.English, replyTexts[desk.English]
	}
	due := formatDuration(loc, target)
	if pb != playbookStandard {
		return fmt.Sprintf(texts[pb], id, due)
	}
	var list strings.Builder
	if len(articles) > 0 {
		list.WriteString(suggestionIntro[loc] + "\n\n")
		for _, a := range articles {
			fmt.Fprintf(&list, "- [%s](kb:%s)\n", strings.ReplaceAll(a.Title, "]", "］"), a.Slug)
		}
	}
	return fmt.Sprintf(texts[pb], id, due, list.String())
}

// formatDuration says a target the way people say it.
func formatDuration(loc desk.Locale, d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch loc {
	case desk.Chinese:
		if h == 0 {
			return fmt.Sprintf("%d 分钟", m)
		}
		return fmt.Sprintf("%d 小时", h)
	case desk.Japanese:
		if h == 0 {
			return fmt.Sprintf("%d 分", m)
		}
		return fmt.Sprintf("%d 時間", h)
	}
	switch {
	case h == 0:
		return fmt.Sprintf("%d minutes", m)
	case h == 1:
		return "1 hour"
	}
	return fmt.Sprintf("%d hours", h)
}
