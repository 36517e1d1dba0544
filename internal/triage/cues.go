package triage

// cue is what a word says about the clause around an event term rather
// than about the event itself.
type cue uint8

const (
	cueNeg      cue = iota // negation before the term (English, Chinese)
	cueNegAfter            // negation after the term (Japanese)
	cueQuestion            // how-to or general question
	cueHypo                // hypothesis: "if", "如果", "もし"
	cuePrevent             // the user wants to avoid it
	cueReport              // the event happened: past or perfective, a time
	cueMine                // weak report: possession, wanting it back
	cueBreak               // a contrast word: the clause ends before it
	cueOther               // the event happened to someone else ("my friend", "听说")
	cueNeutral             // hides the shorter terms inside it ("not sure if", "不小心")
	cueRecent              // a recent time: someone else's loss this morning is a case to work now
	cueTrust               // asks whether someone can be trusted ("legit?", "靠谱吗", "信用できますか")
	cueRefuse              // a refusal with the object left out ("I didn't send it", "我没发")
	cueOngoing             // the contact is still going on ("still", "还在催", "今も")
	cueGeneric             // a general question, not one's own case ("in general", "一般", "ブログ記事用")
	cueCond                // a Japanese conditional (盗まれたら): hypothetical when the sentence asks
	numCues
)

