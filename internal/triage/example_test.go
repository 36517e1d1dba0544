package triage_test

import (
	"fmt"

	"github.com/walletdesk/walletdesk/internal/triage"
)

func ExampleClassifier_Classify() {
	c := triage.New(triage.Config{})
	for _, in := range []triage.Input{
		{Subject: "被盗", Body: "我的币被别人转走了", Locale: "zh-CN"},
		{Subject: "Question", Body: "What should I do if my wallet gets hacked?", Locale: "en"},
		{Subject: "保留", Body: "送金が保留中のまま", Locale: "ja"},
	} {
		res := c.Classify(in)
		fmt.Println(res.Severity, res.Topic, res.Reasons[0].Code)
		fmt.Println(res.Reasons[0].Message(in.Locale))
	}
	// Output:
	// S1 wallet-stolen theft_reported
	// 您提到资产在未经您同意的情况下被转出（“被盗”）：此情况按最紧急处理，工作人员会在几分钟内回复您。
	// S4 wallet-stolen question_about
	// Your message reads as a question about “hacked”, not a report that it happened to you. If it did happen, reply and say so: it will be treated as critical.
	// S3 transaction-pending transfer_pending
	// 送金がまだ完了していないとのこと（「保留中」）。保留中の送金で資産が失われることはありません。
}
