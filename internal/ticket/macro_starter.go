package ticket

import "github.com/walletdesk/walletdesk/internal/desk"

// StarterMacros returns the built-in macros, one per common topic, in
// English, Simplified Chinese and Japanese. Each is written for its
// language rather than translated, asks for what helps (network,
// transaction hash, address) and never for a secret, and ends with the
// reminder of what we never ask.
func StarterMacros() []Macro {
	out := make([]Macro, len(starterMacros))
	for i, s := range starterMacros {
		out[i] = Macro{StarterKey: s.key, Name: s.name, Tags: append([]string(nil), s.tags...), Bodies: map[desk.Locale]string{
			desk.English: s.en, desk.Chinese: s.zh, desk.Japanese: s.ja}}
	}
	return out
}

type starterMacro struct {
	key, name  string
	tags       []string
	en, zh, ja string
}

var starterMacros = []starterMacro{
	{
		key: "pending-transfer", name: "Transfer pending", tags: []string{"transactions", "pending"},
		en: `Hi {{requester.name}},

Thanks for writing in (request #{{ticket.id}}). A transfer shows as pending until a block includes it. While it is pending, the funds have not left your address.

On Ethereum and other EVM networks, two things usually keep a transfer waiting:

1. **The fee is below what the network asks right now.** If the max fee is lower than the current base fee, no block can include the transfer until fees come down.
2. **An earlier transfer from the same address is still pending.** Transfers from one address go through strictly in order (by nonce), so every later one waits behind the oldest stuck one.

What you can do now:

- Wait. When fees drop, the transfer usually confirms by itself.
- Speed it up or cancel it from the wallet's activity list: {{article:speed-up-cancel}}.
- For Bitcoin, see {{article:bitcoin-unconfirmed}}.

If it is still pending, reply with the **network** and the **transaction hash** and we will check it for you. More: {{article:transaction-pending}}.

We will never ask for your recovery phrase, private key or password.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

我们已收到你的请求 #{{ticket.id}}。转账在被打包进区块之前会一直显示“等待确认”，这段时间里资产还在你的地址上，没有转出。

在以太坊等 EVM 网络上，转账卡住通常有两个原因：

1. **矿工费低于当前网络要求。** 如果最高费用（max fee）低于当前的基础费用（base fee），在费用降下来之前，任何区块都不会打包这笔交易。
2. **同一地址还有更早的交易没确认。** 同一地址的交易必须按顺序（nonce）上链，前面一笔卡住，后面的都会跟着等待。

你现在可以：

- 等待：网络费用回落后，交易通常会自动确认。
- 在钱包的交易记录里对这笔交易“加速”或“取消”：{{article:speed-up-cancel}}。
- 比特币转账请看：{{article:bitcoin-unconfirmed}}。

如果仍然卡住，请回复**转账所在的网络**和**交易哈希**，我们帮你查。详细说明：{{article:transaction-pending}}。

我们绝不会索要你的助记词、私钥或密码。

{{agent.name}}`,
		ja: `{{requester.name}} 様

お問い合わせありがとうございます（リクエスト #{{ticket.id}}）。送金はブロックに取り込まれるまで「保留中」と表示されます。この間、資産はまだお客様のアドレスから出ていません。

イーサリアムなどの EVM ネットワークで送金が詰まる主な原因は次の 2 つです。

1. **ガス代が現在の水準より低い。** 最大手数料（max fee）が現在のベース手数料（base fee）を下回っていると、手数料が下がるまでどのブロックにも取り込まれません。
2. **同じアドレスの前の取引がまだ保留中。** 同じアドレスからの取引は順番（nonce）どおりにしか処理されないため、前の取引が詰まると後の取引もすべて待つことになります。

今できること：

- 待つ：手数料が下がれば、多くの場合そのまま承認されます。
- ウォレットのアクティビティから高速化またはキャンセルする：{{article:speed-up-cancel}}
- ビットコインの場合：{{article:bitcoin-unconfirmed}}

それでも保留中のままでしたら、**ネットワーク名**と**トランザクションハッシュ**をご返信ください。こちらで確認します。詳しくは {{article:transaction-pending}} をご覧ください。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してありません。

{{agent.name}}`,
	},
	{
		key: "speed-up", name: "Speed up or cancel a transfer", tags: []string{"transactions", "speed-up", "cancel"},
		en: `Hi {{requester.name}},

About request #{{ticket.id}}: a pending transfer on an EVM network can be replaced while it is still pending, never after it confirms.

- **Speed up** sends the same transfer again with the same nonce and a higher fee. Raise **both** the max fee and the priority fee by at least 10% (most nodes refuse a smaller bump). The replacement gets a **new transaction hash**, so an app that watches the old hash may show it as failed or dropped even though it went through.
- **Cancel** sends 0 of the network's coin to your own address with the same nonce and a higher fee. If it confirms first, the original can no longer go through. The cancel itself costs a fee.
- If several transfers are stuck, deal with the **oldest** one (lowest nonce) first: the later ones wait for it.

Step by step: {{article:speed-up-cancel}}.

If the option is greyed out or the replacement is refused ("replacement transaction underpriced"), reply with the network and the transaction hash and we will look at it.

We will never ask for your recovery phrase, private key or password.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

关于请求 #{{ticket.id}}：EVM 网络上的交易在确认之前可以被替换，一旦确认就无法再更改。

- **加速**：用同一个 nonce、更高的费用重新发送同一笔交易。最高费用（max fee）和优先费（priority fee）**都要**比原来至少高 10%，加得太少大多数节点会拒绝。替换后的交易会有**新的交易哈希**，所以盯着旧哈希的应用可能显示“失败”或“已丢弃”，其实交易已经成功。
- **取消**：用同一个 nonce、更高的费用，向你自己的地址转 0 个主链币。只要它先被确认，原交易就不会再上链。取消本身也要付矿工费。
- 如果有好几笔交易卡住，先处理**最早的那一笔**（nonce 最小的），后面的都在等它。

详细步骤：{{article:speed-up-cancel}}。

如果按钮是灰色的，或者提示 “replacement transaction underpriced”，请回复网络和交易哈希，我们帮你看。

我们绝不会索要你的助记词、私钥或密码。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} についてです。EVM ネットワークの取引は、保留中のあいだは置き換えることができますが、承認された後は変更できません。

- **高速化（スピードアップ）**：同じ nonce のまま手数料を上げて、同じ取引を送り直します。最大手数料（max fee）と優先手数料（priority fee）の**両方**を元より 10% 以上上げてください（それより小さいと多くのノードが受け付けません）。置き換えた取引には**新しいトランザクションハッシュ**が付くため、古いハッシュを見ているアプリでは「失敗」や「取り消し」と表示されることがありますが、実際には完了しています。
- **キャンセル**：同じ nonce で手数料を上げ、自分のアドレスへネイティブコインを 0 送ります。こちらが先に承認されれば、元の取引はもう処理されません。キャンセルにも手数料がかかります。
- 複数の取引が詰まっている場合は、**いちばん古いもの**（nonce が最も小さいもの）から対処してください。後の取引はそれを待っています。

手順：{{article:speed-up-cancel}}

ボタンが押せない場合や「replacement transaction underpriced」と表示される場合は、ネットワーク名とトランザクションハッシュをご返信ください。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してありません。

{{agent.name}}`,
	},
	{
		key: "wrong-network", name: "Sent on the wrong network", tags: []string{"transactions", "wrong-network", "usdt"},
		en: `Hi {{requester.name}},

About request #{{ticket.id}}: USDT and other tokens exist separately on each network (ERC-20 on Ethereum, TRC-20 on TRON, BEP-20 on BNB Smart Chain). A transfer stays on the network it was sent on; it cannot cross to another one by itself, and no one can reverse a confirmed transfer.

Where the funds are depends on where you sent them:

1. **To your own address on another EVM network** (for example BNB Smart Chain instead of Ethereum): the tokens are at the **same 0x address** on that network. Add or switch to that network in the wallet and they appear. To move them you need that network's coin for the fee (BNB on BNB Smart Chain).
2. **To an exchange, on a network the exchange does not support for that coin:** only the exchange holds the keys of its deposit addresses, so only the exchange can recover it. Contact its support with the transaction hash, network, amount and deposit address. Recovery is up to them and may take time or a fee.
3. **Between different address types** (a TRON address starts with T, EVM addresses with 0x): reply to us with the details before trying anything else.

More: {{article:wrong-network}}.

Please reply with the **network you sent on**, the **transaction hash** and the **receiving address**, and we will tell you exactly where the funds are.

We will never ask for your recovery phrase, private key or password.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

关于请求 #{{ticket.id}}：USDT 等代币在每条链上是各自独立的（以太坊上的 ERC20、波场上的 TRC20、BNB 智能链上的 BEP20）。转账只会留在发送时所在的链上，不会自己跨到另一条链，已确认的转账任何人都无法撤回。

资产在哪里，取决于你转到了哪里：

1. **转到了自己在另一条 EVM 链上的地址**（例如本该走以太坊，却选了 BNB 智能链）：代币就在那条链上的**同一个 0x 地址**里。在钱包里添加或切换到那条链就能看到。要转出来，需要那条链的主币支付矿工费（BNB 智能链上是 BNB）。
2. **转到了交易所，但交易所不支持这条链上的这个币**：只有交易所掌握充值地址的私钥，所以只有交易所能找回。请把交易哈希、链、金额和充值地址提供给交易所客服。能否找回、要多久、是否收费，由交易所决定。
3. **在不同格式的地址之间转账**（波场地址以 T 开头，EVM 地址以 0x 开头）：先不要做任何操作，请把详情回复给我们。

详细说明：{{article:wrong-network}}。

请回复**你转账时选择的链**、**交易哈希**和**收款地址**，我们会告诉你资产具体在哪里。

我们绝不会索要你的助记词、私钥或密码。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} についてです。USDT などのトークンは、ネットワークごとに別々に存在します（イーサリアムの ERC20、TRON の TRC20、BNB スマートチェーンの BEP20）。送金は送ったネットワーク上にとどまり、別のネットワークへ自動で移ることはありません。また、承認済みの送金は誰にも取り消せません。

資産の場所は、どこへ送ったかによって変わります。

1. **別の EVM ネットワーク上の自分のアドレスへ送った場合**（例：イーサリアムのつもりが BNB スマートチェーンを選んでいた）：トークンはそのネットワークの**同じ 0x アドレス**にあります。ウォレットでそのネットワークを追加・切り替えると表示されます。移動するには、そのネットワークのネイティブコイン（BNB スマートチェーンなら BNB）が手数料として必要です。
2. **取引所へ、その通貨に対応していないネットワークで送った場合**：入金アドレスの鍵を持っているのは取引所だけなので、取り戻せるのも取引所だけです。トランザクションハッシュ、ネットワーク、金額、入金アドレスを添えて取引所のサポートへご連絡ください。対応の可否や期間、手数料は取引所が決めます。
3. **形式の違うアドレス間で送った場合**（TRON のアドレスは T、EVM のアドレスは 0x で始まります）：ほかの操作をする前に、詳細をご返信ください。

詳しくは {{article:wrong-network}} をご覧ください。

**送金に使ったネットワーク**、**トランザクションハッシュ**、**受取アドレス**をご返信いただければ、資産がどこにあるかをお調べします。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してありません。

{{agent.name}}`,
	},
	{
		key: "import-errors", name: "Recovery phrase import errors", tags: []string{"account-access", "import"},
		en: `Hi {{requester.name}},

About request #{{ticket.id}}: when a wallet says a recovery phrase is invalid, one of these is almost always the cause. Please check them against your paper backup, **without sending the phrase to anyone, including us**:

1. **Word count:** a phrase has 12, 15, 18, 21 or 24 words.
2. **Spelling:** every word must be exactly a word from the standard list (no plurals, no extra letters). A close but different word breaks it.
3. **Order:** the words must be in the original order. "Invalid checksum" usually means one word is wrong or two are swapped.
4. **Language:** a phrase created in Chinese or Japanese must be imported as that language.
5. **Spacing:** one space between words, no numbers or punctuation.

If the phrase is accepted but you see a **different address or an empty balance**, you may have created a new wallet instead of importing, used a passphrase ("25th word") when you set it up, or the funds are on another account or derivation path: {{article:different-address-after-import}}.

More: {{article:import-phrase-errors}}. Tell us which error message you see and which wallet app you are importing into.

We will never ask for your recovery phrase, private key or password. Never type your phrase into a website or send it in a message.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

关于请求 #{{ticket.id}}：钱包提示助记词无效，几乎都是下面几种原因之一。请对照你手写的备份逐项检查，**不要把助记词发给任何人，包括我们**：

1. **词数**：助记词是 12、15、18、21 或 24 个词。
2. **拼写**：每个词都必须和标准词表里的完全一致（英文不能多字母、不能写成复数）。差一个字母也不行。
3. **顺序**：必须按原来的顺序输入。提示“校验失败”（checksum）通常是某个词错了，或者两个词顺序颠倒。
4. **语言**：用中文或日文创建的助记词，导入时也要选择对应的语言。
5. **空格**：词与词之间只留一个空格，不要加序号或标点。

如果导入成功了，但**地址不一样或余额为零**，可能是当时点了“创建钱包”而不是“导入钱包”、创建时设置过额外的密码（passphrase，“第 25 个词”），或者资产在别的账户或派生路径上：{{article:different-address-after-import}}。

详细说明：{{article:import-phrase-errors}}。请告诉我们你看到的报错原文，以及你在用哪个钱包应用导入。

我们绝不会索要你的助记词、私钥或密码。请不要在任何网站上输入助记词，也不要通过消息发送。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} についてです。「リカバリーフレーズが無効です」と表示される原因は、ほぼ次のいずれかです。紙のバックアップと見比べて確認してください。**フレーズは誰にも（私たちにも）送らないでください。**

1. **単語数**：フレーズは 12・15・18・21・24 語のいずれかです。
2. **つづり**：すべての単語が標準の単語リストと完全に一致している必要があります（複数形や余分な文字は不可）。似ていても違う単語だと復元できません。
3. **順番**：作成時と同じ順番で入力してください。「チェックサムが無効」は、単語が 1 つ違うか、2 つが入れ替わっていることがほとんどです。
4. **言語**：日本語や中国語で作成したフレーズは、その言語を選んでインポートしてください。
5. **スペース**：単語の間は半角スペース 1 つにし、番号や記号は入れないでください。

インポートできたのに**アドレスが違う、または残高がゼロ**の場合は、「インポート」ではなく「新規作成」をしていた、作成時にパスフレーズ（「25 番目の単語」）を設定していた、または資産が別のアカウントや派生パスにある可能性があります：{{article:different-address-after-import}}

詳しくは {{article:import-phrase-errors}} をご覧ください。表示されたエラーメッセージと、インポート先のウォレットアプリ名をお知らせください。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してありません。フレーズをウェブサイトに入力したり、メッセージで送ったりしないでください。

{{agent.name}}`,
	},
	{
		key: "lost-phrase", name: "Lost recovery phrase", tags: []string{"account-access", "lost-phrase"},
		en: `Hi {{requester.name}},

About request #{{ticket.id}}: I'm sorry, this is a hard one. The wallet is self-custody: the recovery phrase was created on your device and was never sent to us, so no one, including our team, can look it up, reset it or recover it.

What you can still do:

1. **If the wallet still opens on any device** (phone, tablet, browser extension), open the backup option in its settings and write the phrase on paper now. Or create a new wallet, back up its new phrase on paper, and move the funds there.
2. **Search every place you may have written it:** notebooks, paper copies, a safe, a password manager.
3. **If no device has the wallet and no copy exists,** the funds cannot be reached. This is how self-custody works, not a fault we can fix.

Anyone who offers to "recover" a wallet without the phrase, usually for a fee, is running a scam.

More: {{article:lost-recovery-phrase}}.

We will never ask for your recovery phrase, private key or password.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

关于请求 #{{ticket.id}}：很抱歉遇到这种情况。这是自托管钱包：助记词是在你的设备上生成的，从来没有发送给我们，所以任何人（包括我们的团队）都无法查询、重置或找回它。

你还可以这样做：

1. **如果钱包在某台设备上还能打开**（手机、平板、浏览器插件），请马上在设置里找到“备份助记词”，把助记词抄在纸上。或者新建一个钱包，把新的助记词抄在纸上备份好，再把资产转过去。
2. **找遍所有可能记过的地方**：笔记本、纸质备份、保险柜、密码管理器。
3. **如果没有任何设备还装着这个钱包，也找不到任何备份**，资产就无法再动用了。这是自托管钱包的机制，不是我们能修复的故障。

任何声称不需要助记词就能“找回钱包”的人（通常还要收费）都是骗子。

详细说明：{{article:lost-recovery-phrase}}。

我们绝不会索要你的助记词、私钥或密码。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} についてです。お困りのところ申し訳ありません。このウォレットはセルフカストディ型で、リカバリーフレーズはお客様の端末で作成され、私たちに送られたことは一度もありません。そのため、サポートチームを含め誰もフレーズを調べたり、リセットしたり、復元したりすることはできません。

今できること：

1. **ウォレットがまだどこかの端末で開ける場合**（スマートフォン、タブレット、ブラウザ拡張機能）、設定のバックアップ項目からフレーズを表示し、今すぐ紙に書き写してください。または新しいウォレットを作成し、その新しいフレーズを紙に控えてから資産を移してください。
2. **書き留めた可能性のある場所をすべて探してください**：ノート、紙の控え、金庫、パスワード管理アプリなど。
3. **ウォレットが入った端末も控えもない場合**、資産を動かすことはできません。これはセルフカストディの仕組みによるもので、こちらで直せる不具合ではありません。

フレーズなしでウォレットを「復元」できると言う人（多くは手数料を要求します）は詐欺です。

詳しくは {{article:lost-recovery-phrase}} をご覧ください。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してありません。

{{agent.name}}`,
	},
	{
		key: "stolen-wallet", name: "Wallet stolen or drained", tags: []string{"security", "theft", "s1"},
		en: `Hi {{requester.name}},

I'm on your request #{{ticket.id}}. Please do these steps now, in this order:

1. **Move whatever is left** to a **new wallet with a new recovery phrase**, created on a device you trust. Importing the same phrase into another app does not help: whoever took the funds may know it.
2. **Stop sending funds** to the affected address. If every deposit is moved out at once (a "sweeper"), the thief has the phrase: do not try to race it.
3. **Revoke token approvals** of the affected address: {{article:token-approvals}}. A malicious approval keeps working until it is revoked.
4. **Report it** to your local police or cybercrime unit, and to any exchange the funds went to.

A confirmed transaction cannot be reversed by anyone, and no one can "recover" stolen funds for a fee: people who offer that are running a second scam.

Please reply with the **network**, the **transaction hashes** of the transfers you did not make, and the **addresses the funds went to**. We will check whether it was an approval or a leaked phrase, which changes what else to do. More: {{article:wallet-stolen}}.

We will never ask for your recovery phrase, private key or password, and we never message you first.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

我正在处理你的请求 #{{ticket.id}}。请现在按顺序做这几步：

1. **把剩余资产转到新钱包**：在你信任的设备上，用**新的助记词**创建新钱包。把原来的助记词导入到别的应用里没有用，盗币的人可能已经掌握了它。
2. **停止向受影响的地址转入资金**。如果每笔转入都立刻被转走（“扫币机器人”），说明对方已经有你的助记词，不要和它抢速度。
3. **取消该地址的代币授权**：{{article:token-approvals}}。恶意授权在取消之前会一直有效。
4. **报案**：向当地公安机关（网警）报案，并联系资金流入的交易所。

已确认的交易任何人都无法撤回，也没有人能收费帮你“追回”被盗资产，这样说的人是在进行第二次诈骗。

请回复**所在的链**、**不是你发起的转账的交易哈希**，以及**资金去向的地址**。我们会帮你判断是授权被盗用还是助记词泄露，两种情况的后续处理不同。详细说明：{{article:wallet-stolen}}。

我们绝不会索要你的助记词、私钥或密码，也绝不会主动私信你。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} を担当しています。今すぐ、次の順番で対応してください。

1. **残っている資産を移す**：信頼できる端末で、**新しいリカバリーフレーズの新しいウォレット**を作成し、そこへ移してください。同じフレーズを別のアプリにインポートしても意味がありません。資産を持ち出した相手がそのフレーズを知っている可能性があります。
2. **被害にあったアドレスへの入金をやめる**：入金するたびにすぐ送り出される（スイーパー）場合、相手はフレーズを持っています。速さで競おうとしないでください。
3. **トークンの承認（Approve）を取り消す**：{{article:token-approvals}} 悪意のある承認は、取り消すまで有効なままです。
4. **届け出る**：最寄りの警察（サイバー犯罪相談窓口）と、資金が送られた取引所へ連絡してください。

承認済みの取引は誰にも取り消せません。また、手数料と引き換えに盗まれた資産を「取り戻す」と持ちかける人は、二次被害を狙う詐欺です。

**ネットワーク名**、**身に覚えのない送金のトランザクションハッシュ**、**送金先のアドレス**をご返信ください。承認の悪用かフレーズの流出かを確認します。どちらかによって、次にすべきことが変わります。詳しくは {{article:wallet-stolen}} をご覧ください。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してなく、こちらから先にメッセージを送ることもありません。

{{agent.name}}`,
	},
	{
		key: "phrase-exposed", name: "Recovery phrase exposed", tags: []string{"security", "phrase-exposed", "s1"},
		en: `Hi {{requester.name}},

About request #{{ticket.id}}: a recovery phrase (or private key) that was typed into a website, sent in a message, photographed to the cloud or shown to anyone must be treated as **known to others**. Whoever has it can take everything in the wallet at any moment, so please act now:

1. Create a **new wallet with a new recovery phrase** on a device you trust, and write the new phrase on paper.
2. **Move all funds** from the exposed wallet to the new one, largest amounts first. Keep a little of each network's coin in the old wallet only as long as you need it for fees.
3. **Revoke token approvals** of the old address ({{article:token-approvals}}), then stop using the old wallet for good.

If funds have already left, reply with the network and the transaction hashes. More: {{article:phrase-exposed}}.

We will never ask for your recovery phrase, private key or password, and we never message you first. Anyone who does is not us.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

关于请求 #{{ticket.id}}：只要助记词（或私钥）在网站上输入过、通过消息发过、拍照存到云端，或者给任何人看过，就必须视为**已经泄露**。拿到它的人随时可以转走钱包里的全部资产，所以请马上操作：

1. 在你信任的设备上**用新的助记词创建新钱包**，并把新助记词抄在纸上。
2. **把旧钱包里的资产全部转到新钱包**，先转金额最大的。旧钱包里的主链币只留够支付矿工费的数量，用完即可。
3. **取消旧地址的代币授权**（{{article:token-approvals}}），之后彻底停用旧钱包。

如果资产已经被转走，请回复所在的链和交易哈希。详细说明：{{article:phrase-exposed}}。

我们绝不会索要你的助记词、私钥或密码，也绝不会主动私信你。这样做的人都不是我们。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} についてです。リカバリーフレーズ（または秘密鍵）をウェブサイトに入力した、メッセージで送った、写真に撮ってクラウドに保存した、誰かに見せた、という場合は、**他人に知られたもの**として扱う必要があります。フレーズを持つ人はいつでもウォレットの資産をすべて動かせるため、今すぐ対応してください。

1. 信頼できる端末で**新しいリカバリーフレーズの新しいウォレット**を作成し、新しいフレーズを紙に書き留めてください。
2. 流出したウォレットの**資産をすべて新しいウォレットへ移してください**。金額の大きいものから先に移します。古いウォレットのネイティブコインは、手数料に必要な分だけ残してください。
3. 古いアドレスの**トークン承認を取り消し**（{{article:token-approvals}}）、その後は古いウォレットを使わないでください。

すでに資産が送り出されている場合は、ネットワーク名とトランザクションハッシュをご返信ください。詳しくは {{article:phrase-exposed}} をご覧ください。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してなく、こちらから先にメッセージを送ることもありません。そうした連絡は私たちではありません。

{{agent.name}}`,
	},
	{
		key: "fake-support", name: "Fake support contact", tags: []string{"security", "scam", "impersonation"},
		en: `Hi {{requester.name}},

About request #{{ticket.id}}: the person who contacted you is **not** our team. Please stop talking to them.

- We never message first (on X, Telegram, Discord, WhatsApp, email or by phone).
- We never ask for a recovery phrase, private key, password or screen sharing, and we never ask you to "validate", "sync" or "unlock" a wallet on a website.
- We never charge a fee to fix or recover a wallet.

If you already gave them your phrase or key, **move your funds to a new wallet with a new phrase now**: {{article:phrase-exposed}}. If you signed something on their site, **revoke the approvals**: {{article:token-approvals}}.

You can help us report them: reply with their name or handle, where they contacted you and any link they sent. How to tell a real contact: {{article:verify-official-channels}}, and {{article:fake-support-scams}}.

We will never ask for your recovery phrase, private key or password.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

关于请求 #{{ticket.id}}：联系你的人**不是**我们的团队，请立即停止和对方沟通。

- 我们不会先联系你，无论是通过 X、Telegram、Discord、WhatsApp、邮件还是电话。
- 我们从不索要助记词、私钥、密码，不会要求共享屏幕，也不会让你在某个网站上“验证”“同步”或“解锁”钱包。
- 我们不会为修复或找回钱包收取任何费用。

如果你已经把助记词或私钥给了对方，**请马上把资产转到用新助记词创建的新钱包**：{{article:phrase-exposed}}。如果你在对方的网站上签过名，**请取消授权**：{{article:token-approvals}}。

你也可以帮我们举报：请回复对方的名字或账号、在哪里联系你的，以及对方发过的链接。怎么分辨真假：{{article:verify-official-channels}}，以及 {{article:fake-support-scams}}。

我们绝不会索要你的助记词、私钥或密码。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} についてです。お客様に連絡してきた相手は、私たちのチームでは**ありません**。すぐにやり取りをやめてください。

- 私たちから先にメッセージを送ることはありません（X、Telegram、Discord、WhatsApp、メール、電話のいずれでも）。
- リカバリーフレーズ、秘密鍵、パスワード、画面共有を求めることはなく、ウェブサイトでウォレットを「認証」「同期」「ロック解除」するよう求めることもありません。
- ウォレットの修復や復元で手数料をいただくことはありません。

すでにフレーズや秘密鍵を伝えてしまった場合は、**今すぐ新しいフレーズの新しいウォレットへ資産を移してください**：{{article:phrase-exposed}} 相手のサイトで署名をした場合は、**承認を取り消してください**：{{article:token-approvals}}

通報にご協力いただける場合は、相手の名前やアカウント、連絡を受けた場所、送られてきたリンクをご返信ください。本物の窓口の見分け方：{{article:verify-official-channels}}、{{article:fake-support-scams}}

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してありません。

{{agent.name}}`,
	},
	{
		key: "token-not-showing", name: "Token not showing", tags: []string{"transactions", "tokens"},
		en: `Hi {{requester.name}},

About request #{{ticket.id}}: your token balance lives on the blockchain, not in the app. The wallet only shows tokens it knows about, so a missing token is usually a display problem, not lost funds.

1. **Check the network.** Tokens on BNB Smart Chain or Polygon do not show while the wallet is on Ethereum, even at the same 0x address.
2. **Add the token by its contract address** (custom token / import token). Copy the address from the project's official website or a block explorer, never from a message someone sent you.
3. **Check your address on a block explorer** for that network: if the token is listed there, it is yours and only the display is missing.

Be careful: fake tokens can copy the name and symbol of real ones. Tokens that appear out of nowhere, with a link or a website to "claim" them, are a trap: do not interact with them.

More: {{article:token-not-showing}}. If it still does not show, reply with the **network**, the **token name** and your **wallet address** (your address is safe to share).

We will never ask for your recovery phrase, private key or password.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

关于请求 #{{ticket.id}}：代币余额记录在区块链上，而不是在应用里。钱包只会显示它认识的代币，所以看不到代币通常只是显示问题，资产并没有丢。

1. **确认网络。** BNB 智能链或 Polygon 上的代币，在钱包切换到以太坊时不会显示，即使是同一个 0x 地址。
2. **通过合约地址添加代币**（“自定义代币”或“添加代币”）。合约地址请从项目官网或区块浏览器复制，不要用别人私信发给你的地址。
3. **在对应网络的区块浏览器上查你的地址**：如果那里能看到这个代币，它就是你的，只是钱包里没显示。

请注意：假代币可以冒用真代币的名称和符号。莫名其妙出现、附带链接或网站让你去“领取”的代币是陷阱，不要和它们交互。

详细说明：{{article:token-not-showing}}。如果还是看不到，请回复**网络**、**代币名称**和你的**钱包地址**（地址可以放心提供）。

我们绝不会索要你的助记词、私钥或密码。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} についてです。トークンの残高はアプリではなくブロックチェーン上に記録されています。ウォレットは認識しているトークンしか表示しないため、トークンが見えないのは多くの場合表示の問題で、資産がなくなったわけではありません。

1. **ネットワークを確認してください。** BNB スマートチェーンや Polygon のトークンは、同じ 0x アドレスでも、ウォレットがイーサリアムを表示している間は出てきません。
2. **コントラクトアドレスでトークンを追加してください**（カスタムトークン／トークンのインポート）。アドレスはプロジェクトの公式サイトかブロックエクスプローラーからコピーし、誰かからメッセージで送られてきたものは使わないでください。
3. **そのネットワークのブロックエクスプローラーで自分のアドレスを確認してください**：そこにトークンがあれば、お客様のもので、表示されていないだけです。

ご注意ください：偽のトークンは本物と同じ名前やシンボルを名乗れます。身に覚えのないトークンが届き、「受け取る」ためのリンクやサイトが付いている場合は罠です。操作しないでください。

詳しくは {{article:token-not-showing}} をご覧ください。それでも表示されない場合は、**ネットワーク名**、**トークン名**、**ウォレットアドレス**をご返信ください（アドレスは共有しても安全です）。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してありません。

{{agent.name}}`,
	},
	{
		key: "exchange-deposit", name: "Exchange deposit not credited", tags: []string{"transactions", "exchange", "memo"},
		en: `Hi {{requester.name}},

About request #{{ticket.id}}: once the transfer is confirmed on the blockchain, the wallet's part is done; crediting it to your exchange account is up to the exchange. The usual reasons a deposit does not show:

1. **Missing or wrong memo / tag.** Some coins (for example XRP, XLM, EOS, ATOM, TON) use one shared deposit address plus a memo or tag that says whose deposit it is. Without the right one, the exchange cannot match it to your account.
2. **Not enough confirmations yet.** Exchanges wait for a number of confirmations before crediting; this can take from minutes to an hour.
3. **A network the exchange does not support for that coin:** {{article:wrong-network}}.

Only the exchange can credit or return the deposit: we cannot move funds that arrived at its address. Contact its support (through its official website or app) with:

- the **transaction hash**, the **network**, the **amount** and the **time**,
- the **deposit address** and the **memo/tag** you used, if any.

More: {{article:exchange-deposit-missing}}. If you are not sure the transfer confirmed, reply with the transaction hash and the network and we will check.

We will never ask for your recovery phrase, private key or password.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

关于请求 #{{ticket.id}}：转账在链上确认之后，钱包这一侧就已经完成了，能否入账到你的交易所账户由交易所处理。充值不到账通常有这几种原因：

1. **备注（Memo）或标签（Tag）漏填或填错。** 部分币种（例如 XRP、XLM、EOS、ATOM、TON）使用同一个充值地址，再靠备注或标签区分是谁的充值。没有正确的备注，交易所就无法把它对应到你的账户。
2. **确认数还不够。** 交易所要等到一定的区块确认数才会入账，可能需要几分钟到一小时。
3. **交易所不支持这个币在这条链上的充值**：{{article:wrong-network}}。

只有交易所能为这笔充值入账或退回，已经到达交易所地址的资产我们无法转移。请通过交易所官网或官方应用联系客服，并提供：

- **交易哈希**、**所在的链**、**金额**和**时间**；
- **充值地址**，以及你填写的**备注/标签**（如有）。

详细说明：{{article:exchange-deposit-missing}}。如果不确定转账是否已确认，请回复交易哈希和链，我们帮你查。

我们绝不会索要你的助记词、私钥或密码。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} についてです。送金がブロックチェーン上で承認されれば、ウォレット側の処理は完了しています。取引所の口座へ反映するかどうかは取引所側の処理になります。入金が反映されない主な原因は次のとおりです。

1. **メモ／タグの入力漏れや誤り。** 一部の通貨（XRP、XLM、EOS、ATOM、TON など）は共通の入金アドレスを使い、メモやタグで誰の入金かを区別します。正しいメモがないと、取引所はお客様の口座と結び付けられません。
2. **承認数がまだ足りない。** 取引所は一定の承認数を待ってから反映します。数分から 1 時間ほどかかることがあります。
3. **取引所がその通貨のそのネットワークに対応していない**：{{article:wrong-network}}

入金を反映・返金できるのは取引所だけで、取引所のアドレスに届いた資産を私たちが動かすことはできません。取引所の公式サイトまたは公式アプリからサポートへ、次の情報を添えてご連絡ください。

- **トランザクションハッシュ**、**ネットワーク**、**金額**、**日時**
- **入金アドレス**と、使用した**メモ／タグ**（ある場合）

詳しくは {{article:exchange-deposit-missing}} をご覧ください。送金が承認されたかご不明な場合は、トランザクションハッシュとネットワーク名をご返信ください。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してありません。

{{agent.name}}`,
	},
	{
		key: "tron-energy", name: "TRON energy and bandwidth", tags: []string{"transactions", "tron", "fees"},
		en: `Hi {{requester.name}},

About request #{{ticket.id}}: on TRON, fees are paid with two resources, **bandwidth** and **energy**.

- Every activated account gets **600 free bandwidth a day**. A plain TRX transfer uses only bandwidth.
- A **USDT (TRC-20) transfer** also needs **energy**: about 64,000 when the recipient already holds USDT, and about 130,000 when they do not.
- If the account has no energy, **TRX is burned** to pay for it. That is why a USDT transfer can fail, or cost several TRX, even with plenty of USDT.
- A transfer that fails with **OUT_OF_ENERGY** still burns the TRX it used; that fee is not refunded.

What to do:

1. Keep enough **TRX** in the address to cover the fee your wallet shows before you confirm.
2. If you send USDT often, **stake TRX for energy** (or rent energy) to pay less per transfer.

More: {{article:tron-resources}}. If a transfer failed, reply with its transaction hash and we will tell you what happened.

We will never ask for your recovery phrase, private key or password.

{{agent.name}}`,
		zh: `{{requester.name}} 你好，

关于请求 #{{ticket.id}}：在波场（TRON）上，手续费用两种资源支付：**带宽**和**能量**。

- 每个已激活的账户每天有 **600 免费带宽**。普通的 TRX 转账只消耗带宽。
- **USDT（TRC20）转账**还需要**能量**：收款地址已经持有 USDT 时约 6.4 万，没有持有时约 13 万。
- 账户没有能量时，会**燃烧 TRX** 来支付。所以即使 USDT 很多，转账也可能失败，或者要花好几个 TRX。
- 因为 **OUT_OF_ENERGY**（能量不足）失败的转账，已经燃烧的 TRX 不会退还。

建议：

1. 在地址里留足 **TRX**，确认转账前看一下钱包显示的手续费。
2. 如果经常转 USDT，可以**质押 TRX 获取能量**（或租用能量），每笔转账更省钱。

详细说明：{{article:tron-resources}}。如果转账失败了，请回复交易哈希，我们帮你查明原因。

我们绝不会索要你的助记词、私钥或密码。

{{agent.name}}`,
		ja: `{{requester.name}} 様

リクエスト #{{ticket.id}} についてです。TRON では、手数料を**帯域幅（バンド幅）**と**エネルギー**の 2 つのリソースで支払います。

- 有効化されたアカウントには、**1 日 600 の無料帯域幅**があります。TRX だけの送金は帯域幅しか使いません。
- **USDT（TRC20）の送金**には**エネルギー**も必要です。受取アドレスがすでに USDT を持っている場合は約 64,000、持っていない場合は約 130,000 です。
- エネルギーがない場合は、その分 **TRX がバーン（消費）**されます。そのため、USDT が十分にあっても送金が失敗したり、数 TRX かかったりします。
- **OUT_OF_ENERGY**（エネルギー不足）で失敗した送金でも、消費された TRX は返ってきません。

対処法：

1. 送金を確定する前にウォレットに表示される手数料を確認し、アドレスに十分な **TRX** を残してください。
2. USDT をよく送る場合は、**TRX をステーキングしてエネルギーを得る**（またはエネルギーをレンタルする）と、1 回あたりの手数料を抑えられます。

詳しくは {{article:tron-resources}} をご覧ください。送金が失敗した場合は、トランザクションハッシュをご返信ください。原因をお調べします。

リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してありません。

{{agent.name}}`,
	},
	{
		key: "closing-thanks", name: "Closing: solved, thanks", tags: []string{"closing"},
		en: `Hi {{requester.name}},

Glad this is sorted. I'm marking request #{{ticket.id}} as solved. If anything is still not right, just reply here and it opens again; you don't need to start over.

A last reminder: we will never ask for your recovery phrase, private key or password, and we never message you first.

Thanks for your patience,
{{agent.name}}`,
		zh: `{{requester.name}} 你好，

很高兴问题已经解决。我会把请求 #{{ticket.id}} 标记为“已解决”。如果还有任何问题，直接在这里回复即可，请求会重新打开，不需要重新提交。

最后提醒一次：我们绝不会索要你的助记词、私钥或密码，也绝不会主动私信你。

感谢你的耐心，
{{agent.name}}`,
		ja: `{{requester.name}} 様

解決してよかったです。リクエスト #{{ticket.id}} を「解決済み」にいたします。まだ問題があれば、こちらにご返信いただくだけで再開されます。新しく送り直す必要はありません。

最後に念のため：リカバリーフレーズ、秘密鍵、パスワードをお尋ねすることは決してなく、こちらから先にメッセージを送ることもありません。

ご協力ありがとうございました。
{{agent.name}}`,
	},
}