func cueWords(c cue) []string {
	switch c {
	case cueNeg:
		return []string{
			"not", "never", "no", "don't", "dont", "didn't", "didnt", "did not", "doesn't", "does not",
			"haven't", "havent", "have not", "hasn't", "hasnt", "has not", "wasn't", "wasnt", "was not",
			"weren't", "were not", "isn't", "is not", "won't", "will not", "no one", "nobody",
			"neither", "nor", "without", "almost", "nearly", "nothing", "none",
			"没有", "没", "未", "并未", "从未", "从没", "从来没", "不是", "不会", "别", "不", "无", "并没有", "差点", "差一点",
			"没把", "没有把", "未把", "从没把", "从来没把",
			"险些", "危うく",
		}
	case cueNegAfter:
		return []string{
			"ていない", "ていません", "てない", "てません", "てはいない", "てはいません", "ことはない",
			"ことはありません", "ことがない", "ことがありません", "ない", "ません", "なかった", "ず",
			"ていな", "でない", "ではない", "じゃない",
		}
	case cueQuestion:
		return []string{
			"how do", "how to", "how can", "how should", "how does", "how would", "how is", "how are",
			"how much", "how long", "what is", "what are", "what's", "whats", "what does", "what happens",
			"what should", "what to do", "what can", "is it safe", "is it ok", "is it okay", "is it normal",
			"can i", "can you", "could i", "could you", "should i", "do i need", "do you", "does it",
			"does your", "will your", "will you", "will support", "would you", "are you", "any tips",
			"tips", "best way", "best practice*", "way to", "ways to", "explain", "difference between",
			"curious", "wondering", "question", "inquiry", "want to know", "like to know", "wanted to know", "guide", "tutorial", "help me understand", "where should",
			"where do", "where can", "which",
			"怎么", "如何", "怎样", "怎么样", "怎么办", "吗", "是否", "能否", "可以吗", "是什么", "什么意思",
			"有什么", "区别", "请问", "咨询", "什么是", "什么叫", "原理", "多久", "多长时间", "想知道", "想了解", "想问", "会不会", "能不能", "可不可以", "要怎么", "该怎么", "应该怎么", "哪些",
			"どうやって", "どうすれば", "どうしたら", "どうなり", "どうなる", "方法", "やり方", "仕方",
			"ますか", "ですか", "でしょうか", "とは", "何ですか", "何でしょう", "とは何", "何が違", "何をすれば",
			"何をしたら", "するには", "るには", "教えてください", "教えて下さい", "教えてほしい",
			"り方", "い方", "し方", "ち方", "き方", "み方", "び方", "え方", "け方", "せ方", "べ方",
			"知りたい", "ありますか", "できますか", "可能ですか", "違い", "見分け方", "質問", "問い合わせ",
			"どういう意味", "どういうこと", "仕組み", "って何", "てしまいますか", "ちゃいますか", "されますか",
			"られますか", "れますか",
		}
	case cueHypo:
		return []string{
			"if", "what if", "in case", "suppose", "supposing", "hypothetically", "whether",
			"should someone", "would someone", "could someone", "can someone", "can hackers",
			"can scammers", "could a hacker", "is it possible", "possible to", "in the event",
			// a question by inversion, or an intention: nothing has happened yet
			"can a", "could a", "can any", "would a", "will a", "why would", "how would", "what would",
			"want to give", "want to share", "planning to", "plan to", "going to give", "thinking of",
			"想把", "打算把", "准备把", "计划把", "想给", "打算给", "つもり", "ようと思",
			"如果", "假如", "万一", "要是", "假设", "的话", "是否", "一旦", "会怎样", "会怎么样", "会有什么",
			"会发生什么", "后果", "有什么影响", "ever",
			"もし", "場合", "としたら", "たらどう", "たらいい", "ればいい", "ればどう", "と、どう", "とどうなり",
			"万が一", "仮に",
		}
	case cuePrevent:
		return []string{
			"prevent", "protect", "avoid", "keep safe", "keep it safe", "keep my", "secure my",
			"safe from", "stay safe", "from getting", "from being", "precaution*", "not to get",
			"防止", "避免", "防范", "保护", "预防", "防盗", "以防",
			"防ぐ", "防止", "守る", "対策", "予防", "されないため", "ないため", "ないように",
		}
	case cueReport:
		return []string{
			"was", "were", "got", "gotten", "has been", "have been", "had been", "just", "already",
			"yesterday", "today", "tonight", "last night", "this morning", "ago", "earlier", "keeps",
			"i think", "i've", "ive", "happened",
			"了", "已经", "已", "刚才", "刚刚", "刚", "昨天", "今天", "今早", "昨晚", "早上", "半夜", "一直",
			"ました", "された", "されて", "られた", "られて", "てしまっ", "てしまい", "ちゃっ", "ちゃい",
			"昨日", "今朝", "昨夜", "さっき", "先ほど", "今日", "のですが", "んですが", "ています", "ている",
			"ていて",
		}
	case cueMine:
		return []string{
			"my", "mine", "me", "our", "get back", "get it back", "get them back", "recover", "retrieve",
			"refund", "reverse",
			"我的", "我", "找回", "追回", "取回", "要回",
			"私の", "自分の", "取り戻", "返金", "返して",
		}
	case cueBreak:
		return []string{
			"but", "however", "although", "though", "except",
			"但是", "但", "可是", "不过", "然而", "只是",
			"けど", "けれど", "が、", "ですが", "ものの",
		}
	case cueOther:
		return []string{
			"my friend", "my friend's", "a friend's", "friend of mine", "my brother",
			"my sister", "my dad", "my mom", "my mother", "my father", "my wife", "my husband",
			"my colleague", "someone i know", "people are", "other users", "many users", "news",
			"heard", "read about", "video", "article", "rumor", "reading about", "read that",
			"朋友的", "朋友被", "我朋友", "别人的", "听说", "新闻", "看到新闻", "有人说", "家人的", "同事的", "朋友领",
			"朋友在", "朋友用", "朋友钱包", "朋友也", "朋友之前", "朋友去年",
			"邻居", "同事", "我妹妹", "我姐姐", "我哥哥", "我弟弟", "我爸", "我妈", "我老公", "我老婆", "文章",
			"my neighbour", "my neighbor", "a neighbour", "a neighbor", "my coworker", "their ad", "an ad",
			"友達の", "友人の", "知り合いの", "家族の", "ニュース", "聞きました", "聞いた", "記事", "噂",
			"について読", "について聞", "の話を", "友人が", "友達が", "知人が", "知人の", "知り合いが",
			"隣人", "同僚が", "同僚の",
			// what everyone talks about: 经常听人说地址投毒…这是什么原理
			"hearing about", "hear about", "hear a lot about", "keep hearing", "听人说", "听别人说", "常听说", "经常听",
			"よく聞く", "よく聞きます", "耳にし", "という話",
		}
	case cueRecent:
		return []string{
			"just now", "right now", "this morning", "today", "tonight", "last night", "an hour ago",
			"hours ago", "minutes ago", "mins ago", "earlier today",
			"刚刚", "刚才", "今天", "今早", "今晚", "昨晚", "早上", "半夜", "凌晨",
			"さっき", "先ほど", "今朝", "昨夜", "今日", "今夜", "深夜", "朝起きたら",
		}
	case cueTrust:
		return []string{
			"legit", "legitimate", "trustworthy", "trust them", "reliable", "real or fake", "for real",
			"靠谱", "可靠吗", "可信吗", "可信", "能信吗", "是真的吗", "正规吗",
			"信用でき", "信頼でき", "本物ですか", "大丈夫な業者", "怪しくない",
		}
	case cueRefuse:
		return []string{
			"i didn't do it", "i didn't send it", "i didn't give it", "didn't send them",
			"i didn't send anything", "i refused", "i didn't reply", "i ignored",
			"ignored him", "ignored them", "ignored it", "blocked him", "blocked them", "blocked it",
			"i didn't install", "i did not install", "didn't install it", "我没装", "没有安装", "我没下载", "没有下载",
			"入れていません", "入れていない", "インストールしていません", "インストールしていない",
			"我没发", "没发", "我没给", "我没有发", "我没有给", "没给他", "没理他", "拒绝了", "拉黑了",
			"送っていません", "送っていない", "送ってない", "教えていません", "教えていない", "教えてない",
			"渡していません", "渡していない", "断りました", "断った", "無視しました", "ブロックしました",
		}
	case cueCond:
		return []string{"たら", "だら", "れば", "のとき", "の時", "際は"}
	case cueGeneric:
		return []string{
			"in general", "generally", "for a blog", "blog post", "for an article", "for a video", "hypothetically",
			"一般", "通常", "写文章", "做视频",
			"一般的に", "普通は", "ブログ", "記事用", "記事を書",
		}
	case cueOngoing:
		return []string{
			"still", "right now", "waiting", "keeps", "keep asking", "is asking", "are asking",
			"on the line", "on a call", "hurry",
			"还在", "一直", "催", "正在", "现在", "等我",
			"今も", "待って", "中です", "ています", "ている", "急かされ",
		}
	case cueNeutral:
		return append(jaRequests(),
			// Shorter cues hide inside these; they mean none of them.
			"not sure", "not only", "whether or not", "as if", "even if", "not sure if", "don't know if",
			"dont know if", "no idea", "wonder if", "check if", "see if", "grateful if", "appreciate if",
			"appreciate it if", "not urgent", "no problem",
			"no longer", "how this happened", "how they", "i have no",
			"不小心", "不知道", "不明", "不见", "不翼而飞", "不显示", "不到账", "不对", "不能", "不了", "不行",
			"不正", "不足", "不知", "不清楚", "不懂", "不够", "不上", "不出", "不会用", "未确认", "无效",
			"无法", "没反应", "不认识", "怎么不", "怎么没", "怎么还", "怎么回事", "怎么一直", "怎么又",
			"未承認", "承認待ち", "何も", "ではないか", "じゃないか", "ではないでしょうか", "かもしれない",
			"かもしれません", "のではない", "身に覚えのない", "知らない", "足りない", "できない", "見えない",
			"表示されない", "届かない", "反映されない", "着金しない", "私の場合",
			"不断", "不停", "不少", "不久", "不止", "不仅", "不管", "不用", "不知不觉", "不明不白", "没想到",
			"是不是", "是否", "没发现", "没发生", "没发出",
			"钱包", "代币", "blind signing", "told me to", "told me that", "told me the", "told me my", "told me it",
			// someone contacting the user is not the user sending a secret
			"messaged me", "texted me", "emailed me", "dmed me", "dm'd me",
			// a recovery service's pitch names no one's loss: "they can get back hacked crypto"
			"back hacked", "back stolen", "recover hacked", "recover stolen", "retrieve hacked", "retrieve stolen",
			// a tool that steals is a noun, not an event
			"盗币工具", "盗币软件", "盗币程序", "盗币脚本", "盗币网站", "盗币链接",
			"battery drain", "drains my battery", "draining my battery", "drains the battery",
			"draining the battery", "battery draining", "drains battery",
			"取消授权", "取消代币授权", "撤销授权",
			// Tokens one does not recognise that arrived are spam, not a theft:
			// 身に覚えのないトークンが届いた, "tokens I don't recognize showed up".
			"tokens i don't recognize", "token i don't recognize", "tokens i don't recognise", "token i don't recognise",
			"coins i don't recognize", "nfts i don't recognize", "nft i don't recognize", "tokens i didn't buy",
			"身に覚えのないトークン", "身に覚えのないコイン", "身に覚えのないnft", "身に覚えのないエアドロップ",
			"見覚えのないトークン", "見覚えのないコイン", "見覚えのないnft", "覚えのないトークン", "覚えのないコイン",
			"覚えのないnft", "覚えのないエアドロップ",
			// A zero-value transfer is the bait of address poisoning, not the
			// user's transfer: 零U转账诈骗, ゼロ円送金.
			"零u转账", "0u转账", "零转账", "0转账", "零元转账", "0元转账", "零值转账", "ゼロ送金", "0円送金", "ゼロ円送金",
			"0 usdtの送金", "0usdtの送金",
			// Nothing has happened (yet): not a button that does nothing.
			"今は何も起きていない", "まだ何も起きていない", "今のところ何も起きていない", "特に何も起きていない",
			// Incoming transfers are not thefts.
			"送られてき", "送ってき", "转来", "转给我", "打给我", "sent me", "sent to me", "transferred me", "transferred to me", "sent us", "别的", "特别", "识别", "分别",
			"级别", "right away", "straight away", "far away",
			// "tried to", not "if": スワップしようとしたら失敗した
			"うとしたら", "うとすると", "うとして",
			// a question put to someone else: 把助记词发出来问别人怎么导入
			"问别人怎么", "问人怎么", "问他怎么", "问他们怎么", "问群里怎么", "asked them how", "asked how",
		)
	}
	return nil
}
