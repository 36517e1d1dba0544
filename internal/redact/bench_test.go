package redact

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// benchProse is a realistic support message: several languages, amounts,
// an address, a transaction hash, no secret.
const benchProse = `Hello support team,

I want to transfer my USDT token to a friend but the network fee is high and the app says there is an error. I tried again this morning and it still shows pending. The transaction hash is 0x482c9cbc43435cc52eae05cf96d0cc5fd4c28c2e7c26847f0316909e3bbbe9ea and my address is 0x9118bb16000f49c81a358ca00d75985d99c94309. I sent 250 USDT on the TRON network from an exchange, then I switched to Ethereum because someone in the community said it would be faster. Now I can not find the tokens, the balance shows zero, and I am worried that I did something wrong. Could you check what happened and tell me how long it usually takes? I also want to know if I need more energy or bandwidth for the next transfer.
我在一个新的地方用手机打开了这个应用，然后发现有一些问题，是不是因为网络不好。转账已经过了两个小时还没有到账，手续费也扣了，请帮我看看是什么原因。
新しいウォレットを作成して、友達から送金してもらいましたが、まだ表示されません。どうすればいいですか。
Thank you very much for your help, I have been using this wallet for two years and I really like the design. Please add a feature to swap tokens across chains, also the wallet should support more network options and better security alerts. Last week I received a strange message from someone who said he was from your support and asked me to verify my wallet on a website. I did not do it, but I want to report it so that other users are careful.
`

// benchProseZH is Chinese prose that mentions phrases and keys at every
// turn: the text the prose score has the most work on.
const benchProseZH = `客服你好，我昨天晚上发现钱包里的USDT全被转走了，我从来没有把助记词告诉过任何人，私钥也没有导出过。
我只是在一个群里看到有人说可以免费领取空投，点进去以后它让我签名，我没有输入助记词，但是币还是没了。
请问是不是授权出了问题？我现在已经新建了钱包，新的助记词抄在纸上放在家里，剩下的币要怎么转过去？
助记词：放在家里的保险柜里，没有拍照也没有截图。我们家老人也不知道助记词是什么，应该没有泄露。
另外我想问一下，你们的客服会不会主动私信用户？有个人自称是官方客服，说我的钱包被冻结了，要助记词才能解冻。
`

func benchText(n int, extra string) string {
	return benchTextFrom(benchProse, n, extra)
}

func benchTextFrom(prose string, n int, extra string) string {
	var b strings.Builder
	for b.Len() < n-len(extra) {
		b.WriteString(prose)
	}
	s := b.String()[:n-len(extra)]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + extra
}

func BenchmarkRedact4KB(b *testing.B) {
	r := New()
	cases := []struct{ name, text string }{
		{"prose", benchText(4096, "")},
		{"phrase", benchText(4096, "\nMy recovery phrase is matrix lady april piece vacuum bamboo enforce grass credit glass cable pattern please check")},
		{"zh-prose", benchTextFrom(benchProseZH, 4096, "")},
		{"zh-phrase", benchTextFrom(benchProseZH, 4096, "\n我的助记词是：婚江鲜盐杆钱烈析膀讯怎聪")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				r.Redact(c.text)
			}
		})
	}
}
