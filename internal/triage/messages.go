package triage

// messageTemplate holds the requester-facing sentence of each reason code,
// written for someone who may have just lost money: say what we understood,
// what it means for how fast a person answers, and nothing that blames them.
// {term}, {amount} and {threshold} are filled from Reason.Params.
func messageTemplate(code string) template {
	switch code {
	case "secret_exposed":
		return template{
			"Your message contained a recovery phrase or private key. We removed it and did not store it, but it must be treated as compromised: this is critical, and a person will contact you within minutes. Move what is left to a NEW wallet now.",
			"您的消息中包含助记词或私钥。我们已将其删除且没有保存，但它必须被视为已泄露：此情况按最紧急处理，工作人员会在几分钟内联系您。请立即把剩余资产转到一个全新的钱包。",
			"メッセージにリカバリーフレーズまたは秘密鍵が含まれていました。削除し保存していませんが、漏えいしたものとして扱う必要があります。最優先で対応し、数分以内に担当者からご連絡します。残っている資産を今すぐ新しいウォレットへ移してください。",
		}
	case "secret_shared":
		return template{
			"You said your recovery phrase or private key reached someone else ({term}): anyone who has it can take your funds, so this is treated as critical.",
			"您提到助记词或私钥已被他人获得（{term}）：任何拿到它的人都能转走您的资产，因此按最紧急处理。",
			"リカバリーフレーズまたは秘密鍵が他人に渡ったとのこと（{term}）。それを持つ人は誰でも資産を動かせるため、最優先で対応します。",
		}
	case "fake_support_contact":
		return template{
			"You said someone is asking for your recovery phrase or key ({term}). Real support never asks for it: do not send it. This is treated as critical.",
			"您提到有人在索要您的助记词或私钥（{term}）。真正的客服绝不会索要：请不要发送。此情况按最紧急处理。",
			"誰かがリカバリーフレーズや秘密鍵を求めているとのこと（{term}）。本物のサポートがそれを求めることはありません。送らないでください。最優先で対応します。",
		}
	case "theft_reported":
		return template{
			"You said funds left your wallet without your approval ({term}): this is treated as critical, and a person will answer within minutes.",
			"您提到资产在未经您同意的情况下被转出（{term}）：此情况按最紧急处理，工作人员会在几分钟内回复您。",
			"ご自身の承認なしに資産が送金されたとのこと（{term}）。最優先で対応し、数分以内に担当者がお返事します。",
		}
	case "scam_reported":
		return template{
			"You said you were tricked into sending funds ({term}): this is treated as critical. Anyone who promises to recover them for a fee is another scam.",
			"您提到被骗转出了资产（{term}）：此情况按最紧急处理。任何声称收费帮您追回的人都是新的骗局。",
			"だまされて資産を送ってしまったとのこと（{term}）。最優先で対応します。手数料を払えば取り戻せると言う人は、別の詐欺です。",
		}
	case "address_poisoned":
		return template{
			"You said funds went to a look-alike address ({term}): this is treated as critical. Check the full address before every transfer, not only its start and end.",
			"您提到资产被转到了相似的假地址（{term}）：此情况按最紧急处理。每次转账前请核对完整地址，而不只是开头和结尾。",
			"よく似た偽のアドレスに送金してしまったとのこと（{term}）。最優先で対応します。送金前はアドレスの最初と最後だけでなく全体を確認してください。",
		}
	case "malicious_approval":
		return template{
			"You said you approved or signed something suspicious ({term}). While your funds are still there, they can be taken at any moment: this is treated as critical.",
			"您提到授权或签名了可疑的内容（{term}）。即使资产还在，也可能随时被转走：此情况按最紧急处理。",
			"怪しいものを承認または署名してしまったとのこと（{term}）。資産がまだ残っていても、いつ動かされてもおかしくないため、最優先で対応します。",
		}
	case "phrase_lost":
		return template{
			"You said your recovery phrase is lost ({term}) while the wallet holds funds: this is treated as high priority.",
			"您提到助记词丢失（{term}），而钱包中仍有资产：此情况按高优先级处理。",
			"資産があるウォレットのリカバリーフレーズを失くしたとのこと（{term}）。高い優先度で対応します。",
		}
	case "wrong_network":
		return template{
			"You said funds were sent on a different network than the receiver expected ({term}): they are usually not lost, and this is treated as high priority.",
			"您提到资产转到了对方不支持的网络上（{term}）：资产通常并未丢失，此情况按高优先级处理。",
			"受け取り側と違うネットワークで送ってしまったとのこと（{term}）。多くの場合、資産は失われていません。高い優先度で対応します。",
		}
	case "deposit_not_credited":
		return template{
			"You said an exchange deposit has not been credited ({term}): this is treated as high priority. Keep the transaction hash at hand.",
			"您提到交易所充值未到账（{term}）：此情况按高优先级处理。请准备好交易哈希。",
			"取引所への入金が反映されていないとのこと（{term}）。高い優先度で対応します。トランザクションハッシュをお手元にご用意ください。",
		}
	case "address_changed":
		return template{
			"You said the wallet shows a different address or balance after importing it ({term}): your funds are usually still at the old address, and this is treated as high priority.",
			"您提到导入钱包后地址或余额不一样（{term}）：资产通常仍在原来的地址上，此情况按高优先级处理。",
			"インポート後にアドレスや残高が違って表示されるとのこと（{term}）。多くの場合、資産は元のアドレスに残っています。高い優先度で対応します。",
		}
	case "wrong_address":
		return template{
			"You said funds went to a wrong address ({term}): this is treated as high priority.",
			"您提到资产转到了错误的地址（{term}）：此情况按高优先级处理。",
			"間違ったアドレスに送金してしまったとのこと（{term}）。高い優先度で対応します。",
		}
	case "funds_frozen":
		return template{
			"You said your funds or address are frozen ({term}): they are out of reach for now, so this is treated as high priority.",
			"您提到资产或地址被冻结（{term}）：资产暂时无法动用，此情况按高优先级处理。",
			"資産やアドレスが凍結されたとのこと（{term}）。現在動かせない状態のため、高い優先度で対応します。",
		}
	case "possible_loss_review":
		return template{
			"Your message may describe funds being lost or a recovery phrase reaching someone else. A person will check it urgently, within minutes; if nothing is at risk, just tell them.",
			"您的消息可能涉及资产被转走或助记词落入他人之手。工作人员会在几分钟内紧急核实；如果并没有风险，直接告诉工作人员即可。",
			"資産が失われた、またはリカバリーフレーズが他人に渡った可能性がある内容と判断しました。担当者が数分以内に至急確認します。危険がない場合は、その旨をお伝えください。",
		}
	case "amount_at_risk":
		return template{
			"About {amount} USD is at stake, at or above {threshold} USD: this is treated as high priority.",
			"涉及金额约 {amount} 美元，达到或超过 {threshold} 美元：此情况按高优先级处理。",
			"約 {amount} 米ドルが関わっており、{threshold} 米ドル以上のため、高い優先度で対応します。",
		}
	case "requester_urgent":
		return template{
			"You marked this request as urgent, so it is answered sooner.",
			"您将此请求标记为紧急，我们会更快回复。",
			"お急ぎの指定をいただいたため、優先してお返事します。",
		}
	case "transfer_pending":
		return template{
			"You said a transfer has not completed yet ({term}). Funds in a pending transfer are not lost.",
			"您提到有一笔转账尚未完成（{term}）。等待中的转账，资产并没有丢失。",
			"送金がまだ完了していないとのこと（{term}）。保留中の送金で資産が失われることはありません。",
		}
	case "fee_problem":
		return template{
			"You described a problem with network fees or resources ({term}). Your funds are not at risk.",
			"您描述的是网络手续费或资源的问题（{term}）。您的资产没有风险。",
			"ネットワーク手数料やリソースの問題とのこと（{term}）。資産に危険はありません。",
		}
	case "transfer_failed":
		return template{
			"You said a transfer failed ({term}). A failed transfer keeps your funds in your wallet; only the fee is spent.",
			"您提到转账失败（{term}）。失败的转账不会转走您的资产，只会扣除手续费。",
			"送金が失敗したとのこと（{term}）。失敗した送金では資産はウォレットに残り、手数料のみが消費されます。",
		}
	case "send_blocked":
		return template{
			"You said you cannot send from your wallet ({term}). Your funds are still there.",
			"您提到无法从钱包转出（{term}）。您的资产仍然在钱包里。",
			"ウォレットから送金できないとのこと（{term}）。資産はウォレットに残っています。",
		}
	case "swap_failed":
		return template{
			"You said a swap did not go through ({term}). We will check where the tokens are.",
			"您提到兑换没有成功（{term}）。我们会帮您确认代币的去向。",
			"スワップがうまくいかなかったとのこと（{term}）。トークンの所在を確認します。",
		}
	case "token_not_showing":
		return template{
			"You said a token or balance is not shown ({term}). This is usually a display setting: the funds are on the blockchain.",
			"您提到代币或余额不显示（{term}）。这通常只是显示设置问题，资产仍在链上。",
			"トークンや残高が表示されないとのこと（{term}）。多くは表示設定の問題で、資産はブロックチェーン上にあります。",
		}
	case "tx_not_found":
		return template{
			"You said a transaction cannot be found ({term}). We will check the network it was sent on.",
			"您提到查不到交易（{term}）。我们会核对它所在的网络。",
			"トランザクションが見つからないとのこと（{term}）。送信されたネットワークを確認します。",
		}
	case "import_error":
		return template{
			"You said importing the wallet fails ({term}). This is usually a spelling, word-count or language issue; never send us the words.",
			"您提到导入钱包失败（{term}）。这通常是拼写、单词数量或语言的问题；请勿把助记词发给我们。",
			"ウォレットのインポートに失敗するとのこと（{term}）。多くはつづり・単語数・言語の問題です。単語は絶対に送らないでください。",
		}
	case "connection_problem":
		return template{
			"You said a dApp or hardware wallet does not connect ({term}). Your funds are not at risk.",
			"您提到DApp或硬件钱包连接不上（{term}）。您的资产没有风险。",
			"DAppやハードウェアウォレットに接続できないとのこと（{term}）。資産に危険はありません。",
		}
	case "password_problem":
		return template{
			"You said there is a problem with your app password ({term}). With your recovery phrase you can always restore the wallet.",
			"您提到钱包密码有问题（{term}）。只要有助记词，您随时可以恢复钱包。",
			"アプリのパスワードに問題があるとのこと（{term}）。リカバリーフレーズがあれば、いつでもウォレットを復元できます。",
		}
	case "app_problem":
		return template{
			"You said the app misbehaves ({term}). Your funds are on the blockchain, not in the app.",
			"您提到应用出现异常（{term}）。您的资产在区块链上，而不在应用里。",
			"アプリの動作に問題があるとのこと（{term}）。資産はアプリではなくブロックチェーン上にあります。",
		}
	case "feature_request":
		return template{
			"Thank you for the suggestion: it goes to the team that plans the app.",
			"感谢您的建议，我们会转交给产品团队。",
			"ご提案ありがとうございます。開発チームに共有します。",
		}
	case "feedback":
		return template{
			"Thank you for your feedback.",
			"感谢您的反馈。",
			"フィードバックをありがとうございます。",
		}
	case "question_about":
		return template{
			"Your message reads as a question about {term}, not a report that it happened to you. If it did happen, reply and say so: it will be treated as critical.",
			"您的消息看起来是在咨询{term}，而不是告诉我们已经发生。如果确实已经发生，请回复说明，我们会按最紧急处理。",
			"{term}についてのご質問と判断しました。実際に起きている場合は、その旨をご返信ください。最優先で対応します。",
		}
	case "how_to_question":
		return template{
			"This is a how-to question; the suggested articles probably answer it right away.",
			"这是一个使用方法的问题，推荐的文章很可能可以马上解答。",
			"使い方についてのご質問です。おすすめの記事ですぐに解決できる可能性があります。",
		}
	case "general_inquiry":
		return template{
			"Nothing in your message suggests your funds are at risk; we will answer in order.",
			"您的消息中没有显示资产有风险，我们会按顺序回复。",
			"資産に危険がある様子は見られないため、順番にお返事します。",
		}
	}
	return template{}
}
